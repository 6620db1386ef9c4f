//! Loading registers: find them under a path, read and parse every file in parallel, validate each
//! against its JSON Schema, and deserialise it into the model, keeping every node's location.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, bail};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::catalogue::loading;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Activity, MeasuresFile, Register, RegisterFile, Sourced, VendorsFile};
use crate::read;
use crate::schema::{self, FileKind};
use crate::source::{Position, SourceFile, SourceMap};
use crate::yaml::{self, Limits, Locations};

pub use crate::model::{ACTIVITIES_DIR, MEASURES_FILE, REGISTER_FILE, VENDORS_FILE};

/// An entry of `activities/` that looks like an activity but is not read: a folder, or a YAML
/// file whose extension is not written `.yaml` or `.yml`. Hidden entries and other files (a
/// README) are left alone.
fn ignored_because(entry: &fs::DirEntry, ext: Option<&str>) -> Option<&'static str> {
    if entry.file_name().to_string_lossy().starts_with('.') {
        return None;
    }
    let file_type = entry.file_type().ok();
    if file_type.is_some_and(|t| t.is_dir()) {
        return Some("it is a folder, and activities are read only directly from `activities/`");
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

/// What loading found: the registers that loaded, the problems, and the files read.
#[derive(Debug, Default)]
pub struct LoadOutcome {
    /// Registers whose files all parsed and validated (activities that failed are left out).
    pub registers: Vec<Register>,
    /// Loading and schema findings.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, for quoting lines and locating findings.
    pub sources: SourceMap,
    /// Activity files seen, loaded or not: (register directory, id or file stem, file).
    pub activity_files: Vec<(PathBuf, String, PathBuf)>,
}

impl LoadOutcome {
    /// Fill in line and column of every diagnostic that only has a pointer.
    ///
    /// Node locations are not kept for every file of a register (they would take more memory
    /// than the register itself); the files that have findings are parsed again, in parallel,
    /// from the text kept in [`LoadOutcome::sources`]. Parsing is deterministic, so the
    /// locations are those of the first reading.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        let mut files: Vec<&Path> = diagnostics
            .iter()
            .filter(|d| d.position.is_none() && d.pointer.is_some())
            .filter_map(|d| d.file.as_deref())
            .filter_map(|file| self.sources.get(file).map(|s| s.path.as_path()))
            .collect();
        files.sort();
        files.dedup();
        let located: HashMap<&Path, Locations> = files
            .into_par_iter()
            .filter_map(|file| {
                let source = self.sources.get(file)?;
                let document = yaml::parse_str(&source.text, &Limits::default()).ok()?;
                Some((file, document.locations))
            })
            .collect();
        for d in diagnostics.iter_mut() {
            if d.position.is_some() {
                continue;
            }
            if let (Some(file), Some(pointer)) = (&d.file, &d.pointer)
                && let Some(locations) = located.get(file.as_path())
            {
                let key = if d.on_key {
                    locations.key(pointer)
                } else {
                    None
                };
                d.position = Some(key.unwrap_or_else(|| locations.find(pointer)));
            }
        }
    }
}

/// The register directories under `path`: `path` itself if it holds `ropa.yaml`, and every
/// directory below it that does, sorted. Hidden directories, `target`, and a register's own
/// `activities/` and `templates/` folders are not searched.
pub fn discover(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !path.exists() {
        bail!("{} does not exist", path.display());
    }
    if path.is_file() {
        bail!(
            "{} is a file; give the register's directory (the one holding {REGISTER_FILE}) or a folder of registers",
            path.display()
        );
    }
    let mut found = Vec::new();
    // Folders already walked, by real path: a symbolic link back to a parent folder would
    // otherwise find the same registers again at every level.
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if let Ok(real) = fs::canonicalize(&dir)
            && !seen.insert(real)
        {
            continue;
        }
        // A register may hold other registers (a subsidiary's, say) in its sub-folders; its own
        // activities and templates folders are not searched.
        let is_register = dir.join(REGISTER_FILE).is_file();
        if is_register {
            found.push(dir.clone());
        }
        let entries =
            fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?;
        let mut children = Vec::new();
        for entry in entries.flatten() {
            let p = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let own_folder = is_register && (name == ACTIVITIES_DIR || name == "templates");
            if p.is_dir()
                && !own_folder
                && !name.starts_with('.')
                && name != "target"
                && name != "node_modules"
            {
                children.push(p);
            }
        }
        // Walk in name order whatever order the file system lists them in, so that of two
        // links to one register the same one is kept on every run.
        children.sort();
        stack.extend(children.into_iter().rev());
    }
    if found.is_empty() {
        bail!(
            "no register found under {}: a register is a directory holding {REGISTER_FILE}",
            path.display()
        );
    }
    found.sort();
    Ok(found)
}

/// Load every register under `path`. Fails only when no register can be found; problems inside
/// files are diagnostics.
pub fn load(path: &Path) -> anyhow::Result<LoadOutcome> {
    let dirs = discover(path)?;
    let mut outcome = LoadOutcome::default();
    for dir in dirs {
        load_into(&dir, None, &mut outcome);
    }
    Ok(outcome)
}

/// What to load of one register: all of it, or only some of its activity files (with its
/// settings and catalogues, which every activity is checked against).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The register's directory.
    pub root: PathBuf,
    /// The activity files to load, sorted; `None` for every file of `activities/`.
    pub activities: Option<Vec<PathBuf>>,
}

/// The registers and activity files named by `paths`, as `ropa check PATH...` takes them: a
/// folder is searched for registers ([`discover`]); an activity file (`<register>/activities/
/// <id>.yaml`) selects that activity of its register; a register's own `ropa.yaml`,
/// `vendors.yaml` or `measures.yaml` selects the whole register, since every activity depends
/// on them. Any other file is an error that says what is expected.
pub fn select(paths: &[PathBuf]) -> anyhow::Result<Vec<Selection>> {
    let mut selections: Vec<Selection> = Vec::new();
    let mut add = |root: PathBuf, activity: Option<PathBuf>| {
        let at = selections.iter().position(|s| s.root == root);
        match (at, activity) {
            (None, activity) => selections.push(Selection {
                root,
                activities: activity.map(|a| vec![a]),
            }),
            (Some(i), Some(a)) => {
                if let Some(list) = &mut selections[i].activities {
                    list.push(a);
                }
            }
            (Some(i), None) => selections[i].activities = None,
        }
    };
    for path in paths {
        if fs::metadata(path).is_ok_and(|m| m.is_file()) {
            let (root, activity) = register_of_file(path)?;
            add(root, activity);
        } else {
            for root in discover(path)? {
                add(root, None);
            }
        }
    }
    for s in &mut selections {
        if let Some(list) = &mut s.activities {
            list.sort();
            list.dedup();
        }
    }
    selections.sort_by(|a, b| a.root.cmp(&b.root));
    Ok(selections)
}

/// The register a file belongs to, and the file itself when it is an activity.
fn register_of_file(path: &Path) -> anyhow::Result<(PathBuf, Option<PathBuf>)> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let is_register = |dir: &Path| dir.join(REGISTER_FILE).is_file();
    if matches!(
        name.as_deref(),
        Some(REGISTER_FILE | VENDORS_FILE | MEASURES_FILE)
    ) && is_register(&parent)
    {
        return Ok((parent, None));
    }
    let ext = path.extension().and_then(|e| e.to_str());
    // `activities` as written, or as the real folder is named when given as `.` or `..`.
    let folder_name = parent.file_name().map(|n| n.to_os_string()).or_else(|| {
        fs::canonicalize(&parent)
            .ok()?
            .file_name()
            .map(|n| n.to_os_string())
    });
    let root = match (parent.file_name(), parent.parent()) {
        (Some(_), Some(p)) if !p.as_os_str().is_empty() => p.to_path_buf(),
        (Some(_), _) => PathBuf::from("."),
        // The folder was given as `.` or `..`.
        (None, _) => parent.join(".."),
    };
    if matches!(ext, Some("yaml" | "yml"))
        && folder_name.is_some_and(|n| n == ACTIVITIES_DIR)
        && is_register(&root)
    {
        return Ok((root, Some(path.to_path_buf())));
    }
    bail!(
        "{} is not a file of a register: give activity files (`<register>/{ACTIVITIES_DIR}/<id>.yaml`), a register's {REGISTER_FILE}, {VENDORS_FILE} or {MEASURES_FILE}, or folders",
        path.display()
    )
}

/// Load what `selections` name. A register of which only some activities are loaded is marked
/// [`Register::partial`].
pub fn load_selected(selections: &[Selection]) -> LoadOutcome {
    let mut outcome = LoadOutcome::default();
    for s in selections {
        load_into(&s.root, s.activities.as_deref(), &mut outcome);
    }
    outcome
}

/// Load the one register in `dir`, or the problems that stop it from loading.
pub fn load_register(dir: &Path) -> Result<Register, Vec<Diagnostic>> {
    let mut outcome = LoadOutcome::default();
    load_into(dir, None, &mut outcome);
    let failed = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    match outcome.registers.pop() {
        Some(register) if !failed => Ok(register),
        _ => {
            let mut diagnostics = std::mem::take(&mut outcome.diagnostics);
            outcome.locate(&mut diagnostics);
            Err(diagnostics)
        }
    }
}

/// One parsed and validated file.
struct Parsed<T> {
    value: Option<T>,
    diagnostics: Vec<Diagnostic>,
    source: Option<Arc<SourceFile>>,
}

/// Load the register in `dir` into `outcome`: its settings, catalogues, and the activity files
/// `only` names (each a regular file), or every file of `activities/`.
fn load_into(dir: &Path, only: Option<&[PathBuf]>, outcome: &mut LoadOutcome) {
    let config_path = dir.join(REGISTER_FILE);
    let vendors_path = dir.join(VENDORS_FILE);
    let measures_path = dir.join(MEASURES_FILE);

    let mut activity_paths = Vec::new();
    let activities_dir = dir.join(ACTIVITIES_DIR);
    let mut ignored: Vec<(PathBuf, &str)> = Vec::new();
    // Named files are read without listing the folder: the time depends on the files given.
    let listing = match only {
        Some(files) => {
            activity_paths.extend(files.iter().cloned());
            Ok(None)
        }
        None => fs::read_dir(&activities_dir).map(Some),
    };
    match listing {
        Ok(None) => {}
        Ok(Some(entries)) => {
            for entry in entries.flatten() {
                let p = entry.path();
                let ext = p.extension().and_then(|e| e.to_str());
                // The directory entry knows its type; asking the path would cost a stat per
                // file. A symbolic link is read, so that one that leads nowhere is reported.
                let is_file = entry
                    .file_type()
                    .map(|t| t.is_file() || (t.is_symlink() && !p.is_dir()))
                    .unwrap_or(false);
                if is_file && matches!(ext, Some("yaml" | "yml")) {
                    activity_paths.push(p);
                } else if let Some(why) = ignored_because(&entry, ext) {
                    ignored.push((p, why));
                }
            }
        }
        // No activities yet.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !activities_dir.is_symlink() => {}
        Err(e) => {
            let message = if activities_dir.is_file() {
                format!("`{ACTIVITIES_DIR}` is a file, not a folder of activity files")
            } else {
                format!("cannot read the folder of activity files: {e}")
            };
            let mut d = Diagnostic::new(
&loading::UNREADABLE_FILE,
message,
            )
            .help(format!(
                "make `{ACTIVITIES_DIR}` a readable folder holding one `<id>.yaml` file per processing activity"
            ));
            d.file = Some(activities_dir.clone());
            outcome.diagnostics.push(d);
        }
    }
    activity_paths.sort();
    ignored.sort();
    for (path, why) in ignored {
        let mut d = Diagnostic::new(
&loading::IGNORED_FILE,
format!(
                "`{}` is not read: {why}",
                path.file_name().unwrap_or_default().to_string_lossy()
            ),
        )
        .help(format!(
            "activities are the lower-case `.yaml` files directly in `{ACTIVITIES_DIR}/`: rename or move the activity files there, and anything else out of `{ACTIVITIES_DIR}/`"
        ));
        d.file = Some(path);
        outcome.diagnostics.push(d);
    }

    // A catalogue that is there but is not a readable file (a folder, a link to nowhere) is
    // reported, not taken for an absent one.
    let present = |p: &Path| p.exists() || p.is_symlink();
    // Files are read only when they resolve inside the register's real folder.
    let root = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let config = parse_file::<RegisterFile>(&config_path, FileKind::Register, &root);
    let vendors = present(&vendors_path)
        .then(|| parse_file::<VendorsFile>(&vendors_path, FileKind::Vendors, &root));
    let measures = present(&measures_path)
        .then(|| parse_file::<MeasuresFile>(&measures_path, FileKind::Measures, &root));
    let activities: Vec<Parsed<Activity>> = activity_paths
        .par_iter()
        .map(|p| parse_file::<Activity>(p, FileKind::Activity, &root))
        .collect();

    let mut register = Register {
        root: dir.to_path_buf(),
        config: Sourced {
            file: config_path.clone(),
            pointer: String::new(),
            item: RegisterFile::default(),
        },
        vendors: Vec::new(),
        measures: Vec::new(),
        activities: Vec::new(),
        index: Default::default(),
        partial: only.is_some(),
    };
    let mut config_ok = false;
    if let Some(value) = absorb(outcome, config) {
        register.config.item = value;
        config_ok = true;
    }
    if let Some(vendors) = vendors.and_then(|v| absorb(outcome, v)) {
        register.vendors = vendors
            .vendors
            .into_iter()
            .enumerate()
            .map(|(i, item)| Sourced {
                file: vendors_path.clone(),
                pointer: format!("/vendors/{i}"),
                item,
            })
            .collect();
    }
    if let Some(measures) = measures.and_then(|m| absorb(outcome, m)) {
        register.measures = measures
            .measures
            .into_iter()
            .enumerate()
            .map(|(i, item)| Sourced {
                file: measures_path.clone(),
                pointer: format!("/measures/{i}"),
                item,
            })
            .collect();
    }
    for (path, parsed) in activity_paths.iter().zip(activities) {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match absorb(outcome, parsed) {
            Some(activity) => {
                if activity.id != stem {
                    outcome.diagnostics.push(
                        Diagnostic::new(
                            &loading::FILE_NAME_MISMATCH,
                            format!(
                                "activity `{}` is in a file named `{}`",
                                activity.id,
                                path.file_name().unwrap_or_default().to_string_lossy()
                            ),
                        )
                        .at(path.clone(), "/id")
                        .activity(activity.id.clone())
                        .help(format!(
                            "rename the file to `{}.yaml` or change the id to `{stem}`",
                            activity.id
                        )),
                    );
                }
                outcome
                    .activity_files
                    .push((dir.to_path_buf(), activity.id.clone(), path.clone()));
                register.activities.push(Sourced {
                    file: path.clone(),
                    pointer: String::new(),
                    item: activity,
                });
            }
            None => outcome
                .activity_files
                .push((dir.to_path_buf(), stem, path.clone())),
        }
    }
    if config_ok {
        outcome.registers.push(register);
    }
}

fn absorb<T>(outcome: &mut LoadOutcome, parsed: Parsed<T>) -> Option<T> {
    outcome.diagnostics.extend(parsed.diagnostics);
    if let Some(source) = parsed.source {
        outcome.sources.insert(source);
    }
    parsed.value
}

/// What to do with a file over the size or node limit, for its kind: a register's catalogues
/// cannot be split into several files of the same name.
fn too_large_help(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Activity => {
            "an activity this large is unusual: move long texts out of it, or record the processing as several activities"
        }
        FileKind::Register => {
            "shorten the settings file: it holds the controller and settings only"
        }
        FileKind::Vendors | FileKind::Measures => {
            "shorten the catalogue: remove entries no activity uses, and long descriptions"
        }
    }
}

/// Read, parse, validate and deserialise one file of the register whose canonical folder is
/// `root`.
fn parse_file<T: DeserializeOwned>(path: &Path, kind: FileKind, root: &Path) -> Parsed<T> {
    let mut parsed = Parsed {
        value: None,
        diagnostics: Vec::new(),
        source: None,
    };
    let limits = Limits::default();
    let bytes = match read::read_in_register(path, root, limits.max_bytes as u64) {
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
            return parsed;
        }
    };
    let parsed_document = yaml::parse_bytes(&bytes, &limits);
    // Keep the text for quoting lines; valid UTF-8 is moved, not copied.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let source = Arc::new(SourceFile::new(path, text));
    parsed.source = Some(source.clone());
    let document = match parsed_document {
        Ok(d) => d,
        Err(e) => {
            let help = match e.kind {
                yaml::YamlErrorKind::TooLarge => too_large_help(kind).to_string(),
                _ => e.help,
            };
            parsed.diagnostics.push(
                Diagnostic::new(e.kind.code(), e.message)
                    .at_position(path, e.position)
                    .help(help),
            );
            return parsed;
        }
    };
    let value = document.value;
    let errors = schema_errors(kind, &value, path, &document.locations);
    if !errors.is_empty() {
        parsed.diagnostics = errors;
        return parsed;
    }
    // The schema has accepted the file, so deserialising cannot fail but for a mismatch between
    // the model and its schema; that is reported at the file's root with serde's message.
    match serde_json::from_value::<T>(value) {
        Ok(v) => parsed.value = Some(v),
        Err(e) => {
            parsed.diagnostics.push(
                Diagnostic::new(&loading::SCHEMA_VIOLATION, e.to_string())
                    .at(path, "")
                    .help(format!(
                        "see schemas/{} for what this file may hold",
                        kind.schema_file_name()
                    )),
            );
        }
    }
    parsed
}

fn schema_errors(
    kind: FileKind,
    value: &Value,
    path: &Path,
    locations: &Locations,
) -> Vec<Diagnostic> {
    let validator = schema::validator(kind);
    // Most files are valid: the boolean check is much cheaper than collecting located errors.
    if validator.is_valid(value) {
        return Vec::new();
    }
    let root = schema::json_schema_cached(kind);
    let mut errors = Vec::new();
    for error in validator.iter_errors(value) {
        expand(error.to_owned(), value, &mut errors);
    }
    let mut out = Vec::new();
    for error in errors {
        let pointer = error.instance_path().as_str().to_string();
        match error.kind() {
            jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed = schema::schema_at(root, &pointer)
                    .map(schema::allowed_properties)
                    .unwrap_or_default();
                for key in unexpected {
                    let mut key_pointer = format!("{pointer}/");
                    yaml::push_escaped(&mut key_pointer, key);
                    let position = locations
                        .key(&key_pointer)
                        .unwrap_or_else(|| locations.find(&pointer));
                    let mut help = crate::suggest::did_you_mean(key, &allowed);
                    help.push_str(&format!("expected one of: {}", allowed.join(", ")));
                    out.push(
                        Diagnostic::new(&loading::UNKNOWN_FIELD, format!("unknown field `{key}`"))
                            .at_position(path, position)
                            .help(help),
                    );
                }
            }
            other => {
                let (message, help) = describe(root, &pointer, value, other, &error.to_string());
                let position = locations.find(&pointer);
                let mut d = Diagnostic::new(&loading::SCHEMA_VIOLATION, message)
                    .at(path, pointer)
                    .help(help);
                d.position = Some(position);
                out.push(d);
            }
        }
    }
    out
}

/// The errors to report for one validation error. An optional field's schema is `anyOf` its
/// type and `null`: when the value is not null, the null branch says nothing useful, so the
/// errors of the other branch are reported instead (found the same way, for nested options).
/// Without this a typo inside `dpo:` or `dpia:` would be reported as the whole block failing
/// `anyOf`, with no field name, no "did you mean" and the block's position.
fn expand(
    error: jsonschema::ValidationError<'static>,
    instance: &Value,
    out: &mut Vec<jsonschema::ValidationError<'static>>,
) {
    use jsonschema::error::{TypeKind, ValidationErrorKind as K};
    let pointer = error.instance_path().as_str().to_string();
    let not_null = instance.pointer(&pointer).is_some_and(|v| !v.is_null());
    let branches = match error.kind() {
        K::AnyOf { context } | K::OneOfNotValid { context } if not_null => context,
        _ => {
            out.push(error);
            return;
        }
    };
    let is_null_branch = |branch: &Vec<jsonschema::ValidationError<'static>>| {
        !branch.is_empty()
            && branch.iter().all(|e| {
                e.instance_path().as_str() == pointer
                    && matches!(
                        e.kind(),
                        K::Type {
                            kind: TypeKind::Single(jsonschema::JsonType::Null)
                        }
                    )
            })
    };
    let mut others = branches
        .iter()
        .enumerate()
        .filter(|(_, b)| !is_null_branch(b))
        .map(|(i, _)| i);
    let only = match (others.next(), others.next()) {
        (Some(only), None) if branches.len() > 1 => only,
        _ => {
            out.push(error);
            return;
        }
    };
    if let K::AnyOf { context } | K::OneOfNotValid { context } = error.into_parts().kind {
        for e in context.into_iter().nth(only).unwrap_or_default() {
            expand(e, instance, out);
        }
    }
}

/// A clearer message and help for a schema error.
fn describe(
    root: &Value,
    pointer: &str,
    instance: &Value,
    kind: &jsonschema::error::ValidationErrorKind,
    fallback: &str,
) -> (String, String) {
    use jsonschema::error::ValidationErrorKind as K;
    let field = pointer.rsplit('/').next().filter(|s| !s.is_empty());
    let what = match field {
        Some(f) => format!("`{f}`"),
        None => "the file".to_string(),
    };
    let allowed = schema::schema_at(root, pointer)
        .map(|node| schema::allowed_values(root, node))
        .unwrap_or_default();
    let actual = instance.pointer(pointer);
    match kind {
        K::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            (
                format!("missing required field `{name}` in {what}"),
                format!("add `{name}:` here"),
            )
        }
        K::OneOfNotValid { .. } | K::AnyOf { .. } | K::Enum { .. } | K::Constant { .. }
            if !allowed.is_empty() =>
        {
            let got = actual
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string())
                })
                .unwrap_or_default();
            let mut help = actual
                .and_then(Value::as_str)
                .map(|s| crate::suggest::did_you_mean(s, &allowed))
                .unwrap_or_default();
            help.push_str(&format!("expected one of: {}", allowed.join(", ")));
            (format!("`{got}` is not a valid value for {what}"), help)
        }
        K::Type { kind: expected } => {
            let got = match actual {
                Some(Value::Null) => "nothing (null)",
                Some(Value::Bool(_)) => "a boolean",
                Some(Value::Number(_)) => "a number",
                Some(Value::String(_)) => "a string",
                Some(Value::Array(_)) => "a list",
                Some(Value::Object(_)) => "a mapping",
                None => "a value",
            };
            let expects = |t: jsonschema::JsonType| match expected {
                jsonschema::error::TypeKind::Single(one) => *one == t,
                jsonschema::error::TypeKind::Multiple(set) => set.contains(t),
            };
            use jsonschema::JsonType as T;
            let help = if field.is_none() {
                "the file must be a mapping of `key: value` lines; see schemas/ for what it may hold"
                    .to_string()
            } else if expects(T::String) {
                format!("{fallback}; quote the value if it should be text")
            } else if expects(T::Boolean) {
                "write `true` or `false`; in YAML 1.2 `yes`, `no`, `on` and `off` are text, not booleans"
                    .to_string()
            } else if expects(T::Integer) || expects(T::Number) {
                "write a number, without quotes".to_string()
            } else if expects(T::Object) {
                "write a mapping (`key: value` lines, indented below the key) here".to_string()
            } else if expects(T::Array) {
                "write a list here: `- item` lines indented below the key, or `[a, b]`".to_string()
            } else {
                fallback.to_string()
            };
            (format!("{what} has the wrong type: found {got}"), help)
        }
        K::Format { format } => (
            format!("{what} is not a valid {format}"),
            if *format == "date" {
                "write a real calendar date as YYYY-MM-DD, e.g. 2024-03-14".to_string()
            } else {
                fallback.to_string()
            },
        ),
        K::MinLength { .. } => (
            format!("{what} is empty"),
            "write it out: an empty text records nothing".to_string(),
        ),
        K::Pattern { pattern } => (
            format!("{what} does not match the expected pattern `{pattern}`"),
            pattern_help(pattern),
        ),
        _ => (
            fallback.to_string(),
            "see the JSON Schema in schemas/ for what is expected".to_string(),
        ),
    }
}

fn pattern_help(pattern: &str) -> String {
    if pattern.contains("A-Z]{2}") {
        "use an ISO 3166-1 alpha-2 country code in capitals, e.g. FR, US, NO".to_string()
    } else if pattern.contains("a-z0-9") {
        "use lower-case letters, digits and dashes, e.g. `customer-accounts`".to_string()
    } else {
        format!("the value must match {pattern}")
    }
}

pub use crate::suggest::closest;
