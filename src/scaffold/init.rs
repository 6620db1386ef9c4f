//! `ropa init`: the files of a new register, written all or nothing.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::NaiveDate;

use super::templates::{
    EXAMPLE_TEMPLATE, MEASURES_TEMPLATE, PRE_COMMIT_TEMPLATE, REGISTER_TEMPLATE, VENDORS_TEMPLATE,
    WORKFLOW_TEMPLATE,
};
use super::{
    EDITOR_SETTINGS_FILE, EXAMPLE_ACTIVITY, NewFile, PRE_COMMIT_FILE, SCHEMAS_DIR, WORKFLOW_FILE,
    modeline_in_register, yaml_text,
};
use crate::load::{ACTIVITIES_DIR, MEASURES_FILE, REGISTER_FILE, VENDORS_FILE};
use crate::schema::{self, FileKind};

/// The files of a new register, by path relative to its folder. `today` dates the example
/// activity; `organisation` names the organisation.
pub fn init_files(organisation: &str, today: NaiveDate) -> Vec<NewFile> {
    let mut files = Vec::new();
    let file = |path: &str, text: String| NewFile {
        path: PathBuf::from(path),
        text,
    };
    files.push(file(
        REGISTER_FILE,
        format!(
            "{}{}",
            modeline_in_register(Path::new(REGISTER_FILE), FileKind::Register),
            REGISTER_TEMPLATE.replace("{organisation}", &yaml_text(organisation))
        ),
    ));
    files.push(file(
        VENDORS_FILE,
        format!(
            "{}{}",
            modeline_in_register(Path::new(VENDORS_FILE), FileKind::Vendors),
            VENDORS_TEMPLATE
        ),
    ));
    files.push(file(
        MEASURES_FILE,
        format!(
            "{}{}",
            modeline_in_register(Path::new(MEASURES_FILE), FileKind::Measures),
            MEASURES_TEMPLATE
        ),
    ));
    let example = format!("{ACTIVITIES_DIR}/{EXAMPLE_ACTIVITY}.yaml");
    files.push(file(
        &example,
        format!(
            "{}{}",
            modeline_in_register(Path::new(&example), FileKind::Activity),
            EXAMPLE_TEMPLATE.replace("{date}", &today.format("%Y-%m-%d").to_string())
        ),
    ));
    for kind in FileKind::ALL {
        files.push(file(
            &format!("{SCHEMAS_DIR}/{}", kind.schema_file_name()),
            schema::schema_text(kind),
        ));
    }
    files.push(file(EDITOR_SETTINGS_FILE, editor_settings()));
    files.push(file(WORKFLOW_FILE, WORKFLOW_TEMPLATE.to_string()));
    files.push(file(PRE_COMMIT_FILE, PRE_COMMIT_TEMPLATE.to_string()));
    files
}

/// VS Code settings mapping each schema to its files (the Red Hat YAML extension's
/// `yaml.schemas`), for editors that do not read the modelines.
fn editor_settings() -> String {
    let mut map = serde_json::Map::new();
    for (kind, glob) in [
        (FileKind::Register, REGISTER_FILE.to_string()),
        (FileKind::Vendors, VENDORS_FILE.to_string()),
        (FileKind::Measures, MEASURES_FILE.to_string()),
        (FileKind::Activity, format!("{ACTIVITIES_DIR}/*.yaml")),
    ] {
        map.insert(
            format!("./{SCHEMAS_DIR}/{}", kind.schema_file_name()),
            serde_json::Value::Array(vec![serde_json::Value::String(glob)]),
        );
    }
    let settings = serde_json::json!({ "yaml.schemas": map });
    let mut text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    text.push('\n');
    text
}

/// Create the files of a new register in `dir` (created if needed). Refuses, writing nothing,
/// when `dir` is a file or when any of the files already exists. Returns the paths written.
pub fn init(dir: &Path, files: &[NewFile]) -> anyhow::Result<Vec<PathBuf>> {
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{} is a file: give a folder for the new register (it is created if needed)",
            dir.display()
        );
    }
    let existing: Vec<String> = files
        .iter()
        .map(|f| dir.join(&f.path))
        .filter(|p| p.exists() || p.is_symlink())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        bail!(
            "nothing written: {} and ropa init never overwrites a file: {}",
            crate::output::already_exist(&existing),
            existing.join(", ")
        );
    }
    write_all_or_nothing(dir, files)
}

/// Write every file, or none: on a failure, remove the files and folders this call created.
fn write_all_or_nothing(dir: &Path, files: &[NewFile]) -> anyhow::Result<Vec<PathBuf>> {
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let mut written: Vec<PathBuf> = Vec::new();
    let result = (|| -> anyhow::Result<()> {
        for f in files {
            let path = dir.join(&f.path);
            if let Some(parent) = path.parent() {
                // Remember the folders that do not exist yet, outermost first.
                let mut missing: Vec<PathBuf> = parent
                    .ancestors()
                    .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
                    .map(Path::to_path_buf)
                    .collect();
                missing.reverse();
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create the folder {}", parent.display()))?;
                created_dirs.extend(missing);
            }
            crate::output::write_atomic(&path, f.text.as_bytes())?;
            written.push(path);
        }
        Ok(())
    })();
    if let Err(e) = result {
        for path in written.iter().rev() {
            let _ = std::fs::remove_file(path);
        }
        for folder in created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
        return Err(e);
    }
    Ok(written)
}
