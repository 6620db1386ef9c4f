//! One processing activity as a document shows it: purposes, subjects, data, recipients, the
//! Art. 28 agreement and the DPIA.

use super::*;
use crate::legal::{self};
use crate::model::{
    Activity, AutomatedDecision, DataCategory, DataSubjectCategory, Dpia, ProcessingAgreement,
    Purpose, Recipient, RecipientKind, Transfer, yaml_name,
};
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

/// A category of data subjects.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SubjectView {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Details.
    pub description: Option<String>,
    /// Vulnerable data subjects.
    pub vulnerable: bool,
}

/// A category of personal data.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DataCategoryView {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// The heading the category is listed under in the source, if any.
    pub group: Option<String>,
    /// The data items, as written.
    pub description: Option<String>,
    /// True for special-category (Art. 9) or criminal-offence (Art. 10) data: mark it.
    pub sensitive: bool,
    /// The Art. 9(1) category, labelled.
    pub special_category: Option<LabelView>,
    /// The Art. 9(2) condition relied on, labelled.
    pub art9_condition: Option<LabelView>,
    /// Art. 10 data.
    pub criminal_data: bool,
    /// For Art. 10 data, the authority or law that authorises it.
    pub art10_authorisation: Option<String>,
    /// Where the data comes from.
    pub source: Option<String>,
    /// Tools named as processing it.
    pub tools: Vec<String>,
    /// The retention rules that cover this category, spelled out (see [`RetentionView::summary`]).
    pub retention: Vec<String>,
}

/// A recipient of the data.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecipientView {
    /// Kind of recipient, labelled.
    pub kind: LabelView,
    /// Name: the vendor's name from the catalogue for vendors.
    pub name: String,
    /// What it receives or does: the activity's description, else the vendor's service.
    pub description: Option<String>,
    /// The vendor's id, for vendors.
    pub vendor_id: Option<String>,
    /// The vendor's role, labelled, for vendors.
    pub vendor_role: Option<LabelView>,
    /// Names of the data categories it receives (empty: all).
    pub data_categories: Vec<String>,
    /// True for internal departments.
    pub internal: bool,
}

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

/// One processing activity, ready to print.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActivityView {
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
    /// Controllers on whose behalf the organisation acts (processor records).
    pub controllers: Vec<PartyView>,
    /// Joint controllers.
    pub joint_controllers: Vec<PartyView>,
    /// Categories of processing carried out for each controller.
    pub processing_categories: Vec<String>,
    /// Created.
    pub created: DateView,
    /// Last updated.
    pub updated: DateView,
    /// Last reviewed (defaults to `updated`).
    pub reviewed: DateView,
    /// Next planned review.
    pub next_review: Option<DateView>,
    /// Purposes.
    pub purposes: Vec<PurposeView>,
    /// Purposes' descriptions joined with `; `.
    pub purposes_text: String,
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
    pub recipients: Vec<RecipientView>,
    /// Internal recipients.
    pub internal_recipients: Vec<RecipientView>,
    /// Other recipients (vendors, authorities, partners, others).
    pub external_recipients: Vec<RecipientView>,
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
    pub measures: Vec<MeasureView>,
    /// All seventeen Annex III headings of Decision 2021/915, each with its measures.
    pub measures_by_category: Vec<MeasureGroup>,
    /// The seven CNIL headings, each with its measures.
    pub measures_by_cnil_heading: Vec<MeasureGroup>,
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
        let data_categories: Vec<DataCategoryView> = a
            .data_categories
            .iter()
            .zip(covering_rules(a))
            .map(|(c, rules)| self.data_category(c, &rules, &retention))
            .collect();
        let recipients: Vec<RecipientView> = a
            .recipients
            .iter()
            .map(|r| self.recipient(r, &names))
            .collect();
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
        let transfers: Vec<TransferView> = a
            .transfers
            .iter()
            .map(|t| self.transfer(t, &names, &sensitive))
            .collect();
        let subprocessors = self.activity_subprocessors(a);
        let measures: Vec<MeasureView> = a
            .security_measures
            .iter()
            .filter_map(|id| self.register.measure(id))
            .map(|m| self.measure(&m.item))
            .collect();
        let exits_eea = self.exits(&transfers, &subprocessors);
        let is_controller = a.role.is_controller();
        ActivityView {
            id: a.id.clone(),
            name: a.name.clone(),
            description: a.description.clone(),
            owner: a.owner.clone(),
            record_kind: self.tr(if is_controller {
                "controller_record"
            } else {
                "processor_record"
            }),
            role: term_label(a.role, lang),
            is_controller,
            is_processor: !is_controller,
            controllers: a.controllers.iter().map(PartyView::new).collect(),
            joint_controllers: a.joint_controllers.iter().map(PartyView::new).collect(),
            processing_categories: a.processing_categories.clone(),
            created: self.date(a.created),
            updated: self.date(a.updated),
            reviewed: self.date(a.reviewed.unwrap_or(a.updated)),
            next_review: a.next_review.map(|d| self.date(d)),
            purposes_text: a
                .purposes
                .iter()
                .map(|p| p.description.trim_end_matches('.').to_string())
                .collect::<Vec<_>>()
                .join(&self.tr("list_separator")),
            purposes: a.purposes.iter().map(|p| self.purpose(p)).collect(),
            operations_text: operations_text(&operations),
            operations,
            data_subjects: a.data_subjects.iter().map(subject).collect(),
            sensitive_data: data_categories
                .iter()
                .filter(|c| c.sensitive)
                .cloned()
                .collect(),
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
            measures_by_category: self.by_category(&measures),
            measures_by_cnil_heading: self.by_cnil_heading(&measures),
            measures,
            processing_agreement: a.processing_agreement.as_ref().map(|p| self.agreement(p)),
            automated_decision_making: a
                .automated_decision_making
                .as_ref()
                .map(|d| d.text().to_string()),
            automated_decisions: a
                .automated_decision_making
                .as_ref()
                .and_then(|d| d.decisions())
                .map(|d| self.automated_decisions(d)),
            recipients_statement: a.recipients_statement.clone(),
            transfers_statement: a.transfers_statement.clone(),
            processors_statement: a.processors_statement.clone(),
            retention_statement: a.retention_statement.clone(),
            dpia: a.dpia.as_ref().map(|d| self.dpia(d)),
            notes: a.notes.clone(),
        }
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

    /// A recipient, named by its vendor when it has one.
    fn recipient(&self, r: &Recipient, names: &Names) -> RecipientView {
        let vendor = r.vendor.as_deref().and_then(|id| self.register.vendor(id));
        let name = match (vendor, &r.name, &r.vendor) {
            (Some(v), _, _) => v.item.name.clone(),
            (None, Some(n), _) => n.clone(),
            (None, None, Some(id)) => id.clone(),
            (None, None, None) => self.tr("not_stated"),
        };
        RecipientView {
            kind: term_label(r.kind, self.lang),
            name,
            description: r
                .description
                .clone()
                .or_else(|| vendor.map(|v| v.item.service.clone())),
            vendor_id: r.vendor.clone(),
            vendor_role: vendor.map(|v| term_label(v.item.role, self.lang)),
            data_categories: r
                .data_categories
                .iter()
                .map(|id| names.category(id))
                .collect(),
            internal: r.kind == RecipientKind::Internal,
        }
    }

    /// A transfer, completed by the safeguard its vendor records for the country.
    fn transfer(
        &self,
        t: &Transfer,
        names: &Names,
        sensitive: &HashMap<&str, bool>,
    ) -> TransferView {
        let lang = self.lang;
        let vendor = t.vendor.as_deref().and_then(|id| self.register.vendor(id));
        // Matched like the rules match it: `UK` and `GB` are one country.
        let safeguard = vendor
            .zip(t.country.as_deref())
            .and_then(|(v, c)| legal::vendor_safeguard(&v.item, c))
            .map(|(_, s)| s);
        let mechanism = t.mechanism.or(safeguard.and_then(|s| s.mechanism));
        let scc_module = t.scc_module.or(safeguard.and_then(|s| s.scc_module));
        let destination = match (&t.country, &t.international_organisation) {
            (Some(c), _) => self.country_name(c),
            (None, Some(o)) => o.clone(),
            (None, None) => self.tr("not_stated"),
        };
        TransferView {
            country: t.country.clone(),
            destination,
            outside_eea: t.country.as_deref().is_none_or(|c| !legal::is_eea(c)),
            importer: vendor
                .map(|v| v.item.name.clone())
                .or_else(|| t.importer.clone())
                .or_else(|| t.vendor.clone()),
            vendor_id: t.vendor.clone(),
            description: t.description.clone(),
            frequency: t.frequency.map(|f| term_label(f, lang)),
            mechanism: mechanism.map(|m| mechanism_label(m, lang)),
            scc_module: scc_module.map(|m| term_label(m, lang)),
            reference: if t.mechanism.is_none() {
                safeguard.and_then(|s| s.reference.clone())
            } else {
                None
            },
            documentation: t.documentation.clone(),
            supplementary_measures: if t.supplementary_measures.is_empty() {
                safeguard
                    .map(|s| s.supplementary_measures.clone())
                    .unwrap_or_default()
            } else {
                t.supplementary_measures.clone()
            },
            data_subjects: t.data_subjects.iter().map(|id| names.subject(id)).collect(),
            data_categories: t
                .data_categories
                .iter()
                .map(|id| names.category(id))
                .collect(),
            sensitive_data: t
                .data_categories
                .iter()
                .filter(|id| sensitive.get(id.as_str()) == Some(&true))
                .map(|id| names.category(id))
                .collect(),
            // Derivable only when the transfer declares its categories and each is a category
            // of the activity that the record does not mark special or criminal.
            no_sensitive_data: !t.data_categories.is_empty()
                && t.data_categories
                    .iter()
                    .all(|id| sensitive.get(id.as_str()) == Some(&false)),
            purposes: t.purposes.clone(),
            retention: t.retention.clone(),
        }
    }

    /// The processors among the vendors the activity names as recipients or importers, once
    /// each, in the order they first appear.
    fn activity_subprocessors(&self, a: &Activity) -> Vec<SubprocessorView> {
        let mut ids: Vec<&str> = Vec::new();
        for id in a
            .recipients
            .iter()
            .filter_map(|r| r.vendor.as_deref())
            .chain(a.transfers.iter().filter_map(|t| t.vendor.as_deref()))
        {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids.iter()
            .filter_map(|id| self.register.vendor(id))
            .filter(|v| v.item.role.is_processor())
            .map(|v| {
                let mut row = self.subprocessor(&v.item);
                row.activities = vec![a.name.clone()];
                row
            })
            .collect()
    }

    /// The measures under all seventeen Annex III headings of Decision 2021/915.
    fn by_category(&self, measures: &[MeasureView]) -> Vec<MeasureGroup> {
        group(
            legal::eu()
                .measure_categories
                .iter()
                .map(|t| (t.key, t.number, t.label(self.lang))),
            measures,
            |m| &m.category.key,
        )
    }

    /// The measures under the seven CNIL headings.
    fn by_cnil_heading(&self, measures: &[MeasureView]) -> Vec<MeasureGroup> {
        group(
            legal::eu()
                .cnil_headings
                .iter()
                .map(|t| (t.key, t.number, t.label(self.lang))),
            measures,
            |m| &m.cnil_heading.key,
        )
    }

    /// The Art. 28(3) terms of a processing agreement.
    fn agreement(&self, p: &ProcessingAgreement) -> AgreementView {
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

    /// Decisions based solely on automated processing, field by field.
    fn automated_decisions(&self, d: &AutomatedDecision) -> AutomatedDecisionView {
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
    fn dpia(&self, d: &Dpia) -> DpiaView {
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

/// A category of data subjects.
fn subject(s: &DataSubjectCategory) -> SubjectView {
    SubjectView {
        id: s.id.clone(),
        name: s.name.clone(),
        description: s.description.clone(),
        vulnerable: s.vulnerable,
    }
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

impl Builder<'_> {
    pub(super) fn data_category(
        &self,
        c: &DataCategory,
        covering_rules: &[usize],
        retention: &[RetentionView],
    ) -> DataCategoryView {
        let covering = covering_rules
            .iter()
            .filter_map(|&i| retention.get(i))
            .map(|view| view.summary.clone())
            .collect();
        DataCategoryView {
            id: c.id.clone(),
            name: c.name.clone(),
            group: c.group.clone(),
            description: c.description.clone(),
            sensitive: c.special_category.is_some() || c.criminal_data,
            special_category: c.special_category.map(|s| term_label(s, self.lang)),
            art9_condition: c.art9_condition.map(|s| term_label(s, self.lang)),
            criminal_data: c.criminal_data,
            art10_authorisation: c.art10_authorisation.clone(),
            source: c.source.clone(),
            tools: c.tools.clone(),
            retention: covering,
        }
    }
}

/// `Enregistrement` -> `enregistrement`, for labels in the middle of a sentence.
pub(super) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The names of an activity's data categories and subject categories by id, so that a lookup
/// costs the same however many there are (a rule may list tens of thousands).
pub(super) struct Names<'a> {
    pub(super) categories: HashMap<&'a str, &'a str>,
    pub(super) subjects: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    pub(super) fn new(a: &'a Activity) -> Self {
        let mut categories = HashMap::with_capacity(a.data_categories.len());
        for c in &a.data_categories {
            categories.entry(c.id.as_str()).or_insert(c.name.as_str());
        }
        let mut subjects = HashMap::with_capacity(a.data_subjects.len());
        for s in &a.data_subjects {
            subjects.entry(s.id.as_str()).or_insert(s.name.as_str());
        }
        Names {
            categories,
            subjects,
        }
    }

    /// A data category's name; its id when the activity has no such category.
    pub(super) fn category(&self, id: &str) -> String {
        self.categories.get(id).unwrap_or(&id).to_string()
    }

    /// A subject category's name; its id when the activity has no such category.
    pub(super) fn subject(&self, id: &str) -> String {
        self.subjects.get(id).unwrap_or(&id).to_string()
    }
}

/// For each data category (by index), the indices of the retention rules that cover it, in rule
/// order: those that name it, and those that name no category, subject or scope (they cover
/// everything). One pass over the rules' lists, not one per category.
pub(super) fn covering_rules(a: &Activity) -> Vec<Vec<usize>> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut universal = Vec::new();
    for (i, rule) in a.retention.iter().enumerate() {
        if rule.data_categories.is_empty() && rule.data_subjects.is_empty() && rule.scope.is_none()
        {
            universal.push(i);
        }
        for id in &rule.data_categories {
            let rules = by_id.entry(id.as_str()).or_default();
            if rules.last() != Some(&i) {
                rules.push(i);
            }
        }
    }
    a.data_categories
        .iter()
        .map(|c| {
            let mut rules = universal.clone();
            rules.extend(by_id.get(c.id.as_str()).into_iter().flatten());
            rules.sort_unstable();
            rules.dedup();
            rules
        })
        .collect()
}

/// Group measures under every heading of a list, in the list's order.
pub(super) fn group<K: Serialize>(
    headings: impl Iterator<Item = (K, Option<u8>, &'static str)>,
    measures: &[MeasureView],
    key: impl Fn(&MeasureView) -> &String,
) -> Vec<MeasureGroup> {
    headings
        .map(|(k, number, label)| {
            let k = yaml_name(&k);
            MeasureGroup {
                measures: measures.iter().filter(|m| *key(m) == k).cloned().collect(),
                key: k,
                number,
                label: label.to_string(),
            }
        })
        .collect()
}
