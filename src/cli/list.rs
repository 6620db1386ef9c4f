//! `ropa list`: the register at a glance, as a table that fits the terminal, CSV or JSON.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::ValueEnum;

use ropa::diagnostics::Severity;
use ropa::load;
use ropa::model::Register;
use ropa::overview::{self, Filters, Listing, Table};

use super::{EXIT_OK, emit, emit_text, info, json_text, parse_date, today_or};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to list.
    #[arg(value_enum)]
    what: What,
    /// A register, or a folder of registers.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Only activities of this role (controller, joint_controller, processor); with `vendors`,
    /// vendors of this role (processor, sub_processor, controller, joint_controller, authority).
    #[arg(long)]
    role: Option<String>,
    /// Only activities of this owner (whatever the case).
    #[arg(long)]
    owner: Option<String>,
    /// Only what involves this country (ISO code): transfers to it, vendors located there.
    #[arg(long)]
    country: Option<String>,
    /// Only what involves this vendor (its id).
    #[arg(long, value_name = "ID")]
    vendor: Option<String>,
    /// Date reviews are measured against (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum What {
    /// id, name, role, purposes, bases, owner, updated.
    Activities,
    /// id, name, role, service, countries, contract, activities using them.
    Vendors,
    /// activity, importer, country, mechanism: every transfer outside the EEA.
    Transfers,
    /// activity, data, duration spelled out, end action.
    Retention,
    /// activity, last review, next due, overdue.
    Reviews,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// A table fitted to the terminal's width (or $COLUMNS).
    Table,
    /// CSV with a header line.
    Csv,
    /// A JSON list of objects.
    Json,
}

/// Every register under `path` that loads; files that do not load are left out with a warning.
pub fn load_registers(path: &Path) -> anyhow::Result<Vec<Register>> {
    let outcome = load::load(path)?;
    let errors = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        info(format!(
            "warning: {errors} error{} while loading {}: what does not load is left out (`ropa check` says more)",
            if errors == 1 { "" } else { "s" },
            path.display()
        ));
    }
    if outcome.registers.is_empty() {
        anyhow::bail!(
            "no register under {} loads; run `ropa check {}`",
            path.display(),
            path.display()
        );
    }
    Ok(outcome.registers)
}

/// The table laid out for a terminal: fitted to $COLUMNS or the terminal's width, unbounded
/// when printing into a pipe.
pub fn layout(table: &Table) -> String {
    use comfy_table::{ContentArrangement, presets};
    let mut out = comfy_table::Table::new();
    out.load_style(presets::UTF8_FULL_CONDENSED);
    out.set_header(table.headers.clone());
    for row in &table.rows {
        out.add_row(row.clone());
    }
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
        .or_else(|| {
            std::io::stdout()
                .is_terminal()
                .then(terminal_size::terminal_size)
                .flatten()
                .map(|(w, _)| w.0)
        });
    if let Some(width) = width {
        out.set_content_arrangement(ContentArrangement::Dynamic);
        out.set_width(width);
    }
    format!("{out}\n")
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let listing = match args.what {
        What::Activities => Listing::Activities,
        What::Vendors => Listing::Vendors,
        What::Transfers => Listing::Transfers,
        What::Retention => Listing::Retention,
        What::Reviews => Listing::Reviews,
    };
    let registers = load_registers(&args.path)?;
    let filters = Filters {
        role: args.role,
        owner: args.owner,
        country: args.country,
        vendor: args.vendor,
    };
    overview::validate_filters(listing, &registers, &filters)?;
    let table = overview::table(listing, &registers, &filters, today_or(args.as_of));
    // The table is for people: escaped wherever it goes. CSV and JSON are data: exact bytes
    // into a file or a pipe (JSON with its hidden characters as `\u` escapes).
    match args.format {
        Format::Table => emit_text(&layout(&table))?,
        Format::Csv => emit(table.to_csv())?,
        Format::Json => emit(json_text(&table.to_json())?)?,
    }
    Ok(EXIT_OK)
}
