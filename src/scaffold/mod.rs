//! Scaffolding: a new register (`ropa init`) and skeletons of an activity, a vendor or a measure
//! (`ropa new`), each valid against its schema, with the schema line and a comment per field;
//! and the check that a register's own copy of the schemas matches this version of ropa.
//!
//! Nothing here overwrites a file: every path is checked before the first byte is written, each
//! file is written atomically, and a failure part-way removes what this run created.

mod init;
mod new;
mod templates;

use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::load::{ACTIVITIES_DIR, REGISTER_FILE};
use crate::schema::{self, FileKind};
use crate::yaml::{self, Limits};

pub use init::{init, init_files};
pub use new::{
    CatalogueKind, activity_skeleton, measure_skeleton, new_activity, new_catalogue_entry,
    vendor_skeleton,
};

/// Folder, inside a register, holding its copy of the JSON Schemas.
pub const SCHEMAS_DIR: &str = ".ropa/schemas";
/// The GitHub Actions workflow written by `ropa init`.
pub const WORKFLOW_FILE: &str = ".github/workflows/ropa.yml";
/// The pre-commit configuration written by `ropa init`.
pub const PRE_COMMIT_FILE: &str = ".pre-commit-config.yaml";
/// The VS Code settings written by `ropa init`.
pub const EDITOR_SETTINGS_FILE: &str = ".vscode/settings.json";
/// The id of the example activity written by `ropa init`.
pub const EXAMPLE_ACTIVITY: &str = "example-newsletter";

/// A file to create: its path relative to the register and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// Path relative to the register's folder.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// Whether `id` is a valid identifier: lower-case letters, digits and dashes, starting with a
/// letter or digit (the pattern of the schemas).
pub fn is_valid_id(id: &str) -> bool {
    crate::render::is_safe_id(id)
}

fn check_id(what: &str, id: &str) -> anyhow::Result<()> {
    if !is_valid_id(id) {
        bail!(
            "`{}` is not a valid {what} id: use lower-case letters, digits and dashes, e.g. `customer-accounts`",
            id.escape_debug()
        );
    }
    Ok(())
}

/// The `# yaml-language-server` line of a file at `relative` (from the register's folder)
/// pointing into the register's own [`SCHEMAS_DIR`].
fn modeline_in_register(relative: &Path, kind: FileKind) -> String {
    let depth = relative.components().count().saturating_sub(1);
    let up = "../".repeat(depth);
    format!(
        "# yaml-language-server: $schema={up}{SCHEMAS_DIR}/{}\n",
        kind.schema_file_name()
    )
}

/// `text` as a YAML scalar: plain when it reads back as the same text, else double-quoted.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .,'()&-".contains(c))
        && text.starts_with(|c: char| c.is_alphabetic())
        && !text.ends_with(' ')
        && !["true", "false", "null", "yes", "no", "on", "off"]
            .contains(&text.to_lowercase().as_str());
    if plain {
        text.to_string()
    } else {
        // JSON strings are YAML 1.2 double-quoted scalars.
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
    }
}

/// The schema line for a new file of `kind` at `path` in the register at `root`: in the folder
/// its neighbours' lines point to (another activity, else `ropa.yaml`), so that a register keeps
/// one convention; else into the register's own [`SCHEMAS_DIR`].
pub fn modeline_for(root: &Path, path: &Path, kind: FileKind) -> String {
    let activity_neighbour =
        std::fs::read_dir(root.join(ACTIVITIES_DIR))
            .ok()
            .and_then(|entries| {
                let mut paths: Vec<PathBuf> = entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                    .collect();
                paths.sort();
                paths.into_iter().next()
            });
    // The neighbour, and how many folders deeper than it the new file is.
    let (neighbour, deeper) = match (kind, activity_neighbour) {
        (FileKind::Activity, Some(p)) => (p, 0),
        (FileKind::Activity, None) => (root.join(REGISTER_FILE), 1),
        // A catalogue file is at the register's top, or in its folder (`vendors/`).
        _ => {
            let relative = path.strip_prefix(root).unwrap_or(path);
            let depth = relative.components().count().saturating_sub(1);
            (root.join(REGISTER_FILE), depth)
        }
    };
    let folder = read_bounded(root, &neighbour).and_then(|text| {
        let line = text
            .lines()
            .find(|l| l.starts_with("# yaml-language-server:"))?;
        let reference = line.split("$schema=").nth(1)?.trim();
        Some(
            reference
                .rsplit_once('/')
                .map_or("", |(f, _)| f)
                .to_string(),
        )
    });
    if let Some(folder) = folder
        && !folder.contains("://")
    {
        let folder = if deeper > 0 && !folder.starts_with('/') {
            format!("{}{folder}", "../".repeat(deeper))
        } else {
            folder
        };
        let sep = if folder.is_empty() { "" } else { "/" };
        return format!(
            "# yaml-language-server: $schema={folder}{sep}{}\n",
            kind.schema_file_name()
        );
    }
    let relative = path.strip_prefix(root).unwrap_or(path);
    modeline_in_register(relative, kind)
}

/// A text file of the register at `root`, or `None` when it is missing, not a regular file
/// inside the register, too large or not UTF-8.
fn read_bounded(root: &Path, path: &Path) -> Option<String> {
    let root = std::fs::canonicalize(root).ok()?;
    let bytes =
        crate::read::read_in_register(path, &root, Limits::default().max_bytes as u64).ok()?;
    String::from_utf8(bytes).ok()
}

/// "customer-accounts" → "Customer accounts".
fn title_from_id(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn require_register(root: &Path) -> anyhow::Result<()> {
    if !root.join(REGISTER_FILE).is_file() {
        bail!(
            "{} is not a register (no {REGISTER_FILE}); run `ropa init {}` first, or give the register's folder",
            root.display(),
            root.display()
        );
    }
    Ok(())
}

/// Parse and validate a skeleton before writing it: a skeleton that does not load is a bug.
fn validate(text: &str, kind: FileKind, path: &Path) -> anyhow::Result<serde_json::Value> {
    let document = yaml::parse_str(text, &Limits::default()).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: {} (the file is left unchanged)",
            path.display(),
            e.position.line,
            e.position.column,
            e.message
        )
    })?;
    let validator = schema::validator(kind);
    if let Some(error) = validator.iter_errors(&document.value).next() {
        bail!(
            "{}: the result would not be valid ({} at `{}`); the file is left unchanged",
            path.display(),
            error,
            error.instance_path()
        );
    }
    Ok(document.value)
}

/// The files of `root`'s [`SCHEMAS_DIR`] that differ from the schemas of this ropa (or are
/// missing from it), when the register keeps a copy of the schemas. Empty when it keeps none.
pub fn stale_schemas(root: &Path) -> Vec<PathBuf> {
    let dir = root.join(SCHEMAS_DIR);
    if !dir.is_dir() {
        return Vec::new();
    }
    FileKind::ALL
        .iter()
        .map(|&kind| (dir.join(kind.schema_file_name()), kind))
        .filter(|(path, kind)| {
            read_bounded(root, path).is_none_or(|text| text != schema::schema_text(*kind))
        })
        .map(|(path, _)| path)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{MEASURES_FILE, VENDORS_FILE};
    use chrono::NaiveDate;

    #[test]
    fn modelines_point_into_the_register() {
        assert_eq!(
            modeline_in_register(Path::new("activities/a.yaml"), FileKind::Activity),
            "# yaml-language-server: $schema=../.ropa/schemas/activity.schema.json\n"
        );
        assert_eq!(
            modeline_in_register(Path::new("ropa.yaml"), FileKind::Register),
            "# yaml-language-server: $schema=.ropa/schemas/register.schema.json\n"
        );
    }

    #[test]
    fn skeletons_are_valid() {
        let date = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        for processor in [false, true] {
            let text = activity_skeleton("a-b", processor, date, "");
            validate(&text, FileKind::Activity, Path::new("a-b.yaml")).unwrap();
        }
        let vendors = format!("vendors:\n{}", vendor_skeleton("v", "  "));
        validate(&vendors, FileKind::Vendors, Path::new("vendors.yaml")).unwrap();
        let measures = format!("measures:\n{}", measure_skeleton("m", "restoration", "  "));
        validate(&measures, FileKind::Measures, Path::new("measures.yaml")).unwrap();
        for file in init_files("Acme \"Books\"", date) {
            let kind = match file.path.to_str().unwrap() {
                REGISTER_FILE => FileKind::Register,
                VENDORS_FILE => FileKind::Vendors,
                MEASURES_FILE => FileKind::Measures,
                p if p.starts_with(ACTIVITIES_DIR) => FileKind::Activity,
                _ => continue,
            };
            validate(&file.text, kind, &file.path).unwrap();
        }
    }
}
