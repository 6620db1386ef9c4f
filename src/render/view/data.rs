//! The data of an activity as documents show them: subject categories and data categories, with
//! the retention rules that cover each category, and their names by id.

use super::*;
use crate::model::{Activity, DataCategory, DataSubjectCategory};
use serde::Serialize;
use std::collections::HashMap;

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

/// A category of data subjects.
pub(super) fn subject(s: &DataSubjectCategory) -> SubjectView {
    SubjectView {
        id: s.id.clone(),
        name: s.name.clone(),
        description: s.description.clone(),
        vulnerable: s.vulnerable,
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
