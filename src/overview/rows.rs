//! The rows of each list: activities, vendors, transfers, retention and reviews.

use super::*;

/// Countries where a vendor processes data: its locations and its safeguards' countries.
pub(super) fn vendor_countries(v: &Vendor) -> BTreeSet<String> {
    v.locations
        .iter()
        .filter_map(|l| l.country.clone())
        .chain(v.transfer_safeguards.iter().map(|s| s.country.clone()))
        .map(|c| c.to_uppercase())
        .collect()
}

/// Vendor ids an activity names (recipients and transfers).
pub(super) fn activity_vendors(a: &Activity) -> BTreeSet<&str> {
    a.recipients
        .iter()
        .filter_map(|r| r.vendor.as_deref())
        .chain(a.transfers.iter().filter_map(|t| t.vendor.as_deref()))
        .collect()
}

pub(super) fn keeps_activity(register: &Register, a: &Activity, f: &Filters) -> bool {
    if f.role.as_ref().is_some_and(|r| *r != yaml_name(&a.role)) {
        return false;
    }
    if let Some(owner) = &f.owner
        && !a
            .owner
            .as_deref()
            .is_some_and(|o| o.eq_ignore_ascii_case(owner))
    {
        return false;
    }
    let vendors = activity_vendors(a);
    if f.vendor.as_deref().is_some_and(|v| !vendors.contains(v)) {
        return false;
    }
    if let Some(country) = &f.country {
        let same = |c: &str| same_country(c, country);
        let direct = a
            .transfers
            .iter()
            .any(|t| t.country.as_deref().is_some_and(same));
        let through = vendors
            .iter()
            .filter_map(|id| register.vendor(id))
            .any(|v| vendor_countries(&v.item).iter().any(|c| same(c)));
        if !direct && !through {
            return false;
        }
    }
    true
}

pub(super) fn activity_row(a: &Activity) -> Vec<String> {
    let purposes: Vec<&str> = a.purposes.iter().map(|p| p.description.as_str()).collect();
    let bases: BTreeSet<String> = a
        .purposes
        .iter()
        .filter_map(|p| p.legal_basis.as_ref())
        .map(yaml_name)
        .collect();
    vec![
        a.id.clone(),
        a.name.clone(),
        yaml_name(&a.role),
        purposes.join("; "),
        bases.into_iter().collect::<Vec<_>>().join(", "),
        a.owner.clone().unwrap_or_default(),
        a.updated.to_string(),
    ]
}

pub(super) fn vendor_rows(register: &Register, f: &Filters) -> Vec<Vec<String>> {
    let mut users: HashMap<&str, Vec<&str>> = HashMap::new();
    for a in &register.activities {
        for id in activity_vendors(&a.item) {
            users.entry(id).or_default().push(a.item.id.as_str());
        }
    }
    register
        .vendors
        .iter()
        .map(|v| &v.item)
        .filter(|v| f.role.as_ref().is_none_or(|r| *r == yaml_name(&v.role)))
        .filter(|v| f.vendor.as_ref().is_none_or(|id| *id == v.id))
        .filter(|v| {
            f.country
                .as_ref()
                .is_none_or(|c| vendor_countries(v).iter().any(|vc| same_country(vc, c)))
        })
        .filter(|v| {
            f.owner.is_none()
                || users.get(v.id.as_str()).is_some_and(|ids| {
                    ids.iter().any(|id| {
                        register
                            .activity(id)
                            .is_some_and(|a| keeps_activity(register, &a.item, f))
                    })
                })
        })
        .map(|v| {
            let contract = match &v.contract {
                Some(c) => [c.reference.clone(), c.date.map(|d| d.to_string())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                None => String::new(),
            };
            let contract = if contract.is_empty() && v.contract.is_some() {
                "yes".to_string()
            } else {
                contract
            };
            vec![
                v.id.clone(),
                v.name.clone(),
                yaml_name(&v.role),
                v.service.clone(),
                vendor_countries(v)
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(", "),
                contract,
                users
                    .get(v.id.as_str())
                    .map(|ids| ids.join(", "))
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

/// One transfer of an activity in a list: importer, destination, mechanism.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TransferLine {
    /// The importer: a vendor's name, or the transfer's `importer` text.
    pub importer: String,
    /// The vendor's id, when the importer is a catalogued vendor.
    pub vendor: Option<String>,
    /// The destination country code, or the international organisation.
    pub country: String,
    /// The mechanism's YAML name, or empty when none is recorded.
    pub mechanism: String,
}

/// Every transfer outside the EEA of an activity: its declared transfers, then the non-EEA
/// countries of its recipient vendors that no declared transfer covers (with the vendor's
/// safeguard for that country). Sorted, each once.
pub fn transfers(register: &Register, a: &Activity) -> Vec<TransferLine> {
    let mut out = BTreeSet::new();
    for t in &a.transfers {
        let destination = t
            .country
            .clone()
            .or_else(|| t.international_organisation.clone())
            .unwrap_or_default();
        if t.country.as_deref().is_some_and(legal::is_eea) {
            continue;
        }
        let vendor = t.vendor.as_deref().and_then(|id| register.vendor(id));
        let mechanism = t.mechanism.or_else(|| {
            vendor.and_then(|v| {
                legal::vendor_safeguard(&v.item, &destination).and_then(|(_, s)| s.mechanism)
            })
        });
        out.insert(TransferLine {
            importer: vendor
                .map(|v| v.item.name.clone())
                .or_else(|| t.importer.clone())
                .or_else(|| t.vendor.clone())
                .unwrap_or_default(),
            vendor: t.vendor.clone(),
            country: destination,
            mechanism: mechanism.map(|m| yaml_name(&m)).unwrap_or_default(),
        });
    }
    for id in a.recipients.iter().filter_map(|r| r.vendor.as_deref()) {
        let Some(v) = register.vendor(id) else {
            continue;
        };
        for country in vendor_countries(&v.item) {
            if legal::is_eea(&country) {
                continue;
            }
            let declared = a.transfers.iter().any(|t| {
                t.country
                    .as_deref()
                    .is_some_and(|c| same_country(c, &country))
                    && t.vendor.as_deref().is_none_or(|tv| tv == id)
            });
            if declared {
                continue;
            }
            out.insert(TransferLine {
                importer: v.item.name.clone(),
                vendor: Some(id.to_string()),
                mechanism: legal::vendor_safeguard(&v.item, &country)
                    .map(|(_, s)| s)
                    .and_then(|s| s.mechanism)
                    .map(|m| yaml_name(&m))
                    .unwrap_or_default(),
                country,
            });
        }
    }
    out.into_iter().collect()
}

pub(super) fn transfer_rows(register: &Register, a: &Activity, f: &Filters) -> Vec<Vec<String>> {
    transfers(register, a)
        .into_iter()
        .filter(|t| {
            f.country
                .as_ref()
                .is_none_or(|c| same_country(&t.country, c))
        })
        .filter(|t| f.vendor.is_none() || t.vendor == f.vendor)
        .map(|t| vec![a.id.clone(), t.importer, t.country, t.mechanism])
        .collect()
}

/// A retention period in words of `lang`: "5 years from end of the contract", "until the
/// subscriber unsubscribes", "12 to 24 months"; « 5 ans à compter de la fin du contrat ».
pub fn spell_period(p: &RetentionPeriod, lang: Language) -> String {
    let spell = |d: &str| Duration::parse(d).map_or_else(|_| d.to_string(), |d| d.spell(lang));
    let (to, from, until, colon) = match lang {
        Language::En => ("to", "from", "until", ":"),
        Language::Fr => ("à", "à compter de", "jusqu'à", " :"),
    };
    let mut parts = Vec::new();
    if let Some(d) = &p.duration {
        parts.push(spell(d));
    }
    if let Some(r) = &p.range {
        parts.push(format!("{} {to} {}", spell(&r.min), spell(&r.max)));
    }
    if let Some(event) = &p.from {
        parts.push(format!("{from} {event}"));
    }
    if let Some(event) = &p.until {
        parts.push(format!("{until} {event}"));
    }
    for v in &p.variants {
        parts.push(format!("({}{colon} {})", v.condition, spell(&v.duration)));
    }
    parts.join(" ")
}

/// The language a register's lists speak: its `settings.language`, else English.
pub(super) fn language_of(register: &Register) -> Language {
    register
        .config
        .item
        .settings
        .language
        .unwrap_or(Language::En)
}

pub(super) fn retention_rows(a: &Activity, lang: Language) -> Vec<Vec<String>> {
    let names: HashMap<&str, &str> = a
        .data_categories
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    a.retention
        .iter()
        .map(|r| {
            let mut data: Vec<&str> = r
                .data_categories
                .iter()
                .map(|id| names.get(id.as_str()).copied().unwrap_or(id.as_str()))
                .collect();
            if let Some(scope) = &r.scope {
                data.push(scope);
            }
            let duration = if r.periods.is_empty() {
                r.text.clone().unwrap_or_default()
            } else {
                let then = match lang {
                    Language::En => ", then ",
                    Language::Fr => ", puis ",
                };
                r.periods
                    .iter()
                    .map(|p| spell_period(p, lang))
                    .collect::<Vec<_>>()
                    .join(then)
            };
            vec![
                a.id.clone(),
                data.join(", "),
                duration,
                r.end_action.map(|e| yaml_name(&e)).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The last review of an activity and when the next one is due.
pub fn review_dates(register: &Register, a: &Activity) -> (NaiveDate, Option<NaiveDate>) {
    let last = a.reviewed.unwrap_or(a.updated);
    let months = register.config.item.settings.review_interval_months;
    let due = a
        .next_review
        .or_else(|| last.checked_add_months(Months::new(months)));
    (last, due)
}

pub(super) fn review_row(register: &Register, a: &Activity, as_of: NaiveDate) -> Vec<String> {
    let (last, due) = review_dates(register, a);
    let lang = language_of(register);
    let overdue = match (due, lang) {
        (Some(d), _) if d < as_of => {
            let days = Duration {
                days: u32::try_from((as_of - d).num_days()).unwrap_or(u32::MAX),
                ..Duration::default()
            };
            match lang {
                Language::En => format!("yes, {}", days.spell(lang)),
                Language::Fr => format!("oui, {}", days.spell(lang)),
            }
        }
        (Some(_), Language::En) => "no".to_string(),
        (Some(_), Language::Fr) => "non".to_string(),
        (None, _) => String::new(),
    };
    vec![
        a.id.clone(),
        last.to_string(),
        due.map(|d| d.to_string()).unwrap_or_default(),
        overdue,
    ]
}
