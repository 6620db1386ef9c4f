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

use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Language, Register};
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

/// What every export is made from: the register, its resolved and labelled view, its findings.
pub struct ExportInput<'r> {
    /// The register.
    pub register: &'r Register,
    /// Language.
    pub lang: Language,
    /// Register sheet layout.
    pub layout: Layout,
    /// Export date.
    pub as_of: NaiveDate,
    /// The register resolved and labelled in `lang`: every activity, every vendor.
    pub view: DocumentView,
    /// The vendors, resolved (places, safeguards, the activities that use them).
    pub vendors: Vec<view::SubprocessorView>,
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
}

/// Resolve and label a register for export.
pub fn prepare<'r>(
    register: &'r Register,
    findings: Vec<Finding>,
    opts: &ExportOptions,
) -> anyhow::Result<ExportInput<'r>> {
    let dir = register.root.join(crate::render::TEMPLATES_DIR);
    let t = crate::render::translations(opts.lang, dir.is_dir().then_some(dir.as_path()))?;
    let mut view = view::document(
        register,
        &t,
        &ViewOptions {
            document: "register",
            lang: opts.lang,
            format: "md",
            as_of: opts.as_of,
            version: &opts.version,
            activity: None,
            activities: register.activities.iter().map(|a| &a.item).collect(),
            vendors: register.vendors.iter().map(|v| &v.item).collect(),
            vendor: None,
        },
    );
    let vendors = std::mem::take(&mut view.subprocessors);
    // The view also splits the activities by role; the export only needs them once.
    view.controller_activities.clear();
    view.processor_activities.clear();
    Ok(ExportInput {
        register,
        lang: opts.lang,
        layout: opts.layout,
        as_of: opts.as_of,
        view,
        vendors,
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
