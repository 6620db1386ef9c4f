//! Command-line interface: clap definitions and one file per command. The only place that prints.

mod check;
mod completions;
mod diff;
mod explain;
mod export;
mod import;
mod init;
mod list;
mod man;
mod new;
mod render;
mod rules;
mod schema;
mod show;
mod site;
mod templates;
mod unpiped;

use std::process::ExitCode;

use anyhow::Context as _;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use ropa::diagnostics::{printable, printable_lines};

/// Exit code: nothing at or above the threshold.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above the threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, I/O or configuration error.
pub const EXIT_USAGE: u8 = 2;

/// The exit codes, shown at the end of `--help`.
const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success; for `check`, no finding at or above --fail-on (waived findings never fail)
  1  `check` found findings at or above --fail-on
  2  usage, I/O or configuration error (no register, unknown id or revision, bad date,
     unwritable output); nothing is written half";

/// GDPR records of processing activities (Art. 30) and processing annexes (Art. 28) as code.
#[derive(Debug, Parser)]
#[command(name = "ropa", version, about, long_about = None, after_help = EXIT_CODES_HELP)]
pub(crate) struct Cli {
    /// Print only results and errors: no "wrote ..." lines, notes or warnings about the set-up.
    #[arg(short, long, global = true)]
    quiet: bool,
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
    /// Write the register as a static web site: index with search, a page per activity,
    /// vendors, transfers, data map and open findings.
    Site(site::Args),
    /// The built-in document templates: eject them to edit, or list them.
    Templates(templates::Args),
    /// Write the register for other tools: xlsx, csv, json or DPV JSON-LD.
    Export(export::Args),
    /// Make a register from a spreadsheet with one row per activity (CNIL, ICO or ropa's export).
    Import(import::Args),
    /// Create a register: ropa.yaml, empty catalogues, an example activity, the schemas, editor
    /// settings, a CI workflow and a pre-commit configuration.
    Init(init::Args),
    /// Add an activity, a vendor or a measure: a valid skeleton with a comment per field.
    New(new::Args),
    /// The register at a glance: activities, vendors, transfers, retention or reviews.
    List(list::Args),
    /// One activity, vendor or measure with its references resolved.
    Show(show::Args),
    /// What changed between two git revisions of the registers, legal consequences marked.
    Diff(diff::Args),
    /// Print a shell completion script.
    Completions(completions::Args),
    /// Print the manual page (roff).
    Man(man::Args),
}

/// Whether `-q/--quiet` was given.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Print an informational line on stderr (through [`note`]), unless `--quiet`.
pub fn info(message: impl std::fmt::Display) {
    if !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        note(&message.to_string());
    }
}

/// Parse arguments, run the command, return its exit code.
pub fn main() -> ExitCode {
    // The matches are kept: `check` orders its severity overrides by their place on the line.
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(e) => return usage_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    let result = match cli.command {
        Command::Check(args) => check::run(args, matches.subcommand_matches("check")),
        Command::Schema(args) => schema::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Render(args) => render::run(args),
        Command::Site(args) => site::run(args),
        Command::Templates(args) => templates::run(args),
        Command::Export(args) => export::run(args),
        Command::Import(args) => import::run(args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::List(args) => list::run(args),
        Command::Show(args) => show::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            note(&format!("error: {e:#}"));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// A command line clap refused. Help and version go out as clap writes them; an error quotes
/// what was typed, so it is written through [`note`], its control characters escaped (without
/// clap's colours).
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        _ => {
            note(e.render().to_string().trim_end());
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
///
/// On a terminal, text is written with its control characters escaped (a register value in a
/// CSV or a document cannot clear the screen); into a file or a pipe, the bytes are unchanged.
pub fn emit(bytes: impl AsRef<[u8]>) -> anyhow::Result<()> {
    use std::io::{IsTerminal as _, Write as _};
    let bytes = bytes.as_ref();
    let mut stdout = std::io::stdout().lock();
    let shown = match std::str::from_utf8(bytes) {
        Ok(text) if stdout.is_terminal() => printable_lines(text),
        _ => std::borrow::Cow::Borrowed(""),
    };
    let bytes = if shown.is_empty() {
        bytes
    } else {
        shown.as_bytes()
    };
    finish(stdout.write_all(bytes).and_then(|()| stdout.flush()))
}

/// A value as pretty-printed JSON with a final newline, every control or bidirectional character
/// in it a `\uXXXX` escape: the same data, safe on a terminal.
pub fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    ropa::diagnostics::json::write_pretty(&mut bytes, value)?;
    bytes.push(b'\n');
    Ok(String::from_utf8(bytes)?)
}

/// Write a listing or report that quotes the register to standard output, its control
/// characters escaped wherever it goes (a CI log shows escape sequences as a terminal does).
pub fn emit_text(text: &str) -> anyhow::Result<()> {
    emit(printable_lines(text).as_bytes())
}

/// The outcome of writing to standard output: a reader that stops early (`ropa check | head`)
/// is not an error, any other failure (a full disk) is.
pub fn finish(written: std::io::Result<()>) -> anyhow::Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// An `-o` argument naming a file: `-o -` is standard output, as for most tools (and as the
/// refusal to write to a device says), so it gives `None`.
pub fn output_file(output: Option<std::path::PathBuf>) -> Option<std::path::PathBuf> {
    output.filter(|path| path.as_os_str() != "-")
}

/// Parse a `YYYY-MM-DD` date argument.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31"))
}

/// The date of a run: `--as-of`, else today.
pub fn today_or(as_of: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    as_of.unwrap_or_else(|| chrono::Local::now().date_naive())
}
