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

mod bodies;
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
pub use select::{eligible_activities, is_safe_id, output_file_name, refuse_shared_ids};
pub use templates::{EMBEDDED, TEMPLATES_DIR, eject, templates_dir, translations};
pub(crate) use templates::{engine, overridden_note, tera_message};
pub use view::Translations;

/// The documents `ropa render` makes from its templates over one register (the others are in
/// [`DOCUMENTS`]). The variants are in the order of their entries at the head of [`DOCUMENTS`],
/// which hold their names.
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

    /// The document's entry in [`DOCUMENTS`].
    pub fn kind(self) -> &'static DocumentKind {
        &DOCUMENTS[self as usize]
    }

    /// `sheet`, `register`, `annex` or `subprocessors`: the template's base name.
    pub fn name(self) -> &'static str {
        self.kind().name
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
        self.kind().per_activity
    }
}

/// How a document of `ropa render` is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Making {
    /// The register's view filled into the document's templates ([`Renderer`]).
    Template(Document),
    /// The information notice for one category of data subjects ([`privacy_notice`]).
    PrivacyNotice,
    /// The data map as SVG, or an HTML page or PDF holding it ([`map`]).
    Map,
    /// The notice of sub-processor changes since a revision ([`notice`]).
    ChangeNotice,
}

/// A document of `ropa render`: what the command line calls it and says of it, and how it is
/// made.
#[derive(Debug, PartialEq, Eq)]
pub struct DocumentKind {
    /// Its name on the command line (and, for a template document, the templates' base name).
    pub name: &'static str,
    /// One line for `--help`.
    pub help: &'static str,
    /// Whether it is about one activity (`--activity`, or one file per activity).
    pub per_activity: bool,
    /// How it is made.
    pub making: Making,
}

/// Every document `ropa render` makes, in the order `--help` lists them: the one list the
/// command line takes its values and their help from. The template documents come first, in the
/// order of [`Document`]'s variants.
pub const DOCUMENTS: &[DocumentKind] = &[
    DocumentKind {
        name: "sheet",
        help: "One activity's register sheet (CNIL \"fiche de registre\")",
        per_activity: true,
        making: Making::Template(Document::Sheet),
    },
    DocumentKind {
        name: "register",
        help: "The whole record of processing activities (Art. 30), for a supervisory authority",
        per_activity: false,
        making: Making::Template(Document::Register),
    },
    DocumentKind {
        name: "annex",
        help: "The data-processing annex of a processor activity (SCC 2021/915 Annexes I-IV)",
        per_activity: true,
        making: Making::Template(Document::Annex),
    },
    DocumentKind {
        name: "subprocessors",
        help: "The public list of sub-processors",
        per_activity: false,
        making: Making::Template(Document::Subprocessors),
    },
    DocumentKind {
        name: "notice",
        help: "The information notice (Art. 13/14) for one category of data subjects (--subjects)",
        per_activity: false,
        making: Making::PrivacyNotice,
    },
    DocumentKind {
        name: "map",
        help: "The data map: data subjects, activities, recipients and countries, as SVG (or an HTML page or PDF holding it); --activity, --vendor and --country filter it",
        per_activity: false,
        making: Making::Map,
    },
    DocumentKind {
        name: "change-notice",
        help: "The notice of new or replaced sub-processors to the controllers (Art. 28(2)), from the changes since --since REV",
        per_activity: false,
        making: Making::ChangeNotice,
    },
];

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_template_document_is_its_own_entry_of_the_list() {
        for document in Document::ALL {
            assert_eq!(document.kind().making, Making::Template(document));
        }
        let templates = DOCUMENTS
            .iter()
            .filter(|d| matches!(d.making, Making::Template(_)))
            .count();
        assert_eq!(templates, Document::ALL.len());
        let mut names: Vec<&str> = DOCUMENTS.iter().map(|d| d.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), DOCUMENTS.len(), "two documents share a name");
    }
}
