//! Reading values out of cell text: names and details, labels of the legal terms, countries,
//! dates and ids.

use super::*;

/// `name: details` split at the first `": "`.
pub(super) fn split_named(line: &str) -> (String, Option<String>) {
    match line.split_once(": ") {
        Some((n, d)) if !n.trim().is_empty() => (
            n.trim().to_string(),
            Some(d.trim().to_string()).filter(|d| !d.is_empty()),
        ),
        _ => (line.trim().to_string(), None),
    }
}

/// A trailing `(label)`, split off.
pub(super) fn split_trailing_label(line: &str) -> (&str, Option<&str>) {
    if let Some(stripped) = line.strip_suffix(')')
        && let Some(open) = stripped.rfind(" (")
    {
        return (&line[..open], Some(&stripped[open + 2..]));
    }
    (line, None)
}

/// Find the value of a labelled enum by its label (either language, with or without its article
/// in parentheses), its YAML key, or its article.
pub(super) fn by_label<T: legal::TermTable + serde::Serialize>(text: &str) -> Option<T> {
    let wanted = normalise(text);
    let bare = normalise(split_trailing_label(text).0);
    T::terms().iter().find_map(|t| {
        let key = crate::export::key_of(&t.key);
        let hit = [t.label.get(Language::En), t.label.get(Language::Fr)]
            .iter()
            .any(|l| normalise(l) == wanted || normalise(l) == bare)
            || normalise(&key) == wanted
            || key.replace('_', " ") == wanted
            || [Language::En, Language::Fr].iter().any(|&lang| {
                t.article(lang).is_some_and(|a| {
                    let a = normalise(a);
                    a == wanted || a == bare || wanted.ends_with(&format!("({a})"))
                })
            });
        hit.then_some(t.key)
    })
}

pub(super) fn mechanism_by_label(text: &str) -> Option<crate::model::TransferMechanism> {
    let wanted = normalise(text);
    let bare = normalise(split_trailing_label(text).0);
    legal::eu().transfer_mechanisms.iter().find_map(|m| {
        let key = crate::export::key_of(&m.key);
        let hit = [m.label(Language::En), m.label(Language::Fr)]
            .iter()
            .any(|l| normalise(l) == wanted || normalise(l) == bare)
            || normalise(&key) == wanted;
        hit.then_some(m.key)
    })
}

pub(super) fn country_by_name(text: &str) -> Option<String> {
    let wanted = normalise(text);
    if let Some(c) = legal::country(text) {
        return Some(c.code.clone());
    }
    legal::eu()
        .countries
        .iter()
        .find(|c| {
            normalise(c.name.get(Language::En)) == wanted
                || normalise(c.name.get(Language::Fr)) == wanted
        })
        .map(|c| c.code.clone())
}

pub(super) fn parse_date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Text(s) => {
            let s = s.trim();
            ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        }
        _ => None,
    }
}

pub(super) fn unique_id(base: &str, taken: &mut Vec<String>) -> String {
    let base = if base.is_empty() {
        "item".to_string()
    } else {
        base.chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string()
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

pub(super) fn is_valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The Annex III heading that a CNIL heading most often stands for.
pub(super) fn category_of(heading: Option<CnilHeading>) -> MeasureCategory {
    match heading {
        Some(CnilHeading::AccessControl) => MeasureCategory::IdentificationAuthorisation,
        Some(CnilHeading::Traceability) => MeasureCategory::EventsLogging,
        Some(CnilHeading::SoftwareProtection) => MeasureCategory::SystemConfiguration,
        Some(CnilHeading::Backup) => MeasureCategory::Restoration,
        Some(CnilHeading::Encryption) => MeasureCategory::PseudonymisationEncryption,
        Some(CnilHeading::ProcessorOversight) => MeasureCategory::Accountability,
        Some(CnilHeading::Other) | None => MeasureCategory::ItGovernance,
    }
}
