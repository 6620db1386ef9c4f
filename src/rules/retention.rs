//! Retention (Art. 5(1)(e), Art. 30(1)(f)): every category of data has a time limit, written as a
//! valid ISO 8601 duration or an end event, and ends in deletion or anonymisation.

use super::completeness::filled;
use super::{Context, Rule};
use crate::diagnostics::Diagnostic;
use crate::duration::Duration;
use crate::model::{EndAction, RetentionPhase, RetentionRule};

mod final_archive_without_purpose;

pub(super) const RULES: &[&dyn Rule] = &[
    &RetentionMissing,
    &InvalidRetentionDuration,
    &OpenEndedRetention,
    &ArchiveWithoutDeletion,
    &final_archive_without_purpose::FinalArchiveWithoutPurpose,
];

/// Whether a retention rule covers a data category: it names it, or names no category at all (it
/// then covers every category, for some groups of data subjects or for its `scope`).
fn covers(rule: &RetentionRule, category: &str) -> bool {
    rule.data_categories.is_empty() || rule.data_categories.iter().any(|c| c == category)
}

declare_rule! {
    /// ## What it checks
    /// That in a controller record with retention rules, every data category is covered by at
    /// least one of them. A rule covers the categories it lists in `data_categories`; a rule that
    /// lists none covers them all (for the `data_subjects` it names, or for its `scope`). A
    /// controller record with no retention rule at all is reported once, by RP101.
    ///
    /// ## Why
    /// Art. 30(1)(f) asks for "the envisaged time limits for erasure of the different categories
    /// of data", where possible; storage limitation (Art. 5(1)(e)) applies to every category. The
    /// CNIL's register sheet asks for a retention period on each data category row, and the
    /// Garante fined Foodinho in 2021 partly for a register that left categories out.
    ///
    /// ## Example
    /// ```yaml
    /// data_categories:
    ///   - id: identity
    ///     name: Identity and contact details
    ///   - id: connection-logs
    ///     name: Connection logs
    /// retention:
    ///   - data_categories: [identity]
    ///     periods:
    ///       - duration: P3Y
    ///         from: end of the business relationship
    ///     end_action: delete
    /// ```
    ///
    /// ## How to fix
    /// Add a rule for the category left out:
    /// ```yaml
    ///   - data_categories: [connection-logs]
    ///     periods:
    ///       - duration: P1Y
    ///         from: connection
    ///     end_action: delete
    /// ```
    pub struct RetentionMissing { code: "RP400", name: "retention-missing", severity: Warning, summary: "A data category has no retention rule" }
}

impl Rule for RetentionMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            // Processor records have no erasure limits (Art. 30(2)); a record with no rule at all
            // is RP101's.
            if !act.role.is_controller() || act.retention.is_empty() {
                continue;
            }
            for (i, c) in act.data_categories.iter().enumerate() {
                if !act.retention.iter().any(|r| covers(r, &c.id)) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/data_categories/{i}"),
                                format!(
                                    "data category `{}` is covered by no retention rule (Art. 30(1)(f))",
                                    c.id
                                ),
                            )
                            .help(format!(
                                "add a rule under `retention:` with `data_categories: [{}]`, its `periods:` and an `end_action:`, or list `{}` in an existing rule",
                                c.id, c.id
                            )),
                    );
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every `duration` of a retention period, both bounds of a `range` and every variant's
    /// `duration` are ISO 8601 durations (`P3Y`, `P18M`, `P2W`, `P90D`, `PT36H`), and that a
    /// range's `min` is not longer than its `max`.
    ///
    /// ## Why
    /// The time limits for erasure (Art. 30(1)(f)) are only useful if they can be read without
    /// doubt, by people and by the tools that purge data. A free-text duration such as `3 years`
    /// cannot be compared, summed or rendered in another language, and a range whose bounds are
    /// swapped states no limit at all.
    ///
    /// ## Example
    /// ```yaml
    /// retention:
    ///   - periods:
    ///       - duration: 3 years
    ///       - phase: intermediate_archive
    ///         range:
    ///           min: P10Y
    ///           max: P5Y
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// retention:
    ///   - periods:
    ///       - duration: P3Y
    ///       - phase: intermediate_archive
    ///         range:
    ///           min: P5Y
    ///           max: P10Y
    ///     end_action: delete
    /// ```
    pub struct InvalidRetentionDuration { code: "RP401", name: "invalid-retention-duration", severity: Error, summary: "A retention duration is not valid ISO 8601, or a range is reversed" }
}

impl Rule for InvalidRetentionDuration {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let mut parse = |text: &str, pointer: String, field: &str| -> Option<Duration> {
                match Duration::parse(text) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        out.push(
                            Self::META
                                .on_activity(a, &pointer, e.to_string())
                                .help(format!(
                                    "write `{field}:` as an ISO 8601 duration, for example `P3Y` (3 years), `P6M` (6 months) or `P90D` (90 days)"
                                )),
                        );
                        None
                    }
                }
            };
            let mut reversed = Vec::new();
            for (i, rule) in a.item.retention.iter().enumerate() {
                for (j, period) in rule.periods.iter().enumerate() {
                    let at = format!("/retention/{i}/periods/{j}");
                    if let Some(d) = &period.duration {
                        parse(d, format!("{at}/duration"), "duration");
                    }
                    if let Some(range) = &period.range {
                        let min = parse(&range.min, format!("{at}/range/min"), "min");
                        let max = parse(&range.max, format!("{at}/range/max"), "max");
                        if let (Some(min), Some(max)) = (min, max)
                            && min.approx_days() > max.approx_days()
                        {
                            reversed.push((
                                format!("{at}/range"),
                                range.min.clone(),
                                range.max.clone(),
                            ));
                        }
                    }
                    for (k, v) in period.variants.iter().enumerate() {
                        parse(
                            &v.duration,
                            format!("{at}/variants/{k}/duration"),
                            "duration",
                        );
                    }
                }
            }
            for (pointer, min, max) in reversed {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &pointer,
                            format!(
                                "the range's minimum `{min}` is longer than its maximum `{max}`"
                            ),
                        )
                        .help("swap `min:` and `max:`"),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every retention rule has at least one period, that every period ends, by a
    /// `duration`, a `range` or an `until` event, and that every rule says what happens at the end
    /// (`end_action: delete` or `anonymise`). A period of the `final_archive` phase may be open:
    /// archiving in the public interest, research and statistics can keep data longer
    /// (Art. 5(1)(e), Art. 89). A missing `end_action` after an intermediate archive is reported
    /// by RP403.
    ///
    /// ## Why
    /// Personal data may be kept no longer than necessary for the purposes (Art. 5(1)(e)); the
    /// record gives the envisaged time limits for erasure (Art. 30(1)(f)). "As long as necessary"
    /// or a period with no end is no time limit, and a limit that does not say whether the data is
    /// then deleted or anonymised leaves the end of retention undecided (CNIL, "Les durées de
    /// conservation", 2020).
    ///
    /// ## Example
    /// ```yaml
    /// retention:
    ///   - text: Kept as long as necessary.
    ///   - data_categories: [identity]
    ///     periods:
    ///       - from: account creation
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// retention:
    ///   - data_categories: [identity]
    ///     periods:
    ///       - from: account creation
    ///         until: account closure
    ///     end_action: delete
    /// ```
    pub struct OpenEndedRetention { code: "RP402", name: "open-ended-retention", severity: Warning, summary: "A retention rule sets no end, or does not say what happens at the end" }
}

impl Rule for OpenEndedRetention {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            for (i, rule) in a.item.retention.iter().enumerate() {
                if rule.periods.is_empty() {
                    let text = if filled(&rule.text) {
                        " (only `text`)"
                    } else {
                        ""
                    };
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/retention/{i}"),
                                format!("the retention rule states no period{text}, so no time limit"),
                            )
                            .help("add `periods:` with a `duration:` (for example `P3Y`) or an `until:` event"),
                    );
                }
                for (j, p) in rule.periods.iter().enumerate() {
                    if p.phase == Some(RetentionPhase::FinalArchive)
                        || p.duration.is_some()
                        || p.range.is_some()
                        || filled(&p.until)
                    {
                        continue;
                    }
                    let message = if p.variants.is_empty() {
                        "the retention period has no `duration`, `range` or `until` event: it never ends"
                    } else {
                        "the retention period has durations only for its `variants`: outside their conditions it never ends"
                    };
                    out.push(
                        Self::META
                            .on_activity(a, &format!("/retention/{i}/periods/{j}"), message)
                            .help("add `duration:` (for example `P3Y`), `range:` with `min:` and `max:`, or `until:` naming the event that ends the period"),
                    );
                }
                let last = rule.periods.last().and_then(|p| p.phase);
                if rule.end_action.is_none()
                    && !matches!(
                        last,
                        Some(RetentionPhase::IntermediateArchive | RetentionPhase::FinalArchive)
                    )
                {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/retention/{i}"),
                                "the record does not say whether data is deleted or anonymised at the end",
                            )
                            .help("add `end_action: delete` or `end_action: anonymise`"),
                    );
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That a retention rule whose last period is an `intermediate_archive` ends in
    /// `end_action: delete` or `anonymise`, and that no rule ends in `end_action: archive`,
    /// which has no next phase to move the data to.
    ///
    /// ## Why
    /// Storage limitation (Art. 5(1)(e)) allows keeping data in an intermediate archive, with
    /// access limited, only for as long as a legal obligation or possible litigation requires.
    /// After that, the CNIL says, the data is deleted or irreversibly anonymised (pseudonymisation
    /// is not enough); only public-interest archives, research and statistics may keep it in a
    /// final archive (Art. 89). An archive with no end is retention without a limit.
    ///
    /// ## Example
    /// ```yaml
    /// retention:
    ///   - data_categories: [invoices]
    ///     periods:
    ///       - until: payment
    ///       - phase: intermediate_archive
    ///         duration: P10Y
    ///     end_action: archive
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    ///     end_action: delete
    ///     legal_reference: Code de commerce, art. L123-22
    /// ```
    pub struct ArchiveWithoutDeletion { code: "RP403", name: "archive-without-deletion", severity: Warning, summary: "Archived data is never deleted or anonymised" }
}

impl Rule for ArchiveWithoutDeletion {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            for (i, rule) in a.item.retention.iter().enumerate() {
                match rule.end_action {
                    Some(EndAction::Archive) => {
                        let archived_last = rule.periods.last().is_some_and(|p| {
                            p.phase.is_some_and(|ph| ph != RetentionPhase::Active)
                        });
                        let help = if archived_last {
                            "replace `end_action: archive` with `end_action: delete` or `end_action: anonymise`: the last period is already the archive"
                        } else {
                            "add the archive as the last period (`phase: intermediate_archive` with a `duration:`) and end with `end_action: delete` or `anonymise`"
                        };
                        out.push(
                            Self::META
                                .on_activity(
                                    a,
                                    &format!("/retention/{i}/end_action"),
                                    "the retention rule ends in `archive`, but no period follows the last one: the archived data is never deleted or anonymised",
                                )
                                .help(help),
                        );
                    }
                    None => {
                        if let Some((last, p)) = rule.periods.iter().enumerate().next_back()
                            && p.phase == Some(RetentionPhase::IntermediateArchive)
                        {
                            out.push(
                                Self::META
                                    .on_activity(
                                        a,
                                        &format!("/retention/{i}/periods/{last}"),
                                        "the data is kept in an intermediate archive, and the record does not say it is deleted or anonymised at the end",
                                    )
                                    .help("add `end_action: delete` or `end_action: anonymise` to the rule"),
                            );
                        }
                    }
                    Some(EndAction::Delete | EndAction::Anonymise) => {}
                }
            }
        }
    }
}
