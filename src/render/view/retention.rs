//! Retention as a document shows it: periods and phases, spelled out in words.

use super::*;
use crate::model::{RetentionPeriod, RetentionRule};
use serde::Serialize;

/// One period of a retention rule.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PeriodView {
    /// Lifecycle phase, labelled, when the register says which.
    pub phase: Option<LabelView>,
    /// The duration spelled out (`3 ans`; a range `12 à 24 mois`), if the period has one.
    pub duration: Option<String>,
    /// The starting event.
    pub from: Option<String>,
    /// The ending event.
    pub until: Option<String>,
    /// Conditional variants, spelled: `secteur de l’optique : 5 ans`.
    pub variants: Vec<String>,
    /// The whole period in one phrase: `Archivage intermédiaire : 12 mois`.
    pub text: String,
}

/// A retention rule.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RetentionView {
    /// The rule as the DPO wrote it, when given.
    pub text: Option<String>,
    /// What the rule covers: its scope, else its data categories, else its subject categories,
    /// else "all data".
    pub applies_to: String,
    /// Names of the data categories it covers.
    pub data_categories: Vec<String>,
    /// Names of the subject categories it covers.
    pub data_subjects: Vec<String>,
    /// Scope, as written.
    pub scope: Option<String>,
    /// The periods.
    pub periods: Vec<PeriodView>,
    /// Events that end retention earlier.
    pub early_end: Vec<String>,
    /// What happens at the end, labelled.
    pub end_action: Option<LabelView>,
    /// The law or guideline that justifies it.
    pub legal_reference: Option<String>,
    /// The rule spelled out from its structure (periods, early end, end action).
    pub spelled: String,
    /// What to print: the DPO's text when given, else [`RetentionView::spelled`].
    pub summary: String,
}

impl Builder<'_> {
    pub(super) fn retention(&self, r: &RetentionRule, names: &Names<'_>) -> RetentionView {
        let lang = self.lang;
        let data_categories: Vec<String> = r
            .data_categories
            .iter()
            .map(|id| names.category(id))
            .collect();
        let data_subjects: Vec<String> =
            r.data_subjects.iter().map(|id| names.subject(id)).collect();
        let applies_to = if let Some(scope) = &r.scope {
            scope.clone()
        } else if !data_categories.is_empty() {
            data_categories.join(", ")
        } else if !data_subjects.is_empty() {
            data_subjects.join(", ")
        } else {
            self.tr("all_data")
        };
        let periods: Vec<PeriodView> = r.periods.iter().map(|p| self.period(p)).collect();
        let end_action = r.end_action.map(|e| term_label(e, lang));
        let spelled = self.spell_rule(r, &periods, end_action.as_ref());
        RetentionView {
            text: r.text.clone(),
            applies_to,
            data_categories,
            data_subjects,
            scope: r.scope.clone(),
            summary: r.text.clone().unwrap_or_else(|| spelled.clone()),
            spelled,
            periods,
            early_end: r.early_end.clone(),
            end_action,
            legal_reference: r.legal_reference.clone(),
        }
    }

    /// One period of a rule: its duration (or range) from an event until another, its variants,
    /// and the phase it belongs to.
    fn period(&self, p: &RetentionPeriod) -> PeriodView {
        let duration = match (&p.duration, &p.range) {
            (Some(d), _) => Some(self.spell(d)),
            (None, Some(range)) => Some(self.spell_range(&range.min, &range.max)),
            (None, None) => None,
        };
        let variants: Vec<String> = p
            .variants
            .iter()
            .map(|v| {
                self.fill(
                    "retention_variant",
                    &[
                        ("condition", &v.condition),
                        ("duration", &self.spell(&v.duration)),
                    ],
                )
            })
            .collect();
        let mut parts = Vec::new();
        match (&duration, &p.from) {
            (Some(d), Some(from)) => parts.push(self.fill(
                "retention_duration_from",
                &[("duration", d), ("event", from)],
            )),
            (Some(d), None) => parts.push(d.clone()),
            (None, Some(from)) => parts.push(self.fill("retention_from", &[("event", from)])),
            (None, None) => {}
        }
        if let Some(until) = &p.until {
            parts.push(self.fill("retention_until", &[("event", until)]));
        }
        if !variants.is_empty() {
            parts.push(format!("({})", variants.join(&self.tr("list_separator"))));
        }
        let phase = p.phase.map(|ph| term_label(ph, self.lang));
        let period = parts.join(" ");
        let text = match (&phase, period.is_empty()) {
            (Some(ph), true) => ph.label.clone(),
            (Some(ph), false) => self.fill(
                "retention_period",
                &[("phase", &ph.label), ("period", &period)],
            ),
            (None, false) => period,
            (None, true) => self.tr("not_stated"),
        };
        PeriodView {
            phase,
            duration,
            from: p.from.clone(),
            until: p.until.clone(),
            variants,
            text,
        }
    }

    /// The rule spelled out: its periods, then its early end, end action and legal reference.
    fn spell_rule(
        &self,
        r: &RetentionRule,
        periods: &[PeriodView],
        end_action: Option<&LabelView>,
    ) -> String {
        let mut spelled = periods
            .iter()
            .map(|p| p.text.clone())
            .collect::<Vec<_>>()
            .join(&self.tr("retention_then"));
        if !r.early_end.is_empty() {
            spelled.push_str(&self.fill(
                "retention_early_end",
                &[("events", &r.early_end.join(", "))],
            ));
        }
        if let Some(e) = end_action {
            spelled.push_str(&self.fill("retention_end_action", &[("action", &e.label)]));
        }
        if let Some(reference) = &r.legal_reference {
            if spelled.is_empty() {
                spelled.push_str(reference);
            } else {
                spelled.push_str(&format!(" ({reference})"));
            }
        }
        // Without periods, the early end or end action opens the phrase: no leading separator.
        let spelled = spelled.trim_start_matches([';', ' ']);
        if spelled.is_empty() {
            self.tr("not_stated")
        } else {
            spelled.to_string()
        }
    }
}

impl Builder<'_> {
    /// `12 à 24 mois` when both ends are in the same single unit, else `1 an à 18 mois`.
    pub(super) fn spell_range(&self, min: &str, max: &str) -> String {
        let (lo, hi) = (self.spell(min), self.spell(max));
        let split = |s: &str| {
            s.split_once(' ')
                .filter(|(n, unit)| n.parse::<u32>().is_ok() && !unit.contains(' '))
                .map(|(n, unit)| (n.to_string(), unit.to_string()))
        };
        match (split(&lo), split(&hi)) {
            (Some((n1, u1)), Some((n2, u2))) if u1 == u2 => self.fill(
                "retention_range",
                &[("min", &n1), ("max", &format!("{n2} {u2}"))],
            ),
            _ => self.fill("retention_range", &[("min", &lo), ("max", &hi)]),
        }
    }
}
