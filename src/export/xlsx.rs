//! The workbook: one worksheet per sheet of [`super::table`], with a bold frozen header row,
//! an autofilter, column widths, wrapped text and dates as real dates. The same register gives
//! the same bytes: the workbook's creation date is the export date, not the clock.

use anyhow::Context as _;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

use super::ExportInput;
use super::table::{self, Cell};

/// The workbook's bytes.
pub fn to_bytes(input: &ExportInput<'_>) -> anyhow::Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let as_of = excel_date(input.as_of)?;
    let title = format!(
        "{} — {}",
        input.view.organisation.full_name,
        table::SheetKind::Register.name(input.lang)
    );
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author(&input.view.organisation.full_name)
            .set_comment(format!("ropa; register version {}", input.view.version))
            .set_creation_datetime(&as_of),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("#DDEBF7");
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left);
    let number = Format::new().set_align(FormatAlign::Top);
    for sheet in table::sheets(input) {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name)
            .with_context(|| format!("cannot name the sheet {}", sheet.name))?;
        for (c, h) in sheet.headings.iter().enumerate() {
            let c = col(c)?;
            ws.write_string_with_format(0, c, &h.title, &header)?;
            ws.set_column_width(c, f64::from(h.width))?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).context("too many rows for a worksheet")?;
            for (c, cell) in row.iter().enumerate() {
                let c = col(c)?;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        ws.write_string_with_format(r, c, s, &text)?;
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(r, c, excel_date(*d)?, &date)?;
                    }
                    Cell::Number(n) => {
                        // Line and column numbers: far below 2^53.
                        #[allow(clippy::cast_precision_loss)]
                        ws.write_number_with_format(r, c, *n as f64, &number)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last_row = u32::try_from(sheet.rows.len()).context("too many rows for a worksheet")?;
        let last_col = col(sheet.headings.len().saturating_sub(1))?;
        ws.autofilter(0, 0, last_row, last_col)?;
    }
    Ok(workbook.save_to_buffer()?)
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
