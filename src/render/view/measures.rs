//! Security measures as documents show them, grouped by heading.

use super::*;
use crate::model::Measure;
use serde::Serialize;

/// A security measure.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeasureView {
    /// Identifier.
    pub id: String,
    /// Short title.
    pub title: Option<String>,
    /// The measure.
    pub description: String,
    /// Annex III heading, labelled (with its number).
    pub category: LabelView,
    /// CNIL heading, labelled (`other` when the measure has none).
    pub cnil_heading: LabelView,
}

/// Measures under one heading.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeasureGroup {
    /// The heading's key.
    pub key: String,
    /// Its number in its list (1-17 for Annex III, 1-7 for the CNIL sheet).
    pub number: Option<u8>,
    /// Its label.
    pub label: String,
    /// The measures under it, in the activity's order (may be empty).
    pub measures: Vec<Shared<MeasureView>>,
}

/// A list of headings that measures are grouped under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Headings {
    /// The seventeen Annex III headings of Decision 2021/915.
    Category,
    /// The seven CNIL headings.
    CnilHeading,
}

impl Headings {
    /// The key of the heading of this list that `m` goes under.
    fn of(self, m: &MeasureView) -> &str {
        match self {
            Headings::Category => &m.category.key,
            Headings::CnilHeading => &m.cnil_heading.key,
        }
    }
}

impl Builder<'_> {
    pub(super) fn measure(&self, m: &Measure) -> MeasureView {
        MeasureView {
            id: m.id.clone(),
            title: m.title.clone(),
            description: m.description.clone(),
            category: term_label(m.category, self.lang),
            cnil_heading: term_label(
                m.cnil_heading.unwrap_or(crate::model::CnilHeading::Other),
                self.lang,
            ),
        }
    }

    /// The view of a measure of the catalogue, made once for the activities of a document that
    /// name it.
    pub(super) fn shared_measure(&self, m: &Measure) -> Shared<MeasureView> {
        match self.shared {
            Some(shared) => shared.measures.get(&m.id, || self.measure(m)),
            None => Shared::new(self.measure(m)),
        }
    }
}

impl Builder<'_> {
    /// The measures under every heading of `list`, in the list's order: a heading with none
    /// under it is the list's empty group, made once for a document.
    pub(super) fn groups(
        &self,
        list: Headings,
        measures: &[Shared<MeasureView>],
    ) -> Vec<Shared<MeasureGroup>> {
        let made;
        let empty = match self.shared {
            Some(shared) => shared.empty_groups(list, || self.empty_groups(list)),
            None => {
                made = self.empty_groups(list);
                &made
            }
        };
        empty
            .iter()
            .map(|group| {
                let under: Vec<Shared<MeasureView>> = measures
                    .iter()
                    .filter(|m| list.of(m) == group.key)
                    .cloned()
                    .collect();
                if under.is_empty() {
                    group.clone()
                } else {
                    Shared::new(MeasureGroup {
                        measures: under,
                        ..MeasureGroup::clone(group)
                    })
                }
            })
            .collect()
    }

    /// Every heading of `list` with no measure under it.
    fn empty_groups(&self, list: Headings) -> Vec<Shared<MeasureGroup>> {
        let eu = legal::eu();
        let headings: Vec<(String, Option<u8>, &'static str)> = match list {
            Headings::Category => eu
                .measure_categories
                .iter()
                .map(|t| (yaml_name(&t.key), t.number, t.label(self.lang)))
                .collect(),
            Headings::CnilHeading => eu
                .cnil_headings
                .iter()
                .map(|t| (yaml_name(&t.key), t.number, t.label(self.lang)))
                .collect(),
        };
        headings
            .into_iter()
            .map(|(key, number, label)| {
                Shared::new(MeasureGroup {
                    key,
                    number,
                    label: label.to_string(),
                    measures: Vec::new(),
                })
            })
            .collect()
    }
}
