//! RP405: a category kept longer than its supervisory authority's published reference
//! (`settings.jurisdiction`).

use crate::diagnostics::Diagnostic;
use crate::duration::Duration;
use crate::legal::retention_references;
use crate::model::{Activity, Language, RetentionPhase, RetentionRule};
use crate::rules::{Context, Rule};
use std::collections::HashMap;

declare_rule! {
    /// ## What it checks
    /// Only for a register with `settings.jurisdiction` (today `fr`, the CNIL's references): that
    /// a data category tagged with a published reference (`retention_reference`) is not kept,
    /// by the retention rules that cover it, longer than that reference's maximum. The
    /// durations of the periods in the active base (or without a phase) are added up; the
    /// intermediate archive, kept for litigation or a legal obligation, is not counted. A key
    /// the jurisdiction does not publish is reported too.
    ///
    /// The CNIL's references (`src/legal/retention_fr.json`, dated, each with its source; all
    /// from the CNIL's published guidance, tagged as secondary sources):
    /// - `prospects`: 3 years from the last contact from a prospect who does not respond;
    /// - `unsuccessful_candidates`: 2 years from the last contact with the candidate;
    /// - `cctv`: 1 month from the recording of video-surveillance images.
    ///
    /// ## Why
    /// Personal data shall be "kept in a form which permits identification of data subjects for no
    /// longer than is necessary for the purposes for which the personal data are processed"
    /// (Art. 5(1)(e)). The duration is the controller's to set, but where the supervisory
    /// authority publishes a reference for a common processing, a longer period has to be
    /// justified, and the CNIL checks registers against its references.
    ///
    /// ## Example
    /// ```yaml
    /// data_categories:
    ///   - id: prospect-contact
    ///     name: Prospects' contact details
    ///     retention_reference: prospects
    /// retention:
    ///   - data_categories: [prospect-contact]
    ///     periods:
    ///       - phase: active
    ///         duration: P5Y
    ///         from: last contact
    /// ```
    /// with `settings.jurisdiction: fr`.
    ///
    /// ## How to fix
    /// Shorten the period to the reference, or move what must be kept for a legal obligation to
    /// an intermediate archive with its `legal_reference`; where a longer period is justified,
    /// waive the finding with the reason.
    pub struct RetentionOverReference { code: "RP405", name: "retention-over-reference", severity: Warning, summary: "A data category is kept longer than the supervisory authority's published reference" }
}

impl Rule for RetentionOverReference {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(jurisdiction) = ctx.register.config.item.settings.jurisdiction else {
            return;
        };
        let pack = retention_references(jurisdiction);
        for a in &ctx.register.activities {
            let act = &a.item;
            let (by_id, everything) = longest_active(act);
            for (i, c) in act.data_categories.iter().enumerate() {
                let Some(key) = c.retention_reference.as_deref() else {
                    continue;
                };
                let pointer = format!("/data_categories/{i}/retention_reference");
                let Some(reference) = pack.get(key) else {
                    let keys: Vec<String> = pack.references.iter().map(|r| r.key.clone()).collect();
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &pointer,
                                format!(
                                    "`{key}` is not a retention reference published by the {}",
                                    pack.authority
                                ),
                            )
                            .help(format!("known references: {}", keys.join(", "))),
                    );
                    continue;
                };
                let Some(max) = reference.max_duration() else {
                    continue;
                };
                let longest = match (by_id.get(c.id.as_str()), everything.as_ref()) {
                    (Some(a), Some(b)) => Some(if a.days >= b.days { a } else { b }),
                    (a, b) => a.or(b),
                };
                if let Some(kept) = longest.filter(|k| k.days > max.approx_days() + 0.5) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &pointer,
                                format!(
                                    "`{}` is kept {} in the active base; the {} reference is {} ({})",
                                    c.id,
                                    kept.text,
                                    pack.authority,
                                    reference.limit(Language::En),
                                    lower(reference.label.get(Language::En)),
                                ),
                            )
                            .help(format!(
                                "shorten the period, move what a law requires to an intermediate archive, or waive with the reason (source: {})",
                                reference.source
                            )),
                    );
                }
            }
        }
    }
}

/// How long a retention rule keeps data in the active base: in days, to compare, and as the
/// register states it ("5 years from last contact"), to say.
#[derive(Debug, Clone, PartialEq)]
struct Kept {
    days: f64,
    text: String,
}

/// The longest time each category is kept in the active base, by id, and the longest of the
/// rules that cover every category; one pass over the rules' lists. Rules without a fixed
/// length are left out (open-ended retention is another rule's finding).
fn longest_active(act: &Activity) -> (HashMap<&str, Kept>, Option<Kept>) {
    let mut by_id: HashMap<&str, Kept> = HashMap::new();
    let mut everything: Option<Kept> = None;
    let keep_longer = |slot: &mut Kept, kept: &Kept| {
        if kept.days > slot.days {
            *slot = kept.clone();
        }
    };
    for rule in &act.retention {
        let Some(kept) = active_kept(rule) else {
            continue;
        };
        if covers_everything(rule) {
            keep_longer(everything.get_or_insert_with(|| kept.clone()), &kept);
        }
        for id in &rule.data_categories {
            let slot = by_id.entry(id.as_str()).or_insert_with(|| kept.clone());
            keep_longer(slot, &kept);
        }
    }
    (by_id, everything)
}

fn covers_everything(rule: &RetentionRule) -> bool {
    rule.data_categories.is_empty() && rule.data_subjects.is_empty() && rule.scope.is_none()
}

/// What a rule keeps in the active base (periods in no phase count as active): the longest of
/// each period's duration, range or variants, added up, and spelled with the period's start.
fn active_kept(rule: &RetentionRule) -> Option<Kept> {
    let mut days = 0.0;
    let mut parts = Vec::new();
    for p in rule.periods.iter().filter(|p| {
        !matches!(
            p.phase,
            Some(RetentionPhase::IntermediateArchive | RetentionPhase::FinalArchive)
        )
    }) {
        let longest = p
            .duration
            .iter()
            .chain(p.range.as_ref().map(|r| &r.max))
            .chain(p.variants.iter().map(|v| &v.duration))
            .filter_map(|d| Duration::parse(d).ok())
            .max_by(|a, b| a.approx_days().total_cmp(&b.approx_days()))?;
        days += longest.approx_days();
        let spelled = longest.spell(Language::En);
        parts.push(match &p.from {
            Some(from) => format!("{spelled} from {from}"),
            None => spelled,
        });
    }
    Some(Kept {
        days,
        text: parts.join(" then "),
    })
}

fn lower(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Jurisdiction;
    use crate::rules::testing::activity_with;

    /// `ropa explain` lists every reference of the data, with its duration.
    #[test]
    fn the_explanation_lists_every_reference() {
        let doc = RetentionOverReference::META.doc;
        for r in &retention_references(Jurisdiction::Fr).references {
            let spelled = r.max_duration().map(|d| d.spell(Language::En));
            let line = format!("`{}`: {}", r.key, spelled.unwrap_or_default());
            assert!(doc.contains(&line), "RP405's doc lacks {line:?}");
        }
    }

    #[test]
    fn only_the_active_base_is_counted() {
        let a = activity_with(serde_json::json!({"retention": [
            {"data_categories": ["c"], "periods": [
                {"phase": "active", "duration": "P1Y"},
                {"duration": "P6M", "variants": [{"condition": "optics", "duration": "P2Y"}]},
                {"phase": "intermediate_archive", "duration": "P10Y"}]},
            {"periods": [{"duration": "P4Y"}]},
            {"scope": "backups", "periods": [{"duration": "P9Y"}]},
            {"data_categories": ["d"], "periods": [{"until": "end of contract"}]}
        ]}));
        let (by_id, everything) = longest_active(&a);
        let years = |k: &Kept| (k.days / 365.25 * 10.0).round() / 10.0;
        assert_eq!(by_id.get("c").map(years), Some(3.0));
        assert_eq!(by_id["c"].text, "1 year then 2 years");
        assert_eq!(everything.as_ref().map(years), Some(4.0));
        assert_eq!(everything.unwrap().text, "4 years");
        // No fixed length: not compared here.
        assert!(!by_id.contains_key("d"));
    }

    /// The references are opt-in: a register without `settings.jurisdiction` is not compared.
    #[test]
    fn only_a_register_with_a_jurisdiction_is_compared() {
        use crate::rules::testing::{check, d, register};
        let prospects = activity_with(serde_json::json!({
            "data_categories": [{"id": "p", "name": "Prospects", "retention_reference": "prospects"}],
            "retention": [{"data_categories": ["p"], "periods": [{"phase": "active", "duration": "P5Y"}]}],
        }));
        let mut reg = register(vec![], vec![prospects]);
        let as_of = d(2026, 11, 25);
        assert!(check(&RetentionOverReference, &reg, as_of).is_empty());
        reg.config.item.settings.jurisdiction = Some(Jurisdiction::Fr);
        let found = check(&RetentionOverReference, &reg, as_of);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("the CNIL reference is 3 years"),
            "{}",
            found[0].message
        );
    }
}
