//! RP110 `subjects-without-notice`: data subjects of a controller activity are covered by no
//! published information notice (Art. 13, 14).

use std::collections::HashSet;

use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// When `settings.notices` in `ropa.yaml` lists the information notices the organisation has
    /// published (one per category of data subjects, by the id the activities use in
    /// `data_subjects`), that every category of data subjects of every controller activity has
    /// one. Without `settings.notices`, the rule does not run.
    ///
    /// ## Why
    /// The controller must give the information of Art. 13 when it collects personal data from
    /// the data subject, and of Art. 14 when it obtains it elsewhere (within a month at the
    /// latest, Art. 14(3)). A category of data subjects that no notice covers is processed
    /// without the information the Regulation requires (Art. 12(1), 13, 14; principle of
    /// transparency, Art. 5(1)(a)). Processor records are left out: informing the data subjects
    /// is the controller's duty.
    ///
    /// ## Example
    /// `settings.notices` lists `customers`, and an activity names `prospects` in its
    /// `data_subjects`.
    ///
    /// ## How to fix
    /// Publish a notice for the category (`ropa render notice --subjects prospects` drafts one from
    /// the register) and list it:
    /// ```yaml
    /// settings:
    ///   notices:
    ///     - subjects: customers
    ///       url: https://acme.example/privacy
    ///     - subjects: prospects
    /// ```
    pub struct SubjectsWithoutNotice { code: "RP110", name: "subjects-without-notice", severity: Warning, summary: "Data subjects of an activity are covered by no published information notice" }
}

impl Rule for SubjectsWithoutNotice {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(notices) = &ctx.register.config.item.settings.notices else {
            return;
        };
        let published: HashSet<&str> = notices.iter().map(|n| n.subjects.as_str()).collect();
        for activity in &ctx.register.activities {
            if !activity.item.role.is_controller() {
                continue;
            }
            for (i, subjects) in activity.item.data_subjects.iter().enumerate() {
                if published.contains(subjects.id.as_str()) {
                    continue;
                }
                out.push(
                    Self::META
                        .on_activity(
                            activity,
                            &format!("/data_subjects/{i}/id"),
                            format!(
                                "no published information notice covers the data subjects `{}` ({}): settings.notices lists {}",
                                subjects.id,
                                subjects.name,
                                if published.is_empty() {
                                    "none".to_string()
                                } else {
                                    let mut ids: Vec<&str> = published.iter().copied().collect();
                                    ids.sort_unstable();
                                    ids.join(", ")
                                }
                            ),
                        )
                        .help(format!(
                            "publish a notice for them (`ropa render notice --subjects {}` drafts one) and add `- subjects: {}` under `settings.notices` in ropa.yaml",
                            subjects.id, subjects.id
                        )),
                );
            }
        }
    }
}
