//! A fuzzing harness on stable Rust: a structured generator mutates the bundled registers (YAML
//! that is almost right, and hostile YAML) and runs the loader, the check with every output
//! format, and every document in both formats on each mutant. It asserts what must hold for any
//! input: no panic, JSON and SARIF that parse, terminal output free of raw control characters.
//!
//! `cargo test --test fuzz` runs a short, fixed-seed pass (CI). A longer run:
//! `ROPA_FUZZ_RUNS=20000 ROPA_FUZZ_SEED=$RANDOM cargo test --release --test fuzz -- --nocapture`.
//! A failing mutant is written to `tests/fixtures/fuzz/found-<seed>-<run>.yaml` (with the file
//! it replaced on its first line); keep it there and it is replayed on every run as a
//! regression fixture.

#![allow(clippy::print_stderr)] // A found mutant is reported as it is kept.

mod common;
use common::copy_dir;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ropa::check::{CheckOptions, check};
use ropa::diagnostics::{github, human, json, junit, sarif};
use ropa::model::Language;
use ropa::render::{Document, Format, RenderOptions};

const FOUND: &str = "tests/fixtures/fuzz";

/// Pieces of YAML that have broken parsers, loaders or renderers somewhere.
const HOSTILE: &[&str] = &[
    "!custom x",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "%YAML 9.9\n---",
    "&a [*a]",
    "*nowhere",
    "&x {a: 1}",
    "<<: *x",
    "\"\\u0000\\u001b[2J\\u0007\"",
    "\"\\ud83d\\ude00\"",
    "\"\\ud83d\"",
    "\u{202e}gnp.exe",
    "{event}{duration}{min}{max}",
    "0000-00-00",
    "2024-02-30",
    "a\"onmouseover=alert(1)@x.com",
    "javascript:alert(1)",
    "texte : suite",
    "P-1Y",
    "P99999999999Y",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "~",
    "null",
    "- - -",
    "? complex\n: key",
    "|\n  block\n  text",
    ">-\n  folded",
    "'quote''d'",
    "\t",
    "key: value: more",
    "...",
    "---\nsecond: document",
    "<script>alert(1)</script>",
    "{{ config }}{% raw %}",
    "1e999",
    "-0",
    "0x1F",
    ".nan",
];

/// A small deterministic mutation engine over text lines.
struct Mutator {
    rng: fastrand::Rng,
}

impl Mutator {
    fn mutate(&mut self, text: &str) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        for _ in 0..self.rng.usize(1..4) {
            let i = self.rng.usize(..lines.len());
            let hostile = HOSTILE[self.rng.usize(..HOSTILE.len())];
            match self.rng.u8(..10) {
                // Replace a value, keeping the key and indentation.
                0..=2 => {
                    if let Some(colon) = lines[i].find(": ") {
                        let key = lines[i][..colon + 2].to_string();
                        lines[i] = format!("{key}{hostile}");
                    } else if let Some(dash) = lines[i].find("- ") {
                        let lead = lines[i][..dash + 2].to_string();
                        lines[i] = format!("{lead}{hostile}");
                    }
                }
                // Insert a line at the same indentation.
                3 => {
                    let indent: String = lines[i].chars().take_while(|c| *c == ' ').collect();
                    lines.insert(i, format!("{indent}{hostile}"));
                }
                // Duplicate or delete a line.
                4 => {
                    let line = lines[i].clone();
                    lines.insert(i, line);
                }
                5 => {
                    lines.remove(i);
                    if lines.is_empty() {
                        lines.push(String::new());
                    }
                }
                // Swap two lines.
                6 => {
                    let j = self.rng.usize(..lines.len());
                    lines.swap(i, j);
                }
                // Change the indentation.
                7 => {
                    if self.rng.bool() {
                        lines[i].insert_str(0, "  ");
                    } else if lines[i].starts_with(' ') {
                        lines[i].remove(0);
                    }
                }
                // Flip a character to a random one (control characters included).
                8 => {
                    let chars: Vec<char> = lines[i].chars().collect();
                    if !chars.is_empty() {
                        let k = self.rng.usize(..chars.len());
                        let c = char::from_u32(self.rng.u32(0..0x250)).unwrap_or('?');
                        lines[i] = chars[..k]
                            .iter()
                            .chain(std::iter::once(&c))
                            .chain(&chars[k + 1..])
                            .collect();
                    }
                }
                // Truncate the file.
                _ => lines.truncate(i + 1),
            }
        }
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }
}

/// The files of a register that a mutant may replace, relative to its folder.
fn register_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("ropa.yaml")];
    for name in ["vendors.yaml", "measures.yaml"] {
        if dir.join(name).is_file() {
            files.push(PathBuf::from(name));
        }
    }
    let mut activities: Vec<PathBuf> = std::fs::read_dir(dir.join("activities"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| Path::new("activities").join(e.file_name()))
                .collect()
        })
        .unwrap_or_default();
    activities.sort();
    files.extend(activities);
    files
}

/// What must hold for any register: run everything, panic on any broken promise.
fn exercise(dir: &Path) {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let options = CheckOptions {
        as_of,
        overrides: Vec::new(),
    };
    if let Ok(report) = check(dir, &options) {
        let text = human::render(&report, false);
        let raw_control = text
            .chars()
            .find(|c| c.is_control() && *c != '\n' || matches!(c, '\u{202a}'..='\u{202e}'));
        assert_eq!(
            raw_control, None,
            "raw control character in the human output"
        );
        serde_json::from_str::<serde_json::Value>(&json::render(&report)).expect("JSON parses");
        serde_json::from_str::<serde_json::Value>(&sarif::render(
            &report,
            ropa::rules::catalogue(),
        ))
        .expect("SARIF parses");
        let annotations = github::render(&report);
        assert!(
            annotations
                .lines()
                .all(|l| l.starts_with("::") || l.starts_with("ropa:")),
            "a GitHub annotation spans lines"
        );
        junit::render(&report, ropa::diagnostics::Severity::Error);
    }
    if let Ok(register) = ropa::load::load_register(dir) {
        for document in Document::ALL {
            for format in [Format::Md, Format::Html] {
                let opts = RenderOptions {
                    format,
                    lang: Language::Fr,
                    as_of,
                    version: "fuzz".into(),
                    templates_dir: None,
                    draft_errors: 0,
                };
                let _ = ropa::render::render(document, &register, None, None, &opts);
            }
        }
    }
}

/// Replace `file` of the register copy at `dir` by `text`, run everything, and keep the input
/// as a fixture if anything panics.
fn run_one(dir: &Path, file: &Path, text: &str, label: &str) -> bool {
    std::fs::write(dir.join(file), text).unwrap();
    let outcome = catch_unwind(AssertUnwindSafe(|| exercise(dir)));
    if outcome.is_err() {
        let _ = std::fs::create_dir_all(FOUND);
        let kept = Path::new(FOUND).join(format!("found-{label}.yaml"));
        let _ = std::fs::write(&kept, format!("# {}\n{text}", file.display()));
        eprintln!(
            "fuzz: {label} broke on {}; kept as {}",
            file.display(),
            kept.display()
        );
        return false;
    }
    true
}

#[test]
fn kept_inputs_still_pass() {
    let Ok(entries) = std::fs::read_dir(FOUND) else {
        return;
    };
    let mut failed = Vec::new();
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let (first, body) = text.split_once('\n').unwrap_or((&text, ""));
        let file = PathBuf::from(first.trim_start_matches("# "));
        let copy = tempfile::tempdir().unwrap();
        copy_dir(Path::new("tests/fixtures/clean"), copy.path());
        std::fs::create_dir_all(copy.path().join(&file).parent().unwrap()).unwrap();
        std::fs::write(copy.path().join(&file), body).unwrap();
        if catch_unwind(AssertUnwindSafe(|| exercise(copy.path()))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "kept fuzz inputs fail again: {failed:?}");
}

#[test]
fn mutants_of_the_bundled_registers_break_nothing() {
    let runs: usize = std::env::var("ROPA_FUZZ_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let seed: u64 = std::env::var("ROPA_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let mut mutator = Mutator {
        rng: fastrand::Rng::with_seed(seed),
    };
    let bases = [
        "registers/zerosix",
        "registers/octopush",
        "registers/zetapush",
        "tests/fixtures/clean",
    ];
    let copies: Vec<(tempfile::TempDir, Vec<PathBuf>)> = bases
        .iter()
        .map(|base| {
            let copy = tempfile::tempdir().unwrap();
            copy_dir(Path::new(base), copy.path());
            let files = register_files(copy.path());
            (copy, files)
        })
        .collect();
    let started = std::time::Instant::now();
    let mut broken = 0;
    for run in 0..runs {
        let (copy, files) = &copies[mutator.rng.usize(..copies.len())];
        let file = &files[mutator.rng.usize(..files.len())];
        let original = std::fs::read_to_string(copy.path().join(file)).unwrap();
        let mutant = mutator.mutate(&original);
        if !run_one(copy.path(), file, &mutant, &format!("{seed}-{run}")) {
            broken += 1;
        }
        std::fs::write(copy.path().join(file), original).unwrap();
    }
    eprintln!(
        "fuzz: {runs} mutants (seed {seed}) in {:.1} s, {broken} broke something",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(broken, 0, "see the inputs kept in {FOUND}");
}
