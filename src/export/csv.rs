//! One RFC 4180 CSV file per sheet of [`super::table`]: UTF-8, a header row, CRLF line ends,
//! fields quoted when they hold a comma, a quote or a line break; dates as `YYYY-MM-DD`.

use super::ExportInput;
use super::table;

/// Each sheet's file name (`register.csv`, `vendors.csv`...) and bytes.
pub fn files(input: &ExportInput<'_>) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    table::sheets(input)
        .into_iter()
        .map(|sheet| {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            w.write_record(sheet.headings.iter().map(|h| h.title.as_str()))?;
            for row in &sheet.rows {
                w.write_record(row.iter().map(table::Cell::to_text))?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
            Ok((format!("{}.csv", sheet.kind.file_stem()), bytes))
        })
        .collect()
}
