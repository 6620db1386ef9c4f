//! The recipients of an activity's data as documents show them, and the processors among them.

use super::*;
use crate::model::{Activity, Recipient, RecipientKind};
use serde::Serialize;
use std::collections::HashSet;

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

impl Builder<'_> {
    /// A recipient, named by its vendor when it has one.
    pub(super) fn recipient(&self, r: &Recipient, names: &Names) -> RecipientView {
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

    /// The processors among the vendors the activity names as recipients or importers, once
    /// each, in the order they first appear (a set keeps this linear in the vendors named).
    pub(super) fn activity_subprocessors(&self, a: &Activity) -> Vec<SubprocessorView> {
        let mut seen = HashSet::new();
        let mut ids: Vec<&str> = Vec::new();
        for id in a
            .recipients
            .iter()
            .filter_map(|r| r.vendor.as_deref())
            .chain(a.transfers.iter().filter_map(|t| t.vendor.as_deref()))
        {
            if seen.insert(id) {
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
}
