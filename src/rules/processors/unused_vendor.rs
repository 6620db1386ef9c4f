//! RP601 `unused-vendor`: a catalogued vendor is named by no activity.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every vendor of vendors.yaml is named by at least one activity, as a recipient or as
    /// the importer of a transfer. It does not run when an activity failed to load, since that
    /// activity may name the vendor.
    ///
    /// ## Why
    /// A vendor that no activity names is either no longer used, and should leave the catalogue
    /// (and its contract should be ended, with the data returned or deleted under Art. 28(3)(g)),
    /// or it receives data that the record does not show: the recipients of every activity must
    /// be listed (Art. 30(1)(d), 30(2)).
    ///
    /// ## Example
    /// ```yaml
    /// vendors:
    ///   - id: old-crm
    ///     name: Old CRM
    ///     role: processor
    ///     service: Customer database
    /// ```
    /// when no activity lists `vendor: old-crm`.
    ///
    /// ## How to fix
    /// Add the vendor to the recipients of the activities whose data it receives, or remove it
    /// from vendors.yaml.
    pub struct UnusedVendor { code: "RP601", name: "unused-vendor", severity: Info, summary: "A catalogued vendor is named by no activity" }
}

impl Rule for UnusedVendor {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // With only some activities loaded, or one that failed to load, an unnamed vendor may be
        // named by another one.
        if ctx.register.partial || ctx.register.gaps.activities {
            return;
        }
        // The vendors named anywhere, gathered once: one pass over the activities, one over
        // the catalogue.
        let named: std::collections::HashSet<&str> = ctx
            .register
            .activities
            .iter()
            .flat_map(|a| {
                let recipients = a.item.recipients.iter().filter_map(|r| r.vendor.as_deref());
                let importers = a.item.transfers.iter().filter_map(|t| t.vendor.as_deref());
                recipients.chain(importers)
            })
            .collect();
        for v in &ctx.register.vendors {
            let id = v.item.id.as_str();
            if !named.contains(id) {
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "{} is named by no activity, as recipient or as transfer importer",
                            describe(&v.item)
                        ))
                        .at(v.file.clone(), v.at(""))
                        .help(format!(
                            "add `- kind: vendor` with `vendor: {id}` to the recipients of the activities it receives data from, or remove it from vendors.yaml"
                        )),
                );
            }
        }
    }
}
