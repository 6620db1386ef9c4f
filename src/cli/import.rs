//! `ropa import`: a register from a spreadsheet with one row per activity (CNIL or ICO layout,
//! ropa's own export, or any layout named by a mapping file).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use ropa::import::{self, ImportOptions, Mapping};

use super::{EXIT_OK, parse_date};

#[derive(Debug, clap::Args)]
#[command(after_help = after_help())]
pub struct Args {
    /// The kind of file: a workbook (xlsx, xlsm, xls, xlsb, ods) or a CSV file (UTF-8, `,` or `;`).
    #[arg(value_enum)]
    kind: KindArg,
    /// The spreadsheet to read.
    file: PathBuf,
    /// The register folder to write (created if needed). No existing file is replaced; an
    /// existing ropa.yaml is kept.
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// A mapping file naming the sheet, the heading row and what each column holds.
    #[arg(long, value_name = "MAP.yaml")]
    map: Option<PathBuf>,
    /// The organisation's name, when the spreadsheet has no Organisation sheet.
    #[arg(long, value_name = "NAME")]
    organisation: Option<String>,
    /// Date given to records without a creation or update date (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum KindArg {
    /// A workbook: xlsx, xlsm, xls, xlsb or ods.
    Xlsx,
    /// A CSV file.
    Csv,
}

fn after_help() -> String {
    let names: Vec<String> = ropa::export::columns::all_fields()
        .map(ropa::export::columns::field_name)
        .collect();
    format!(
        "Fields a mapping file can name: {}.\n\nExample map.yaml:\n  sheet: Traitements\n  header_row: 3\n  columns:\n    \"Nom du traitement\": name\n    \"Finalité\": purposes\n    \"Base légale\": legal_basis",
        names.join(", ")
    )
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let ext = args
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let is_csv = matches!(ext.as_str(), "csv" | "txt");
    if (args.kind == KindArg::Csv) != is_csv {
        anyhow::bail!(
            "{} does not look like {}: use `ropa import {} FILE`",
            args.file.display(),
            if args.kind == KindArg::Csv {
                "a CSV file (.csv)"
            } else {
                "a workbook (.xlsx, .xls, .ods...)"
            },
            if is_csv { "csv" } else { "xlsx" }
        );
    }
    let mapping = args.map.as_deref().map(Mapping::load).transpose()?;
    let opts = ImportOptions {
        as_of: args
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        mapping,
        organisation: args.organisation.clone(),
    };
    let keep_register = args.output.join(ropa::load::REGISTER_FILE).is_file();
    let plan = import::plan(&args.file, &opts, keep_register)?;
    let written = import::write(&plan, &args.output)?;
    for w in &plan.warnings {
        super::note(&format!("warning: {w}"));
    }
    super::info(format!(
        "imported {} activities from sheet \"{}\" (headings on row {}) into {}: {} file(s), {} vendor(s), {} measure(s)",
        plan.activities,
        plan.sheet,
        plan.header_row,
        args.output.display(),
        written.len(),
        plan.vendors,
        plan.measures
    ));
    super::info(format!(
        "to review: {} warning(s) above; {} value(s) kept in notes; every `# review:` and `# not placed:` comment in the files; then run `ropa check {}`",
        plan.warnings.len(),
        plan.unplaced,
        args.output.display()
    ));
    Ok(EXIT_OK)
}
