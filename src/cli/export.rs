//! `ropa export`: the register for other tools: a workbook (xlsx) in the columns of the CNIL or
//! ICO register, one CSV file per sheet, the resolved register as JSON, or DPV JSON-LD.

use std::io::{IsTerminal as _, Write};
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use clap::ValueEnum;

use ropa::export::{self, ExportOptions, Finding, Layout};
use ropa::output;

use super::render::{LangArg, language, load_checked, register_version};
use super::{EXIT_OK, emit, parse_date};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to write.
    #[arg(value_enum)]
    format: FormatArg,
    /// The register (a directory holding ropa.yaml), or a folder holding exactly one.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output: a file for xlsx, json and dpv (json and dpv print without it or with `-o -`), a
    /// folder for csv.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Language of headings and labels; defaults to the register's `settings.language`, else
    /// English.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Columns of the Register sheet (xlsx, csv): the CNIL register or the ICO template.
    #[arg(long, value_enum, default_value_t = LayoutArg::Cnil)]
    layout: LayoutArg,
    /// Export date (YYYY-MM-DD), written in the workbook's properties and the JSON, and the date
    /// the open findings are checked on; defaults to today.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Base IRI of the register's own resources and vocabulary (dpv), for example
    /// `https://example.com/ropa/`; defaults to `urn:ropa:<organisation>:`.
    #[arg(long, value_name = "IRI")]
    base: Option<String>,
    /// Register version written in the export, instead of the git commit of the register (or,
    /// outside git, its latest update date).
    #[arg(long, value_name = "TEXT")]
    version_label: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// A workbook: Register, Organisation, Vendors, Transfers, Retention, Security measures and
    /// Open findings sheets.
    Xlsx,
    /// The same sheets, one RFC 4180 CSV file each, into a folder.
    Csv,
    /// The resolved register (references expanded, durations normalised, findings attached).
    Json,
    /// The W3C Data Privacy Vocabulary (DPV 2.x) as JSON-LD.
    Dpv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LayoutArg {
    /// The CNIL register (registre des activités de traitement).
    Cnil,
    /// The ICO controller documentation template.
    Ico,
}

pub fn run(mut args: Args) -> anyhow::Result<u8> {
    args.output = super::output_file(args.output.take());
    let output = output(&args)?;
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    // The register is read once: the check runs on the loaded register, the export uses it.
    let (register, diagnostics) = load_checked(&args.path, as_of)?;
    let lang = language(args.lang, &register);
    let findings = Finding::open(&diagnostics, &register.root);
    drop(diagnostics);
    let opts = ExportOptions {
        lang,
        layout: match args.layout {
            LayoutArg::Cnil => Layout::Cnil,
            LayoutArg::Ico => Layout::Ico,
        },
        as_of,
        version: args
            .version_label
            .clone()
            .unwrap_or_else(|| register_version(&register)),
    };
    let input = export::prepare(&register, findings, &opts)?;
    match args.format {
        FormatArg::Xlsx => {
            let path = output.unwrap_or_default();
            let cut = export::xlsx::write(&input, &path)?;
            for t in &cut {
                super::note(&format!(
                    "warning: {}: sheet {}, cell {}: {} characters do not fit in a spreadsheet cell ({} at most); the text is cut, with a marker and a note on the cell (`ropa export csv` and `ropa export json` keep it whole)",
                    path.display(),
                    t.sheet,
                    t.cell,
                    t.chars,
                    export::xlsx::MAX_CELL_CHARS
                ));
            }
            super::info(format!("wrote {}", path.display()));
        }
        FormatArg::Csv => {
            let dir = output.unwrap_or_default();
            for path in export::csv::write(&input, &dir)? {
                super::info(format!("wrote {}", path.display()));
            }
        }
        FormatArg::Json | FormatArg::Dpv => {
            let base = (args.format == FormatArg::Dpv).then(|| {
                args.base
                    .clone()
                    .unwrap_or_else(|| export::dpv::default_base(&register))
            });
            // Written as it is made: the export of a large register is never held whole.
            let write = |out: &mut dyn Write| match &base {
                None => export::json::write(&input, out),
                Some(base) => export::dpv::write(&input, base, out),
            };
            match output {
                Some(path) => {
                    output::stage(&path, write)
                        .and_then(|staged| output::commit(vec![staged]))
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    super::info(format!("wrote {}", path.display()));
                }
                // On a terminal, control characters are shown escaped: the text goes whole.
                None if std::io::stdout().is_terminal() => {
                    let mut text = Vec::new();
                    write(&mut text)?;
                    emit(text)?;
                }
                None => {
                    let mut stdout = super::unpiped::Unpiped::new(std::io::stdout().lock());
                    write(&mut stdout)?;
                    super::finish(stdout.flush())?;
                }
            }
        }
    }
    Ok(EXIT_OK)
}

/// Where the export goes, once the arguments are known to fit together.
fn output(args: &Args) -> anyhow::Result<Option<PathBuf>> {
    if let Some(base) = &args.base
        && !base.contains(':')
    {
        bail!("--base `{base}` is not an absolute IRI; write it like https://example.com/ropa/");
    }
    if args.base.is_some() && args.format != FormatArg::Dpv {
        bail!("--base applies to `ropa export dpv` only");
    }
    Ok(match (args.format, &args.output) {
        (FormatArg::Xlsx, None) => {
            bail!("a workbook is binary: write it to a file with -o FILE.xlsx")
        }
        (FormatArg::Csv, None) => bail!("csv writes one file per sheet: name a folder with -o DIR"),
        (FormatArg::Csv, Some(dir)) if dir.is_file() => {
            bail!(
                "{} is a file: csv writes one file per sheet into a folder",
                dir.display()
            )
        }
        (_, out) => out.clone(),
    })
}
