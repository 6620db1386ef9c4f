//! PDF output: the HTML document printed by a headless Chromium or Chrome, so that HTML and PDF
//! share one layout.
//!
//! The browser is the one named with `--browser`, else the first of [`BROWSER_NAMES`] found on
//! `PATH` (then the usual macOS application paths). It runs with [`HEADLESS_FLAGS`]: no sandbox,
//! no GPU, no background networking, a fresh profile in a temporary folder, and a time limit of
//! [`TIMEOUT`]. The HTML is self-contained, so printing it fetches nothing.
//!
//! PDFs embed their creation date. The caller passes the document's date (the `--as-of` date);
//! the PDF's `/CreationDate` and `/ModDate` are rewritten to midnight UTC of that day, so the same
//! register gives the same bytes. Without a date, `SOURCE_DATE_EPOCH` (the reproducible-builds
//! convention) is used when set; otherwise they are the time of printing.

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

mod info;

use info::set_pdf_dates;
pub use info::{PdfInfo, creator, set_pdf_info};

/// Browser executables looked for on `PATH`, in this order.
pub const BROWSER_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Where Chrome and Chromium install themselves on macOS, tried after `PATH`.
const MACOS_APPS: &[&str] = &[
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/// How to get a browser, for error messages.
pub const INSTALL_HINT: &str = "PDF output prints the HTML document with a headless Chromium or \
Chrome. Install one (Debian/Ubuntu: `apt-get install chromium`; macOS: install Google Chrome or \
`brew install --cask chromium`) or pass `--browser PATH`. Markdown and HTML output need no browser.";

/// Flags for every headless run: no sandbox (it fails as root and in containers), no GPU, and no
/// network of the browser's own (without these, a closed network refuses its connections and
/// slows every start). Callers add a fresh `--user-data-dir`.
pub const HEADLESS_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
];

/// Flags that drop the date, title, URL and page number Chromium prints in the page margins:
/// `--no-pdf-header-footer` since Chrome 110, `--print-to-pdf-no-header` before. Each version
/// ignores the flag it does not know, so both are passed.
pub const NO_HEADER_FLAGS: &[&str] = &["--no-pdf-header-footer", "--print-to-pdf-no-header"];

/// How long the browser may take to print one document before it is killed.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The browser to print with: `explicit` when given (a path, or a bare name looked up on
/// `PATH`), else the first of [`BROWSER_NAMES`] on `PATH`, else a macOS application. The error
/// says how to install one.
pub fn find_browser(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(path) = explicit {
        let bare_name = path.components().count() == 1 && !path.is_absolute();
        if bare_name && let Some(found) = search_path(path.as_os_str()) {
            return Ok(found);
        }
        if is_executable(path) {
            return Ok(path.to_path_buf());
        }
        let problem = if path.is_dir() {
            "is a directory"
        } else if path.exists() {
            "is not an executable file"
        } else {
            "does not exist"
        };
        bail!(
            "the browser given with --browser, `{}`, {problem}. {INSTALL_HINT}",
            path.display()
        );
    }
    for name in BROWSER_NAMES {
        if let Some(found) = search_path(name.as_ref()) {
            return Ok(found);
        }
    }
    if cfg!(target_os = "macos") {
        for app in MACOS_APPS {
            if is_executable(Path::new(app)) {
                return Ok(PathBuf::from(app));
            }
        }
    }
    bail!(
        "no Chromium or Chrome found on PATH (looked for {}). {INSTALL_HINT}",
        BROWSER_NAMES.join(", ")
    )
}

/// Print `html` to PDF with a headless browser (see [`find_browser`]) and return the PDF's bytes.
///
/// The HTML is written to a file in a temporary folder, which also holds the browser's fresh
/// profile and the PDF, and is removed afterwards. Errors carry the end of the browser's output.
pub fn html_to_pdf(
    html: &str,
    browser: Option<&Path>,
    date: Option<chrono::NaiveDate>,
) -> anyhow::Result<Vec<u8>> {
    let mut pdf = print_within(html, browser, TIMEOUT)?;
    let stamp = date
        .map(|d| d.format("%Y%m%d000000").to_string())
        .or_else(source_date_epoch);
    if let Some(stamp) = stamp {
        set_pdf_dates(&mut pdf, &stamp);
    }
    set_pdf_info(&mut pdf, &PdfInfo::from_html(html));
    Ok(pdf)
}

/// [`html_to_pdf`] with a time limit.
fn print_within(html: &str, browser: Option<&Path>, timeout: Duration) -> anyhow::Result<Vec<u8>> {
    let browser = find_browser(browser)?;
    let dir = tempfile::Builder::new()
        .prefix("ropa-pdf-")
        .tempdir()
        .context("cannot create a temporary folder for printing to PDF")?;
    let root = std::path::absolute(dir.path()).context("cannot resolve the temporary folder")?;
    let html_path = root.join("document.html");
    let pdf_path = root.join("out.pdf");
    let log_path = root.join("browser.log");
    std::fs::write(&html_path, html)
        .with_context(|| format!("cannot write {}", html_path.display()))?;
    let child = start_printing(&browser, &root, &html_path, &pdf_path, &log_path)?;
    let status = wait_within(child, &browser, timeout, &log_path)?;
    if !status.success() {
        bail!(
            "the browser {} failed to print the document ({status}){}",
            browser.display(),
            log_tail(&log_path)
        );
    }
    read_pdf(&pdf_path, &browser, &log_path)
}

/// Start the browser printing `html_path` to `pdf_path`, its output going to `log_path`.
fn start_printing(
    browser: &Path,
    root: &Path,
    html_path: &Path,
    pdf_path: &Path,
    log_path: &Path,
) -> anyhow::Result<Child> {
    let log =
        File::create(log_path).with_context(|| format!("cannot create {}", log_path.display()))?;
    let log_err = log
        .try_clone()
        .with_context(|| format!("cannot open {}", log_path.display()))?;
    let mut command = Command::new(browser);
    command
        .args(HEADLESS_FLAGS)
        .arg(format!(
            "--user-data-dir={}",
            root.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf_path.display()))
        .args(NO_HEADER_FLAGS)
        .arg(file_url(html_path))
        .stdin(Stdio::null())
        .stdout(Stdio::from(log))
        .stderr(Stdio::from(log_err));
    command
        .spawn()
        .with_context(|| format!("cannot start the browser {}", browser.display()))
}

/// The browser's exit status, or an error when it runs past `timeout` (it is then stopped).
fn wait_within(
    mut child: Child,
    browser: &Path,
    timeout: Duration,
    log_path: &Path,
) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if started.elapsed() >= timeout => {
                // Ignore errors: the browser may have exited between the check and the kill.
                let _ = child.kill();
                let _ = child.wait();
                bail!(
                    "the browser {} did not print the document within {} s and was stopped{}",
                    browser.display(),
                    timeout.as_secs(),
                    log_tail(log_path)
                );
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                let _ = child.kill();
                return Err(e)
                    .with_context(|| format!("cannot wait for the browser {}", browser.display()));
            }
        }
    }
}

/// The PDF the browser wrote. Chromium exits 0 even when it could not write the PDF, so the
/// file is the real outcome.
fn read_pdf(pdf_path: &Path, browser: &Path, log_path: &Path) -> anyhow::Result<Vec<u8>> {
    let pdf = match std::fs::read(pdf_path) {
        Ok(bytes) => bytes,
        Err(e) => bail!(
            "the browser {} wrote no PDF ({e}){}",
            browser.display(),
            log_tail(log_path)
        ),
    };
    if !pdf.starts_with(b"%PDF-") {
        bail!(
            "the browser {} wrote a file that is not a PDF ({} bytes){}",
            browser.display(),
            pdf.len(),
            log_tail(log_path)
        );
    }
    Ok(pdf)
}

/// `name` found as an executable file in one of the folders of `PATH`.
fn search_path(name: &std::ffi::OsStr) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        if dir.as_os_str().is_empty() {
            continue;
        }
        let candidate = dir.join(name);
        if is_executable(&candidate) {
            return Some(candidate);
        }
        if cfg!(windows) {
            let exe = candidate.with_extension("exe");
            if is_executable(&exe) {
                return Some(exe);
            }
        }
    }
    None
}

/// Whether `path` is a file the current user may run.
fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The `file:` URL of an absolute path, with every byte outside the unreserved set escaped.
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        // A Windows path such as C:/Users/...
        url.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                url.push(byte as char)
            }
            _ => {
                let _ = write!(url, "%{byte:02X}");
            }
        }
    }
    url
}

/// The end of the browser's output, as a suffix for an error message; D-Bus complaints, which a
/// headless browser prints on every machine without a desktop session, are left out.
fn log_tail(log_path: &Path) -> String {
    const LINES: usize = 15;
    let text = std::fs::read(log_path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.contains("dbus"))
        .collect();
    if lines.is_empty() {
        return String::from(" (the browser printed nothing)");
    }
    let tail = &lines[lines.len().saturating_sub(LINES)..];
    format!("; the browser's last output:\n{}", tail.join("\n"))
}

/// `SOURCE_DATE_EPOCH` as a PDF date's fourteen digits (`YYYYMMDDHHmmSS`, UTC), when set and valid.
fn source_date_epoch() -> Option<String> {
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let instant = chrono::DateTime::from_timestamp(seconds, 0)?;
    Some(instant.format("%Y%m%d%H%M%S").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_what_is_not_plain() {
        assert_eq!(
            file_url(Path::new("/tmp/ropa-pdf-x/document.html")),
            "file:///tmp/ropa-pdf-x/document.html"
        );
        assert_eq!(
            file_url(Path::new("/tmp/a b/é#?.html")),
            "file:///tmp/a%20b/%C3%A9%23%3F.html"
        );
    }

    #[test]
    fn a_missing_explicit_browser_names_it_and_says_how_to_install_one() {
        let err = find_browser(Some(Path::new("/nonexistent/chromium")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/nonexistent/chromium"), "{err}");
        assert!(err.contains("does not exist"), "{err}");
        assert!(err.contains("apt-get install chromium"), "{err}");
        assert!(err.contains("--browser PATH"), "{err}");
    }

    #[test]
    fn a_directory_is_not_a_browser() {
        let dir = tempfile::tempdir().unwrap();
        let err = find_browser(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("is a directory"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn an_explicit_executable_is_taken_as_is_and_a_plain_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("my-browser");
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(find_browser(Some(&exe)).unwrap(), exe);
        let plain = dir.path().join("notes.txt");
        std::fs::write(&plain, "").unwrap();
        let err = find_browser(Some(&plain)).unwrap_err().to_string();
        assert!(err.contains("is not an executable file"), "{err}");
    }

    /// A stand-in browser: a shell script with this body.
    #[cfg(unix)]
    fn fake_browser(dir: &Path, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("fake-browser");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_browser_s_output_ends_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let browser = fake_browser(dir.path(), "echo 'cannot open display' >&2\nexit 3");
        let err = format!(
            "{:#}",
            html_to_pdf("<p>x</p>", Some(&browser), None).unwrap_err()
        );
        assert!(err.contains("exit status: 3"), "{err}");
        assert!(err.ends_with("cannot open display"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_browser_that_writes_no_pdf_or_not_a_pdf_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let browser = fake_browser(dir.path(), "exit 0");
        let err = format!(
            "{:#}",
            html_to_pdf("<p>x</p>", Some(&browser), None).unwrap_err()
        );
        assert!(err.contains("wrote no PDF"), "{err}");
        // Writes its own arguments to the --print-to-pdf file: not a PDF.
        let browser = fake_browser(
            dir.path(),
            "for a; do case \"$a\" in --print-to-pdf=*) echo \"$@\" > \"${a#--print-to-pdf=}\";; esac; done",
        );
        let err = format!(
            "{:#}",
            html_to_pdf("<p>x</p>", Some(&browser), None).unwrap_err()
        );
        assert!(err.contains("not a PDF"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn the_browser_gets_the_no_network_flags_a_fresh_profile_and_the_document() {
        let dir = tempfile::tempdir().unwrap();
        let args = dir.path().join("args");
        let browser = fake_browser(
            dir.path(),
            &format!(
                "printf '%s\\n' \"$@\" > '{}'\nfor a; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4 fake' > \"${{a#--print-to-pdf=}}\";; esac; done",
                args.display()
            ),
        );
        let pdf = html_to_pdf("<p>x</p>", Some(&browser), None).unwrap();
        assert_eq!(pdf, b"%PDF-1.4 fake");
        let args = std::fs::read_to_string(&args).unwrap();
        let args: Vec<&str> = args.lines().collect();
        for flag in HEADLESS_FLAGS.iter().chain(NO_HEADER_FLAGS) {
            assert!(args.contains(flag), "{flag} missing from {args:?}");
        }
        assert!(
            args.iter().any(|a| a.starts_with("--user-data-dir=")),
            "{args:?}"
        );
        let url = args.last().unwrap();
        assert!(
            url.starts_with("file:///") && url.ends_with("/document.html"),
            "{url}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_browser_that_hangs_is_stopped() {
        let dir = tempfile::tempdir().unwrap();
        let browser = fake_browser(dir.path(), "exec sleep 30");
        let started = Instant::now();
        let err = format!(
            "{:#}",
            print_within("<p>x</p>", Some(&browser), Duration::from_secs(1)).unwrap_err()
        );
        assert!(err.contains("within 1 s and was stopped"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(20));
    }

    #[test]
    fn the_log_tail_leaves_out_dbus_noise() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("browser.log");
        std::fs::write(
            &log,
            "[1:2:ERROR:dbus/bus.cc:405] Failed to connect to the bus\nreal problem\n",
        )
        .unwrap();
        assert_eq!(log_tail(&log), "; the browser's last output:\nreal problem");
        std::fs::write(&log, "").unwrap();
        assert_eq!(log_tail(&log), " (the browser printed nothing)");
    }
}
