//! The detector, proved by controls: each kind of problem a page can have is caught.

use super::*;

#[test]
fn a_clean_page_shows_no_problem() {
    let Some(browser) = require_browser() else {
        return;
    };
    let report = inspect_html(
        &browser,
        &page(
            "<p>plain</p><img alt=\"dot\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\
             <script>console.log(\"a log is not an error\")</script>",
        ),
    );
    assert_eq!(report.problems, Vec::<String>::new());
    assert_eq!(report.title, "control");
    assert_eq!(report.headings, 1);
}

#[test]
fn a_console_error_is_detected() {
    let Some(browser) = require_browser() else {
        return;
    };
    let report = inspect_html(&browser, &page("<script>console.error(\"boom\")</script>"));
    assert!(
        report.problems.iter().any(|p| p == "console.error: boom"),
        "{report:?}"
    );
}

#[test]
fn an_external_image_is_detected() {
    let Some(browser) = require_browser() else {
        return;
    };
    let report = inspect_html(
        &browser,
        &page("<img alt=\"x\" src=\"http://example.invalid/x.png\">"),
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p == "request for a resource outside the file: http://example.invalid/x.png"),
        "{report:?}"
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("failed request: http://example.invalid/x.png")),
        "{report:?}"
    );
}

#[test]
fn an_uncaught_exception_and_a_missing_stylesheet_are_detected() {
    let Some(browser) = require_browser() else {
        return;
    };
    let report = inspect_html(
        &browser,
        &page(
            "<link rel=\"stylesheet\" href=\"missing.css\">\
             <script>throw new Error(\"kaboom\")</script>",
        ),
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("uncaught exception: Error: kaboom")),
        "{report:?}"
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("failed request: file://")
                && p.contains("missing.css (net::ERR_FILE_NOT_FOUND)")),
        "{report:?}"
    );
}
