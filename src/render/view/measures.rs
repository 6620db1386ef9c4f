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
    pub measures: Vec<MeasureView>,
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
}

impl Builder<'_> {
    /// The measures under all seventeen Annex III headings of Decision 2021/915.
    pub(super) fn by_category(&self, measures: &[MeasureView]) -> Vec<MeasureGroup> {
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
    pub(super) fn by_cnil_heading(&self, measures: &[MeasureView]) -> Vec<MeasureGroup> {
        group(
            legal::eu()
                .cnil_headings
                .iter()
                .map(|t| (t.key, t.number, t.label(self.lang))),
            measures,
            |m| &m.cnil_heading.key,
        )
    }
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
