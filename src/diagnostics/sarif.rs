//! The SARIF 2.1.0 format, for code-scanning services (GitHub code scanning, GitLab, Azure DevOps).
//!
//! One run whose driver documents every code of the catalogue it is given (summary, documentation,
//! default level, tags for its GDPR articles and area, a link to its section of the rule
//! reference), and one result per finding with its level, its location relative to the
//! repository's root, a fingerprint that survives edits elsewhere in the file and a change of
//! directory, and a suppression with its justification when a waiver covers it. The output
//! depends only on the report and the root: no clock, no absolute paths, no hash-map order.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value, json};

use super::{Diagnostic, Report, Severity};
use crate::catalogue::{Catalogue, Code};

/// Where the SARIF 2.1.0 JSON Schema is published.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";
/// The base every relative artifact URI is resolved against: the folder `ropa check` ran in.
pub const SRCROOT: &str = "%SRCROOT%";
/// The key of ropa's partial fingerprint; bump the suffix if the hashed fields ever change.
pub const FINGERPRINT_KEY: &str = "ropa/v2";
/// The run's `automationDetails.id`: the category of the analysis, so that code scanning keeps
/// ropa's results apart from other tools' and tracks them from one run to the next.
pub const AUTOMATION_ID: &str = "ropa/check/";

/// The tool's web page, from the package's `homepage` or `repository`, if either is set.
const INFORMATION_URI: Option<&str> =
    first_set(env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY"));

/// The first of two package fields that is not empty.
const fn first_set(a: &'static str, b: &'static str) -> Option<&'static str> {
    if !a.is_empty() {
        Some(a)
    } else if !b.is_empty() {
        Some(b)
    } else {
        None
    }
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The report as a SARIF log, its paths relative to the current directory, without help links.
pub fn to_value(report: &Report, catalogue: &Catalogue) -> Value {
    to_value_in(report, catalogue, Path::new("."), None)
}

/// The report as a SARIF log whose artifact URIs are relative to `root` (the repository's top
/// level): the same whatever directory `ropa check` ran in and however the path was written.
/// With `help_base` (the address of the rule reference), each rule links to its section.
pub fn to_value_in(
    report: &Report,
    catalogue: &Catalogue,
    root: &Path,
    help_base: Option<&str>,
) -> Value {
    let rules: Vec<Value> = catalogue
        .codes()
        .iter()
        .map(|m| rule_descriptor(m, help_base))
        .collect();
    let places = Places::new(report, root);
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(d, catalogue.position(d.code), &places))
        .collect();
    let mut driver = Map::new();
    driver.insert("name".into(), json!("ropa"));
    driver.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
    if let Some(uri) = INFORMATION_URI {
        driver.insert("informationUri".into(), json!(uri));
    }
    driver.insert("rules".into(), Value::Array(rules));
    json!({
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": { "driver": driver },
            "automationDetails": { "id": AUTOMATION_ID },
            // Columns count characters, as everywhere in ropa.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The report as pretty-printed SARIF with a final newline.
pub fn render(report: &Report, catalogue: &Catalogue) -> String {
    let mut bytes = Vec::new();
    let _ = super::json::write_pretty(&mut bytes, &to_value(report, catalogue));
    bytes.push(b'\n');
    String::from_utf8(bytes).unwrap_or_default()
}

/// Write the report as pretty-printed SARIF with a final newline to `out`, its URIs relative to
/// `root` and its rules linked to `help_base` (see [`to_value_in`]).
pub fn write(
    report: &Report,
    catalogue: &Catalogue,
    root: &Path,
    help_base: Option<&str>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let log = to_value_in(report, catalogue, root, help_base);
    super::json::write_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

/// Where the files of a report are: relative to the repository's root for URIs, relative to
/// their register for fingerprints.
struct Places {
    /// The root, absolute and with links resolved.
    root: PathBuf,
    /// The current directory, to make relative paths absolute.
    current: PathBuf,
    /// The registers' folders, as the report names them.
    registers: HashSet<PathBuf>,
}

impl Places {
    fn new(report: &Report, root: &Path) -> Self {
        let current = std::env::current_dir().unwrap_or_default();
        Places {
            root: real(&current, root),
            current,
            registers: report.registers.iter().cloned().collect(),
        }
    }

    /// A file's path relative to the root, with forward slashes; as written (without a leading
    /// slash) if it lies outside the root.
    fn uri_path(&self, file: &Path) -> String {
        let absolute = real(&self.current, file);
        match absolute.strip_prefix(&self.root) {
            Ok(relative) => slash_path(relative),
            Err(_) => slash_path(file).trim_start_matches('/').to_string(),
        }
    }

    /// A file's path relative to the folder of the register that holds it (the nearest one),
    /// whatever the current directory or the spelling of the path.
    fn register_path(&self, file: &Path) -> String {
        let register = file
            .ancestors()
            .skip(1)
            .find(|dir| self.registers.contains(*dir));
        match register.and_then(|r| file.strip_prefix(r).ok()) {
            Some(relative) => slash_path(relative),
            None => file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

/// `path` made absolute against `current`, links resolved when it exists, `.` and `..` removed.
fn real(current: &Path, path: &Path) -> PathBuf {
    let absolute = current.join(path);
    std::fs::canonicalize(&absolute).unwrap_or_else(|_| {
        let mut out = PathBuf::new();
        for c in absolute.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    })
}

fn rule_descriptor(m: &Code, help_base: Option<&str>) -> Value {
    let documentation = m.documentation();
    let full = section(&documentation, "What it checks").unwrap_or_else(|| m.summary.to_string());
    let mut descriptor = json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": full },
        "help": { "text": documentation, "markdown": documentation },
        "defaultConfiguration": { "level": level(m.default_severity) },
        "properties": { "tags": tags(m) },
    });
    if let Some(uri) = help_uri(help_base, m.code) {
        descriptor["helpUri"] = json!(uri);
    }
    descriptor
}

/// The link to a code's section of the rule reference published at `base` (`--help-uri`, for
/// example the blob URL of src/rules/REFERENCE.md in a repository): the anchor of the code's
/// heading (`## RP400` is `#rp400`). None without a base: ropa has no address of its own.
fn help_uri(base: Option<&str>, code: &str) -> Option<String> {
    let base = base?.split('#').next().unwrap_or_default();
    let anchor = code.to_ascii_lowercase();
    Some(format!("{base}#{anchor}"))
}

/// The area of a code, from its hundred: the folder of `src/rules` its rule lives in.
fn area(code: &str) -> &'static str {
    match code.get(2..4) {
        Some("02") => "references",
        Some("01") if code >= crate::catalogue::text::CONTROL_CHARACTER.code => "text",
        Some(h) if h.starts_with('0') => "loading",
        Some(h) => match h.as_bytes()[0] {
            b'1' => "completeness",
            b'2' => "lawfulness",
            b'3' => "special-data",
            b'4' => "retention",
            b'5' => "transfers",
            b'6' => "processors",
            b'7' => "dpia",
            b'8' => "reviews",
            b'9' => "policy",
            _ => "other",
        },
        None => "other",
    }
}

/// The tags of a code: `gdpr`, its area (`area/retention`) and each GDPR article its
/// documentation cites (`gdpr/art-30`), in order of the article's number.
fn tags(m: &Code) -> Vec<String> {
    let mut articles: Vec<u32> = Vec::new();
    for (i, _) in m.doc.match_indices("Art. ") {
        let digits: String = m.doc[i + 5..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = digits.parse::<u32>()
            && !articles.contains(&n)
        {
            articles.push(n);
        }
    }
    articles.sort_unstable();
    let mut tags = vec!["gdpr".to_string(), format!("area/{}", area(m.code))];
    tags.extend(articles.into_iter().map(|n| format!("gdpr/art-{n}")));
    tags
}

/// The text of a `## heading` section of a rule's documentation, as one paragraph.
fn section(documentation: &str, heading: &str) -> Option<String> {
    let mut lines = documentation.lines();
    lines.find(|l| l.strip_prefix("## ").map(str::trim) == Some(heading))?;
    let text = lines
        .take_while(|l| !l.starts_with("## "))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then_some(text)
}

fn result(d: &Diagnostic, rule_index: Option<usize>, places: &Places) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(d.code.code));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(d.severity)));
    let text = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    r.insert("message".into(), json!({ "text": text }));
    if let Some(file) = &d.file {
        let mut artifact = Map::new();
        artifact.insert("uri".into(), json!(percent_encode(&places.uri_path(file))));
        artifact.insert("uriBaseId".into(), json!(SRCROOT));
        let mut physical = Map::new();
        physical.insert("artifactLocation".into(), Value::Object(artifact));
        if let Some(p) = d.position {
            physical.insert(
                "region".into(),
                json!({ "startLine": p.line.max(1), "startColumn": p.column.max(1) }),
            );
        }
        r.insert(
            "locations".into(),
            json!([{ "physicalLocation": Value::Object(physical) }]),
        );
    }
    r.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: fingerprint(d, &places.register_path_of(d)) }),
    );
    if let Some(w) = &d.waiver {
        r.insert(
            "suppressions".into(),
            json!([{
                "kind": "external",
                "status": "accepted",
                "justification": format!(
                    "{} (approved by {}, until {})",
                    w.reason, w.approved_by, w.expires
                ),
            }]),
        );
    }
    Value::Object(r)
}

impl Places {
    fn register_path_of(&self, d: &Diagnostic) -> String {
        d.file
            .as_deref()
            .map(|f| self.register_path(f))
            .unwrap_or_default()
    }
}

/// A stable fingerprint of a finding: FNV-1a (64 bits), in hexadecimal, of its code, its file's
/// path relative to its register (`register_path`), its JSON pointer and a discriminator: its
/// message with every run of digits made `#`. The line is left out, so the fingerprint survives
/// edits above the finding; the current directory and the spelling of the path are left out,
/// so it survives CI changing directory; the discriminator tells apart findings of one rule at
/// one place (RP101 lists each missing item of a record), while numbers that move with the
/// check date (`is after the check date 2026-11-25`) or the layout do not change it.
pub fn fingerprint(d: &Diagnostic, register_path: &str) -> String {
    let pointer = d.pointer.as_deref().unwrap_or_default();
    let discriminator = without_digits(&d.message);
    let mut hash = Fnv1a::new();
    for part in [d.code.code, register_path, pointer, discriminator.as_str()] {
        hash.write(part.as_bytes());
        // A separator that cannot occur in the parts, so that ("ab", "c") != ("a", "bc").
        hash.write(&[0]);
    }
    format!("{:016x}", hash.finish())
}

/// A text with every run of ASCII digits replaced by one `#`.
fn without_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_digits = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

/// The 64-bit FNV-1a hash.
struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Fnv1a(Self::OFFSET_BASIS)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A path with forward slashes and without a leading `./`, as shown in CI annotations.
pub(crate) fn slash_path(path: &Path) -> String {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    match parts.as_slice() {
        [] => ".".to_string(),
        // A lone root component: the root directory itself.
        [root] if root.is_empty() => "/".to_string(),
        _ => parts.join("/"),
    }
}

/// Percent-encode everything but unreserved characters (RFC 3986), `/`, and a drive's colon.
fn percent_encode(s: &str) -> String {
    // `C:/` of a Windows drive keeps its colon.
    let drive = matches!(s.as_bytes(), [letter, b':', b'/', ..] if letter.is_ascii_alphabetic());
    let mut out = String::with_capacity(s.len());
    for (i, b) in s.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (b == b':' && i == 1 && drive);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{loading, policy, references};
    use crate::source::Position;

    fn finding() -> Diagnostic {
        Diagnostic::new(&loading::FILE_NAME_MISMATCH, "vendor `x` does not exist")
            .severity(Severity::Error)
            .at(
                std::path::Path::new("registers/a/activities/b.yaml"),
                "/recipients/0/vendor",
            )
    }

    #[test]
    fn fnv1a_matches_reference_vectors() {
        let hash = |s: &str| {
            let mut h = Fnv1a::new();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fingerprint_ignores_position_and_dates_but_not_pointer_or_message() {
        let path = "activities/b.yaml";
        let a = finding();
        let mut moved = finding();
        moved.position = Some(Position::new(40, 3));
        assert_eq!(fingerprint(&a, path), fingerprint(&moved, path));
        let other = finding().at(
            std::path::Path::new("registers/a/activities/b.yaml"),
            "/recipients/1/vendor",
        );
        assert_ne!(fingerprint(&a, path), fingerprint(&other, path));
        let mut said_otherwise = finding();
        said_otherwise.message = "vendor `y` does not exist".into();
        assert_ne!(fingerprint(&a, path), fingerprint(&said_otherwise, path));
        let mut later = finding();
        later.message = "vendor `x` does not exist on 2027-01-02".into();
        let mut earlier = finding();
        earlier.message = "vendor `x` does not exist on 2026-11-25".into();
        assert_eq!(fingerprint(&later, path), fingerprint(&earlier, path));
        assert_eq!(fingerprint(&a, path).len(), 16);
    }

    #[test]
    fn uris_are_relative_to_the_root_with_forward_slashes_and_encoded() {
        let places = Places {
            root: PathBuf::from("/srv/repo"),
            current: PathBuf::from("/srv/repo/sub"),
            registers: HashSet::new(),
        };
        assert_eq!(
            places.uri_path(Path::new("../registers/a b/ropa.yaml")),
            "registers/a b/ropa.yaml"
        );
        assert_eq!(
            places.uri_path(Path::new("/srv/repo/registers/x.yaml")),
            "registers/x.yaml"
        );
        assert_eq!(
            places.uri_path(Path::new("/elsewhere/x.yaml")),
            "elsewhere/x.yaml"
        );
        assert_eq!(
            percent_encode("registers/a b/é:x"),
            "registers/a%20b/%C3%A9%3Ax"
        );
    }

    /// A retention rule's entry, as the catalogue gives it to the formatter (a formatter and
    /// its tests never reach into the rules).
    static RETENTION: Code = Code {
        code: "RP400",
        name: "missing-retention",
        default_severity: Severity::Warning,
        summary: "An activity states no retention",
        doc: " Storage limitation (Art. 5(1)(e)); the record gives the time limits (Art. 30(1)(f)).\n See Art. 5 again.",
        fatal: false,
    };

    #[test]
    fn rules_have_tags_and_a_help_uri() {
        let code = &RETENTION;
        let descriptor = rule_descriptor(code, None);
        assert_eq!(
            descriptor["properties"]["tags"],
            json!(["gdpr", "area/retention", "gdpr/art-5", "gdpr/art-30"])
        );
        assert_eq!(area(references::UNRESOLVED_REFERENCE.code), "references");
        assert_eq!(area(loading::FILE_TOO_LARGE.code), "loading");
        assert_eq!(area("RP903"), "policy");
        assert!(descriptor.get("helpUri").is_none(), "{descriptor}");
        let base = "https://example.org/ropa/blob/v1/src/rules/REFERENCE.md";
        assert_eq!(
            rule_descriptor(code, Some(base))["helpUri"],
            "https://example.org/ropa/blob/v1/src/rules/REFERENCE.md#rp400"
        );
        // A base given with an anchor of its own keeps only the rule's.
        assert_eq!(
            help_uri(
                Some(&format!("{base}#top")),
                references::UNRESOLVED_REFERENCE.code
            )
            .as_deref(),
            Some("https://example.org/ropa/blob/v1/src/rules/REFERENCE.md#rp021")
        );
        assert_eq!(help_uri(None, "RP400"), None);
    }

    #[test]
    fn findings_without_a_file_have_no_location() {
        let d = Diagnostic::new(&policy::UNKNOWN_RULE, "m").severity(Severity::Info);
        let places = Places {
            root: PathBuf::from("/"),
            current: PathBuf::from("/"),
            registers: HashSet::new(),
        };
        let v = result(&d, Some(0), &places);
        assert!(v.get("locations").is_none());
        assert_eq!(v["level"], "note");
    }

    #[test]
    fn full_description_is_the_first_section() {
        let doc = "## What it checks\nThat a\nthing holds.\n\n## Why\nBecause.\n";
        assert_eq!(
            section(doc, "What it checks").as_deref(),
            Some("That a thing holds.")
        );
        assert_eq!(section(doc, "Example"), None);
    }
}
