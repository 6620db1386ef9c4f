//! Processors and the vendors catalogue: every processor that receives data is bound by a written
//! Art. 28 contract, every catalogued vendor is used, and every tool an activity names as
//! processing its data is a declared recipient.

mod breach_notification_deadline;
mod processor_obligations_missing;
mod processor_without_contract;
mod sub_processor_authorisation;
mod undeclared_tool;
mod unused_vendor;

use super::Rule;
use crate::model::{Activity, ProcessingAgreement, Register, Sourced, Vendor};
pub use processor_without_contract::ProcessorWithoutContract;
pub use undeclared_tool::UndeclaredTool;
pub use unused_vendor::UnusedVendor;

pub(super) const RULES: &[&dyn Rule] = &[
    &ProcessorWithoutContract,
    &UnusedVendor,
    &UndeclaredTool,
    &processor_obligations_missing::ProcessorObligationsMissing,
    &breach_notification_deadline::BreachNotificationDeadline,
    &sub_processor_authorisation::SubProcessorAuthorisationMissing,
];

/// Each activity that records an Art. 28(3) contract in `processing_agreement`, with that
/// contract: the walk of the rules that read what the contract stipulates.
fn with_agreement(
    register: &Register,
) -> impl Iterator<Item = (&Sourced<Activity>, &ProcessingAgreement)> {
    register
        .activities
        .iter()
        .filter_map(|a| a.item.processing_agreement.as_deref().map(|p| (a, p)))
}

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

#[cfg(test)]
mod tests {
    use super::undeclared_tool::{names_match, words};
    use super::*;
    use crate::diagnostics::Severity;

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

    use crate::rules::testing::{activity_with, check, d, register, vendor};
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

    /// A processor record whose Art. 28(3) contract is `agreement`, engaging the sub-processor
    /// `host`.
    fn processing_for_controllers(agreement: serde_json::Value) -> Register {
        let mut act = receives(&["host"]);
        act.role = crate::model::ActivityRole::Processor;
        act.processing_agreement = Some(serde_json::from_value(agreement).unwrap());
        register(vec![v("host", "sub_processor", json!({}))], vec![act])
    }

    #[test]
    fn breach_notification_is_an_iso_8601_duration_within_72_hours_or_its_words() {
        let as_of = d(2026, 11, 25);
        let found = |agreement| {
            check(
                &breach_notification_deadline::BreachNotificationDeadline,
                &processing_for_controllers(agreement),
                as_of,
            )
        };
        let unstated = found(json!({"reference": "DPA"}));
        assert_eq!(unstated.len(), 1);
        assert_eq!(unstated[0].severity, Severity::Warning);
        assert!(
            unstated[0]
                .message
                .contains("does not state within what time")
        );
        let invalid = found(json!({"reference": "DPA", "breach_notification": "48 hours"}));
        assert_eq!(invalid.len(), 1);
        assert_eq!(invalid[0].severity, Severity::Error);
        assert_eq!(
            invalid[0].pointer.as_deref(),
            Some("/processing_agreement/breach_notification")
        );
        assert!(
            invalid[0]
                .message
                .contains("`48 hours` is not an ISO 8601 duration"),
            "{}",
            invalid[0].message
        );
        // The contract's words alone ("without undue delay") are a statement: no finding.
        assert!(
            found(json!({"reference": "DPA", "breach_notification_text": "without undue delay"}))
                .is_empty()
        );
        assert!(found(json!({"reference": "DPA", "breach_notification": "PT72H"})).is_empty());
        assert_eq!(
            found(json!({"reference": "DPA", "breach_notification": "P4D"})).len(),
            1
        );
    }

    #[test]
    fn a_general_authorisation_needs_a_notice_of_changes() {
        let as_of = d(2026, 11, 25);
        let found = |authorisation| {
            check(
                &sub_processor_authorisation::SubProcessorAuthorisationMissing,
                &processing_for_controllers(
                    json!({"reference": "DPA", "sub_processor_authorisation": authorisation}),
                ),
                as_of,
            )
        };
        let general = found(json!({"kind": "general"}));
        assert_eq!(general.len(), 1);
        assert_eq!(general[0].severity, Severity::Warning);
        assert_eq!(
            general[0].pointer.as_deref(),
            Some("/processing_agreement/sub_processor_authorisation")
        );
        assert!(
            general[0]
                .message
                .contains("states no notice of intended changes")
        );
        assert!(found(json!({"kind": "general", "notice": "P30D"})).is_empty());
        assert!(found(json!({"kind": "specific"})).is_empty());
    }

    #[test]
    fn a_sub_processor_without_a_contract_cites_art_28_4() {
        let reg = register(
            vec![
                v("host", "sub_processor", json!({})),
                v("mailer", "processor", json!({})),
            ],
            vec![receives(&["host", "mailer"])],
        );
        let found = check(&ProcessorWithoutContract, &reg, d(2026, 11, 25));
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].ends_with("is a sub-processor and receives data in `a`, but no contract is recorded (Art. 28(4), 28(9))"),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].ends_with("is a processor and receives data in `a`, but no contract is recorded (Art. 28(3), 28(9))"),
            "{}",
            messages[1]
        );
    }
}
