//! Without a browser: `--format pdf` fails with the install hint; Markdown and HTML never need one.

use super::*;

/// The first activity of zerosix, for a `sheet`.
fn zerosix_activity() -> String {
    let register = ropa::load::load_register(Path::new(ZEROSIX)).unwrap();
    register.activities[0].item.id.clone()
}

#[test]
fn pdf_with_a_browser_that_does_not_exist_exits_2_with_the_install_hint() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    let output = ropa()
        .args([
            "render",
            "sheet",
            ZEROSIX,
            "--activity",
            &zerosix_activity(),
        ])
        .args(["--lang", "en", "--format", "pdf", "--as-of", AS_OF])
        .args(["--browser", "/nonexistent"])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("/nonexistent"), "{err}");
    assert!(err.contains("apt-get install chromium"), "{err}");
    assert!(err.contains("--browser"), "{err}");
    assert!(!out.exists(), "a PDF was written without a browser");
}

#[test]
fn pdf_without_a_browser_on_path_exits_2_with_the_install_hint() {
    let empty = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("register.pdf");
    let output = ropa()
        .env("PATH", empty.path())
        .args(["render", "register", ZEROSIX])
        .args(["--lang", "en", "--format", "pdf", "--as-of", AS_OF, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("apt-get install chromium"), "{err}");
    assert!(err.contains("--browser PATH"), "{err}");
    assert!(!out.exists(), "a PDF was written without a browser");
}

#[test]
fn markdown_and_html_never_need_a_browser() {
    let empty = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let activity = zerosix_activity();
    for format in ["md", "html"] {
        for (doc, activity) in [("sheet", Some(activity.as_str())), ("register", None)] {
            let out = dir.path().join(format!("{doc}.{format}"));
            let mut cmd = ropa();
            cmd.env("PATH", empty.path()).args(["render", doc, ZEROSIX]);
            if let Some(id) = activity {
                cmd.args(["--activity", id]);
            }
            let output = cmd
                .args(["--lang", "en", "--format", format, "--as-of", AS_OF, "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{doc} as {format} with an empty PATH: {}",
                stderr(&output)
            );
            let text = std::fs::read_to_string(&out).unwrap();
            assert!(text.len() > 200, "{doc} as {format} is almost empty");
        }
    }
}

/// The same register and `--as-of` give the same PDF bytes: the PDF's dates come from `--as-of`.
#[test]
fn pdf_is_reproducible() {
    if require_browser().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let register = Path::new("registers/zetapush");
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    render("subprocessors", register, None, "en", "pdf", &a);
    render("subprocessors", register, None, "en", "pdf", &b);
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(a.starts_with(b"%PDF-"));
    assert!(
        find(&a, b"/CreationDate (D:20261125000000").is_some(),
        "the creation date is not the --as-of date"
    );
    assert!(a == b, "two prints of the same document differ");
}
