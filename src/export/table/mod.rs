//! The register as sheets of cells: the "Register" sheet (one row per activity, in the columns of
//! the CNIL or ICO register) and the sheets for the organisation, vendors, transfers, retention,
//! security measures and open findings. The xlsx and csv writers lay these sheets out; nothing
//! here knows a file format. Rows are handed over one at a time, each activity resolved when
//! its row is made, so that a large register is never held as cells.

mod register;
mod sheets;

use chrono::NaiveDate;

use super::ExportInput;
use crate::model::Language;
use crate::render::view::{LabelView, PartyView, PersonView};

pub use sheets::organisation_items;

/// A cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text; several items are on separate lines.
    Text(String),
    /// A calendar date.
    Date(NaiveDate),
    /// A whole number.
    Number(i64),
}

impl Cell {
    pub(super) fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub(super) fn opt(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }

    /// The value as text: dates as `YYYY-MM-DD`.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

/// The kinds of sheet, in the workbook's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    /// One row per activity.
    Register,
    /// The organisation, its head, DPO and representative: one row per item.
    Organisation,
    /// The vendors catalogue.
    Vendors,
    /// Every way data leaves the EEA, per activity.
    Transfers,
    /// Retention rules, per activity.
    Retention,
    /// The security measures catalogue.
    Measures,
    /// Findings of `ropa check` that no waiver covers.
    Findings,
}

impl SheetKind {
    /// Every sheet, in order.
    pub const ALL: [SheetKind; 7] = [
        SheetKind::Register,
        SheetKind::Organisation,
        SheetKind::Vendors,
        SheetKind::Transfers,
        SheetKind::Retention,
        SheetKind::Measures,
        SheetKind::Findings,
    ];

    /// The sheet's name in `lang` (at most 31 characters, as spreadsheets require).
    pub fn name(self, lang: Language) -> &'static str {
        let (en, fr) = match self {
            SheetKind::Register => ("Register", "Registre"),
            SheetKind::Organisation => ("Organisation", "Organisme"),
            SheetKind::Vendors => ("Vendors", "Prestataires"),
            SheetKind::Transfers => ("Transfers", "Transferts"),
            SheetKind::Retention => ("Retention", "Conservation"),
            SheetKind::Measures => ("Security measures", "Mesures de sécurité"),
            SheetKind::Findings => ("Open findings", "Constats ouverts"),
        };
        match lang {
            Language::En => en,
            Language::Fr => fr,
        }
    }

    /// The CSV file name of the sheet, the same in every language.
    pub fn file_stem(self) -> &'static str {
        match self {
            SheetKind::Register => "register",
            SheetKind::Organisation => "organisation",
            SheetKind::Vendors => "vendors",
            SheetKind::Transfers => "transfers",
            SheetKind::Retention => "retention",
            SheetKind::Measures => "security-measures",
            SheetKind::Findings => "open-findings",
        }
    }
}

/// A column heading with its width in characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// The heading.
    pub title: String,
    /// Width in characters.
    pub width: u8,
}

/// A sheet's name and column headings; its rows come from [`rows`].
#[derive(Debug, Clone, PartialEq)]
pub struct SheetHead {
    /// Which sheet.
    pub kind: SheetKind,
    /// Its name.
    pub name: String,
    /// Column headings.
    pub headings: Vec<Heading>,
}

/// The name and headings of a sheet of the export.
pub fn head(input: &ExportInput<'_>, kind: SheetKind) -> SheetHead {
    let lang = input.lang;
    let headings = match kind {
        SheetKind::Register => super::columns::columns(input.layout)
            .iter()
            .map(|c| heading(c.heading(lang), c.width))
            .collect(),
        SheetKind::Organisation => headings(lang, sheets::ORGANISATION_HEADINGS),
        SheetKind::Vendors => headings(lang, sheets::VENDOR_HEADINGS),
        SheetKind::Transfers => headings(lang, sheets::TRANSFER_HEADINGS),
        SheetKind::Retention => headings(lang, sheets::RETENTION_HEADINGS),
        SheetKind::Measures => headings(lang, sheets::MEASURE_HEADINGS),
        SheetKind::Findings => headings(lang, sheets::FINDING_HEADINGS),
    };
    SheetHead {
        kind,
        name: kind.name(lang).to_string(),
        headings,
    }
}

/// Hand each row of a sheet to `emit`, in order; each row is as long as the headings.
pub fn rows(
    input: &ExportInput<'_>,
    kind: SheetKind,
    emit: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    match kind {
        SheetKind::Register => register::rows(input, emit),
        SheetKind::Organisation => sheets::organisation_rows(&input.view, emit),
        SheetKind::Vendors => sheets::vendor_rows(input, emit),
        SheetKind::Transfers => sheets::transfer_rows(input, emit),
        SheetKind::Retention => sheets::retention_rows(input, emit),
        SheetKind::Measures => sheets::measure_rows(input, emit),
        SheetKind::Findings => sheets::finding_rows(input, emit),
    }
}

fn heading(title: &str, width: u8) -> Heading {
    Heading {
        title: title.to_string(),
        width,
    }
}

fn headings(lang: Language, table: &[(&str, &str, u8)]) -> Vec<Heading> {
    table
        .iter()
        .map(|(en, fr, w)| heading(if lang == Language::Fr { fr } else { en }, *w))
        .collect()
}

pub(super) fn label(l: &LabelView) -> String {
    match &l.article {
        Some(article) => format!("{} ({article})", l.label),
        None => l.label.clone(),
    }
}

pub(super) fn party(p: &PartyView) -> String {
    let mut parts = vec![p.name.clone()];
    parts.extend(p.description.iter().cloned());
    parts.extend(p.address.iter().map(|a| a.replace('\n', ", ")));
    parts.extend(p.email.iter().cloned());
    parts.extend(p.phone.iter().cloned());
    parts.join(" — ")
}

pub(super) fn person(p: &PersonView) -> String {
    let mut parts = vec![p.name.clone()];
    parts.extend(p.position.iter().cloned());
    parts.extend(p.email.iter().cloned());
    parts.extend(p.phone.iter().cloned());
    parts.join(" — ")
}

pub(super) fn yes_no(input: &ExportInput<'_>, b: bool) -> String {
    input.tr(if b { "yes" } else { "no" })
}

/// `name: details` or `name`.
pub(super) fn named(name: &str, details: Option<&str>) -> String {
    match details {
        Some(d) if !d.is_empty() => format!("{name}: {d}"),
        _ => name.to_string(),
    }
}

pub(super) fn date(iso: &str) -> Cell {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or_else(|_| Cell::text(iso), Cell::Date)
}
