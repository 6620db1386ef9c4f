//! The GitHub Actions format: one workflow command per finding, which GitHub shows as an
//! annotation on the file and line, then a plain summary line.
//!
//! ```text
//! ::error file=registers/a/activities/b.yaml,line=12,col=7,title=RP021 unresolved-reference::vendor `x` does not exist%0Ahelp: ...
//! ```
//!
//! Errors become `::error`, warnings `::warning`, infos `::notice`. A waived finding never fails
//! a run: it is left out (`ropa check --show-waived` shows it as a `::notice` whose message starts
//! with `waived:`).

use std::fmt::Write as _;

use super::sarif::slash_path;
use super::{Diagnostic, Report, Severity};

/// Render a report as GitHub workflow commands, waived findings included.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(report, true, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Write a report as GitHub workflow commands to `out`, one finding at a time. Waived findings
/// never fail a run; they are left out unless `show_waived` (the summary still counts them).
pub fn write(
    report: &Report,
    show_waived: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for d in &report.diagnostics {
        if d.waiver.is_some() && !show_waived {
            continue;
        }
        writeln!(out, "{}", command(d))?;
    }
    writeln!(out, "{}", summary(report))
}

/// The workflow command of one finding, without a line break.
pub fn command(d: &Diagnostic) -> String {
    let kind = match (&d.waiver, d.severity) {
        (Some(_), _) | (None, Severity::Info) => "notice",
        (None, Severity::Warning) => "warning",
        (None, Severity::Error) => "error",
    };
    let mut properties = Vec::new();
    if let Some(file) = &d.file {
        properties.push(format!("file={}", escape_property(&slash_path(file))));
        if let Some(p) = d.position {
            properties.push(format!("line={}", p.line));
            properties.push(format!("col={}", p.column));
        }
    }
    let title = match &d.waiver {
        Some(_) => format!("{} {} (waived)", d.code, d.code.name),
        None => format!("{} {}", d.code, d.code.name),
    };
    properties.push(format!("title={}", escape_property(&title)));
    let mut message = String::new();
    if let Some(w) = &d.waiver {
        let _ = write!(
            message,
            "waived: {} (approved by {}, until {}): ",
            w.reason, w.approved_by, w.expires
        );
    }
    message.push_str(&d.message);
    if let Some(help) = &d.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    format!(
        "::{kind} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// The plain-text summary line: counts by severity, waived findings, registers and activities.
/// It starts with `ropa:` so that it can never be read as a workflow command.
pub fn summary(report: &Report) -> String {
    let (errors, warnings, infos) = report.counts();
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut s = format!(
        "ropa: {}, {}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(infos, "info", "infos")
    );
    let waived = report.waived();
    if waived > 0 {
        let _ = write!(s, " ({waived} waived)");
    }
    let _ = write!(
        s,
        " in {} and {}",
        plural(report.registers.len(), "register", "registers"),
        plural(report.activities.len(), "activity", "activities")
    );
    s
}

/// Escape the message of a workflow command. Line breaks are encoded for the runner; other
/// characters that would act on a terminal (escape sequences, bidirectional overrides) are
/// shown escaped, as in the human format.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if super::hidden(c) => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// Escape a property value of a workflow command: as a message, and `:` and `,` too.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{loading, policy};
    use crate::diagnostics::AppliedWaiver;
    use crate::source::Position;

    #[test]
    fn escapes_hide_terminal_controls() {
        assert_eq!(escape_data("a\u{1b}[2Jb\nc"), "a\\u{1b}[2Jb%0Ac");
        assert_eq!(escape_data("x\u{202e}y"), "x\\u{202e}y");
    }

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50% a\r\nb:c,d"), "50%25 a%0D%0Ab:c,d");
        assert_eq!(escape_property("50% a\r\nb:c,d"), "50%25 a%0D%0Ab%3Ac%2Cd");
    }

    #[test]
    fn commands_carry_location_and_title() {
        let d = Diagnostic::new(&loading::FILE_NAME_MISMATCH, "a, b: 100%")
            .severity(Severity::Warning)
            .at_position(
                std::path::Path::new("./dir,x/a:b.yaml"),
                Position::new(3, 5),
            )
            .help("line one\nline two");
        assert_eq!(
            command(&d),
            "::warning file=dir%2Cx/a%3Ab.yaml,line=3,col=5,title=RP013 file-name-mismatch::a, b: 100%25%0Ahelp: line one%0Aline two"
        );
    }

    #[test]
    fn infos_are_notices_and_findings_without_a_file_have_no_location() {
        let d = Diagnostic::new(&policy::UNUSED_WAIVER, "m").severity(Severity::Info);
        assert_eq!(command(&d), "::notice title=RP901 unused-waiver::m");
    }

    #[test]
    fn waived_findings_are_notices() {
        let mut d = Diagnostic::new(&loading::FILE_NAME_MISMATCH, "m")
            .severity(Severity::Error)
            .at_position(std::path::Path::new("a.yaml"), Position::new(1, 2));
        d.waiver = Some(std::sync::Arc::new(AppliedWaiver {
            reason: "r".into(),
            approved_by: "DPO".into(),
            expires: chrono::NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
        }));
        assert_eq!(
            command(&d),
            "::notice file=a.yaml,line=1,col=2,title=RP013 file-name-mismatch (waived)::waived: r (approved by DPO, until 2027-01-31): m"
        );
    }
}
