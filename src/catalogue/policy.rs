//! Codes of the policy stage: waivers (RP900, RP901) and rule settings (RP902, RP903), found
//! while applying the register's settings and waivers to the rules' findings.

use super::Code;

declare_code! {
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
    pub static EXPIRED_WAIVER = { code: "RP900", name: "expired-waiver", severity: Warning, fatal: false, summary: "A waiver has expired" }
}

declare_code! {
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
    pub static UNUSED_WAIVER = { code: "RP901", name: "unused-waiver", severity: Info, fatal: false, summary: "A waiver covers no finding" }
}

declare_code! {
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
    pub static UNKNOWN_RULE = { code: "RP902", name: "unknown-rule", severity: Error, fatal: false, summary: "A setting or waiver names an unknown rule" }
}

declare_code! {
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
    pub static DUPLICATE_RULE_SETTING = { code: "RP903", name: "duplicate-rule-setting", severity: Warning, fatal: false, summary: "A rule is set twice in settings.rules" }
}

/// Every policy code, in code order.
pub const ALL: &[&Code] = &[
    &EXPIRED_WAIVER,
    &UNUSED_WAIVER,
    &UNKNOWN_RULE,
    &DUPLICATE_RULE_SETTING,
];
