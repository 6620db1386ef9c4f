//! The register as sheets of cells: the "Register" sheet (one row per activity, in the columns of
//! the CNIL or ICO register) and the sheets for the organisation, vendors, transfers, retention,
//! security measures and open findings. The xlsx and csv writers lay these sheets out; nothing
//! here knows a file format.

use chrono::NaiveDate;

use super::columns::{self, Column, Field};
use super::{ExportInput, lines};
use crate::legal;
use crate::model::{CnilHeading, Language};
use crate::render::view::{ActivityView, DocumentView, LabelView, PartyView, PersonView};

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
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    fn opt(s: Option<&str>) -> Cell {
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

/// One sheet: headings and rows of cells, each row as long as the headings.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Which sheet.
    pub kind: SheetKind,
    /// Its name.
    pub name: String,
    /// Column headings.
    pub headings: Vec<Heading>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
}

/// Every sheet of the export, in order.
pub fn sheets(input: &ExportInput<'_>) -> Vec<Sheet> {
    SheetKind::ALL.iter().map(|&k| sheet(input, k)).collect()
}

/// One sheet of the export.
pub fn sheet(input: &ExportInput<'_>, kind: SheetKind) -> Sheet {
    let lang = input.lang;
    let (headings, rows) = match kind {
        SheetKind::Register => {
            let cols = columns::columns(input.layout);
            let rows = input
                .view
                .activities
                .iter()
                .map(|a| cols.iter().map(|c| register_cell(input, a, c)).collect())
                .collect();
            (
                cols.iter()
                    .map(|c| heading(c.heading(lang), c.width))
                    .collect(),
                rows,
            )
        }
        SheetKind::Organisation => (
            headings(lang, ORGANISATION_HEADINGS),
            organisation_rows(&input.view),
        ),
        SheetKind::Vendors => (headings(lang, VENDOR_HEADINGS), vendor_rows(input)),
        SheetKind::Transfers => (headings(lang, TRANSFER_HEADINGS), transfer_rows(input)),
        SheetKind::Retention => (headings(lang, RETENTION_HEADINGS), retention_rows(input)),
        SheetKind::Measures => (headings(lang, MEASURE_HEADINGS), measure_rows(input)),
        SheetKind::Findings => (headings(lang, FINDING_HEADINGS), finding_rows(input)),
    };
    Sheet {
        kind,
        name: kind.name(lang).to_string(),
        headings,
        rows,
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

fn label(l: &LabelView) -> String {
    match &l.article {
        Some(article) => format!("{} ({article})", l.label),
        None => l.label.clone(),
    }
}

fn party(p: &PartyView) -> String {
    let mut parts = vec![p.name.clone()];
    parts.extend(p.description.iter().cloned());
    parts.extend(p.address.iter().map(|a| a.replace('\n', ", ")));
    parts.extend(p.email.iter().cloned());
    parts.extend(p.phone.iter().cloned());
    parts.join(" — ")
}

fn person(p: &PersonView) -> String {
    let mut parts = vec![p.name.clone()];
    parts.extend(p.position.iter().cloned());
    parts.extend(p.email.iter().cloned());
    parts.extend(p.phone.iter().cloned());
    parts.join(" — ")
}

fn yes_no(input: &ExportInput<'_>, b: bool) -> String {
    input.tr(if b { "yes" } else { "no" })
}

/// `name: details` or `name`.
fn named(name: &str, details: Option<&str>) -> String {
    match details {
        Some(d) if !d.is_empty() => format!("{name}: {d}"),
        _ => name.to_string(),
    }
}

fn register_cell(input: &ExportInput<'_>, a: &ActivityView, c: &Column) -> Cell {
    let per_purpose = |f: &dyn Fn(&crate::render::view::PurposeView) -> Option<String>| {
        let values: Vec<Option<String>> = a.purposes.iter().map(f).collect();
        if values.iter().all(Option::is_none) {
            Cell::Empty
        } else {
            Cell::text(lines(values.into_iter().map(Option::unwrap_or_default)))
        }
    };
    match c.field {
        Field::Ref => Cell::text(&a.id),
        Field::Name => Cell::text(&a.name),
        Field::Description => Cell::opt(a.description.as_deref()),
        Field::Owner => Cell::opt(a.owner.as_deref()),
        Field::Role => Cell::text(&a.role.label),
        Field::Created => date(&a.created.iso),
        Field::Updated => date(&a.updated.iso),
        Field::Reviewed => date(&a.reviewed.iso),
        Field::NextReview => a.next_review.as_ref().map_or(Cell::Empty, |d| date(&d.iso)),
        Field::Controllers => {
            if a.is_processor {
                Cell::text(lines(a.controllers.iter().map(party)))
            } else {
                Cell::text(&input.view.organisation.full_name)
            }
        }
        Field::JointControllers => Cell::text(lines(a.joint_controllers.iter().map(party))),
        Field::ProcessingCategories => Cell::text(lines(a.processing_categories.iter().cloned())),
        Field::MainPurpose => Cell::opt(a.purposes.first().map(|p| p.description.as_str())),
        Field::OtherPurposes => Cell::text(lines(
            a.purposes.iter().skip(1).map(|p| p.description.clone()),
        )),
        Field::Purposes => Cell::text(lines(a.purposes.iter().map(|p| p.description.clone()))),
        Field::LegalBasis => per_purpose(&|p| p.legal_basis.as_ref().map(label)),
        Field::LegitimateInterest => per_purpose(&|p| p.legitimate_interest.clone()),
        Field::LiaReference => per_purpose(&|p| p.lia_reference.clone()),
        Field::ConsentRecord => per_purpose(&|p| p.consent_record.clone()),
        Field::LegalReference => per_purpose(&|p| p.legal_reference.clone()),
        Field::Operations => Cell::text(&a.operations_text),
        Field::DataSubjects => Cell::text(lines(
            a.data_subjects
                .iter()
                .map(|s| named(&s.name, s.description.as_deref())),
        )),
        Field::DataCategories => Cell::text(lines(
            a.data_categories
                .iter()
                .map(|d| named(&d.name, d.description.as_deref())),
        )),
        Field::SensitiveData => {
            let mut items: Vec<String> = a
                .sensitive_data
                .iter()
                .map(|d| {
                    let what = match (&d.special_category, d.criminal_data) {
                        (Some(s), _) => label(s),
                        (None, _) => input.tr("criminal_data"),
                    };
                    format!("{}: {what}", d.name)
                })
                .collect();
            items.extend(a.special_categories_statement.iter().cloned());
            Cell::text(lines(items))
        }
        Field::Art9Condition => Cell::text(lines(a.sensitive_data.iter().filter_map(|d| {
            d.art9_condition
                .as_ref()
                .map(|c| format!("{}: {}", d.name, label(c)))
        }))),
        Field::Sources => Cell::text(lines(a.sources.iter().cloned())),
        Field::InternalRecipients => Cell::text(lines(
            a.internal_recipients
                .iter()
                .map(|r| named(&r.name, r.description.as_deref())),
        )),
        Field::ExternalRecipients => Cell::text(lines(a.external_recipients.iter().map(|r| {
            let kind = r.vendor_role.as_ref().unwrap_or(&r.kind);
            format!(
                "{} ({})",
                named(&r.name, r.description.as_deref()),
                kind.label
            )
        }))),
        Field::Recipients => Cell::text(lines(a.recipients.iter().map(|r| {
            let kind = r.vendor_role.as_ref().unwrap_or(&r.kind);
            format!(
                "{} ({})",
                named(&r.name, r.description.as_deref()),
                kind.label
            )
        }))),
        Field::ProcessorContracts => Cell::text(lines(a.subprocessors.iter().filter_map(|s| {
            let c = s.contract.as_ref()?;
            let what = [c.reference.clone(), c.url.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" — ");
            Some(format!("{}: {what}", s.name))
        }))),
        Field::TransferCountries => {
            Cell::text(lines(a.transfers.iter().map(|t| t.destination.clone())))
        }
        Field::TransferImporters => Cell::text(lines(
            a.transfers
                .iter()
                .map(|t| t.importer.clone().unwrap_or_default()),
        )),
        Field::TransferSafeguards => Cell::text(lines(a.transfers.iter().map(|t| {
            let mut parts: Vec<String> = t.mechanism.iter().map(label).collect();
            parts.extend(t.scc_module.iter().map(|m| m.label.clone()));
            parts.extend(t.reference.iter().cloned());
            parts.join(" — ")
        }))),
        Field::Retention => Cell::text(lines(a.retention.iter().map(|r| {
            if r.applies_to == input.tr("all_data") {
                r.summary.clone()
            } else {
                format!("{}: {}", r.applies_to, r.summary)
            }
        }))),
        Field::Measures(heading) => Cell::text(lines(
            a.measures
                .iter()
                .filter(|m| heading.is_none_or(|h| m.cnil_heading.key == super::key_of(&h)))
                .map(|m| match &m.title {
                    Some(t) => format!("{t}: {}", m.description),
                    None => m.description.clone(),
                }),
        )),
        Field::AutomatedDecision => Cell::opt(a.automated_decision_making.as_deref()),
        Field::Location => {
            let mut places: Vec<String> = Vec::new();
            for s in &a.subprocessors {
                places.push(format!("{}: {}", s.name, s.places_text));
            }
            Cell::text(lines(places))
        }
        Field::DpiaRequired => match &a.dpia {
            Some(d) => Cell::text(yes_no(
                input,
                !d.art35_3.is_empty() || d.criteria.len() >= 2,
            )),
            None => Cell::Empty,
        },
        Field::DpiaProgress => match &a.dpia {
            Some(d) => Cell::text(yes_no(input, d.done)),
            None => Cell::Empty,
        },
        Field::DpiaReference => Cell::opt(a.dpia.as_ref().and_then(|d| d.reference.as_deref())),
        Field::Notes => Cell::opt(a.notes.as_deref()),
        Field::NotRecorded(_) => Cell::Empty,
    }
}

fn date(iso: &str) -> Cell {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or_else(|_| Cell::text(iso), Cell::Date)
}

const ORGANISATION_HEADINGS: &[(&str, &str, u8)] =
    &[("Item", "Rubrique", 30), ("Value", "Valeur", 60)];

/// The organisation sheet's items, in the words of the CNIL front sheet.
const ORGANISATION_ITEMS: &[(&str, &str, &str)] = &[
    ("name", "Name", "Nom"),
    ("legal_form", "Legal form", "Forme juridique"),
    ("registration", "Registration", "Immatriculation"),
    ("address", "Address", "Adresse"),
    ("email", "E-mail", "Courriel"),
    ("phone", "Telephone", "Téléphone"),
    ("website", "Website", "Site web"),
    (
        "head",
        "Head of the organisation",
        "Responsable de l'organisme",
    ),
    (
        "dpo",
        "Data protection officer",
        "Délégué à la protection des données",
    ),
    (
        "representative",
        "Representative in the Union",
        "Représentant dans l'Union",
    ),
    (
        "register_version",
        "Register version",
        "Version du registre",
    ),
    ("generated", "Exported on", "Exporté le"),
];

/// The label of an organisation item in `lang`, and the key that stands for it.
pub fn organisation_items(lang: Language) -> impl Iterator<Item = (&'static str, &'static str)> {
    ORGANISATION_ITEMS
        .iter()
        .map(move |(k, en, fr)| (*k, if lang == Language::Fr { *fr } else { *en }))
}

fn organisation_rows(view: &DocumentView) -> Vec<Vec<Cell>> {
    let o = &view.organisation;
    let lang = if view.lang == "fr" {
        Language::Fr
    } else {
        Language::En
    };
    organisation_items(lang)
        .map(|(key, label)| {
            let value = match key {
                "name" => Cell::text(&o.name),
                "legal_form" => Cell::opt(o.legal_form.as_deref()),
                "registration" => Cell::opt(o.registration.as_deref()),
                "address" => Cell::opt(o.address.as_deref()),
                "email" => Cell::opt(o.email.as_deref()),
                "phone" => Cell::opt(o.phone.as_deref()),
                "website" => Cell::opt(o.website.as_deref()),
                "head" => o
                    .head
                    .as_ref()
                    .map_or(Cell::Empty, |p| Cell::text(person(p))),
                "dpo" => view
                    .dpo
                    .as_ref()
                    .map_or(Cell::Empty, |p| Cell::text(party(p))),
                "representative" => view
                    .representative
                    .as_ref()
                    .map_or(Cell::Empty, |p| Cell::text(party(p))),
                "register_version" => Cell::text(&view.version),
                _ => date(&view.generated.iso),
            };
            vec![Cell::text(label), value]
        })
        .collect()
}

const VENDOR_HEADINGS: &[(&str, &str, u8)] = &[
    ("Id", "Identifiant", 18),
    ("Name", "Nom", 24),
    ("Legal name", "Raison sociale", 24),
    ("Role", "Rôle", 16),
    ("Service", "Prestation", 30),
    ("Processing", "Traitement effectué", 40),
    ("Address", "Adresse", 30),
    ("Contact", "Contact", 30),
    ("Website", "Site web", 24),
    ("Places of processing", "Lieux de traitement", 36),
    ("Outside the EEA", "Hors EEE", 16),
    ("Safeguards", "Garanties", 40),
    ("Contract", "Contrat", 30),
    ("Contract date", "Date du contrat", 12),
    ("Certifications", "Certifications", 24),
    ("Activities", "Activités", 30),
];

fn vendor_rows(input: &ExportInput<'_>) -> Vec<Vec<Cell>> {
    input
        .vendors
        .iter()
        .map(|v| {
            let contract = v.contract.as_ref();
            vec![
                Cell::text(&v.id),
                Cell::text(&v.name),
                Cell::opt(v.legal_name.as_deref()),
                Cell::text(&v.role.label),
                Cell::text(&v.service),
                Cell::text(&v.processing_description),
                Cell::opt(v.address.as_deref()),
                v.contact
                    .as_ref()
                    .map_or(Cell::Empty, |p| Cell::text(person(p))),
                Cell::opt(v.website.as_deref()),
                Cell::text(&v.places_text),
                Cell::text(&v.transfer_text),
                Cell::text(&v.safeguards_text),
                Cell::opt(contract.and_then(|c| c.reference.as_deref())),
                contract
                    .and_then(|c| c.date.as_ref())
                    .map_or(Cell::Empty, |d| date(&d.iso)),
                Cell::text(v.certifications.join("\n")),
                Cell::text(lines(v.activities.iter().cloned())),
            ]
        })
        .collect()
}

const TRANSFER_HEADINGS: &[(&str, &str, u8)] = &[
    ("Activity ref", "Réf. activité", 18),
    ("Activity", "Activité", 30),
    ("Destination", "Destination", 24),
    ("Recipient", "Destinataire", 24),
    ("What is transferred", "Données transférées", 36),
    ("Frequency", "Fréquence", 14),
    ("Safeguards", "Garanties", 50),
];

fn transfer_rows(input: &ExportInput<'_>) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for a in &input.view.activities {
        for e in &a.exits_eea {
            rows.push(vec![
                Cell::text(&a.id),
                Cell::text(&a.name),
                Cell::text(&e.destination),
                Cell::opt(e.importer.as_deref()),
                Cell::opt(e.description.as_deref()),
                e.frequency
                    .as_ref()
                    .map_or(Cell::Empty, |f| Cell::text(&f.label)),
                Cell::text(&e.safeguards),
            ]);
        }
    }
    rows
}

const RETENTION_HEADINGS: &[(&str, &str, u8)] = &[
    ("Activity ref", "Réf. activité", 18),
    ("Activity", "Activité", 30),
    ("Data concerned", "Données concernées", 30),
    ("Retention period", "Durée de conservation", 50),
    ("Periods", "Périodes", 40),
    ("Ends earlier on", "Fin anticipée", 30),
    ("At the end", "À l'échéance", 16),
    ("Legal reference", "Référence juridique", 30),
];

fn retention_rows(input: &ExportInput<'_>) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for a in &input.view.activities {
        for r in &a.retention {
            rows.push(vec![
                Cell::text(&a.id),
                Cell::text(&a.name),
                Cell::text(&r.applies_to),
                Cell::text(&r.summary),
                Cell::text(lines(r.periods.iter().map(|p| p.text.clone()))),
                Cell::text(lines(r.early_end.iter().cloned())),
                r.end_action
                    .as_ref()
                    .map_or(Cell::Empty, |e| Cell::text(&e.label)),
                Cell::opt(r.legal_reference.as_deref()),
            ]);
        }
    }
    rows
}

const MEASURE_HEADINGS: &[(&str, &str, u8)] = &[
    ("Id", "Identifiant", 18),
    ("Title", "Intitulé", 24),
    ("Measure", "Mesure", 60),
    (
        "Annex III heading (Decision 2021/915)",
        "Rubrique de l'annexe III (décision 2021/915)",
        36,
    ),
    ("CNIL heading", "Rubrique CNIL", 28),
    ("Activities", "Activités", 30),
];

fn measure_rows(input: &ExportInput<'_>) -> Vec<Vec<Cell>> {
    // Which activities use each measure: one pass over the activities' lists.
    let mut users: std::collections::HashMap<&str, Vec<String>> = std::collections::HashMap::new();
    for a in &input.view.activities {
        for m in &a.measures {
            users.entry(m.id.as_str()).or_default().push(a.id.clone());
        }
    }
    let lang = input.lang;
    input
        .register
        .measures
        .iter()
        .map(|m| {
            let m = &m.item;
            let category = legal::label(&m.category, lang);
            let numbered = match legal::term(m.category).and_then(|t| t.number) {
                Some(n) => format!("({n}) {category}"),
                None => category.to_string(),
            };
            let heading = m.cnil_heading.unwrap_or(CnilHeading::Other);
            vec![
                Cell::text(&m.id),
                Cell::opt(m.title.as_deref()),
                Cell::text(&m.description),
                Cell::text(numbered),
                Cell::text(legal::label(&heading, lang)),
                Cell::text(lines(users.remove(m.id.as_str()).unwrap_or_default())),
            ]
        })
        .collect()
}

const FINDING_HEADINGS: &[(&str, &str, u8)] = &[
    ("Severity", "Gravité", 10),
    ("Code", "Code", 8),
    ("Rule", "Règle", 30),
    ("Activity ref", "Réf. activité", 18),
    ("File", "Fichier", 30),
    ("Line", "Ligne", 6),
    ("Column", "Colonne", 7),
    ("Finding", "Constat", 60),
    ("What to do", "Que faire", 50),
];

fn finding_rows(input: &ExportInput<'_>) -> Vec<Vec<Cell>> {
    input
        .findings
        .iter()
        .map(|f| {
            vec![
                Cell::text(&f.severity),
                Cell::text(&f.code),
                Cell::text(&f.rule),
                Cell::opt(f.activity.as_deref()),
                Cell::opt(f.file.as_deref()),
                f.line.map_or(Cell::Empty, |n| Cell::Number(i64::from(n))),
                f.column.map_or(Cell::Empty, |n| Cell::Number(i64::from(n))),
                Cell::text(&f.message),
                Cell::opt(f.help.as_deref()),
            ]
        })
        .collect()
}
