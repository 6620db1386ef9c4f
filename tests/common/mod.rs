//! Helpers shared by the integration tests: copies of fixture registers to change, and the
//! "require or skip" rule for tests that need an outside program.

#![allow(dead_code)] // Each test crate uses a different subset.

use std::path::Path;

pub mod documents;
pub mod synthetic;

/// A copy of a fixture register in a temporary folder, to change.
pub fn copy_of(fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(fixture), dir.path());
    dir
}

/// `ropa check PATHS --format json` as of `as_of`: the exit code and the findings.
pub fn check_json(paths: &[&Path], as_of: &str) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = assert_cmd::cargo::cargo_bin_cmd!("ropa")
        .timeout(std::time::Duration::from_secs(60))
        .arg("check")
        .args(paths)
        .args(["--as-of", as_of, "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    let diagnostics = report["diagnostics"].as_array().unwrap().clone();
    (output.status.code(), diagnostics)
}

/// Copy a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The settings (`ropa.yaml`) shared by the rule fixtures that need none of their own.
pub const DEFAULT_FIXTURE_SETTINGS: &str = "tests/fixtures/rules/ropa.yaml";

/// A rule fixture (`tests/fixtures/rules/<CODE>-<name>/{fail,pass}`) ready to check: `None` when
/// the folder has its own `ropa.yaml`, else a copy of it with [`DEFAULT_FIXTURE_SETTINGS`].
pub fn with_default_settings(dir: &Path) -> Option<tempfile::TempDir> {
    if dir.join("ropa.yaml").is_file() {
        return None;
    }
    let copy = tempfile::tempdir().unwrap();
    copy_dir(dir, copy.path());
    std::fs::copy(DEFAULT_FIXTURE_SETTINGS, copy.path().join("ropa.yaml")).unwrap();
    Some(copy)
}

/// The environment variable that turns a missing outside program into a test failure. `.ci/run`
/// sets it, so that CI can never skip a test silently.
pub const REQUIRE_TOOLS: &str = "ROPA_REQUIRE_TOOLS";

/// An outside program a test needs (Chromium, LibreOffice, pdftotext...): `Some` of what `found`
/// gives when the program is there; otherwise `None` after printing one loud line per program
/// and test binary, or a panic when `ROPA_REQUIRE_TOOLS=1` is set.
///
/// `what` names the tests (e.g. "browser tests"), `program` the program, `install` how to get it
/// (e.g. "apt-get install chromium").
pub fn require_tool<T, E: std::fmt::Display>(
    what: &str,
    program: &str,
    install: &str,
    found: Result<T, E>,
) -> Option<T> {
    let error = match found {
        Ok(tool) => return Some(tool),
        Err(e) => e,
    };
    if std::env::var_os(REQUIRE_TOOLS).is_some_and(|v| v == "1") {
        panic!(
            "{what} need {program} and it was not found ({error}); {install} ({REQUIRE_TOOLS}=1 makes this a failure)"
        );
    }
    static SKIPPED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut skipped = SKIPPED.lock().unwrap_or_else(|e| e.into_inner());
    if !skipped.iter().any(|p| p == program) {
        skipped.push(program.to_string());
        // Written to the real stderr, past the test harness's capture, so that the skip shows.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {what}: {program} not found; {install}, or set {REQUIRE_TOOLS}=1 to make this a failure"
        );
    }
    None
}

/// The output of `ropa ARGS` with its standard output (and standard error, if `stderr` is set)
/// on a pseudo-terminal, as a user sees it; `TERM`, `NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`
/// and `CI` are taken from `env` only.
#[cfg(target_os = "linux")]
pub fn on_a_terminal(args: &[&str], env: &[(&str, &str)], stderr: bool) -> String {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut leader, mut follower) = (-1, -1);
    // SAFETY: openpty writes two new descriptors into the two integers; the null pointers ask
    // for no name and default terminal settings.
    let made = unsafe {
        libc::openpty(
            &mut leader,
            &mut follower,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(made, 0, "openpty failed");
    // SAFETY: both descriptors were just opened by openpty and are owned by nothing else.
    let (leader, follower) =
        unsafe { (OwnedFd::from_raw_fd(leader), OwnedFd::from_raw_fd(follower)) };
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ropa"));
    for var in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "CI", "TERM"] {
        cmd.env_remove(var);
    }
    if stderr {
        cmd.stderr(std::process::Stdio::from(follower.try_clone().unwrap()));
    }
    let mut child = cmd
        .envs(env.iter().copied())
        .args(args)
        .stdout(std::process::Stdio::from(follower))
        .spawn()
        .unwrap();
    drop(cmd);
    let mut out = Vec::new();
    // Reading the leader ends with EIO once the child has exited and closed the terminal.
    let _ = std::fs::File::from(leader).read_to_end(&mut out);
    child.wait().unwrap();
    String::from_utf8(out).unwrap()
}

/// Run git in `dir` with fixed author and committer dates, so that commits are reproducible.
pub fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-11-01T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-01T12:00:00Z")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Make `dir` a git repository on branch `main` with a committer identity of its own.
pub fn git_init(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["config", "user.email", "dpo@example.org"]);
    git(dir, &["config", "user.name", "DPO"]);
}
