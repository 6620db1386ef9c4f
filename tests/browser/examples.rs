//! The example registers: every document loads cleanly in Chromium and prints to a PDF.

use super::*;

/// Every document of the register `name`, in both languages: rendered as HTML, loaded without a
/// problem, printed to a PDF.
fn documents_load_cleanly_and_print_to_pdf(name: &str) {
    let Some(browser) = require_browser() else {
        return;
    };
    let root = Path::new(REGISTERS).join(name);
    let register = ropa::load::load_register(&root)
        .unwrap_or_else(|d| panic!("the example register {name} does not load: {d:?}"));
    let ids: Vec<&str> = register
        .activities
        .iter()
        .map(|a| a.item.id.as_str())
        .collect();
    let first = *ids
        .first()
        .unwrap_or_else(|| panic!("{name} has no activity"));
    let processor = register
        .activities
        .iter()
        .find(|a| !a.item.role.is_controller())
        .map(|a| a.item.id.as_str())
        .unwrap_or_else(|| panic!("{name} has no processor activity for the annex"));
    let documents = [
        ("sheet", Some(first)),
        ("register", None),
        ("annex", Some(processor)),
        ("subprocessors", None),
    ];

    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (lang, (doc, activity)) in ["en", "fr"]
        .into_iter()
        .flat_map(|lang| documents.map(|d| (lang, d)))
    {
        let what = format!(
            "{doc} of {name}{} in {lang}",
            activity.map_or(String::new(), |a| format!(" ({a})"))
        );
        let html = dir.path().join(format!("{doc}.{lang}.html"));
        render(doc, &root, activity, lang, "html", &html);
        let report = inspect(&browser, &html);
        if !report.problems.is_empty() {
            failures.push(format!("{what}:\n  {}", report.problems.join("\n  ")));
        }
        assert!(!report.title.trim().is_empty(), "{what} has no title");
        assert!(report.headings >= 1, "{what} has no heading: {report:?}");
        assert!(
            report.text_len > 200,
            "{what} shows almost no text: {report:?}"
        );
        if doc != "subprocessors" {
            assert!(report.tables >= 1, "{what} has no table: {report:?}");
        }

        let pdf_path = dir.path().join(format!("{doc}.{lang}.pdf"));
        render(doc, &root, activity, lang, "pdf", &pdf_path);
        let pdf = std::fs::read(&pdf_path).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{what}: not a PDF");
        assert!(pdf.len() > 1024, "{what}: PDF of only {} bytes", pdf.len());
        let pages = page_count(&pdf);
        assert!(pages >= 1, "{what}: PDF without a page");
        // The print stylesheet asks for A4 (595 x 842 pt), not the browser's default Letter.
        assert!(
            find(&pdf, b"/MediaBox [0 0 59").is_some()
                && find(&pdf, b"/MediaBox [0 0 612").is_none(),
            "{what}: the PDF pages are not A4"
        );
        if doc == "register" {
            // A cover page, then each sheet on a page of its own.
            assert!(
                pages > ids.len(),
                "{what}: {pages} page(s) for a cover and {} sheets",
                ids.len()
            );
        }
        eprintln!(
            "{what}: no problem in the browser; PDF of {} bytes, {pages} page(s)",
            pdf.len()
        );
    }
    assert!(
        failures.is_empty(),
        "problems in the browser:\n{}",
        failures.join("\n")
    );
}

#[test]
fn zerosix_documents_load_cleanly_and_print_to_pdf() {
    documents_load_cleanly_and_print_to_pdf("zerosix");
}

#[test]
fn octopush_documents_load_cleanly_and_print_to_pdf() {
    documents_load_cleanly_and_print_to_pdf("octopush");
}

#[test]
fn zetapush_documents_load_cleanly_and_print_to_pdf() {
    documents_load_cleanly_and_print_to_pdf("zetapush");
}

/// The Art. 28(2) change notice, made from a git repository where zerosix engages a new
/// sub-processor outside the EEA, in both languages: loads cleanly and prints to a PDF.
#[test]
fn change_notice_loads_cleanly_and_prints_to_pdf() {
    let Some(browser) = require_browser() else {
        return;
    };
    let repo = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(repo.path(), args);
    common::git_init(repo.path());
    let register = repo.path().join("zerosix");
    common::copy_dir(Path::new(ZEROSIX), &register);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "before"]);
    let vendors = register.join("vendors.yaml");
    let mut text = std::fs::read_to_string(&vendors).unwrap();
    text.push_str("  - id: ovh\n    name: OVHcloud\n    role: sub_processor\n    service: Hébergement de secours\n    locations:\n      - {country: CA, place: Beauharnois}\n    transfer_safeguards:\n      - {country: CA, mechanism: scc_2021_914, scc_module: three}\n");
    std::fs::write(&vendors, text).unwrap();
    let activity = register.join("activities/gestion-du-service-zerosix.yaml");
    let text = std::fs::read_to_string(&activity).unwrap();
    std::fs::write(
        &activity,
        text.replacen(
            "    vendor: matomo",
            "    vendor: matomo\n  - kind: vendor\n    vendor: ovh",
            1,
        ),
    )
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    for lang in ["en", "fr"] {
        for format in ["html", "pdf"] {
            let out = dir.path().join(format!("change-notice.{lang}.{format}"));
            let output = ropa()
                .arg("render")
                .arg("change-notice")
                .arg(&register)
                .args([
                    "--since",
                    "HEAD",
                    "--effective",
                    "2027-01-01",
                    "--lang",
                    lang,
                ])
                .args(["--format", format, "--as-of", AS_OF, "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(output.status.success(), "{}", stderr(&output));
        }
        let what = format!("change notice in {lang}");
        let report = inspect(
            &browser,
            &dir.path().join(format!("change-notice.{lang}.html")),
        );
        assert!(report.problems.is_empty(), "{what}: {:?}", report.problems);
        assert!(
            report.headings >= 3 && report.tables >= 2,
            "{what}: {report:?}"
        );
        let pdf = std::fs::read(dir.path().join(format!("change-notice.{lang}.pdf"))).unwrap();
        assert!(
            pdf.starts_with(b"%PDF-") && page_count(&pdf) >= 1,
            "{what}: not a PDF"
        );
    }
}
