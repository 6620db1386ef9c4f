//! The Art. 28(3) terms of a processing agreement as documents show them.

use super::*;
use crate::model::ProcessingAgreement;
use serde::Serialize;

/// How sub-processors are authorised.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AuthorisationView {
    /// Specific or general, labelled.
    pub kind: LabelView,
    /// Notice of changes, spelled out.
    pub notice: Option<String>,
    /// The terms, as written.
    pub text: Option<String>,
}

/// The Art. 28(3) terms.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AgreementView {
    /// Title and version of the contract.
    pub reference: Option<String>,
    /// Its date.
    pub date: Option<DateView>,
    /// Where it can be read.
    pub url: Option<String>,
    /// Subject-matter of the processing.
    pub subject_matter: Option<String>,
    /// Duration of the processing, as written.
    pub duration: Option<String>,
    /// Art. 28(3) stipulations, labelled (with their article).
    pub obligations: Vec<LabelView>,
    /// Breach notification deadline, spelled out (`36 heures`).
    pub breach_notification: Option<String>,
    /// The breach-notification commitment as written.
    pub breach_notification_text: Option<String>,
    /// Sub-processor authorisation.
    pub sub_processor_authorisation: Option<AuthorisationView>,
    /// What happens at the end of the services.
    pub end_of_services: Option<String>,
    /// Other commitments, as written.
    pub commitments: Vec<String>,
}

impl Builder<'_> {
    /// The Art. 28(3) terms of a processing agreement.
    pub(super) fn agreement(&self, p: &ProcessingAgreement) -> AgreementView {
        let lang = self.lang;
        AgreementView {
            reference: p.reference.clone(),
            date: p.date.map(|d| self.date(d)),
            url: p.url.clone(),
            subject_matter: p.subject_matter.clone(),
            duration: p.duration.clone(),
            obligations: p.obligations.iter().map(|o| term_label(*o, lang)).collect(),
            breach_notification: p.breach_notification.as_deref().map(|d| self.spell(d)),
            breach_notification_text: p.breach_notification_text.clone(),
            sub_processor_authorisation: p.sub_processor_authorisation.as_ref().map(|s| {
                AuthorisationView {
                    kind: term_label(s.kind, lang),
                    notice: s.notice.as_deref().map(|d| self.spell(d)),
                    text: s.text.clone(),
                }
            }),
            end_of_services: p.end_of_services.clone(),
            commitments: p.commitments.clone(),
        }
    }
}
