//! `ropa check`: load, validate and apply the rules; print findings in the chosen format.

use std::io::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use ropa::check::{CheckOptions, check_paths};
use ropa::diagnostics::{Format, Severity, WriteOptions};
use ropa::model::RuleLevel;

use super::{EXIT_FINDINGS, EXIT_OK, finish, parse_date};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Registers (directories holding ropa.yaml), folders of registers, or files of a
    /// register: activity files are checked against their register's settings and catalogues
    /// without the other activities (what a pre-commit hook passes).
    #[arg(default_value = ".", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Date to check against (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Treat a rule (code or name) as an error for this run.
    #[arg(long, value_name = "RULE")]
    deny: Vec<String>,
    /// Treat a rule as a warning for this run.
    #[arg(long, value_name = "RULE")]
    warn: Vec<String>,
    /// Turn a rule off for this run.
    #[arg(long, value_name = "RULE")]
    allow: Vec<String>,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    color: Colour,
    /// Write the report to this file (atomically: a temporary file renamed into place) instead
    /// of printing it (`-o -` prints it). The exit code is the same.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The repository's root, which SARIF paths are relative to (default: the git top level of
    /// the first checked path, else the current directory).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Include waived findings in the `github` format, as notices (left out by default: they
    /// never fail a run, and would crowd the pull request).
    #[arg(long)]
    show_waived: bool,
    /// Where the rule reference (src/rules/REFERENCE.md, `ropa rules --markdown`) is published,
    /// for example its blob URL in your repository: each rule of the SARIF log links to its
    /// section (`URL#rp400`). Without it, SARIF rules carry no link.
    #[arg(long, value_name = "URL", value_parser = parse_help_uri)]
    help_uri: Option<String>,
}

/// A `--help-uri`: an absolute URL (`https://…`), without spaces or control characters.
fn parse_help_uri(text: &str) -> Result<String, String> {
    let scheme = text.split_once("://").map(|(s, _)| s);
    let absolute = scheme.is_some_and(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if !absolute || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(
            "expected an absolute URL without spaces, such as https://example.org/ropa/blob/v1/src/rules/REFERENCE.md"
                .to_string(),
        );
    }
    Ok(text.to_string())
}

/// The repository's root: `--root`, else the git top level of the checked path, else the
/// current directory.
fn repository_root(args: &Args) -> PathBuf {
    if let Some(root) = &args.root {
        return root.clone();
    }
    // The first path checked: registers named together are in one repository.
    let first = args
        .paths
        .first()
        .map_or(std::path::Path::new("."), |p| p.as_path());
    let dir = if first.is_dir() {
        first
    } else {
        first.parent().unwrap_or(std::path::Path::new("."))
    };
    super::render::git(dir, &["rev-parse", "--show-toplevel"])
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `--deny`, `--warn` and `--allow` in the order they stand on the command line, so that the
/// last one naming a rule wins.
fn overrides(args: &Args, matches: Option<&clap::ArgMatches>) -> Vec<(String, RuleLevel)> {
    let flags = [
        ("deny", &args.deny, RuleLevel::Error),
        ("warn", &args.warn, RuleLevel::Warning),
        ("allow", &args.allow, RuleLevel::Off),
    ];
    let mut placed: Vec<(usize, String, RuleLevel)> = Vec::new();
    for (id, values, level) in flags {
        let indices: Vec<usize> = matches
            .and_then(|m| m.indices_of(id))
            .map(Iterator::collect)
            .unwrap_or_default();
        for (n, rule) in values.iter().enumerate() {
            // Without positions (never from the command line), keep the flags' fixed order.
            let place = indices.get(n).copied().unwrap_or(usize::MAX);
            placed.push((place, rule.clone(), level));
        }
    }
    placed.sort_by_key(|(place, _, _)| *place);
    placed
        .into_iter()
        .map(|(_, rule, level)| (rule, level))
        .collect()
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Colour {
    Auto,
    Always,
    Never,
}

pub fn run(mut args: Args, matches: Option<&clap::ArgMatches>) -> anyhow::Result<u8> {
    args.output = super::output_file(args.output.take());
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let overrides = overrides(&args, matches);
    let report = check_paths(&args.paths, &CheckOptions { as_of, overrides })?;
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let colour = match args.color {
        // Colour codes never go into a file.
        _ if args.output.is_some() => false,
        Colour::Always => true,
        Colour::Never => false,
        // NO_COLOR, CLICOLOR_FORCE, CLICOLOR, TERM=dumb and whether stdout is a terminal.
        Colour::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    };
    for register in &report.registers {
        let stale = ropa::scaffold::stale_schemas(register);
        if !stale.is_empty() {
            super::info(format!(
                "warning: the schemas in {} differ from those of this ropa ({}): editors check against old ones; refresh them with `ropa schema --out {}`",
                register.join(ropa::scaffold::SCHEMAS_DIR).display(),
                env!("CARGO_PKG_VERSION"),
                register.join(ropa::scaffold::SCHEMAS_DIR).display()
            ));
        }
    }
    let catalogue = ropa::rules::catalogue();
    let root = repository_root(&args);
    let options = WriteOptions {
        colour,
        fail_on: threshold,
        root: &root,
        show_waived: args.show_waived,
        help_uri: args.help_uri.as_deref(),
    };
    let write = |out: &mut dyn std::io::Write| args.format.write(&report, catalogue, &options, out);
    match &args.output {
        Some(path) => {
            let mut bytes = Vec::new();
            write(&mut bytes)?;
            ropa::output::write_atomic(path, &bytes)?;
            super::info(format!("wrote {}", path.display()));
        }
        // Every format is written to standard output as it is made, through one buffer.
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
            finish(write(&mut out).and_then(|()| out.flush()))?;
        }
    }
    Ok(if report.fails(threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
