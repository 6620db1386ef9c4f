//! Registers at a git revision, read through the git command without checking anything out: the
//! register files of the revision (`ropa.yaml`, the catalogues, `activities/*.yaml`) are copied
//! from git's object store into a private temporary folder and loaded from there like any
//! register. The working tree is never touched.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, bail};

use crate::diagnostics::Severity;
use crate::load::{
    self, ACTIVITIES_DIR, MEASURES_DIR, MEASURES_FILE, REGISTER_FILE, VENDORS_DIR, VENDORS_FILE,
};
use crate::model::Register;
use crate::yaml::Limits;

/// The registers under a path at one revision (or in the working tree).
#[derive(Debug)]
pub struct Snapshot {
    /// How the revision is named in reports: `HEAD~1 (3f2a1bc)`, or `working tree`.
    pub label: String,
    /// The registers that load, each with its folder relative to the repository's top.
    pub registers: Vec<(PathBuf, Register)>,
    /// Activity ids that exist at this revision but do not load, by register folder: they are
    /// neither compared nor reported as removed.
    pub unloaded: Vec<(PathBuf, String)>,
    /// Register folders whose `ropa.yaml` does not load: none of their content is compared.
    pub broken: Vec<PathBuf>,
    /// What does not load, one line each, with the file at the revision.
    pub problems: Vec<String>,
    /// The temporary copy, removed when the snapshot is dropped.
    _copy: Option<tempfile::TempDir>,
}

/// The git repository holding `path`, as `(top folder, path relative to it)`.
pub fn locate(path: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    if !path.exists() {
        bail!("{} does not exist", path.display());
    }
    let absolute = std::fs::canonicalize(path)
        .with_context(|| format!("cannot resolve {}", path.display()))?;
    let dir = if absolute.is_dir() {
        absolute.clone()
    } else {
        absolute.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        anyhow::anyhow!(
            "{} is not inside a git repository: `ropa diff` compares versions of a register kept in git",
            path.display()
        )
    })?;
    let top = std::fs::canonicalize(top.trim()).context("cannot resolve the repository's top")?;
    let relative = absolute
        .strip_prefix(&top)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok((top, relative))
}

/// The commit a revision names, or an error saying that it does not exist.
pub fn resolve(top: &Path, revision: &str) -> anyhow::Result<String> {
    if revision.starts_with('-') {
        bail!("`{revision}` is not a revision");
    }
    git(
        top,
        &["rev-parse", "--verify", "--quiet", &format!("{revision}^{{commit}}")],
    )
    .map(|s| s.trim().to_string())
    .map_err(|_| {
        anyhow::anyhow!(
            "revision `{revision}` does not exist in {}: name a commit, branch or tag (`git log --oneline` lists them)",
            top.display()
        )
    })
}

/// Whether a path inside a revision is a register file: `ropa.yaml`, a catalogue, or a YAML file
/// directly in an `activities/`, `vendors/` or `measures/` folder. Hidden folders and `target/` are skipped, as `ropa check`
/// does.
fn is_register_file(path: &Path) -> bool {
    let parts: Vec<&str> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let Some((name, dirs)) = parts.split_last() else {
        return false;
    };
    if dirs
        .iter()
        .any(|d| d.starts_with('.') || *d == "target" || *d == "node_modules")
    {
        return false;
    }
    [REGISTER_FILE, VENDORS_FILE, MEASURES_FILE].contains(name)
        || (dirs
            .last()
            .is_some_and(|d| [ACTIVITIES_DIR, VENDORS_DIR, MEASURES_DIR].contains(d))
            && (name.ends_with(".yaml") || name.ends_with(".yml")))
}

/// The registers under `relative` (inside the repository at `top`) at `commit`.
pub fn at_revision(
    top: &Path,
    relative: &Path,
    revision: &str,
    commit: &str,
) -> anyhow::Result<Snapshot> {
    let short = commit.get(..7).unwrap_or(commit);
    let label = if revision == commit {
        short.to_string()
    } else {
        format!("{revision} ({short})")
    };
    let copy = tempfile::Builder::new()
        .prefix("ropa-diff-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let spec = if relative.as_os_str().is_empty() {
        ".".to_string()
    } else {
        relative.to_string_lossy().into_owned()
    };
    let listing = git(
        top,
        &["ls-tree", "-r", "-z", "--full-tree", commit, "--", &spec],
    )?;
    // `<mode> <type> <object>\t<path>` per entry; only regular files (not links, submodules).
    let mut blobs: Vec<(String, PathBuf)> = Vec::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split(' ').collect();
        if let [mode, "blob", object] = fields.as_slice()
            && (*mode == "100644" || *mode == "100755")
            && is_register_file(Path::new(path))
        {
            blobs.push((object.to_string(), PathBuf::from(path)));
        }
    }
    write_blobs(top, copy.path(), &blobs)?;
    let mut snapshot = Snapshot {
        label,
        registers: Vec::new(),
        unloaded: Vec::new(),
        broken: Vec::new(),
        problems: Vec::new(),
        _copy: None,
    };
    let base = copy.path().join(relative);
    if base.is_dir() {
        let prefix = format!("{revision}:");
        absorb(&mut snapshot, &base, copy.path(), &prefix)?;
    }
    snapshot._copy = Some(copy);
    Ok(snapshot)
}

/// Copy blobs out of git's object store with one `git cat-file --batch`, each read through the
/// loader's size bound.
fn write_blobs(top: &Path, into: &Path, blobs: &[(String, PathBuf)]) -> anyhow::Result<()> {
    if blobs.is_empty() {
        return Ok(());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run git: is it installed?")?;
    let mut stdin = child.stdin.take().context("no stdin for git")?;
    let objects: String = blobs.iter().map(|(o, _)| format!("{o}\n")).collect();
    // Feed the requests from another thread: git answers while it reads.
    let feeder = std::thread::spawn(move || stdin.write_all(objects.as_bytes()));
    let mut stdout = BufReader::new(child.stdout.take().context("no stdout for git")?);
    let limit = Limits::default().max_bytes as u64;
    for (_, path) in blobs {
        let mut header = String::new();
        stdout.read_line(&mut header)?;
        let size: u64 = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("unexpected answer from git cat-file: {header}"))?;
        // Keep one byte past the bound, so that loading reports the file as too large; skip
        // the rest unread into memory.
        let mut bytes = Vec::new();
        (&mut stdout)
            .take(size.min(limit + 1))
            .read_to_end(&mut bytes)?;
        std::io::copy(
            &mut (&mut stdout).take(size.saturating_sub(limit + 1)),
            &mut std::io::sink(),
        )?;
        let mut newline = [0u8; 1];
        stdout.read_exact(&mut newline)?;
        let target = into.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, bytes)?;
    }
    let _ = feeder.join();
    child.wait()?;
    Ok(())
}

/// The registers of the working tree under `path`.
pub fn working_tree(top: &Path, path: &Path) -> anyhow::Result<Snapshot> {
    let mut snapshot = Snapshot {
        label: "working tree".to_string(),
        registers: Vec::new(),
        unloaded: Vec::new(),
        broken: Vec::new(),
        problems: Vec::new(),
        _copy: None,
    };
    let top = std::fs::canonicalize(top)?;
    absorb(&mut snapshot, path, &top, "")?;
    Ok(snapshot)
}

/// Load the registers under `base`, naming them relative to `top`, and note what does not load.
fn absorb(snapshot: &mut Snapshot, base: &Path, top: &Path, prefix: &str) -> anyhow::Result<()> {
    let Ok(dirs) = load::discover(base) else {
        // No register at this revision: every register is new, or gone.
        return Ok(());
    };
    let relative = |p: &Path| -> PathBuf {
        let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        p.strip_prefix(top).map(Path::to_path_buf).unwrap_or(p)
    };
    let outcome = load::load(base)?;
    let mut errors: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    outcome.locate(&mut errors);
    for d in &errors {
        let at = match (&d.file, d.position) {
            (Some(f), Some(p)) => {
                format!(
                    "{prefix}{}:{}:{}: ",
                    relative(f).display(),
                    p.line,
                    p.column
                )
            }
            (Some(f), None) => format!("{prefix}{}: ", relative(f).display()),
            _ => String::new(),
        };
        snapshot
            .problems
            .push(format!("{at}{} [{}]", d.message, d.code));
    }
    let mut registers: std::collections::HashMap<PathBuf, Register> = outcome
        .registers
        .into_iter()
        .map(|r| (r.root.clone(), r))
        .collect();
    let mut unloaded: std::collections::HashMap<&Path, Vec<&str>> = Default::default();
    for (root, id, _) in &outcome.activity_files {
        unloaded
            .entry(root.as_path())
            .or_default()
            .push(id.as_str());
    }
    for dir in dirs {
        let key = relative(&dir);
        let Some(register) = registers.remove(&dir) else {
            snapshot.broken.push(key);
            continue;
        };
        let loaded: std::collections::HashSet<&str> = register
            .activities
            .iter()
            .map(|a| a.item.id.as_str())
            .collect();
        for id in unloaded.get(dir.as_path()).into_iter().flatten() {
            if !loaded.contains(id) {
                snapshot.unloaded.push((key.clone(), id.to_string()));
            }
        }
        snapshot.registers.push((key, register));
    }
    Ok(())
}

/// Run git in `dir`; its output, or its message as the error.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("cannot run git: is it installed?")?;
    if !output.status.success() {
        bail!("{}", String::from_utf8_lossy(&output.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_files_only() {
        for yes in [
            "ropa.yaml",
            "registers/a/vendors.yaml",
            "a/activities/x.yaml",
            "a/activities/x.yml",
            "a/vendors/aws.yaml",
            "a/measures/access.yml",
        ] {
            assert!(is_register_file(Path::new(yes)), "{yes}");
        }
        for no in [
            "README.md",
            "a/activities/sub/x.yaml",
            "a/vendors/sub/x.yaml",
            "a/vendors/notes.md",
            ".ropa/schemas/ropa.yaml",
            "target/x/ropa.yaml",
            "a/templates/sheet.md",
        ] {
            assert!(!is_register_file(Path::new(no)), "{no}");
        }
    }
}
