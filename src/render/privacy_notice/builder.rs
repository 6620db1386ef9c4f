//! The notice's builder: facts taken from register fields with their place, or "not stated"
//! with the place where they belong; and the standard text of the rights.

use std::collections::HashMap;
use std::path::Path;

use crate::model::{Register, Sourced, Vendor};

use super::super::RenderOptions;
use super::super::view::Translations;
use super::{Fact, NoticeRight};

pub(super) struct NoticeBuilder<'a> {
    pub(super) register: &'a Register,
    pub(super) t: &'a Translations,
    pub(super) lang: crate::model::Language,
    pub(super) vendors: HashMap<&'a str, (usize, &'a Vendor)>,
}

impl<'a> NoticeBuilder<'a> {
    pub(super) fn new(
        register: &'a Register,
        t: &'a Translations,
        opts: &'a RenderOptions,
    ) -> Self {
        NoticeBuilder {
            register,
            t,
            lang: opts.lang,
            vendors: register
                .vendors
                .iter()
                .enumerate()
                .map(|(i, v)| (v.item.id.as_str(), (i, &v.item)))
                .collect(),
        }
    }

    pub(super) fn tr(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// `file#pointer` of a field of a sourced item.
    pub(super) fn place<T>(&self, item: &Sourced<T>, suffix: &str) -> String {
        format!(
            "{}#{}",
            relative(&self.register.root, &item.file),
            item.at(suffix)
        )
    }

    pub(super) fn vendor_place(&self, index: usize, suffix: &str) -> String {
        match self.register.vendors.get(index) {
            Some(v) => self.place(v, suffix),
            None => format!("vendors.yaml#/vendors/{index}{suffix}"),
        }
    }

    /// A fact as written, or not stated.
    pub(super) fn text<T>(&self, item: &Sourced<T>, suffix: &str, value: Option<&String>) -> Fact {
        Fact {
            text: value.filter(|v| !v.trim().is_empty()).cloned(),
            article: None,
            source: self.place(item, suffix),
            labelled: false,
        }
    }

    /// A fact as written, only when the register holds it.
    pub(super) fn present<T>(
        &self,
        item: &Sourced<T>,
        suffix: &str,
        value: Option<&String>,
    ) -> Option<Fact> {
        let fact = self.text(item, suffix, value);
        fact.text.is_some().then_some(fact)
    }

    pub(super) fn labelled<T>(
        &self,
        item: &Sourced<T>,
        suffix: &str,
        text: Option<String>,
        article: Option<String>,
    ) -> Fact {
        Fact {
            text,
            article,
            source: self.place(item, suffix),
            labelled: true,
        }
    }

    pub(super) fn rights(&self) -> Vec<NoticeRight> {
        [
            ("access", "Art. 15"),
            ("rectification", "Art. 16"),
            ("erasure", "Art. 17"),
            ("restriction", "Art. 18"),
            ("notification", "Art. 19"),
            ("portability", "Art. 20"),
            ("objection", "Art. 21"),
            ("automated", "Art. 22"),
        ]
        .into_iter()
        .map(|(key, article)| NoticeRight {
            key: key.to_string(),
            title: self.tr(&format!("notice_right_{key}")),
            article: match self.lang {
                crate::model::Language::En => article.to_string(),
                crate::model::Language::Fr => {
                    format!("article {}", article.trim_start_matches("Art. "))
                }
            },
            text: self.tr(&format!("notice_right_{key}_text")),
        })
        .collect()
    }
}

/// `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}
