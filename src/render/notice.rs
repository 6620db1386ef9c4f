//! The change notice a processor sends its controllers before engaging a new or replacement
//! sub-processor (Art. 28(2) GDPR): who, what service, where, under which safeguard, from when,
//! and how and by when to object. Made from the changes between two versions of a register and
//! rendered through the same templates, engine and translation tables as the other documents.

use anyhow::{anyhow, bail};
use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::view::{self, DateView, SubprocessorView};
use super::{RenderOptions, engine, overridden_note, templates_dir, tera_message, translations};
use crate::changes::{Change, Legal, RegisterChanges};
use crate::duration::Duration;
use crate::model::{Activity, Register, Vendor};
use std::collections::HashMap;

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
    let mut index = HashMap::new();
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
    let effective = effective_date(effective, period.as_ref(), &activities, opts.as_of)?;
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
            activity_views: true,
            vendors,
            vendor: None,
        },
    );
    let config = &register.config.item;
    let notice = NoticeView {
        since: since.to_string(),
        effective: DateView::new(effective, opts.lang),
        object_by: DateView::new(effective.pred_opt().unwrap_or(effective), opts.lang),
        contact: config
            .dpo
            .as_ref()
            .and_then(|d| d.email.clone())
            .or_else(|| config.organisation.email.clone()),
        notice_period: period.map(|(d, _)| d.spell(opts.lang)),
        new_subprocessors: new_subprocessor_views(register, changes, &entries, &document),
        removed: removed(changes),
    };
    fill(&document, &notice, &t, dir.as_deref(), opts)
}

/// When the changes take effect: the date given, else the generation date plus the longest
/// notice period agreed (an error when none is recorded).
fn effective_date(
    effective: Option<NaiveDate>,
    period: Option<&(Duration, f64)>,
    activities: &[&Activity],
    as_of: NaiveDate,
) -> anyhow::Result<NaiveDate> {
    match (effective, period) {
        (Some(date), _) => Ok(date),
        (None, Some((_, days))) => as_of
            .checked_add_days(Days::new(days.ceil() as u64))
            .ok_or_else(|| anyhow!("the notice period runs past the calendar")),
        (None, None) => bail!(
            "the processing agreements of {} record no notice period (`sub_processor_authorisation.notice`): give the date the change takes effect with --effective YYYY-MM-DD",
            activities
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The new sub-processors as the notice shows them: the view's row, the name of the one it
/// replaces (from the changes, which still know a removed vendor) and the services concerned.
fn new_subprocessor_views(
    register: &Register,
    changes: &RegisterChanges,
    entries: &[(String, Option<String>, Vec<String>)],
    document: &view::DocumentView,
) -> Vec<NewSubprocessorView> {
    let mut by_id: HashMap<&str, &SubprocessorView> = document
        .subprocessors
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    // The first change of each vendor names it, as a scan of the changes would.
    let mut changed: HashMap<&str, &str> = HashMap::new();
    for v in &changes.vendors {
        changed.entry(v.id.as_str()).or_insert(v.name.as_str());
    }
    let name_of = |id: &str| match changed.get(id) {
        Some(name) => name.to_string(),
        None => register
            .vendor(id)
            .map_or_else(|| id.to_string(), |v| v.item.name.clone()),
    };
    entries
        .iter()
        .filter_map(|(id, replaces, ids)| {
            let subprocessor = by_id.remove(id.as_str())?.clone();
            Some(NewSubprocessorView {
                subprocessor,
                replaces: replaces.as_deref().map(name_of),
                services: ids
                    .iter()
                    .filter_map(|id| register.activity(id).map(|a| a.item.name.clone()))
                    .collect(),
            })
        })
        .collect()
}

/// The sub-processors no longer engaged (removed or replaced), by name.
fn removed(changes: &RegisterChanges) -> Vec<String> {
    changes
        .vendors
        .iter()
        .filter(|v| matches!(v.change, Change::Removed | Change::Replaced))
        .map(|v| v.name.clone())
        .collect()
}

/// The notice's template filled with the register's view and the notice, finished like every
/// document (draft banner, French typography).
fn fill(
    document: &view::DocumentView,
    notice: &NoticeView,
    t: &view::Translations,
    dir: Option<&std::path::Path>,
    opts: &RenderOptions,
) -> anyhow::Result<String> {
    let (tera, overridden) = engine(opts.format, dir)?;
    // The lists hold every activity's whole view: each shared part is converted once.
    let mut context = view::sharing(|| tera::Context::from_serialize(document))
        .map_err(|e| anyhow!("cannot prepare the template context: {e}"))?;
    context.insert("t", t);
    context.insert("notice", notice);
    let draft = super::draft_banner(t, opts.draft_errors);
    context.insert("draft", &draft);
    let name = format!("{TEMPLATE}.{}", opts.format.ext());
    let text = tera.render(&name, &context).map_err(|e| {
        anyhow!(
            "cannot render the template {name}: {}{}",
            tera_message(&e),
            overridden_note(dir, &overridden)
        )
    })?;
    Ok(super::finish(
        text,
        opts.format,
        opts.lang == crate::model::Language::Fr,
        draft.as_deref(),
    ))
}
