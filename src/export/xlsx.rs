//! The workbook: one worksheet per sheet of [`super::table`], with a bold frozen header row,
//! an autofilter, column widths, wrapped text and dates as real dates. The same register gives
//! the same bytes: the workbook's creation date is the export date, not the clock.
//!
//! Rows are written as they are made, into worksheets that keep only the current row in memory
//! (rust_xlsxwriter's constant-memory mode), and the workbook goes straight into its file: a
//! register of any size is never held whole as cells or as bytes.
//!
//! A spreadsheet cell holds at most 32,767 characters. A longer text (the activities that use a
//! vendor, in a large register) is cut at a line end, with a visible marker saying how much was
//! left out and a note on the cell; the CSV and JSON exports keep the whole text.

use std::path::Path;

use anyhow::Context as _;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Note, Workbook, Worksheet,
};

use super::ExportInput;
use super::table::{self, Cell, SheetKind};
use crate::model::Language;

/// The most characters a spreadsheet cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A text cut to fit a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Truncated {
    /// The sheet's name.
    pub sheet: String,
    /// The cell, for example `P3`.
    pub cell: String,
    /// How many characters the whole text has.
    pub chars: usize,
}

/// The formats of the workbook's cells.
struct Formats {
    header: Format,
    text: Format,
    date: Format,
    number: Format,
}

/// Write the workbook to `path` atomically (a temporary file in the same folder, renamed into
/// place). Returns the cells whose text was cut to fit.
pub fn write(input: &ExportInput<'_>, path: &Path) -> anyhow::Result<Vec<Truncated>> {
    let mut workbook = Workbook::new();
    let as_of = excel_date(input.as_of)?;
    let title = format!(
        "{} — {}",
        input.view.organisation.full_name,
        SheetKind::Register.name(input.lang)
    );
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author(&input.view.organisation.full_name)
            .set_comment(format!("ropa; register version {}", input.view.version))
            .set_creation_datetime(&as_of),
    );
    let formats = Formats {
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color("#DDEBF7"),
        text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        date: Format::new()
            .set_num_format("yyyy-mm-dd")
            .set_align(FormatAlign::Top)
            .set_align(FormatAlign::Left),
        number: Format::new().set_align(FormatAlign::Top),
    };
    let mut truncated = Vec::new();
    for kind in SheetKind::ALL {
        let ws = workbook.add_worksheet_with_constant_memory();
        write_sheet(input, kind, ws, &formats, &mut truncated)?;
    }
    crate::output::write_atomic_with(path, |file| {
        workbook
            .save_to_writer(file)
            .with_context(|| format!("cannot write {}", path.display()))
    })?;
    Ok(truncated)
}

fn write_sheet(
    input: &ExportInput<'_>,
    kind: SheetKind,
    ws: &mut Worksheet,
    formats: &Formats,
    truncated: &mut Vec<Truncated>,
) -> anyhow::Result<()> {
    let head = table::head(input, kind);
    ws.set_name(&head.name)
        .with_context(|| format!("cannot name the sheet {}", head.name))?;
    for (c, h) in head.headings.iter().enumerate() {
        let c = col(c)?;
        ws.set_column_width(c, f64::from(h.width))?;
        ws.write_string_with_format(0, c, &h.title, &formats.header)?;
    }
    let mut r: u32 = 0;
    table::rows(input, kind, &mut |row| {
        r = r.checked_add(1).context("too many rows for a worksheet")?;
        for (c, cell) in row.iter().enumerate() {
            write_cell(
                input.lang,
                ws,
                formats,
                (r, col(c)?),
                cell,
                &head.name,
                truncated,
            )?;
        }
        Ok(())
    })?;
    ws.set_freeze_panes(1, 0)?;
    let last_col = col(head.headings.len().saturating_sub(1))?;
    ws.autofilter(0, 0, r, last_col)?;
    Ok(())
}

fn write_cell(
    lang: Language,
    ws: &mut Worksheet,
    formats: &Formats,
    (r, c): (u32, u16),
    cell: &Cell,
    sheet: &str,
    truncated: &mut Vec<Truncated>,
) -> anyhow::Result<()> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => match fit(s, lang) {
            None => {
                ws.write_string_with_format(r, c, s, &formats.text)?;
            }
            Some(cut) => {
                ws.write_string_with_format(r, c, &cut, &formats.text)?;
                ws.insert_note(r, c, &Note::new(cut_note(lang)).set_author("ropa"))?;
                truncated.push(Truncated {
                    sheet: sheet.to_string(),
                    cell: rust_xlsxwriter::utility::row_col_to_cell(r, c),
                    chars: s.chars().count(),
                });
            }
        },
        Cell::Date(d) => {
            ws.write_datetime_with_format(r, c, excel_date(*d)?, &formats.date)?;
        }
        Cell::Number(n) => {
            // Line and column numbers: far below 2^53.
            #[allow(clippy::cast_precision_loss)]
            ws.write_number_with_format(r, c, *n as f64, &formats.number)?;
        }
    }
    Ok(())
}

/// `text` cut to fit a cell with a marker saying what was left out, or `None` when it fits.
/// The cut falls at a line end (items are one per line) when there is one.
pub fn fit(text: &str, lang: Language) -> Option<String> {
    if text.chars().count() <= MAX_CELL_CHARS {
        return None;
    }
    // Room for the marker, whose numbers have at most ten digits.
    let budget = MAX_CELL_CHARS - 400;
    let end = text
        .char_indices()
        .nth(budget)
        .map_or(text.len(), |(i, _)| i);
    let kept = match text[..end].rfind('\n') {
        Some(i) if i > 0 => &text[..i],
        _ => &text[..end],
    };
    let rest = &text[kept.len()..];
    let marker = if let Some(rest) = rest.strip_prefix('\n') {
        let lines = rest.lines().count();
        match lang {
            Language::En => format!("… [cut: {lines} more lines not shown]"),
            Language::Fr => format!("… [coupé : {lines} lignes de plus non affichées]"),
        }
    } else {
        let chars = rest.chars().count();
        match lang {
            Language::En => format!("… [cut: {chars} more characters not shown]"),
            Language::Fr => format!("… [coupé : {chars} caractères de plus non affichés]"),
        }
    };
    Some(format!("{kept}\n{marker}"))
}

fn cut_note(lang: Language) -> &'static str {
    match lang {
        Language::En => {
            "A spreadsheet cell holds at most 32,767 characters: this text is cut. `ropa export csv` and `ropa export json` hold it whole."
        }
        Language::Fr => {
            "Une cellule de tableur contient au plus 32 767 caractères : ce texte est coupé. `ropa export csv` et `ropa export json` le contiennent en entier."
        }
    }
}

fn col(c: usize) -> anyhow::Result<u16> {
    u16::try_from(c).context("too many columns for a worksheet")
}

fn excel_date(d: chrono::NaiveDate) -> anyhow::Result<ExcelDateTime> {
    use chrono::Datelike as _;
    let year = u16::try_from(d.year()).context("a date before year 0")?;
    // Months and days from chrono always fit in a u8.
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
        .with_context(|| format!("{d} cannot be written as a spreadsheet date (1900-9999)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_is_cut_at_a_line_end_with_a_marker() {
        let short = "a\nb";
        assert_eq!(fit(short, Language::En), None);
        let items: Vec<String> = (0..10_000).map(|i| format!("Activity {i:05}")).collect();
        let text = items.join("\n");
        let cut = fit(&text, Language::En).unwrap();
        assert!(cut.chars().count() <= MAX_CELL_CHARS);
        let lines: Vec<&str> = cut.lines().collect();
        let shown = lines.len() - 1;
        assert_eq!(lines[..shown], items[..shown], "whole items, in order");
        assert_eq!(
            lines[shown],
            format!("… [cut: {} more lines not shown]", items.len() - shown)
        );
        let one_line = "x".repeat(40_000);
        let cut = fit(&one_line, Language::Fr).unwrap();
        assert!(cut.chars().count() <= MAX_CELL_CHARS);
        assert!(
            cut.ends_with("caractères de plus non affichés]"),
            "{}",
            &cut[cut.len() - 80..]
        );
    }
}
