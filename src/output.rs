//! Writing output files atomically: write a temporary file in the same folder, then rename, so a
//! reader never sees half a document and a failed run leaves the old file in place.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

/// The words of a refusal to overwrite: "a file already exists" for one path in `existing`,
/// "files already exist" for more, so every command that never overwrites says it the same way.
pub fn already_exist(existing: &[String]) -> &'static str {
    if existing.len() == 1 {
        "a file already exists"
    } else {
        "files already exist"
    }
}

/// Write `bytes` to `path` atomically, creating its folder if needed. Only a regular file is
/// written or replaced: a device (`/dev/full`), a FIFO, a socket or a folder at `path` (or at the
/// end of a link there) is refused and left as it is.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic_with(path, |file| Ok(file.write_all(bytes)?))
}

/// Like [`write_atomic`], for output made as it is written: `write` fills the temporary file,
/// which replaces `path` only when `write` succeeds.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    commit(vec![stage_file(path, write)?]).map(drop)
}

/// A file written under a temporary name in the folder of its path, and closed: neither durable
/// nor visible until [`commit`]; removed if dropped before. Holding no open file, any number can
/// be staged under the usual limit of 1,024 open files.
pub struct Staged {
    file: tempfile::TempPath,
    path: PathBuf,
}

/// Write a file for `path` through `fill` (buffered) under a temporary name in the same folder,
/// with the checks and permissions of [`write_atomic`]. Several threads may stage files at once.
pub fn stage(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<Staged> {
    stage_file(path, |file| {
        let mut out = std::io::BufWriter::with_capacity(256 * 1024, file);
        fill(&mut out)?;
        Ok(out.flush()?)
    })
}

/// [`stage`], with `fill` writing to the temporary file itself.
fn stage_file(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> anyhow::Result<()>,
) -> anyhow::Result<Staged> {
    if let Ok(metadata) = std::fs::metadata(path)
        && let Some(kind) = crate::read::special_kind(&metadata)
    {
        bail!(
            "{} is {kind}, not a regular file: documents are written only to regular files (use `-o -` for standard output)",
            path.display()
        );
    }
    let dir = folder_of(path);
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut file = tempfile::Builder::new()
        .prefix(".ropa-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    // Temporary files are private (0600); give the output the permissions of the file it
    // replaces, or the usual ones for a new document.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(file.as_file())?,
    };
    file.as_file()
        .set_permissions(permissions)
        .with_context(|| format!("cannot set permissions on {}", path.display()))?;
    fill(file.as_file_mut()).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Staged {
        file: file.into_temp_path(),
        path: path.to_path_buf(),
    })
}

/// Make staged files durable and visible: their data synced, then each renamed over its path,
/// then each folder synced once, so that the renames survive a crash. Returns the paths, in
/// order.
pub fn commit(staged: Vec<Staged>) -> anyhow::Result<Vec<PathBuf>> {
    let mut folders: Vec<PathBuf> = staged
        .iter()
        .map(|s| folder_of(&s.path).to_path_buf())
        .collect();
    folders.sort();
    folders.dedup();
    sync_staged(&staged, &folders)?;
    let mut written = Vec::with_capacity(staged.len());
    for Staged { file, path } in staged {
        file.persist(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    for dir in folders {
        sync_folder(&dir)?;
    }
    Ok(written)
}

/// From this many files on, the data of staged files is made durable by one sync of each
/// filesystem they are written to, not one sync per file: on the development machine (ext4),
/// 10,000 small files took 2.1 s to sync one by one and 0.16 s with one `syncfs`.
const SYNC_FILESYSTEM_FROM: usize = 64;

/// Make the staged files' data durable: one by one (on every core) for a few, else with one
/// sync of the filesystem of each of their `folders` (Linux).
#[cfg_attr(not(target_os = "linux"), allow(unused_variables))]
fn sync_staged(staged: &[Staged], folders: &[PathBuf]) -> anyhow::Result<()> {
    use rayon::prelude::*;
    #[cfg(target_os = "linux")]
    if staged.len() >= SYNC_FILESYSTEM_FROM {
        return folders.iter().try_for_each(|dir| sync_filesystem(dir));
    }
    staged.par_iter().try_for_each(|s| {
        open_to_sync(&s.file)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("cannot write {}", s.path.display()))
    })
}

/// A staged file opened again to be synced: read-only on Unix, where that is enough, because it
/// already has the permissions of the file it replaces, which may forbid writing.
fn open_to_sync(path: &Path) -> std::io::Result<std::fs::File> {
    if cfg!(unix) {
        std::fs::File::open(path)
    } else {
        std::fs::OpenOptions::new().write(true).open(path)
    }
}

/// Write out every file of the filesystem that holds `dir`, and wait for it.
#[cfg(target_os = "linux")]
fn sync_filesystem(dir: &Path) -> anyhow::Result<()> {
    std::fs::File::open(dir)
        .and_then(|f| Ok(rustix::fs::syncfs(&f)?))
        .with_context(|| format!("cannot sync the files written in {}", dir.display()))
}

/// The folder a file is written in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Make the entries of a folder (renames into it) durable.
#[cfg(unix)]
fn sync_folder(dir: &Path) -> anyhow::Result<()> {
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot sync the folder {}", dir.display()))
}

/// Folders cannot be opened for syncing here; the files themselves are synced.
#[cfg(not(unix))]
fn sync_folder(_: &Path) -> anyhow::Result<()> {
    Ok(())
}

/// Write a whole folder atomically: every file goes into a temporary folder next to `dir`, which
/// then takes `dir`'s place by renames, so a reader sees the old folder or the new one, never a
/// mix. An existing `dir` is replaced only when it is empty or holds `marker` (a folder this
/// program made); anything else is refused and left as it is. File names are plain names.
pub fn write_folder_atomic(
    dir: &Path,
    files: &[(String, String)],
    marker: &str,
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    write_folder_atomic_with(dir, marker, |folder| {
        files
            .par_iter()
            .try_for_each(|(name, text)| folder.write(name, text.as_bytes()))
    })
}

/// [`write_folder_atomic`], for files made as they are written: `fill` hands each file to the
/// [`FolderWriter`] (from any number of threads), which writes it into the temporary folder at
/// once, so that no more than the files being made are held in memory. The folder takes `dir`'s
/// place only when `fill` succeeds; its result is returned.
pub fn write_folder_atomic_with<T>(
    dir: &Path,
    marker: &str,
    fill: impl FnOnce(&FolderWriter) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let replaced = is_replaceable(dir, marker)?;
    let parent = folder_of(dir);
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".ropa-site-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
    let folder = FolderWriter {
        path: staging.path().to_path_buf(),
        written: std::sync::Mutex::new(Vec::new()),
    };
    let result = fill(&folder)?;
    folder.make_durable()?;
    // From here on the folder is renamed into place; it is removed if anything failed before.
    let staged = staging.keep();
    if replaced {
        let old = tempfile::Builder::new()
            .prefix(".ropa-site-old-")
            .tempdir_in(parent)
            .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
        let old_path = old.path().join("site");
        std::fs::rename(dir, &old_path)
            .with_context(|| format!("cannot move the old {} aside", dir.display()))?;
        if let Err(e) = std::fs::rename(&staged, dir) {
            // Put the old site back; the new one stays in its temporary folder for inspection.
            let _ = std::fs::rename(&old_path, dir);
            return Err(e)
                .with_context(|| format!("cannot move the new site to {}", dir.display()));
        }
        sync_folder(parent)?;
        drop(old);
    } else {
        std::fs::rename(&staged, dir)
            .with_context(|| format!("cannot move the new site to {}", dir.display()))?;
        sync_folder(parent)?;
    }
    Ok(result)
}

/// The temporary folder of [`write_folder_atomic_with`], taking its files one at a time.
pub struct FolderWriter {
    path: PathBuf,
    /// The files written, to make them durable at the end.
    written: std::sync::Mutex<Vec<PathBuf>>,
}

impl FolderWriter {
    /// Write the file `name` (a plain name, not written before) with `bytes`. Several threads
    /// may write at once.
    pub fn write(&self, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
        if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
            bail!("`{name}` is not a plain file name");
        }
        let path = self.path.join(name);
        // A name given twice would silently lose the first file.
        std::fs::File::create_new(&path)
            .and_then(|mut file| file.write_all(bytes))
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(path);
        Ok(())
    }

    /// Make the files and the folder durable before the folder is renamed into place: the files
    /// synced one by one (on every core) when they are few, else with one sync of the filesystem
    /// (Linux, see [`SYNC_FILESYSTEM_FROM`]); then the folder itself, once.
    fn make_durable(self) -> anyhow::Result<()> {
        use rayon::prelude::*;
        let written = self
            .written
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cfg!(target_os = "linux") && written.len() >= SYNC_FILESYSTEM_FROM {
            #[cfg(target_os = "linux")]
            sync_filesystem(&self.path)?;
        } else {
            written.par_iter().try_for_each(|path| {
                open_to_sync(path)
                    .and_then(|f| f.sync_all())
                    .with_context(|| format!("cannot write {}", path.display()))
            })?;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o755))
                .with_context(|| format!("cannot set permissions on {}", self.path.display()))?;
        }
        sync_folder(&self.path)
    }
}

/// Whether `dir` exists and may be replaced (empty, or holding `marker`); an error when it is not
/// a folder or is someone else's.
fn is_replaceable(dir: &Path, marker: &str) -> anyhow::Result<bool> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if !m.is_dir() => bail!("{} exists and is not a folder", dir.display()),
        Ok(_) => {
            let empty = std::fs::read_dir(dir)
                .with_context(|| format!("cannot read {}", dir.display()))?
                .next()
                .is_none();
            if !empty && !dir.join(marker).is_file() {
                bail!(
                    "{} is a folder that this program did not make (no {marker} in it): choose an empty or new folder",
                    dir.display()
                );
            }
            Ok(true)
        }
        Err(_) => Ok(false),
    }
}

#[cfg(unix)]
fn default_permissions(_: &std::fs::File) -> anyhow::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> anyhow::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_to_overwrite_counts_its_files() {
        assert_eq!(already_exist(&["a".into()]), "a file already exists");
        assert_eq!(
            already_exist(&["a".into(), "b".into()]),
            "files already exist"
        );
    }

    #[test]
    fn a_folder_is_written_whole_and_replaces_only_its_own_kind() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let files = |text: &str| {
            vec![
                ("index.html".to_string(), text.to_string()),
                (".mark".to_string(), String::new()),
            ]
        };
        write_folder_atomic(&site, &files("one"), ".mark").unwrap();
        std::fs::write(site.join("stale.html"), "old").unwrap();
        write_folder_atomic(&site, &files("two"), ".mark").unwrap();
        assert_eq!(
            std::fs::read_to_string(site.join("index.html")).unwrap(),
            "two"
        );
        assert!(
            !site.join("stale.html").exists(),
            "the old folder is replaced whole"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["site"], "no temporary folder left");
        // A folder of someone else's is refused and left as it is.
        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("keep.txt"), "mine").unwrap();
        let err = write_folder_atomic(&other, &files("x"), ".mark").unwrap_err();
        assert!(err.to_string().contains("did not make"), "{err}");
        assert_eq!(
            std::fs::read_to_string(other.join("keep.txt")).unwrap(),
            "mine"
        );
        assert!(write_folder_atomic(&site, &[("../x".into(), String::new())], ".mark").is_err());
    }

    /// A folder written file by file, from many threads, appears whole or not at all: a failure
    /// while filling it (one named twice, one with a path, an error of the caller) leaves the
    /// old folder as it was and no temporary folder behind.
    #[test]
    fn a_folder_written_file_by_file_is_whole_or_absent() {
        use rayon::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let names: Vec<String> = (0..SYNC_FILESYSTEM_FROM * 2)
            .map(|i| format!("page-{i}.html"))
            .collect();
        let made = write_folder_atomic_with(&site, ".mark", |folder| {
            names
                .par_iter()
                .try_for_each(|n| folder.write(n, n.as_bytes()))?;
            folder.write(".mark", b"")?;
            Ok(names.len())
        })
        .unwrap();
        assert_eq!(made, names.len());
        for n in &names {
            assert_eq!(std::fs::read_to_string(site.join(n)).unwrap(), *n);
        }
        type Fill = fn(&FolderWriter) -> anyhow::Result<()>;
        let failures: [(&str, Fill); 3] = [
            ("cannot write", |f| {
                f.write("page-0.html", b"new")?;
                f.write("page-0.html", b"again")
            }),
            ("not a plain file name", |f| f.write("../page-0.html", b"x")),
            ("the caller's own", |f| {
                f.write("page-0.html", b"new")?;
                bail!("the caller's own error")
            }),
        ];
        for (message, fill) in failures {
            let error = write_folder_atomic_with(&site, ".mark", fill).unwrap_err();
            assert!(format!("{error:#}").contains(message), "{error:#}");
            assert_eq!(
                std::fs::read_to_string(site.join("page-0.html")).unwrap(),
                "page-0.html",
                "the old folder is left as it was"
            );
            let entries: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(entries, ["site"], "no temporary folder left");
        }
    }

    #[test]
    fn writes_and_replaces_without_leaving_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/out.md");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
        assert_eq!(
            error.to_string(),
            "/dev/null is a device, not a regular file: documents are written only to regular files (use `-o -` for standard output)"
        );
        assert!(write_atomic(dir.path(), b"x").is_err());
        // The device is still a device.
        let metadata = std::fs::metadata("/dev/null").unwrap();
        assert!(crate::read::special_kind(&metadata).is_some());
    }
}
