//! The JSON format: a stable, documented shape for scripts.
//!
//! ```json
//! {
//!   "version": 1,
//!   "summary": {"errors": 1, "warnings": 0, "infos": 0, "waived": 0, "registers": 1, "activities": 3},
//!   // with `ropa check FILE...` on some activities of a register, also
//!   // "skipped": ["ids unique across activities (duplicate-id)", ...]
//!   "diagnostics": [
//!     {"code": "RP200", "name": "missing-legal-basis", "severity": "error", "message": "...",
//!      "help": "...", "file": "registers/x/activities/a.yaml", "line": 4, "column": 5,
//!      "pointer": "/purposes/0", "activity": "a", "waiver": null}
//!   ]
//! }
//! ```

use serde::Serialize;
use serde_json::{Value, json};

use super::{AppliedWaiver, Diagnostic, Report, Severity};

/// Version of the JSON shape; bumped only on incompatible changes.
pub const VERSION: u32 = 1;

/// The whole document, serialised as it is written: the diagnostics are never gathered into
/// one JSON value.
#[derive(Serialize)]
struct Shape<'a> {
    version: u32,
    summary: Value,
    diagnostics: Entries<'a>,
}

struct Entries<'a>(&'a [Diagnostic]);

impl Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Entry::new))
    }
}

/// One diagnostic, borrowed.
#[derive(Serialize)]
struct Entry<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    pointer: Option<&'a str>,
    activity: Option<&'a str>,
    waiver: Option<&'a AppliedWaiver>,
}

impl<'a> Entry<'a> {
    fn new(d: &'a Diagnostic) -> Self {
        Entry {
            code: d.code.code,
            name: d.code.name,
            severity: d.severity,
            message: &d.message,
            help: d.help.as_deref(),
            file: d
                .file
                .as_ref()
                .map(|f| f.to_string_lossy().replace('\\', "/")),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            pointer: d.pointer.as_deref(),
            activity: d.activity.as_deref(),
            waiver: d.waiver.as_ref(),
        }
    }
}

fn shape(report: &Report) -> Shape<'_> {
    let (errors, warnings, infos) = report.counts();
    let mut summary = json!({
        "errors": errors,
        "warnings": warnings,
        "infos": infos,
        "waived": report.waived(),
        "registers": report.registers.len(),
        "activities": report.activities.len(),
    });
    // Only when some activity files of a register were checked without the rest.
    if !report.skipped.is_empty() {
        summary["skipped"] = json!(report.skipped);
    }
    Shape {
        version: VERSION,
        summary,
        diagnostics: Entries(&report.diagnostics),
    }
}

/// The report as a JSON value.
pub fn to_value(report: &Report) -> Value {
    serde_json::to_value(shape(report)).unwrap_or_default()
}

/// The report as pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&shape(report)).unwrap_or_default();
    s.push('\n');
    s
}

/// Write the report as pretty-printed JSON with a final newline to `out`, diagnostic by
/// diagnostic.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &shape(report))?;
    out.write_all(b"\n")
}
