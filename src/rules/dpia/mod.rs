//! Data protection impact assessments (Art. 35): required when the processing is likely to result
//! in a high risk, and kept up to date.

mod dpia_outdated;
mod dpia_required_missing;

use super::Rule;
use crate::model::{Activity, Art35Case, Wp248Criterion, yaml_name};
pub use dpia_outdated::DpiaOutdated;
pub use dpia_required_missing::DpiaRequiredMissing;

pub(super) const RULES: &[&dyn Rule] = &[&DpiaRequiredMissing, &DpiaOutdated];

/// A WP248 criterion the activity meets, and why: declared in `dpia.criteria`, or inferred from a
/// node of the activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MetCriterion {
    /// The criterion.
    pub criterion: Wp248Criterion,
    /// `None` when declared; else the JSON pointer of the node it is inferred from.
    pub inferred_from: Option<String>,
}

/// A case of Art. 35(3) as written in YAML, with its letter: `public_monitoring (Art. 35(3)(c))`.
fn case_key(c: Art35Case) -> String {
    let letter = match c {
        Art35Case::SystematicEvaluation => "a",
        Art35Case::LargeScaleSpecialData => "b",
        Art35Case::PublicMonitoring => "c",
    };
    format!("{} (Art. 35(3)({letter}))", yaml_name(&c))
}

/// The WP248 criteria the activity meets: those declared in `dpia.criteria`, plus sensitive data
/// (a special category of Art. 9(1) or Art. 10 data) and vulnerable data subjects inferred from
/// the data and subject categories. Each criterion once, declared ones first.
pub(crate) fn met_criteria(act: &Activity) -> Vec<MetCriterion> {
    let mut out: Vec<MetCriterion> = Vec::new();
    let mut add = |criterion: Wp248Criterion, inferred_from: Option<String>| {
        if !out.iter().any(|m| m.criterion == criterion) {
            out.push(MetCriterion {
                criterion,
                inferred_from,
            });
        }
    };
    if let Some(dpia) = &act.dpia {
        for c in &dpia.criteria {
            add(*c, None);
        }
    }
    for (i, c) in act.data_categories.iter().enumerate() {
        if c.special_category.is_some() {
            add(
                Wp248Criterion::SensitiveData,
                Some(format!("/data_categories/{i}/special_category")),
            );
        } else if c.criminal_data {
            add(
                Wp248Criterion::SensitiveData,
                Some(format!("/data_categories/{i}/criminal_data")),
            );
        }
    }
    for (i, s) in act.data_subjects.iter().enumerate() {
        if s.vulnerable {
            add(
                Wp248Criterion::VulnerableSubjects,
                Some(format!("/data_subjects/{i}/vulnerable")),
            );
        }
    }
    if let Some(adm) = act
        .automated_decision_making
        .as_ref()
        .and_then(|m| m.decisions())
    {
        if adm.profiling {
            add(
                Wp248Criterion::EvaluationScoring,
                Some("/automated_decision_making/profiling".to_string()),
            );
        }
        if adm.significant_effect {
            add(
                Wp248Criterion::AutomatedDecision,
                Some("/automated_decision_making/significant_effect".to_string()),
            );
        }
    }
    out
}

/// The Art. 35(3) cases the activity falls under: those declared in `dpia.art35_3`, plus
/// (a) when automated decisions with legal or similar effects rest on profiling, and (b) when
/// special-category or criminal data is processed with the criterion `large_scale`. For an
/// individual professional (recital 91) the processing is not on a large scale, so (b) is left
/// out. Each case once.
pub(crate) fn art35_cases(act: &Activity, individual_professional: bool) -> Vec<Art35Case> {
    let mut cases: Vec<Art35Case> = act
        .dpia
        .as_ref()
        .map(|d| d.art35_3.clone())
        .unwrap_or_default();
    let declared_large = act
        .dpia
        .as_ref()
        .is_some_and(|d| d.criteria.contains(&Wp248Criterion::LargeScale));
    let special = act
        .data_categories
        .iter()
        .any(|c| c.special_category.is_some() || c.criminal_data);
    if declared_large && special {
        cases.push(Art35Case::LargeScaleSpecialData);
    }
    if act
        .automated_decision_making
        .as_ref()
        .and_then(|m| m.decisions())
        .is_some_and(|adm| adm.profiling && adm.significant_effect)
    {
        cases.push(Art35Case::SystematicEvaluation);
    }
    if individual_professional {
        cases.retain(|c| *c != Art35Case::LargeScaleSpecialData);
    }
    let mut seen = Vec::new();
    cases.retain(|c| {
        let new = !seen.contains(c);
        seen.push(*c);
        new
    });
    cases
}

fn describe_criterion(act: &Activity, m: &MetCriterion) -> String {
    let key = yaml_name(&m.criterion);
    let Some(pointer) = &m.inferred_from else {
        return key.to_string();
    };
    // Name the category the criterion comes from: `/data_categories/2/...` -> its id.
    let mut parts = pointer.split('/').skip(1);
    let (list, index) = (
        parts.next(),
        parts.next().and_then(|i| i.parse::<usize>().ok()),
    );
    let source = match (list, index) {
        (Some("data_categories"), Some(i)) => act
            .data_categories
            .get(i)
            .map(|c| format!("data category `{}`", c.id)),
        (Some("data_subjects"), Some(i)) => act
            .data_subjects
            .get(i)
            .map(|s| format!("data subjects `{}`", s.id)),
        _ => None,
    };
    match source {
        Some(s) => format!("{key} ({s})"),
        None => key.to_string(),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests;
