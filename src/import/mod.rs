//! Import of a register kept in a spreadsheet (one row per activity): columns are matched by
//! their heading in English or French (the CNIL register, the ICO template, ropa's own export),
//! or by a mapping file. The result is a register folder: one activity file per row, vendors and
//! measures catalogues, `ropa.yaml`; a YAML comment above every value that could not be placed,
//! and warnings located at their sheet, row and column.
//!
//! Nothing is written until every file is made and the whole register loads; no existing file is
//! replaced.

mod build;
pub mod read;
pub mod retention;
pub mod yaml_out;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::export::columns::{self, Field};
use crate::load::{
    ACTIVITIES_DIR as ACTIVITIES_DIR_NAME, MEASURES_FILE as MEASURES_FILE_NAME,
    REGISTER_FILE as REGISTER_FILE_NAME, VENDORS_FILE as VENDORS_FILE_NAME,
};

/// Something to review, located in the spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Sheet name.
    pub sheet: String,
    /// 1-based row, when the warning is about a row or cell.
    pub row: Option<usize>,
    /// Column letter, when it is about a cell.
    pub column: Option<String>,
    /// What to review.
    pub message: String,
}

impl Warning {
    /// A warning about the cell at 0-based (row, col).
    pub fn at(sheet: &str, row: usize, col: usize, message: impl Into<String>) -> Warning {
        Warning {
            sheet: sheet.to_string(),
            row: Some(row + 1),
            column: Some(read::column_letter(col)),
            message: message.into(),
        }
    }

    /// `Register!C7`, `Register row 7` or `Register`.
    pub fn place(&self) -> String {
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => format!("{}!{c}{r}", self.sheet),
            (Some(r), None) => format!("{} row {r}", self.sheet),
            _ => self.sheet.clone(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)
    }
}

/// A mapping file (`--map map.yaml`): which sheet, which row holds the headings, and what each
/// column heading means.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The sheet to read (default: the first with a known heading).
    #[serde(default)]
    pub sheet: Option<String>,
    /// 1-based row of the headings (default: found among the first 20 rows).
    #[serde(default)]
    pub header_row: Option<usize>,
    /// Column heading, as written in the sheet, to field name (`name`, `purposes`,
    /// `legal_basis`... as listed by `ropa import --help`), or `notes`.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}

impl Mapping {
    /// Read and check a mapping file.
    pub fn load(path: &Path) -> anyhow::Result<Mapping> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let doc = crate::yaml::parse_str(&text, &crate::yaml::Limits::default())
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let mapping: Mapping = serde_json::from_value(doc.value).with_context(|| {
            format!(
                "{} is not a mapping file (sheet, header_row, columns)",
                path.display()
            )
        })?;
        for (heading, field) in &mapping.columns {
            if field_by_name(field).is_none() {
                bail!(
                    "{}: column \"{heading}\" maps to `{field}`, which is not a field; use one of: {}",
                    path.display(),
                    columns::all_fields()
                        .map(columns::field_name)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
        Ok(mapping)
    }
}

/// The field a mapping file names.
pub fn field_by_name(name: &str) -> Option<Field> {
    columns::all_fields().find(|f| columns::field_name(*f) == name)
}

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Date for records that state no creation or update date (`--as-of`).
    pub as_of: NaiveDate,
    /// How to read the columns, when the headings are not known ones.
    pub mapping: Option<Mapping>,
    /// The organisation's name, when the spreadsheet does not give it.
    pub organisation: Option<String>,
}

/// What an import makes: files (relative to the register folder) with their text.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Files to write, relative to the register folder, in order.
    pub files: Vec<(PathBuf, String)>,
    /// Things to review, located.
    pub warnings: Vec<Warning>,
    /// Activities made.
    pub activities: usize,
    /// Vendors made.
    pub vendors: usize,
    /// Measures made.
    pub measures: usize,
    /// Values kept in a comment or in `notes` because they fit no field.
    pub unplaced: usize,
    /// The sheet read and its heading row (1-based).
    pub sheet: String,
    /// 1-based heading row.
    pub header_row: usize,
}

/// Read a spreadsheet and make the register's files (nothing is written).
pub fn plan(path: &Path, opts: &ImportOptions, keep_register_file: bool) -> anyhow::Result<Plan> {
    let mut warnings = Vec::new();
    let grids = read::read(path, &mut warnings)?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut plan = build::build(&grids, &source, opts, keep_register_file)?;
    warnings.append(&mut plan.warnings);
    plan.warnings = warnings;
    Ok(plan)
}

/// Write a plan into `dir`: every file is written in a folder beside them, the register is
/// loaded from there, and only then are the files moved into place. No existing file is
/// replaced: a plan that would replace one writes nothing.
pub fn write(plan: &Plan, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let existing: Vec<String> = plan
        .files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        bail!(
            "the import would replace {} existing file(s): {}; import into an empty folder, or remove them first (nothing was written)",
            existing.len(),
            existing.join(", ")
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".ropa-import-")
        .tempdir_in(dir)
        .with_context(|| format!("cannot create a temporary folder in {}", dir.display()))?;
    std::fs::create_dir_all(staging.path().join(ACTIVITIES_DIR_NAME))?;
    for (rel, text) in &plan.files {
        let path = staging.path().join(rel);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let existing_register = dir.join(REGISTER_FILE_NAME);
    let staged_register = staging.path().join(REGISTER_FILE_NAME);
    if !staged_register.exists() && existing_register.is_file() {
        std::fs::copy(&existing_register, &staged_register)?;
    }
    if let Err(diagnostics) = crate::load::load_register(staging.path()) {
        let first: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .take(5)
            .map(|d| {
                let file = d
                    .file
                    .as_deref()
                    .and_then(|f| f.strip_prefix(staging.path()).ok())
                    .map(|f| f.display().to_string())
                    .unwrap_or_default();
                format!("{file}: {}", d.message)
            })
            .collect();
        bail!(
            "the imported register does not load, so nothing was written (please report this): {}",
            first.join("; ")
        );
    }
    std::fs::create_dir_all(dir.join(ACTIVITIES_DIR_NAME))?;
    let mut written = Vec::new();
    for (rel, _) in &plan.files {
        let to = dir.join(rel);
        std::fs::rename(staging.path().join(rel), &to)
            .with_context(|| format!("cannot move the imported file to {}", to.display()))?;
        written.push(to);
    }
    Ok(written)
}

/// Relative paths of the register's files.
pub(crate) fn activity_path(id: &str) -> PathBuf {
    Path::new(ACTIVITIES_DIR_NAME).join(format!("{id}.yaml"))
}

pub(crate) fn register_path() -> PathBuf {
    PathBuf::from(REGISTER_FILE_NAME)
}

pub(crate) fn vendors_path() -> PathBuf {
    PathBuf::from(VENDORS_FILE_NAME)
}

pub(crate) fn measures_path() -> PathBuf {
    PathBuf::from(MEASURES_FILE_NAME)
}
