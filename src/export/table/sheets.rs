//! The sheets beside the register: the organisation, vendors, transfers, retention, security
//! measures and open findings.

use std::collections::HashMap;

use super::{Cell, date, party, person};
use crate::export::{ExportInput, lines};
use crate::legal;
use crate::model::{CnilHeading, Language};
use crate::render::view::DocumentView;

pub(super) const ORGANISATION_HEADINGS: &[(&str, &str, u8)] =
    &[("Item", "Rubrique", 30), ("Value", "Valeur", 60)];

/// The organisation sheet's items, in the words of the CNIL front sheet.
pub(super) const ORGANISATION_ITEMS: &[(&str, &str, &str)] = &[
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

pub(super) fn organisation_rows(
    view: &DocumentView,
    emit: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let o = &view.organisation;
    let lang = if view.lang == "fr" {
        Language::Fr
    } else {
        Language::En
    };
    for (key, label) in organisation_items(lang) {
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
        emit(vec![Cell::text(label), value])?;
    }
    Ok(())
}

pub(super) const VENDOR_HEADINGS: &[(&str, &str, u8)] = &[
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

pub(super) fn vendor_rows(
    input: &ExportInput<'_>,
    emit: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for v in input.vendor_views() {
        let contract = v.contract.as_ref();
        emit(vec![
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
        ])?;
    }
    Ok(())
}

pub(super) const TRANSFER_HEADINGS: &[(&str, &str, u8)] = &[
    ("Activity ref", "Réf. activité", 18),
    ("Activity", "Activité", 30),
    ("Destination", "Destination", 24),
    ("Recipient", "Destinataire", 24),
    ("What is transferred", "Données transférées", 36),
    ("Frequency", "Fréquence", 14),
    ("Safeguards", "Garanties", 50),
];

pub(super) fn transfer_rows(
    input: &ExportInput<'_>,
    emit: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for a in input.activities() {
        let a = input.activity_view(a);
        for e in &a.exits_eea {
            emit(vec![
                Cell::text(&a.summary.id),
                Cell::text(&a.summary.name),
                Cell::text(&e.destination),
                Cell::opt(e.importer.as_deref()),
                Cell::opt(e.description.as_deref()),
                e.frequency
                    .as_ref()
                    .map_or(Cell::Empty, |f| Cell::text(&f.label)),
                Cell::text(&e.safeguards),
            ])?;
        }
    }
    Ok(())
}

pub(super) const RETENTION_HEADINGS: &[(&str, &str, u8)] = &[
    ("Activity ref", "Réf. activité", 18),
    ("Activity", "Activité", 30),
    ("Data concerned", "Données concernées", 30),
    ("Retention period", "Durée de conservation", 50),
    ("Periods", "Périodes", 40),
    ("Ends earlier on", "Fin anticipée", 30),
    ("At the end", "À l'échéance", 16),
    ("Legal reference", "Référence juridique", 30),
];

pub(super) fn retention_rows(
    input: &ExportInput<'_>,
    emit: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for a in input.activities() {
        let a = input.activity_view(a);
        for r in &a.retention {
            emit(vec![
                Cell::text(&a.summary.id),
                Cell::text(&a.summary.name),
                Cell::text(&r.applies_to),
                Cell::text(&r.summary),
                Cell::text(lines(r.periods.iter().map(|p| p.text.clone()))),
                Cell::text(lines(r.early_end.iter().cloned())),
                r.end_action
                    .as_ref()
                    .map_or(Cell::Empty, |e| Cell::text(&e.label)),
                Cell::opt(r.legal_reference.as_deref()),
            ])?;
        }
    }
    Ok(())
}

pub(super) const MEASURE_HEADINGS: &[(&str, &str, u8)] = &[
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

pub(super) fn measure_rows(
    input: &ExportInput<'_>,
    emit: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    // Which activities use each measure: one pass over the activities' lists.
    let mut users: HashMap<&str, Vec<String>> = HashMap::new();
    for a in input.activities() {
        let mut named: Vec<&str> = a.security_measures.iter().map(String::as_str).collect();
        named.sort_unstable();
        named.dedup();
        for id in named {
            users.entry(id).or_default().push(a.id.clone());
        }
    }
    let lang = input.lang;
    for m in &input.register.measures {
        let m = &m.item;
        let category = legal::label(&m.category, lang);
        let numbered = match legal::term(m.category).and_then(|t| t.number) {
            Some(n) => format!("({n}) {category}"),
            None => category.to_string(),
        };
        let heading = m.cnil_heading.unwrap_or(CnilHeading::Other);
        emit(vec![
            Cell::text(&m.id),
            Cell::opt(m.title.as_deref()),
            Cell::text(&m.description),
            Cell::text(numbered),
            Cell::text(legal::label(&heading, lang)),
            Cell::text(lines(users.remove(m.id.as_str()).unwrap_or_default())),
        ])?;
    }
    Ok(())
}

pub(super) const FINDING_HEADINGS: &[(&str, &str, u8)] = &[
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

pub(super) fn finding_rows(
    input: &ExportInput<'_>,
    emit: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for f in &input.findings {
        emit(vec![
            Cell::text(&f.severity),
            Cell::text(&f.code),
            Cell::text(&f.rule),
            Cell::opt(f.activity.as_deref()),
            Cell::opt(f.file.as_deref()),
            f.line.map_or(Cell::Empty, |n| Cell::Number(i64::from(n))),
            f.column.map_or(Cell::Empty, |n| Cell::Number(i64::from(n))),
            Cell::text(&f.message),
            Cell::opt(f.help.as_deref()),
        ])?;
    }
    Ok(())
}
