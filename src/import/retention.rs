//! Retention periods read from a spreadsheet's words: « 3 ans », "5 years after the end of the
//! contract", "13 mois à compter de la collecte, puis supprimées", "until the account is
//! closed". Only a text that is plainly one period is read; anything else (two periods, a
//! condition, a range) stays as written, for a person to model.

use crate::duration::Duration;
use crate::model::{EndAction, RetentionPeriod};

/// A retention text read as one period, and what happens at its end when the text says.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadPeriod {
    /// The period: a duration (with the event that starts it), or the event that ends it.
    pub period: RetentionPeriod,
    /// `then deleted`, `puis anonymisées`...
    pub end_action: Option<EndAction>,
}

/// Connectors between a duration and the event that starts the clock, longest first.
const FROM: &[&str] = &[
    "à compter de la date de ",
    "à compter de la date du ",
    "from the date of ",
    "à compter de ",
    "à compter du ",
    "à compter des ",
    "à partir de ",
    "à partir du ",
    "à partir des ",
    "following ",
    "après ",
    "after ",
    "from ",
    "since ",
    "suivant ",
    "depuis ",
];

/// How a period that lasts until an event starts.
const UNTIL: &[&str] = &[
    "until ",
    "jusqu'à ",
    "jusqu'au ",
    "jusqu'aux ",
    "jusqu’à ",
    "jusqu’au ",
    "jusqu’aux ",
];

/// Endings that say what happens at the end, after a comma or not.
const ENDS: &[(&str, EndAction)] = &[
    ("then deleted", EndAction::Delete),
    ("then erased", EndAction::Delete),
    ("then destroyed", EndAction::Delete),
    ("then anonymised", EndAction::Anonymise),
    ("then anonymized", EndAction::Anonymise),
    ("then archived", EndAction::Archive),
    ("puis supprimées", EndAction::Delete),
    ("puis supprimés", EndAction::Delete),
    ("puis supprimée", EndAction::Delete),
    ("puis supprimé", EndAction::Delete),
    ("puis effacées", EndAction::Delete),
    ("puis effacés", EndAction::Delete),
    ("puis détruites", EndAction::Delete),
    ("puis détruits", EndAction::Delete),
    ("puis anonymisées", EndAction::Anonymise),
    ("puis anonymisés", EndAction::Anonymise),
    ("puis archivées", EndAction::Archive),
    ("puis archivés", EndAction::Archive),
];

/// Words an event of one plain period never holds: a second period, a condition, a range.
const NOT_PLAIN: &[&str] = &[
    " or ", " ou ", " and ", " et ", " to ", " à ", " unless ", " sauf ", " except ", " if ",
    " si ", " then ", " puis ", ";", " - ", "–", "(",
];

/// Read `text` as one retention period, or `None` when it is not plainly one.
pub fn read(text: &str) -> Option<ReadPeriod> {
    let text = text.trim().trim_end_matches('.').trim();
    let lower = text.to_lowercase();
    // Lower-casing keeps the byte length of these texts' letters (ASCII and Latin accents), so
    // positions in `lower` are positions in `text`; a text where it does not is not read.
    if lower.len() != text.len() {
        return None;
    }
    let (body_len, end_action) = ENDS
        .iter()
        .find(|(ending, _)| lower.ends_with(ending))
        .map_or((text.len(), None), |(ending, action)| {
            (text.len() - ending.len(), Some(*action))
        });
    let body = text[..body_len].trim_end().trim_end_matches(',').trim_end();
    let lower_body = &lower[..body.len()];
    if body.is_empty() {
        return None;
    }
    if let Some(until) = UNTIL.iter().find(|u| lower_body.starts_with(*u)) {
        let event = body[until.len()..].trim();
        return plain_event(event).then(|| ReadPeriod {
            period: RetentionPeriod {
                until: Some(event.to_string()),
                ..RetentionPeriod::default()
            },
            end_action,
        });
    }
    let (duration, rest) = duration_at_start(body)?;
    let rest_lower = rest.to_lowercase();
    let from = if rest.is_empty() {
        None
    } else {
        let connector = FROM.iter().find(|c| rest_lower.starts_with(*c))?;
        let event = rest[connector.len()..].trim();
        if !plain_event(event) {
            return None;
        }
        Some(event.to_string())
    };
    Some(ReadPeriod {
        period: RetentionPeriod {
            duration: Some(duration.to_string()),
            from,
            ..RetentionPeriod::default()
        },
        end_action,
    })
}

/// Whether `event` names one event: not empty, without a second period or a condition.
fn plain_event(event: &str) -> bool {
    let padded = format!(" {} ", event.to_lowercase());
    !event.is_empty() && !NOT_PLAIN.iter().any(|w| padded.contains(w))
}

/// A count and a unit at the start of `text` (« 3 ans », "five years", "13 mois"), and the
/// rest of the text after them.
fn duration_at_start(text: &str) -> Option<(Duration, &str)> {
    let mut words = text.splitn(3, char::is_whitespace);
    let count = number(words.next()?)?;
    let unit = words.next()?.to_lowercase();
    let rest = words.next().unwrap_or("").trim();
    let unit = unit.trim_end_matches(',');
    let mut d = Duration::default();
    match unit {
        "year" | "years" | "yr" | "yrs" | "an" | "ans" | "année" | "années" => d.years = count,
        "month" | "months" | "mois" => d.months = count,
        "week" | "weeks" | "semaine" | "semaines" => d.weeks = count,
        "day" | "days" | "jour" | "jours" => d.days = count,
        _ => return None,
    }
    (count > 0).then_some((d, rest))
}

/// A whole number in digits or in words (English or French, one to twelve).
fn number(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return Some(n);
    }
    const WORDS: &[(&[&str], u32)] = &[
        (&["one", "a", "un", "une"], 1),
        (&["two", "deux"], 2),
        (&["three", "trois"], 3),
        (&["four", "quatre"], 4),
        (&["five", "cinq"], 5),
        (&["six"], 6),
        (&["seven", "sept"], 7),
        (&["eight", "huit"], 8),
        (&["nine", "neuf"], 9),
        (&["ten", "dix"], 10),
        (&["eleven", "onze"], 11),
        (&["twelve", "douze"], 12),
    ];
    let word = word.to_lowercase();
    WORDS
        .iter()
        .find(|(names, _)| names.contains(&word.as_str()))
        .map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duration(text: &str) -> Option<(String, Option<String>, Option<EndAction>)> {
        read(text).and_then(|r| Some((r.period.duration?, r.period.from, r.end_action)))
    }

    #[test]
    fn plain_durations_are_read() {
        assert_eq!(duration("3 ans"), Some(("P3Y".into(), None, None)));
        assert_eq!(
            duration("« 3 ans »".trim_matches(['«', '»', ' '])),
            Some(("P3Y".into(), None, None))
        );
        assert_eq!(
            duration("5 years after the end of the contract."),
            Some(("P5Y".into(), Some("the end of the contract".into()), None))
        );
        assert_eq!(
            duration("13 mois à compter de la collecte, puis supprimées"),
            Some((
                "P13M".into(),
                Some("la collecte".into()),
                Some(EndAction::Delete)
            ))
        );
        assert_eq!(
            duration("Five years from the last order"),
            Some(("P5Y".into(), Some("the last order".into()), None))
        );
        assert_eq!(duration("30 jours"), Some(("P30D".into(), None, None)));
        assert_eq!(duration("un an"), Some(("P1Y".into(), None, None)));
        assert_eq!(
            duration("6 months, then anonymised"),
            Some(("P6M".into(), None, Some(EndAction::Anonymise)))
        );
        let until = read("Jusqu'à la clôture du compte").unwrap();
        assert_eq!(until.period.until.as_deref(), Some("la clôture du compte"));
        assert_eq!(until.period.duration, None);
    }

    #[test]
    fn anything_else_is_left_as_written() {
        for text in [
            "",
            "Durée du contrat",
            "3 à 5 ans",
            "3 years or until the account is closed",
            "1 year, then 5 years in archive",
            "3 ans (prescription)",
            "5 years unless a dispute is pending",
            "0 years",
            "3 decades",
            "5 years about the contract",
            "until",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
