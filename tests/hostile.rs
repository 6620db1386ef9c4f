//! Hostile files and hostile output targets: special files are never read, links out of the
//! register quote nothing, output cannot be turned against the machine, and no write failure
//! panics. Each test holds the exact input that used to leak, hang, or crash.

mod common;
use common::copy_of;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const AS_OF: &str = "2026-11-25";
const CLEAN: &str = "tests/fixtures/clean";

fn ropa() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("ropa");
    // A regression would hang, not fail: bound every run.
    cmd.timeout(Duration::from_secs(60));
    cmd
}

fn check_json(path: &Path) -> (Option<i32>, Vec<Value>) {
    common::check_json(&[path], AS_OF)
}

fn codes_for<'a>(diagnostics: &'a [Value], file_suffix: &str) -> Vec<&'a Value> {
    diagnostics
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with(file_suffix)))
        .collect()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status();
    match status {
        Ok(s) if s.success() => {}
        _ => panic!("mkfifo failed for {}", path.display()),
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_register_is_refused_and_quotes_nothing() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("environ");
    std::fs::write(&secret, "AWS_SECRET_ACCESS_KEY=hunter2: {{\n").unwrap();
    let dir = copy_of(CLEAN);
    let link = dir.path().join("activities/leak.yaml");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let output = ropa()
        .arg("check")
        .arg(dir.path())
        .args(["--as-of", AS_OF, "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("hunter2"), "{text}");
    assert!(!text.contains("AWS_SECRET"), "{text}");
    assert!(!text.contains(&*outside.path().to_string_lossy()), "{text}");
    assert!(
        text.contains("error[RP012]: the file is a symbolic link to a file outside the register; it is not read"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_refused_at_once() {
    let dir = copy_of(CLEAN);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("activities/zero.yaml")).unwrap();
    std::fs::remove_file(dir.path().join("measures.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("measures.yaml")).unwrap();
    let (code, diagnostics) = check_json(dir.path());
    assert_eq!(code, Some(1));
    for file in ["activities/zero.yaml", "measures.yaml"] {
        let found = codes_for(&diagnostics, file);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0]["code"], "RP012");
        assert_eq!(
            found[0]["message"],
            "the file is a symbolic link to a file outside the register; it is not read"
        );
    }
}

#[cfg(unix)]
#[test]
fn fifos_never_hang_check_or_render() {
    let dir = copy_of(CLEAN);
    // A FIFO as a catalogue, a FIFO among the activities, and a link inside the register to a FIFO.
    std::fs::remove_file(dir.path().join("measures.yaml")).unwrap();
    mkfifo(&dir.path().join("measures.yaml"));
    mkfifo(&dir.path().join("activities/x.yaml"));
    mkfifo(&dir.path().join("pipe"));
    std::os::unix::fs::symlink("../pipe", dir.path().join("activities/linked.yaml")).unwrap();
    let (code, diagnostics) = check_json(dir.path());
    assert_eq!(code, Some(1));
    let measures = codes_for(&diagnostics, "measures.yaml");
    assert_eq!(measures[0]["code"], "RP012");
    assert_eq!(
        measures[0]["message"],
        "the file is a FIFO (named pipe), not a regular file; it is not read"
    );
    let fifo = codes_for(&diagnostics, "activities/x.yaml");
    assert_eq!(fifo.len(), 1, "{fifo:?}");
    assert_eq!(fifo[0]["code"], "RP014");
    assert_eq!(
        fifo[0]["message"],
        "`x.yaml` is not read: it is a FIFO (named pipe), not a regular file"
    );
    let linked = codes_for(&diagnostics, "activities/linked.yaml");
    assert_eq!(linked[0]["code"], "RP012");
    assert_eq!(
        linked[0]["message"],
        "the file is a FIFO (named pipe), not a regular file; it is not read"
    );
    let out = tempfile::tempdir().unwrap();
    let output = ropa()
        .args(["render", "register"])
        .arg(dir.path())
        .args(["--as-of", AS_OF, "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("FIFO"), "{stderr}");
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size_before_it_is_read() {
    let dir = copy_of(CLEAN);
    let big = dir.path().join("activities/big.yaml");
    let file = std::fs::File::create(&big).unwrap();
    // Sparse: 64 MB that take no disk and would take 64 MB of memory if read.
    file.set_len(64 * 1024 * 1024).unwrap();
    let (_, diagnostics) = check_json(dir.path());
    let found = codes_for(&diagnostics, "activities/big.yaml");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "RP005");
    assert_eq!(
        found[0]["message"],
        "the file is 67108864 bytes, more than the limit of 8388608 bytes"
    );
    assert!(
        !found[0]["help"]
            .as_str()
            .unwrap()
            .contains("split the file"),
        "{}",
        found[0]["help"]
    );
}

#[cfg(unix)]
#[test]
fn output_refuses_devices_and_fifos_and_dash_is_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.md");
    mkfifo(&fifo);
    for target in [Path::new("/dev/null"), fifo.as_path()] {
        let output = ropa()
            .args(["render", "register", CLEAN, "--as-of", AS_OF, "-o"])
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
    let metadata = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(
        &metadata.file_type()
    ));
    let output = ropa()
        .args(["render", "register", CLEAN, "--as-of", AS_OF, "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).starts_with('#'));
    assert!(!Path::new("-").exists());
    // The other commands that write one file take `-o -` the same way: what they print without it.
    for command in [
        &["check", CLEAN, "--format", "json"][..],
        &["export", "json", CLEAN],
        &["export", "dpv", CLEAN],
    ] {
        let printed = ropa()
            .args(command)
            .args(["--as-of", AS_OF])
            .output()
            .unwrap();
        let dashed = ropa()
            .args(command)
            .args(["--as-of", AS_OF, "-o", "-"])
            .output()
            .unwrap();
        assert_eq!(dashed.status.code(), printed.status.code(), "{command:?}");
        assert!(dashed.stdout.starts_with(b"{"), "{command:?}");
        assert_eq!(dashed.stdout, printed.stdout, "{command:?}");
        assert!(!Path::new("-").exists(), "{command:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_or_stdout_is_exit_2_not_a_panic() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let ropa = || std::process::Command::new(assert_cmd::cargo::cargo_bin!("ropa"));
    let output = ropa()
        .args(["check", "/nonexistent"])
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = ropa()
        .args(["check", CLEAN, "--as-of", AS_OF])
        .stdout(full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: cannot write to standard output"),
        "{stderr}"
    );
    let output = ropa()
        .args(["render", "register", CLEAN, "--as-of", AS_OF])
        .stdout(full())
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// A one-line activity of about 100 KB with 8,000 unknown keys: each finding used to quote the
/// whole line (1.26 GB of output). Each now quotes a window of the line.
#[test]
fn human_output_is_linear_in_findings_not_in_line_length() {
    let dir = copy_of(CLEAN);
    let keys: Vec<String> = (0..8000).map(|i| format!("xkey{i:04}: v")).collect();
    let line = format!("{{id: big, {}}}\n", keys.join(", "));
    assert!(line.len() > 100_000);
    std::fs::write(dir.path().join("activities/big.yaml"), &line).unwrap();
    let output = ropa()
        .arg("check")
        .arg(dir.path())
        .args(["--as-of", AS_OF, "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.matches("error[RP011]: unknown field").count(), 8000);
    // About 650 bytes a finding, whatever the length of the line.
    assert!(text.len() < 8000 * 1000, "{} bytes", text.len());
    // No line grows with the 100 KB source line (the longest is the list of allowed fields).
    assert!(text.lines().all(|l| l.chars().count() < 1000));
    // Every quoted line is a window of the source line.
    assert!(
        text.lines()
            .filter(|l| l.starts_with("1 |"))
            .all(|l| l.chars().count() <= 4 + 1 + 120 + 2)
    );
    let finding = "error[RP011]: unknown field `xkey4000`\n --> ";
    let at = text.find(finding).unwrap();
    let quoted: Vec<&str> = text[at..].lines().take(5).skip(2).collect();
    assert_eq!(
        quoted,
        [
            "  |",
            "1 | … xkey3997: v, xkey3998: v, xkey3999: v, xkey4000: v, xkey4001: v, xkey4002: v, xkey4003: v, xkey4004: v, xkey4005: v, xk…",
            "  |                                          ^^^^^^^^",
        ]
    );
}

#[test]
fn colour_follows_clicolor_force_and_no_color() {
    let run = |env: &[(&str, &str)]| {
        let mut cmd = ropa();
        cmd.env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let output = cmd
            .args(["check", "tests/fixtures/formats", "--as-of", AS_OF])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    // Not a terminal: plain.
    assert!(!run(&[]).contains('\x1b'));
    // CLICOLOR_FORCE asks for colour even into a pipe (a CI log that shows colours).
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\x1b[1m"));
    // NO_COLOR wins over it.
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'));
}

/// `ropa check`'s human output with its standard output on a pseudo-terminal, as a user sees it.
#[cfg(target_os = "linux")]
fn check_on_a_terminal(env: &[(&str, &str)]) -> String {
    let args = ["check", "tests/fixtures/formats", "--as-of", AS_OF];
    common::on_a_terminal(&args, env, false)
}

#[cfg(target_os = "linux")]
#[test]
fn colour_on_a_terminal_follows_term_dumb_and_clicolor_force() {
    let coloured = check_on_a_terminal(&[("TERM", "xterm-256color")]);
    assert!(coloured.contains("error[RP"), "{coloured}");
    assert!(coloured.contains("\x1b[1m"), "{coloured:?}");
    // A terminal that declares it cannot show colours gets none.
    let dumb = check_on_a_terminal(&[("TERM", "dumb")]);
    assert!(dumb.contains("error[RP"), "{dumb}");
    assert!(!dumb.contains('\x1b'), "{dumb:?}");
    // CLICOLOR_FORCE wins over TERM=dumb, and NO_COLOR over both.
    let forced = check_on_a_terminal(&[("TERM", "dumb"), ("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\x1b[1m"), "{forced:?}");
    let none = check_on_a_terminal(&[("TERM", "xterm-256color"), ("NO_COLOR", "1")]);
    assert!(!none.contains('\x1b'), "{none:?}");
}

/// Register text is a value, never a template: a duration made of placeholders and a long event
/// used to expand to 100 MB.
#[test]
fn register_text_is_never_filled_in_as_a_template() {
    let dir = copy_of(CLEAN);
    let path = dir.path().join("activities/customer-accounts.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let event = "x".repeat(2000);
    let duration = "{event}".repeat(500);
    let text = text.replacen(
        "        duration: P3Y\n        from: last order",
        &format!("        duration: \"{duration}\"\n        from: {event}"),
        1,
    );
    std::fs::write(&path, text).unwrap();
    let output = ropa()
        .args(["render", "register"])
        .arg(dir.path())
        .args(["--as-of", AS_OF, "--version-label", "t"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let document = String::from_utf8(output.stdout).unwrap();
    assert!(document.contains(&duration));
    assert!(document.len() < 100_000, "{} bytes", document.len());
}

/// One activity of the clean fixture with `from` replaced by `to`: the findings for it.
fn check_edited(from: &str, to: &str) -> Vec<Value> {
    let dir = copy_of(CLEAN);
    let path = dir.path().join("activities/customer-accounts.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let (_, diagnostics) = check_json(dir.path());
    diagnostics
}

#[test]
fn tags_unknown_yaml_versions_and_impossible_values_are_refused() {
    let cases = [
        (
            "name: Customer accounts",
            "name: !custom Customer accounts",
            "the tag `!custom` is not supported",
        ),
        (
            "name: Customer accounts",
            "name: !!binary Q3VzdG9tZXI=",
            "the tag `!!binary` is not supported",
        ),
        (
            "updated: 2026-10-01",
            "updated: 0000-01-01",
            "`updated` is not a valid date",
        ),
    ];
    for (from, to, message) in cases {
        let diagnostics = check_edited(from, to);
        let found: Vec<&Value> = diagnostics
            .iter()
            .filter(|d| d["message"].as_str().unwrap().contains(message))
            .collect();
        assert_eq!(found.len(), 1, "{to}: {diagnostics:#?}");
        assert_eq!(found[0]["severity"], "error");
        assert!(found[0]["line"].as_u64().is_some(), "{to}: no location");
    }
    let dir = copy_of(CLEAN);
    let path = dir.path().join("activities/customer-accounts.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("%YAML 9.9\n---\n{text}")).unwrap();
    let (_, diagnostics) = check_json(dir.path());
    assert_eq!(diagnostics[0]["code"], "RP001", "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["line"], 1);
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("YAML 9.9")
    );
}

#[test]
fn an_email_that_breaks_out_of_an_attribute_is_refused() {
    let dir = copy_of(CLEAN);
    let path = dir.path().join("ropa.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (line, _) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("email:"))
        .unwrap();
    let edited: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line {
                let indent = &l[..l.len() - l.trim_start().len()];
                format!("{indent}email: 'a\"onmouseover=alert(1)@x.com'")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&path, edited.join("\n") + "\n").unwrap();
    let (code, diagnostics) = check_json(dir.path());
    assert_eq!(code, Some(1));
    let d = diagnostics
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("is not a valid email")
        })
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(d["line"], line + 1);
}

#[test]
fn a_json_surrogate_pair_is_accepted() {
    let diagnostics = check_edited(
        "name: Customer accounts and orders\n",
        "name: \"Customer accounts \\ud83d\\ude00\"\n",
    );
    assert!(
        diagnostics.iter().all(|d| d["code"] != "RP001"),
        "{diagnostics:#?}"
    );
}

/// The clean register with an activity name holding a right-to-left override and a purpose
/// holding an escape sequence, a bell and a C1 control.
fn register_with_hidden_characters() -> tempfile::TempDir {
    let dir = copy_of(CLEAN);
    let path = dir.path().join("activities/customer-accounts.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("name: Customer accounts and orders\n"));
    let text = text.replacen(
        "name: Customer accounts and orders\n",
        "name: \"Customer accounts \\u202Esredro\\u202C\\e[2J\\a\\x9b\"\n",
        1,
    );
    std::fs::write(&path, text).unwrap();
    dir
}

const RAW: [char; 5] = ['\u{202e}', '\u{202c}', '\u{1b}', '\u{7}', '\u{9b}'];
const SHOWN: &str = "Customer accounts [U+202E]sredro[U+202C][U+001B][2J[U+0007][U+009B]";

/// Documents show control and bidirectional characters by their code point, never raw: in
/// Markdown, HTML, the SVG map and the PDF printed from the HTML.
#[test]
fn documents_show_hidden_characters_escaped() {
    let dir = register_with_hidden_characters();
    let render = |args: &[&str]| -> String {
        let output = ropa()
            .arg("render")
            .args(args)
            .arg(dir.path())
            .args(["--as-of", AS_OF])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    // Markdown escapes the brackets, which show as brackets.
    let shown_md = SHOWN.replace('[', "\\[").replace(']', "\\]");
    for (what, text, shown) in [
        ("md", render(&["register"]), shown_md.as_str()),
        ("html", render(&["register", "--format", "html"]), SHOWN),
        ("svg", render(&["map"]), SHOWN),
    ] {
        assert!(!text.contains(RAW), "{what}: raw character in {text:?}");
        assert!(text.contains(shown), "{what}: {text}");
    }
    // The check reports the field, by its code point and name.
    let (_, diagnostics) = check_json(dir.path());
    let found: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "RP015")
        .collect();
    assert_eq!(found.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        found[0]["message"],
        "`/name` holds U+202E RIGHT-TO-LEFT OVERRIDE, and 4 other control or bidirectional characters"
    );
    assert_eq!(found[0]["line"], 2);
}

#[test]
fn the_pdf_shows_hidden_characters_escaped() {
    let found = |program: &str| {
        std::process::Command::new(program)
            .arg("--version")
            .output()
            .map_err(|e| e.to_string())
    };
    let tools = (
        common::require_tool(
            "PDF escaping test",
            "chromium",
            "apt-get install chromium",
            found("chromium"),
        ),
        common::require_tool(
            "PDF escaping test",
            "pdftotext",
            "apt-get install poppler-utils",
            found("pdftotext"),
        ),
    );
    let (Some(_), Some(_)) = tools else {
        return;
    };
    let dir = register_with_hidden_characters();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("register.pdf");
    let output = ropa()
        .args(["render", "register"])
        .arg(dir.path())
        .args(["--as-of", AS_OF, "--format", "pdf", "-o"])
        .arg(&pdf)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(!text.contains(RAW), "raw character in {text:?}");
    // pdftotext may break the line anywhere; the code points are there, in order.
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains("[U+202E]sredro[U+202C][U+001B][2J[U+0007][U+009B]"),
        "{text}"
    );
}

#[test]
fn explain_documents_the_control_character_rule() {
    let output = ropa()
        .args(["explain", "control-character"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("# RP015 control-character\n"), "{text}");
    for part in [
        "(default severity: warning)",
        "## What it checks",
        "`U+202E RIGHT-TO-LEFT OVERRIDE`",
        "## Why",
        "Trojan Source",
        "## Example",
        "## How to fix",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}
