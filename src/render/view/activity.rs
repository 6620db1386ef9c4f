//! One processing activity as a document shows it: the record's identity and dates, its purposes
//! and operations, and the parts built in the sibling files (data, recipients, retention,
//! transfers, measures, agreement, assessments) put together.

use super::*;
use crate::model::{Activity, Purpose};
use serde::Serialize;
use std::collections::HashMap;

/// A purpose with its legal basis.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PurposeView {
    /// The purpose, as written.
    pub description: String,
    /// The Art. 6(1) legal basis, labelled.
    pub legal_basis: Option<LabelView>,
    /// The legitimate interest pursued.
    pub legitimate_interest: Option<String>,
    /// Reference of the legitimate interests assessment.
    pub lia_reference: Option<String>,
    /// Where consent is recorded.
    pub consent_record: Option<String>,
    /// The legal obligation or task, with its reference.
    pub legal_reference: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActivityView {
    /// What a document's lists hold of the activity: id, name, role, record kind, purposes in
    /// one line, dates. Its fields are the view's own in templates (`activity.id`).
    #[serde(flatten)]
    pub summary: ActivitySummary,
    /// Controllers on whose behalf the organisation acts (processor records).
    pub controllers: Vec<PartyView>,
    /// Joint controllers.
    pub joint_controllers: Vec<PartyView>,
    /// Categories of processing carried out for each controller.
    pub processing_categories: Vec<String>,
    /// Purposes.
    pub purposes: Vec<PurposeView>,
    /// Operations (nature of the processing), labelled.
    pub operations: Vec<LabelView>,
    /// Operations' labels joined with `, `.
    pub operations_text: String,
    /// Data subject categories.
    pub data_subjects: Vec<SubjectView>,
    /// Data categories.
    pub data_categories: Vec<DataCategoryView>,
    /// The sensitive ones (Art. 9 or 10) among them.
    pub sensitive_data: Vec<DataCategoryView>,
    /// What the record says about special categories, as written.
    pub special_categories_statement: Option<String>,
    /// Sources of the data.
    pub sources: Vec<String>,
    /// All recipients.
    pub recipients: Vec<Shared<RecipientView>>,
    /// Internal recipients (the same views as in `recipients`).
    pub internal_recipients: Vec<Shared<RecipientView>>,
    /// Other recipients (vendors, authorities, partners, others).
    pub external_recipients: Vec<Shared<RecipientView>>,
    /// Retention rules.
    pub retention: Vec<RetentionView>,
    /// Transfers.
    pub transfers: Vec<TransferView>,
    /// Processors and sub-processors among the recipients and importers.
    pub subprocessors: Vec<SubprocessorView>,
    /// Every way data leaves the EEA: transfers, then sub-processors outside it.
    pub exits_eea: Vec<ExitView>,
    /// Whether any data leaves the EEA (`exits_eea` is not empty).
    pub leaves_eea: bool,
    /// Security measures, in the activity's order.
    pub measures: Vec<Shared<MeasureView>>,
    /// All seventeen Annex III headings of Decision 2021/915, each with its measures.
    pub measures_by_category: Vec<Shared<MeasureGroup>>,
    /// The seven CNIL headings, each with its measures.
    pub measures_by_cnil_heading: Vec<Shared<MeasureGroup>>,
    /// The Art. 28(3) terms.
    pub processing_agreement: Option<AgreementView>,
    /// Automated decision-making: the statement, or the decisions' description.
    pub automated_decision_making: Option<String>,
    /// The automated decisions, field by field, when the record describes them so.
    pub automated_decisions: Option<AutomatedDecisionView>,
    /// The record's statement that the data has no recipient: only then "None".
    pub recipients_statement: Option<String>,
    /// The record's statement that no data leaves the EEA: only then "None".
    pub transfers_statement: Option<String>,
    /// The record's statement that no processor (or sub-processor) handles the data: only then
    /// "None".
    pub processors_statement: Option<String>,
    /// What the record says of retention where no rule sets a period.
    pub retention_statement: Option<String>,
    /// DPIA.
    pub dpia: Option<DpiaView>,
    /// Free notes.
    pub notes: Option<String>,
}

/// What the lists of a document (`activities`, `controller_activities`,
/// `processor_activities`) hold of each activity: enough for a contents, an index and the
/// headings. The whole body of a listed activity is rendered by `sheet_body(id=...)`, one
/// activity at a time, so that a long register never holds every activity's view at once.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActivitySummary {
    /// Identifier (safe in anchors and file names).
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Owning business function.
    pub owner: Option<String>,
    /// The organisation's role, labelled.
    pub role: LabelView,
    /// True for Art. 30(1) controller records (controller or joint controller).
    pub is_controller: bool,
    /// True for Art. 30(2) processor records.
    pub is_processor: bool,
    /// The record's kind: "Controller record (Art. 30(1))" / "Processor record (Art. 30(2))".
    pub record_kind: String,
    /// Purposes' descriptions joined with `; `.
    pub purposes_text: String,
    /// Created.
    pub created: DateView,
    /// Last updated.
    pub updated: DateView,
    /// Last reviewed (defaults to `updated`).
    pub reviewed: DateView,
    /// Next planned review.
    pub next_review: Option<DateView>,
}

impl Builder<'_> {
    pub(super) fn summary(&self, a: &Activity) -> ActivitySummary {
        let is_controller = a.role.is_controller();
        ActivitySummary {
            id: a.id.clone(),
            name: a.name.clone(),
            description: a.description.clone(),
            owner: a.owner.clone(),
            role: term_label(a.role, self.lang),
            is_controller,
            is_processor: !is_controller,
            record_kind: self.record_kind(is_controller),
            purposes_text: self.purposes_text(a),
            created: self.date(a.created),
            updated: self.date(a.updated),
            reviewed: self.date(a.reviewed.unwrap_or(a.updated)),
            next_review: a.next_review.map(|d| self.date(d)),
        }
    }
}

impl Builder<'_> {
    pub(super) fn activity(&self, a: &Activity) -> ActivityView {
        let lang = self.lang;
        let operations: Vec<LabelView> =
            a.operations.iter().map(|o| term_label(*o, lang)).collect();
        let names = Names::new(a);
        let retention: Vec<RetentionView> = a
            .retention
            .iter()
            .map(|r| self.retention(r, &names))
            .collect();
        let data_categories = self.data_categories(a, &retention);
        // Each recipient is listed twice (all, then internal or external): one view, converted
        // once.
        let recipients: Vec<Shared<RecipientView>> = a
            .recipients
            .iter()
            .map(|r| Shared::new(self.recipient(r, &names)))
            .collect();
        let transfers = self.transfers(a, &names);
        let subprocessors = self.activity_subprocessors(a);
        let measures = self.activity_measures(a);
        let exits_eea = self.exits(&transfers, &subprocessors);
        ActivityView {
            summary: self.summary(a),
            controllers: a.controllers.iter().map(PartyView::new).collect(),
            joint_controllers: a.joint_controllers.iter().map(PartyView::new).collect(),
            processing_categories: a.processing_categories.clone(),
            purposes: a.purposes.iter().map(|p| self.purpose(p)).collect(),
            operations_text: operations_text(&operations),
            operations,
            data_subjects: a.data_subjects.iter().map(subject).collect(),
            sensitive_data: sensitive(&data_categories),
            data_categories,
            special_categories_statement: a.special_categories_statement.clone(),
            sources: a.sources.clone(),
            internal_recipients: recipients.iter().filter(|r| r.internal).cloned().collect(),
            external_recipients: recipients.iter().filter(|r| !r.internal).cloned().collect(),
            recipients,
            retention,
            transfers,
            subprocessors,
            leaves_eea: !exits_eea.is_empty(),
            exits_eea,
            measures_by_category: self.groups(Headings::Category, &measures),
            measures_by_cnil_heading: self.groups(Headings::CnilHeading, &measures),
            measures,
            processing_agreement: a.processing_agreement.as_ref().map(|p| self.agreement(p)),
            automated_decision_making: a
                .automated_decision_making
                .as_ref()
                .map(|d| d.text().into()),
            automated_decisions: self.activity_automated_decisions(a),
            recipients_statement: a.recipients_statement.clone(),
            transfers_statement: a.transfers_statement.clone(),
            processors_statement: a.processors_statement.clone(),
            retention_statement: a.retention_statement.clone(),
            dpia: a.dpia.as_ref().map(|d| self.dpia(d)),
            notes: a.notes.clone(),
        }
    }

    /// "Controller record (Art. 30(1))" or "Processor record (Art. 30(2))".
    fn record_kind(&self, is_controller: bool) -> String {
        self.tr(if is_controller {
            "controller_record"
        } else {
            "processor_record"
        })
    }

    /// The purposes' descriptions, without their final full stop, joined by the language's list
    /// separator.
    fn purposes_text(&self, a: &Activity) -> String {
        a.purposes
            .iter()
            .map(|p| p.description.trim_end_matches('.').to_string())
            .collect::<Vec<_>>()
            .join(&self.tr("list_separator"))
    }

    /// The data categories, each with the retention rules that cover it.
    fn data_categories(&self, a: &Activity, retention: &[RetentionView]) -> Vec<DataCategoryView> {
        a.data_categories
            .iter()
            .zip(covering_rules(a))
            .map(|(c, rules)| self.data_category(c, &rules, retention))
            .collect()
    }

    /// The transfers, each told which of the activity's categories are sensitive.
    fn transfers(&self, a: &Activity, names: &Names) -> Vec<TransferView> {
        // Whether each category of the activity is sensitive (Art. 9 or 10).
        let sensitive: HashMap<&str, bool> = a
            .data_categories
            .iter()
            .map(|c| {
                (
                    c.id.as_str(),
                    c.special_category.is_some() || c.criminal_data,
                )
            })
            .collect();
        a.transfers
            .iter()
            .map(|t| self.transfer(t, names, &sensitive))
            .collect()
    }

    /// The security measures the activity names, in its order (unknown ids left out).
    fn activity_measures(&self, a: &Activity) -> Vec<Shared<MeasureView>> {
        a.security_measures
            .iter()
            .filter_map(|id| self.register.measure(id))
            .map(|m| self.shared_measure(&m.item))
            .collect()
    }

    /// The automated decisions, field by field, when the record describes them so.
    fn activity_automated_decisions(&self, a: &Activity) -> Option<AutomatedDecisionView> {
        a.automated_decision_making
            .as_ref()
            .and_then(|d| d.decisions())
            .map(|d| self.automated_decisions(d))
    }

    /// A purpose and its legal basis.
    fn purpose(&self, p: &Purpose) -> PurposeView {
        PurposeView {
            description: p.description.clone(),
            legal_basis: p.legal_basis.map(|b| term_label(b, self.lang)),
            legitimate_interest: p.legitimate_interest.clone(),
            lia_reference: p.lia_reference.clone(),
            consent_record: p.consent_record.clone(),
            legal_reference: p.legal_reference.clone(),
        }
    }
}

/// The sensitive categories (Art. 9 or 10) among the data categories.
fn sensitive(data_categories: &[DataCategoryView]) -> Vec<DataCategoryView> {
    data_categories
        .iter()
        .filter(|c| c.sensitive)
        .cloned()
        .collect()
}

/// The operations as one phrase: "Collection, recording, storage".
fn operations_text(operations: &[LabelView]) -> String {
    operations
        .iter()
        .enumerate()
        .map(|(i, o)| {
            if i == 0 {
                o.label.clone()
            } else {
                lower_first(&o.label)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Enregistrement` -> `enregistrement`, for labels in the middle of a sentence.
pub(super) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
