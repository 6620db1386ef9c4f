//! The "Register" sheet: one row per activity, a cell per column of the chosen layout.

use super::{Cell, date, label, named, party, yes_no};
use crate::export::columns::{self, Column, Field};
use crate::export::{ExportInput, key_of, lines};
use crate::render::view::{ActivityView, PurposeView, RecipientView};

/// One row per activity, each activity resolved when its row is made.
pub(super) fn rows(
    input: &ExportInput<'_>,
    emit: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let cols = columns::columns(input.layout);
    for a in input.activities() {
        let a = input.activity_view(a);
        emit(cols.iter().map(|c| cell(input, &a, c)).collect())?;
    }
    Ok(())
}

fn cell(input: &ExportInput<'_>, a: &ActivityView, c: &Column) -> Cell {
    record_cell(input, a, c.field)
        .or_else(|| purpose_cell(a, c.field))
        .or_else(|| data_cell(input, a, c.field))
        .or_else(|| recipient_cell(a, c.field))
        .or_else(|| safeguard_cell(input, a, c.field))
        .unwrap_or(Cell::Empty)
}

/// The record itself: who keeps it, for whom, when.
fn record_cell(input: &ExportInput<'_>, a: &ActivityView, field: Field) -> Option<Cell> {
    Some(match field {
        Field::Ref => Cell::text(&a.summary.id),
        Field::Name => Cell::text(&a.summary.name),
        Field::Description => Cell::opt(a.summary.description.as_deref()),
        Field::Owner => Cell::opt(a.summary.owner.as_deref()),
        Field::Role => Cell::text(&a.summary.role.label),
        Field::Created => date(&a.summary.created.iso),
        Field::Updated => date(&a.summary.updated.iso),
        Field::Reviewed => date(&a.summary.reviewed.iso),
        Field::NextReview => a
            .summary
            .next_review
            .as_ref()
            .map_or(Cell::Empty, |d| date(&d.iso)),
        Field::Controllers => {
            if a.summary.is_processor {
                Cell::text(lines(a.controllers.iter().map(party)))
            } else {
                Cell::text(&input.view.organisation.full_name)
            }
        }
        Field::JointControllers => Cell::text(lines(a.joint_controllers.iter().map(party))),
        Field::ProcessingCategories => Cell::text(lines(a.processing_categories.iter().cloned())),
        Field::Notes => Cell::opt(a.notes.as_deref()),
        _ => return None,
    })
}

/// The purposes and what each rests on, one line per purpose.
fn purpose_cell(a: &ActivityView, field: Field) -> Option<Cell> {
    let per_purpose = |f: &dyn Fn(&PurposeView) -> Option<String>| {
        let values: Vec<Option<String>> = a.purposes.iter().map(f).collect();
        if values.iter().all(Option::is_none) {
            Cell::Empty
        } else {
            Cell::text(lines(values.into_iter().map(Option::unwrap_or_default)))
        }
    };
    Some(match field {
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
        _ => return None,
    })
}

/// Whose data, which data, from where, for how long.
fn data_cell(input: &ExportInput<'_>, a: &ActivityView, field: Field) -> Option<Cell> {
    Some(match field {
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
                    let what = match &d.special_category {
                        Some(s) => label(s),
                        None => input.tr("criminal_data"),
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
        Field::Retention => Cell::text(lines(a.retention.iter().map(|r| {
            if r.applies_to == input.tr("all_data") {
                r.summary.clone()
            } else {
                format!("{}: {}", r.applies_to, r.summary)
            }
        }))),
        Field::AutomatedDecision => Cell::opt(a.automated_decision_making.as_deref()),
        _ => return None,
    })
}

fn recipient(r: &RecipientView) -> String {
    let kind = r.vendor_role.as_ref().unwrap_or(&r.kind);
    format!(
        "{} ({})",
        named(&r.name, r.description.as_deref()),
        kind.label
    )
}

/// Who receives the data, under which contract, where.
fn recipient_cell(a: &ActivityView, field: Field) -> Option<Cell> {
    Some(match field {
        Field::InternalRecipients => Cell::text(lines(
            a.internal_recipients
                .iter()
                .map(|r| named(&r.name, r.description.as_deref())),
        )),
        Field::ExternalRecipients => {
            Cell::text(lines(a.external_recipients.iter().map(|r| recipient(r))))
        }
        Field::Recipients => Cell::text(lines(a.recipients.iter().map(|r| recipient(r)))),
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
        Field::Location => Cell::text(lines(
            a.subprocessors
                .iter()
                .map(|s| format!("{}: {}", s.name, s.places_text)),
        )),
        _ => return None,
    })
}

/// Transfer safeguards, security measures and the DPIA.
fn safeguard_cell(input: &ExportInput<'_>, a: &ActivityView, field: Field) -> Option<Cell> {
    Some(match field {
        Field::TransferSafeguards => Cell::text(lines(a.transfers.iter().map(|t| {
            let mut parts: Vec<String> = t.mechanism.iter().map(label).collect();
            parts.extend(t.scc_module.iter().map(|m| m.label.clone()));
            parts.extend(t.reference.iter().cloned());
            parts.join(" — ")
        }))),
        Field::Measures(heading) => Cell::text(lines(
            a.measures
                .iter()
                .filter(|m| heading.is_none_or(|h| m.cnil_heading.key == key_of(&h)))
                .map(|m| match &m.title {
                    Some(t) => format!("{t}: {}", m.description),
                    None => m.description.clone(),
                }),
        )),
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
        _ => return None,
    })
}
