//! `ropa new`: skeletons of an activity, a vendor or a measure, added without touching the
//! register's other files, and validated before they are written.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::NaiveDate;

use super::templates::{
    ACTIVITY_CONTROLLER_TEMPLATE, ACTIVITY_HEAD_TEMPLATE, ACTIVITY_PROCESSOR_TEMPLATE,
    ACTIVITY_TAIL_TEMPLATE, MEASURE_TEMPLATE, VENDOR_TEMPLATE,
};
use super::{
    check_id, modeline_for, read_bounded, require_register, title_from_id, validate, yaml_text,
};
use crate::load::{ACTIVITIES_DIR, MEASURES_DIR, MEASURES_FILE, VENDORS_DIR, VENDORS_FILE};
use crate::schema::FileKind;

/// The skeleton of a new activity `id` of the given role, dated `today`, with the schema line
/// `modeline`.
pub fn activity_skeleton(id: &str, processor: bool, today: NaiveDate, modeline: &str) -> String {
    let name = title_from_id(id);
    let body = if processor {
        ACTIVITY_PROCESSOR_TEMPLATE
    } else {
        ACTIVITY_CONTROLLER_TEMPLATE
    };
    format!(
        "{modeline}{}",
        ACTIVITY_HEAD_TEMPLATE
            .replace("{id}", id)
            .replace("{name}", &yaml_text(&name))
            .replace("{role}", if processor { "processor" } else { "controller" })
            .replace("{date}", &today.format("%Y-%m-%d").to_string())
            .replace("{body}", body)
    ) + ACTIVITY_TAIL_TEMPLATE
}

/// Write a new activity file `activities/<id>.yaml` in the register at `root`. Refuses an
/// invalid id and an id already used (by a file name or by an activity's `id`).
pub fn new_activity(
    root: &Path,
    id: &str,
    processor: bool,
    today: NaiveDate,
) -> anyhow::Result<PathBuf> {
    check_id("activity", id)?;
    require_register(root)?;
    let path = root.join(ACTIVITIES_DIR).join(format!("{id}.yaml"));
    if path.exists() || path.is_symlink() {
        bail!(
            "{} already exists: activity `{id}` is taken",
            path.display()
        );
    }
    if let Some(other) = activity_with_id(root, id) {
        bail!(
            "activity `{id}` already exists in {}: choose another id",
            other.display()
        );
    }
    let modeline = modeline_for(root, &path, FileKind::Activity);
    let text = activity_skeleton(id, processor, today, &modeline);
    validate(&text, FileKind::Activity, &path)?;
    crate::output::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// The activity file of `root` whose `id:` line is `id`, whatever the file's name.
fn activity_with_id(root: &Path, id: &str) -> Option<PathBuf> {
    let entries = std::fs::read_dir(root.join(ACTIVITIES_DIR)).ok()?;
    let wanted = format!("id: {id}");
    entries.flatten().map(|e| e.path()).find(|p| {
        p.extension().is_some_and(|e| e == "yaml" || e == "yml")
            && read_bounded(root, p)
                .is_some_and(|text| text.lines().any(|l| l.trim_end() == wanted))
    })
}

/// What [`new_catalogue_entry`] adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogueKind {
    /// A vendor in `vendors.yaml`.
    Vendor,
    /// A measure in `measures.yaml`.
    Measure,
}

impl CatalogueKind {
    fn file(self) -> &'static str {
        match self {
            CatalogueKind::Vendor => VENDORS_FILE,
            CatalogueKind::Measure => MEASURES_FILE,
        }
    }
    fn folder(self) -> &'static str {
        match self {
            CatalogueKind::Vendor => VENDORS_DIR,
            CatalogueKind::Measure => MEASURES_DIR,
        }
    }
    fn key(self) -> &'static str {
        match self {
            CatalogueKind::Vendor => "vendors",
            CatalogueKind::Measure => "measures",
        }
    }
    fn kind(self) -> FileKind {
        match self {
            CatalogueKind::Vendor => FileKind::Vendors,
            CatalogueKind::Measure => FileKind::Measures,
        }
    }
    fn what(self) -> &'static str {
        match self {
            CatalogueKind::Vendor => "vendor",
            CatalogueKind::Measure => "measure",
        }
    }
}

/// The skeleton of a vendor entry, as list-item lines indented by `indent`.
pub fn vendor_skeleton(id: &str, indent: &str) -> String {
    indent_lines(
        &VENDOR_TEMPLATE
            .replace("{id}", id)
            .replace("{name}", &yaml_text(&title_from_id(id))),
        indent,
    )
}

/// The skeleton of a measure entry under an Annex III heading, as list-item lines.
pub fn measure_skeleton(id: &str, category: &str, indent: &str) -> String {
    indent_lines(
        &MEASURE_TEMPLATE
            .replace("{id}", id)
            .replace("{category}", category)
            .replace("{title}", &yaml_text(&title_from_id(id))),
        indent,
    )
}

fn indent_lines(text: &str, indent: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("{indent}{l}\n")
            }
        })
        .collect()
}

/// Add an entry to a catalogue of the register at `root`, creating the catalogue when it is
/// absent. `entry` makes the entry's lines for a list indentation. The text is appended, so the
/// file's comments and layout stay; the result is validated before it is written.
pub fn new_catalogue_entry(
    root: &Path,
    catalogue: CatalogueKind,
    id: &str,
    entry: impl Fn(&str) -> String,
) -> anyhow::Result<PathBuf> {
    check_id(catalogue.what(), id)?;
    require_register(root)?;
    let single = root.join(catalogue.file());
    let folder = root.join(catalogue.folder());
    if let Some(file) = folder_file_with_id(root, &folder, catalogue, id) {
        bail!(
            "{} `{id}` already exists in {}: choose another id",
            catalogue.what(),
            file.display()
        );
    }
    // A catalogue kept in its folder only gets a new file there, named after the id.
    let split = folder.is_dir() && !(single.exists() || single.is_symlink());
    let path = if split {
        folder.join(format!("{id}.yaml"))
    } else {
        single
    };
    if split && (path.exists() || path.is_symlink()) {
        bail!("{} already exists: choose another id", path.display());
    }
    let key = catalogue.key();
    let text = if path.exists() || path.is_symlink() {
        let meta = std::fs::symlink_metadata(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if !meta.is_file() {
            bail!("{} is not a regular file", path.display());
        }
        read_bounded(root, &path)
            .with_context(|| format!("cannot read {} (not UTF-8, or too large)", path.display()))?
    } else {
        format!("{}{key}: []\n", modeline_for(root, &path, catalogue.kind()))
    };
    let current = validate(&text, catalogue.kind(), &path).map_err(|e| {
        e.context(format!(
            "{} does not load; fix it first (`ropa check` says more)",
            path.display()
        ))
    })?;
    let ids = current
        .get(key)
        .and_then(|v| v.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get("id").and_then(|v| v.as_str()))
                .any(|existing| existing == id)
        })
        .unwrap_or(false);
    if ids {
        bail!(
            "{} `{id}` already exists in {}: choose another id",
            catalogue.what(),
            path.display()
        );
    }
    let new_text = append_item(&text, key, &entry)
        .with_context(|| format!("cannot add to {}", path.display()))?;
    validate(&new_text, catalogue.kind(), &path)?;
    crate::output::write_atomic(&path, new_text.as_bytes())?;
    Ok(path)
}

/// The file of a catalogue's folder that already holds an entry with this id, if any. Files
/// that do not load are skipped: `ropa check` reports them.
fn folder_file_with_id(
    root: &Path,
    folder: &Path,
    catalogue: CatalogueKind,
    id: &str,
) -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    files.into_iter().find(|file| {
        let Some(text) = read_bounded(root, file) else {
            return false;
        };
        let Ok(document) = crate::yaml::parse_str(&text, &crate::yaml::Limits::default()) else {
            return false;
        };
        document.value[catalogue.key()]
            .as_array()
            .is_some_and(|items| items.iter().any(|i| i["id"] == id))
    })
}

/// Append a list item to the top-level list `key` of a catalogue's text, which must be the last
/// top-level key (as in every catalogue: it has one). `key: []` becomes a block list.
fn append_item(text: &str, key: &str, entry: &impl Fn(&str) -> String) -> anyhow::Result<String> {
    let lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with(&format!("{key}:")))
        .with_context(|| format!("no top-level `{key}:` line"))?;
    if lines[header + 1..]
        .iter()
        .any(|l| !l.is_empty() && !l.starts_with([' ', '#', '-']))
    {
        bail!("`{key}:` is not the last top-level key: add the entry by hand");
    }
    let rest = lines[header].trim_start_matches(&format!("{key}:")).trim();
    let rest = rest.split(" #").next().unwrap_or("").trim();
    let mut out = String::new();
    if rest == "[]" {
        for l in &lines[..header] {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("{key}:\n"));
        for l in &lines[header + 1..] {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&entry("  "));
        return Ok(out);
    }
    if !rest.is_empty() {
        bail!("`{key}:` is written as a flow list: add the entry by hand");
    }
    let indent: String = lines[header + 1..]
        .iter()
        .find_map(|l| {
            let trimmed = l.trim_start();
            trimmed
                .starts_with('-')
                .then(|| l[..l.len() - trimmed.len()].to_string())
        })
        .unwrap_or_else(|| "  ".to_string());
    out.push_str(text);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&entry(&indent));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appending_keeps_the_text_and_opens_an_empty_flow_list() {
        let entry = |indent: &str| format!("{indent}- id: b\n");
        let text = "# c\nvendors: []\n";
        assert_eq!(
            append_item(text, "vendors", &entry).unwrap(),
            "# c\nvendors:\n  - id: b\n"
        );
        let text = "vendors:\n    - id: a\n      name: A\n";
        assert_eq!(
            append_item(text, "vendors", &entry).unwrap(),
            "vendors:\n    - id: a\n      name: A\n    - id: b\n"
        );
        assert!(append_item("vendors: [a]\n", "vendors", &entry).is_err());
        assert!(append_item("vendors:\n  - id: a\nother: 1\n", "vendors", &entry).is_err());
    }
}
