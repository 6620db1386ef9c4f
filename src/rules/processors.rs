//! Processors and the vendors catalogue: every processor that receives data is bound by a written
//! Art. 28 contract, every catalogued vendor is used, and every tool an activity names as
//! processing its data is a declared recipient.

use super::{Context, Rule};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Activity, Register, Sourced, Vendor};

pub(super) const RULES: &[&dyn Rule] = &[&ProcessorWithoutContract, &UnusedVendor, &UndeclaredTool];

/// The activities that name `vendor` as a recipient.
fn recipient_of<'r>(register: &'r Register, vendor: &str) -> Vec<&'r Sourced<Activity>> {
    register
        .activities
        .iter()
        .filter(|a| {
            a.item
                .recipients
                .iter()
                .any(|r| r.vendor.as_deref() == Some(vendor))
        })
        .collect()
}

/// `a` and `b` as a list for a message: "`a`", "`a` and `b`", "`a`, `b` and 2 more".
fn activity_list(activities: &[&Sourced<Activity>]) -> String {
    let ids: Vec<String> = activities
        .iter()
        .map(|a| format!("`{}`", a.item.id))
        .collect();
    match ids.len() {
        0 => String::new(),
        1 => ids[0].clone(),
        2 => format!("{} and {}", ids[0], ids[1]),
        n => format!("{}, {} and {} more", ids[0], ids[1], n - 2),
    }
}

declare_rule! {
    /// ## What it checks
    /// That every vendor whose role is `processor` or `sub_processor` and that some activity
    /// names as a recipient has a `contract` in vendors.yaml (an error when there is none), and
    /// that the contract gives its `reference` and its `date` (a warning when either is missing).
    ///
    /// ## Why
    /// Processing by a processor must be governed by a contract or other legal act that binds it
    /// to the controller and sets out what Art. 28(3) lists; it must be in writing, including in
    /// electronic form (Art. 28(9)). A sub-processor must be bound by the same obligations
    /// (Art. 28(4)). Without the contract's title and date, nobody can find the document the
    /// register relies on, nor tell which version was agreed.
    ///
    /// ## Example
    /// ```yaml
    /// vendors:
    ///   - id: mailer
    ///     name: Brevo
    ///     role: processor
    ///     service: E-mail routing
    /// ```
    /// with an activity listing `vendor: mailer` among its recipients.
    ///
    /// ## How to fix
    /// Record the contract:
    /// ```yaml
    ///     contract:
    ///       reference: Brevo Data Processing Agreement
    ///       date: 2024-03-01
    ///       url: https://www.brevo.com/legal/termsofuse/#dpa
    /// ```
    /// If there is no contract, sign one before the vendor receives data. If the vendor decides
    /// the purposes and means itself, give it the role `controller` instead.
    pub struct ProcessorWithoutContract { code: "RP600", name: "processor-without-contract", severity: Error, summary: "A processor that receives data has no Art. 28 contract" }
}

impl Rule for ProcessorWithoutContract {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for v in &ctx.register.vendors {
            let vendor = &v.item;
            if !vendor.role.is_processor() {
                continue;
            }
            let users = recipient_of(ctx.register, &vendor.id);
            if users.is_empty() {
                continue;
            }
            let who = describe(vendor);
            let Some(contract) = &vendor.contract else {
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "{who} is a {} and receives data in {}, but no contract is recorded (Art. 28(3), 28(9))",
                            role_words(vendor),
                            activity_list(&users)
                        ))
                        .at(v.file.clone(), v.at(""))
                        .help("add `contract:` with the `reference` and `date` of the Art. 28 contract (data processing agreement) signed with this vendor"),
                );
                continue;
            };
            let missing: Vec<&str> = [
                ("reference", contract.reference.is_none()),
                ("date", contract.date.is_none()),
            ]
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(f, _)| f)
            .collect();
            if !missing.is_empty() {
                let mut d = Self::META
                    .diagnostic(format!(
                        "the contract of {who} gives no {}",
                        missing.join(" and no ")
                    ))
                    .at(v.file.clone(), v.at("/contract"))
                    .help(
                        "write the contract's title in `reference` and the date it was signed or accepted in `date`, so that the document can be found",
                    );
                d.severity = Severity::Warning;
                out.push(d);
            }
        }
    }
}

fn describe(vendor: &Vendor) -> String {
    format!("vendor `{}` ({})", vendor.id, vendor.name)
}

fn role_words(vendor: &Vendor) -> &'static str {
    if vendor.role == crate::model::VendorRole::SubProcessor {
        "sub-processor"
    } else {
        "processor"
    }
}

declare_rule! {
    /// ## What it checks
    /// That every vendor of vendors.yaml is named by at least one activity, as a recipient or as
    /// the importer of a transfer.
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
        // With only some activities loaded, an unnamed vendor may be named by another one.
        if ctx.register.partial {
            return;
        }
        for v in &ctx.register.vendors {
            let id = v.item.id.as_str();
            let used = ctx.register.activities.iter().any(|a| {
                a.item
                    .recipients
                    .iter()
                    .any(|r| r.vendor.as_deref() == Some(id))
                    || a.item
                        .transfers
                        .iter()
                        .any(|t| t.vendor.as_deref() == Some(id))
            });
            if !used {
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
fn words(s: &str) -> Vec<String> {
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
fn names_match(tool: &[String], name: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_names_match_by_words() {
        let tool = words("Google Analytics");
        assert!(names_match(&tool, "google-analytics"));
        assert!(names_match(&tool, "GOOGLE ANALYTICS"));
        assert!(names_match(&tool, "Google"));
        assert!(names_match(&tool, "Google Analytics 4"));
        assert!(!names_match(&tool, "Matomo"));
        assert!(!names_match(&tool, "Analytics Google"));
        assert!(!names_match(&tool, "Goo"));
        assert!(!names_match(&tool, ""));
        assert!(names_match(&words("Brevo"), "Brevo (Ex Sendinblue)"));
        assert!(names_match(&words("Sendinblue"), "Brevo (Ex Sendinblue)"));
    }

    use crate::rules::reviews::testing::{activity_with, check, d, register, vendor};
    use serde_json::json;

    fn v(id: &str, role: &str, extra: serde_json::Value) -> Vendor {
        let mut base = json!({"id": id, "name": id.to_uppercase(), "role": role, "service": "S"});
        if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
            for (k, x) in e {
                b.insert(k.clone(), x.clone());
            }
        }
        vendor(base)
    }

    fn receives(ids: &[&str]) -> Activity {
        let recipients: Vec<_> = ids
            .iter()
            .map(|id| json!({"kind": "vendor", "vendor": id}))
            .collect();
        activity_with(json!({"recipients": recipients}))
    }

    #[test]
    fn processors_that_receive_data_need_a_complete_contract() {
        let as_of = d(2026, 11, 25);
        let vendors = vec![
            v("none", "processor", json!({})),
            v(
                "partial",
                "sub_processor",
                json!({"contract": {"reference": "DPA"}}),
            ),
            v(
                "full",
                "processor",
                json!({"contract": {"reference": "DPA", "date": "2024-01-01"}}),
            ),
            v("ctrl", "controller", json!({})),
            v("idle", "processor", json!({})),
        ];
        let reg = register(
            vendors,
            vec![receives(&["none", "partial", "full", "ctrl"])],
        );
        let found = check(&ProcessorWithoutContract, &reg, as_of);
        let got: Vec<_> = found
            .iter()
            .map(|f| (f.pointer.as_deref().unwrap_or(""), f.severity))
            .collect();
        assert_eq!(
            got,
            [
                ("/vendors/0", Severity::Error),
                ("/vendors/1/contract", Severity::Warning)
            ]
        );
        assert!(found[1].message.contains("no date"));
        assert!(found[0].message.contains("`a`"));
    }

    #[test]
    fn unused_vendors_are_reported() {
        let vendors = vec![
            v("used", "processor", json!({})),
            v("importer", "processor", json!({})),
            v("idle", "processor", json!({})),
        ];
        let a = activity_with(json!({
            "recipients": [{"kind": "vendor", "vendor": "used"}],
            "transfers": [{"country": "US", "vendor": "importer"}],
        }));
        let found = check(&UnusedVendor, &register(vendors, vec![a]), d(2026, 11, 25));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/vendors/2"));
        assert_eq!(found[0].severity, Severity::Info);
    }

    #[test]
    fn tools_must_be_recipients() {
        let as_of = d(2026, 11, 25);
        let category =
            |tool: &str| json!([{"id": "audience", "name": "Audience", "tools": [tool]}]);
        let ga = v(
            "google",
            "processor",
            json!({"name": "Google Ireland", "legal_name": "Google Ireland Limited"}),
        );
        // Named as a catalogued recipient: fine, by the vendor's id or names.
        let a = activity_with(json!({
            "data_categories": category("Google Analytics"),
            "recipients": [{"kind": "vendor", "vendor": "google"}],
        }));
        assert!(check(&UndeclaredTool, &register(vec![ga.clone()], vec![a]), as_of).is_empty());
        // Named by a recipient's name: fine.
        let a = activity_with(json!({
            "data_categories": category("matomo"),
            "recipients": [{"kind": "other", "name": "Matomo (self-hosted)"}],
        }));
        assert!(check(&UndeclaredTool, &register(vec![], vec![a]), as_of).is_empty());
        // A recipient whose name is only part of the tool's does not cover it.
        let a = activity_with(json!({
            "data_categories": category("Marketing Cloud"),
            "recipients": [{"kind": "internal", "name": "Marketing"}],
        }));
        assert_eq!(
            check(&UndeclaredTool, &register(vec![], vec![a]), as_of).len(),
            1
        );
        // Catalogued but not a recipient: the help names the vendor.
        let a = activity_with(json!({"data_categories": category("Google Analytics")}));
        let found = check(&UndeclaredTool, &register(vec![ga], vec![a]), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/data_categories/0/tools/0")
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("`vendor: google`")
        );
    }
}
