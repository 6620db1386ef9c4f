//! RP402 `open-ended-retention`: a retention rule sets no end, or does not say what happens at the end.

use crate::diagnostics::Diagnostic;
use crate::model::RetentionPhase;
use crate::rules::completeness::filled;
use crate::rules::{Context, Rule};

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
