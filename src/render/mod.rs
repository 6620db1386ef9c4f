//! Documents made from a register: an activity's register sheet, the whole Art. 30 record, the
//! data-processing annex of a processor activity and the public list of sub-processors, in
//! Markdown or HTML (PDF is printed from the HTML by [`pdf`]), in English or French.
//!
//! Templates are tera 2 templates embedded from `templates/`; a user folder overrides any of them
//! by file name (see [`templates_dir`]). They receive a [`view::DocumentView`] and `t`, the
//! translation table of the language, and never see register text as template source: register
//! strings are only ever values, escaped for the format (HTML autoescape, or the Markdown escape
//! of [`markdown::escape`]).
//!
//! Nothing here reads the clock or the environment: the generation date and the register's
//! version come from the caller, so the same register and options give the same bytes.

pub mod map;
pub mod markdown;
pub mod notice;
pub mod pdf;
pub mod privacy_notice;
pub mod site;
pub mod typography;
pub mod view;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use chrono::NaiveDate;
use tera::{Kwargs, State, StringInput, Tera, Value};

use crate::model::{Activity, Language, Register, Vendor};
pub use view::Translations;

/// The documents `ropa render` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// One activity's register sheet (CNIL "fiche de registre").
    Sheet,
    /// The whole record of processing activities, controller and processor parts apart.
    Register,
    /// The data-processing annex of a processor activity (SCC 2021/915 Annexes I-IV).
    Annex,
    /// The public list of sub-processors.
    Subprocessors,
}

impl Document {
    /// Every document.
    pub const ALL: [Document; 4] = [
        Document::Sheet,
        Document::Register,
        Document::Annex,
        Document::Subprocessors,
    ];

    /// `sheet`, `register`, `annex` or `subprocessors`: the template's base name.
    pub fn name(self) -> &'static str {
        match self {
            Document::Sheet => "sheet",
            Document::Register => "register",
            Document::Annex => "annex",
            Document::Subprocessors => "subprocessors",
        }
    }

    /// The name with its indefinite article, for messages: "a sheet", "an annex".
    pub fn with_article(self) -> String {
        let name = self.name();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }

    /// Whether the document is about one activity (`sheet`, `annex`).
    pub fn per_activity(self) -> bool {
        matches!(self, Document::Sheet | Document::Annex)
    }
}

/// Output formats rendered by templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown (CommonMark with GitHub tables).
    Md,
    /// One self-contained HTML file.
    Html,
}

impl Format {
    /// The file extension and template suffix: `md` or `html`.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
        }
    }
}

/// How to render.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Output format.
    pub format: Format,
    /// Document language.
    pub lang: Language,
    /// Generation date printed in the document.
    pub as_of: NaiveDate,
    /// The register's version printed in the document (a commit, a date...).
    pub version: String,
    /// Folder of templates overriding the built-in ones by file name. When `None`, the
    /// register's own `templates/` folder is used if it exists.
    pub templates_dir: Option<PathBuf>,
    /// The errors the check finds in the register: when not zero, every document carries a
    /// "draft — N errors" banner (see [`draft_banner`]).
    pub draft_errors: usize,
}

/// The draft banner of a document rendered from a register whose check finds errors, in the
/// language of `t`; `None` when there are none.
pub fn draft_banner(t: &Translations, errors: usize) -> Option<String> {
    (errors > 0).then(|| tr(t, "draft_banner").replace("{count}", &errors.to_string()))
}

/// The built-in templates, translation tables and their documentation, by file name relative to
/// the templates folder. [`eject`] writes them out.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("README.md", include_str!("../../templates/README.md")),
    ("i18n/en.json", include_str!("../../templates/i18n/en.json")),
    ("i18n/fr.json", include_str!("../../templates/i18n/fr.json")),
    ("base.html", include_str!("../../templates/base.html")),
    ("sheet.html", include_str!("../../templates/sheet.html")),
    (
        "sheet_body.html",
        include_str!("../../templates/sheet_body.html"),
    ),
    (
        "register.html",
        include_str!("../../templates/register.html"),
    ),
    ("annex.html", include_str!("../../templates/annex.html")),
    (
        "subprocessors.html",
        include_str!("../../templates/subprocessors.html"),
    ),
    ("party.html", include_str!("../../templates/party.html")),
    (
        "organisation.html",
        include_str!("../../templates/organisation.html"),
    ),
    ("sheet.md", include_str!("../../templates/sheet.md")),
    (
        "sheet_body.md",
        include_str!("../../templates/sheet_body.md"),
    ),
    ("register.md", include_str!("../../templates/register.md")),
    ("annex.md", include_str!("../../templates/annex.md")),
    (
        "subprocessors.md",
        include_str!("../../templates/subprocessors.md"),
    ),
    ("party.md", include_str!("../../templates/party.md")),
    (
        "organisation.md",
        include_str!("../../templates/organisation.md"),
    ),
    ("footer.md", include_str!("../../templates/footer.md")),
    ("dpo.md", include_str!("../../templates/dpo.md")),
    ("dpo.html", include_str!("../../templates/dpo.html")),
    (
        "representative.md",
        include_str!("../../templates/representative.md"),
    ),
    (
        "representative.html",
        include_str!("../../templates/representative.html"),
    ),
    (
        "i18n/publish.en.json",
        include_str!("../../templates/i18n/publish.en.json"),
    ),
    (
        "i18n/publish.fr.json",
        include_str!("../../templates/i18n/publish.fr.json"),
    ),
    ("notice.html", include_str!("../../templates/notice.html")),
    ("notice.md", include_str!("../../templates/notice.md")),
    ("map.html", include_str!("../../templates/map.html")),
    ("site.html", include_str!("../../templates/site.html")),
    (
        "notice_fact.html",
        include_str!("../../templates/notice_fact.html"),
    ),
    (
        "notice_fact.md",
        include_str!("../../templates/notice_fact.md"),
    ),
    (
        "change_notice.md",
        include_str!("../../templates/change_notice.md"),
    ),
    (
        "change_notice.html",
        include_str!("../../templates/change_notice.html"),
    ),
];

/// Name of the folder, in a register, whose templates override the built-in ones.
pub const TEMPLATES_DIR: &str = "templates";

/// Render `document` for `register`.
///
/// `activity` names the activity of a `sheet` or `annex` (optional when the register has only
/// one that fits); for `subprocessors` it restricts the list to that activity's sub-processors.
/// `vendor` restricts any document to the activities that name that vendor, and the
/// sub-processors list to that vendor.
pub fn render(
    document: Document,
    register: &Register,
    activity: Option<&str>,
    vendor: Option<&str>,
    opts: &RenderOptions,
) -> anyhow::Result<String> {
    if let Some(id) = vendor
        && register.vendor(id).is_none()
    {
        let ids: Vec<String> = register.vendors.iter().map(|v| v.item.id.clone()).collect();
        bail!(
            "no vendor `{id}` in {}{}",
            register.root.join(crate::model::VENDORS_FILE).display(),
            suggestion(id, &ids)
        );
    }
    let eligible = eligible_activities(document, register, vendor);
    let mut single = None;
    let activities: Vec<&Activity> = match document {
        Document::Sheet | Document::Annex => {
            let a = select_activity(document, register, activity, &eligible)?;
            single = Some(a);
            vec![a]
        }
        Document::Register => {
            if let Some(id) = activity {
                bail!(
                    "--activity `{id}` does not apply to the register, which holds every activity; render `sheet` for one"
                );
            }
            eligible
        }
        Document::Subprocessors => match activity {
            Some(id) => vec![find_activity(register, id)?],
            None => eligible,
        },
    };
    let vendors: Vec<&Vendor> = if document == Document::Subprocessors {
        register
            .vendors
            .iter()
            .map(|v| &v.item)
            .filter(|v| v.role.is_processor())
            .filter(|v| vendor.is_none_or(|id| v.id == id))
            .filter(|v| {
                activity.is_none() || activities.iter().any(|a| view::uses_vendor(a, &v.id))
            })
            .collect()
    } else {
        Vec::new()
    };

    let dir = templates_dir(register, opts);
    let t = translations(opts.lang, dir.as_deref())?;
    let view = view::document(
        register,
        &t,
        &view::ViewOptions {
            document: document.name(),
            lang: opts.lang,
            format: opts.format.ext(),
            as_of: opts.as_of,
            version: &opts.version,
            activity: single,
            activities,
            vendors,
            vendor,
        },
    );
    // The register in HTML shows the data map of the activities it holds.
    let map = if document == Document::Register && opts.format == Format::Html {
        let filter = map::MapFilter {
            vendor: vendor.map(str::to_string),
            ..Default::default()
        };
        Some(map::map_svg(register, &filter, &t, opts.lang)?)
    } else {
        None
    };
    let title = match &view.activity {
        Some(a) => format!(
            "{}{} {}",
            tr(&t, &format!("{}_title", document.name())),
            tr(&t, "colon"),
            a.name
        ),
        None => tr(&t, &format!("{}_title", document.name())),
    };
    let print = PrintView::new(
        &t,
        document.name(),
        title,
        &view.organisation.full_name,
        opts,
    );
    render_template(
        document.name(),
        &view,
        &t,
        opts.format,
        dir.as_deref(),
        Extras {
            map: map.as_deref(),
            print: &print,
            french: opts.lang == Language::Fr,
            draft: draft_banner(&t, opts.draft_errors).as_deref(),
        },
    )
}

/// The organisation's name followed by its legal form (`Octopush SAS`), as documents name it.
pub(crate) fn full_name(register: &Register) -> String {
    let o = &register.config.item.organisation;
    match &o.legal_form {
        Some(form) if !o.name.ends_with(form.as_str()) => format!("{} {form}", o.name),
        _ => o.name.clone(),
    }
}

/// A translation; its key when the table lacks it.
fn tr(t: &Translations, key: &str) -> String {
    t.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// What the printed page shows around the document, and the PDF's metadata: in the context of
/// every HTML template as `print`.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct PrintView {
    /// The document's title.
    pub title: String,
    /// The organisation: the PDF's author.
    pub author: String,
    /// What the document is: the PDF's subject.
    pub subject: String,
    /// The running header of every printed page: title, organisation, version.
    pub header: String,
}

impl PrintView {
    /// The print view of document `name` (its subject is `print_subject_<name>`).
    pub fn new(
        t: &Translations,
        name: &str,
        title: String,
        organisation: &str,
        opts: &RenderOptions,
    ) -> PrintView {
        let header = format!(
            "{title} — {organisation} — {} {}",
            tr(t, "register_version"),
            view::version_text(&opts.version, opts.lang)
        );
        PrintView {
            title,
            author: organisation.to_string(),
            subject: tr(t, &format!("print_subject_{name}")),
            header,
        }
    }
}

/// What templates receive besides their view and `t`: the data map's SVG (`map`, `null` when
/// absent) and the print view (`print`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Extras<'a> {
    /// The SVG of a data map.
    pub map: Option<&'a str>,
    /// The print view.
    pub print: &'a PrintView,
    /// The document is in French: apply French spacing ([`typography::french`]).
    pub french: bool,
    /// The draft banner ([`draft_banner`]): in the context as `draft` (`null` when final); a
    /// Markdown document starts with it whatever its template.
    pub draft: Option<&'a str>,
}

/// The data map as an HTML page (printed to PDF by the caller when asked).
pub fn render_map_page(
    register: &Register,
    filter: &map::MapFilter,
    opts: &RenderOptions,
) -> anyhow::Result<String> {
    let dir = templates_dir(register, opts);
    let t = translations(opts.lang, dir.as_deref())?;
    let svg = map::map_svg(register, filter, &t, opts.lang)?;
    let page = map::MapPage::new(register, opts);
    let print = PrintView::new(
        &t,
        "map",
        tr(&t, "map_page_title"),
        &full_name(register),
        opts,
    );
    render_template(
        "map",
        &page,
        &t,
        Format::Html,
        dir.as_deref(),
        Extras {
            map: Some(&svg),
            print: &print,
            french: opts.lang == Language::Fr,
            draft: draft_banner(&t, opts.draft_errors).as_deref(),
        },
    )
}

/// Render the template `<name>.<format>` with `view` and the translation table `t`.
/// with the [`Extras`].
pub(crate) fn render_template<V: serde::Serialize>(
    name: &str,
    view: &V,
    t: &Translations,
    format: Format,
    dir: Option<&Path>,
    extras: Extras<'_>,
) -> anyhow::Result<String> {
    let (tera, overridden) = engine(format, dir)?;
    let mut context = tera::Context::from_serialize(view)
        .map_err(|e| anyhow!("cannot prepare the template context: {e}"))?;
    context.insert("t", t);
    context.insert("map", &extras.map);
    context.insert("print", extras.print);
    context.insert("draft", &extras.draft);
    let name = format!("{name}.{}", format.ext());
    let text = tera.render(&name, &context).map_err(|e| {
        anyhow!(
            "cannot render the template {name}: {}{}",
            tera_message(&e),
            overridden_note(dir, &overridden)
        )
    })?;
    Ok(finish(text, format, extras.french, extras.draft))
}

/// The last touches every rendered document gets, whatever its template: a Markdown document
/// starts with the draft banner (HTML shows it from `base.html`), and French text gets its
/// no-break spaces ([`typography::french`]).
pub(crate) fn finish(text: String, format: Format, french: bool, draft: Option<&str>) -> String {
    let text = match (draft, format) {
        (Some(draft), Format::Md) => format!("> **{}**\n\n{text}", markdown::escape(draft)),
        _ => text,
    };
    if french {
        typography::french(&text, format == Format::Html)
    } else {
        text
    }
}

/// The activities a document covers (before `--activity`): all of them, or for `annex` the
/// processor records; only those naming `vendor` when given. In register order.
pub fn eligible_activities<'r>(
    document: Document,
    register: &'r Register,
    vendor: Option<&str>,
) -> Vec<&'r Activity> {
    register
        .activities
        .iter()
        .map(|a| &a.item)
        .filter(|a| document != Document::Annex || !a.role.is_controller())
        .filter(|a| vendor.is_none_or(|v| view::uses_vendor(a, v)))
        .collect()
}

fn find_activity<'r>(register: &'r Register, id: &str) -> anyhow::Result<&'r Activity> {
    register.activity(id).map(|a| &a.item).ok_or_else(|| {
        let ids: Vec<String> = register
            .activities
            .iter()
            .map(|a| a.item.id.clone())
            .collect();
        anyhow!(
            "no activity `{id}` in {}{}",
            register.root.display(),
            suggestion(id, &ids)
        )
    })
}

fn select_activity<'r>(
    document: Document,
    register: &'r Register,
    activity: Option<&str>,
    eligible: &[&'r Activity],
) -> anyhow::Result<&'r Activity> {
    match activity {
        Some(id) => {
            let a = find_activity(register, id)?;
            if document == Document::Annex && a.role.is_controller() {
                bail!(
                    "`{id}` is a controller record: the annex describes processing carried out on behalf of a controller (Art. 28(3)), so it is made for processor activities; render `sheet` for this one"
                );
            }
            Ok(a)
        }
        None => match eligible {
            [one] => Ok(one),
            [] => bail!(
                "{} has no {} to render {} for",
                register.root.display(),
                if document == Document::Annex {
                    "processor activity"
                } else {
                    "activity"
                },
                document.with_article()
            ),
            many => bail!(
                "{} has {} activities for {}: name one with --activity ({}), or give -o DIR/ to write one file per activity",
                register.root.display(),
                many.len(),
                document.with_article(),
                many.iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    }
}

fn suggestion(word: &str, candidates: &[String]) -> String {
    match crate::suggest::closest(word, candidates) {
        Some(s) => format!("; did you mean `{s}`?"),
        None if candidates.is_empty() => String::new(),
        None => format!("; known: {}", candidates.join(", ")),
    }
}

/// The folder whose templates override the built-in ones: the option, else the register's
/// `templates/` folder when it exists.
pub fn templates_dir(register: &Register, opts: &RenderOptions) -> Option<PathBuf> {
    opts.templates_dir.clone().or_else(|| {
        let dir = register.root.join(TEMPLATES_DIR);
        dir.is_dir().then_some(dir)
    })
}

/// Whether `id` is safe in a file name: `^[a-z0-9][a-z0-9-]*$` (no `/`, no `..`, no dot).
pub fn is_safe_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The file name of a document: `<doc>-<id>.<lang>.<ext>` for one activity, `<doc>.<lang>.<ext>`
/// otherwise. Fails for an id that could escape the output folder.
pub fn output_file_name(
    document: Document,
    activity: Option<&str>,
    lang: Language,
    ext: &str,
) -> anyhow::Result<String> {
    let lang = view::lang_code(lang);
    match activity {
        Some(id) if !is_safe_id(id) => bail!(
            "activity id `{}` cannot be used in a file name: ids are lower-case letters, digits and dashes",
            id.escape_debug()
        ),
        Some(id) => Ok(format!("{}-{id}.{lang}.{ext}", document.name())),
        None => Ok(format!("{}.{lang}.{ext}", document.name())),
    }
}

/// The translation table of `lang`: the built-in one, with the keys of
/// `<dir>/i18n/<lang>.json` laid over it when that file exists.
pub fn translations(lang: Language, dir: Option<&Path>) -> anyhow::Result<Translations> {
    let code = view::lang_code(lang);
    let builtin = EMBEDDED
        .iter()
        .find(|(name, _)| *name == format!("i18n/{code}.json"))
        .map(|(_, text)| *text)
        .unwrap_or("{}");
    let mut table = parse_translations(builtin, Path::new(&format!("templates/i18n/{code}.json")))?;
    // The labels of the published documents (notice, map, site), kept in a table of their own.
    let publish = format!("i18n/publish.{code}.json");
    if let Some((_, text)) = EMBEDDED.iter().find(|(name, _)| *name == publish) {
        table.extend(parse_translations(
            text,
            Path::new(&format!("templates/{publish}")),
        )?);
    }
    if let Some(dir) = dir {
        let path = dir.join("i18n").join(format!("{code}.json"));
        if path.is_file() {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            table.extend(parse_translations(&text, &path)?);
        }
    }
    Ok(table)
}

fn parse_translations(text: &str, path: &Path) -> anyhow::Result<Translations> {
    let value: serde_json::Value = serde_json::from_str(text)
        .with_context(|| format!("{} is not valid JSON", path.display()))?;
    let serde_json::Value::Object(map) = value else {
        bail!(
            "{} must be a JSON object of translations (key: text)",
            path.display()
        );
    };
    let mut table = Translations::new();
    for (key, value) in map {
        match value {
            serde_json::Value::String(s) => {
                table.insert(key, s);
            }
            _ => bail!(
                "{}: the translation `{key}` must be a string",
                path.display()
            ),
        }
    }
    Ok(table)
}

/// The templates of a format: the built-in ones, overridden and completed by the files of the
/// same extension in `dir`.
fn engine(format: Format, dir: Option<&Path>) -> anyhow::Result<(Tera, BTreeSet<String>)> {
    let suffix = format!(".{}", format.ext());
    let mut templates: Vec<(String, String)> = EMBEDDED
        .iter()
        .filter(|(name, _)| name.ends_with(&suffix) && *name != "README.md")
        .map(|(name, text)| (name.to_string(), strip_final_newline(text).to_string()))
        .collect();
    let mut overridden = BTreeSet::new();
    if let Some(dir) = dir {
        let entries = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the templates folder {}", dir.display()))?;
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(&suffix) && !n.starts_with('.'))
            })
            .collect();
        files.sort();
        for path in files {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            if name == "README.md" {
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read the template {}", path.display()))?;
            templates.retain(|(n, _)| *n != name);
            templates.push((name.clone(), strip_final_newline(&text).to_string()));
            overridden.insert(name);
        }
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![""]);
    match format {
        Format::Html => {
            tera.register_filter("br", html_br);
            tera.register_filter("md", md_filter);
            tera.register_filter("css_string", css_string);
        }
        Format::Md => {
            tera.set_escape_fn(md_escape);
            tera.register_filter("br", md_filter);
            tera.register_filter("md", md_filter);
        }
    }
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| {
            anyhow!(
                "error in the templates: {}{}",
                tera_message(&e),
                overridden_note(dir, &overridden)
            )
        })?;
    Ok((tera, overridden))
}

/// A tera error as text, without tera's own `error: ` prefix.
fn tera_message(e: &tera::Error) -> String {
    let text = e.to_string();
    text.strip_prefix("error: ").unwrap_or(&text).to_string()
}

/// Which templates came from the user's folder, to say where to look.
fn overridden_note(dir: Option<&Path>, overridden: &BTreeSet<String>) -> String {
    match dir {
        Some(dir) if !overridden.is_empty() => format!(
            "\n(templates overridden from {}: {})",
            dir.display(),
            overridden.iter().cloned().collect::<Vec<_>>().join(", ")
        ),
        _ => String::new(),
    }
}

/// A template without the line break that ends its file, as Jinja does by default, so that an
/// included partial does not add an empty line.
fn strip_final_newline(text: &str) -> &str {
    text.strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text)
}

/// The Markdown escape as tera's autoescape function.
fn md_escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(markdown::escape(input).as_bytes())
}

/// `md` filter: escape a value for Markdown (already-escaped values pass through).
fn md_filter(value: StringInput, _: Kwargs, _: &State) -> Value {
    if value.is_safe() {
        value.into_value()
    } else {
        Value::safe_string(&markdown::escape(value.as_str()))
    }
}

/// `css_string` filter: a value as the inside of a double-quoted CSS string, for the `content`
/// of the printed page's margin boxes. Quotes and backslashes are escaped, line breaks become
/// spaces, and `<`, `>` and `&` are written as CSS escapes so that nothing closes the style sheet.
fn css_string(value: StringInput, _: Kwargs, _: &State) -> Value {
    let mut out = String::with_capacity(value.as_str().len());
    for c in value.as_str().chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            '&' => out.push_str("\\26 "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    Value::safe_string(&out)
}

/// `br` filter for HTML: escape a value and turn its line breaks into `<br>`.
fn html_br(value: StringInput, _: Kwargs, state: &State) -> tera::TeraResult<Value> {
    let escaped = if value.is_safe() {
        value.as_str().to_string()
    } else {
        state.escape(value.as_str())?
    };
    let text = escaped.replace("\r\n", "\n").replace('\r', "\n");
    Ok(Value::safe_string(&text.replace('\n', "<br>\n")))
}

/// Write the built-in templates, translation tables and README into `dir`, atomically. Refuses
/// to overwrite an existing file unless `force`; then nothing is written. Returns the files
/// written.
pub fn eject(dir: &Path, force: bool) -> anyhow::Result<Vec<PathBuf>> {
    let paths: Vec<(PathBuf, &str)> = EMBEDDED
        .iter()
        .map(|(name, text)| (dir.join(name), *text))
        .collect();
    if !force {
        let existing: Vec<String> = paths
            .iter()
            .filter(|(p, _)| p.exists())
            .map(|(p, _)| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            bail!(
                "{} already exist{}: {}; pass --force to overwrite",
                if existing.len() == 1 {
                    "a file"
                } else {
                    "files"
                },
                if existing.len() == 1 { "s" } else { "" },
                existing.join(", ")
            );
        }
    }
    let mut written = Vec::new();
    for (path, text) in paths {
        crate::output::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_could_escape_the_folder_are_refused() {
        assert!(is_safe_id("gestion-du-service-zerosix"));
        assert!(is_safe_id("a1"));
        for bad in ["", "../x", "a/b", "..", "A", "-a", "a.b", "a b", "a\\b"] {
            assert!(!is_safe_id(bad), "{bad:?}");
        }
        assert_eq!(
            output_file_name(Document::Sheet, Some("x-1"), Language::Fr, "md").unwrap(),
            "sheet-x-1.fr.md"
        );
        assert!(output_file_name(Document::Annex, Some("../etc"), Language::En, "html").is_err());
        assert_eq!(
            output_file_name(Document::Register, None, Language::En, "pdf").unwrap(),
            "register.en.pdf"
        );
    }

    #[test]
    fn translation_tables_have_the_same_keys() {
        let en = translations(Language::En, None).unwrap();
        let fr = translations(Language::Fr, None).unwrap();
        let en_keys: Vec<_> = en.keys().collect();
        let fr_keys: Vec<_> = fr.keys().collect();
        assert_eq!(en_keys, fr_keys);
    }

    #[test]
    fn every_translation_used_by_a_template_exists() {
        let en = translations(Language::En, None).unwrap();
        for (name, text) in EMBEDDED {
            let mut rest = *text;
            while let Some(i) = rest.find("t.") {
                let before = rest[..i].chars().last();
                rest = &rest[i + 2..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !key.is_empty() && name.ends_with(".md") | name.ends_with(".html") {
                    assert!(en.contains_key(&key), "{name} uses t.{key}");
                }
            }
        }
    }

    #[test]
    fn the_built_in_templates_compile() {
        assert!(engine(Format::Md, None).unwrap().1.is_empty());
        assert!(engine(Format::Html, None).unwrap().1.is_empty());
    }
}
