//! RP401 `invalid-retention-duration`: a retention duration is not valid ISO 8601, or a range is reversed.

use crate::diagnostics::Diagnostic;
use crate::duration::Duration;
use crate::rules::{Context, Rule};

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
