//! From grids of cells to the register's files: find the heading row, read each row as an
//! activity, gather vendors and measures, and note what could not be placed.

use std::collections::{BTreeMap, HashMap};

use anyhow::bail;
use chrono::NaiveDate;
use serde_json::Value;

use super::read::{Grid, column_letter};
use super::yaml_out::{Comments, to_yaml};
use super::{ImportOptions, Plan, Warning, field_by_name};
use crate::export::columns::{self, Field, normalise};
use crate::export::dpv::slug;
use crate::export::table::{Cell, SheetKind, organisation_items};
use crate::legal;
use crate::model::{
    Activity, ActivityRole, CnilHeading, DataCategory, DataSubjectCategory, Language, Measure,
    MeasureCategory, Organisation, Party, Person, Purpose, Recipient, RecipientKind, RegisterFile,
    RetentionRule, Transfer, Vendor, VendorRole,
};

/// How many rows from the top are searched for the headings.
const HEADER_SEARCH_ROWS: usize = 20;

/// The columns of the sheet read: the field each one holds (or `None`: to notes).
struct Header {
    row: usize,
    fields: Vec<Option<Field>>,
    titles: Vec<String>,
}

pub fn build(
    grids: &[Grid],
    source: &str,
    opts: &ImportOptions,
    keep_register_file: bool,
) -> anyhow::Result<Plan> {
    let (sheet, header) = find_sheet(grids, opts)?;
    let mut b = Builder {
        sheet: &sheet.name,
        source,
        as_of: opts.as_of,
        warnings: Vec::new(),
        vendors: Vec::new(),
        vendor_index: HashMap::new(),
        measures: Vec::new(),
        measure_index: HashMap::new(),
        unplaced: 0,
        vendor_comments: Comments::new(),
        measure_comments: Comments::new(),
        organisation_names: Vec::new(),
    };
    if let Some(g) = grids.iter().find(|g| is_sheet(g, SheetKind::Organisation)) {
        let name = g.cell(1, 1).to_text();
        let form = g.cell(2, 1).to_text();
        b.organisation_names = vec![normalise(&name), normalise(&format!("{name} {form}"))];
    }
    if let Some(name) = &opts.organisation {
        b.organisation_names.push(normalise(name));
    }
    // ropa's own workbook: its catalogue sheets give vendors and measures in full.
    for g in grids {
        if is_sheet(g, SheetKind::Vendors) {
            b.catalogue_vendors(g);
        } else if is_sheet(g, SheetKind::Measures) {
            b.catalogue_measures(g);
        }
    }
    let mut files = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut activities = 0;
    for r in header.row + 1..sheet.rows.len() {
        let row = &sheet.rows[r];
        if row.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        let Some((mut activity, mut comments)) = b.activity(sheet, &header, r) else {
            continue;
        };
        if let Some(first) = ids.get(&activity.id) {
            let base = activity.id.clone();
            let mut n = 2;
            while ids.contains_key(&format!("{base}-{n}")) {
                n += 1;
            }
            activity.id = format!("{base}-{n}");
            let col = header
                .fields
                .iter()
                .position(|f| *f == Some(Field::Ref))
                .unwrap_or(0);
            b.warnings.push(Warning::at(
                &sheet.name,
                r,
                col,
                format!(
                    "the id `{base}` is already used by row {first}; this row is written as `{}`",
                    activity.id
                ),
            ));
            comments.entry("/id".into()).or_default().push(format!(
                "review: `{base}` was already used by row {first} of the sheet"
            ));
        }
        ids.insert(activity.id.clone(), r + 1);
        let value = serde_json::to_value(&activity)?;
        let header_lines = vec![
            "yaml-language-server: $schema=https://ropa.dev/schemas/activity.schema.json".into(),
            format!(
                "Imported by `ropa import` from {source}, sheet \"{}\", row {}.",
                sheet.name,
                r + 1
            ),
        ];
        files.push((
            super::activity_path(&activity.id),
            to_yaml(&value, &header_lines, &comments),
        ));
        activities += 1;
    }
    if activities == 0 {
        bail!(
            "sheet \"{}\" has headings on row {} but no activity below them",
            sheet.name,
            header.row + 1
        );
    }
    let mut head_files = Vec::new();
    if !keep_register_file {
        head_files.push((super::register_path(), b.register_file(grids, opts)?));
    }
    if !b.vendors.is_empty() {
        let value = serde_json::json!({ "vendors": b.vendors });
        head_files.push((
            super::vendors_path(),
            to_yaml(
                &value,
                &[
                    "yaml-language-server: $schema=https://ropa.dev/schemas/vendors.schema.json".into(),
                    format!("Imported by `ropa import` from {source}: the vendors named in the recipient columns."),
                ],
                &b.vendor_comments,
            ),
        ));
    }
    if !b.measures.is_empty() {
        let value = serde_json::json!({ "measures": b.measures });
        head_files.push((
            super::measures_path(),
            to_yaml(
                &value,
                &[
                    "yaml-language-server: $schema=https://ropa.dev/schemas/measures.schema.json".into(),
                    format!("Imported by `ropa import` from {source}: the security measures of the activities."),
                ],
                &b.measure_comments,
            ),
        ));
    }
    head_files.extend(files);
    Ok(Plan {
        files: head_files,
        warnings: b.warnings,
        activities,
        vendors: b.vendors.len(),
        measures: b.measures.len(),
        unplaced: b.unplaced,
        sheet: sheet.name.clone(),
        header_row: header.row + 1,
    })
}

fn is_sheet(g: &Grid, kind: SheetKind) -> bool {
    g.name == kind.name(Language::En) || g.name == kind.name(Language::Fr)
}

/// The sheet to read and its headings.
fn find_sheet<'g>(grids: &'g [Grid], opts: &ImportOptions) -> anyhow::Result<(&'g Grid, Header)> {
    let mapping = opts.mapping.as_ref();
    let candidates: Vec<&Grid> = match mapping.and_then(|m| m.sheet.as_deref()) {
        Some(name) => match grids.iter().find(|g| g.name == name) {
            Some(g) => vec![g],
            None => bail!(
                "no sheet \"{name}\" in the workbook; its sheets are: {}",
                grids
                    .iter()
                    .map(|g| format!("\"{}\"", g.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        None => {
            // The register sheet of ropa's export first, then the others in order.
            let mut v: Vec<&Grid> = grids
                .iter()
                .filter(|g| is_sheet(g, SheetKind::Register))
                .collect();
            v.extend(grids.iter().filter(|g| !is_sheet(g, SheetKind::Register)));
            v
        }
    };
    for g in &candidates {
        let rows: Vec<usize> = match mapping.and_then(|m| m.header_row) {
            Some(0) => bail!("header_row is 1-based: the first row is 1"),
            Some(r) => vec![r - 1],
            None => (0..g.rows.len().min(HEADER_SEARCH_ROWS)).collect(),
        };
        for r in rows {
            let titles: Vec<String> = g
                .rows
                .get(r)
                .map_or_else(Vec::new, |row| row.iter().map(Cell::to_text).collect());
            let fields: Vec<Option<Field>> = titles
                .iter()
                .map(|t| {
                    mapping
                        .and_then(|m| m.columns.iter().find(|(h, _)| normalise(h) == normalise(t)))
                        .and_then(|(_, f)| field_by_name(f))
                        .or_else(|| columns::field_of(t))
                })
                .collect();
            let known = fields.iter().flatten().count();
            let identifies = fields.iter().flatten().any(|f| {
                matches!(
                    f,
                    Field::Name | Field::Ref | Field::Purposes | Field::MainPurpose
                )
            });
            if known >= 2 && identifies {
                return Ok((
                    g,
                    Header {
                        row: r,
                        fields,
                        titles,
                    },
                ));
            }
        }
    }
    let shown: Vec<String> = candidates
        .iter()
        .take(3)
        .map(|g| {
            let first = g
                .rows
                .iter()
                .find(|r| r.iter().any(|c| *c != Cell::Empty))
                .map(|r| {
                    r.iter()
                        .map(Cell::to_text)
                        .filter(|t| !t.is_empty())
                        .take(6)
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .unwrap_or_else(|| "(empty)".into());
            format!("\"{}\": {first}", g.name)
        })
        .collect();
    bail!(
        "no sheet has a known heading row (a name, reference or purpose column and one more, in English or French, within the first {HEADER_SEARCH_ROWS} rows); first rows seen: {}. Name the columns with --map map.yaml (sheet, header_row, columns: {{\"Your heading\": name, ...}})",
        shown.join("; ")
    )
}

struct Builder<'a> {
    sheet: &'a str,
    source: &'a str,
    as_of: NaiveDate,
    warnings: Vec<Warning>,
    vendors: Vec<Vendor>,
    /// Normalised vendor name or id to its index in `vendors`.
    vendor_index: HashMap<String, usize>,
    measures: Vec<Measure>,
    /// Normalised measure text (`title: description`, or description) to its index.
    measure_index: HashMap<String, usize>,
    unplaced: usize,
    vendor_comments: Comments,
    measure_comments: Comments,
    /// The organisation's name, with and without its legal form, normalised.
    organisation_names: Vec<String>,
}

/// One row being read: its cells by field, and the notes and comments gathered.
struct Row<'r> {
    r: usize,
    values: Vec<(Field, usize, String, Option<NaiveDate>)>,
    unknown: Vec<(&'r str, usize, String)>,
    comments: Comments,
    notes: Vec<String>,
}

impl Row<'_> {
    fn get(&self, f: Field) -> Option<&str> {
        self.values
            .iter()
            .find(|(field, ..)| *field == f)
            .map(|(_, _, v, _)| v.as_str())
    }

    fn lines(&self, f: Field) -> Vec<String> {
        self.get(f)
            .map(|v| v.lines().map(|l| l.trim().to_string()).collect())
            .unwrap_or_default()
    }

    fn col(&self, f: Field) -> usize {
        self.values
            .iter()
            .find(|(field, ..)| *field == f)
            .map_or(0, |(_, c, ..)| *c)
    }

    fn comment(&mut self, pointer: &str, text: String) {
        self.comments
            .entry(pointer.to_string())
            .or_default()
            .push(text);
    }
}

/// `name: details` split at the first `": "`.
fn split_named(line: &str) -> (String, Option<String>) {
    match line.split_once(": ") {
        Some((n, d)) if !n.trim().is_empty() => (
            n.trim().to_string(),
            Some(d.trim().to_string()).filter(|d| !d.is_empty()),
        ),
        _ => (line.trim().to_string(), None),
    }
}

/// A trailing `(label)`, split off.
fn split_trailing_label(line: &str) -> (&str, Option<&str>) {
    if let Some(stripped) = line.strip_suffix(')')
        && let Some(open) = stripped.rfind(" (")
    {
        return (&line[..open], Some(&stripped[open + 2..]));
    }
    (line, None)
}

/// Find the value of a labelled enum by its label (either language, with or without its article
/// in parentheses), its YAML key, or its article.
fn by_label<T: legal::TermTable + serde::Serialize>(text: &str) -> Option<T> {
    let wanted = normalise(text);
    let bare = normalise(split_trailing_label(text).0);
    T::terms().iter().find_map(|t| {
        let key = crate::export::key_of(&t.key);
        let hit = [t.label.get(Language::En), t.label.get(Language::Fr)]
            .iter()
            .any(|l| normalise(l) == wanted || normalise(l) == bare)
            || normalise(&key) == wanted
            || key.replace('_', " ") == wanted
            || [Language::En, Language::Fr].iter().any(|&lang| {
                t.article(lang).is_some_and(|a| {
                    let a = normalise(a);
                    a == wanted || a == bare || wanted.ends_with(&format!("({a})"))
                })
            });
        hit.then_some(t.key)
    })
}

fn mechanism_by_label(text: &str) -> Option<crate::model::TransferMechanism> {
    let wanted = normalise(text);
    let bare = normalise(split_trailing_label(text).0);
    legal::eu().transfer_mechanisms.iter().find_map(|m| {
        let key = crate::export::key_of(&m.key);
        let hit = [m.label(Language::En), m.label(Language::Fr)]
            .iter()
            .any(|l| normalise(l) == wanted || normalise(l) == bare)
            || normalise(&key) == wanted;
        hit.then_some(m.key)
    })
}

fn country_by_name(text: &str) -> Option<String> {
    let wanted = normalise(text);
    if let Some(c) = legal::country(text) {
        return Some(c.code.clone());
    }
    legal::eu()
        .countries
        .iter()
        .find(|c| {
            normalise(c.name.get(Language::En)) == wanted
                || normalise(c.name.get(Language::Fr)) == wanted
        })
        .map(|c| c.code.clone())
}

fn parse_date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Text(s) => {
            let s = s.trim();
            ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        }
        _ => None,
    }
}

fn unique_id(base: &str, taken: &mut Vec<String>) -> String {
    let base = if base.is_empty() {
        "item".to_string()
    } else {
        base.chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string()
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

fn is_valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The Annex III heading that a CNIL heading most often stands for.
fn category_of(heading: Option<CnilHeading>) -> MeasureCategory {
    match heading {
        Some(CnilHeading::AccessControl) => MeasureCategory::IdentificationAuthorisation,
        Some(CnilHeading::Traceability) => MeasureCategory::EventsLogging,
        Some(CnilHeading::SoftwareProtection) => MeasureCategory::SystemConfiguration,
        Some(CnilHeading::Backup) => MeasureCategory::Restoration,
        Some(CnilHeading::Encryption) => MeasureCategory::PseudonymisationEncryption,
        Some(CnilHeading::ProcessorOversight) => MeasureCategory::Accountability,
        Some(CnilHeading::Other) | None => MeasureCategory::ItGovernance,
    }
}

impl Builder<'_> {
    fn activity(
        &mut self,
        sheet: &Grid,
        header: &Header,
        r: usize,
    ) -> Option<(Activity, Comments)> {
        let mut row = Row {
            r,
            values: Vec::new(),
            unknown: Vec::new(),
            comments: Comments::new(),
            notes: Vec::new(),
        };
        for (c, field) in header.fields.iter().enumerate() {
            let cell = sheet.cell(r, c);
            if *cell == Cell::Empty {
                continue;
            }
            let text = cell.to_text();
            match field {
                Some(Field::NotRecorded(_)) | None => {
                    row.unknown.push((header.titles[c].as_str(), c, text))
                }
                Some(f) => row.values.push((*f, c, text, parse_date(cell))),
            }
        }
        let name = row
            .get(Field::Name)
            .map(str::to_string)
            .or_else(|| row.lines(Field::MainPurpose).into_iter().next())
            .or_else(|| row.lines(Field::Purposes).into_iter().next());
        let reference = row.get(Field::Ref).map(str::trim).map(str::to_string);
        let Some(name) = name.or_else(|| reference.clone()) else {
            self.warnings.push(Warning {
                sheet: self.sheet.to_string(),
                row: Some(r + 1),
                column: None,
                message: "the row has no name, reference or purpose: it is skipped".into(),
            });
            return None;
        };
        let id = match &reference {
            Some(rf) if is_valid_id(rf) => rf.clone(),
            Some(rf) => {
                let id = slug(rf);
                row.comment("/id", format!("review: the reference \"{rf}\" is not an id (lower-case letters, digits, dashes); made `{id}` from it"));
                id
            }
            None => slug(&name),
        };
        let mut a = Activity {
            id,
            name: name.clone(),
            description: row.get(Field::Description).map(str::to_string),
            owner: row.get(Field::Owner).map(str::to_string),
            role: ActivityRole::Controller,
            joint_controllers: Vec::new(),
            controllers: Vec::new(),
            processing_categories: row.lines(Field::ProcessingCategories),
            created: self.as_of,
            updated: self.as_of,
            reviewed: None,
            next_review: None,
            purposes: Vec::new(),
            operations: Vec::new(),
            data_subjects: Vec::new(),
            data_categories: Vec::new(),
            special_categories_statement: None,
            sources: row.lines(Field::Sources),
            recipients: Vec::new(),
            retention: Vec::new(),
            transfers: Vec::new(),
            security_measures: Vec::new(),
            processing_agreement: None,
            automated_decision_making: row
                .get(Field::AutomatedDecision)
                .map(|s| crate::model::AutomatedDecisionMaking::Statement(s.to_string())),
            joint_arrangement: None,
            recipients_statement: None,
            transfers_statement: None,
            processors_statement: None,
            retention_statement: None,
            data_provision: None,
            dpia: None,
            waivers: Vec::new(),
            notes: None,
            visibility: Default::default(),
        };
        if row.get(Field::Name).is_none() {
            row.comment(
                "/name",
                "review: the row has no name column; the name is its first purpose".into(),
            );
        }
        self.role(&mut a, &mut row);
        self.dates(&mut a, &mut row);
        self.parties(&mut a, &mut row);
        self.purposes(&mut a, &mut row);
        self.operations(&mut a, &mut row);
        self.data(&mut a, &mut row);
        self.recipients(&mut a, &mut row);
        self.transfers(&mut a, &mut row);
        self.retention(&mut a, &mut row);
        self.measures(&mut a, &mut row);
        self.dpia(&mut a, &mut row);
        let mut notes: Vec<String> = row
            .get(Field::Notes)
            .map(str::to_string)
            .into_iter()
            .collect();
        for (title, c, text) in std::mem::take(&mut row.unknown) {
            self.unplaced += 1;
            notes.push(format!("{title}: {text}"));
            row.comment(
                "/notes",
                format!(
                    "not placed: column \"{title}\" ({}{}) is kept in notes",
                    column_letter(c),
                    r + 1
                ),
            );
        }
        for n in std::mem::take(&mut row.notes) {
            self.unplaced += 1;
            notes.push(n);
        }
        if !notes.is_empty() {
            a.notes = Some(notes.join("\n"));
        }
        Some((a, row.comments))
    }

    fn role(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        match row.get(Field::Role) {
            Some(text) => match by_label::<ActivityRole>(text) {
                Some(role) => a.role = role,
                None => {
                    let text = text.to_string();
                    row.comment("/role", format!("review: the role \"{text}\" is not controller, joint controller or processor; controller assumed"));
                    row.notes.push(format!("Role as written: {text}"));
                }
            },
            None => {
                if !row.lines(Field::Controllers).is_empty()
                    && row.get(Field::Controllers).is_some()
                {
                    // A controllers column without a role: decided below by what it names.
                }
                row.comment("/role", "review: the spreadsheet does not say the organisation's role; controller assumed".into());
            }
        }
    }

    fn dates(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        for (field, pointer) in [
            (Field::Created, "/created"),
            (Field::Updated, "/updated"),
            (Field::Reviewed, "/reviewed"),
            (Field::NextReview, "/next_review"),
        ] {
            let found = row
                .values
                .iter()
                .find(|(f, ..)| *f == field)
                .map(|(_, c, t, d)| (*c, t.clone(), *d));
            let date = match found {
                Some((_, _, Some(d))) => Some(d),
                Some((c, text, None)) => {
                    self.warnings.push(Warning::at(
                        self.sheet,
                        row.r,
                        c,
                        format!("\"{text}\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
                    ));
                    row.notes.push(format!("{}: {text}", &pointer[1..]));
                    None
                }
                None => None,
            };
            match (field, date) {
                (Field::Created, Some(d)) => a.created = d,
                (Field::Updated, Some(d)) => a.updated = d,
                (Field::Reviewed, d) => a.reviewed = d,
                (Field::NextReview, d) => a.next_review = d,
                (Field::Created | Field::Updated, None) => {
                    row.comment(
                        pointer,
                        format!(
                            "review: no date in the spreadsheet; set to the import date {}",
                            self.as_of
                        ),
                    );
                }
                _ => {}
            }
        }
        if a.updated < a.created {
            a.updated = a.created;
        }
        // The last review defaults to the last update: an equal date says nothing more.
        if a.reviewed == Some(a.updated) {
            a.reviewed = None;
        }
    }

    fn party(line: &str) -> Party {
        let mut parts = line.split(" — ");
        let name = parts.next().unwrap_or_default().trim().to_string();
        let rest: Vec<&str> = parts.collect();
        let mut p = Party {
            name,
            ..Party::default()
        };
        for part in rest {
            if part.contains('@') && p.email.is_none() {
                p.email = Some(part.trim().to_string());
            } else {
                p.description = Some(match p.description.take() {
                    Some(d) => format!("{d} — {}", part.trim()),
                    None => part.trim().to_string(),
                });
            }
        }
        p
    }

    fn parties(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        a.joint_controllers = row
            .lines(Field::JointControllers)
            .iter()
            .map(|l| Self::party(l))
            .collect();
        let controllers = row.lines(Field::Controllers);
        if a.role == ActivityRole::Processor {
            a.controllers = controllers.iter().map(|l| Self::party(l)).collect();
        } else if controllers.len() == 1
            && self
                .organisation_names
                .contains(&normalise(&controllers[0]))
        {
            // The organisation itself, as ropa's export writes it for controller records.
        } else if !controllers.is_empty() {
            // A controller record's controller is the organisation: kept only in the notes.
            row.notes
                .push(format!("Controller as written: {}", controllers.join("; ")));
        }
    }

    fn purposes(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let mut descriptions = row.lines(Field::MainPurpose);
        descriptions.extend(row.lines(Field::OtherPurposes));
        descriptions.extend(row.lines(Field::Purposes));
        descriptions.retain(|d| !d.is_empty());
        a.purposes = descriptions
            .into_iter()
            .map(|description| Purpose {
                description,
                ..Purpose::default()
            })
            .collect();
        if a.purposes.is_empty() {
            return;
        }
        let bases = row.lines(Field::LegalBasis);
        let single = bases.len() == 1 && a.purposes.len() > 1;
        for i in 0..a.purposes.len() {
            let text = if single { bases.first() } else { bases.get(i) };
            let Some(text) = text.filter(|t| !t.is_empty()) else {
                continue;
            };
            match by_label::<crate::model::LegalBasis>(text) {
                Some(b) => {
                    a.purposes[i].legal_basis = Some(b);
                    if single && i > 0 {
                        row.comment(&format!("/purposes/{i}/legal_basis"), "review: the sheet gives one legal basis for several purposes; applied to each".into());
                    }
                }
                None => {
                    row.comment(&format!("/purposes/{i}"), format!("not placed: legal basis \"{text}\" ({}{}) is not an Art. 6(1) basis; kept in notes", column_letter(row.col(Field::LegalBasis)), row.r + 1));
                    row.notes.push(format!(
                        "Legal basis as written for \"{}\": {text}",
                        a.purposes[i].description
                    ));
                }
            }
        }
        if bases.len() > a.purposes.len() && !single {
            for extra in &bases[a.purposes.len()..] {
                row.notes
                    .push(format!("Legal basis without a purpose: {extra}"));
            }
        }
        for (field, set) in [
            (Field::LegitimateInterest, 0),
            (Field::LiaReference, 1),
            (Field::ConsentRecord, 2),
            (Field::LegalReference, 3),
        ] {
            let lines = row.lines(field);
            let single = lines.len() == 1 && a.purposes.len() > 1;
            for (i, p) in a.purposes.iter_mut().enumerate() {
                let value = if single { lines.first() } else { lines.get(i) };
                let Some(v) = value.filter(|v| !v.is_empty()).cloned() else {
                    continue;
                };
                match set {
                    0 => p.legitimate_interest = Some(v),
                    1 => p.lia_reference = Some(v),
                    2 => p.consent_record = Some(v),
                    _ => p.legal_reference = Some(v),
                }
            }
        }
    }

    fn operations(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let Some(text) = row.get(Field::Operations).map(str::to_string) else {
            return;
        };
        let mut unknown = Vec::new();
        for part in text
            .split([',', '\n', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match by_label::<crate::model::Operation>(part) {
                Some(op) if !a.operations.contains(&op) => a.operations.push(op),
                Some(_) => {}
                None => unknown.push(part.to_string()),
            }
        }
        if !unknown.is_empty() {
            row.comment(
                "/notes",
                format!(
                    "not placed: operations \"{}\" are not Art. 4(2) operations; kept in notes",
                    unknown.join(", ")
                ),
            );
            row.notes
                .push(format!("Operations as written: {}", unknown.join(", ")));
        }
    }

    fn data(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let mut taken = Vec::new();
        a.data_subjects = row
            .lines(Field::DataSubjects)
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (name, description) = split_named(l);
                DataSubjectCategory {
                    id: unique_id(&slug(&name), &mut taken),
                    name,
                    description,
                    vulnerable: false,
                }
            })
            .collect();
        let mut taken = Vec::new();
        a.data_categories = row
            .lines(Field::DataCategories)
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (name, description) = split_named(l);
                DataCategory {
                    id: unique_id(&slug(&name), &mut taken),
                    name,
                    description,
                    ..DataCategory::default()
                }
            })
            .collect();
        let mut statement = Vec::new();
        for line in row
            .lines(Field::SensitiveData)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (name, what) = split_named(&line);
            let category = a
                .data_categories
                .iter_mut()
                .find(|c| normalise(&c.name) == normalise(&name));
            let special = what
                .as_deref()
                .and_then(by_label::<crate::model::SpecialCategory>);
            let criminal = what.as_deref().is_some_and(|w| {
                let w = normalise(split_trailing_label(w).0);
                [
                    "criminal convictions and offences",
                    "condamnations penales et infractions",
                    "infractions et condamnations penales",
                ]
                .iter()
                .any(|x| w.starts_with(x))
            });
            match (category, special, criminal) {
                (Some(c), Some(s), _) => c.special_category = Some(s),
                (Some(c), None, true) => c.criminal_data = true,
                _ => statement.push(line),
            }
        }
        if !statement.is_empty() {
            a.special_categories_statement = Some(statement.join("\n"));
        }
        for line in row
            .lines(Field::Art9Condition)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (name, what) = split_named(&line);
            let condition = what
                .as_deref()
                .and_then(by_label::<crate::model::Art9Condition>);
            let category = a
                .data_categories
                .iter_mut()
                .find(|c| normalise(&c.name) == normalise(&name));
            match (category, condition, what) {
                (Some(c), Some(k), _) => c.art9_condition = Some(k),
                (_, _, _) => match by_label::<crate::model::Art9Condition>(&line) {
                    // One condition for the row: the sensitive categories share it.
                    Some(k)
                        if a.data_categories
                            .iter()
                            .any(|c| c.special_category.is_some()) =>
                    {
                        for c in a
                            .data_categories
                            .iter_mut()
                            .filter(|c| c.special_category.is_some())
                        {
                            c.art9_condition = Some(k);
                        }
                    }
                    _ => {
                        row.comment("/notes", format!("not placed: Art. 9(2) condition \"{line}\" matches no sensitive data category; kept in notes"));
                        row.notes
                            .push(format!("Art. 9(2) condition as written: {line}"));
                    }
                },
            }
        }
    }

    fn vendor_for(
        &mut self,
        name: &str,
        description: Option<String>,
        role: VendorRole,
        assumed: bool,
    ) -> String {
        let key = normalise(name);
        if let Some(&i) = self.vendor_index.get(&key) {
            return self.vendors[i].id.clone();
        }
        let mut taken: Vec<String> = self.vendors.iter().map(|v| v.id.clone()).collect();
        let id = unique_id(&slug(name), &mut taken);
        let i = self.vendors.len();
        let service = description.clone().unwrap_or_else(|| "not stated".into());
        if description.is_none() {
            self.vendor_comments
                .entry(format!("/vendors/{i}/service"))
                .or_default()
                .push(
                    "review: the spreadsheet does not say what service this vendor performs".into(),
                );
        }
        if assumed {
            self.vendor_comments.entry(format!("/vendors/{i}/role")).or_default().push(
                "review: the spreadsheet does not give this recipient's role; processor assumed".into(),
            );
        }
        self.vendors.push(Vendor {
            id: id.clone(),
            name: name.to_string(),
            role,
            service,
            ..Vendor::default()
        });
        self.vendor_index.insert(key, i);
        self.vendor_index.insert(normalise(&id), i);
        id
    }

    fn recipients(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        for line in row
            .lines(Field::InternalRecipients)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (name, description) = split_named(&line);
            a.recipients.push(Recipient {
                kind: RecipientKind::Internal,
                name: Some(name),
                description,
                ..Recipient::default()
            });
        }
        let mut external = row.lines(Field::ExternalRecipients);
        external.extend(row.lines(Field::Recipients));
        for line in external.into_iter().filter(|l| !l.is_empty()) {
            let (body, label) = split_trailing_label(&line);
            let vendor_role = label.and_then(by_label::<VendorRole>);
            let kind = label.and_then(by_label::<RecipientKind>);
            let (name, description) = split_named(body);
            let known_vendor = self.vendor_index.get(&normalise(&name)).copied();
            match (vendor_role, kind, known_vendor) {
                (_, Some(RecipientKind::Internal), None) => {
                    a.recipients.push(Recipient {
                        kind: RecipientKind::Internal,
                        name: Some(name),
                        description,
                        ..Recipient::default()
                    });
                }
                (
                    _,
                    Some(
                        k @ (RecipientKind::Authority
                        | RecipientKind::Partner
                        | RecipientKind::Other),
                    ),
                    None,
                ) => {
                    a.recipients.push(Recipient {
                        kind: k,
                        name: Some(name),
                        description,
                        ..Recipient::default()
                    });
                }
                (role, _, known) => {
                    let (name, description) = if known.is_none()
                        && label.is_some()
                        && vendor_role.is_none()
                        && kind.is_none()
                    {
                        // The parentheses were part of the name.
                        split_named(&line)
                    } else {
                        (name, description)
                    };
                    let id = match known {
                        Some(i) => self.vendors[i].id.clone(),
                        None => self.vendor_for(
                            &name,
                            description.clone(),
                            role.unwrap_or(VendorRole::Processor),
                            role.is_none(),
                        ),
                    };
                    let catalogue_says = known.map(|i| self.vendors[i].service.clone());
                    a.recipients.push(Recipient {
                        kind: RecipientKind::Vendor,
                        vendor: Some(id),
                        description: description.filter(|d| Some(d) != catalogue_says.as_ref()),
                        ..Recipient::default()
                    });
                }
            }
        }
        for line in row
            .lines(Field::ProcessorContracts)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (name, contract) = split_named(&line);
            match (self.vendor_index.get(&normalise(&name)).copied(), contract) {
                (Some(i), Some(c)) if self.vendors[i].contract.is_none() => {
                    let mut parts = c.split(" — ");
                    let reference = parts.next().map(str::to_string);
                    let url = parts.next().map(str::to_string);
                    let (reference, url) = match reference {
                        Some(r) if r.starts_with("http") && url.is_none() => (None, Some(r)),
                        other => (other, url),
                    };
                    self.vendors[i].contract = Some(crate::model::Contract {
                        reference,
                        url,
                        date: None,
                    });
                }
                (Some(_), _) => {}
                _ => {
                    row.comment("/notes", format!("not placed: the contract \"{line}\" names no recipient of this row; kept in notes"));
                    row.notes
                        .push(format!("Processor contract as written: {line}"));
                }
            }
        }
    }

    fn transfers(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let countries = row.lines(Field::TransferCountries);
        let importers = row.lines(Field::TransferImporters);
        let safeguards = row.lines(Field::TransferSafeguards);
        let n = countries.len().max(importers.len()).max(
            if countries.is_empty() && importers.is_empty() {
                0
            } else {
                safeguards.len()
            },
        );
        for i in 0..n {
            let mut t = Transfer::default();
            let pointer = format!("/transfers/{i}");
            if let Some(c) = countries.get(i).filter(|c| !c.is_empty()) {
                match country_by_name(c) {
                    Some(code) => t.country = Some(code),
                    None => {
                        t.description = Some(c.clone());
                        row.comment(&pointer, format!("review: \"{c}\" is not a country ropa knows; kept as the description"));
                    }
                }
            }
            if let Some(name) = importers.get(i).filter(|n| !n.is_empty()) {
                match self.vendor_index.get(&normalise(name)) {
                    Some(&v) => t.vendor = Some(self.vendors[v].id.clone()),
                    None => t.importer = Some(name.clone()),
                }
            }
            let safeguard = if safeguards.len() == 1 && n > 1 {
                safeguards.first()
            } else {
                safeguards.get(i)
            };
            if let Some(s) = safeguard.filter(|s| !s.is_empty()) {
                let mut parts = s.split(" — ");
                let first = parts.next().unwrap_or_default();
                match mechanism_by_label(first) {
                    Some(m) => {
                        t.mechanism = Some(m);
                        for part in parts {
                            if let Some(module) = by_label::<crate::model::SccModule>(part) {
                                t.scc_module = Some(module);
                            } else {
                                t.documentation = Some(part.to_string());
                            }
                        }
                    }
                    None => {
                        row.comment(&pointer, format!("not placed: the safeguard \"{s}\" is no Chapter V mechanism ropa knows; kept in notes"));
                        row.notes
                            .push(format!("Transfer safeguard as written: {s}"));
                    }
                }
            }
            a.transfers.push(t);
        }
    }

    fn retention(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        for line in row
            .lines(Field::Retention)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (head, rest) = split_named(&line);
            let category = a
                .data_categories
                .iter()
                .find(|c| normalise(&c.name) == normalise(&head));
            let rule = match (category, rest) {
                (Some(c), Some(text)) => RetentionRule {
                    text: Some(text),
                    data_categories: vec![c.id.clone()],
                    ..RetentionRule::default()
                },
                _ => RetentionRule {
                    text: Some(line.clone()),
                    ..RetentionRule::default()
                },
            };
            a.retention.push(rule);
        }
        if !a.retention.is_empty() {
            row.comment("/retention", "review: retention is kept as written; add `periods` with a `duration` (P3Y) or an `until` event so that the rules can check it".into());
        }
    }

    fn measures(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let fields: Vec<Field> = row
            .values
            .iter()
            .map(|(f, ..)| *f)
            .filter(|f| matches!(f, Field::Measures(_)))
            .collect();
        for field in fields {
            let heading = match field {
                Field::Measures(h) => h,
                _ => None,
            };
            for line in row.lines(field).into_iter().filter(|l| !l.is_empty()) {
                let id = self.measure_for(&line, heading);
                if !a.security_measures.contains(&id) {
                    a.security_measures.push(id);
                }
            }
        }
    }

    fn measure_for(&mut self, line: &str, heading: Option<CnilHeading>) -> String {
        let key = normalise(line);
        if let Some(&i) = self.measure_index.get(&key) {
            return self.measures[i].id.clone();
        }
        let mut taken: Vec<String> = self.measures.iter().map(|m| m.id.clone()).collect();
        let id = unique_id(
            &slug(&line.chars().take(48).collect::<String>()),
            &mut taken,
        );
        let i = self.measures.len();
        self.measure_comments
            .entry(format!("/measures/{i}/category"))
            .or_default()
            .push(format!(
                "review: Annex III heading guessed from the {} column",
                if heading.is_some() {
                    "CNIL heading's"
                } else {
                    "measures"
                }
            ));
        self.measures.push(Measure {
            id: id.clone(),
            category: category_of(heading),
            cnil_heading: heading,
            title: None,
            description: line.to_string(),
        });
        self.measure_index.insert(key, i);
        id
    }

    fn dpia(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let done = row.get(Field::DpiaProgress).map(|t| {
            let t = normalise(t);
            [
                "yes",
                "oui",
                "done",
                "completed",
                "complete",
                "realisee",
                "faite",
                "true",
            ]
            .contains(&t.as_str())
        });
        let reference = row.get(Field::DpiaReference).map(str::to_string);
        if done.is_some() || reference.is_some() {
            a.dpia = Some(crate::model::Dpia {
                done: done.unwrap_or(false),
                reference,
                ..crate::model::Dpia::default()
            });
        }
        if let Some(required) = row.get(Field::DpiaRequired).map(str::to_string) {
            row.comment("/notes", format!("not placed: \"DPIA required: {required}\" — record the WP248 criteria under `dpia.criteria` instead; kept in notes"));
            row.notes
                .push(format!("DPIA required (as written): {required}"));
        }
        if let Some(location) = row.get(Field::Location).map(str::to_string) {
            row.comment("/notes", "not placed: the location of the data belongs to each vendor's `locations`; kept in notes".into());
            row.notes.push(format!(
                "Location of personal data (as written): {location}"
            ));
        }
    }

    /// ropa's Vendors sheet: the catalogue in full, by column heading.
    fn catalogue_vendors(&mut self, g: &Grid) {
        let Some(head) = g.rows.first() else { return };
        let titles: Vec<String> = head.iter().map(Cell::to_text).collect();
        let col = |en: &str, fr: &str| titles.iter().position(|t| t == en || t == fr);
        let (Some(id), Some(name), Some(role), Some(service)) = (
            col("Id", "Identifiant"),
            col("Name", "Nom"),
            col("Role", "Rôle"),
            col("Service", "Prestation"),
        ) else {
            return;
        };
        let legal_name = col("Legal name", "Raison sociale");
        let processing = col("Processing", "Traitement effectué");
        let address = col("Address", "Adresse");
        let website = col("Website", "Site web");
        let contract = col("Contract", "Contrat");
        let contract_date = col("Contract date", "Date du contrat");
        let certifications = col("Certifications", "Certifications");
        for r in 1..g.rows.len() {
            let text =
                |c: Option<usize>| c.map(|c| g.cell(r, c).to_text()).filter(|t| !t.is_empty());
            let Some(vid) = text(Some(id)).filter(|v| is_valid_id(v)) else {
                continue;
            };
            let vname = text(Some(name)).unwrap_or_else(|| vid.clone());
            let vrole = text(Some(role))
                .and_then(|t| by_label::<VendorRole>(&t))
                .unwrap_or_default();
            let vservice = text(Some(service)).unwrap_or_else(|| "not stated".into());
            let processing_description = text(processing).filter(|p| *p != vservice);
            let contract = match (
                text(contract),
                contract_date.and_then(|c| parse_date(g.cell(r, c))),
            ) {
                (None, None) => None,
                (reference, date) => Some(crate::model::Contract {
                    reference,
                    date,
                    url: None,
                }),
            };
            let i = self.vendors.len();
            self.vendors.push(Vendor {
                id: vid.clone(),
                name: vname.clone(),
                legal_name: text(legal_name),
                role: vrole,
                service: vservice,
                processing_description,
                address: text(address),
                website: text(website),
                contract,
                certifications: text(certifications)
                    .map(|c| c.lines().map(str::to_string).collect())
                    .unwrap_or_default(),
                ..Vendor::default()
            });
            self.vendor_comments.entry(format!("/vendors/{i}")).or_default().push(format!(
                "From the sheet \"{}\", row {}: places of processing, safeguards and contacts are not read back; review them.",
                g.name,
                r + 1
            ));
            self.vendor_index.insert(normalise(&vname), i);
            self.vendor_index.insert(normalise(&vid), i);
        }
    }

    /// ropa's Security measures sheet: the catalogue in full.
    fn catalogue_measures(&mut self, g: &Grid) {
        let Some(head) = g.rows.first() else { return };
        let titles: Vec<String> = head.iter().map(Cell::to_text).collect();
        let col = |en: &str, fr: &str| titles.iter().position(|t| t == en || t == fr);
        let (Some(id), Some(measure)) = (col("Id", "Identifiant"), col("Measure", "Mesure")) else {
            return;
        };
        let title = col("Title", "Intitulé");
        let category = col(
            "Annex III heading (Decision 2021/915)",
            "Rubrique de l'annexe III (décision 2021/915)",
        );
        let heading = col("CNIL heading", "Rubrique CNIL");
        for r in 1..g.rows.len() {
            let text =
                |c: Option<usize>| c.map(|c| g.cell(r, c).to_text()).filter(|t| !t.is_empty());
            let (Some(mid), Some(description)) = (
                text(Some(id)).filter(|v| is_valid_id(v)),
                text(Some(measure)),
            ) else {
                continue;
            };
            let cnil = text(heading).and_then(|h| by_label::<CnilHeading>(&h));
            let cat = text(category)
                .map(|c| c.split_once(") ").map_or(c.clone(), |(_, l)| l.to_string()))
                .and_then(|c| by_label::<MeasureCategory>(&c));
            let i = self.measures.len();
            if cat.is_none() {
                self.measure_comments
                    .entry(format!("/measures/{i}/category"))
                    .or_default()
                    .push(
                        "review: Annex III heading not recognised; guessed from the CNIL heading"
                            .into(),
                    );
            }
            let title = text(title);
            let m = Measure {
                id: mid,
                category: cat.unwrap_or_else(|| category_of(cnil)),
                // The export shows `other` for a measure without a CNIL heading.
                cnil_heading: cnil.filter(|h| *h != CnilHeading::Other),
                title: title.clone(),
                description: description.clone(),
            };
            let key = match &title {
                Some(t) => normalise(&format!("{t}: {description}")),
                None => normalise(&description),
            };
            self.measure_index.insert(key, i);
            self.measures.push(m);
        }
    }

    /// `ropa.yaml`: from ropa's Organisation sheet, else the name given, else a placeholder.
    fn register_file(&mut self, grids: &[Grid], opts: &ImportOptions) -> anyhow::Result<String> {
        let mut org = Organisation::default();
        let mut register = RegisterFile::default();
        let mut comments = Comments::new();
        if let Some(g) = grids.iter().find(|g| is_sheet(g, SheetKind::Organisation)) {
            let lang = if g.name == SheetKind::Organisation.name(Language::Fr) {
                Language::Fr
            } else {
                Language::En
            };
            let labels: BTreeMap<&str, &str> =
                organisation_items(lang).map(|(k, l)| (l, k)).collect();
            for r in 1..g.rows.len() {
                let label = g.cell(r, 0).to_text();
                let value = g.cell(r, 1).to_text();
                if value.is_empty() {
                    continue;
                }
                let person = |v: &str| {
                    let p = Self::party(v);
                    Person {
                        name: p.name,
                        position: p.description,
                        email: p.email,
                        phone: None,
                    }
                };
                match labels.get(label.as_str()).copied() {
                    Some("name") => org.name = value,
                    Some("legal_form") => org.legal_form = Some(value),
                    Some("registration") => org.registration = Some(value),
                    Some("address") => org.address = Some(value),
                    Some("email") => org.email = Some(value),
                    Some("phone") => org.phone = Some(value),
                    Some("website") => org.website = Some(value),
                    Some("head") => org.head = Some(person(&value)),
                    Some("dpo") => register.dpo = Some(Self::party(&value)),
                    Some("representative") => register.representative = Some(Self::party(&value)),
                    _ => {}
                }
            }
        }
        if org.name.is_empty() {
            match &opts.organisation {
                Some(name) => org.name = name.clone(),
                None => {
                    org.name = self
                        .source
                        .rsplit_once('.')
                        .map_or(self.source, |(s, _)| s)
                        .to_string();
                    comments.insert("/organisation/name".into(), vec!["review: the spreadsheet does not name the organisation; this is the file's name (set it with --organisation)".into()]);
                }
            }
        }
        register.organisation = org;
        let value: Value = serde_json::to_value(&register)?;
        Ok(to_yaml(
            &value,
            &[
                "yaml-language-server: $schema=https://ropa.dev/schemas/register.schema.json"
                    .into(),
                format!("Imported by `ropa import` from {}.", self.source),
            ],
            &comments,
        ))
    }
}
