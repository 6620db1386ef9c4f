//! Member-state retention references, the opt-in rule packs of `settings.jurisdiction`: the
//! longest durations a supervisory authority publishes for common processing (prospects,
//! unsuccessful candidates, video surveillance...), as dated data with their sources, one file
//! per jurisdiction (`retention_fr.json` for the CNIL).
//!
//! Only references that can be cited are kept; each carries the tag of how well it was
//! verified ([`Tag`]).

use super::{Tag, Text};
use crate::duration::Duration;
use crate::model::{Jurisdiction, Language};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The CNIL's references.
pub(super) const FR_JSON: &str = include_str!("retention_fr.json");

/// The retention references of one jurisdiction.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RetentionReferences {
    /// The jurisdiction whose authority publishes them.
    pub jurisdiction: Jurisdiction,
    /// The supervisory authority.
    pub authority: String,
    /// The date the references were gathered.
    pub as_of: NaiveDate,
    /// The references.
    pub references: Vec<RetentionReference>,
}

/// One published reference: the longest a kind of data should be kept.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RetentionReference {
    /// The key a data category names in `retention_reference`.
    pub key: String,
    /// What the reference is about.
    pub label: Text,
    /// The longest duration (ISO 8601).
    pub max: String,
    /// The event the duration runs from.
    pub from: Text,
    /// How well the reference was verified.
    pub tag: Tag,
    /// Where the authority publishes it.
    pub source: String,
}

impl RetentionReference {
    /// The longest duration, parsed.
    pub fn max_duration(&self) -> Option<Duration> {
        Duration::parse(&self.max).ok()
    }

    /// "3 years from the last contact from the prospect", in `lang`.
    pub fn limit(&self, lang: Language) -> String {
        let max = self
            .max_duration()
            .map_or_else(|| self.max.clone(), |d| d.spell(lang));
        let from = self.from.get(lang);
        match lang {
            Language::En => format!("{max} from {from}"),
            Language::Fr => format!("{max} à compter de {from}"),
        }
    }
}

impl RetentionReferences {
    /// The reference of `key`.
    pub fn get(&self, key: &str) -> Option<&RetentionReference> {
        self.references.iter().find(|r| r.key == key)
    }

    /// Everything wrong with the data, as sentences.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, r) in self.references.iter().enumerate() {
            if r.max_duration().is_none() {
                out.push(format!(
                    "{}: `{}` is not an ISO 8601 duration",
                    r.key, r.max
                ));
            }
            if self.references[..i].iter().any(|o| o.key == r.key) {
                out.push(format!("{}: the key appears twice", r.key));
            }
            if !r.source.starts_with("https://") {
                out.push(format!("{}: the source is not an https URL", r.key));
            }
        }
        out
    }
}

/// Parse and check references in the format of `retention_fr.json`.
pub fn parse_retention_references(text: &str) -> anyhow::Result<RetentionReferences> {
    let data: RetentionReferences = serde_json::from_str(text)?;
    let problems = data.problems();
    if problems.is_empty() {
        Ok(data)
    } else {
        anyhow::bail!("invalid retention references:\n- {}", problems.join("\n- "))
    }
}

/// The retention references of `jurisdiction`, embedded in the binary and parsed on first use.
///
/// The files are fixed at build time and checked by this module's tests, so parsing can only
/// fail during development.
#[allow(clippy::expect_used)]
pub fn retention_references(jurisdiction: Jurisdiction) -> &'static RetentionReferences {
    static FR: OnceLock<RetentionReferences> = OnceLock::new();
    match jurisdiction {
        Jurisdiction::Fr => FR.get_or_init(|| {
            parse_retention_references(FR_JSON)
                .expect("src/legal/retention_fr.json is invalid; run `cargo test --lib legal`")
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_is_dated_sourced_and_parses() {
        let fr = retention_references(Jurisdiction::Fr);
        assert_eq!(fr.jurisdiction, Jurisdiction::Fr);
        assert!(fr.problems().is_empty(), "{:?}", fr.problems());
        let keys: Vec<&str> = fr.references.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["prospects", "unsuccessful_candidates", "cctv"]);
        let prospects = fr.get("prospects").map(|r| r.limit(Language::En));
        assert_eq!(
            prospects.as_deref(),
            Some("3 years from the last contact from the prospect")
        );
        // Nothing here is claimed as checked against a legal text.
        assert!(fr.references.iter().all(|r| r.tag != Tag::Verified));
    }

    #[test]
    fn bad_data_is_refused() {
        let text = FR_JSON.replace("\"P3Y\"", "\"three years\"");
        let e = parse_retention_references(&text).unwrap_err().to_string();
        assert!(
            e.contains("prospects: `three years` is not an ISO 8601 duration"),
            "{e}"
        );
    }
}
