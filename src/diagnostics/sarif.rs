//! The SARIF 2.1.0 format, for code-scanning services (GitHub code scanning, GitLab, Azure DevOps).
//!
//! One run whose driver documents every code of the catalogue it is given (summary, documentation,
//! default level), and one result per finding with its level, location, a fingerprint that
//! survives edits elsewhere in the file, and a suppression when a waiver covers it. The output
//! depends only on the report: no clock, no absolute paths, no hash-map order.

use std::path::{Component, Path};

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
pub const FINGERPRINT_KEY: &str = "ropa/v1";

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

/// The report as a SARIF log.
pub fn to_value(report: &Report, catalogue: &Catalogue) -> Value {
    let rules: Vec<Value> = catalogue
        .codes()
        .iter()
        .map(|m| rule_descriptor(m))
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(d, catalogue.position(d.code)))
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
            // Columns count characters, as everywhere in ropa.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The report as pretty-printed SARIF with a final newline.
pub fn render(report: &Report, catalogue: &Catalogue) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(report, catalogue)).unwrap_or_default();
    s.push('\n');
    s
}

/// Write the report as pretty-printed SARIF with a final newline to `out`.
pub fn write(
    report: &Report,
    catalogue: &Catalogue,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(report, catalogue))?;
    out.write_all(b"\n")
}

fn rule_descriptor(m: &Code) -> Value {
    let documentation = m.documentation();
    let full = section(&documentation, "What it checks").unwrap_or_else(|| m.summary.to_string());
    json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": full },
        "help": { "text": documentation, "markdown": documentation },
        "defaultConfiguration": { "level": level(m.default_severity) },
    })
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

fn result(d: &Diagnostic, rule_index: Option<usize>) -> Value {
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
        let (uri, relative) = artifact_uri(file);
        artifact.insert("uri".into(), json!(uri));
        if relative {
            artifact.insert("uriBaseId".into(), json!(SRCROOT));
        }
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
        json!({ FINGERPRINT_KEY: fingerprint(d) }),
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

/// A stable fingerprint of a finding: FNV-1a (64 bits) of its code, file and JSON pointer, in
/// hexadecimal. The line is left out so that the fingerprint survives edits above the finding;
/// findings located by position only (syntax errors) hash their message instead of a pointer.
pub fn fingerprint(d: &Diagnostic) -> String {
    let file = d.file.as_deref().map(slash_path).unwrap_or_default();
    let anchor = d.pointer.as_deref().unwrap_or(&d.message);
    let mut hash = Fnv1a::new();
    for part in [d.code.code, file.as_str(), anchor] {
        hash.write(part.as_bytes());
        // A separator that cannot occur in the parts, so that ("ab", "c") != ("a", "bc").
        hash.write(&[0]);
    }
    format!("{:016x}", hash.finish())
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

/// The URI of a file and whether it is relative (to `%SRCROOT%`). Relative paths become
/// percent-encoded relative references; absolute paths become `file://` URIs.
fn artifact_uri(path: &Path) -> (String, bool) {
    let slashed = slash_path(path);
    if path.is_absolute() {
        let encoded = percent_encode(&slashed);
        // Windows paths (C:/...) need a slash before the drive.
        let sep = if encoded.starts_with('/') { "" } else { "/" };
        (format!("file://{sep}{encoded}"), false)
    } else {
        (percent_encode(&slashed), true)
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
    use crate::catalogue::{loading, policy};
    use crate::source::Position;

    fn finding() -> Diagnostic {
        Diagnostic::new(&loading::FILE_NAME_MISMATCH, "vendor `x` does not exist")
            .severity(Severity::Error)
            .at("registers/a/activities/b.yaml", "/recipients/0/vendor")
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
    fn fingerprint_ignores_position_but_not_pointer() {
        let a = finding();
        let mut moved = finding();
        moved.position = Some(Position::new(40, 3));
        assert_eq!(fingerprint(&a), fingerprint(&moved));
        let other = finding().at("registers/a/activities/b.yaml", "/recipients/1/vendor");
        assert_ne!(fingerprint(&a), fingerprint(&other));
        assert_eq!(fingerprint(&a).len(), 16);
    }

    #[test]
    fn uris_are_relative_with_forward_slashes_and_encoded() {
        assert_eq!(
            artifact_uri(Path::new("./registers/a b/ropa.yaml")),
            ("registers/a%20b/ropa.yaml".to_string(), true)
        );
        assert_eq!(
            artifact_uri(Path::new("/srv/reg/ropa.yaml")),
            ("file:///srv/reg/ropa.yaml".to_string(), false)
        );
        assert_eq!(percent_encode("é:x"), "%C3%A9%3Ax");
    }

    #[test]
    fn findings_without_a_file_have_no_location() {
        let d = Diagnostic::new(&policy::UNKNOWN_RULE, "m").severity(Severity::Info);
        let v = result(&d, Some(0));
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
