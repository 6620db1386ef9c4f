//! A generated register of any size, for the documents that must stay readable and fast on large
//! registers (map, site): activities spread over eight owners, thirty vendors in and outside the
//! EEA under every kind of transfer mechanism, special categories in one activity in seven, and
//! one activity in ten marked internal.

use std::fmt::Write as _;
use std::path::Path;

const OWNERS: [&str; 8] = [
    "Sales",
    "Marketing",
    "Human resources",
    "Finance",
    "Support",
    "IT",
    "Legal",
    "Operations",
];

/// (country, mechanism) of each vendor by its number modulo 6; `None`: no mechanism recorded.
const PLACES: [(&str, Option<&str>); 6] = [
    ("FR", None),
    ("DE", None),
    ("US", Some("scc_2021_914")),
    ("CH", Some("adequacy_decision")),
    ("IN", Some("derogation_explicit_consent")),
    ("BR", None),
];

/// Write a register of `n` activities into `dir`.
pub fn write_register(dir: &Path, n: usize) {
    let acts = dir.join("activities");
    std::fs::create_dir_all(&acts).unwrap();
    std::fs::write(
        dir.join("ropa.yaml"),
        "organisation:\n  name: Synthetic SAS\n  address: 1 rue de la Paix, 75002 Paris\n  email: privacy@synthetic.example\n\
         dpo:\n  name: Jane Doe\n  email: dpo@synthetic.example\n\
         settings:\n  supervisory_authority:\n    name: CNIL\n    website: https://www.cnil.fr\n",
    )
    .unwrap();
    let mut vendors = String::from("vendors:\n");
    for v in 0..30 {
        let (country, mechanism) = PLACES[v % 6];
        let _ = write!(
            vendors,
            "  - id: vendor-{v}\n    name: Vendor {v}\n    role: processor\n    service: Service {v}\n    locations:\n      - country: {country}\n    contract:\n      reference: DPA {v}\n"
        );
        if let Some(m) = mechanism {
            let _ = write!(
                vendors,
                "    transfer_safeguards:\n      - country: {country}\n        mechanism: {m}\n"
            );
        }
        if v % 11 == 10 {
            vendors.push_str("    visibility: internal\n");
        }
    }
    std::fs::write(dir.join("vendors.yaml"), vendors).unwrap();
    std::fs::write(
        dir.join("measures.yaml"),
        "measures:\n  - id: mfa\n    category: identification_authorisation\n    description: Named accounts with multi-factor authentication.\n",
    )
    .unwrap();
    for i in 0..n {
        let v1 = i % 30;
        let v2 = (i * 7 + 3) % 30;
        let mut a = format!(
            "id: activity-{i:04}\nname: Activity number {i}\nowner: {}\nrole: controller\ncreated: 2025-01-15\nupdated: 2026-06-01\n\
             purposes:\n  - description: Purpose of activity {i}\n    legal_basis: {}\n{}\
             data_subjects:\n  - id: {}\n    name: {}\n\
             data_categories:\n  - id: identity\n    name: Identity\n",
            OWNERS[i % 8],
            if i % 3 == 0 {
                "legitimate_interests"
            } else {
                "contract"
            },
            if i % 3 == 0 {
                "    legitimate_interest: Keep the service safe\n"
            } else {
                ""
            },
            ["customers", "employees", "prospects", "patients"][i % 4],
            ["Customers", "Employees", "Prospects", "Patients"][i % 4],
        );
        if i % 7 == 0 {
            a.push_str("  - id: health\n    name: Health data\n    special_category: health\n    art9_condition: explicit_consent\n");
        }
        let _ = write!(
            a,
            "recipients:\n  - kind: internal\n    name: {} team\n  - kind: vendor\n    vendor: vendor-{v1}\n  - kind: vendor\n    vendor: vendor-{v2}\n",
            OWNERS[i % 8]
        );
        let outside: Vec<usize> = [v1, v2]
            .into_iter()
            .filter(|v| !matches!(PLACES[v % 6].0, "FR" | "DE"))
            .collect();
        if !outside.is_empty() {
            a.push_str("transfers:\n");
            for v in outside {
                let _ = writeln!(
                    a,
                    "  - country: {}\n    vendor: vendor-{v}",
                    PLACES[v % 6].0
                );
            }
        }
        a.push_str("retention:\n  - periods:\n      - duration: P3Y\n    end_action: delete\nsecurity_measures: [mfa]\n");
        if i % 10 == 9 {
            a.push_str("visibility: internal\nnotes: Internal note that must not be published.\n");
        }
        std::fs::write(acts.join(format!("activity-{i:04}.yaml")), a).unwrap();
    }
}
