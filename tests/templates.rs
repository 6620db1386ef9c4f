//! Templates a user overrides: a template or translation replaced by name, the register's own
//! `templates/` folder, errors that name the template and the line, ejected templates that render
//! exactly like the built-in ones, and the `sheet_body` function through which the register
//! renders its activities' bodies one at a time, in any order a template asks for them.

mod common;
use common::copy_dir;
use common::documents::{load, opts, with_templates};

use std::path::Path;

use ropa::model::Language;
use ropa::render::{self, Document, Format, RenderOptions};

const HOSTILE: &str = "tests/fixtures/hostile";

#[test]
fn a_user_template_overrides_the_built_in_one_by_name() {
    let register = load(HOSTILE);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sheet.md"),
        "CUSTOM {{ t.purposes }}: {{ activity.name }} {% include \"footer.md\" %}\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    std::fs::write(dir.path().join("i18n/en.json"), r#"{"purposes": "Aims"}"#).unwrap();
    let out = render::render(
        Document::Sheet,
        &register,
        None,
        None,
        &with_templates(dir.path(), Format::Md),
    )
    .unwrap();
    assert!(
        out.starts_with("CUSTOM Aims: Hostile \\<script\\>"),
        "{out}"
    );
    assert!(
        out.contains("golden-version"),
        "the built-in footer is still there: {out}"
    );
    // Other documents keep the built-in templates.
    let register_doc = render::render(
        Document::Register,
        &register,
        None,
        None,
        &with_templates(dir.path(), Format::Md),
    )
    .unwrap();
    assert!(register_doc.starts_with("# Record of processing activities"));
}

#[test]
fn the_register_templates_folder_is_used_without_an_option() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(HOSTILE), dir.path());
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/subprocessors.html"),
        "<p>{{ organisation.name }}</p>",
    )
    .unwrap();
    let register = load(dir.path().to_str().unwrap());
    let out = render::render(
        Document::Subprocessors,
        &register,
        None,
        None,
        &opts(Format::Html, Language::En),
    )
    .unwrap();
    assert_eq!(
        out,
        "<p>Evil &lt;script&gt;alert(1)&lt;/script&gt; | Corp {{ 7*7 }}</p>"
    );
}

#[test]
fn a_template_error_names_the_template_and_the_line() {
    let register = load(HOSTILE);
    // An error while rendering: a variable the view does not have.
    let message = error_with(
        &register,
        Document::Sheet,
        None,
        "sheet.md",
        "first line\n{{ activity.name }}\n{{ activity.no_such_field }}\n",
    );
    assert!(message.contains("sheet.md:3:"), "{message}");
    assert!(
        message.contains("(templates overridden from ") && message.ends_with(": sheet.md)"),
        "{message}"
    );
    // A syntax error.
    let message = error_with(
        &register,
        Document::Sheet,
        None,
        "sheet.md",
        "ok\nok\n{% if %}\n",
    );
    assert!(message.contains("sheet.md:3:"), "{message}");
}

#[test]
fn ejected_templates_render_exactly_like_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let written = render::eject(dir.path(), false).unwrap();
    assert_eq!(written.len(), render::EMBEDDED.len());
    for (name, text) in render::EMBEDDED {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            *text
        );
    }
    // A second eject refuses to overwrite, and writes nothing.
    std::fs::write(dir.path().join("sheet.md"), "edited").unwrap();
    let e = render::eject(dir.path(), false).unwrap_err();
    assert!(format!("{e:#}").contains("--force"), "{e:#}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sheet.md")).unwrap(),
        "edited"
    );
    render::eject(dir.path(), true).unwrap();

    let register = load("registers/zerosix");
    for format in [Format::Md, Format::Html] {
        for lang in [Language::En, Language::Fr] {
            let built_in = render::render(
                Document::Register,
                &register,
                None,
                None,
                &opts(format, lang),
            )
            .unwrap();
            let ejected = render::render(
                Document::Register,
                &register,
                None,
                None,
                &RenderOptions {
                    templates_dir: Some(dir.path().to_path_buf()),
                    draft_errors: 0,
                    ..opts(format, lang)
                },
            )
            .unwrap();
            assert!(built_in == ejected, "{format:?} {lang:?}");
        }
    }
}

/// The built-in register of `register` in `format`, English.
fn built_in(register: &ropa::model::Register, format: Format) -> String {
    render::render(
        Document::Register,
        register,
        None,
        None,
        &opts(format, Language::En),
    )
    .unwrap()
}

#[test]
fn sheet_body_gives_each_activity_its_body_in_any_order() {
    let register = load("registers/octopush");
    let dir = tempfile::tempdir().unwrap();
    // Processor records first, then controller records backwards, then one of them again with
    // another heading level: the bodies are those of the sheets, whatever the order.
    std::fs::write(
        dir.path().join("register.md"),
        "{% for a in processor_activities %}[{{ a.id }}]\n{{ sheet_body(id=a.id, h=\"##\") }}\n{% endfor %}\
         {% for a in controller_activities | reverse %}[{{ a.id }}]\n{{ sheet_body(id=a.id, h=\"##\") }}\n{% endfor %}\
         [again]\n{{ sheet_body(id=processor_activities[0].id, h=\"###\") }}",
    )
    .unwrap();
    let out = render::render(
        Document::Register,
        &register,
        None,
        None,
        &with_templates(dir.path(), Format::Md),
    )
    .unwrap();
    let full = built_in(&register, Format::Md);
    let mut ids = Vec::new();
    for (i, part) in out.split('[').skip(1).enumerate() {
        let (id, body) = part.split_once("]\n").unwrap();
        let body = body.strip_suffix('\n').unwrap_or(body);
        assert!(!body.trim().is_empty(), "{id}: empty body");
        if id == "again" {
            // Another level gives other headings: the variables of the call reach the body.
            assert!(body.contains("\n#### "), "{body}");
            assert!(!full.contains(body), "{body}");
        } else {
            // The built-in register holds the same body under the activity's heading.
            assert!(full.contains(body), "body {i} ({id}) is not the register's");
            ids.push(id.to_string());
        }
    }
    let mut expected: Vec<String> = register
        .activities
        .iter()
        .map(|a| a.item.id.clone())
        .collect();
    expected.sort();
    ids.sort();
    assert_eq!(ids, expected);
}

/// `document` of `register` with one template, `name` (its extension gives the format),
/// written as `text`: the error message when it fails.
fn error_with(
    register: &ropa::model::Register,
    document: Document,
    activity: Option<&str>,
    name: &str,
    text: &str,
) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let format = if name.ends_with(".html") {
        Format::Html
    } else {
        Format::Md
    };
    let options = with_templates(dir.path(), format);
    match render::render(document, register, activity, None, &options) {
        Ok(out) => panic!("{name} rendered: {out}"),
        Err(e) => format!("{e:#}"),
    }
}

#[test]
fn sheet_body_refuses_an_unknown_activity_and_a_sheet() {
    let register = load("registers/octopush");
    let message = error_with(
        &register,
        Document::Register,
        None,
        "register.html",
        "{{ sheet_body(id=\"no-such-activity\", l=3) }}",
    );
    assert!(
        message.contains("no activity `no-such-activity`") && message.contains("register.html:1:"),
        "{message}"
    );
    // In a sheet, the activity is `activity` already: the function says where it works.
    let message = error_with(
        &register,
        Document::Sheet,
        Some("user-accounts"),
        "sheet.html",
        "{{ sheet_body(id=activity.id, l=2) }}",
    );
    assert!(
        message.contains("only in the documents that list activities")
            && message.contains("not in a sheet"),
        "{message}"
    );
}

#[test]
fn a_register_template_that_still_includes_sheet_body_is_told_what_to_call() {
    let message = error_with(
        &load("registers/zerosix"),
        Document::Register,
        None,
        "register.md",
        "{% for activity in activities %}{% set h = \"##\" %}{% include \"sheet_body.md\" %}{% endfor %}",
    );
    assert!(message.contains("sheet_body.md:"), "{message}");
    assert!(
        message.contains("hint: the register's lists hold the activities' summaries")
            && message.contains("sheet_body(id=activity.id, h=\"##\")"),
        "{message}"
    );
}

#[test]
fn the_register_renders_on_a_worker_of_the_parallel_pool_whose_other_workers_are_busy() {
    // The bodies are rendered ahead on the parallel pool. Rendered from one of its workers while
    // every other worker is busy until the register is done, they must be rendered one at a
    // time rather than wait for a free worker forever. The busy workers give up after a minute,
    // so a deadlock fails the test instead of hanging it.
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};
    let register = load("registers/octopush");
    let (done, gave_up) = (AtomicBool::new(false), AtomicBool::new(false));
    let rendered = Mutex::new(None);
    rayon::scope(|s| {
        for _ in 1..rayon::current_num_threads() {
            s.spawn(|_| {
                let start = Instant::now();
                while !done.load(Ordering::SeqCst) {
                    if start.elapsed() > Duration::from_secs(60) {
                        gave_up.store(true, Ordering::SeqCst);
                        return;
                    }
                    std::thread::yield_now();
                }
            });
        }
        s.spawn(|_| {
            *rendered.lock().unwrap() = Some(built_in(&register, Format::Html));
            done.store(true, Ordering::SeqCst);
        });
    });
    assert!(
        !gave_up.load(Ordering::SeqCst),
        "the register waited for a worker of the pool"
    );
    assert_eq!(
        rendered.into_inner().unwrap(),
        Some(built_in(&register, Format::Html))
    );
}
