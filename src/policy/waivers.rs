//! Waivers: an activity can accept a rule's finding for a reason, approved by someone, until a
//! date, optionally under a JSON pointer. A waived finding is still reported, as waived; an
//! expired waiver brings it back (RP900); a waiver that covers nothing is reported (RP901), and
//! so is one that names no code (RP902).
//!
//! The findings are chained by activity and code once, so applying the waivers costs the
//! findings plus, for each waiver, the findings of its own activity and code.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::catalogue::policy::{EXPIRED_WAIVER, UNKNOWN_RULE, UNUSED_WAIVER};
use crate::catalogue::{Catalogue, Code};
use crate::diagnostics::{AppliedWaiver, Diagnostic};
use crate::model::{Activity, Register, Sourced};

/// Whether a waiver scoped to `scope` covers a finding at `pointer`: the same node or one under
/// it, by whole segments (`/purposes/2` covers `/purposes/2/basis`, not `/purposes/20`).
pub fn covers(scope: &str, pointer: &str) -> bool {
    match pointer.strip_prefix(scope) {
        Some(rest) => scope.is_empty() || rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
}

/// Mark the findings covered by a waiver in force; report expired, unused and unknown waivers.
/// Each waiver adds at most one finding: a caller that reserves room for one per waiver keeps
/// `diagnostics` from being copied to grow.
pub fn apply(
    catalogue: &Catalogue,
    register: &Register,
    as_of: NaiveDate,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // The findings of each activity and code, as a chain: `last` holds a pair's last finding,
    // `previous[n]` the finding of the same pair before finding `n`.
    let mut last: HashMap<(&str, &str), usize> = HashMap::new();
    let mut previous = vec![NONE; diagnostics.len()];
    for (n, d) in diagnostics.iter().enumerate() {
        if let Some(activity) = d.activity.as_deref()
            && let Some(before) = last.insert((activity, d.code.code), n)
        {
            previous[n] = before;
        }
    }
    let mut applied: Vec<(usize, Arc<AppliedWaiver>)> = Vec::new();
    let mut extra = Vec::new();
    for activity in &register.activities {
        for (i, waiver) in activity.item.waivers.iter().enumerate() {
            let pointer = format!("/waivers/{i}");
            let Some(code) = catalogue.find(&waiver.rule) else {
                extra.push(unknown_rule(catalogue, activity, &pointer, &waiver.rule));
                continue;
            };
            let scope = waiver.pointer.as_deref().unwrap_or("");
            let mut candidates = 0;
            let mut covered = Vec::new();
            let mut n = last
                .get(&(activity.item.id.as_str(), code.code))
                .copied()
                .unwrap_or(NONE);
            while n != NONE {
                candidates += 1;
                if diagnostics[n]
                    .pointer
                    .as_deref()
                    .is_some_and(|p| covers(scope, p))
                {
                    covered.push(n);
                }
                n = previous[n];
            }
            crate::work::count(crate::work::Work::WaiverCandidates, candidates);
            if covered.is_empty() {
                extra.push(
                    UNUSED_WAIVER
                        .on_activity(
                            activity,
                            &pointer,
                            format!("waiver for {} ({}) covers no finding", code.code, code.name),
                        )
                        .help("delete the waiver"),
                );
            } else if waiver.expires < as_of {
                extra.push(expired(activity, &pointer, code, waiver.expires));
            } else {
                // One copy of the waiver, shared by the findings it covers.
                let waived = Arc::new(AppliedWaiver {
                    reason: waiver.reason.clone(),
                    approved_by: waiver.approved_by.clone(),
                    expires: waiver.expires,
                });
                applied.extend(covered.into_iter().map(|n| (n, Arc::clone(&waived))));
            }
        }
    }
    for (n, waiver) in applied {
        diagnostics[n].waiver = Some(waiver);
    }
    diagnostics.extend(extra);
}

/// The end of a chain of findings.
const NONE: usize = usize::MAX;

/// The finding for a waiver whose `rule` names no code of the catalogue.
fn unknown_rule(
    catalogue: &Catalogue,
    activity: &Sourced<Activity>,
    pointer: &str,
    rule: &str,
) -> Diagnostic {
    UNKNOWN_RULE
        .on_activity(
            activity,
            &format!("{pointer}/rule"),
            format!("waiver names unknown rule `{rule}`"),
        )
        .help(format!(
            "{}use a code or name listed by `ropa rules`",
            crate::suggest::did_you_mean(rule, catalogue.names())
        ))
}

/// The finding for a waiver past its expiry date, whose findings are reported again.
fn expired(
    activity: &Sourced<Activity>,
    pointer: &str,
    code: &Code,
    expires: NaiveDate,
) -> Diagnostic {
    EXPIRED_WAIVER
        .on_activity(
            activity,
            &format!("{pointer}/expires"),
            format!(
                "waiver for {} ({}) expired on {expires}; its findings are reported again",
                code.code, code.name
            ),
        )
        .help("fix the finding, or renew the waiver with a new expiry date and approval")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::loading::SCHEMA_VIOLATION;
    use crate::model::testing::{activity_with, d, register};

    #[test]
    fn a_scope_covers_whole_segments_only() {
        assert!(covers("", "/purposes/20"));
        assert!(covers("/purposes/2", "/purposes/2"));
        assert!(covers("/purposes/2", "/purposes/2/legal_basis"));
        assert!(!covers("/purposes/2", "/purposes/20"));
        assert!(!covers("/purposes/2", "/purposes/20/legal_basis"));
        assert!(!covers("/purposes/2", "/purposes"));
    }

    /// Regression: a waiver scoped to `/purposes/2` used to cover `/purposes/20` too.
    #[test]
    fn a_waiver_on_purpose_2_leaves_purpose_20_reported() {
        let activity = activity_with(serde_json::json!({"waivers": [{
            "rule": "schema-violation", "reason": "r", "approved_by": "DPO",
            "expires": "2030-01-01", "pointer": "/purposes/2",
        }]}));
        let reg = register(vec![], vec![activity]);
        let at = |pointer: &str| SCHEMA_VIOLATION.on_activity(&reg.activities[0], pointer, "m");
        let mut found = vec![at("/purposes/2/basis"), at("/purposes/20/basis")];
        let catalogue = Catalogue::new(crate::catalogue::stage_codes());
        apply(&catalogue, &reg, d(2026, 11, 25), &mut found);
        assert!(found[0].waiver.is_some());
        assert!(found[1].waiver.is_none());
        assert_eq!(found.len(), 2, "no unused or expired waiver: {found:?}");
    }
}
