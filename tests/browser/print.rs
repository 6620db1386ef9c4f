//! Print: page numbers, running header, page breaks and metadata, read back with poppler.

use super::*;

/// A program of poppler-utils on PATH.
fn poppler(program: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .and_then(|path| {
            std::env::split_paths(&path)
                .map(|d| d.join(program))
                .find(|p| p.is_file())
        })
        .ok_or("not on PATH");
    common::require_tool(
        "PDF text tests",
        program,
        "apt-get install poppler-utils",
        found,
    )
}

fn run_tool(program: &Path, args: &[&std::ffi::OsStr]) -> String {
    let output = StdCommand::new(program).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}: {}",
        program.display(),
        stderr(&output)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `pdfinfo`'s fields.
fn pdf_info(pdfinfo: &Path, pdf: &Path) -> HashMap<String, String> {
    run_tool(
        pdfinfo,
        &["-enc".as_ref(), "UTF-8".as_ref(), pdf.as_os_str()],
    )
    .lines()
    .filter_map(|l| l.split_once(':'))
    .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
    .collect()
}

/// A document to print: its name, extra arguments, language, PDF subject, start of its title and
/// the page counts allowed.
type PrintCase = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
    std::ops::RangeInclusive<usize>,
);

#[test]
fn printed_documents_have_page_numbers_a_running_header_and_metadata() {
    let Some(_browser) = require_browser() else {
        return;
    };
    let (Some(pdftotext), Some(pdfinfo)) = (poppler("pdftotext"), poppler("pdfinfo")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let octopush = Path::new(REGISTERS).join("octopush");
    let activities = ropa::load::load_register(&octopush)
        .unwrap()
        .activities
        .len();
    let cases: [PrintCase; 3] = [
        (
            "register",
            &[],
            "en",
            "Record of processing activities (Art. 30 GDPR)",
            "Record of processing activities",
            activities + 1..=4 * (activities + 3),
        ),
        (
            "notice",
            &["--subjects", "individual-users"],
            "fr",
            "Notice d’information (articles 13 et 14 du RGPD)",
            "Information sur le traitement de vos données personnelles",
            2..=20,
        ),
        ("map", &[], "en", "Data map", "Data map", 1..=3),
    ];
    for (doc, extra, lang, subject, title, pages_allowed) in cases {
        let pdf = dir.path().join(format!("{doc}.{lang}.pdf"));
        ropa()
            .args(["render", doc])
            .arg(&octopush)
            .args(extra)
            .args(["--lang", lang, "--format", "pdf", "--as-of", AS_OF])
            .args(["--version-label", "v-print-test", "-o"])
            .arg(&pdf)
            .assert()
            .success();
        let info = pdf_info(&pdfinfo, &pdf);
        let pages: usize = info["Pages"].parse().unwrap();
        assert!(
            pages_allowed.contains(&pages),
            "{doc}: {pages} pages, expected {pages_allowed:?}"
        );
        assert_eq!(
            info["Creator"],
            format!("ropa {}", env!("CARGO_PKG_VERSION")),
            "{doc}"
        );
        assert_eq!(info["Author"], "Octopush SAS", "{doc}");
        assert_eq!(info["Subject"], subject, "{doc}");
        assert!(
            info["Title"].starts_with(title),
            "{doc}: title {}",
            info["Title"]
        );
        assert_eq!(info["Tagged"], "yes", "{doc}: the PDF is not tagged");
        assert!(
            info["CreationDate"].contains("2026"),
            "{doc}: {:?}",
            info["CreationDate"]
        );

        let text = run_tool(
            &pdftotext,
            &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
        );
        let page_texts: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert_eq!(
            page_texts.len(),
            pages,
            "{doc}: text of every page extracted"
        );
        for (i, page) in page_texts.iter().enumerate() {
            let number = format!("Page {} / {pages}", i + 1);
            assert!(
                page.contains(&number),
                "{doc}: page {} lacks `{number}`:\n{page}",
                i + 1
            );
            assert!(
                page.contains("v-print-test") && page.contains("Octopush SAS"),
                "{doc}: page {} lacks the running header:\n{page}",
                i + 1
            );
            let body: Vec<&str> = page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.contains("v-print-test") && !l.contains(&number))
                .collect();
            assert!(
                !(body.is_empty()
                    || body.len() == 1 && ["None", "Néant", "Not stated"].contains(&body[0])),
                "{doc}: page {} holds only {body:?}",
                i + 1
            );
            if let Some(last) = body.last() {
                assert!(
                    !last.starts_with("Part I"),
                    "{doc}: page {} ends with the part heading `{last}`",
                    i + 1
                );
            }
        }
        eprintln!("{doc} ({lang}): {pages} pages, numbered, with header and metadata");
    }
}
