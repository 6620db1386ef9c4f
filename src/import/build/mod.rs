//! From grids of cells to the register's files: find the heading row, read each row as an
//! activity, gather vendors and measures, and note what could not be placed.

mod data;
mod measures;
mod recipients;
mod record;
mod register_file;
mod text;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

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
use text::*;

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
    let files = b.activity_files(sheet, &header)?;
    let activities = files.len();
    let mut head_files = Vec::new();
    if !keep_register_file {
        head_files.push((super::register_path(), b.register_file(grids, opts)?));
    }
    head_files.extend(b.catalogue_files());
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
        if let Some(header) = header_of(g, mapping)? {
            return Ok((g, header));
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

/// The heading row of sheet `g`: the row the mapping names, else the first of the top rows with
/// a name, reference or purpose column and one more known column.
fn header_of(g: &Grid, mapping: Option<&super::Mapping>) -> anyhow::Result<Option<Header>> {
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
            return Ok(Some(Header {
                row: r,
                fields,
                titles,
            }));
        }
    }
    Ok(None)
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

/// The cells of row `r` by the field of their column; the others, with their heading, apart.
fn read_row<'h>(sheet: &Grid, header: &'h Header, r: usize) -> Row<'h> {
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
    row
}

impl Builder<'_> {
    /// The activity of row `r`, with the comments for its file; `None` (and a warning) for a
    /// row without a name, reference or purpose.
    fn activity(
        &mut self,
        sheet: &Grid,
        header: &Header,
        r: usize,
    ) -> Option<(Activity, Comments)> {
        let mut row = read_row(sheet, header, r);
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
        let mut a = self.new_activity(id, name, &row);
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
        self.notes(&mut a, &mut row);
        Some((a, row.comments))
    }

    /// An activity with what the row gives directly; the rest is filled field by field.
    fn new_activity(&self, id: String, name: String, row: &Row<'_>) -> Activity {
        Activity {
            id,
            name,
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
            automated_decision_making: row.get(Field::AutomatedDecision).map(|s| {
                Box::new(crate::model::AutomatedDecisionMaking::Statement(
                    s.to_string(),
                ))
            }),
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
        }
    }

    /// The notes column, the columns no field takes, and what the row's fields could not place.
    fn notes(&mut self, a: &mut Activity, row: &mut Row<'_>) {
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
                    row.r + 1
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
    }

    /// One activity file per row below the headings; an id already taken gets a suffix and a
    /// located warning.
    fn activity_files(
        &mut self,
        sheet: &Grid,
        header: &Header,
    ) -> anyhow::Result<Vec<(PathBuf, String)>> {
        let mut files = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        for r in header.row + 1..sheet.rows.len() {
            if sheet.rows[r].iter().all(|c| *c == Cell::Empty) {
                continue;
            }
            let Some((mut activity, mut comments)) = self.activity(sheet, header, r) else {
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
                self.warnings.push(Warning::at(
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
                "yaml-language-server: $schema=https://ropa.dev/schemas/activity.schema.json"
                    .into(),
                format!(
                    "Imported by `ropa import` from {}, sheet \"{}\", row {}.",
                    self.source,
                    sheet.name,
                    r + 1
                ),
            ];
            files.push((
                super::activity_path(&activity.id),
                to_yaml(&value, &header_lines, &comments),
            ));
        }
        if files.is_empty() {
            bail!(
                "sheet \"{}\" has headings on row {} but no activity below them",
                sheet.name,
                header.row + 1
            );
        }
        Ok(files)
    }

    /// `vendors.yaml` and `measures.yaml`, when the sheet names any.
    fn catalogue_files(&self) -> Vec<(PathBuf, String)> {
        let mut files = Vec::new();
        if !self.vendors.is_empty() {
            let value = serde_json::json!({ "vendors": self.vendors });
            files.push((
                super::vendors_path(),
                to_yaml(
                    &value,
                    &[
                        "yaml-language-server: $schema=https://ropa.dev/schemas/vendors.schema.json".into(),
                        format!("Imported by `ropa import` from {}: the vendors named in the recipient columns.", self.source),
                    ],
                    &self.vendor_comments,
                ),
            ));
        }
        if !self.measures.is_empty() {
            let value = serde_json::json!({ "measures": self.measures });
            files.push((
                super::measures_path(),
                to_yaml(
                    &value,
                    &[
                        "yaml-language-server: $schema=https://ropa.dev/schemas/measures.schema.json".into(),
                        format!("Imported by `ropa import` from {}: the security measures of the activities.", self.source),
                    ],
                    &self.measure_comments,
                ),
            ));
        }
        files
    }
}
