//! `ropa check`: load, validate and apply the rules; print findings in the chosen format.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use ropa::check::{CheckOptions, check};
use ropa::diagnostics::{Severity, github, human, json, junit, sarif};
use ropa::model::RuleLevel;

use super::{EXIT_FINDINGS, EXIT_OK, emit, parse_date};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A register (a directory holding ropa.yaml) or a folder of registers.
    #[arg(default_value = ".")]
    path: PathBuf,
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
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Findings with the offending line, for people.
    Human,
    /// A stable JSON shape, for scripts.
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
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

pub fn run(args: Args) -> anyhow::Result<u8> {
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    // clap keeps each flag's values apart; the order between flags of different kinds is
    // deny, then warn, then allow.
    let mut overrides = Vec::new();
    overrides.extend(args.deny.iter().map(|r| (r.clone(), RuleLevel::Error)));
    overrides.extend(args.warn.iter().map(|r| (r.clone(), RuleLevel::Warning)));
    overrides.extend(args.allow.iter().map(|r| (r.clone(), RuleLevel::Off)));
    let report = check(&args.path, &CheckOptions { as_of, overrides })?;
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let text = match args.format {
        Format::Human => {
            let colour = match args.color {
                Colour::Always => true,
                Colour::Never => false,
                Colour::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            human::render(&report, colour)
        }
        Format::Json => json::render(&report),
        Format::Sarif => sarif::render(&report),
        Format::Github => github::render(&report),
        Format::Junit => junit::render(&report, threshold),
    };
    emit(text)?;
    Ok(if report.fails(threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
