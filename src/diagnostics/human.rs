//! The human format: each finding with its code, the offending line and a caret, a help line,
//! then a summary by severity. Colour only when asked (the CLI asks on a terminal).

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr as _;

use super::{Diagnostic, Report, Severity, printable};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const BLUE: &str = "\x1b[1;34m";

fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;36m",
    }
}

/// Render a report for people.
pub fn render(report: &Report, colour: bool) -> String {
    let paint = |code: &'static str| if colour { code } else { "" };
    let mut out = String::new();
    for d in &report.diagnostics {
        write_diagnostic(&mut out, report, d, &paint);
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
    let _ = write!(
        out,
        "{}{}, {}, {}",
        paint(BOLD),
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(infos, "info")
    );
    if waived > 0 {
        let _ = write!(out, " ({waived} waived)");
    }
    let _ = writeln!(
        out,
        " in {} and {}{}",
        plural(report.registers.len(), "register"),
        plural(report.activities.len(), "activity").replace("activitys", "activities"),
        paint(RESET)
    );
    if !report.skipped.is_empty() {
        let _ = writeln!(
            out,
            "not checked, as only some activity files were given: {}",
            report.skipped.join("; ")
        );
    }
    out
}

fn write_diagnostic(
    out: &mut String,
    report: &Report,
    d: &Diagnostic,
    paint: &dyn Fn(&'static str) -> &'static str,
) {
    let label = if d.waiver.is_some() {
        format!("{} (waived)", d.severity.as_str())
    } else {
        d.severity.as_str().to_string()
    };
    let _ = writeln!(
        out,
        "{}{label}[{}]{}{}: {}{}",
        paint(severity_colour(d.severity)),
        d.code,
        paint(RESET),
        paint(BOLD),
        printable(&d.message),
        paint(RESET)
    );
    let gutter_width = d.position.map(|p| p.line.to_string().len()).unwrap_or(1);
    let pad = " ".repeat(gutter_width);
    if let Some(file) = &d.file {
        let location = match d.position {
            Some(p) => format!("{}:{}:{}", file.display(), p.line, p.column),
            None => file.display().to_string(),
        };
        let location = printable(&location);
        let _ = writeln!(out, "{pad}{}-->{} {location}", paint(BLUE), paint(RESET));
        if let (Some(p), Some(source)) = (d.position, report.sources.get(file)) {
            let line = source.line(p.line);
            if !line.is_empty() || p.line <= source.line_count() {
                let line = line.replace('\t', " ");
                let before: String = line.chars().take(p.column.saturating_sub(1)).collect();
                let rest: String = line.chars().skip(p.column.saturating_sub(1)).collect();
                let token: String = rest.chars().take(token_width(&rest)).collect();
                // The caret goes under the token as the terminal shows it: control characters
                // escaped, wide characters (emoji, CJK) two columns.
                let before = printable(&before);
                let indent = before.width();
                let carets = printable(&token).width().max(1);
                let line = format!("{before}{}", printable(&rest));
                let _ = writeln!(out, "{pad} {}|{}", paint(BLUE), paint(RESET));
                let _ = writeln!(out, "{}{} |{} {line}", paint(BLUE), p.line, paint(RESET));
                let _ = writeln!(
                    out,
                    "{pad} {}|{} {}{}{}{}",
                    paint(BLUE),
                    paint(RESET),
                    " ".repeat(indent),
                    paint(severity_colour(d.severity)),
                    "^".repeat(carets),
                    paint(RESET)
                );
            }
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "{pad} {}={} help: {}",
            paint(BLUE),
            paint(RESET),
            printable(help)
        );
    }
    if let Some(w) = &d.waiver {
        let _ = writeln!(
            out,
            "{pad} {}={} waived: {} (approved by {}, until {})",
            paint(BLUE),
            paint(RESET),
            printable(&w.reason),
            printable(&w.approved_by),
            w.expires
        );
    }
    out.push('\n');
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
    use super::token_width;

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
