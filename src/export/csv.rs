//! One RFC 4180 CSV file per sheet of [`super::table`]: UTF-8, a header row, CRLF line ends,
//! fields quoted when they hold a comma, a quote or a line break; dates as `YYYY-MM-DD`. Each
//! file is written row by row into a temporary file, renamed into place when whole.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::ExportInput;
use super::table::{self, Cell, SheetKind};

/// Write each sheet into `dir` (`register.csv`, `vendors.csv`...); returns the paths written.
pub fn write(input: &ExportInput<'_>, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for kind in SheetKind::ALL {
        let head = table::head(input, kind);
        let path = dir.join(format!("{}.csv", kind.file_stem()));
        crate::output::write_atomic_with(&path, |file| {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(std::io::BufWriter::new(file));
            w.write_record(head.headings.iter().map(|h| h.title.as_str()))?;
            table::rows(input, kind, &mut |row| {
                w.write_record(row.iter().map(Cell::to_text))?;
                Ok(())
            })?;
            w.flush()
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(())
        })?;
        written.push(path);
    }
    Ok(written)
}
