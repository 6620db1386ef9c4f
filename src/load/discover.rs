//! Finding registers: the register folders under a path, and what `ropa check PATH...` selects
//! of them (whole registers, or some activity files of one).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::{
    ACTIVITIES_DIR, MEASURES_DIR, MEASURES_FILE, REGISTER_FILE, VENDORS_DIR, VENDORS_FILE,
};

/// Whether `name` is one of a register's own folders, which hold its files and no register.
fn own_folder(name: &str) -> bool {
    [ACTIVITIES_DIR, VENDORS_DIR, MEASURES_DIR, "templates"].contains(&name)
}

/// The register directories under `path`: `path` itself if it holds `ropa.yaml`, and every
/// directory below it that does, sorted. Hidden directories, `target`, and a register's own
/// folders (`activities/`, `vendors/`, `measures/`, `templates/`) are not searched.
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
        // folders are not searched.
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
            let own_folder = is_register && own_folder(&name);
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
/// <id>.yaml`) selects that activity of its register; a register's own `ropa.yaml`, a file of
/// its catalogues (`vendors.yaml`, `measures.yaml`, `vendors/*.yaml`, `measures/*.yaml`) selects
/// the whole register, since every activity depends on them. Any other file is an error that says what is expected.
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
    let yaml = matches!(ext, Some("yaml" | "yml"));
    let in_folder = |folder: &str| yaml && folder_name.as_ref().is_some_and(|n| n == folder);
    if in_folder(ACTIVITIES_DIR) && is_register(&root) {
        return Ok((root, Some(path.to_path_buf())));
    }
    // A file of a split catalogue is read with the rest of its catalogue, by every activity.
    if (in_folder(VENDORS_DIR) || in_folder(MEASURES_DIR)) && is_register(&root) {
        return Ok((root, None));
    }
    bail!(
        "{} is not a file of a register: give activity files (`<register>/{ACTIVITIES_DIR}/<id>.yaml`), a register's {REGISTER_FILE}, {VENDORS_FILE}, {MEASURES_FILE} (or a file of {VENDORS_DIR}/ or {MEASURES_DIR}/), or folders",
        path.display()
    )
}
