//! Helpers shared by the integration tests: copies of fixture registers to change, and the
//! "require or skip" rule for tests that need an outside program.

#![allow(dead_code)] // Each test crate uses a different subset.

use std::path::Path;

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
