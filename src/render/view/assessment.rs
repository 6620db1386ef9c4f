//! What the record says of automated decisions (Art. 22) and of the DPIA (Art. 35).

use super::*;
use crate::model::{AutomatedDecision, Dpia};
use serde::Serialize;

/// Decisions based solely on automated processing (Art. 22), as the record describes them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AutomatedDecisionView {
    /// What is decided and how, as written.
    pub description: String,
    /// Profiling (Art. 4(4)).
    pub profiling: bool,
    /// Based solely on automated processing.
    pub solely_automated: bool,
    /// Legal or similarly significant effects (Art. 22(1)).
    pub significant_effect: bool,
    /// The Art. 22(2) exception relied on, labelled with its article.
    pub exception: Option<LabelView>,
    /// The law that authorises the decision, for the `law` exception.
    pub legal_reference: Option<String>,
    /// The Art. 22(3) measures, as written.
    pub safeguards: Vec<String>,
}

/// DPIA screening and result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DpiaView {
    /// WP248 criteria met, labelled.
    pub criteria: Vec<LabelView>,
    /// Art. 35(3) cases, labelled.
    pub art35_3: Vec<LabelView>,
    /// Whether a DPIA was carried out.
    pub done: bool,
    /// Reference of the DPIA.
    pub reference: Option<String>,
    /// Its date.
    pub date: Option<DateView>,
    /// Conclusion.
    pub conclusion: Option<String>,
}

impl Builder<'_> {
    /// Decisions based solely on automated processing, field by field.
    pub(super) fn automated_decisions(&self, d: &AutomatedDecision) -> AutomatedDecisionView {
        AutomatedDecisionView {
            description: d.description.clone(),
            profiling: d.profiling,
            solely_automated: d.solely_automated,
            significant_effect: d.significant_effect,
            exception: d.exception.map(|e| term_label(e, self.lang)),
            legal_reference: d.legal_reference.clone(),
            safeguards: d.safeguards.clone(),
        }
    }

    /// What the record says of the DPIA.
    pub(super) fn dpia(&self, d: &Dpia) -> DpiaView {
        DpiaView {
            criteria: d
                .criteria
                .iter()
                .map(|c| term_label(*c, self.lang))
                .collect(),
            art35_3: d
                .art35_3
                .iter()
                .map(|c| term_label(*c, self.lang))
                .collect(),
            done: d.done,
            reference: d.reference.clone(),
            date: d.date.map(|x| self.date(x)),
            conclusion: d.conclusion.clone(),
        }
    }
}
