//! The documents in a real browser: every document of every example register, rendered as HTML by
//! the `ropa` binary, is loaded in headless Chromium, which must report no console error or
//! warning, no uncaught exception, no browser error log entry, no failed request and no request
//! that leaves the file (the HTML is self-contained); then `ropa render --format pdf` prints it
//! to a real PDF. Also: `--format pdf` without a browser fails with the install hint, and
//! Markdown and HTML never need one.
//!
//! How the page is watched: Chromium runs with `--remote-debugging-pipe` and the test speaks the
//! DevTools protocol to it (NUL-separated JSON on the browser's fds 3 and 4), with the Runtime,
//! Log, Network and Page domains enabled before navigating to the file, then waits for the load
//! event and for network idle. Console and network events arrive as structured messages, so
//! nothing depends on the format of the browser's log lines (which, with `--enable-logging`, show
//! `console.error` without its level and never show a failed image). The negative controls below
//! prove that each kind of problem is caught.
//!
//! Without Chromium the browser tests skip with one loud line saying how to run them; with
//! `ROPA_REQUIRE_TOOLS=1` (which `.ci/run` sets, after installing Debian's chromium) a missing
//! browser is a failure.

#![allow(clippy::print_stderr)] // Helpers report what each browser run checked.
#![cfg(unix)]

mod common;

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command as StdCommand, Output, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use ropa::render::pdf::{HEADLESS_FLAGS, find_browser};
use serde_json::{Value, json};
use tempfile::TempDir;

const AS_OF: &str = "2026-11-25";
const REGISTERS: &str = "registers";
/// Time allowed for each step of a page load (start, load event, network idle).
const STEP_TIMEOUT: Duration = Duration::from_secs(30);

fn ropa() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("ropa")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The browser to test with, or `None` (after one loud line) when there is none and
/// `ROPA_REQUIRE_TOOLS=1` is not set.
fn require_browser() -> Option<PathBuf> {
    common::require_tool(
        "browser tests",
        "chromium",
        "apt-get install chromium",
        find_browser(None),
    )
}

// -------------------------------------------------------------------------------------------
// A DevTools-protocol client over --remote-debugging-pipe
// -------------------------------------------------------------------------------------------

/// A headless browser driven over the DevTools pipe.
struct Browser {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Every event received so far, in order.
    events: Vec<Value>,
    next_id: u64,
    /// The fresh profile and the browser's stderr.
    dir: TempDir,
}

impl Browser {
    fn start(browser: &Path) -> Browser {
        let dir = tempfile::Builder::new()
            .prefix("ropa-browser-test-")
            .tempdir()
            .unwrap();
        let log = File::create(dir.path().join("stderr.log")).unwrap();
        // std::process sets up only fds 0-2; the shell moves our pipes to the fds 3 (commands
        // in) and 4 (replies out) that --remote-debugging-pipe uses.
        let mut child = StdCommand::new("/bin/sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg(browser)
            .args(HEADLESS_FLAGS)
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg("--remote-debugging-pipe")
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.display()));
        let stdin = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut pending = Vec::new();
            let mut chunk = [0u8; 65536];
            loop {
                let n = match stdout.read(&mut chunk) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                pending.extend_from_slice(&chunk[..n]);
                while let Some(end) = pending.iter().position(|&b| b == 0) {
                    let message: Vec<u8> = pending.drain(..=end).collect();
                    let Ok(value) = serde_json::from_slice(&message[..end]) else {
                        continue;
                    };
                    if tx.send(value).is_err() {
                        return;
                    }
                }
            }
        });
        Browser {
            child,
            stdin,
            messages,
            events: Vec::new(),
            next_id: 0,
            dir,
        }
    }

    /// The end of the browser's stderr, for failure messages.
    fn stderr_tail(&self) -> String {
        let text = std::fs::read_to_string(self.dir.path().join("stderr.log")).unwrap_or_default();
        let lines: Vec<&str> = text.lines().filter(|l| !l.contains("dbus")).collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!(
                "the browser sent no {waiting_for} within {} s; its stderr:\n{}",
                STEP_TIMEOUT.as_secs(),
                self.stderr_tail()
            ),
            Err(RecvTimeoutError::Disconnected) => panic!(
                "the browser closed the DevTools pipe while the test waited for {waiting_for}; \
                 its stderr:\n{}",
                self.stderr_tail()
            ),
        }
    }

    /// Send a command and return its result; events received meanwhile are kept.
    fn call(&mut self, method: &str, params: Value, session: Option<&str>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        if let Err(e) = self
            .stdin
            .write_all(&bytes)
            .and_then(|()| self.stdin.flush())
        {
            panic!(
                "cannot send {method} to the browser: {e}; its stderr:\n{}",
                self.stderr_tail()
            );
        }
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            let reply = self.receive(deadline, &format!("reply to {method}"));
            if reply["id"] == json!(id) {
                if let Some(error) = reply.get("error") {
                    panic!("{method} failed: {error}");
                }
                return reply["result"].clone();
            }
            if reply.get("method").is_some() {
                self.events.push(reply);
            }
        }
    }

    /// Wait for an event, from index `from` of [`Browser::events`] on, that `matches`.
    fn wait_for(&mut self, from: usize, what: &str, matches: impl Fn(&Value) -> bool) {
        if self.events[from..].iter().any(&matches) {
            return;
        }
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            let message = self.receive(deadline, what);
            let found = message.get("method").is_some() && matches(&message);
            if message.get("method").is_some() {
                self.events.push(message);
            }
            if found {
                return;
            }
        }
    }

    fn close(mut self) {
        self.next_id += 1;
        let mut bytes =
            serde_json::to_vec(&json!({"id": self.next_id, "method": "Browser.close"})).unwrap();
        bytes.push(0);
        let _ = self.stdin.write_all(&bytes);
        let _ = self.stdin.flush();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What loading one page showed.
#[derive(Debug)]
struct PageReport {
    /// Console errors and warnings, uncaught exceptions, browser error and warning log entries,
    /// failed requests and requests for anything but the file itself and `data:` URLs.
    problems: Vec<String>,
    /// `document.title`.
    title: String,
    /// Number of `h1`..`h6` elements.
    headings: u64,
    /// Number of `table` elements.
    tables: u64,
    /// Length of the page's visible text.
    text_len: u64,
}

/// Load `file` in headless Chromium and report what went wrong.
fn inspect(browser: &Path, file: &Path) -> PageReport {
    let mut tab = Tab::open(browser);
    let (url, _) = tab.navigate(file);
    let s = Some(tab.session.as_str());
    let mut b = tab.b;
    let summary = b.call(
        "Runtime.evaluate",
        json!({
            "expression": "JSON.stringify({title: document.title, \
                headings: document.querySelectorAll('h1,h2,h3,h4,h5,h6').length, \
                tables: document.querySelectorAll('table').length, \
                text: document.body ? document.body.innerText.length : 0})",
            "returnByValue": true
        }),
        s,
    );
    let summary: Value =
        serde_json::from_str(summary["result"]["value"].as_str().unwrap_or("{}")).unwrap();
    let problems = problems(&b.events, &url);
    b.close();
    PageReport {
        problems,
        title: summary["title"].as_str().unwrap_or_default().to_string(),
        headings: summary["headings"].as_u64().unwrap_or(0),
        tables: summary["tables"].as_u64().unwrap_or(0),
        text_len: summary["text"].as_u64().unwrap_or(0),
    }
}

/// The problems among the DevTools events of a page load.
fn problems(events: &[Value], page_url: &str) -> Vec<String> {
    let mut urls: HashMap<String, String> = HashMap::new();
    let mut problems = Vec::new();
    for event in events {
        let p = &event["params"];
        match event["method"].as_str().unwrap_or_default() {
            "Runtime.consoleAPICalled" => {
                let kind = p["type"].as_str().unwrap_or_default();
                if matches!(kind, "error" | "warning" | "assert") {
                    let args: Vec<String> = p["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|a| match &a["value"] {
                            Value::String(s) => s.clone(),
                            Value::Null => a["description"].as_str().unwrap_or("?").to_string(),
                            v => v.to_string(),
                        })
                        .collect();
                    problems.push(format!("console.{kind}: {}", args.join(" ")));
                }
            }
            "Runtime.exceptionThrown" => {
                let d = &p["exceptionDetails"];
                let what = d["exception"]["description"]
                    .as_str()
                    .or(d["text"].as_str())
                    .unwrap_or("?");
                problems.push(format!("uncaught exception: {what}"));
            }
            "Log.entryAdded" => {
                let e = &p["entry"];
                let level = e["level"].as_str().unwrap_or_default();
                if matches!(level, "error" | "warning") {
                    problems.push(format!(
                        "browser log {level} ({}): {} {}",
                        e["source"].as_str().unwrap_or("?"),
                        e["text"].as_str().unwrap_or("?"),
                        e["url"].as_str().unwrap_or_default()
                    ));
                }
            }
            "Network.requestWillBeSent" => {
                let url = p["request"]["url"].as_str().unwrap_or_default().to_string();
                let own = url == page_url || url.starts_with("data:") || url == "about:blank";
                if !own {
                    problems.push(format!("request for a resource outside the file: {url}"));
                }
                urls.insert(p["requestId"].as_str().unwrap_or_default().to_string(), url);
            }
            "Network.loadingFailed" => {
                let id = p["requestId"].as_str().unwrap_or_default();
                problems.push(format!(
                    "failed request: {} ({})",
                    urls.get(id).map_or("?", String::as_str),
                    p["errorText"].as_str().unwrap_or("?")
                ));
            }
            "Network.responseReceived" => {
                let status = p["response"]["status"].as_u64().unwrap_or(0);
                if status >= 400 {
                    problems.push(format!(
                        "HTTP {status} for {}",
                        p["response"]["url"].as_str().unwrap_or("?")
                    ));
                }
            }
            _ => {}
        }
    }
    problems
}

/// Load `html` from a temporary file and report.
fn inspect_html(browser: &Path, html: &str) -> PageReport {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.html");
    std::fs::write(&file, html).unwrap();
    inspect(browser, &file)
}

fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>control</title>\
         </head><body><h1>Control</h1>{body}</body></html>"
    )
}

// -------------------------------------------------------------------------------------------
// The detector, proved by controls
// -------------------------------------------------------------------------------------------

#[test]
fn a_clean_page_shows_no_problem() {
    let Some(browser) = require_browser() else {
        return;
    };
    let report = inspect_html(
        &browser,
        &page(
            "<p>plain</p><img alt=\"dot\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\
             <script>console.log(\"a log is not an error\")</script>",
        ),
    );
    assert_eq!(report.problems, Vec::<String>::new());
    assert_eq!(report.title, "control");
    assert_eq!(report.headings, 1);
}

#[test]
fn a_console_error_is_detected() {
    let Some(browser) = require_browser() else {
        return;
    };
    let report = inspect_html(&browser, &page("<script>console.error(\"boom\")</script>"));
    assert!(
        report.problems.iter().any(|p| p == "console.error: boom"),
        "{report:?}"
    );
}

#[test]
fn an_external_image_is_detected() {
    let Some(browser) = require_browser() else {
        return;
    };
    let report = inspect_html(
        &browser,
        &page("<img alt=\"x\" src=\"http://example.invalid/x.png\">"),
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p == "request for a resource outside the file: http://example.invalid/x.png"),
        "{report:?}"
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("failed request: http://example.invalid/x.png")),
        "{report:?}"
    );
}

#[test]
fn an_uncaught_exception_and_a_missing_stylesheet_are_detected() {
    let Some(browser) = require_browser() else {
        return;
    };
    let report = inspect_html(
        &browser,
        &page(
            "<link rel=\"stylesheet\" href=\"missing.css\">\
             <script>throw new Error(\"kaboom\")</script>",
        ),
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("uncaught exception: Error: kaboom")),
        "{report:?}"
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("failed request: file://")
                && p.contains("missing.css (net::ERR_FILE_NOT_FOUND)")),
        "{report:?}"
    );
}

// -------------------------------------------------------------------------------------------
// The example registers
// -------------------------------------------------------------------------------------------

/// The number of pages of a PDF: its `/Type /Page` objects (not `/Type /Pages`).
fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

/// The first position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `ropa render <doc> registers/<name> [--activity ID] --lang en --as-of … --format <format>
/// -o <out>`, asserting success.
fn render(
    doc: &str,
    register: &Path,
    activity: Option<&str>,
    lang: &str,
    format: &str,
    out: &Path,
) {
    let mut cmd = ropa();
    cmd.arg("render").arg(doc).arg(register);
    if let Some(id) = activity {
        cmd.args(["--activity", id]);
    }
    cmd.args(["--lang", lang, "--format", format, "--as-of", AS_OF, "-o"])
        .arg(out);
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "ropa render {doc} {} {activity:?} --format {format} failed ({}):\n{}",
        register.display(),
        output.status,
        stderr(&output)
    );
}

/// Every document of the register `name`, in both languages: rendered as HTML, loaded without a
/// problem, printed to a PDF.
fn documents_load_cleanly_and_print_to_pdf(name: &str) {
    let Some(browser) = require_browser() else {
        return;
    };
    let root = Path::new(REGISTERS).join(name);
    let register = ropa::load::load_register(&root)
        .unwrap_or_else(|d| panic!("the example register {name} does not load: {d:?}"));
    let ids: Vec<&str> = register
        .activities
        .iter()
        .map(|a| a.item.id.as_str())
        .collect();
    let first = *ids
        .first()
        .unwrap_or_else(|| panic!("{name} has no activity"));
    let processor = register
        .activities
        .iter()
        .find(|a| !a.item.role.is_controller())
        .map(|a| a.item.id.as_str())
        .unwrap_or_else(|| panic!("{name} has no processor activity for the annex"));
    let documents = [
        ("sheet", Some(first)),
        ("register", None),
        ("annex", Some(processor)),
        ("subprocessors", None),
    ];

    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (lang, (doc, activity)) in ["en", "fr"]
        .into_iter()
        .flat_map(|lang| documents.map(|d| (lang, d)))
    {
        let what = format!(
            "{doc} of {name}{} in {lang}",
            activity.map_or(String::new(), |a| format!(" ({a})"))
        );
        let html = dir.path().join(format!("{doc}.{lang}.html"));
        render(doc, &root, activity, lang, "html", &html);
        let report = inspect(&browser, &html);
        if !report.problems.is_empty() {
            failures.push(format!("{what}:\n  {}", report.problems.join("\n  ")));
        }
        assert!(!report.title.trim().is_empty(), "{what} has no title");
        assert!(report.headings >= 1, "{what} has no heading: {report:?}");
        assert!(
            report.text_len > 200,
            "{what} shows almost no text: {report:?}"
        );
        if doc != "subprocessors" {
            assert!(report.tables >= 1, "{what} has no table: {report:?}");
        }

        let pdf_path = dir.path().join(format!("{doc}.{lang}.pdf"));
        render(doc, &root, activity, lang, "pdf", &pdf_path);
        let pdf = std::fs::read(&pdf_path).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{what}: not a PDF");
        assert!(pdf.len() > 1024, "{what}: PDF of only {} bytes", pdf.len());
        let pages = page_count(&pdf);
        assert!(pages >= 1, "{what}: PDF without a page");
        // The print stylesheet asks for A4 (595 x 842 pt), not the browser's default Letter.
        assert!(
            find(&pdf, b"/MediaBox [0 0 59").is_some()
                && find(&pdf, b"/MediaBox [0 0 612").is_none(),
            "{what}: the PDF pages are not A4"
        );
        if doc == "register" {
            // A cover page, then each sheet on a page of its own.
            assert!(
                pages > ids.len(),
                "{what}: {pages} page(s) for a cover and {} sheets",
                ids.len()
            );
        }
        eprintln!(
            "{what}: no problem in the browser; PDF of {} bytes, {pages} page(s)",
            pdf.len()
        );
    }
    assert!(
        failures.is_empty(),
        "problems in the browser:\n{}",
        failures.join("\n")
    );
}

#[test]
fn zerosix_documents_load_cleanly_and_print_to_pdf() {
    documents_load_cleanly_and_print_to_pdf("zerosix");
}

#[test]
fn octopush_documents_load_cleanly_and_print_to_pdf() {
    documents_load_cleanly_and_print_to_pdf("octopush");
}

#[test]
fn zetapush_documents_load_cleanly_and_print_to_pdf() {
    documents_load_cleanly_and_print_to_pdf("zetapush");
}

/// The Art. 28(2) change notice, made from a git repository where zerosix engages a new
/// sub-processor outside the EEA, in both languages: loads cleanly and prints to a PDF.
#[test]
fn change_notice_loads_cleanly_and_prints_to_pdf() {
    let Some(browser) = require_browser() else {
        return;
    };
    let repo = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = StdCommand::new("git")
            .arg("-C")
            .arg(repo.path())
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "dpo@example.org"]);
    git(&["config", "user.name", "DPO"]);
    let register = repo.path().join("zerosix");
    common::copy_dir(Path::new(ZEROSIX), &register);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "before"]);
    let vendors = register.join("vendors.yaml");
    let mut text = std::fs::read_to_string(&vendors).unwrap();
    text.push_str("  - id: ovh\n    name: OVHcloud\n    role: sub_processor\n    service: Hébergement de secours\n    locations:\n      - {country: CA, place: Beauharnois}\n    transfer_safeguards:\n      - {country: CA, mechanism: scc_2021_914, scc_module: three}\n");
    std::fs::write(&vendors, text).unwrap();
    let activity = register.join("activities/gestion-du-service-zerosix.yaml");
    let text = std::fs::read_to_string(&activity).unwrap();
    std::fs::write(
        &activity,
        text.replacen(
            "    vendor: matomo",
            "    vendor: matomo\n  - kind: vendor\n    vendor: ovh",
            1,
        ),
    )
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    for lang in ["en", "fr"] {
        for format in ["html", "pdf"] {
            let out = dir.path().join(format!("change-notice.{lang}.{format}"));
            let output = ropa()
                .arg("render")
                .arg("change-notice")
                .arg(&register)
                .args([
                    "--since",
                    "HEAD",
                    "--effective",
                    "2027-01-01",
                    "--lang",
                    lang,
                ])
                .args(["--format", format, "--as-of", AS_OF, "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(output.status.success(), "{}", stderr(&output));
        }
        let what = format!("change notice in {lang}");
        let report = inspect(
            &browser,
            &dir.path().join(format!("change-notice.{lang}.html")),
        );
        assert!(report.problems.is_empty(), "{what}: {:?}", report.problems);
        assert!(
            report.headings >= 3 && report.tables >= 2,
            "{what}: {report:?}"
        );
        let pdf = std::fs::read(dir.path().join(format!("change-notice.{lang}.pdf"))).unwrap();
        assert!(
            pdf.starts_with(b"%PDF-") && page_count(&pdf) >= 1,
            "{what}: not a PDF"
        );
    }
}

// -------------------------------------------------------------------------------------------
// Without a browser
// -------------------------------------------------------------------------------------------

const ZEROSIX: &str = "registers/zerosix";

/// The first activity of zerosix, for a `sheet`.
fn zerosix_activity() -> String {
    let register = ropa::load::load_register(Path::new(ZEROSIX)).unwrap();
    register.activities[0].item.id.clone()
}

#[test]
fn pdf_with_a_browser_that_does_not_exist_exits_2_with_the_install_hint() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    let output = ropa()
        .args([
            "render",
            "sheet",
            ZEROSIX,
            "--activity",
            &zerosix_activity(),
        ])
        .args(["--lang", "en", "--format", "pdf", "--as-of", AS_OF])
        .args(["--browser", "/nonexistent"])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("/nonexistent"), "{err}");
    assert!(err.contains("apt-get install chromium"), "{err}");
    assert!(err.contains("--browser"), "{err}");
    assert!(!out.exists(), "a PDF was written without a browser");
}

#[test]
fn pdf_without_a_browser_on_path_exits_2_with_the_install_hint() {
    let empty = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("register.pdf");
    let output = ropa()
        .env("PATH", empty.path())
        .args(["render", "register", ZEROSIX])
        .args(["--lang", "en", "--format", "pdf", "--as-of", AS_OF, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("apt-get install chromium"), "{err}");
    assert!(err.contains("--browser PATH"), "{err}");
    assert!(!out.exists(), "a PDF was written without a browser");
}

#[test]
fn markdown_and_html_never_need_a_browser() {
    let empty = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let activity = zerosix_activity();
    for format in ["md", "html"] {
        for (doc, activity) in [("sheet", Some(activity.as_str())), ("register", None)] {
            let out = dir.path().join(format!("{doc}.{format}"));
            let mut cmd = ropa();
            cmd.env("PATH", empty.path()).args(["render", doc, ZEROSIX]);
            if let Some(id) = activity {
                cmd.args(["--activity", id]);
            }
            let output = cmd
                .args(["--lang", "en", "--format", format, "--as-of", AS_OF, "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{doc} as {format} with an empty PATH: {}",
                stderr(&output)
            );
            let text = std::fs::read_to_string(&out).unwrap();
            assert!(text.len() > 200, "{doc} as {format} is almost empty");
        }
    }
}

/// The same register and `--as-of` give the same PDF bytes: the PDF's dates come from `--as-of`.
#[test]
fn pdf_is_reproducible() {
    if require_browser().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let register = Path::new("registers/zetapush");
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    render("subprocessors", register, None, "en", "pdf", &a);
    render("subprocessors", register, None, "en", "pdf", &b);
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(a.starts_with(b"%PDF-"));
    assert!(
        find(&a, b"/CreationDate (D:20261125000000").is_some(),
        "the creation date is not the --as-of date"
    );
    assert!(a == b, "two prints of the same document differ");
}

// -------------------------------------------------------------------------------------------
// Published documents: the notice, the map and every page of the site
// -------------------------------------------------------------------------------------------

/// One browser tab that loads page after page.
struct Tab {
    b: Browser,
    session: String,
}

/// What a published page shows, from its DOM and its accessibility tree.
#[derive(Debug)]
struct Published {
    problems: Vec<String>,
    /// Headings of level 1 in the accessibility tree.
    h1: usize,
    /// Landmark roles in the accessibility tree.
    landmarks: Vec<String>,
    /// Text fields and selects without an accessible name.
    unnamed_fields: Vec<String>,
    /// Search fields with their names.
    searchboxes: Vec<String>,
    /// Images (the SVG map) with their accessible name and description.
    images: Vec<(String, String)>,
    /// Every SVG's title, desc and number of text elements.
    svgs: Vec<(String, String, u64)>,
    /// Absolute URLs of the links.
    links: Vec<String>,
    /// Elements whose own text was checked for contrast against what is behind it.
    contrast_checked: u64,
    /// Texts whose contrast is below WCAG AA (4.5:1, 3:1 for large text), with their ratio.
    low_contrast: Vec<String>,
}

/// For every visible element with text of its own: the contrast of its computed colour (SVG:
/// `fill`) against what is behind it (the nearest opaque computed background; for SVG text, the
/// fill of the box it is drawn in, else the background of the SVG), checked against WCAG AA.
const CONTRAST: &str = r#"(() => {
  const rgb = s => { const m = (s || '').match(/^rgba?\(([^)]*)\)$/); return m ? m[1].split(/[ ,\/]+/).map(Number) : null; };
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const behind = el => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && (c.length < 4 || c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  let checked = 0; const low = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('script, style, title, desc, [hidden]')) continue;
    if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    let fg, bg;
    if (el instanceof SVGElement) {
      const text = el.closest('text') || el;
      fg = rgb(getComputedStyle(text).fill);
      const box = text.parentElement && text.parentElement.querySelector(':scope > rect');
      const boxFill = box && rgb(getComputedStyle(box).fill);
      bg = boxFill || behind(text.closest('svg'));
    } else {
      fg = rgb(st.color);
      bg = behind(el);
    }
    if (!fg || !bg) continue;
    checked++;
    const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(fg, bg);
    if (r < need) low.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}": ${r.toFixed(2)}:1 < ${need}:1`);
  }
  return {checked, low};
})()"#;

impl Tab {
    fn open(browser: &Path) -> Tab {
        let mut b = Browser::start(browser);
        let target = b.call("Target.createTarget", json!({"url": "about:blank"}), None);
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
            None,
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in ["Runtime", "Log", "Network", "Page", "Accessibility"] {
            b.call(&format!("{domain}.enable"), json!({}), Some(&session));
        }
        b.call(
            "Page.setLifecycleEventsEnabled",
            json!({"enabled": true}),
            Some(&session),
        );
        Tab { b, session }
    }

    fn eval(&mut self, expression: &str) -> Value {
        let result = self.b.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
            Some(&self.session.clone()),
        );
        result["result"]["value"].clone()
    }

    /// Open `file` and wait for its load event and network idle; its URL and the index of its
    /// first event.
    fn navigate(&mut self, file: &Path) -> (String, usize) {
        let url = format!("file://{}", std::path::absolute(file).unwrap().display());
        let s = self.session.clone();
        let from = self.b.events.len();
        let nav = self.b.call("Page.navigate", json!({"url": url}), Some(&s));
        if let Some(error) = nav.get("errorText") {
            panic!("cannot open {url}: {error}");
        }
        let loader = nav["loaderId"].clone();
        self.b
            .wait_for(from, "load event", |e| e["method"] == "Page.loadEventFired");
        self.b.wait_for(from, "network idle", |e| {
            e["method"] == "Page.lifecycleEvent"
                && e["params"]["name"] == "networkIdle"
                && e["params"]["loaderId"] == loader
        });
        (url, from)
    }

    fn load(&mut self, file: &Path) -> Published {
        let (url, from) = self.navigate(file);
        let s = self.session.clone();
        let dom = self.eval(
            "({links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href), \
              svgs: Array.from(document.querySelectorAll('svg')).map(s => [ \
                (s.querySelector('title') || {}).textContent || '', \
                (s.querySelector('desc') || {}).textContent || '', \
                s.querySelectorAll('text').length])})",
        );
        let contrast = self.eval(CONTRAST);
        let tree = self
            .b
            .call("Accessibility.getFullAXTree", json!({}), Some(&s));
        let mut report = Published {
            problems: problems(&self.b.events[from..], &url),
            h1: 0,
            landmarks: Vec::new(),
            unnamed_fields: Vec::new(),
            searchboxes: Vec::new(),
            images: Vec::new(),
            svgs: dom["svgs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    (
                        s[0].as_str().unwrap_or_default().to_string(),
                        s[1].as_str().unwrap_or_default().to_string(),
                        s[2].as_u64().unwrap_or(0),
                    )
                })
                .collect(),
            links: dom["links"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str().map(str::to_string))
                .collect(),
            contrast_checked: contrast["checked"].as_u64().unwrap_or(0),
            low_contrast: contrast["low"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str().map(str::to_string))
                .collect(),
        };
        for node in tree["nodes"].as_array().into_iter().flatten() {
            if node["ignored"] == json!(true) {
                continue;
            }
            let role = node["role"]["value"].as_str().unwrap_or_default();
            let name = node["name"]["value"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let level = node["properties"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| p["name"] == "level")
                .and_then(|p| p["value"]["value"].as_u64());
            match role {
                "heading" if level == Some(1) => report.h1 += 1,
                "main" | "navigation" | "contentinfo" | "banner" | "search" | "region"
                | "complementary" => report.landmarks.push(role.to_string()),
                "searchbox" => report.searchboxes.push(name.clone()),
                "image" | "img" => report.images.push((
                    name.clone(),
                    node["description"]["value"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                )),
                _ => {}
            }
            if matches!(role, "textbox" | "searchbox" | "combobox") && name.trim().is_empty() {
                report.unnamed_fields.push(role.to_string());
            }
        }
        report
    }
}

/// The notice (when the register has an audience), the map page and every page of the site of
/// register `name`, in English and French, loaded in one tab: no problem, one h1, landmarks,
/// named fields, a titled and described map with text labels, links that resolve; and the
/// index's search filters the list.
fn published_documents_work_in_the_browser(name: &str, audience: Option<&str>) {
    let root = Path::new(REGISTERS).join(name);
    published_documents_of(name, &root, audience, usize::MAX);
}

/// The checks of [`published_documents_work_in_the_browser`] on the register at `root`, loading
/// at most `activity_pages` of the site's activity pages (all its other pages are loaded).
fn published_documents_of(name: &str, root: &Path, audience: Option<&str>, activity_pages: usize) {
    let Some(browser) = require_browser() else {
        return;
    };
    let root = root.to_path_buf();
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    for lang in ["en", "fr"] {
        if let Some(subjects) = audience {
            let out = dir.path().join(format!("notice.{lang}.html"));
            ropa()
                .args(["render", "notice"])
                .arg(&root)
                .args(["--subjects", subjects, "--format", "html", "--lang", lang])
                .args(["--as-of", AS_OF, "-o"])
                .arg(&out)
                .assert()
                .success();
            files.push(out);
        }
        let out = dir.path().join(format!("map.{lang}.html"));
        ropa()
            .args(["render", "map"])
            .arg(&root)
            .args(["--format", "html", "--lang", lang, "--as-of", AS_OF, "-o"])
            .arg(&out)
            .assert()
            .success();
        files.push(out);
    }
    let site = dir.path().join("site");
    ropa()
        .arg("site")
        .arg(&root)
        .args(["--lang", "en", "--as-of", AS_OF, "-o"])
        .arg(&site)
        .assert()
        .success();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    let is_activity = |p: &PathBuf| p.to_string_lossy().contains("/activity-");
    let activities = pages.iter().filter(|p| is_activity(p)).count();
    assert!(activities > 0, "{name}: no activity page in the site");
    let mut kept = 0;
    pages.retain(|p| {
        kept += usize::from(is_activity(p));
        !is_activity(p) || kept <= activity_pages
    });
    files.extend(pages.iter().cloned());

    let mut tab = Tab::open(&browser);
    let mut failures = Vec::new();
    for file in &files {
        let what = format!(
            "{name}: {}",
            file.strip_prefix(dir.path()).unwrap().display()
        );
        let r = tab.load(file);
        if !r.problems.is_empty() {
            failures.push(format!("{what}:\n  {}", r.problems.join("\n  ")));
        }
        assert_eq!(r.h1, 1, "{what}: {} h1 in the accessibility tree", r.h1);
        assert!(
            r.landmarks.iter().any(|l| l == "main"),
            "{what}: no main landmark"
        );
        assert!(
            r.landmarks.iter().any(|l| l == "contentinfo"),
            "{what}: no contentinfo landmark (footer)"
        );
        assert!(
            r.unnamed_fields.is_empty(),
            "{what}: unnamed fields {:?}",
            r.unnamed_fields
        );
        assert!(
            r.contrast_checked > 0,
            "{what}: no text checked for contrast"
        );
        assert!(
            r.low_contrast.is_empty(),
            "{what}: text below WCAG AA contrast: {:#?}",
            r.low_contrast
        );
        if file.starts_with(&site) {
            assert!(
                r.landmarks.iter().any(|l| l == "navigation"),
                "{what}: no navigation"
            );
        }
        for (title, desc, texts) in &r.svgs {
            assert!(
                !title.trim().is_empty() && !desc.trim().is_empty(),
                "{what}: svg without title/desc"
            );
            assert!(*texts >= 4, "{what}: svg with {texts} text labels");
        }
        if !r.svgs.is_empty() {
            assert!(
                r.images.iter().any(|(n, d)| !n.is_empty() && !d.is_empty()),
                "{what}: the map has no accessible name and description: {:?}",
                r.images
            );
        }
        for link in &r.links {
            if let Some(path) = link.strip_prefix("file://") {
                let path = path.split('#').next().unwrap();
                assert!(Path::new(path).is_file(), "{what}: broken link {link}");
            } else {
                assert!(
                    link.starts_with("mailto:"),
                    "{what}: link out of the site {link}"
                );
            }
        }
        eprintln!(
            "{what}: no problem, {} links, {} svg",
            r.links.len(),
            r.svgs.len()
        );
    }
    // The search filters the index.
    let r = tab.load(&site.join("index.html"));
    assert_eq!(r.searchboxes.len(), 1, "{name}: {:?}", r.searchboxes);
    assert!(!r.searchboxes[0].trim().is_empty());
    let total = tab.eval("document.querySelectorAll('#activities tbody tr').length");
    let count = |tab: &mut Tab, text: &str| {
        tab.eval(&format!(
            "(() => {{ const s = document.getElementById('search'); s.value = {}; \
              s.dispatchEvent(new Event('input')); \
              return document.querySelectorAll('#activities tbody tr:not([hidden])').length; }})()",
            json!(text)
        ))
    };
    assert_eq!(count(&mut tab, "zzz-no-such-activity"), json!(0));
    assert_eq!(
        tab.eval("document.getElementById('no-match').hidden"),
        json!(false)
    );
    let register = ropa::load::load_register(&root).unwrap();
    let first = &register.activities[0].item.name;
    let shown = count(&mut tab, &first.to_lowercase());
    assert!(
        shown.as_u64().unwrap() >= 1,
        "{name}: searching `{first}` shows nothing"
    );
    assert_eq!(count(&mut tab, ""), total);
    tab.b.close();
    assert!(
        failures.is_empty(),
        "problems in the browser:\n{}",
        failures.join("\n")
    );
}

#[test]
fn zerosix_published_documents_work_in_the_browser() {
    published_documents_work_in_the_browser("zerosix", None);
}

#[test]
fn octopush_published_documents_work_in_the_browser() {
    published_documents_work_in_the_browser("octopush", Some("individual-users"));
}

#[test]
fn zetapush_published_documents_work_in_the_browser() {
    published_documents_work_in_the_browser("zetapush", Some("customers"));
}

/// A generated register of 300 activities: its notice, its map (grouped by owner) and its site
/// (the index, vendors, transfers, map and findings pages, and a few activity pages) pass the
/// same checks; the map page draws owner groups.
#[test]
fn a_generated_300_activity_register_works_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    common::synthetic::write_register(dir.path(), 300);
    published_documents_of("generated-300", dir.path(), Some("customers"), 5);
}

// -------------------------------------------------------------------------------------------
// Print: page numbers, running header, page breaks and metadata, read back with poppler
// -------------------------------------------------------------------------------------------

/// A program of poppler-utils on PATH.
fn poppler(program: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .and_then(|path| {
            std::env::split_paths(&path)
                .map(|d| d.join(program))
                .find(|p| p.is_file())
        })
        .ok_or("not on PATH");
    common::require_tool(
        "PDF text tests",
        program,
        "apt-get install poppler-utils",
        found,
    )
}

fn run_tool(program: &Path, args: &[&std::ffi::OsStr]) -> String {
    let output = StdCommand::new(program).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}: {}",
        program.display(),
        stderr(&output)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `pdfinfo`'s fields.
fn pdf_info(pdfinfo: &Path, pdf: &Path) -> HashMap<String, String> {
    run_tool(
        pdfinfo,
        &["-enc".as_ref(), "UTF-8".as_ref(), pdf.as_os_str()],
    )
    .lines()
    .filter_map(|l| l.split_once(':'))
    .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
    .collect()
}

/// A document to print: its name, extra arguments, language, PDF subject, start of its title and
/// the page counts allowed.
type PrintCase = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
    std::ops::RangeInclusive<usize>,
);

#[test]
fn printed_documents_have_page_numbers_a_running_header_and_metadata() {
    let Some(_browser) = require_browser() else {
        return;
    };
    let (Some(pdftotext), Some(pdfinfo)) = (poppler("pdftotext"), poppler("pdfinfo")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let octopush = Path::new(REGISTERS).join("octopush");
    let activities = ropa::load::load_register(&octopush)
        .unwrap()
        .activities
        .len();
    let cases: [PrintCase; 3] = [
        (
            "register",
            &[],
            "en",
            "Record of processing activities (Art. 30 GDPR)",
            "Record of processing activities",
            activities + 1..=4 * (activities + 3),
        ),
        (
            "notice",
            &["--subjects", "individual-users"],
            "fr",
            "Notice d’information (articles 13 et 14 du RGPD)",
            "Information sur le traitement de vos données personnelles",
            2..=20,
        ),
        ("map", &[], "en", "Data map", "Data map", 1..=3),
    ];
    for (doc, extra, lang, subject, title, pages_allowed) in cases {
        let pdf = dir.path().join(format!("{doc}.{lang}.pdf"));
        ropa()
            .args(["render", doc])
            .arg(&octopush)
            .args(extra)
            .args(["--lang", lang, "--format", "pdf", "--as-of", AS_OF])
            .args(["--version-label", "v-print-test", "-o"])
            .arg(&pdf)
            .assert()
            .success();
        let info = pdf_info(&pdfinfo, &pdf);
        let pages: usize = info["Pages"].parse().unwrap();
        assert!(
            pages_allowed.contains(&pages),
            "{doc}: {pages} pages, expected {pages_allowed:?}"
        );
        assert_eq!(
            info["Creator"],
            format!("ropa {}", env!("CARGO_PKG_VERSION")),
            "{doc}"
        );
        assert_eq!(info["Author"], "Octopush SAS", "{doc}");
        assert_eq!(info["Subject"], subject, "{doc}");
        assert!(
            info["Title"].starts_with(title),
            "{doc}: title {}",
            info["Title"]
        );
        assert_eq!(info["Tagged"], "yes", "{doc}: the PDF is not tagged");
        assert!(
            info["CreationDate"].contains("2026"),
            "{doc}: {:?}",
            info["CreationDate"]
        );

        let text = run_tool(
            &pdftotext,
            &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
        );
        let page_texts: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert_eq!(
            page_texts.len(),
            pages,
            "{doc}: text of every page extracted"
        );
        for (i, page) in page_texts.iter().enumerate() {
            let number = format!("Page {} / {pages}", i + 1);
            assert!(
                page.contains(&number),
                "{doc}: page {} lacks `{number}`:\n{page}",
                i + 1
            );
            assert!(
                page.contains("v-print-test") && page.contains("Octopush SAS"),
                "{doc}: page {} lacks the running header:\n{page}",
                i + 1
            );
            let body: Vec<&str> = page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.contains("v-print-test") && !l.contains(&number))
                .collect();
            assert!(
                !(body.is_empty()
                    || body.len() == 1 && ["None", "Néant", "Not stated"].contains(&body[0])),
                "{doc}: page {} holds only {body:?}",
                i + 1
            );
            if let Some(last) = body.last() {
                assert!(
                    !last.starts_with("Part I"),
                    "{doc}: page {} ends with the part heading `{last}`",
                    i + 1
                );
            }
        }
        eprintln!("{doc} ({lang}): {pages} pages, numbered, with header and metadata");
    }
}
