//! RP021 `unresolved-reference`: a reference names an id that does not exist.

use crate::diagnostics::Diagnostic;
use crate::model::RecipientKind;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every id an activity names exists: recipients' and transfers' `vendor` in
    /// vendors.yaml, `security_measures` in measures.yaml, and the `data_categories` and
    /// `data_subjects` named by retention rules and recipients in the activity itself. A
    /// recipient of kind `vendor` must name its vendor. A reference to an entry that failed to
    /// load (an invalid vendor or measure, or a catalogue file that did not load) is not reported
    /// again: the loading finding says what is wrong.
    ///
    /// ## Why
    /// The record must name the recipients and describe the measures (Art. 30(1)(d), (g)); a
    /// dangling reference silently drops a recipient or a measure from every document.
    ///
    /// ## Example
    /// ```yaml
    /// recipients:
    ///   - kind: vendor
    ///     vendor: amazon-web-service
    /// ```
    /// when the catalogue's id is `amazon-web-services`.
    ///
    /// ## How to fix
    /// Use the suggested id, or add the item to its catalogue.
    pub struct UnresolvedReference { code: "RP021", name: "unresolved-reference", severity: Error, summary: "A reference names an id that does not exist" }
}

impl Rule for UnresolvedReference {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let r = ctx.register;
        let vendor_ids: Vec<String> = r.vendors.iter().map(|v| v.item.id.clone()).collect();
        let measure_ids: Vec<String> = r.measures.iter().map(|m| m.item.id.clone()).collect();
        for a in &r.activities {
            let act = &a.item;
            let category_ids: Vec<String> =
                act.data_categories.iter().map(|c| c.id.clone()).collect();
            let subject_ids: Vec<String> = act.data_subjects.iter().map(|s| s.id.clone()).collect();
            let mut found = Vec::new();
            let mut missing =
                |pointer: String, what: &str, id: &str, known: &[String], catalogue: &str| {
                    let mut help = crate::suggest::did_you_mean(id, known);
                    if known.is_empty() {
                        help.push_str(&format!("{catalogue} defines none"));
                    } else {
                        // A duplicated id (RP020) is listed once.
                        let mut seen = std::collections::HashSet::new();
                        let listed: Vec<&str> = known
                            .iter()
                            .map(String::as_str)
                            .filter(|k| seen.insert(*k))
                            .collect();
                        help.push_str(&format!("known ids in {catalogue}: {}", listed.join(", ")));
                    }
                    found.push(
                        Self::META
                            .on_activity(a, &pointer, format!("{what} `{id}` does not exist"))
                            .help(help),
                    );
                };
            for (i, rec) in act.recipients.iter().enumerate() {
                match &rec.vendor {
                    // A vendor whose entry failed to load is reported once, where it failed.
                    Some(id) if r.vendor(id).is_none() && !r.gaps.vendors.covers(id) => missing(
                        format!("/recipients/{i}/vendor"),
                        "vendor",
                        id,
                        &vendor_ids,
                        "vendors.yaml",
                    ),
                    None if rec.kind == RecipientKind::Vendor => out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/recipients/{i}"),
                                "recipient of kind `vendor` names no vendor",
                            )
                            .help("add `vendor: <id>` naming an entry of vendors.yaml"),
                    ),
                    _ => {}
                }
                for (j, c) in rec.data_categories.iter().enumerate() {
                    if !category_ids.contains(c) {
                        missing(
                            format!("/recipients/{i}/data_categories/{j}"),
                            "data category",
                            c,
                            &category_ids,
                            "this activity's data_categories",
                        );
                    }
                }
            }
            for (i, t) in act.transfers.iter().enumerate() {
                if let Some(id) = &t.vendor
                    && r.vendor(id).is_none()
                    && !r.gaps.vendors.covers(id)
                {
                    missing(
                        format!("/transfers/{i}/vendor"),
                        "vendor",
                        id,
                        &vendor_ids,
                        "vendors.yaml",
                    );
                }
            }
            for (i, m) in act.security_measures.iter().enumerate() {
                if r.measure(m).is_none() && !r.gaps.measures.covers(m) {
                    missing(
                        format!("/security_measures/{i}"),
                        "security measure",
                        m,
                        &measure_ids,
                        "measures.yaml",
                    );
                }
            }
            for (i, rule) in act.retention.iter().enumerate() {
                for (j, c) in rule.data_categories.iter().enumerate() {
                    if !category_ids.contains(c) {
                        missing(
                            format!("/retention/{i}/data_categories/{j}"),
                            "data category",
                            c,
                            &category_ids,
                            "this activity's data_categories",
                        );
                    }
                }
                for (j, s) in rule.data_subjects.iter().enumerate() {
                    if !subject_ids.contains(s) {
                        missing(
                            format!("/retention/{i}/data_subjects/{j}"),
                            "data subject category",
                            s,
                            &subject_ids,
                            "this activity's data_subjects",
                        );
                    }
                }
            }
            out.extend(found);
        }
    }
}
