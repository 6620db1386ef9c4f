//! Reading register files safely: only regular files inside the register, checked by their
//! metadata before a byte is read, and read through a bound so that no file (`/dev/zero`, a
//! 64 MB activity) costs more memory than the limit.
//!
//! A symbolic link is followed only when it resolves inside the register's folder: one that leads
//! elsewhere (`/proc/self/environ`, a secret in the CI's home folder) is refused, and the refusal
//! quotes nothing of what it points to. FIFOs, sockets and devices are refused without being
//! opened for reading, so they can neither hang a run nor fill its memory.

use std::fs::{self, File, FileType, Metadata};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// A symbolic link that resolves outside the register's folder.
    OutsideRegister,
    /// Not a regular file: a folder, a FIFO, a socket, a device.
    NotRegular(&'static str),
    /// Larger than the limit: its size in bytes (at least `limit + 1`).
    TooLarge(u64),
    /// The file system refused (missing, no permission, a link to nowhere).
    Io(io::Error),
}

impl Refusal {
    /// What went wrong, in one sentence that names nothing but the file itself.
    pub fn message(&self) -> String {
        match self {
            Refusal::OutsideRegister => {
                "the file is a symbolic link to a file outside the register; it is not read"
                    .to_string()
            }
            Refusal::NotRegular(what) => {
                format!("the file is {what}, not a regular file; it is not read")
            }
            Refusal::TooLarge(size) => format!("the file is {size} bytes, too large to read"),
            Refusal::Io(e) => format!("cannot read the file: {}", io_reason(e)),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> &'static str {
        match self {
            Refusal::OutsideRegister => {
                "copy the file into the register's folder, or link to a file inside it"
            }
            Refusal::NotRegular(_) => "replace it with a regular YAML file, or remove it",
            Refusal::TooLarge(_) => "make the file smaller",
            Refusal::Io(_) => "check that the file exists and is readable",
        }
    }
}

/// The reason of an I/O error without the path or any other text it may carry.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "it does not exist (or is a link that leads nowhere)".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "it is a folder".into(),
        _ => e.to_string(),
    }
}

/// What kind of non-regular file this is, in words; `None` for a regular file.
pub fn special_kind(metadata: &Metadata) -> Option<&'static str> {
    special_type(metadata.file_type())
}

/// What kind of non-regular entry this type is, in words; `None` for a regular file.
pub fn special_type(t: FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    Some("a special file")
}

/// Why a folder entry of this type, not a regular file, is not read, in words; `None` for a
/// regular file, a folder or a symbolic link (those are judged by what they are or lead to).
pub fn not_regular_entry(t: FileType) -> Option<&'static str> {
    if t.is_dir() || t.is_symlink() {
        return None;
    }
    match special_type(t)? {
        "a FIFO (named pipe)" => Some("it is a FIFO (named pipe), not a regular file"),
        "a socket" => Some("it is a socket, not a regular file"),
        _ => Some("it is a device or other special file, not a regular file"),
    }
}

/// A register's folder as the file system resolves it, and the folders of the register already
/// found to resolve inside it: a regular file directly in one of those is read without resolving
/// its path again (resolving costs a system call per component of the path, for every file).
#[derive(Debug, Clone)]
pub struct RegisterRoot {
    real: PathBuf,
    /// Folders, as the caller joins them, whose real path is inside `real`.
    inside: Vec<PathBuf>,
}

impl RegisterRoot {
    /// The register in `dir`, whose files are read from `dir` itself and from its sub-folders
    /// `folders` (those that lead outside the register are left to the full check of every
    /// file, which refuses them).
    pub fn new(dir: &Path, folders: &[&str]) -> Self {
        let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut inside = vec![dir.to_path_buf()];
        for folder in folders {
            let path = dir.join(folder);
            if fs::canonicalize(&path).is_ok_and(|r| r.starts_with(&real)) {
                inside.push(path);
            }
        }
        RegisterRoot { real, inside }
    }

    /// Read the regular file at `path`, which must resolve inside the register, up to `limit`
    /// bytes (see [`read_in_register`]). A file that is no link, directly in a folder already
    /// found inside the register, is read after one `lstat`; any other path is resolved.
    pub fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
        let in_checked_folder = path
            .parent()
            .is_some_and(|parent| self.inside.iter().any(|f| f == parent));
        if !in_checked_folder {
            return read_in_register(path, &self.real, limit);
        }
        let metadata = fs::symlink_metadata(path).map_err(Refusal::Io)?;
        if metadata.file_type().is_symlink() {
            return read_in_register(path, &self.real, limit);
        }
        read_regular(path, &metadata, limit, false)
    }
}

/// Read the regular file at `path`, which must resolve inside the folder `root`, up to `limit`
/// bytes. `root` is the register's folder as [`fs::canonicalize`] gives it. The file's real path
/// is checked too, so a link anywhere on the way (the file, or `activities/` itself) that leads
/// out of the register is refused. Nothing is opened before its metadata says it is a regular
/// file, and the open file is checked again (a file swapped for a FIFO in between is still
/// refused, without blocking).
pub fn read_in_register(path: &Path, root: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let real = fs::canonicalize(path).map_err(Refusal::Io)?;
    if !real.starts_with(root) {
        return Err(Refusal::OutsideRegister);
    }
    let metadata = fs::metadata(path).map_err(Refusal::Io)?;
    read_regular(path, &metadata, limit, true)
}

/// Read `path`, whose `metadata` was just read, if it says a regular file no larger than
/// `limit`; the open file is checked again. `follow`: whether a symbolic link is followed.
fn read_regular(
    path: &Path,
    metadata: &Metadata,
    limit: u64,
    follow: bool,
) -> Result<Vec<u8>, Refusal> {
    if let Some(kind) = special_kind(metadata) {
        return Err(Refusal::NotRegular(kind));
    }
    if metadata.len() > limit {
        return Err(Refusal::TooLarge(metadata.len()));
    }
    let file = open_no_block(path, follow).map_err(Refusal::Io)?;
    let opened = file.metadata().map_err(Refusal::Io)?;
    if let Some(kind) = special_kind(&opened) {
        return Err(Refusal::NotRegular(kind));
    }
    read_bounded_sized(file, limit, opened.len())
}

/// Read at most `limit` bytes; a reader with more is refused as too large (at `limit + 1`
/// bytes, without reading further).
pub fn read_bounded(reader: impl io::Read, limit: u64) -> Result<Vec<u8>, Refusal> {
    read_bounded_sized(reader, limit, 0)
}

/// [`read_bounded`], into a buffer made for the `expected` bytes a file's metadata announces
/// (and the byte that tells the end), so that it is not grown while reading.
fn read_bounded_sized(
    reader: impl io::Read,
    limit: u64,
    expected: u64,
) -> Result<Vec<u8>, Refusal> {
    let capacity = usize::try_from(expected.min(limit).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Open for reading without waiting: opening a FIFO that no one writes to would block forever.
/// Unless `follow`, a symbolic link is not followed (the open fails): the file was found not
/// to be one, and one put in its place since must not lead outside the register.
#[cfg(unix)]
fn open_no_block(path: &Path, follow: bool) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let flags = if follow {
        libc::O_NONBLOCK
    } else {
        libc::O_NONBLOCK | libc::O_NOFOLLOW
    };
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_block(path: &Path, _follow: bool) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_reader_stops_one_byte_past_the_limit() {
        let endless = io::repeat(b'a');
        match read_bounded(endless, 10) {
            Err(Refusal::TooLarge(11)) => {}
            other => panic!("{other:?}"),
        }
        assert_eq!(read_bounded(&b"abc"[..], 3).unwrap(), b"abc");
    }

    #[test]
    fn reads_a_regular_file_and_refuses_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let file = dir.path().join("a.yaml");
        fs::write(&file, "id: a\n").unwrap();
        assert_eq!(read_in_register(&file, &root, 100).unwrap(), b"id: a\n");
        assert!(matches!(
            read_in_register(&file, &root, 3),
            Err(Refusal::TooLarge(6))
        ));
        assert!(matches!(
            read_in_register(dir.path(), &root, 100),
            Err(Refusal::NotRegular("a folder"))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let fifo = dir.path().join("vendors.yaml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path and a mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_in_register(&fifo, &root, 100),
            Err(Refusal::NotRegular("a FIFO (named pipe)"))
        ));
        // Opened anyway (as after a swap), the check of the open file refuses it without blocking.
        let file = open_no_block(&fifo, true).unwrap();
        assert_eq!(
            special_kind(&file.metadata().unwrap()),
            Some("a FIFO (named pipe)")
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_are_followed_and_links_outside_refused() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret");
        fs::write(&secret, "TOKEN=hunter2\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::write(dir.path().join("real.yaml"), "id: a\n").unwrap();
        let inner = dir.path().join("inner.yaml");
        std::os::unix::fs::symlink("real.yaml", &inner).unwrap();
        assert_eq!(read_in_register(&inner, &root, 100).unwrap(), b"id: a\n");
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let refusal = read_in_register(&link, &root, 100).unwrap_err();
        assert!(matches!(refusal, Refusal::OutsideRegister));
        assert!(!refusal.message().contains("secret"));
        let zero = dir.path().join("zero.yaml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(
            read_in_register(&zero, &root, 100),
            Err(Refusal::OutsideRegister)
        ));
        // Linked from inside the register's own folder, a device is still not read.
        assert!(matches!(
            read_in_register(Path::new("/dev/zero"), Path::new("/"), 100),
            Err(Refusal::NotRegular("a device"))
        ));
    }

    /// The register root reads a regular file of a checked folder without resolving its path,
    /// and still judges links, a sub-folder leading outside, and FIFOs as the full check does.
    #[cfg(unix)]
    #[test]
    fn register_root_reads_like_the_full_check() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.yaml"), "TOKEN=hunter2\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let activities = dir.path().join("activities");
        fs::create_dir(&activities).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("vendors")).unwrap();
        let root = RegisterRoot::new(dir.path(), &["activities", "vendors", "measures"]);
        assert_eq!(
            root.inside,
            vec![dir.path().to_path_buf(), activities.clone()]
        );

        fs::write(activities.join("a.yaml"), "id: a\n").unwrap();
        assert_eq!(
            root.read(&activities.join("a.yaml"), 100).unwrap(),
            b"id: a\n"
        );
        assert!(matches!(
            root.read(&activities.join("a.yaml"), 3),
            Err(Refusal::TooLarge(6))
        ));
        std::os::unix::fs::symlink("a.yaml", activities.join("inner.yaml")).unwrap();
        assert_eq!(
            root.read(&activities.join("inner.yaml"), 100).unwrap(),
            b"id: a\n"
        );
        let secret = outside.path().join("secret.yaml");
        std::os::unix::fs::symlink(&secret, activities.join("link.yaml")).unwrap();
        assert!(matches!(
            root.read(&activities.join("link.yaml"), 100),
            Err(Refusal::OutsideRegister)
        ));
        // Through the sub-folder that leads outside, the file's real path is checked.
        assert!(matches!(
            root.read(&dir.path().join("vendors/secret.yaml"), 100),
            Err(Refusal::OutsideRegister)
        ));
        let fifo = activities.join("pipe.yaml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path and a mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            root.read(&fifo, 100),
            Err(Refusal::NotRegular("a FIFO (named pipe)"))
        ));
        // A link put where a regular file was found is not followed by the fast path's open.
        assert!(open_no_block(&activities.join("link.yaml"), false).is_err());
    }
}
