//! What the register does not state, listed at the top of the draft notice.

use super::super::view::Translations;
use super::{Fact, Gap, NoticeView};

/// The gaps of a view, in the order the notice shows them.
pub(super) fn gaps(view: &NoticeView, t: &Translations) -> Vec<Gap> {
    let tr = |k: &str| t.get(k).cloned().unwrap_or_else(|| k.to_string());
    let mut out = Vec::new();
    let mut push = |fact: &Fact, key: &str, activity: Option<&str>| {
        if fact.text.is_none() {
            out.push(Gap {
                what: tr(key),
                activity: activity.map(str::to_string),
                source: fact.source.clone(),
            });
        }
    };
    push(
        &view.controller_address,
        "notice_gap_controller_address",
        None,
    );
    push(&view.controller_email, "notice_gap_controller_email", None);
    if let Some(f) = &view.dpo_name {
        push(f, "notice_gap_dpo", None);
    }
    for a in &view.activities {
        let name = a.name.text.as_deref();
        if let Some(f) = &a.purposes_missing {
            push(f, "notice_gap_purposes", name);
        }
        for p in &a.purposes {
            push(&p.legal_basis, "notice_gap_legal_basis", name);
            if let Some(f) = &p.legitimate_interest {
                push(f, "notice_gap_legitimate_interest", name);
            }
        }
        if let Some(f) = &a.data_categories_missing {
            push(f, "notice_gap_data_categories", name);
        }
        if let Some(f) = &a.recipients_missing {
            push(f, "notice_gap_recipients", name);
        }
        if let Some(f) = &a.transfers_missing {
            push(f, "notice_gap_transfers", name);
        }
        for tr in &a.transfers {
            push(&tr.mechanism, "notice_gap_mechanism", name);
        }
        if let Some(f) = &a.retention_missing {
            push(f, "notice_gap_retention", name);
        }
        if let Some(f) = &a.provision_missing {
            push(f, "notice_gap_provision", name);
        }
        push(&a.automated_decision_making, "notice_gap_automated", name);
    }
    push(&view.authority_name, "notice_gap_authority", None);
    out
}
