//! `ropa render`: make a document (register sheet, whole register, processing annex, list of
//! sub-processors) from a register, in Markdown, HTML or PDF, in English or French.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::bail;
use chrono::NaiveDate;
use clap::ValueEnum;

use rayon::prelude::*;
use ropa::load::{self, REGISTER_FILE};
use ropa::model::Activity;
use ropa::model::{Language, Register};
use ropa::output::{self, write_atomic};
use ropa::render::{self, Document, DocumentKind, Format, Making, RenderOptions, Renderer};

use super::{EXIT_FINDINGS, EXIT_OK, emit, info, note, parse_date};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document to make.
    #[arg(value_enum)]
    document: DocumentArg,
    /// The register (a directory holding ropa.yaml), or a folder holding exactly one.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The activity of a `sheet` or `annex` (for `subprocessors`: only its sub-processors).
    #[arg(long, value_name = "ID")]
    activity: Option<String>,
    /// Only the activities that name this vendor (for `subprocessors`: only this vendor).
    #[arg(long, value_name = "ID")]
    vendor: Option<String>,
    /// For `notice`: the category of data subjects it is addressed to, by the id activities use
    /// in `data_subjects` (for example `customers`).
    #[arg(long, value_name = "ID")]
    subjects: Option<String>,
    /// Document language; defaults to the register's `settings.language`, else English.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// For `map`: only the activities whose data goes to this country (ISO 3166-1 code).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// Output format (`svg` only for `map`, which it is the default of; `md` for the others).
    #[arg(long, value_enum, default_value_t = FormatArg::Md)]
    format: FormatArg,
    /// Output file, or folder (an existing folder or a path ending in `/`): with `sheet` or
    /// `annex` and no --activity, one file per activity named `<document>-<id>.<lang>.<ext>`.
    /// Without it, or with `-o -`, the document is printed. Only regular files are written:
    /// a device, FIFO or socket is refused.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Generation date printed in the document (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Folder of templates overriding the built-in ones by file name (default: the register's
    /// templates/ folder, when it exists). `ropa templates eject DIR` writes the built-in ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Chromium or Chrome to print PDFs with (default: found on PATH).
    #[arg(long, value_name = "PATH")]
    browser: Option<PathBuf>,
    /// Register version printed in the document, instead of the git commit of the register (or,
    /// outside git, its latest update date).
    #[arg(long, value_name = "TEXT")]
    version_label: Option<String>,
    /// For `change-notice`: the git revision the customers were last told about.
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// For `change-notice`: when the change takes effect (YYYY-MM-DD); defaults to the
    /// generation date plus the notice period of the processing agreements.
    #[arg(long, value_parser = parse_date)]
    effective: Option<NaiveDate>,
    /// Make the final document: refused (exit code 1, nothing written) while the check finds
    /// errors in the register. Without it, a register with errors gives a document marked
    /// "draft — N errors".
    #[arg(long = "final")]
    final_document: bool,
}

/// A document of the command line: an entry of the library's [`render::DOCUMENTS`], whose names
/// and help texts are the values and help of `<DOCUMENT>`. `ValueEnum` is implemented here over
/// that list, so the library needs no command-line types and adding a document touches no CLI
/// code but its arm in [`run`].
#[derive(Debug, Clone, Copy)]
struct DocumentArg(&'static DocumentKind);

impl ValueEnum for DocumentArg {
    fn value_variants<'a>() -> &'a [Self] {
        static VARIANTS: std::sync::OnceLock<Vec<DocumentArg>> = std::sync::OnceLock::new();
        VARIANTS.get_or_init(|| render::DOCUMENTS.iter().map(DocumentArg).collect())
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name).help(self.0.help))
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum LangArg {
    En,
    Fr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
    /// PDF printed from the HTML by a headless Chromium or Chrome.
    Pdf,
    /// SVG (the map only).
    Svg,
}

impl FormatArg {
    fn ext(self) -> &'static str {
        match self {
            FormatArg::Md => "md",
            FormatArg::Html => "html",
            FormatArg::Pdf => "pdf",
            FormatArg::Svg => "svg",
        }
    }
}

pub fn run(mut args: Args) -> anyhow::Result<u8> {
    args.output = super::output_file(args.output.take());
    let document = match args.document.0.making {
        Making::Map => return map(args),
        _ if args.format == FormatArg::Svg => {
            bail!("--format svg is for the map only; documents are md, html or pdf")
        }
        Making::Template(document) => document,
        Making::PrivacyNotice => return notice(args),
        Making::ChangeNotice => return change_notice(&args),
    };
    let Some((register, opts)) = load_with_options(&args)? else {
        return Ok(EXIT_FINDINGS);
    };
    let renderer = Renderer::new(&register, &opts)?;
    let vendor = args.vendor.as_deref();
    let to_folder = args.output.as_deref().filter(|o| is_folder(o));

    // One file per activity.
    if let Some(dir) = to_folder
        && document.per_activity()
        && args.activity.is_none()
    {
        return one_per_activity(&renderer, document, dir, &args);
    }

    let activity = args.activity.as_deref();
    let path = match (&args.output, to_folder) {
        (Some(_), Some(dir)) => {
            let id = activity.filter(|_| document.per_activity());
            Some(dir.join(render::output_file_name(
                document,
                id,
                opts.lang,
                args.format.ext(),
            )?))
        }
        (Some(out), None) => Some(out.clone()),
        (None, _) => None,
    };
    let write = |out: &mut dyn Write| renderer.write(document, activity, vendor, out);
    match (path, args.format) {
        (path, FormatArg::Pdf) => {
            let mut html = Vec::new();
            write(&mut html)?;
            let pdf = finish(String::from_utf8(html)?, &opts, &args)?;
            match path {
                Some(path) => {
                    write_atomic(&path, &pdf)?;
                    info(format!("wrote {}", path.display()));
                }
                None if std::io::stdout().is_terminal() => {
                    bail!("a PDF is binary: write it to a file with -o FILE.pdf")
                }
                None => emit(pdf)?,
            }
            Ok(EXIT_OK)
        }
        (Some(path), _) => {
            output::commit(vec![output::stage(&path, write)?])?;
            info(format!("wrote {}", path.display()));
            Ok(EXIT_OK)
        }
        (None, _) => {
            let mut stdout = super::unpiped::Unpiped::new(std::io::stdout().lock());
            write(&mut stdout)?;
            super::finish(stdout.flush())?;
            Ok(EXIT_OK)
        }
    }
}

/// `render sheet|annex -o DIR/`: one file per activity, rendered on every core, each through a
/// temporary file; all made durable at once at the end. PDFs are printed one at a time.
fn one_per_activity(
    renderer: &Renderer<'_>,
    document: Document,
    dir: &Path,
    args: &Args,
) -> anyhow::Result<u8> {
    let register = renderer.register();
    let vendor = args.vendor.as_deref();
    let activities = render::eligible_activities(document, register, vendor);
    render::refuse_shared_ids(&activities)?;
    if activities.is_empty() {
        bail!(
            "{} has no {} to render",
            register.root.display(),
            if document == Document::Annex {
                "processor activity"
            } else {
                "activity"
            }
        );
    }
    let lang = renderer.options().lang;
    let stage = |activity: &&Activity| {
        let name = render::output_file_name(document, Some(&activity.id), lang, args.format.ext())?;
        let path = dir.join(name);
        let id = Some(activity.id.as_str());
        if args.format == FormatArg::Pdf {
            let mut html = Vec::new();
            renderer.write(document, id, vendor, &mut html)?;
            let pdf = finish(String::from_utf8(html)?, renderer.options(), args)?;
            output::stage(&path, |out| Ok(out.write_all(&pdf)?))
        } else {
            output::stage(&path, |out| renderer.write(document, id, vendor, out))
        }
    };
    let staged: Vec<output::Staged> = if args.format == FormatArg::Pdf {
        activities
            .iter()
            .map(stage)
            .collect::<anyhow::Result<_>>()?
    } else {
        activities
            .par_iter()
            .map(stage)
            .collect::<anyhow::Result<_>>()?
    };
    for path in output::commit(staged)? {
        info(format!("wrote {}", path.display()));
    }
    Ok(EXIT_OK)
}

/// The one register at `args.path`, loaded and checked in one reading of its files, and the
/// options of the run (see [`options`]). `None`, after saying why, when `--final` is asked of a
/// register with errors.
fn load_with_options(args: &Args) -> anyhow::Result<Option<(Register, RenderOptions)>> {
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let (register, errors) = load_one(&args.path, as_of, ropa::check::load_and_count_errors)?;
    Ok(options(args, &register, as_of, errors).map(|opts| (register, opts)))
}

/// The options of a run: language (the flag, else the register's setting, else English),
/// format, date, version, templates, and the `errors` the check finds in the register. `None`,
/// after saying why, when `--final` is asked of a register with errors.
fn options(
    args: &Args,
    register: &Register,
    as_of: NaiveDate,
    errors: usize,
) -> Option<RenderOptions> {
    let lang = language(args.lang, register);
    let errors = draft_errors(register, errors, args.final_document)?;
    Some(RenderOptions {
        format: match args.format {
            FormatArg::Md | FormatArg::Svg => Format::Md,
            FormatArg::Html | FormatArg::Pdf => Format::Html,
        },
        lang,
        as_of,
        version: match &args.version_label {
            Some(label) => label.clone(),
            None => register_version(register),
        },
        templates_dir: args.templates.clone(),
        draft_errors: errors,
    })
}

/// The `errors` (not waived) the check finds in `register`, for the "draft — N errors" banner;
/// `None`, after saying why, when a final document (`--final`) is asked of a register with
/// errors.
pub(super) fn draft_errors(
    register: &Register,
    errors: usize,
    final_document: bool,
) -> Option<usize> {
    if final_document && errors > 0 {
        note(&format!(
            "error: --final refused: the check finds {errors} error{} in {}; fix {} (`ropa check {}` lists {}), or render without --final to get a draft",
            if errors == 1 { "" } else { "s" },
            register.root.display(),
            if errors == 1 { "it" } else { "them" },
            register.root.display(),
            if errors == 1 { "it" } else { "them" },
        ));
        return None;
    }
    Some(errors)
}

/// `render change-notice`: the Art. 28(2) notice of the sub-processors added or replaced in the
/// register since `--since`, written like the other documents.
fn change_notice(args: &Args) -> anyhow::Result<u8> {
    let Some(since) = &args.since else {
        bail!(
            "change-notice needs --since REV: the version of the register your customers were last told about (a commit, tag or branch)"
        );
    };
    if args.activity.is_some() || args.vendor.is_some() {
        bail!(
            "--activity and --vendor do not apply to change-notice, which covers every new sub-processor"
        );
    }
    let Some((register, opts)) = load_with_options(args)? else {
        return Ok(EXIT_FINDINGS);
    };
    let text = super::diff::change_notice(&register, since, args.effective, &opts)?;
    let bytes = finish(text, &opts, args)?;
    let name = format!(
        "change-notice.{}.{}",
        render::view::lang_code(opts.lang),
        args.format.ext()
    );
    write_or_print(bytes, args, &name)
}

/// `ropa render notice --subjects ID`: one information notice, printed or written to `-o`.
fn notice(args: Args) -> anyhow::Result<u8> {
    let Some((register, opts)) = load_with_options(&args)? else {
        return Ok(EXIT_FINDINGS);
    };
    let Some(subjects) = args.subjects.as_deref() else {
        return Err(render::privacy_notice::no_subjects_given(&register));
    };
    if !render::is_safe_id(subjects) {
        bail!(
            "`{}` is not a data-subject id: ids are lower-case letters, digits and dashes",
            subjects.escape_debug()
        );
    }
    let text = render::privacy_notice::render_notice(&register, subjects, &opts)?;
    let bytes = finish(text, &opts, &args)?;
    let name = format!(
        "notice-{subjects}.{}.{}",
        render::view::lang_code(opts.lang),
        args.format.ext()
    );
    write_or_print(bytes, &args, &name)
}

/// `ropa render map`: the data map as SVG, or an HTML page or PDF holding it.
fn map(mut args: Args) -> anyhow::Result<u8> {
    // Markdown cannot hold the drawing: the map's own default is SVG.
    if args.format == FormatArg::Md {
        args.format = FormatArg::Svg;
    }
    let Some((register, opts)) = load_with_options(&args)? else {
        return Ok(EXIT_FINDINGS);
    };
    let filter = render::map::MapFilter {
        activity: args.activity.clone(),
        vendor: args.vendor.clone(),
        country: args.country.clone(),
        public: false,
    };
    let text = if args.format == FormatArg::Svg {
        let dir = render::templates_dir(&register, &opts);
        let t = render::translations(opts.lang, dir.as_deref())?;
        let draft = render::draft_banner(&t, opts.draft_errors);
        render::map::map_svg(&register, &filter, &t, opts.lang, draft.as_deref())?
    } else {
        render::render_map_page(&register, &filter, &opts)?
    };
    let bytes = finish(text, &opts, &args)?;
    let name = format!(
        "map.{}.{}",
        render::view::lang_code(opts.lang),
        args.format.ext()
    );
    write_or_print(bytes, &args, &name)
}

/// The bytes of a rendered text in the format asked for: as is, or printed to PDF.
fn finish(text: String, opts: &RenderOptions, args: &Args) -> anyhow::Result<Vec<u8>> {
    match args.format {
        FormatArg::Md | FormatArg::Html | FormatArg::Svg => Ok(text.into_bytes()),
        FormatArg::Pdf => {
            render::pdf::html_to_pdf(&text, args.browser.as_deref(), Some(opts.as_of))
        }
    }
}

/// Write `bytes` to `-o` (into a folder under `name`) or print them.
fn write_or_print(bytes: Vec<u8>, args: &Args, name: &str) -> anyhow::Result<u8> {
    match &args.output {
        Some(out) => {
            let path = if is_folder(out) {
                out.join(name)
            } else {
                out.clone()
            };
            write_atomic(&path, &bytes)?;
            info(format!("wrote {}", path.display()));
        }
        None => {
            if args.format == FormatArg::Pdf && std::io::stdout().is_terminal() {
                bail!("a PDF is binary: write it to a file with -o FILE.pdf");
            }
            emit(bytes)?;
        }
    }
    Ok(EXIT_OK)
}

/// The language asked for, else the register's `settings.language`, else English.
pub(super) fn language(arg: Option<LangArg>, register: &Register) -> Language {
    match arg {
        Some(LangArg::En) => Language::En,
        Some(LangArg::Fr) => Language::Fr,
        None => register
            .config
            .item
            .settings
            .language
            .unwrap_or(Language::En),
    }
}

/// An existing folder, or a path ending with a separator.
fn is_folder(path: &Path) -> bool {
    path.is_dir() || {
        let s = path.as_os_str().to_string_lossy();
        s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR)
    }
}

/// The one register at `path`, loaded and checked on `as_of` in one reading of its files (for
/// the commands that show both the register and its findings: exports, the site).
pub(super) fn load_checked(
    path: &Path,
    as_of: NaiveDate,
) -> anyhow::Result<(Register, Vec<ropa::diagnostics::Diagnostic>)> {
    load_one(path, as_of, ropa::check::load_and_check)
}

/// The one register at `path`, loaded and checked on `as_of` by `load`, with what `load` makes
/// of its findings; an error listing the problems that stop it from loading.
fn load_one<T>(
    path: &Path,
    as_of: NaiveDate,
    load: impl FnOnce(
        &Path,
        &ropa::check::CheckOptions,
    ) -> anyhow::Result<Result<(Register, T), Vec<ropa::diagnostics::Diagnostic>>>,
) -> anyhow::Result<(Register, T)> {
    let dir = register_dir(path)?;
    let options = ropa::check::CheckOptions {
        as_of,
        overrides: Vec::new(),
    };
    load(&dir, &options)?.map_err(|diagnostics| not_loading(&dir, &diagnostics))
}

/// The folder of the one register at `path`: `path` itself, or the only register under it.
pub(super) fn register_dir(path: &Path) -> anyhow::Result<std::path::PathBuf> {
    if path.join(REGISTER_FILE).is_file() {
        return Ok(path.to_path_buf());
    }
    let found = load::discover(path)?;
    match found.as_slice() {
        [one] => Ok(one.clone()),
        many => bail!(
            "{} holds {} registers ({}): name the one to render",
            path.display(),
            many.len(),
            many.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The error for a register in `dir` that does not load, listing the problems.
pub(super) fn not_loading(
    dir: &Path,
    diagnostics: &[ropa::diagnostics::Diagnostic],
) -> anyhow::Error {
    let mut message = format!(
        "the register in {} does not load; fix these first (`ropa check` says more):",
        dir.display()
    );
    for d in diagnostics
        .iter()
        .filter(|d| d.severity == ropa::diagnostics::Severity::Error)
    {
        let at = match (&d.file, d.position) {
            (Some(f), Some(p)) => format!("{}:{}:{}: ", f.display(), p.line, p.column),
            (Some(f), None) => format!("{}: ", f.display()),
            _ => String::new(),
        };
        message.push_str(&format!("\n  {at}{}", d.message));
    }
    anyhow::anyhow!(message)
}

/// The register's version: the short git commit of its folder (with `-dirty` when the folder
/// has uncommitted changes) when its files are tracked by git, else its latest `updated` date.
pub(super) fn register_version(register: &Register) -> String {
    if let Some(commit) = git(&register.root, &["rev-parse", "--short", "HEAD"])
        && git(
            &register.root,
            &["ls-files", "--error-unmatch", "--", REGISTER_FILE],
        )
        .is_some()
    {
        let dirty = git(&register.root, &["status", "--porcelain", "--", "."])
            .is_some_and(|s| !s.is_empty());
        return if dirty {
            format!("{commit}-dirty")
        } else {
            commit
        };
    }
    register
        .activities
        .iter()
        .map(|a| a.item.updated)
        .max()
        .map_or_else(|| "-".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// Run git in `dir`; its trimmed output when it succeeds.
pub(super) fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Render {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn the_command_line_accepts_every_document_of_the_library() {
        for kind in render::DOCUMENTS {
            let parsed = Render::try_parse_from(["render", kind.name])
                .unwrap_or_else(|e| panic!("{}: {e}", kind.name));
            assert_eq!(parsed.args.document.0, kind);
        }
        let error = Render::try_parse_from(["render", "sheets"])
            .err()
            .map(|e| e.kind());
        assert_eq!(error, Some(clap::error::ErrorKind::InvalidValue));
    }
}
