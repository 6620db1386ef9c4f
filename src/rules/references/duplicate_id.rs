//! RP020 `duplicate-id`: two items share an id.

use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};
use std::collections::HashMap;

declare_rule! {
    /// The check behind [`crate::catalogue::references::DUPLICATE_ID`], which holds its documentation.
    pub struct DuplicateId = crate::catalogue::references::DUPLICATE_ID;
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
