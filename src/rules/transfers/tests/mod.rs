//! Unit tests of the transfers rules on registers built in memory.

use super::*;
use crate::diagnostics::Severity;
use crate::rules::testing::{activity_with, check, d, register, vendor};
use serde_json::{Value, json};

mod adequacy;
mod clauses;
mod derogations;
mod flows;

fn aws(extra: Value) -> Vendor {
    let mut v = json!({
        "id": "aws", "name": "AWS", "role": "processor", "service": "Hosting",
        "locations": [{"country": "FR"}, {"country": "US"}],
    });
    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        for (k, x) in e {
            o.insert(k.clone(), x.clone());
        }
    }
    vendor(v)
}

fn uses_aws(transfers: Value) -> Activity {
    activity_with(json!({
        "recipients": [{"kind": "vendor", "vendor": "aws"}],
        "transfers": transfers,
    }))
}

fn run(rule: &dyn Rule, v: Vendor, a: Activity, as_of: NaiveDate) -> Vec<Diagnostic> {
    check(rule, &register(vec![v], vec![a]), as_of)
}
