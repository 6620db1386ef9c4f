//! Reading one file of a register: list a folder's YAML files, read a file through the bounded
//! reader, parse it, validate it against its schema and deserialise it.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::validate::{SchemaError, schema_errors};
use super::{ACTIVITIES_DIR, MEASURES_DIR, VENDORS_DIR};
use crate::catalogue::loading;
use crate::diagnostics::Diagnostic;
use crate::read::{self, RegisterRoot};
use crate::schema::FileKind;
use crate::source::{Position, SourceFile};
use crate::yaml::{self, Document, Limits};

/// One parsed file: its value if it loaded, its findings, and its text for quoting lines.
pub(super) struct Parsed<T> {
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
    pub source: Option<Arc<SourceFile>>,
}

impl<T> Parsed<T> {
    pub(super) fn empty() -> Self {
        Parsed {
            value: None,
            diagnostics: Vec::new(),
            source: None,
        }
    }
}

/// The YAML files of a folder, and the entries not read with the reason.
pub(super) type Listing = (Vec<PathBuf>, Vec<(PathBuf, &'static str)>);

/// The YAML files directly in `folder` (regular files, or links, which are read only when they
/// resolve inside the register), sorted, and the entries that look like YAML files but are not
/// read, with the reason. An absent folder has none; one that cannot be listed is an error.
pub(super) fn yaml_files(folder: &Path, name: &str) -> std::io::Result<Listing> {
    let mut files = Vec::new();
    let mut ignored = Vec::new();
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !folder.is_symlink() => {
            return Ok((files, ignored));
        }
        Err(e) => return Err(e),
    };
    for entry in entries.flatten() {
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str());
        // The directory entry knows its type; asking the path would cost a stat per file. A
        // symbolic link is read, so that one that leads nowhere is reported.
        let is_file = entry
            .file_type()
            .map(|t| t.is_file() || (t.is_symlink() && !p.is_dir()))
            .unwrap_or(false);
        if is_file && matches!(ext, Some("yaml" | "yml")) {
            files.push(p);
        } else if let Some(why) = ignored_because(&entry, ext, name) {
            ignored.push((p, why));
        }
    }
    files.sort();
    ignored.sort();
    Ok((files, ignored))
}

/// An entry of a register's folder that looks like a YAML file but is not read: a folder, or a
/// YAML file whose extension is not written `.yaml` or `.yml`. Hidden entries and other files (a
/// README) are left alone.
fn ignored_because(entry: &fs::DirEntry, ext: Option<&str>, folder: &str) -> Option<&'static str> {
    if entry.file_name().to_string_lossy().starts_with('.') {
        return None;
    }
    let file_type = entry.file_type().ok();
    if file_type.is_some_and(|t| t.is_dir()) {
        return Some(if folder == ACTIVITIES_DIR {
            "it is a folder, and activities are read only directly from `activities/`"
        } else {
            "it is a folder, and a catalogue's files are read only directly from its folder"
        });
    }
    match ext {
        Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => {
            // A FIFO, socket or device is never opened: it could hang the run or never end.
            let special = file_type
                .filter(|t| !t.is_symlink())
                .and_then(read::not_regular_entry);
            Some(special.unwrap_or("its extension is not `.yaml` or `.yml` in lower case"))
        }
        _ => None,
    }
}

/// What to do with a file over the size or node limit, for its kind.
fn too_large_help(kind: FileKind) -> String {
    match kind {
        FileKind::Activity => {
            "an activity this large is unusual: move long texts out of it, or record the processing as several activities".to_string()
        }
        FileKind::Register => {
            "shorten the settings file: it holds the controller and settings only".to_string()
        }
        FileKind::Vendors | FileKind::Measures => {
            let (folder, key) = if kind == FileKind::Vendors {
                (VENDORS_DIR, "vendors")
            } else {
                (MEASURES_DIR, "measures")
            };
            format!(
                "split the catalogue: move some entries into files of `{folder}/` (each a `{key}:` list, ids unique across files), and remove entries no activity uses"
            )
        }
    }
}

/// Read and parse one file of the register `root`: its document, or
/// the finding that stops it, with the text kept for quoting lines either way.
pub(super) fn read_document<T>(
    path: &Path,
    kind: FileKind,
    root: &RegisterRoot,
    parsed: &mut Parsed<T>,
) -> Option<Document> {
    let limits = Limits::default();
    let bytes = match root.read(path, limits.max_bytes as u64) {
        Ok(b) => b,
        Err(refusal) => {
            let d = match refusal {
                read::Refusal::TooLarge(size) => Diagnostic::new(
                    &loading::FILE_TOO_LARGE,
                    format!(
                        "the file is {size} bytes, more than the limit of {} bytes",
                        limits.max_bytes
                    ),
                )
                .help(too_large_help(kind)),
                other => {
                    Diagnostic::new(&loading::UNREADABLE_FILE, other.message()).help(other.help())
                }
            };
            parsed
                .diagnostics
                .push(d.at_position(path, Position::new(1, 1)));
            return None;
        }
    };
    let parsed_document = yaml::parse_bytes(&bytes, &limits);
    // Keep the text for quoting lines; valid UTF-8 is moved, not copied.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    // The positions of the nodes are kept (compactly) so that findings are located without
    // parsing the file again. Those of mapping keys only for the settings file, the one whose
    // findings point at keys (rule names in `settings.rules`, see [`Diagnostic::key`]): they
    // are a third of the positions' memory, 90 MB at 100,000 activities.
    let positions = parsed_document
        .as_ref()
        .ok()
        .map(|d| d.locations.positions(kind == FileKind::Register));
    parsed.source = Some(Arc::new(
        SourceFile::new(path, text).with_positions(positions),
    ));
    match parsed_document {
        Ok(d) => Some(d),
        Err(e) => {
            let help = match e.kind {
                yaml::YamlErrorKind::TooLarge => too_large_help(kind),
                _ => e.help,
            };
            parsed.diagnostics.push(
                Diagnostic::new(e.kind.code(), e.message)
                    .at_position(path, e.position)
                    .help(help),
            );
            None
        }
    }
}

/// Read, parse, validate and deserialise one whole file of the register `root`.
pub(super) fn parse_file<T: DeserializeOwned>(
    path: &Path,
    kind: FileKind,
    root: &RegisterRoot,
) -> Parsed<T> {
    let mut parsed = Parsed::empty();
    let Some(document) = read_document(path, kind, root, &mut parsed) else {
        return parsed;
    };
    let errors = schema_errors(kind, &document.value, path, &document.locations);
    if !errors.is_empty() {
        parsed.diagnostics = errors
            .into_iter()
            .map(|e: SchemaError| e.diagnostic)
            .collect();
        return parsed;
    }
    // The schema has accepted the file, so deserialising cannot fail but for a mismatch between
    // the model and its schema; that is reported at the file's root with serde's message.
    match serde_json::from_value::<T>(document.value) {
        Ok(v) => parsed.value = Some(v),
        Err(e) => parsed
            .diagnostics
            .push(model_mismatch(path, "", kind, e.to_string())),
    }
    parsed
}

/// A value the schema accepts and the model refuses: reported at `pointer` with serde's message.
pub(super) fn model_mismatch(
    path: &Path,
    pointer: &str,
    kind: FileKind,
    message: String,
) -> Diagnostic {
    Diagnostic::new(&loading::SCHEMA_VIOLATION, message)
        .at(path, pointer)
        .help(format!(
            "see schemas/{} for what this file may hold",
            kind.schema_file_name()
        ))
}

/// The finding for an entry of a register's folder that is not read.
pub(super) fn ignored_entry(path: PathBuf, why: &str, folder: &str) -> Diagnostic {
    let help = if folder == ACTIVITIES_DIR {
        format!(
            "activities are the lower-case `.yaml` files directly in `{ACTIVITIES_DIR}/`: rename or move the activity files there, and anything else out of `{ACTIVITIES_DIR}/`"
        )
    } else {
        format!(
            "the catalogue's files are the lower-case `.yaml` files directly in `{folder}/`: rename or move them there, and anything else out of `{folder}/`"
        )
    };
    let mut d = Diagnostic::new(
        &loading::IGNORED_FILE,
        format!(
            "`{}` is not read: {why}",
            path.file_name().unwrap_or_default().to_string_lossy()
        ),
    )
    .help(help);
    d.file = Some(path.into());
    d
}

/// The finding for a register folder that cannot be listed.
pub(super) fn unreadable_folder(
    folder: &Path,
    name: &str,
    e: &std::io::Error,
    what: &str,
) -> Diagnostic {
    let message = if folder.is_file() {
        format!("`{name}` is a file, not a folder of {what}")
    } else {
        format!("cannot read the folder of {what}: {e}")
    };
    let mut d = Diagnostic::new(&loading::UNREADABLE_FILE, message).help(format!(
        "make `{name}` a readable folder holding the {what}, one `.yaml` file each"
    ));
    d.file = Some(folder.into());
    d
}
