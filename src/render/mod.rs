//! Documents made from a register: an activity's register sheet, the whole Art. 30 record, the
//! data-processing annex of a processor activity and the public list of sub-processors, in
//! Markdown or HTML (PDF is printed from the HTML by [`pdf`]), in English or French.
//!
//! Templates are tera 2 templates embedded from `templates/`; a user folder overrides any of them
//! by file name (see [`templates_dir`]). They receive a [`view::DocumentView`] and `t`, the
//! translation table of the language, and never see register text as template source: register
//! strings are only ever values, escaped for the format (HTML autoescape, or the Markdown escape
//! of [`markdown::escape`]).
//!
//! Nothing here reads the clock or the environment: the generation date and the register's
//! version come from the caller, so the same register and options give the same bytes.

mod document;
pub mod map;
pub mod markdown;
pub mod notice;
pub mod pdf;
pub mod privacy_notice;
mod select;
pub mod site;
mod templates;
pub mod typography;
pub mod view;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::Language;
pub(crate) use document::{Extras, finish, full_name, render_template};
pub use document::{PrintView, Renderer, draft_banner, render, render_map_page};
pub use select::{eligible_activities, is_safe_id, output_file_name};
pub use templates::{EMBEDDED, TEMPLATES_DIR, eject, templates_dir, translations};
pub(crate) use templates::{engine, overridden_note, tera_message};
pub use view::Translations;

/// The documents `ropa render` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// One activity's register sheet (CNIL "fiche de registre").
    Sheet,
    /// The whole record of processing activities, controller and processor parts apart.
    Register,
    /// The data-processing annex of a processor activity (SCC 2021/915 Annexes I-IV).
    Annex,
    /// The public list of sub-processors.
    Subprocessors,
}

impl Document {
    /// Every document.
    pub const ALL: [Document; 4] = [
        Document::Sheet,
        Document::Register,
        Document::Annex,
        Document::Subprocessors,
    ];

    /// `sheet`, `register`, `annex` or `subprocessors`: the template's base name.
    pub fn name(self) -> &'static str {
        match self {
            Document::Sheet => "sheet",
            Document::Register => "register",
            Document::Annex => "annex",
            Document::Subprocessors => "subprocessors",
        }
    }

    /// The name with its indefinite article, for messages: "a sheet", "an annex".
    pub fn with_article(self) -> String {
        let name = self.name();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }

    /// Whether the document is about one activity (`sheet`, `annex`).
    pub fn per_activity(self) -> bool {
        matches!(self, Document::Sheet | Document::Annex)
    }
}

/// Output formats rendered by templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown (CommonMark with GitHub tables).
    Md,
    /// One self-contained HTML file.
    Html,
}

impl Format {
    /// The file extension and template suffix: `md` or `html`.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
        }
    }
}

/// How to render.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Output format.
    pub format: Format,
    /// Document language.
    pub lang: Language,
    /// Generation date printed in the document.
    pub as_of: NaiveDate,
    /// The register's version printed in the document (a commit, a date...).
    pub version: String,
    /// Folder of templates overriding the built-in ones by file name. When `None`, the
    /// register's own `templates/` folder is used if it exists.
    pub templates_dir: Option<PathBuf>,
    /// The errors the check finds in the register: when not zero, every document carries a
    /// "draft — N errors" banner (see [`draft_banner`]).
    pub draft_errors: usize,
}
