//! Documents say only what the register says: on every example register, in English and
//! French, the sheet, the register, the annex and the public list of sub-processors print
//! exactly "Not stated" (the translation table's own words) where the register is silent, and
//! "None" only where it states that there is none. The expectations come from the loaded model,
//! never from the rendered output.

use std::path::Path;

use chrono::NaiveDate;
use ropa::model::{Activity, Language, Register, Transfer};
use ropa::render::{self, Document, Format, RenderOptions, Translations};

/// The text under the Markdown heading whose title is `title`, at any level, up to the next
/// heading; `None` when the document has no such heading.
fn under<'a>(text: &'a str, title: &str) -> Option<&'a str> {
    let start = text.match_indices('\n').map(|(i, _)| i + 1).find(|&i| {
        let line = text[i..].lines().next().unwrap_or("");
        line.starts_with('#') && line.trim_start_matches('#').trim() == title
    })?;
    let body = &text[start..];
    let body = &body[body.find('\n').map_or(body.len(), |n| n + 1)..];
    Some(&body[..body.find("\n#").unwrap_or(body.len())])
}

/// Runs `check` on every example register in both languages, with the translation table of
/// the language; fails unless the checks found at least `least` silent fields in all (a test
/// that finds none checks nothing).
fn on_every_example(
    least: usize,
    check: impl Fn(&str, &Register, Language, &Translations) -> usize,
) {
    let mut silent = 0;
    for name in ["zerosix", "octopush", "zetapush"] {
        let register = ropa::load::load_register(&Path::new("registers").join(name)).unwrap();
        for lang in [Language::En, Language::Fr] {
            let t = render::translations(lang, None).unwrap();
            silent += check(name, &register, lang, &t);
        }
    }
    assert!(
        silent >= least,
        "only {silent} silent fields: the test checks nothing"
    );
}

/// A document of an example in Markdown, on the examples' date.
fn markdown(
    document: Document,
    register: &Register,
    activity: Option<&str>,
    lang: Language,
) -> String {
    let opts = RenderOptions {
        format: Format::Md,
        lang,
        as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        version: "test".into(),
        templates_dir: None,
        draft_errors: 0,
    };
    render::render(document, register, activity, None, &opts).unwrap()
}

/// What a document must print for one field of the record.
#[derive(Debug)]
enum Expect {
    /// Exactly this text: "Not stated" where the record is silent, or what it says where it
    /// states that there is none.
    Exactly(String),
    /// The field's items: anything but "Not stated" or "None".
    Items,
}

impl Expect {
    /// The items when the record lists some (`listed`), else its statement that there are none
    /// as `stated` prints it, else "Not stated".
    fn of(
        listed: bool,
        statement: Option<&str>,
        stated: impl Fn(&str) -> String,
        t: &Translations,
    ) -> Self {
        match statement {
            _ if listed => Self::Items,
            Some(s) => Self::Exactly(stated(s)),
            None => Self::Exactly(t["not_stated"].clone()),
        }
    }

    /// The items when `listed`, else "Not stated": for a field without a statement of none.
    fn listed(listed: bool, t: &Translations) -> Self {
        Self::of(listed, None, str::to_string, t)
    }
}

/// "None — <statement>", as the templates print a statement that there is none.
fn none_because(t: &Translations) -> impl Fn(&str) -> String + '_ {
    |statement| format!("{} — {statement}", t["none"])
}

/// `text` as a document in `lang` prints it (French spacing before « : » and the like).
fn printed(text: &str, lang: Language) -> String {
    match lang {
        Language::Fr => ropa::render::typography::french(text, false),
        _ => text.to_string(),
    }
}

/// Asserts that `found` is what `expect` says; true when that is "Not stated".
fn assert_prints(
    found: &str,
    expect: &Expect,
    t: &Translations,
    lang: Language,
    what: &str,
) -> bool {
    match expect {
        Expect::Exactly(text) => {
            assert_eq!(found, printed(text, lang), "{what}");
            // "Not stated", or the sub-processors' "Not stated: ..."
            text.starts_with(&t["not_stated"])
        }
        Expect::Items => {
            let none = printed(&t["none"], lang);
            assert_ne!(found, printed(&t["not_stated"], lang), "{what}");
            assert!(
                found != none && !found.starts_with(&format!("{none} —")),
                "{what}: {found}"
            );
            false
        }
    }
}

/// The organisation's DPO and representative: listed, stated as none, "Not applicable" for a
/// representative of an organisation established in the EEA (Art. 27), or "Not stated".
fn organisation_fields(register: &Register, t: &Translations) -> [(&'static str, Expect); 2] {
    let config = &register.config.item;
    let representative = match &config.no_representative {
        _ if config.representative.is_some() => Expect::Items,
        Some(s) => Expect::Exactly(none_because(t)(s)),
        None if config
            .organisation
            .country
            .as_deref()
            .is_some_and(ropa::legal::is_eea) =>
        {
            Expect::Exactly(t["not_applicable"].clone())
        }
        None => Expect::Exactly(t["not_stated"].clone()),
    };
    [
        (
            "dpo",
            Expect::of(
                config.dpo.is_some(),
                config.no_dpo.as_deref(),
                none_because(t),
                t,
            ),
        ),
        ("representative", representative),
    ]
}

/// Whether the activity names a vendor that is a processor, as recipient or importer.
fn names_a_processor(register: &Register, a: &Activity) -> bool {
    a.recipients
        .iter()
        .filter_map(|r| r.vendor.as_deref())
        .chain(a.transfers.iter().filter_map(|x| x.vendor.as_deref()))
        .any(|id| {
            register
                .vendor(id)
                .is_some_and(|v| v.item.role.is_processor())
        })
}

/// The fields of an activity's sheet, each under its heading.
fn activity_fields(
    register: &Register,
    a: &Activity,
    t: &Translations,
) -> [(&'static str, Expect); 4] {
    let none = none_because(t);
    // Listed, else "None — <statement>", else "Not stated".
    let or_none = |listed: bool, statement: &Option<String>| {
        Expect::of(listed, statement.as_deref(), &none, t)
    };
    let retention = Expect::of(
        !a.retention.is_empty(),
        a.retention_statement.as_deref(),
        str::to_string,
        t,
    );
    let processors = names_a_processor(register, a);
    [
        (
            "recipients",
            or_none(!a.recipients.is_empty(), &a.recipients_statement),
        ),
        ("retention", retention),
        (
            "subprocessors_and_transfers",
            or_none(processors, &a.processors_statement),
        ),
        (
            "transfers",
            or_none(!a.transfers.is_empty(), &a.transfers_statement),
        ),
    ]
}

/// Checks the first paragraph under each field's heading in `text`; returns how many fields
/// are silent.
fn check_headings(
    text: &str,
    fields: &[(&str, Expect)],
    t: &Translations,
    lang: Language,
    what: &str,
) -> usize {
    let mut silent = 0;
    for (key, expect) in fields {
        let body = under(text, &t[*key]).unwrap_or_else(|| panic!("{what}: no heading {key}"));
        // Its first paragraph (a former CIL may follow the DPO's).
        let first = body.trim().split("\n\n").next().unwrap();
        silent += usize::from(assert_prints(
            first,
            expect,
            t,
            lang,
            &format!("{what}: {key}"),
        ));
    }
    silent
}

/// Checks the body of one activity's sheet (a sheet, or its section of the register).
fn check_sheet_body(
    text: &str,
    register: &Register,
    a: &Activity,
    t: &Translations,
    lang: Language,
    what: &str,
) -> usize {
    check_headings(text, &organisation_fields(register, t), t, lang, what)
        + check_headings(text, &activity_fields(register, a, t), t, lang, what)
}

/// On every example register, in both languages, each sheet prints exactly "Not stated" under
/// the DPO, representative, recipients, retention, processors and transfers headings where the
/// register neither lists them nor states that there are none; where it states none, the
/// statement.
#[test]
fn every_example_sheet_says_not_stated_where_the_register_is_silent() {
    on_every_example(10, |name, register, lang, t| {
        let mut silent = 0;
        for a in register.activities.iter().map(|a| &a.item) {
            let sheet = markdown(Document::Sheet, register, Some(&a.id), lang);
            let what = format!("{name} sheet {} {lang:?}", a.id);
            silent += check_sheet_body(&sheet, register, a, t, lang, &what);
        }
        silent
    });
}

/// The register prints the organisation's DPO and representative as the sheets do, and each
/// activity's section says "Not stated" where its sheet does.
#[test]
fn every_example_register_says_not_stated_where_the_register_is_silent() {
    on_every_example(20, |name, register, lang, t| {
        let mut silent = 0;
        let doc = markdown(Document::Register, register, None, lang);
        let what = format!("{name} register {lang:?}");
        // The organisation's part, before the index of activities.
        let head = &doc[..doc.find("<a id=\"index\">").expect("an index")];
        silent += check_headings(head, &organisation_fields(register, t), t, lang, &what);
        for a in register.activities.iter().map(|a| &a.item) {
            let anchor = format!("<a id=\"activity-{}\"></a>", a.id);
            let start = doc
                .find(&anchor)
                .unwrap_or_else(|| panic!("{what}: no {anchor}"))
                + anchor.len();
            let section = &doc[start..];
            let section = &section[..section.find("<a id=").unwrap_or(section.len())];
            silent += check_sheet_body(section, register, a, t, lang, &format!("{what} {}", a.id));
        }
        silent
    });
}

/// The value of the Markdown table row whose first cell is `label`.
fn row<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let start = format!("| {label} | ");
    text.lines()
        .find_map(|line| line.strip_prefix(start.as_str()))
        .map(|rest| rest.strip_suffix(" |").unwrap_or(rest))
}

/// Whether a transfer leaves the EEA as the annex counts it: a country outside the EEA, or no
/// country (an international organisation, or a destination the record does not name).
fn leaves_eea(x: &Transfer) -> bool {
    x.country.as_deref().is_none_or(|c| !ropa::legal::is_eea(c))
}

/// The Annex I.B rows of a transfer (Decision 2021/914): only what the transfer itself
/// declares; a block for a sub-processor outside the EEA (`None`) declares nothing.
fn transfer_rows(
    a: &Activity,
    x: Option<&Transfer>,
    t: &Translations,
) -> [(&'static str, Expect); 6] {
    // Whether each declared category is special or criminal-offence data (`None`: not a
    // category of the activity, so the record does not say).
    let sensitive = |id: &String| {
        a.data_categories
            .iter()
            .find(|c| &c.id == id)
            .map(|c| c.special_category.is_some() || c.criminal_data)
    };
    let categories = x.map_or(&[][..], |x| &x.data_categories[..]);
    let sensitive = if categories.iter().any(|id| sensitive(id) == Some(true)) {
        Expect::Items
    } else if !categories.is_empty() && categories.iter().all(|id| sensitive(id) == Some(false)) {
        // Derived from the declared categories, not assumed.
        Expect::Exactly(t["none"].clone())
    } else {
        Expect::Exactly(t["not_stated"].clone())
    };
    [
        (
            "annex_1b_subjects",
            Expect::listed(x.is_some_and(|x| !x.data_subjects.is_empty()), t),
        ),
        ("annex_1b_data", Expect::listed(!categories.is_empty(), t)),
        ("annex_1b_sensitive", sensitive),
        (
            "frequency",
            Expect::listed(x.is_some_and(|x| x.frequency.is_some()), t),
        ),
        (
            "transfer_purposes",
            Expect::listed(x.is_some_and(|x| !x.purposes.is_empty()), t),
        ),
        (
            "annex_1b_retention",
            Expect::listed(x.is_some_and(|x| x.retention.is_some()), t),
        ),
    ]
}

/// Checks the fields of one document against the record, counting the silent ones.
struct Checker<'a> {
    t: &'a Translations,
    lang: Language,
    what: String,
    silent: usize,
}

impl Checker<'_> {
    /// Asserts that `found` is what `expect` says.
    fn check(&mut self, found: &str, expect: &Expect, field: &str) {
        let what = format!("{}: {field}", self.what);
        self.silent += usize::from(assert_prints(found, expect, self.t, self.lang, &what));
    }

    /// Asserts the value of the table row labelled `t[key]` in `text`; only its first line
    /// when `first_line` (what follows a `<br>` is a description).
    fn row(&mut self, text: &str, key: &str, expect: &Expect, first_line: bool) {
        let label = printed(&self.t[key], self.lang);
        let found = row(text, &label).unwrap_or_else(|| panic!("{}: no row {key}", self.what));
        let found = if first_line {
            found.split("<br>").next().unwrap()
        } else {
            found
        };
        self.check(found, expect, key);
    }
}

/// Annex I.A (the processor's DPO) and Annex II of a processor activity's annex.
fn check_annex_description(annex: &str, register: &Register, a: &Activity, c: &mut Checker<'_>) {
    let t = c.t;
    let dpo = printed(&format!("<br>{}{} ", t["dpo"], t["colon"]), c.lang);
    let found = annex
        .split(&dpo)
        .nth(1)
        .unwrap_or_else(|| panic!("{}: no DPO", c.what));
    let [(_, dpo_expect), _] = organisation_fields(register, t);
    c.check(found.split("<br>").next().unwrap(), &dpo_expect, "dpo");
    let sensitive = a
        .data_categories
        .iter()
        .any(|c| c.special_category.is_some() || c.criminal_data);
    let nature = !a.operations.is_empty() || !a.processing_categories.is_empty();
    let duration = a
        .processing_agreement
        .as_ref()
        .is_some_and(|p| p.duration.is_some());
    let retention = Expect::of(
        !a.retention.is_empty(),
        a.retention_statement.as_deref(),
        str::to_string,
        t,
    );
    for (key, expect) in [
        (
            "annex_2_subjects",
            Expect::listed(!a.data_subjects.is_empty(), t),
        ),
        (
            "annex_2_data",
            Expect::listed(!a.data_categories.is_empty(), t),
        ),
        (
            "annex_2_sensitive",
            Expect::listed(sensitive || a.special_categories_statement.is_some(), t),
        ),
        ("annex_2_nature", Expect::listed(nature, t)),
        (
            "annex_2_purposes",
            Expect::listed(!a.purposes.is_empty(), t),
        ),
        ("annex_2_duration", Expect::listed(duration, t)),
        ("retention", retention),
    ] {
        c.row(annex, key, &expect, false);
    }
}

/// Annex IV (its last paragraph, after the authorisation if any) and the Annex I.B blocks: the
/// declared transfers leaving the EEA, in order, then the sub-processors outside it.
fn check_annex_processors_and_transfers(
    annex: &str,
    register: &Register,
    a: &Activity,
    c: &mut Checker<'_>,
) {
    let t = c.t;
    let subprocessors = match Expect::of(
        names_a_processor(register, a),
        a.processors_statement.as_deref(),
        |s| format!("{} {s}", t["no_subprocessors"]),
        t,
    ) {
        Expect::Exactly(text) if text == t["not_stated"] => {
            Expect::Exactly(t["subprocessors_not_stated"].clone())
        }
        other => other,
    };
    let annex_4 = under(annex, &printed(&t["annex_4"], c.lang))
        .unwrap_or_else(|| panic!("{}: no Annex IV", c.what));
    // Up to the footer when no Annex I.B follows.
    let annex_4 = annex_4.split("\n---\n").next().unwrap();
    c.check(
        annex_4.trim().rsplit("\n\n").next().unwrap(),
        &subprocessors,
        "annex_4",
    );
    let declared: Vec<&Transfer> = a.transfers.iter().filter(|x| leaves_eea(x)).collect();
    let heading = printed(&format!("### {} ", t["annex_1b_transfer"]), c.lang);
    let blocks: Vec<&str> = annex.split(&heading).skip(1).collect();
    assert!(
        blocks.len() >= declared.len(),
        "{}: {} Annex I.B blocks for {} transfers",
        c.what,
        blocks.len(),
        declared.len()
    );
    for (i, block) in blocks.iter().enumerate() {
        let x = declared.get(i).copied();
        let importer = x.is_none_or(|x| x.importer.is_some() || x.vendor.is_some());
        c.row(block, "importer", &Expect::listed(importer, t), true);
        for (key, expect) in transfer_rows(a, x, t) {
            c.row(block, key, &expect, false);
        }
    }
}

/// On every example register, in both languages, the annex of each processor activity prints
/// exactly "Not stated" in Annex I.A, II, IV and I.B where the register is silent, the I.B rows
/// saying only what the transfer itself declares.
#[test]
fn every_example_annex_says_not_stated_where_the_register_is_silent() {
    on_every_example(10, |name, register, lang, t| {
        let mut silent = 0;
        for a in render::eligible_activities(Document::Annex, register, None) {
            let annex = markdown(Document::Annex, register, Some(&a.id), lang);
            let mut checker = Checker {
                t,
                lang,
                what: format!("{name} annex {} {lang:?}", a.id),
                silent: 0,
            };
            check_annex_description(&annex, register, a, &mut checker);
            check_annex_processors_and_transfers(&annex, register, a, &mut checker);
            silent += checker.silent;
        }
        silent
    });
}

/// On every example register, in both languages, the public list of sub-processors says "Not
/// stated" when the register names no processor, and "No sub-processor." only when every
/// activity states that none is used.
#[test]
fn every_example_subprocessor_list_says_not_stated_where_the_register_is_silent() {
    on_every_example(2, |name, register, lang, t| {
        let list = markdown(Document::Subprocessors, register, None, lang);
        let activities: Vec<&Activity> = register.activities.iter().map(|a| &a.item).collect();
        let expect = if register.vendors.iter().any(|v| v.item.role.is_processor()) {
            Expect::Items
        } else if !activities.is_empty()
            && activities.iter().all(|a| a.processors_statement.is_some())
        {
            Expect::Exactly(t["no_subprocessors"].clone())
        } else {
            Expect::Exactly(t["subprocessors_not_stated"].clone())
        };
        // The paragraph before the footer.
        let body = &list[..list.rfind("\n---\n").expect("a footer")];
        let found = body.trim().rsplit("\n\n").next().unwrap();
        let what = format!("{name} sub-processors {lang:?}");
        usize::from(assert_prints(found, &expect, t, lang, &what))
    });
}
