//! Writing documents through staged files: a folder of many (`render sheet -o DIR/`) is written
//! whatever the limit of open files, and made durable before it is renamed into place, with one
//! sync of the filesystem rather than one per file (Linux, watched with strace); a read-only
//! document is replaced as renaming allows.

use std::path::Path;

mod common;

/// Activities in the generated register: more than the 256 open files the first test allows,
/// and more than the 64 files from which the filesystem is synced at once.
const ACTIVITIES: usize = 300;

/// A generated register of [`ACTIVITIES`] activities.
fn large_register() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::synthetic::write_register(dir.path(), ACTIVITIES);
    dir
}

/// `ropa render sheet REGISTER -o OUT/` run by `wrapper` (a shell, a tracer).
fn render_sheets(
    mut wrapper: std::process::Command,
    register: &Path,
    out: &Path,
) -> std::process::Output {
    wrapper
        .arg(assert_cmd::cargo::cargo_bin!("ropa"))
        .args(["render", "sheet"])
        .arg(register)
        .args(["--lang", "en", "--as-of", "2026-11-25", "-o"])
        .arg(format!("{}/", out.display()))
        .output()
        .unwrap()
}

fn sheet_files(out: &Path) -> usize {
    std::fs::read_dir(out)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.starts_with("sheet-activity-") && name.ends_with(".en.md")
        })
        .count()
}

/// Regression: every staged document kept its temporary file open until the end, so a register
/// of more than about 1,000 activities failed with "Too many open files" under the usual soft
/// limit of 1,024.
#[cfg(unix)]
#[test]
fn a_folder_of_sheets_is_written_under_a_limit_of_256_open_files() {
    let register = large_register();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheets");
    let mut sh = std::process::Command::new("sh");
    sh.args(["-c", "ulimit -n 256 && exec \"$0\" \"$@\""]);
    let output = render_sheets(sh, register.path(), &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(sheet_files(&out), ACTIVITIES, "{stderr}");
    let leftovers = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with(".ropa-")
        })
        .count();
    assert_eq!(leftovers, 0, "temporary files left behind");
}

/// The documents' data is durable before any of them takes its name: one `syncfs` before the
/// first rename, no `fsync` per document, and the folder synced after the last rename so that
/// the renames survive a crash.
#[cfg(target_os = "linux")]
#[test]
fn many_documents_are_synced_at_once_before_their_renames() {
    let strace = std::process::Command::new("strace").arg("-V").output();
    let Some(_) = common::require_tool(
        "the durability test of a folder of documents",
        "strace",
        "apt-get install strace",
        strace,
    ) else {
        return;
    };
    let register = large_register();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheets");
    let trace = dir.path().join("trace");
    let mut strace = std::process::Command::new("strace");
    strace
        .args([
            "-f",
            "-y",
            "-e",
            "trace=fsync,syncfs,rename,renameat,renameat2",
        ])
        .arg("-o")
        .arg(&trace);
    let output = render_sheets(strace, register.path(), &out);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(sheet_files(&out), ACTIVITIES);
    let trace = std::fs::read_to_string(trace).unwrap();
    let calls: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains("sync") || l.contains("rename"))
        .collect();
    let renames: Vec<usize> = calls
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("rename") && l.contains(".ropa-"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(renames.len(), ACTIVITIES, "{calls:#?}");
    let (first, last) = (renames[0], renames[renames.len() - 1]);
    assert!(
        calls[..first].iter().any(|l| l.contains("syncfs(")),
        "no syncfs before the first rename: {calls:#?}"
    );
    assert!(
        !calls
            .iter()
            .any(|l| l.contains("fsync(") && l.contains(".ropa-")),
        "a document was synced on its own: {calls:#?}"
    );
    let folder = out.canonicalize().unwrap();
    assert!(
        calls[last..]
            .iter()
            .any(|l| l.contains("fsync(") && l.contains(&format!("<{}>", folder.display()))),
        "the folder was not synced after the renames: {calls:#?}"
    );
}

/// Regression: a document replaces a read-only file of the same name, keeping its permissions,
/// as renaming over it allows. The staged file takes the permissions of the file it replaces
/// and was opened again for writing to be synced, which they forbid. Root writes read-only
/// files anyway, so as root the command runs without capabilities (setpriv), as a user would.
#[cfg(unix)]
#[test]
fn a_read_only_document_is_replaced_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.md");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o444)).unwrap();
    let ignores_permissions = std::fs::OpenOptions::new().write(true).open(&out).is_ok();
    let mut command = if ignores_permissions {
        let setpriv = std::process::Command::new("setpriv")
            .arg("--version")
            .output();
        let Some(_) = common::require_tool(
            "the read-only document test (run as root)",
            "setpriv",
            "apt-get install util-linux",
            setpriv,
        ) else {
            return;
        };
        let mut setpriv = std::process::Command::new("setpriv");
        setpriv.args(["--bounding-set=-all", "--inh-caps=-all"]);
        setpriv
    } else {
        std::process::Command::new("env")
    };
    let output = command
        .arg(assert_cmd::cargo::cargo_bin!("ropa"))
        .args([
            "render",
            "sheet",
            "registers/zerosix",
            "--as-of",
            "2026-11-25",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# "), "{text}");
    let mode = std::fs::metadata(&out).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}
