//! Catalogues (vendors, measures): read from `vendors.yaml`, from the files of `vendors/`, or
//! both, and validated entry by entry, so that one bad entry is one finding and the other
//! entries still load. What failed is kept as a [`CatalogueGap`], so that references to it are
//! not reported again as dangling.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::files::{self, Parsed};
use super::validate::schema_errors;
use super::{MEASURES_DIR, MEASURES_FILE, VENDORS_DIR, VENDORS_FILE};
use crate::diagnostics::Diagnostic;
use crate::model::{CatalogueGap, Sourced};
use crate::read::RegisterRoot;
use crate::schema::FileKind;
use crate::source::SourceFile;

/// Where a catalogue is kept and how its files are shaped.
pub(super) struct Spec {
    /// The single file (`vendors.yaml`).
    file: &'static str,
    /// The folder of further files (`vendors/`).
    folder: &'static str,
    /// The key of the list in each file (`vendors`).
    key: &'static str,
    kind: FileKind,
}

/// The vendors' catalogue.
pub(super) const VENDORS: Spec = Spec {
    file: VENDORS_FILE,
    folder: VENDORS_DIR,
    key: "vendors",
    kind: FileKind::Vendors,
};

/// The measures' catalogue.
pub(super) const MEASURES: Spec = Spec {
    file: MEASURES_FILE,
    folder: MEASURES_DIR,
    key: "measures",
    kind: FileKind::Measures,
};

/// A loaded catalogue: the entries that loaded, what did not, the findings and the files read.
pub(super) struct Loaded<T> {
    pub items: Vec<Sourced<T>>,
    pub gap: CatalogueGap,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<Arc<SourceFile>>,
}

/// Load the catalogue `spec` of the register in `dir`, whose files are read through `root`.
pub(super) fn load<T: DeserializeOwned>(dir: &Path, root: &RegisterRoot, spec: &Spec) -> Loaded<T> {
    let mut out = Loaded {
        items: Vec::new(),
        gap: CatalogueGap::default(),
        diagnostics: Vec::new(),
        sources: Vec::new(),
    };
    let mut paths = Vec::new();
    // A file that is there but is not readable (a folder, a link to nowhere) is reported, not
    // taken for an absent one.
    let file = dir.join(spec.file);
    if file.exists() || file.is_symlink() {
        paths.push(file);
    }
    let folder = dir.join(spec.folder);
    match files::yaml_files(&folder, spec.folder) {
        Ok((found, ignored)) => {
            paths.extend(found);
            for (path, why) in ignored {
                out.diagnostics
                    .push(files::ignored_entry(path, why, spec.folder));
            }
        }
        Err(e) => {
            let what = format!("{} files", spec.key);
            out.diagnostics
                .push(files::unreadable_folder(&folder, spec.folder, &e, &what));
            out.gap.whole = true;
        }
    }
    for path in paths {
        load_file(&path, root, spec, &mut out);
    }
    out
}

/// Load one file of a catalogue into `out`: every entry that is valid, and a finding per fault.
fn load_file<T: DeserializeOwned>(
    path: &Path,
    root: &RegisterRoot,
    spec: &Spec,
    out: &mut Loaded<T>,
) {
    let mut parsed = Parsed::<()>::empty();
    let document = files::read_document(path, spec.kind, root, &mut parsed);
    out.diagnostics.append(&mut parsed.diagnostics);
    out.sources.extend(parsed.source);
    let Some(document) = document else {
        // Nothing of the file is known: any id may have been in it.
        out.gap.whole = true;
        return;
    };
    let mut bad = BTreeSet::new();
    let mut whole_file = false;
    for error in schema_errors(spec.kind, &document.value, path, &document.locations) {
        match entry_index(&error.pointer, spec.key) {
            Some(i) => {
                bad.insert(i);
            }
            None => whole_file = true,
        }
        out.diagnostics.push(error.diagnostic);
    }
    let entries = match document.value {
        Value::Object(mut map) if !whole_file => map.remove(spec.key),
        _ => None,
    };
    let Some(Value::Array(entries)) = entries else {
        out.gap.whole = true;
        return;
    };
    let file: std::sync::Arc<Path> = path.into();
    for (i, entry) in entries.into_iter().enumerate() {
        let id = entry.get("id").and_then(Value::as_str).map(str::to_owned);
        let pointer = format!("/{}/{i}", spec.key);
        if bad.contains(&i) {
            out.gap.add(id);
            continue;
        }
        match serde_json::from_value::<T>(entry) {
            Ok(item) => out.items.push(Sourced {
                file: file.clone(),
                pointer,
                item,
            }),
            Err(e) => {
                let message = format!("{}[{i}]: {e}", spec.key);
                out.diagnostics
                    .push(files::model_mismatch(path, &pointer, spec.kind, message));
                out.gap.add(id);
            }
        }
    }
}

/// The index of the catalogue entry a pointer is inside (`/vendors/2/role` is in entry 2);
/// `None` for a pointer about the file itself.
fn entry_index(pointer: &str, key: &str) -> Option<usize> {
    let rest = pointer
        .strip_prefix('/')?
        .strip_prefix(key)?
        .strip_prefix('/')?;
    rest.split('/').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_inside_an_entry_name_it() {
        assert_eq!(entry_index("/vendors/2/role", "vendors"), Some(2));
        assert_eq!(entry_index("/vendors/10", "vendors"), Some(10));
        assert_eq!(entry_index("/vendors", "vendors"), None);
        assert_eq!(entry_index("", "vendors"), None);
        assert_eq!(entry_index("/vendorsx/1", "vendors"), None);
        assert_eq!(entry_index("/measures/1", "vendors"), None);
    }
}
