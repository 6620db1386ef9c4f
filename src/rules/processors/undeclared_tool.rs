//! RP602 `undeclared-tool`: a tool that processes data is not a declared recipient.

use crate::diagnostics::Diagnostic;
use crate::model::Vendor;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every tool a data category names in `tools` is a recipient of the activity: a vendor
    /// named among the recipients whose id, name or legal name matches the tool, or a recipient
    /// whose name contains the tool's name. Names are compared by their words, without regard to
    /// case or punctuation; a tool matches a vendor when the words of one contain the words of the
    /// other (the vendor `Google` covers the tool `Google Analytics`).
    ///
    /// ## Why
    /// A service that processes the data, such as an audience-measurement tool, receives it: it
    /// is a recipient that the record must list (Art. 30(1)(d)), normally a processor that needs
    /// an Art. 28 contract, and often a transfer outside the EEA (Art. 30(1)(e)). Naming it only
    /// in a description hides it from all of these checks.
    ///
    /// ## Example
    /// ```yaml
    /// data_categories:
    ///   - id: audience
    ///     name: Audience measurement data
    ///     tools: [Google Analytics]
    /// recipients:
    ///   - kind: internal
    ///     name: Marketing
    /// ```
    ///
    /// ## How to fix
    /// Add the tool's provider to vendors.yaml (with its locations, role and contract) and to the
    /// activity's recipients:
    /// ```yaml
    /// recipients:
    ///   - kind: vendor
    ///     vendor: google-analytics
    ///     data_categories: [audience]
    /// ```
    /// If the tool is no longer used, remove it from `tools`.
    pub struct UndeclaredTool { code: "RP602", name: "undeclared-tool", severity: Error, summary: "A tool that processes data is not a declared recipient" }
}

/// The words of a name, in lower case: letters and digits only.
pub(super) fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the word list `needle` occurs, in order and contiguous, in `hay`.
fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether a tool name and a name designate the same thing.
pub(super) fn names_match(tool: &[String], name: &str) -> bool {
    let name = words(name);
    contains_words(&name, tool) || contains_words(tool, &name)
}

fn vendor_matches(tool: &[String], vendor: &Vendor) -> bool {
    names_match(tool, &vendor.id)
        || names_match(tool, &vendor.name)
        || vendor
            .legal_name
            .as_deref()
            .is_some_and(|n| names_match(tool, n))
}

impl Rule for UndeclaredTool {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let r = ctx.register;
        for a in &r.activities {
            let act = &a.item;
            for (i, category) in act.data_categories.iter().enumerate() {
                for (j, tool) in category.tools.iter().enumerate() {
                    let tool_words = words(tool);
                    if tool_words.is_empty() {
                        continue;
                    }
                    let declared = act.recipients.iter().any(|rec| {
                        rec.name
                            .as_deref()
                            .is_some_and(|n| contains_words(&words(n), &tool_words))
                            || rec
                                .vendor
                                .as_deref()
                                .and_then(|id| r.vendor(id))
                                .is_some_and(|v| vendor_matches(&tool_words, &v.item))
                    });
                    if declared {
                        continue;
                    }
                    let help = match r
                        .vendors
                        .iter()
                        .find(|v| vendor_matches(&tool_words, &v.item))
                    {
                        Some(v) => format!(
                            "vendors.yaml has `{}` ({}): add `- kind: vendor` with `vendor: {}` to this activity's recipients",
                            v.item.id, v.item.name, v.item.id
                        ),
                        None => format!(
                            "add the provider of {tool} to vendors.yaml (with its role, locations and contract) and list it under `recipients` with `kind: vendor`"
                        ),
                    };
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/data_categories/{i}/tools/{j}"),
                                format!(
                                    "data category `{}` is processed by the tool `{tool}`, which is not a recipient of this activity",
                                    category.id
                                ),
                            )
                            .help(help),
                    );
                }
            }
        }
    }
}
