//! Identity and references across files: ids are unique, and every id an activity names resolves
//! to a vendor, a measure, a data category or a data subject category.

use std::collections::HashMap;

use super::{Context, Rule};
use crate::diagnostics::Diagnostic;
use crate::load::closest;
use crate::model::RecipientKind;

pub(super) const RULES: &[&dyn Rule] = &[&DuplicateId, &UnresolvedReference];

declare_rule! {
    /// ## What it checks
    /// That ids are unique: activities within a register, vendors and measures within their
    /// catalogues, data categories and data subject categories within an activity.
    ///
    /// ## Why
    /// References between files go by id; two items with one id make every reference to it
    /// ambiguous, and documents would show one of them at random.
    ///
    /// ## Example
    /// ```yaml
    /// vendors:
    ///   - id: mailer
    ///     name: Brevo
    ///   - id: mailer
    ///     name: Mailjet
    /// ```
    ///
    /// ## How to fix
    /// Give each item its own id and update the references.
    pub struct DuplicateId { code: "RP020", name: "duplicate-id", severity: Error, summary: "Two items share an id" }
}

impl Rule for DuplicateId {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let r = ctx.register;
        let mut seen: HashMap<&str, &std::path::Path> = HashMap::new();
        // With only some activities loaded, ids cannot be compared across the register.
        for a in r.activities.iter().filter(|_| !r.partial) {
            if let Some(first) = seen.insert(&a.item.id, &a.file) {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "/id",
                            format!(
                                "activity id `{}` is already used by {}",
                                a.item.id,
                                first.display()
                            ),
                        )
                        .help("give each activity its own id"),
                );
            }
        }
        let mut seen = HashMap::new();
        for v in &r.vendors {
            if let Some(first) = seen.insert(v.item.id.as_str(), &v.item.name) {
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "vendor id `{}` is already used by the vendor `{first}`",
                            v.item.id
                        ))
                        .at(v.file.clone(), v.at("/id"))
                        .help("give each vendor its own id"),
                );
            }
        }
        let mut seen = HashMap::new();
        for m in &r.measures {
            if let Some(first) = seen.insert(m.item.id.as_str(), &m.item.description) {
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "measure id `{}` is already used by the measure \"{}\"",
                            m.item.id,
                            first.chars().take(60).collect::<String>()
                        ))
                        .at(m.file.clone(), m.at("/id"))
                        .help("give each measure its own id"),
                );
            }
        }
        for a in &r.activities {
            let mut seen = HashMap::new();
            for (i, c) in a.item.data_categories.iter().enumerate() {
                if let Some(first) = seen.insert(c.id.as_str(), &c.name) {
                    out.push(Self::META.on_activity(
                        a,
                        &format!("/data_categories/{i}/id"),
                        format!("data category id `{}` is already used by the data category `{first}`", c.id),
                    ).help("give each data category its own id"));
                }
            }
            let mut seen = HashMap::new();
            for (i, s) in a.item.data_subjects.iter().enumerate() {
                if let Some(first) = seen.insert(s.id.as_str(), &s.name) {
                    out.push(Self::META.on_activity(
                        a,
                        &format!("/data_subjects/{i}/id"),
                        format!("data subject category id `{}` is already used by the category `{first}`", s.id),
                    ).help("give each data subject category its own id"));
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every id an activity names exists: recipients' and transfers' `vendor` in
    /// vendors.yaml, `security_measures` in measures.yaml, and the `data_categories` and
    /// `data_subjects` named by retention rules and recipients in the activity itself. A
    /// recipient of kind `vendor` must name its vendor.
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
                    let mut help = match closest(id, known) {
                        Some(s) => format!("did you mean `{s}`? "),
                        None => String::new(),
                    };
                    if known.is_empty() {
                        help.push_str(&format!("{catalogue} defines none"));
                    } else {
                        // A duplicated id (RP020) is listed once.
                        let mut listed: Vec<&str> = Vec::new();
                        for k in known {
                            if !listed.contains(&k.as_str()) {
                                listed.push(k);
                            }
                        }
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
                    Some(id) if !vendor_ids.contains(id) => missing(
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
                    && !vendor_ids.contains(id)
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
                if !measure_ids.contains(m) {
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
