//! The change notice a processor sends its controllers before engaging a new or replacement
//! sub-processor (Art. 28(2) GDPR): who, what service, where, under which safeguard, from when,
//! and how and by when to object. Made from the changes between two versions of a register and
//! rendered through the same templates, engine and translation tables as the other documents.

use anyhow::{anyhow, bail};
use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::view::{self, DateView, SubprocessorView};
use super::{RenderOptions, engine, overridden_note, templates_dir, tera_message, translations};
use crate::changes::{Legal, RegisterChanges};
use crate::duration::Duration;
use crate::model::{Activity, Register, Vendor};

/// Name of the change notice's templates (`change_notice.md`, `change_notice.html`).
pub const TEMPLATE: &str = "change_notice";

/// One new sub-processor in a notice.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NewSubprocessorView {
    /// The sub-processor: name, service, places, safeguards.
    pub subprocessor: SubprocessorView,
    /// The name of the sub-processor it replaces, if it takes another's place.
    pub replaces: Option<String>,
    /// The services (processor activities) concerned, by name.
    pub services: Vec<String>,
}

/// What a change notice says besides the register's own facts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoticeView {
    /// The version the changes are counted from (a revision).
    pub since: String,
    /// When the changes take effect.
    pub effective: DateView,
    /// The last day to object.
    pub object_by: DateView,
    /// Where to send an objection: the DPO's e-mail, else the organisation's.
    pub contact: Option<String>,
    /// The notice period agreed in the processing agreements, spelled out, if recorded.
    pub notice_period: Option<String>,
    /// New and replacement sub-processors.
    pub new_subprocessors: Vec<NewSubprocessorView>,
    /// Sub-processors no longer engaged, by name.
    pub removed: Vec<String>,
}

/// The sub-processor changes of a register that call for a notice: `(vendor, replaced vendor,
/// activities)`, grouped by vendor, in the order of the changes.
fn new_subprocessors(changes: &RegisterChanges) -> Vec<(String, Option<String>, Vec<String>)> {
    let mut out: Vec<(String, Option<String>, Vec<String>)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for m in changes
        .legal
        .iter()
        .filter(|m| m.legal == Legal::NewSubProcessor)
    {
        let (Some(vendor), Some(activity)) = (&m.vendor, &m.activity) else {
            continue;
        };
        let i = *index.entry(vendor.clone()).or_insert_with(|| {
            out.push((vendor.clone(), m.replaces.clone(), Vec::new()));
            out.len() - 1
        });
        out[i].2.push(activity.clone());
    }
    out
}

/// Whether the changes call for a notice at all.
pub fn is_due(changes: &RegisterChanges) -> bool {
    !new_subprocessors(changes).is_empty()
}

/// The longest notice period agreed in the processing agreements of `activities`.
fn notice_period(activities: &[&Activity]) -> Option<(Duration, f64)> {
    activities
        .iter()
        .filter_map(|a| {
            a.processing_agreement
                .as_ref()?
                .sub_processor_authorisation
                .as_ref()?
                .notice
                .as_deref()
        })
        .filter_map(|n| Duration::parse(n).ok())
        .map(|d| {
            let days = d.approx_days();
            (d, days)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// Render the change notice for `register` (its version after the changes). `effective` is
/// when the changes take effect; without it, the generation date plus the longest notice period
/// agreed in the processing agreements concerned (an error when none is recorded). Fails when
/// the changes hold no new sub-processor: no notice is due.
pub fn render_change_notice(
    register: &Register,
    changes: &RegisterChanges,
    since: &str,
    effective: Option<NaiveDate>,
    opts: &RenderOptions,
) -> anyhow::Result<String> {
    let entries = new_subprocessors(changes);
    if entries.is_empty() {
        bail!(
            "no sub-processor was added or replaced in {} since {since}: no notice is due (Art. 28(2))",
            changes.register.display()
        );
    }
    let activities: Vec<&Activity> = entries
        .iter()
        .flat_map(|(_, _, ids)| ids.iter())
        .filter_map(|id| register.activity(id).map(|a| &a.item))
        .collect();
    let period = notice_period(&activities);
    let effective = match (effective, &period) {
        (Some(date), _) => date,
        (None, Some((_, days))) => opts
            .as_of
            .checked_add_days(Days::new(days.ceil() as u64))
            .ok_or_else(|| anyhow!("the notice period runs past the calendar"))?,
        (None, None) => bail!(
            "the processing agreements of {} record no notice period (`sub_processor_authorisation.notice`): give the date the change takes effect with --effective YYYY-MM-DD",
            activities
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let object_by = effective.pred_opt().unwrap_or(effective);
    let dir = templates_dir(register, opts);
    let t = translations(opts.lang, dir.as_deref())?;
    let vendors: Vec<&Vendor> = entries
        .iter()
        .filter_map(|(id, _, _)| register.vendor(id).map(|v| &v.item))
        .collect();
    let document = view::document(
        register,
        &t,
        &view::ViewOptions {
            document: TEMPLATE,
            lang: opts.lang,
            format: opts.format.ext(),
            as_of: opts.as_of,
            version: &opts.version,
            activity: None,
            activities: activities.clone(),
            vendors,
            vendor: None,
        },
    );
    let name_of = |id: &str| {
        register
            .vendor(id)
            .map_or_else(|| id.to_string(), |v| v.item.name.clone())
    };
    let mut by_id: std::collections::HashMap<&str, &SubprocessorView> = document
        .subprocessors
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let new_subprocessors = entries
        .iter()
        .filter_map(|(id, replaces, ids)| {
            let subprocessor = by_id.remove(id.as_str())?.clone();
            Some(NewSubprocessorView {
                subprocessor,
                replaces: replaces.as_deref().map(|r| {
                    changes
                        .vendors
                        .iter()
                        .find(|v| v.id == r)
                        .map_or_else(|| name_of(r), |v| v.name.clone())
                }),
                services: ids
                    .iter()
                    .filter_map(|id| register.activity(id).map(|a| a.item.name.clone()))
                    .collect(),
            })
        })
        .collect();
    let removed = changes
        .vendors
        .iter()
        .filter(|v| {
            matches!(
                v.change,
                crate::changes::Change::Removed | crate::changes::Change::Replaced
            )
        })
        .map(|v| v.name.clone())
        .collect();
    let config = &register.config.item;
    let notice = NoticeView {
        since: since.to_string(),
        effective: DateView::new(effective, opts.lang),
        object_by: DateView::new(object_by, opts.lang),
        contact: config
            .dpo
            .as_ref()
            .and_then(|d| d.email.clone())
            .or_else(|| config.organisation.email.clone()),
        notice_period: period.map(|(d, _)| d.spell(opts.lang)),
        new_subprocessors,
        removed,
    };
    let (tera, overridden) = engine(opts.format, dir.as_deref())?;
    let mut context = tera::Context::from_serialize(&document)
        .map_err(|e| anyhow!("cannot prepare the template context: {e}"))?;
    context.insert("t", &t);
    context.insert("notice", &notice);
    let draft = super::draft_banner(&t, opts.draft_errors);
    context.insert("draft", &draft);
    let name = format!("{TEMPLATE}.{}", opts.format.ext());
    let text = tera.render(&name, &context).map_err(|e| {
        anyhow!(
            "cannot render the template {name}: {}{}",
            tera_message(&e),
            overridden_note(dir.as_deref(), &overridden)
        )
    })?;
    Ok(super::finish(
        text,
        opts.format,
        opts.lang == crate::model::Language::Fr,
        draft.as_deref(),
    ))
}
