//! The information notice of Art. 13 (data collected from the data subject) and Art. 14 (data
//! obtained elsewhere) for one category of data subjects, across the controller activities that
//! concern it.
//!
//! Every statement of the notice is a [`Fact`]: a text taken from one field of the register, with
//! that field's place (`activities/x.yaml#/purposes/0/legal_basis`), or, when the register does not
//! state it, no text and the place where it belongs, so that the draft says "not stated in the
//! register" instead of inventing. The rights of Art. 15-22 and 77 are the only standard text, with
//! their article numbers. `tests/notice.rs` walks the view and checks every fact against its field.

use anyhow::anyhow;

use crate::model::{Activity, Register, Sourced};

use super::RenderOptions;
use super::view::{self, DateView, Translations};

mod activity;
mod builder;
mod gaps;
mod types;

use builder::NoticeBuilder;
pub use types::*;

/// The data-subject categories that controller activities name: `(id, name, number of
/// activities)`, sorted by id.
pub fn audiences(register: &Register) -> Vec<(String, String, usize)> {
    let mut found: std::collections::BTreeMap<String, (String, usize)> = Default::default();
    for a in register.activities.iter().map(|a| &a.item) {
        if !a.role.is_controller() {
            continue;
        }
        for s in &a.data_subjects {
            let entry = found
                .entry(s.id.clone())
                .or_insert_with(|| (s.name.clone(), 0));
            entry.1 += 1;
        }
    }
    found
        .into_iter()
        .map(|(id, (name, n))| (id, name, n))
        .collect()
}

/// Build the notice for the data subjects `subjects` (a `data_subjects` id).
pub fn notice_view(
    register: &Register,
    subjects: &str,
    t: &Translations,
    opts: &RenderOptions,
) -> anyhow::Result<NoticeView> {
    let activities: Vec<&Sourced<Activity>> = register
        .activities
        .iter()
        .filter(|a| a.item.role.is_controller())
        .filter(|a| a.item.data_subjects.iter().any(|s| s.id == subjects))
        .collect();
    let Some(first) = activities.first() else {
        return Err(unknown_subjects(register, subjects));
    };
    let b = NoticeBuilder::new(register, t, opts);
    let subject_fact = subject_name(&b, first, subjects);
    let built: Vec<NoticeActivity> = activities.iter().map(|a| b.activity(a)).collect();
    let org = &register.config.item.organisation;
    let config = &register.config.item;
    let cfg = &register.config;
    let (objection, consent, articles) = summary(&built, &b);
    let authority = config.settings.supervisory_authority.as_ref();
    let dpo = config.dpo.as_ref();
    let mut view = NoticeView {
        document: "notice".into(),
        lang: view::lang_code(opts.lang).into(),
        format: opts.format.ext().into(),
        generated: DateView::new(opts.as_of, opts.lang),
        version: view::version_text(&opts.version, opts.lang),
        subjects_id: subjects.to_string(),
        subjects: subject_fact,
        articles,
        controller_name: b.text(cfg, "/organisation/name", Some(&org.name)),
        controller_address: b.text(cfg, "/organisation/address", org.address.as_ref()),
        controller_email: b.text(cfg, "/organisation/email", org.email.as_ref()),
        controller_phone: b.present(cfg, "/organisation/phone", org.phone.as_ref()),
        controller_website: b.present(cfg, "/organisation/website", org.website.as_ref()),
        representative: config
            .representative
            .as_ref()
            .map(|r| b.text(cfg, "/representative/name", Some(&r.name))),
        dpo_name: (dpo.is_some() || config.no_dpo.is_none())
            .then(|| b.text(cfg, "/dpo/name", dpo.map(|d| &d.name))),
        dpo_statement: dpo
            .is_none()
            .then(|| b.present(cfg, "/no_dpo", config.no_dpo.as_ref()))
            .flatten(),
        dpo_email: dpo.and_then(|d| b.present(cfg, "/dpo/email", d.email.as_ref())),
        dpo_address: dpo.and_then(|d| b.present(cfg, "/dpo/address", d.address.as_ref())),
        activities: built,
        objection,
        consent,
        rights: b.rights(),
        authority_name: b.text(
            cfg,
            "/settings/supervisory_authority/name",
            authority.map(|a| &a.name),
        ),
        authority_website: authority
            .and_then(|a| b.present(cfg, AUTHORITY_WEBSITE, a.website.as_ref())),
        authority_address: authority
            .and_then(|a| b.present(cfg, AUTHORITY_ADDRESS, a.address.as_ref())),
        gaps: Vec::new(),
    };
    view.gaps = gaps::gaps(&view, t);
    Ok(view)
}

/// Where the register settings give the supervisory authority's website and address.
const AUTHORITY_WEBSITE: &str = "/settings/supervisory_authority/website";
const AUTHORITY_ADDRESS: &str = "/settings/supervisory_authority/address";

/// The name of the data subjects `subjects` as the first activity naming them writes it.
fn subject_name(b: &NoticeBuilder<'_>, first: &Sourced<Activity>, subjects: &str) -> Fact {
    let index = first
        .item
        .data_subjects
        .iter()
        .position(|s| s.id == subjects)
        .unwrap_or(0);
    b.text(
        first,
        &format!("/data_subjects/{index}/name"),
        first.item.data_subjects.get(index).map(|s| &s.name),
    )
}

/// What the notice says across its activities: the purposes a person may object to (Art. 21),
/// whether any rests on consent, and which of Art. 13 and 14 applies.
fn summary(built: &[NoticeActivity], b: &NoticeBuilder<'_>) -> (Vec<Fact>, bool, String) {
    let objection: Vec<Fact> = built
        .iter()
        .flat_map(|a| a.purposes.iter())
        .filter(|p| p.objectable)
        .map(|p| p.description.clone())
        .collect();
    let consent = built.iter().flat_map(|a| &a.purposes).any(|p| p.consent);
    let collected = built
        .iter()
        .any(|a| a.provision.is_some() || a.provision_missing.is_some());
    let elsewhere = built.iter().any(|a| a.obtained_elsewhere);
    let articles = match (collected, elsewhere) {
        (true, true) | (false, false) => b.tr("notice_articles_both"),
        (true, false) => b.tr("notice_articles_13"),
        (false, true) => b.tr("notice_articles_14"),
    };
    (objection, consent, articles)
}

/// The error for data subjects no controller activity names, with the ones that exist.
fn unknown_subjects(register: &Register, subjects: &str) -> anyhow::Error {
    let known = audiences(register);
    if known.is_empty() {
        return anyhow!(
            "{} has no controller activity with data subjects: a notice is made for the data subjects of controller activities",
            register.root.display()
        );
    }
    let ids: Vec<String> = known.iter().map(|(id, _, _)| id.clone()).collect();
    let hint = match crate::suggest::closest(subjects, &ids) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    };
    anyhow!(
        "no controller activity of {} names the data subjects `{subjects}`{hint} (known: {})",
        register.root.display(),
        known
            .iter()
            .map(|(id, name, n)| format!(
                "{id} ({name}, {n} activit{})",
                if *n == 1 { "y" } else { "ies" }
            ))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Render the notice for `subjects` in the format of `opts`.
pub fn render_notice(
    register: &Register,
    subjects: &str,
    opts: &RenderOptions,
) -> anyhow::Result<String> {
    let dir = super::templates_dir(register, opts);
    let t = super::translations(opts.lang, dir.as_deref())?;
    let view = notice_view(register, subjects, &t, opts)?;
    let print = super::PrintView::new(
        &t,
        "notice",
        t.get("notice_title").cloned().unwrap_or_default(),
        &super::full_name(register),
        opts,
    );
    super::render_template(
        "notice",
        &view,
        &t,
        opts.format,
        dir.as_deref(),
        super::Extras {
            map: None,
            print: &print,
            french: opts.lang == crate::model::Language::Fr,
            draft: super::draft_banner(&t, opts.draft_errors).as_deref(),
        },
    )
}

/// Error for a wrong `--subjects`, kept apart for the CLI.
pub fn no_subjects_given(register: &Register) -> anyhow::Error {
    let known = audiences(register);
    anyhow!(
        "a notice is for one category of data subjects: name it with --subjects ID ({})",
        if known.is_empty() {
            "this register has no controller activity with data subjects".to_string()
        } else {
            known
                .iter()
                .map(|(id, name, _)| format!("{id}: {name}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    )
}
