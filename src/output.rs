//! Writing output files atomically: write a temporary file in the same folder, then rename, so a
//! reader never sees half a document and a failed run leaves the old file in place.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, bail};

/// Write `bytes` to `path` atomically, creating its folder if needed. Only a regular file is
/// written or replaced: a device (`/dev/full`), a FIFO, a socket or a folder at `path` (or at the
/// end of a link there) is refused and left as it is.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Ok(metadata) = std::fs::metadata(path)
        && let Some(kind) = crate::read::special_kind(&metadata)
    {
        bail!(
            "{} is {kind}, not a regular file: documents are written only to regular files (use `-o -` for standard output)",
            path.display()
        );
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".ropa-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    // Temporary files are private (0600); give the output the permissions of the file it
    // replaces, or the usual ones for a new document.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(tmp.as_file())?,
    };
    tmp.as_file()
        .set_permissions(permissions)
        .with_context(|| format!("cannot set permissions on {}", path.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
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
