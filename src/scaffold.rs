//! Scaffolding: a new register (`ropa init`) and skeletons of an activity, a vendor or a measure
//! (`ropa new`), each valid against its schema, with the schema line and a comment per field;
//! and the check that a register's own copy of the schemas matches this version of ropa.
//!
//! Nothing here overwrites a file: every path is checked before the first byte is written, each
//! file is written atomically, and a failure part-way removes what this run created.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::NaiveDate;

use crate::load::{
    ACTIVITIES_DIR, MEASURES_DIR, MEASURES_FILE, REGISTER_FILE, VENDORS_DIR, VENDORS_FILE,
};
use crate::schema::{self, FileKind};
use crate::yaml::{self, Limits};

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
            "nothing written: {} already exist{} and ropa init never overwrites a file: {}",
            if existing.len() == 1 {
                "a file"
            } else {
                "files"
            },
            if existing.len() == 1 { "s" } else { "" },
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

/// "customer-accounts" → "Customer accounts".
fn title_from_id(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
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
        let Ok(document) = crate::yaml::parse_str(&text, &Limits::default()) else {
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

const REGISTER_TEMPLATE: &str = r#"# The organisation that keeps this record of processing activities (Art. 30 GDPR), its
# representative in the Union and its data protection officer, and the register's settings.
# Leave out what you do not know: `ropa check` says which facts Art. 30 requires, and documents
# print "Not stated" for what is missing. Every field is described in the schema (hover in an
# editor with the YAML extension).
organisation:
  name: {organisation}
  email: contact@example.org           # replace with the organisation's contact address
  # legal_form: SAS                      # legal form
  # registration: RCS Lyon 123 456 789   # company registration number
  # address: |-                          # postal address, one line per line
  #   1 rue de la République
  #   69001 Lyon
  # phone: +33 4 00 00 00 00
  # website: https://www.example.org
  # head:                                # the head of the organisation (Art. 30(1)(a))
  #   name: Claire Martin
  #   position: Managing director
# representative:                        # only for organisations outside the Union (Art. 27)
#   name: ...
# dpo:                                   # the data protection officer (Art. 37), if designated
#   name: Julien Bernard
#   email: dpo@example.org
settings:
  review_interval_months: 12             # how often every activity is reviewed
  dpia_review_interval_months: 36        # how often a DPIA is reviewed
  # language: fr                         # documents' default language: en or fr
  # rules:                               # per-rule severity: error | warning | info | off
  #   unused-vendor: off
"#;

const VENDORS_TEMPLATE: &str = r#"# Vendors, processors, sub-processors and other third parties that receive personal data.
# Activities name them as recipients (`kind: vendor`, `vendor: <id>`). Add one with
# `ropa new vendor ID`.
vendors: []
"#;

const MEASURES_TEMPLATE: &str = r#"# Technical and organisational security measures (Art. 32), under the headings of Annex III of
# Decision (EU) 2021/915. Activities name them in `security_measures`. Add one with
# `ropa new measure ID --category CATEGORY`.
measures: []
"#;

const EXAMPLE_TEMPLATE: &str = r#"# An example activity to show the format: edit it to describe a real processing, or delete it.
# One file per processing activity, named after its id. Add another with `ropa new activity ID`.
id: example-newsletter
name: Newsletter
description: >-
  Subscribers receive a monthly e-mail about the organisation's news.
owner: Communication                   # the team answerable for the activity
role: controller                       # controller | joint_controller | processor
created: {date}
updated: {date}
reviewed: {date}
purposes:
  - description: Send the monthly newsletter to those who asked for it
    legal_basis: consent               # Art. 6(1)(a)
    consent_record: The subscription form records the date and the text agreed to
operations: [collection, recording, storage, use, erasure]
data_subjects:
  - id: subscribers
    name: Newsletter subscribers
data_categories:
  - id: email-address
    name: E-mail address
    source: The subscriber, on the subscription form
special_categories_statement: >-
  No special categories of data (Art. 9) and no data relating to criminal convictions (Art. 10)
  are processed.
recipients:
  - kind: internal
    name: Communication team
retention:
  - text: The address is kept until the subscriber unsubscribes, then deleted.
    data_categories: [email-address]
    periods:
      - phase: active
        until: the subscriber unsubscribes
    end_action: delete
automated_decision_making: No decision is made by automated means.
dpia:
  done: false
  date: {date}
  conclusion: No WP248 criterion and no Art. 35(3) case applies; a DPIA is not required.
"#;

const ACTIVITY_HEAD_TEMPLATE: &str = r#"# One processing activity (Art. 30 GDPR). Leave out what is not known: `ropa check` says what
# is missing, and documents print "Not stated". Every field is described in the schema.
id: {id}                               # the file's name without .yaml; used in references
name: {name}                           # the activity as people call it
# description: >-                      # what happens, in a few sentences
#   ...
# owner: Sales                         # the team answerable for the activity
role: {role}                           # controller | joint_controller | processor
created: {date}                        # when this record was created
updated: {date}                        # when it last changed
# reviewed: {date}                     # when the DPO last reviewed it
# next_review: YYYY-MM-DD              # when it is due for review
{body}"#;

const ACTIVITY_CONTROLLER_TEMPLATE: &str = r#"# purposes:                           # why the data is processed, each with its legal basis
#   - description: Manage customer accounts
#     legal_basis: contract            # consent | contract | legal_obligation | vital_interests | public_task | legitimate_interests
#     # legitimate_interest: ...       # with legitimate_interests: the interest pursued
#     # legal_reference: ...           # with legal_obligation or public_task: the law
# joint_controllers:                   # with role: joint_controller (Art. 26)
#   - name: ...
"#;

const ACTIVITY_PROCESSOR_TEMPLATE: &str = r#"# controllers:                        # on whose behalf the data is processed (Art. 30(2)(a))
#   - name: Customers of the service
# processing_categories:               # the categories of processing carried out (Art. 30(2)(b))
#   - Hosting of the customers' data
# purposes:                            # the purposes set by the controllers
#   - description: Provide the service to customers
# processing_agreement:                # the Art. 28(3) terms of the contract
#   reference: Data processing agreement, annex 2
#   breach_notification: PT36H         # how soon a breach is notified to the controller
#   sub_processor_authorisation:
#     kind: general                    # general | specific
#     notice: P30D                     # notice given before a new sub-processor (Art. 28(2))
"#;

const ACTIVITY_TAIL_TEMPLATE: &str = r#"# operations: [collection, recording, storage, use, erasure]   # what is done with the data (Art. 4(2))
# data_subjects:                       # whose data (Art. 30(1)(c))
#   - id: customers
#     name: Customers
# data_categories:                     # which data (Art. 30(1)(c))
#   - id: identity
#     name: Identity and contact details
#     # special_category: health       # an Art. 9(1) category, with its art9_condition
# special_categories_statement: No special categories of data are processed.
# recipients:                          # who receives the data (Art. 30(1)(d))
#   - kind: internal                   # internal | vendor | ... (see the schema)
#     name: Customer service
#   - kind: vendor
#     vendor: hosting-provider         # an id of vendors.yaml
# retention:                           # how long, and what happens at the end (Art. 30(1)(f))
#   - data_categories: [identity]
#     text: Three years after the last order, then deleted   # the source's own words
#     periods:
#       - {phase: active, duration: P3Y, from: last order}
#     end_action: delete               # delete | anonymise
# transfers:                           # data leaving the EEA (Art. 30(1)(e), Chapter V)
#   - {country: US, vendor: hosting-provider}
# security_measures: [daily-backups]   # ids of measures.yaml (Art. 30(1)(g))
# dpia:                                # DPIA screening (Art. 35)
#   criteria: []                       # WP248 criteria that apply
#   done: false
# waivers:                             # accepted exceptions to a rule, with reason and expiry
#   - {rule: RP302, reason: ..., approved_by: DPO, expires: YYYY-MM-DD}
# notes: ...
"#;

const VENDOR_TEMPLATE: &str = r#"- id: {id}                             # used by activities: `vendor: {id}`
  name: {name}                         # the vendor as it is known
  # legal_name: ...                    # its legal name, when different
  role: processor                      # processor | sub_processor | controller | joint_controller | authority
  service: Not stated                  # what it does with the data, e.g. Hosting
  # processing_description: ...        # the processing it carries out, in the contract's words
  # address: ...
  # website: https://...
  # contract: {reference: Data processing addendum, date: YYYY-MM-DD}   # the Art. 28 contract
  # locations:                         # where the data is processed
  #   - {country: FR, place: Paris}
  # transfer_safeguards:               # for each country outside the EEA (Chapter V)
  #   - {country: US, mechanism: scc_2021_914, scc_module: two}
  # dpf_certified: false               # certified under the EU-US Data Privacy Framework
  # certifications: [ISO 27001]
"#;

const MEASURE_TEMPLATE: &str = r#"- id: {id}                             # used by activities: `security_measures: [{id}]`
  category: {category}                 # heading of Annex III of Decision (EU) 2021/915
  # cnil_heading: access_control       # heading of the CNIL register sheet
  title: {title}
  description: Not stated              # what is done, by whom, how often
"#;

const WORKFLOW_TEMPLATE: &str = r#"# Checks the register on every push and pull request: findings as annotations on the pull
# request and in code scanning (SARIF). Made by `ropa init`.
name: register
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
env:
  # Where ropa is installed from, and which version; the build is cached, so only the first run
  # compiles it.
  ROPA_GIT_URL: https://github.com/OWNER/ropa
  ROPA_VERSION: v0.1.0
jobs:
  ropa:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: cache
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/ropa
          key: ropa-${{ runner.os }}-${{ env.ROPA_VERSION }}
      - if: steps.cache.outputs.cache-hit != 'true'
        run: cargo install --locked --git "$ROPA_GIT_URL" --tag "$ROPA_VERSION" ropa
      - run: ropa check . --format sarif -o ropa.sarif
        continue-on-error: true
      - uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: ropa.sarif
      # Annotations on the pull request, and the job's exit code:
      - run: ropa check . --format github
"#;

const PRE_COMMIT_TEMPLATE: &str = r#"# pre-commit (https://pre-commit.com): checks the register before each commit. Made by
# `ropa init`; needs `ropa` on PATH.
repos:
  - repo: local
    hooks:
      - id: ropa-check
        name: ropa check
        entry: ropa check .
        language: system
        files: \.ya?ml$
        pass_filenames: false
"#;

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
