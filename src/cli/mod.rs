//! Command-line interface: clap definitions and one file per command. The only place that prints.

mod check;
mod explain;
mod render;
mod rules;
mod schema;
mod templates;

use std::process::ExitCode;

use anyhow::Context as _;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use ropa::diagnostics::printable;

/// Exit code: nothing at or above the threshold.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above the threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, I/O or configuration error.
pub const EXIT_USAGE: u8 = 2;

/// GDPR records of processing activities (Art. 30) and processing annexes (Art. 28) as code.
#[derive(Debug, Parser)]
#[command(name = "ropa", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate registers and apply the GDPR rules.
    Check(check::Args),
    /// Write the JSON Schemas of the register files.
    Schema(schema::Args),
    /// List every rule with its code, name and default severity.
    Rules(rules::Args),
    /// Print the documentation of a rule.
    Explain(explain::Args),
    /// Make a document from a register: sheet, register, annex or sub-processors list.
    Render(render::Args),
    /// The built-in document templates: eject them to edit, or list them.
    Templates(templates::Args),
}

/// Parse arguments, run the command, return its exit code.
pub fn main() -> ExitCode {
    // The matches are kept: `check` orders its severity overrides by their place on the line.
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let result = match cli.command {
        Command::Check(args) => check::run(args, matches.subcommand_matches("check")),
        Command::Schema(args) => schema::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Render(args) => render::run(args),
        Command::Templates(args) => templates::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            note(&format!("error: {e:#}"));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Write a line to standard error, its control characters escaped line by line (an error may
/// quote a YAML key holding an escape sequence). A standard error that is closed or full is
/// ignored: there is nowhere left to report to, and `eprintln!` would panic.
pub fn note(text: &str) {
    use std::io::Write as _;
    let mut line = String::with_capacity(text.len() + 1);
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            line.push('\n');
        }
        line.push_str(&printable(part));
    }
    line.push('\n');
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Write to standard output. A failure (a full disk, a closed pipe) is an error, never a panic
/// as with `print!`; a reader that stops early (`ropa check | head`) is not
/// an error: the run ends quietly with the exit code of its findings.
pub fn emit(bytes: impl AsRef<[u8]>) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(bytes.as_ref())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// Parse a `YYYY-MM-DD` date argument.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31"))
}
