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
            waiver: d.waiver.as_deref(),
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
    let mut bytes = Vec::new();
    let _ = write(report, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Diagnostics formatted at once, on every core, before they are written in order: enough to
/// keep both cores busy, few enough that the text waiting to be written stays a few megabytes.
const BATCH: usize = 8192;

/// Write the report as pretty-printed JSON with a final newline to `out`. The diagnostics are
/// formatted batch by batch on every core (a large register's report is tens of megabytes of
/// JSON, which took a sixth of `check`'s time on one core) and written in order: the bytes are
/// those of serialising the whole [`Shape`] at once.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;

    let mut head = Vec::new();
    write_pretty(
        &mut head,
        &Shape {
            diagnostics: Entries(&[]),
            ..shape(report)
        },
    )?;
    if report.diagnostics.is_empty() {
        out.write_all(&head)?;
        return out.write_all(b"\n");
    }
    // The shape ends with its empty list of diagnostics: `[]`, a line break and `}`.
    let head = head.strip_suffix(b"[]\n}").unwrap_or(&head);
    out.write_all(head)?;
    out.write_all(b"[")?;
    for (b, batch) in report.diagnostics.chunks(BATCH).enumerate() {
        let parts: Vec<std::io::Result<Vec<u8>>> = batch
            .par_chunks(BATCH / 32)
            .enumerate()
            .map(|(c, chunk)| {
                let mut part = Vec::new();
                let mut entry = Vec::new();
                for (i, d) in chunk.iter().enumerate() {
                    let first = b == 0 && c == 0 && i == 0;
                    part.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                    entry.clear();
                    write_pretty(&mut entry, &Entry::new(d))?;
                    // At the depth of the list's items: every line indented by two levels
                    // more. A JSON string holds no raw line break, so each is a line's end.
                    for line in entry.split_inclusive(|&byte| byte == b'\n') {
                        part.extend_from_slice(line);
                        if line.ends_with(b"\n") {
                            part.extend_from_slice(b"    ");
                        }
                    }
                }
                Ok(part)
            })
            .collect();
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    out.write_all(b"\n  ]\n}\n")
}

/// Write `value` as pretty-printed JSON in which every character that could act on a terminal
/// or reorder text is a `\uXXXX` escape: serde_json escapes the C0 controls, [`Safe`] the
/// others (DEL, C1, bidirectional controls). The same data, safe to show anywhere.
pub fn write_pretty<T: Serialize + ?Sized>(
    out: &mut dyn std::io::Write,
    value: &T,
) -> std::io::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(out, Safe(serde_json::ser::PrettyFormatter::new()));
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::other)
}

/// serde_json's pretty formatter, with the hidden characters of strings escaped.
struct Safe<'a>(serde_json::ser::PrettyFormatter<'a>);

/// Forward a formatter method to the pretty formatter.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl serde_json::ser::Formatter for Safe<'_> {
    forward! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !super::may_hide(fragment) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            // Every such character is in the Basic Multilingual Plane: one `\uXXXX`.
            if super::hidden(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_json_escapes_and_the_data_is_the_same() {
        let value = json!({"a\u{202e}": ["\u{1b}[2J\u{7}", "\u{9b}x\u{7f}", "é\u{2066}"]});
        let mut bytes = Vec::new();
        write_pretty(&mut bytes, &value).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "{\n  \"a\\u202e\": [\n    \"\\u001b[2J\\u0007\",\n    \"\\u009bx\\u007f\",\n    \"é\\u2066\"\n  ]\n}"
        );
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }

    /// Formatted in batches on every core, the report is the bytes of serialising its whole
    /// shape at once: with no diagnostic, and with more than one batch (and one part) of them.
    #[test]
    fn batched_writing_gives_the_bytes_of_one_serialisation() {
        use crate::catalogue::loading::{SCHEMA_VIOLATION, YAML_SYNTAX};
        use crate::source::Position;
        for n in [0, 1, BATCH / 32 + 1, 2 * BATCH + 3] {
            let diagnostics = (0..n)
                .map(|i| {
                    let code = if i % 2 == 0 {
                        &YAML_SYNTAX
                    } else {
                        &SCHEMA_VIOLATION
                    };
                    let d = Diagnostic::new(code, format!("finding {i}\u{202e} \"quoted\"\nnext"))
                        .at_position(
                            std::path::Path::new(&format!("activities/a-{i}.yaml")),
                            Position::new(i + 1, 3),
                        );
                    if i % 3 == 0 { d.help("do this") } else { d }
                })
                .collect();
            let report = Report {
                diagnostics,
                ..Report::default()
            };
            let mut whole = Vec::new();
            write_pretty(&mut whole, &shape(&report)).unwrap();
            whole.push(b'\n');
            let mut batched = Vec::new();
            write(&report, &mut batched).unwrap();
            assert!(batched == whole, "{n} diagnostics are written differently");
        }
    }
}
