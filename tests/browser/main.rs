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
//!
//! This file holds the DevTools client and the shared helpers; each module below is one subject:
//! the detector's controls, the example registers, the commands without a browser, the
//! published documents and the printed layout.

#![allow(clippy::print_stderr)] // Helpers report what each browser run checked.
#![cfg(unix)]

#[path = "../common/mod.rs"]
mod common;

mod controls;
mod examples;
mod print;
mod published;
mod without_browser;

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

/// One browser tab that loads page after page.
struct Tab {
    b: Browser,
    session: String,
}

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
// Rendering with the binary and reading the PDFs it prints (used by every module)
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

/// The example register the single-document tests render.
const ZEROSIX: &str = "registers/zerosix";
