//! Reading a spreadsheet into grids of cells: xlsx, xlsm, xls, xlsb and ods with calamine, csv
//! with the csv crate. Formulas (their computed values are used), merged cells (their value is
//! repeated over the area) and error cells are reported with their place.

use std::path::Path;

use anyhow::{Context as _, bail};
use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::Warning;
use crate::export::table::Cell;

/// The largest file read (bytes): well above a register of 10,000 activities.
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// One sheet: its name and its rows of cells, as laid out (row 0 is the sheet's first row).
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Sheet name (the file name for csv).
    pub name: String,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// The cell at (row, column), empty when outside.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
}

/// `A`, `B`... `AA` for a 0-based column.
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        // r < 26.
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Read every sheet of a spreadsheet file.
pub fn read(path: &Path, warnings: &mut Vec<Warning>) -> anyhow::Result<Vec<Grid>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_file() {
        bail!("{} is not a regular file", path.display());
    }
    if meta.len() > MAX_BYTES {
        bail!(
            "{} is {} MB, more than the {} MB a register import reads",
            path.display(),
            meta.len() / 1_000_000,
            MAX_BYTES / 1_000_000
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "csv" || ext == "txt" {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok(vec![read_csv(&bytes, &name, path)?]);
    }
    // An encrypted OOXML workbook is an OLE compound file, not a zip.
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) && matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb") {
        bail!(
            "{} is password-protected (encrypted): open it in your spreadsheet, remove the password (File > Protect or Save As without a password) and import the copy",
            path.display()
        );
    }
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| explain(path, &e.to_string()))?;
    let names = book.sheet_names();
    let merged = merged_regions(&mut book, &names);
    let mut grids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let range = book
            .worksheet_range(name)
            .map_err(|e| explain(path, &format!("sheet \"{name}\": {e}")))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (r0, c0) = (r0 as usize, c0 as usize);
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); r0];
        for (r, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; c0];
            for (c, d) in row.iter().enumerate() {
                cells.push(cell(d, name, r0 + r, c0 + c, warnings));
            }
            while cells.last() == Some(&Cell::Empty) {
                cells.pop();
            }
            rows.push(cells);
        }
        let mut grid = Grid {
            name: name.clone(),
            rows,
        };
        for &(r1, c1, r2, c2) in merged.get(i).into_iter().flatten() {
            spread_merged(&mut grid, (r1, c1, r2, c2), warnings);
        }
        formula_warnings(&mut book, name, &grid, warnings);
        grids.push(grid);
    }
    Ok(grids)
}

/// A located warning for every formula of sheet `name`: its computed value is used, or the
/// cell is read as empty when the file holds none.
fn formula_warnings<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    name: &str,
    grid: &Grid,
    warnings: &mut Vec<Warning>,
) {
    if let Ok(formulas) = book.worksheet_formula(name) {
        let (fr, fc) = formulas.start().unwrap_or((0, 0));
        for (r, row) in formulas.rows().enumerate() {
            for (c, f) in row.iter().enumerate() {
                if !f.is_empty() {
                    let (r, c) = (fr as usize + r, fc as usize + c);
                    let used = grid.cell(r, c).to_text();
                    warnings.push(Warning::at(
                        name,
                        r,
                        c,
                        if used.is_empty() {
                            format!("formula ={f} has no computed value; the cell is read as empty (open and save the file in a spreadsheet to compute it)")
                        } else {
                            format!("formula ={f}: its computed value is used")
                        },
                    ));
                }
            }
        }
    }
}

fn explain(path: &Path, e: &str) -> anyhow::Error {
    let lower = e.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        anyhow::anyhow!(
            "{} is password-protected: remove the password in your spreadsheet and import the copy ({e})",
            path.display()
        )
    } else {
        anyhow::anyhow!(
            "cannot read {} as a spreadsheet (xlsx, xlsm, xls, xlsb, ods or csv): {e}",
            path.display()
        )
    }
}

type Region = (usize, usize, usize, usize);

/// Merged areas per sheet (xlsx and xls only: the formats whose reader reports them).
fn merged_regions<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    names: &[String],
) -> Vec<Vec<Region>> {
    let dims = |d: &calamine::Dimensions| {
        (
            d.start.0 as usize,
            d.start.1 as usize,
            d.end.0 as usize,
            d.end.1 as usize,
        )
    };
    match book {
        Sheets::Xlsx(x) => {
            if x.load_merged_regions().is_err() {
                return Vec::new();
            }
            names
                .iter()
                .map(|n| {
                    x.merged_regions_by_sheet(n)
                        .into_iter()
                        .map(|(_, _, d)| dims(d))
                        .collect()
                })
                .collect()
        }
        Sheets::Xls(x) => names
            .iter()
            .map(|n| {
                x.worksheet_merge_cells(n)
                    .unwrap_or_default()
                    .iter()
                    .map(dims)
                    .collect()
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A merged area holds its value in its first cell: repeat it over the area, and say so.
fn spread_merged(grid: &mut Grid, (r1, c1, r2, c2): Region, warnings: &mut Vec<Warning>) {
    let value = grid.cell(r1, c1).clone();
    let area = format!(
        "{}{}:{}{}",
        column_letter(c1),
        r1 + 1,
        column_letter(c2),
        r2 + 1
    );
    warnings.push(Warning::at(
        &grid.name,
        r1,
        c1,
        format!(
            "merged cells {area}: the value of the first cell is used for each cell of the area"
        ),
    ));
    if value == Cell::Empty {
        return;
    }
    // A merged area is small; bound it anyway so that a sheet-wide merge costs nothing.
    for r in r1..=r2.min(r1 + 10_000) {
        if grid.rows.len() <= r {
            grid.rows.resize(r + 1, Vec::new());
        }
        for c in c1..=c2.min(c1 + 200) {
            let row = &mut grid.rows[r];
            if row.len() <= c {
                row.resize(c + 1, Cell::Empty);
            }
            row[c] = value.clone();
        }
    }
}

fn cell(d: &Data, sheet: &str, r: usize, c: usize, warnings: &mut Vec<Warning>) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => {
            let s = s.trim_end_matches(['\r', '\n']);
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.replace("\r\n", "\n"))
            }
        }
        Data::Int(i) => Cell::Number(*i),
        // Whole numbers stay whole; others keep their shortest text.
        #[allow(clippy::cast_possible_truncation, clippy::float_cmp)]
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cell::Number(*f as i64),
        Data::Float(f) => Cell::Text(f.to_string()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) => Cell::Date(d.date()),
            None => Cell::Text(dt.to_string()),
        },
        Data::DateTimeIso(s) => {
            chrono::NaiveDate::parse_from_str(&s[..s.len().min(10)], "%Y-%m-%d")
                .map_or_else(|_| Cell::Text(s.clone()), Cell::Date)
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => {
            warnings.push(Warning::at(
                sheet,
                r,
                c,
                format!("the cell holds the error {e}; it is read as empty"),
            ));
            Cell::Empty
        }
    }
}

fn read_csv(bytes: &[u8], name: &str, path: &Path) -> anyhow::Result<Grid> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .with_context(|| format!("{} is not UTF-8: save it as CSV UTF-8", path.display()))?;
    // Excel in French locales writes `;`-separated files: take the separator of the first line.
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("{}: row {}", path.display(), i + 1))?;
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|s| {
                let s = s.replace("\r\n", "\n");
                if s.trim().is_empty() {
                    Cell::Empty
                } else if let Ok(d) = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
                    Cell::Date(d)
                } else {
                    Cell::Text(s)
                }
            })
            .collect();
        while cells.last() == Some(&Cell::Empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    Ok(Grid {
        name: name.to_string(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
