//! Findings about `settings.rules` itself: a setting that names no code (RP902), and a code set
//! by two keys, its code and its name (RP903).

use std::collections::HashMap;

use crate::catalogue::Catalogue;
use crate::catalogue::policy::{DUPLICATE_RULE_SETTING, UNKNOWN_RULE};
use crate::diagnostics::Diagnostic;
use crate::model::Register;

/// The settings findings of one register.
pub fn findings(catalogue: &Catalogue, register: &Register) -> Vec<Diagnostic> {
    let settings = &register.config.item.settings.rules;
    let at = |selector: &str| {
        let mut pointer = String::from("/settings/rules/");
        crate::yaml::push_escaped(&mut pointer, selector);
        (register.config.file.clone(), pointer)
    };
    let mut found = Vec::new();
    // The keys naming each code, in the map's order: the last one applies.
    let mut keys_of: HashMap<&'static str, Vec<&str>> = HashMap::new();
    for selector in settings.keys() {
        match catalogue.find(selector) {
            Some(code) => keys_of.entry(code.code).or_default().push(selector),
            None => {
                let (file, pointer) = at(selector);
                found.push(
                    UNKNOWN_RULE
                        .diagnostic(format!("setting names unknown rule `{selector}`"))
                        .at(file, pointer)
                        .key()
                        .help(format!(
                            "{}use a code or name listed by `ropa rules`",
                            crate::suggest::did_you_mean(selector, catalogue.names())
                        )),
                );
            }
        }
    }
    for code in catalogue.codes() {
        let Some([ignored @ .., applied]) = keys_of.get(code.code).map(Vec::as_slice) else {
            continue;
        };
        for key in ignored {
            let (file, pointer) = at(key);
            found.push(
                DUPLICATE_RULE_SETTING
                    .diagnostic(format!(
                        "rule {} ({}) is also set by `{applied}`, which applies; this setting is ignored",
                        code.code, code.name
                    ))
                    .at(file, pointer)
                    .key()
                    .help("keep one setting per rule"),
            );
        }
    }
    found
}
