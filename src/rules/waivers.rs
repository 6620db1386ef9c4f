//! Waivers: an activity can accept a rule's finding for a reason, approved by someone, until a
//! date. A waived finding is still reported, as waived; an expired waiver brings it back.

use std::collections::HashMap;

use super::{Context, Rule};
use crate::diagnostics::{AppliedWaiver, Diagnostic};

pub(super) const RULES: &[&dyn Rule] = &[
    &ExpiredWaiver,
    &UnusedWaiver,
    &UnknownRule,
    &DuplicateRuleSetting,
];

macro_rules! applied_elsewhere {
    ($name:ident) => {
        impl Rule for $name {
            // Found while applying waivers and settings, after the other rules ran.
            fn check(&self, _: &Context<'_>, _: &mut Vec<Diagnostic>) {}
        }
    };
}

declare_rule! {
    /// ## What it checks
    /// That waivers are still in force on the check date.
    ///
    /// ## Why
    /// A waiver records an accepted risk for a time (accountability, Art. 5(2)); when it expires
    /// the decision must be taken again, so the finding it covered comes back and this warning
    /// says why.
    ///
    /// ## Example
    /// ```yaml
    /// waivers:
    ///   - rule: RP700
    ///     reason: DPIA scheduled for Q1
    ///     approved_by: DPO
    ///     expires: 2024-03-31
    /// ```
    /// checked on 2024-06-01.
    ///
    /// ## How to fix
    /// Fix the finding, or renew the waiver with a new date and approval.
    pub struct ExpiredWaiver { code: "RP900", name: "expired-waiver", severity: Warning, summary: "A waiver has expired" }
}
applied_elsewhere!(ExpiredWaiver);

declare_rule! {
    /// ## What it checks
    /// That every waiver still covers a finding.
    ///
    /// ## Why
    /// A waiver that covers nothing is stale: the problem was fixed or the rule changed, and the
    /// waiver would silently hide a future finding.
    ///
    /// ## Example
    /// A waiver for `missing-legal-basis` on an activity whose purposes all have a basis.
    ///
    /// ## How to fix
    /// Delete the waiver.
    pub struct UnusedWaiver { code: "RP901", name: "unused-waiver", severity: Info, summary: "A waiver covers no finding" }
}
applied_elsewhere!(UnusedWaiver);

declare_rule! {
    /// ## What it checks
    /// That rule settings in ropa.yaml and waivers name rules that exist, by code or name.
    ///
    /// ## Why
    /// A misspelt rule name in a setting or waiver would do nothing without a word.
    ///
    /// ## Example
    /// ```yaml
    /// settings:
    ///   rules:
    ///     missing-legal-bases: warning
    /// ```
    ///
    /// ## How to fix
    /// Use a code or name listed by `ropa rules`.
    pub struct UnknownRule { code: "RP902", name: "unknown-rule", severity: Error, summary: "A setting or waiver names an unknown rule" }
}
applied_elsewhere!(UnknownRule);

declare_rule! {
    /// ## What it checks
    /// That `settings.rules` in ropa.yaml sets each rule once: not by its code and by its name.
    ///
    /// ## Why
    /// Two settings for one rule contradict each other; only one applies, and which one is not
    /// obvious to the reader of the file.
    ///
    /// ## Example
    /// ```yaml
    /// settings:
    ///   rules:
    ///     RP200: off
    ///     missing-legal-basis: warning
    /// ```
    ///
    /// ## How to fix
    /// Keep one of the two settings.
    pub struct DuplicateRuleSetting { code: "RP903", name: "duplicate-rule-setting", severity: Warning, summary: "A rule is set twice in settings.rules" }
}
applied_elsewhere!(DuplicateRuleSetting);

/// Mark the findings covered by a waiver in force, report expired, unused and unknown waivers.
///
/// Findings are indexed once by activity and rule, so a waiver only looks at the findings of its
/// own activity and rule: the cost grows with the findings and waivers of the register, not
/// with their product.
pub fn apply(ctx: &Context<'_>, diagnostics: &mut Vec<Diagnostic>) {
    // Keys borrow the activity's id from the register, not from the findings being marked.
    let mut by_activity_rule: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if let Some(activity) = d
            .activity
            .as_deref()
            .and_then(|id| ctx.register.activity(id))
        {
            by_activity_rule
                .entry((activity.item.id.as_str(), d.code))
                .or_default()
                .push(i);
        }
    }
    let mut extra = Vec::new();
    for activity in &ctx.register.activities {
        for (i, waiver) in activity.item.waivers.iter().enumerate() {
            let pointer = format!("/waivers/{i}");
            let Some(rule) = super::find(&waiver.rule) else {
                extra.push(
                    UnknownRule::META
                        .on_activity(
                            activity,
                            &format!("{pointer}/rule"),
                            format!("waiver names unknown rule `{}`", waiver.rule),
                        )
                        .help("use a code or name listed by `ropa rules`"),
                );
                continue;
            };
            let meta = rule.meta();
            let scope = waiver.pointer.as_deref().unwrap_or("");
            let candidates = by_activity_rule
                .get(&(activity.item.id.as_str(), meta.code))
                .map_or(&[][..], Vec::as_slice);
            crate::work::count(crate::work::Work::WaiverCandidates, candidates.len());
            let mut covered = candidates.iter().copied().filter(|&i| {
                diagnostics[i]
                    .pointer
                    .as_deref()
                    .is_some_and(|p| within(p, scope))
            });
            let mut used = false;
            if waiver.expires < ctx.as_of {
                if covered.next().is_some() {
                    extra.push(
                        ExpiredWaiver::META
                            .on_activity(
                                activity,
                                &format!("{pointer}/expires"),
                                format!(
                                    "waiver for {} ({}) expired on {}; its findings are reported again",
                                    meta.code, meta.name, waiver.expires
                                ),
                            )
                            .help("fix the finding, or renew the waiver with a new expiry date and approval"),
                    );
                    used = true;
                }
            } else {
                let covered: Vec<usize> = covered.collect();
                for i in covered {
                    diagnostics[i].waiver = Some(AppliedWaiver {
                        reason: waiver.reason.clone(),
                        approved_by: waiver.approved_by.clone(),
                        expires: waiver.expires,
                    });
                    used = true;
                }
            }
            if !used {
                extra.push(
                    UnusedWaiver::META
                        .on_activity(
                            activity,
                            &pointer,
                            format!("waiver for {} ({}) covers no finding", meta.code, meta.name),
                        )
                        .help("delete the waiver"),
                );
            }
        }
    }
    diagnostics.extend(extra);
}

/// Whether `pointer` is `scope` or lies under it, segment by segment: `/purposes/2` covers
/// `/purposes/2/legal_basis` but not `/purposes/20`.
fn within(pointer: &str, scope: &str) -> bool {
    pointer
        .strip_prefix(scope)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/') || scope.ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn scopes_cover_whole_segments() {
        assert!(within("/purposes/2", ""));
        assert!(within("/purposes/2", "/purposes/2"));
        assert!(within("/purposes/2/legal_basis", "/purposes/2"));
        assert!(!within("/purposes/20", "/purposes/2"));
        assert!(!within("/purposes", "/purposes/2"));
    }
}
