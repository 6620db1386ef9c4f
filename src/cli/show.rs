//! `ropa show`: one activity, vendor or measure with its references resolved.

use std::path::PathBuf;

use clap::ValueEnum;

use ropa::overview;

use super::{EXIT_OK, emit, emit_text, json_text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The id of an activity, a vendor or a measure.
    id: String,
    /// A register, or a folder of registers.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Indented `field: value` lines.
    Text,
    /// JSON.
    Json,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let registers = super::list::load_registers(&args.path)?;
    let value = overview::show(&registers, &args.id)?;
    match args.format {
        Format::Text => emit_text(&overview::to_text(&value))?,
        Format::Json => emit(json_text(&value)?)?,
    }
    Ok(EXIT_OK)
}
