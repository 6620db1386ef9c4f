//! The templates and translation tables: the built-in ones embedded from `templates/`, a user
//! folder overriding them by file name, the tera engine of each format with its filters, and
//! `ropa templates eject`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use tera::{Kwargs, State, StringInput, Tera, Value};

use super::{Format, RenderOptions, Translations, markdown, view};
use crate::model::{Language, Register};

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

/// The folder whose templates override the built-in ones: the option, else the register's
/// `templates/` folder when it exists.
pub fn templates_dir(register: &Register, opts: &RenderOptions) -> Option<PathBuf> {
    opts.templates_dir.clone().or_else(|| {
        let dir = register.root.join(TEMPLATES_DIR);
        dir.is_dir().then_some(dir)
    })
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
pub(crate) fn engine(
    format: Format,
    dir: Option<&Path>,
) -> anyhow::Result<(Tera, BTreeSet<String>)> {
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
            tera.set_escape_fn(html_escape);
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
    tera.register_function("sheet_body", super::bodies::sheet_body);
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
pub(crate) fn tera_message(e: &tera::Error) -> String {
    let text = e.to_string();
    text.strip_prefix("error: ").unwrap_or(&text).to_string()
}

/// Which templates came from the user's folder, to say where to look.
pub(crate) fn overridden_note(dir: Option<&Path>, overridden: &BTreeSet<String>) -> String {
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

/// The HTML escape as tera's autoescape function: every register value enters an HTML document
/// through it (or through the filters, which call it). Control and bidirectional characters are
/// shown by their code point (`[U+202E]`), never written raw.
fn html_escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_html_into(&crate::controls::visible(input), out)
}

/// `&`, `<`, `>`, `"` and `'` written as entities, the same bytes as `tera::escape_html`, which
/// makes one call of the writer per byte; this one writes each run of plain text in one call.
fn escape_html_into(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut plain = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
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
            c if c.is_control() || crate::controls::is_bidi(c) => out.push(' '),
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
    if !escaped.contains(['\r', '\n']) {
        return Ok(Value::safe_string(&escaped));
    }
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
                "{}: {}; pass --force to overwrite",
                crate::output::already_exist(&existing),
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

    /// The HTML escape writes the bytes of tera's own, for every ASCII character and for text
    /// around and between the characters it escapes.
    #[test]
    fn html_escape_writes_teras_bytes() {
        let mut texts: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        texts.extend(
            [
                "",
                "plain",
                "l'activité « données » & <b>\"x\"</b>",
                "&&<<>>''\"\"",
                "début <fin",
                "é&é",
            ]
            .map(String::from),
        );
        texts.push(texts.concat());
        for text in &texts {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html_into(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(ours, teras, "{text:?}");
        }
    }

    /// Labels are printed in documents: one kind of apostrophe, the typographic one (’), in
    /// both languages, never the typewriter one between two letters.
    #[test]
    fn translation_tables_write_one_kind_of_apostrophe() {
        let mut typographic = 0;
        for (name, text) in EMBEDDED.iter().filter(|(n, _)| n.starts_with("i18n/")) {
            let chars: Vec<char> = text.chars().collect();
            let typewriter = chars
                .windows(3)
                .filter(|w| w[1] == '\'' && w[0].is_alphabetic() && w[2].is_alphabetic())
                .count();
            assert_eq!(typewriter, 0, "{name}");
            typographic += text.matches('’').count();
        }
        assert!(
            typographic > 30,
            "the tables hold French labels with apostrophes"
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
