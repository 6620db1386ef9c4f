//! `ropa site`: the register as a static web site in one folder (index with search, a page per
//! activity, vendors, transfers, data map, open findings), written atomically.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;

use ropa::diagnostics::Diagnostic;
use ropa::output::write_folder_atomic_with;
use ropa::render::site::{MARKER, SiteFinding, SiteOptions, write_site};
use ropa::render::{Format, RenderOptions};

use super::render::{LangArg, draft_errors, language, load_checked, register_version};
use super::{EXIT_FINDINGS, EXIT_OK, parse_date};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The register (a directory holding ropa.yaml), or a folder holding exactly one.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The folder to write the site into; it is replaced as a whole (only an empty folder or a
    /// site made by ropa is replaced).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// Leave out what the register marks `visibility: internal`, notes, security measures, DPIA
    /// details, waivers and the findings of the check.
    #[arg(long)]
    public: bool,
    /// Site language; defaults to the register's `settings.language`, else English.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Date printed in the pages and used for the check (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Folder of templates overriding the built-in ones by file name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Register version printed in the pages, instead of the git commit of the register.
    #[arg(long, value_name = "TEXT")]
    version_label: Option<String>,
    /// Make the final site: refused (exit code 1, nothing written) while the check finds errors
    /// in the register. Without it, a register with errors gives pages marked "draft — N errors".
    #[arg(long = "final")]
    final_document: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let started = Instant::now();
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    // The register is read once: the site shows it and the findings of its check.
    let (register, mut diagnostics) = load_checked(&args.path, as_of)?;
    let lang = language(args.lang, &register);
    // The draft banner counts the errors of this check, as `ropa check` does.
    let errors = ropa::diagnostics::open_errors(&diagnostics);
    let Some(errors) = draft_errors(&register, errors, args.final_document) else {
        return Ok(EXIT_FINDINGS);
    };
    let findings = if args.public {
        Vec::new()
    } else {
        ropa::diagnostics::sort(&mut diagnostics);
        open_findings(&register.root, &diagnostics)
    };
    drop(diagnostics);
    let opts = SiteOptions {
        render: RenderOptions {
            format: Format::Html,
            lang,
            as_of,
            version: args
                .version_label
                .clone()
                .unwrap_or_else(|| register_version(&register)),
            templates_dir: args.templates.clone(),
            draft_errors: errors,
        },
        public: args.public,
    };
    // Each page is written as soon as it is made, into a folder that replaces the output whole.
    let pages = write_folder_atomic_with(&args.output, MARKER, |folder| {
        write_site(&register, &findings, &opts, &|name, text| {
            folder.write(name, text.as_bytes())
        })
    })?;
    super::info(format!(
        "wrote {pages} pages to {} in {} ms",
        args.output.display(),
        started.elapsed().as_millis()
    ));
    Ok(EXIT_OK)
}

/// The findings of the check of the register at `root` (in the check's order), waived ones
/// left out, located relative to the register.
fn open_findings(root: &std::path::Path, diagnostics: &[Diagnostic]) -> Vec<SiteFinding> {
    diagnostics
        .iter()
        .filter(|d| d.waiver.is_none())
        .map(|d| SiteFinding {
            severity: d.severity.as_str().to_string(),
            code: d.code.code.to_string(),
            name: d.code.name.to_string(),
            message: d.message.clone(),
            location: d.file.as_ref().map(|f| {
                let rel = f.strip_prefix(root).unwrap_or(f).display().to_string();
                match d.position {
                    Some(p) => format!("{rel}:{}:{}", p.line, p.column),
                    None => rel,
                }
            }),
            activity: d.activity.clone(),
        })
        .collect()
}
