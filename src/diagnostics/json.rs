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

use serde_json::{Value, json};

use super::Report;

/// Version of the JSON shape; bumped only on incompatible changes.
pub const VERSION: u32 = 1;

/// The report as a JSON value.
pub fn to_value(report: &Report) -> Value {
    let (errors, warnings, infos) = report.counts();
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "code": d.code.code,
                "name": d.code.name,
                "severity": d.severity,
                "message": d.message,
                "help": d.help,
                "file": d.file.as_ref().map(|f| f.to_string_lossy().replace('\\', "/")),
                "line": d.position.map(|p| p.line),
                "column": d.position.map(|p| p.column),
                "pointer": d.pointer,
                "activity": d.activity,
                "waiver": d.waiver,
            })
        })
        .collect();
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
    json!({
        "version": VERSION,
        "summary": summary,
        "diagnostics": diagnostics,
    })
}

/// The report as pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(report)).unwrap_or_default();
    s.push('\n');
    s
}

/// Write the report as pretty-printed JSON with a final newline to `out`.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(report))?;
    out.write_all(b"\n")
}
