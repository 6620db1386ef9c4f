//! The human format: each finding with its code, the offending line and a caret, a help line,
//! then a summary by severity. Colour only when asked (the CLI asks on a terminal that wants it).
//!
//! The output is written as it is made, and each quoted line is a window of at most
//! [`WINDOW`] columns around the caret: its size grows with the number of findings, never with
//! findings × the length of a line (a one-line file with thousands of findings stays readable).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr as _;

use super::{Diagnostic, Report, Severity, printable};
use crate::source::{Position, SourceFile};

/// Most characters of a source line quoted under a finding.
pub const WINDOW: usize = 120;
/// Findings made at once before they are written.
const BATCH: usize = 4096;
/// Characters kept before the caret when a long line is cut on the left.
const LEAD: usize = 40;

const BOLD: Style = Style::new().bold();
const BLUE: Style = AnsiColor::Blue.on_default().bold();

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Cyan.on_default().bold(),
    }
}

/// Styles as they are written: ANSI sequences with colour, nothing without.
struct Paint(bool);

impl Paint {
    fn on(&self, style: Style) -> impl std::fmt::Display {
        let style = if self.0 { style } else { Style::new() };
        style.render()
    }
    fn off(&self) -> &'static str {
        if self.0 { "\x1b[0m" } else { "" }
    }
}

/// Render a report for people, into a string (see [`write`]).
pub fn render(report: &Report, colour: bool) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(report, colour, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Write a report for people to `out`, finding by finding.
pub fn write(report: &Report, colour: bool, out: &mut dyn Write) -> io::Result<()> {
    use rayon::prelude::*;
    let paint = Paint(colour);
    // Findings are written in order, a batch at a time, each batch made on every core: quoting
    // lines costs more than writing them, and a batch bounds the text held in memory.
    for batch in report.diagnostics.chunks(BATCH) {
        let texts: Vec<Vec<u8>> = batch
            .par_chunks(BATCH / 16)
            .map(|part| {
                let mut text = Vec::new();
                for d in part {
                    // Writing into memory cannot fail.
                    let _ = write_diagnostic(&mut text, report, d, &paint);
                }
                text
            })
            .collect();
        for text in texts {
            out.write_all(&text)?;
        }
    }
    let (errors, warnings, infos) = report.counts();
    let waived = report.waived();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    write!(
        out,
        "{}{}, {}, {}",
        paint.on(BOLD),
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(infos, "info")
    )?;
    if waived > 0 {
        write!(out, " ({waived} waived)")?;
    }
    writeln!(
        out,
        " in {} and {}{}",
        plural(report.registers.len(), "register"),
        plural(report.activities.len(), "activity").replace("activitys", "activities"),
        paint.off()
    )?;
    if !report.skipped.is_empty() {
        writeln!(
            out,
            "not checked, as only some activity files were given: {}",
            report.skipped.join("; ")
        )?;
    }
    Ok(())
}

/// The part of a line shown under a finding: the text before the caret and from the caret on,
/// at most [`WINDOW`] characters in all, and whether it was cut on the left and on the right.
/// Only the characters up to the end of the window are looked at; none on an ASCII line, where a
/// column is a byte offset.
fn window(line: &str, column: usize, ascii: bool) -> (&str, &str, bool, bool) {
    let caret = column.saturating_sub(1);
    let skip = if caret + LEAD < WINDOW {
        0
    } else {
        caret - LEAD
    };
    if ascii {
        let start = skip.min(line.len());
        let at = caret.clamp(start, line.len());
        let end = (skip + WINDOW).min(line.len());
        return (
            &line[start..at],
            &line[at..end.max(at)],
            skip > 0,
            skip + WINDOW < line.len(),
        );
    }
    let mut start = None;
    let mut at = None;
    let mut end = None;
    for (n, (i, _)) in line.char_indices().enumerate() {
        if n == skip {
            start = Some(i);
        }
        if n == caret {
            at = Some(i);
        }
        if n == skip + WINDOW {
            end = Some(i);
            break;
        }
    }
    let start = start.unwrap_or(line.len());
    let at = at.unwrap_or(line.len()).max(start);
    let end_index = end.unwrap_or(line.len());
    (
        &line[start..at],
        &line[at..end_index],
        skip > 0,
        end.is_some(),
    )
}

fn write_diagnostic(
    out: &mut dyn Write,
    report: &Report,
    d: &Diagnostic,
    paint: &Paint,
) -> io::Result<()> {
    let waived = if d.waiver.is_some() { " (waived)" } else { "" };
    writeln!(
        out,
        "{}{}{waived}[{}]{}{}: {}{}",
        paint.on(severity_style(d.severity)),
        d.severity.as_str(),
        d.code,
        paint.off(),
        paint.on(BOLD),
        printable(&d.message),
        paint.off()
    )?;
    let gutter_width = d.position.map(|p| p.line.to_string().len()).unwrap_or(1);
    let pad = " ".repeat(gutter_width);
    if let Some(file) = &d.file {
        let location = match d.position {
            Some(p) => format!("{}:{}:{}", file.display(), p.line, p.column),
            None => file.display().to_string(),
        };
        let location = printable(&location);
        writeln!(out, "{pad}{}-->{} {location}", paint.on(BLUE), paint.off())?;
        if let (Some(p), Some(source)) = (d.position, report.sources.get(file)) {
            write_excerpt(out, source, p, &pad, severity_style(d.severity), paint)?;
        }
    }
    if let Some(help) = &d.help {
        writeln!(
            out,
            "{pad} {}={} help: {}",
            paint.on(BLUE),
            paint.off(),
            printable(help)
        )?;
    }
    if let Some(w) = &d.waiver {
        writeln!(
            out,
            "{pad} {}={} waived: {} (approved by {}, until {})",
            paint.on(BLUE),
            paint.off(),
            printable(&w.reason),
            printable(&w.approved_by),
            w.expires
        )?;
    }
    writeln!(out)
}

/// The source line of a finding with carets under the token at its position.
fn write_excerpt(
    out: &mut dyn Write,
    source: &SourceFile,
    p: Position,
    pad: &str,
    style: Style,
    paint: &Paint,
) -> io::Result<()> {
    let line = source.line(p.line);
    if line.is_empty() && p.line > source.line_count() {
        return Ok(());
    }
    let (before, rest, cut_left, cut_right) = window(line, p.column, source.line_is_ascii(p.line));
    let before = before.replace('\t', " ");
    let rest = rest.replace('\t', " ");
    let token: String = rest.chars().take(token_width(&rest)).collect();
    // The caret goes under the token as the terminal shows it: control characters escaped, wide
    // characters (emoji, CJK) two columns.
    let left = if cut_left { "…" } else { "" };
    let right = if cut_right { "…" } else { "" };
    let before = printable(&before);
    let indent = left.width() + before.width();
    let carets = printable(&token).width().max(1);
    writeln!(out, "{pad} {}|{}", paint.on(BLUE), paint.off())?;
    writeln!(
        out,
        "{}{} |{} {left}{before}{}{right}",
        paint.on(BLUE),
        p.line,
        paint.off(),
        printable(&rest)
    )?;
    writeln!(
        out,
        "{pad} {}|{} {}{}{}{}",
        paint.on(BLUE),
        paint.off(),
        " ".repeat(indent),
        paint.on(style),
        "^".repeat(carets),
        paint.off()
    )
}

/// Width of the token that starts `rest`: a quoted string, a key up to its colon, or a plain
/// value up to the next flow indicator, comment or end of line.
fn token_width(rest: &str) -> usize {
    let mut chars = rest.chars();
    match chars.next() {
        None => 1,
        // A tab or space itself is the problem (indentation), or a byte order mark.
        Some(c) if c.is_whitespace() || c == '\u{feff}' => 1,
        Some(q @ ('"' | '\'')) => {
            let inner = chars.take_while(|&c| c != q).count();
            (inner + 2).min(rest.chars().count())
        }
        Some(_) => {
            let mut width = 0;
            let mut previous = ' ';
            let mut chars = rest.chars().peekable();
            while let Some(c) = chars.next() {
                let ends_key = c == ':' && chars.peek().is_none_or(|n| n.is_whitespace());
                let starts_comment = c == '#' && previous.is_whitespace();
                if matches!(c, ',' | ']' | '}') || ends_key || starts_comment {
                    break;
                }
                width += 1;
                previous = c;
            }
            let trailing = rest
                .chars()
                .take(width)
                .collect::<Vec<_>>()
                .iter()
                .rev()
                .take_while(|c| c.is_whitespace())
                .count();
            (width - trailing).max(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{WINDOW, token_width, window};

    #[test]
    fn long_lines_are_quoted_as_a_window_around_the_caret() {
        for ascii in [true, false] {
            assert_eq!(window("id: x", 5, ascii), ("id: ", "x", false, false));
            let long = format!("{}TARGET{}", "a".repeat(5000), "b".repeat(5000));
            let (before, rest, left, right) = window(&long, 5001, ascii);
            assert!(left && right);
            assert_eq!(before.len(), 40);
            assert!(rest.starts_with("TARGET"));
            assert_eq!(before.len() + rest.len(), WINDOW);
            // Short of the window's lead, the line is shown from its start.
            let (before, rest, left, right) = window(&long, 60, ascii);
            assert_eq!((before.len(), left, right), (59, false, true));
            assert_eq!(before.len() + rest.len(), WINDOW);
            // Past the end of the line.
            assert_eq!(window("ab", 9, ascii), ("ab", "", false, false));
            assert_eq!(window("ab", 2000, ascii), ("", "", true, false));
            assert!(!window(&"x".repeat(WINDOW), 1, ascii).3);
        }
        assert_eq!(window("ééé", 2, false), ("é", "éé", false, false));
    }

    #[test]
    fn token_widths() {
        assert_eq!(token_width("Google Analytics]"), 16);
        assert_eq!(token_width("description: Payroll"), 11);
        assert_eq!(token_width("contractual"), 11);
        assert_eq!(token_width("P3Y # three years"), 3);
        assert_eq!(token_width("\"quoted text\" rest"), 13);
        assert_eq!(token_width("http://example.org/x"), 20);
        assert_eq!(token_width(""), 1);
        assert_eq!(token_width(" name: x"), 1);
        assert_eq!(token_width("\u{feff}# comment: x"), 1);
    }
}
