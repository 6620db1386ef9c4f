//! Exports of a register for other tools: a workbook an auditor can filter (xlsx), one CSV file
//! per sheet, the resolved register as versioned JSON, and the W3C Data Privacy Vocabulary as
//! JSON-LD. Each format has its own file; [`table`] lays the register out as sheets for the two
//! spreadsheet formats, and [`columns`] holds the CNIL and ICO columns that import reads back.

pub mod columns;
pub mod csv;
pub mod dpv;
pub mod json;
pub mod table;
pub mod xlsx;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Activity, Language, Register};
use crate::render::view::{self, DocumentView, Translations, ViewOptions};

pub use columns::Layout;

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Language of headings and labels.
    pub lang: Language,
    /// Columns of the "Register" sheet.
    pub layout: Layout,
    /// The export date, written in the workbook's properties and the JSON (never the clock).
    pub as_of: NaiveDate,
    /// The register's version (a commit or a date).
    pub version: String,
}

/// A finding of `ropa check` that no waiver covers, as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The rule's code, for example `RP400`.
    pub code: String,
    /// The rule's name, for example `retention-missing`.
    pub rule: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The file, relative to the register's folder, with `/` separators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// JSON pointer of the offending node in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The activity it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
}

impl Finding {
    /// The open findings among `diagnostics` that concern the register at `root`, with files
    /// relative to it.
    pub fn open(diagnostics: &[Diagnostic], root: &Path) -> Vec<Finding> {
        diagnostics
            .iter()
            .filter(|d| d.waiver.is_none())
            .filter(|d| d.file.as_deref().is_none_or(|f| f.starts_with(root)))
            .map(|d| Finding {
                severity: d.severity.as_str().to_string(),
                code: d.code.code.to_string(),
                rule: d.code.name.to_string(),
                message: d.message.clone(),
                help: d.help.clone(),
                file: d.file.as_deref().map(|f| {
                    f.strip_prefix(root)
                        .unwrap_or(f)
                        .to_string_lossy()
                        .replace('\\', "/")
                }),
                line: d
                    .position
                    .map(|p| u32::try_from(p.line).unwrap_or(u32::MAX)),
                column: d
                    .position
                    .map(|p| u32::try_from(p.column).unwrap_or(u32::MAX)),
                pointer: d.pointer.clone(),
                activity: d.activity.clone(),
            })
            .collect()
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error.as_str()
    }
}

/// What every export is made from: the register, its findings, and the labels of `lang`. The
/// activities and vendors are resolved one at a time ([`ExportInput::activity_view`]), so an
/// export never holds the view of the whole register.
pub struct ExportInput<'r> {
    /// The register.
    pub register: &'r Register,
    /// Language.
    pub lang: Language,
    /// Register sheet layout.
    pub layout: Layout,
    /// Export date.
    pub as_of: NaiveDate,
    /// The organisation, its DPO and representative, the export date and the register's
    /// version, labelled in `lang` (the document view without activities or vendors).
    pub view: DocumentView,
    /// For each vendor id, the names of the activities that name it (as a recipient or a
    /// transfer's importer), in the register's order.
    pub vendor_users: HashMap<String, Vec<String>>,
    /// Open findings.
    pub findings: Vec<Finding>,
    /// The translation table of `lang`.
    pub t: Translations,
}

impl ExportInput<'_> {
    /// A fixed label in the export's language.
    pub fn tr(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The activities in the order of the register's documents: controller records (Art.
    /// 30(1)) first, then processor records (Art. 30(2)), each in the register's order.
    pub fn activities(&self) -> impl Iterator<Item = &Activity> + '_ {
        let all = || self.register.activities.iter().map(|a| &a.item);
        all()
            .filter(|a| a.role.is_controller())
            .chain(all().filter(|a| !a.role.is_controller()))
    }

    /// One activity resolved and labelled in the export's language.
    pub fn activity_view(&self, a: &Activity) -> view::ActivityView {
        view::activity(self.register, &self.t, self.lang, a)
    }

    /// The vendors resolved (places, safeguards, the activities that use them), in the
    /// catalogue's order.
    pub fn vendor_views(&self) -> impl Iterator<Item = view::SubprocessorView> + '_ {
        self.register.vendors.iter().map(|v| {
            let mut row = view::subprocessor(self.register, &self.t, self.lang, &v.item);
            row.activities = self
                .vendor_users
                .get(&v.item.id)
                .cloned()
                .unwrap_or_default();
            row
        })
    }
}

/// Prepare a register for export: the labels of `lang`, the organisation's view, and which
/// activities use each vendor (one pass over the activities).
pub fn prepare<'r>(
    register: &'r Register,
    findings: Vec<Finding>,
    opts: &ExportOptions,
) -> anyhow::Result<ExportInput<'r>> {
    let dir = register.root.join(crate::render::TEMPLATES_DIR);
    let t = crate::render::translations(opts.lang, dir.is_dir().then_some(dir.as_path()))?;
    let view = view::document(
        register,
        &t,
        &ViewOptions {
            document: "register",
            lang: opts.lang,
            format: "md",
            as_of: opts.as_of,
            version: &opts.version,
            activity: None,
            activities: Vec::new(),
            activity_views: false,
            vendors: Vec::new(),
            vendor: None,
        },
    );
    let mut vendor_users: HashMap<String, Vec<String>> = HashMap::new();
    for a in register.activities.iter().map(|a| &a.item) {
        let mut named: Vec<&str> = a
            .recipients
            .iter()
            .filter_map(|r| r.vendor.as_deref())
            .chain(a.transfers.iter().filter_map(|t| t.vendor.as_deref()))
            .collect();
        named.sort_unstable();
        named.dedup();
        for id in named {
            vendor_users
                .entry(id.to_string())
                .or_default()
                .push(a.name.clone());
        }
    }
    Ok(ExportInput {
        register,
        lang: opts.lang,
        layout: opts.layout,
        as_of: opts.as_of,
        view,
        vendor_users,
        findings,
        t,
    })
}

/// Items one per line.
pub fn lines(items: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&item);
    }
    out
}

/// The YAML name of a model enum value, for example `legitimate_interests`.
pub fn key_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{activity_with, d, register, vendor};

    /// A writer that keeps what it is given and the largest piece given at once.
    #[derive(Default)]
    struct Pieces {
        bytes: Vec<u8>,
        largest: usize,
    }

    impl std::io::Write for Pieces {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.largest = self.largest.max(buf.len());
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// `write` gives a JSON document holding every activity, in pieces no larger than a value.
    fn streamed(name: &str, write: &dyn Fn(&mut dyn std::io::Write) -> anyhow::Result<()>) {
        let mut pieces = Pieces::default();
        write(&mut pieces).unwrap();
        assert!(
            pieces.bytes.len() > 400_000,
            "{name}: {} bytes",
            pieces.bytes.len()
        );
        assert!(
            pieces.largest < 1_000,
            "{name}: a write of {} bytes",
            pieces.largest
        );
        assert!(pieces.bytes.ends_with(b"}\n"), "{name}");
        let text = String::from_utf8(pieces.bytes).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap();
        for i in [0, 1_000, 1_999] {
            let quoted = format!("\"Activity {i}\"");
            assert_eq!(text.matches(&quoted).count(), 1, "{name}: activity {i}");
        }
    }

    /// The JSON and DPV exports are written as they are made, a token at a time, never built
    /// whole and then written: their largest write stays the size of one value, whatever the
    /// number of activities.
    #[test]
    fn json_and_dpv_exports_stream_their_activities() {
        let activities = (0..2_000)
            .map(|i| {
                activity_with(serde_json::json!({
                    "id": format!("a{i}"),
                    "name": format!("Activity {i}"),
                    "recipients": [{"kind": "vendor", "vendor": "host"}],
                }))
            })
            .collect();
        let host = vendor(serde_json::json!({
            "id": "host", "name": "Host", "role": "processor", "service": "Hosting",
        }));
        let register = register(vec![host], activities);
        let opts = ExportOptions {
            lang: Language::En,
            layout: Layout::Cnil,
            as_of: d(2026, 11, 25),
            version: "v1".to_string(),
        };
        let input = prepare(&register, Vec::new(), &opts).unwrap();
        let json = |out: &mut dyn std::io::Write| json::write(&input, out);
        streamed("json", &json);
        let dpv = |out: &mut dyn std::io::Write| dpv::write(&input, "urn:x:", out);
        streamed("dpv", &dpv);
    }
}
