//! Registers built in memory for unit tests, shared by every stage that reads the model (rules,
//! documents), so that none of them borrows another's test helpers.

use chrono::NaiveDate;

use super::{Activity, Register, RegisterFile, Sourced, Vendor};

/// A date.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A minimal activity `a`, created 2024-01-01 and updated 2026-01-01.
pub fn activity() -> Activity {
    serde_json::from_value(serde_json::json!({
        "id": "a",
        "name": "A",
        "role": "controller",
        "created": "2024-01-01",
        "updated": "2026-01-01",
    }))
    .unwrap()
}

/// An activity from its YAML fields as JSON, on top of [`activity`]'s required ones.
pub fn activity_with(fields: serde_json::Value) -> Activity {
    let mut base = serde_json::to_value(activity()).unwrap();
    if let (Some(b), Some(f)) = (base.as_object_mut(), fields.as_object()) {
        for (k, v) in f {
            b.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(base).unwrap()
}

/// A vendor from its YAML fields as JSON.
pub fn vendor(fields: serde_json::Value) -> Vendor {
    serde_json::from_value(fields).unwrap()
}

/// A register with these vendors and activities.
pub fn register(vendors: Vec<Vendor>, activities: Vec<Activity>) -> Register {
    Register {
        root: "reg".into(),
        config: Sourced {
            file: std::path::Path::new("reg/ropa.yaml").into(),
            pointer: String::new(),
            item: RegisterFile::default(),
        },
        vendors: vendors
            .into_iter()
            .enumerate()
            .map(|(i, item)| Sourced {
                file: std::path::Path::new("reg/vendors.yaml").into(),
                pointer: format!("/vendors/{i}"),
                item,
            })
            .collect(),
        measures: Vec::new(),
        activities: activities
            .into_iter()
            .map(|item| Sourced {
                file: std::path::PathBuf::from(format!("reg/activities/{}.yaml", item.id)).into(),
                pointer: String::new(),
                item,
            })
            .collect(),
        index: Default::default(),
        partial: false,
        gaps: Default::default(),
    }
}
