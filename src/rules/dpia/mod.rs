//! Data protection impact assessments (Art. 35): required when the processing is likely to result
//! in a high risk, and kept up to date.

mod dpia_outdated;
mod dpia_required_missing;

use super::Rule;
use crate::model::{Activity, Art35Case, Wp248Criterion};
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

/// The key of a criterion as written in YAML.
pub(crate) fn criterion_key(c: Wp248Criterion) -> &'static str {
    match c {
        Wp248Criterion::EvaluationScoring => "evaluation_scoring",
        Wp248Criterion::AutomatedDecision => "automated_decision",
        Wp248Criterion::SystematicMonitoring => "systematic_monitoring",
        Wp248Criterion::SensitiveData => "sensitive_data",
        Wp248Criterion::LargeScale => "large_scale",
        Wp248Criterion::MatchingCombining => "matching_combining",
        Wp248Criterion::VulnerableSubjects => "vulnerable_subjects",
        Wp248Criterion::InnovativeTechnology => "innovative_technology",
        Wp248Criterion::PreventsRights => "prevents_rights",
    }
}

fn case_key(c: Art35Case) -> &'static str {
    match c {
        Art35Case::SystematicEvaluation => "systematic_evaluation (Art. 35(3)(a))",
        Art35Case::LargeScaleSpecialData => "large_scale_special_data (Art. 35(3)(b))",
        Art35Case::PublicMonitoring => "public_monitoring (Art. 35(3)(c))",
    }
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
    out
}

fn describe_criterion(act: &Activity, m: &MetCriterion) -> String {
    let key = criterion_key(m.criterion);
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
