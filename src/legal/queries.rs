//! Questions asked of the legal data: countries (EEA, UK = GB), adequacy on a date, transfer
//! mechanisms and their validity, a vendor's safeguard for a destination.

use super::*;
use crate::model::{Language, TransferMechanism};
use chrono::NaiveDate;

/// The country with this ISO 3166-1 alpha-2 code or alias (`UK`, `EL`), in any case and with
/// surrounding spaces ignored.
pub fn country(code: &str) -> Option<&'static Country> {
    static BY_CODE: std::sync::OnceLock<std::collections::HashMap<String, &'static Country>> =
        std::sync::OnceLock::new();
    let by_code = BY_CODE.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        // The first country holding a code or alias wins, as the data file lists them.
        for c in &eu().countries {
            for code in std::iter::once(&c.code).chain(&c.aliases) {
                map.entry(code.to_ascii_uppercase()).or_insert(c);
            }
        }
        map
    });
    let code = code.trim();
    if code.bytes().any(|b| b.is_ascii_lowercase()) {
        by_code.get(&code.to_ascii_uppercase()).copied()
    } else {
        by_code.get(code).copied()
    }
}

/// The canonical code of a country (`GB` for `UK`), or the code as written, upper-cased, when
/// the legal data does not know it.
pub fn canonical_country(code: &str) -> String {
    country(code).map_or_else(|| code.trim().to_uppercase(), |c| c.code.clone())
}

/// Whether two country codes name the same country (`UK` and `GB` do).
pub fn same_country(a: &str, b: &str) -> bool {
    canonical_country(a) == canonical_country(b)
}

/// A vendor's recorded safeguard for a country, with its index in `transfer_safeguards`: the
/// one place the rules and the documents match a safeguard to a destination.
pub fn vendor_safeguard<'v>(
    vendor: &'v crate::model::Vendor,
    country: &str,
) -> Option<(usize, &'v crate::model::Safeguard)> {
    vendor
        .transfer_safeguards
        .iter()
        .enumerate()
        .find(|(_, s)| same_country(&s.country, country))
}

/// Whether the country is a member of the European Economic Area (EU-27, Iceland, Liechtenstein,
/// Norway). Unknown codes are not.
pub fn is_eea(country_code: &str) -> bool {
    country(country_code).is_some_and(|c| c.eea)
}

/// Whether the country is a Member State of the European Union.
pub fn is_eu(country_code: &str) -> bool {
    country(country_code).is_some_and(|c| c.eu)
}

/// The EEA members (states, not the regions with their own code), in the order of the data file.
pub fn eea_members() -> impl Iterator<Item = &'static Country> {
    eu().countries
        .iter()
        .filter(|c| c.eea && c.part_of.is_none())
}

/// The country's short name in `lang`, for the codes the data knows.
pub fn country_name(code: &str, lang: Language) -> Option<&'static str> {
    country(code).map(|c| c.name.get(lang))
}

/// The adequacy decision that covers the country on `date`, if any (the most recent one when a
/// renewal overlaps its predecessor).
///
/// Check [`Adequacy::requires`]: the US and Canadian decisions cover only some recipients.
pub fn adequacy_on(country_code: &str, date: NaiveDate) -> Option<&'static Adequacy> {
    let code = &country(country_code)?.code;
    eu().adequacy
        .iter()
        .filter(|a| a.kind != JurisdictionKind::InternationalOrganisation)
        .filter(|a| &a.jurisdiction == code && a.in_force_on(date))
        .max_by_key(|a| a.in_force)
}

/// The adequacy decision that covers the international organisation named `name` on `date`,
/// matched on its identifier, English or French name, or an alias, ignoring case.
pub fn organisation_adequacy_on(name: &str, date: NaiveDate) -> Option<&'static Adequacy> {
    let name = name.trim();
    eu().adequacy
        .iter()
        .filter(|a| a.kind == JurisdictionKind::InternationalOrganisation && a.in_force_on(date))
        .filter(|a| {
            let names = a.name.iter().flat_map(|n| [n.en.as_str(), n.fr.as_str()]);
            std::iter::once(a.jurisdiction.as_str())
                .chain(names)
                .chain(a.aliases.iter().map(String::as_str))
                .any(|n| n.eq_ignore_ascii_case(name))
        })
        .max_by_key(|a| a.in_force)
}

/// Every adequacy decision recorded for the country, past or present, oldest first.
pub fn adequacy_history(country_code: &str) -> Vec<&'static Adequacy> {
    let Some(code) = country(country_code).map(|c| &c.code) else {
        return Vec::new();
    };
    let mut out: Vec<_> = eu()
        .adequacy
        .iter()
        .filter(|a| &a.jurisdiction == code)
        .collect();
    out.sort_by_key(|a| a.in_force);
    out
}

/// What the data says about a transfer mechanism: labels, article, family, validity.
// Build-time data: `parse` rejects an `eu.json` without one entry per mechanism.
#[allow(clippy::expect_used)]
pub fn mechanism_info(mechanism: TransferMechanism) -> &'static MechanismInfo {
    eu().transfer_mechanisms
        .iter()
        .find(|m| m.key == mechanism)
        .expect("parse() checks that every transfer mechanism has an entry")
}

/// The set of standard contractual clauses a mechanism is, if it is one.
pub fn scc_set(mechanism: TransferMechanism) -> Option<&'static SccSet> {
    let id = mechanism_info(mechanism).scc_set.as_ref()?;
    eu().scc_sets.iter().find(|s| &s.id == id)
}

/// Whether `mechanism` is a set of standard contractual clauses that provides appropriate
/// safeguards on `date`: the 2021/914 clauses from 27 June 2021, the former sets until
/// 27 December 2022. False for every mechanism that is not a known SCC set, including
/// `standard_contractual_clauses` (version not stated), whose validity cannot be told.
pub fn scc_valid_on(mechanism: TransferMechanism, date: NaiveDate) -> bool {
    scc_set(mechanism).is_some_and(|s| s.transfer_mechanism && s.in_force_on(date))
}

/// Whether `mechanism` can be relied on on `date` as far as the legal data knows: SCC sets within
/// their dates, never the Privacy Shield, the others (including SCCs of unstated version)
/// always. Whether an adequacy decision covers the destination is [`adequacy_on`]'s question.
pub fn mechanism_valid_on(mechanism: TransferMechanism, date: NaiveDate) -> bool {
    let info = mechanism_info(mechanism);
    info.valid && (info.scc_set.is_none() || scc_valid_on(mechanism, date))
}
