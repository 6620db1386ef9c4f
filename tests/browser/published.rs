//! Published documents in the browser: the notice, the map and every page of the site.

use super::*;

/// What a published page shows, from its DOM and its accessibility tree.
#[derive(Debug)]
struct Published {
    problems: Vec<String>,
    /// Headings of level 1 in the accessibility tree.
    h1: usize,
    /// Landmark roles in the accessibility tree.
    landmarks: Vec<String>,
    /// Text fields and selects without an accessible name.
    unnamed_fields: Vec<String>,
    /// Search fields with their names.
    searchboxes: Vec<String>,
    /// Images (the SVG map) with their accessible name and description.
    images: Vec<(String, String)>,
    /// Every SVG's title, desc and number of text elements.
    svgs: Vec<(String, String, u64)>,
    /// Absolute URLs of the links.
    links: Vec<String>,
    /// Elements whose own text was checked for contrast against what is behind it.
    contrast_checked: u64,
    /// Texts whose contrast is below WCAG AA (4.5:1, 3:1 for large text), with their ratio.
    low_contrast: Vec<String>,
}

/// For every visible element with text of its own: the contrast of its computed colour (SVG:
/// `fill`) against what is behind it (the nearest opaque computed background; for SVG text, the
/// fill of the box it is drawn in, else the background of the SVG), checked against WCAG AA.
const CONTRAST: &str = r#"(() => {
  const rgb = s => { const m = (s || '').match(/^rgba?\(([^)]*)\)$/); return m ? m[1].split(/[ ,\/]+/).map(Number) : null; };
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const behind = el => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && (c.length < 4 || c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  let checked = 0; const low = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('script, style, title, desc, [hidden]')) continue;
    if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    let fg, bg;
    if (el instanceof SVGElement) {
      const text = el.closest('text') || el;
      fg = rgb(getComputedStyle(text).fill);
      const box = text.parentElement && text.parentElement.querySelector(':scope > rect');
      const boxFill = box && rgb(getComputedStyle(box).fill);
      bg = boxFill || behind(text.closest('svg'));
    } else {
      fg = rgb(st.color);
      bg = behind(el);
    }
    if (!fg || !bg) continue;
    checked++;
    const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(fg, bg);
    if (r < need) low.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}": ${r.toFixed(2)}:1 < ${need}:1`);
  }
  return {checked, low};
})()"#;

impl Tab {
    fn load(&mut self, file: &Path) -> Published {
        let (url, from) = self.navigate(file);
        let s = self.session.clone();
        let dom = self.eval(
            "({links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href), \
              svgs: Array.from(document.querySelectorAll('svg')).map(s => [ \
                (s.querySelector('title') || {}).textContent || '', \
                (s.querySelector('desc') || {}).textContent || '', \
                s.querySelectorAll('text').length])})",
        );
        let contrast = self.eval(CONTRAST);
        let tree = self
            .b
            .call("Accessibility.getFullAXTree", json!({}), Some(&s));
        let mut report = Published {
            problems: problems(&self.b.events[from..], &url),
            h1: 0,
            landmarks: Vec::new(),
            unnamed_fields: Vec::new(),
            searchboxes: Vec::new(),
            images: Vec::new(),
            svgs: dom["svgs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    (
                        s[0].as_str().unwrap_or_default().to_string(),
                        s[1].as_str().unwrap_or_default().to_string(),
                        s[2].as_u64().unwrap_or(0),
                    )
                })
                .collect(),
            links: dom["links"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str().map(str::to_string))
                .collect(),
            contrast_checked: contrast["checked"].as_u64().unwrap_or(0),
            low_contrast: contrast["low"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str().map(str::to_string))
                .collect(),
        };
        for node in tree["nodes"].as_array().into_iter().flatten() {
            if node["ignored"] == json!(true) {
                continue;
            }
            let role = node["role"]["value"].as_str().unwrap_or_default();
            let name = node["name"]["value"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let level = node["properties"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| p["name"] == "level")
                .and_then(|p| p["value"]["value"].as_u64());
            match role {
                "heading" if level == Some(1) => report.h1 += 1,
                "main" | "navigation" | "contentinfo" | "banner" | "search" | "region"
                | "complementary" => report.landmarks.push(role.to_string()),
                "searchbox" => report.searchboxes.push(name.clone()),
                "image" | "img" => report.images.push((
                    name.clone(),
                    node["description"]["value"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                )),
                _ => {}
            }
            if matches!(role, "textbox" | "searchbox" | "combobox") && name.trim().is_empty() {
                report.unnamed_fields.push(role.to_string());
            }
        }
        report
    }
}

/// The notice (when the register has an audience), the map page and every page of the site of
/// register `name`, in English and French, loaded in one tab: no problem, one h1, landmarks,
/// named fields, a titled and described map with text labels, links that resolve; and the
/// index's search filters the list.
fn published_documents_work_in_the_browser(name: &str, audience: Option<&str>) {
    let root = Path::new(REGISTERS).join(name);
    published_documents_of(name, &root, audience, usize::MAX);
}

/// The checks of [`published_documents_work_in_the_browser`] on the register at `root`, loading
/// at most `activity_pages` of the site's activity pages (all its other pages are loaded).
fn published_documents_of(name: &str, root: &Path, audience: Option<&str>, activity_pages: usize) {
    let Some(browser) = require_browser() else {
        return;
    };
    let root = root.to_path_buf();
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    for lang in ["en", "fr"] {
        if let Some(subjects) = audience {
            let out = dir.path().join(format!("notice.{lang}.html"));
            ropa()
                .args(["render", "notice"])
                .arg(&root)
                .args(["--subjects", subjects, "--format", "html", "--lang", lang])
                .args(["--as-of", AS_OF, "-o"])
                .arg(&out)
                .assert()
                .success();
            files.push(out);
        }
        let out = dir.path().join(format!("map.{lang}.html"));
        ropa()
            .args(["render", "map"])
            .arg(&root)
            .args(["--format", "html", "--lang", lang, "--as-of", AS_OF, "-o"])
            .arg(&out)
            .assert()
            .success();
        files.push(out);
    }
    let site = dir.path().join("site");
    ropa()
        .arg("site")
        .arg(&root)
        .args(["--lang", "en", "--as-of", AS_OF, "-o"])
        .arg(&site)
        .assert()
        .success();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    let is_activity = |p: &PathBuf| p.to_string_lossy().contains("/activity-");
    let activities = pages.iter().filter(|p| is_activity(p)).count();
    assert!(activities > 0, "{name}: no activity page in the site");
    let mut kept = 0;
    pages.retain(|p| {
        kept += usize::from(is_activity(p));
        !is_activity(p) || kept <= activity_pages
    });
    files.extend(pages.iter().cloned());

    let mut tab = Tab::open(&browser);
    let mut failures = Vec::new();
    for file in &files {
        let what = format!(
            "{name}: {}",
            file.strip_prefix(dir.path()).unwrap().display()
        );
        let r = tab.load(file);
        if !r.problems.is_empty() {
            failures.push(format!("{what}:\n  {}", r.problems.join("\n  ")));
        }
        assert_eq!(r.h1, 1, "{what}: {} h1 in the accessibility tree", r.h1);
        assert!(
            r.landmarks.iter().any(|l| l == "main"),
            "{what}: no main landmark"
        );
        assert!(
            r.landmarks.iter().any(|l| l == "contentinfo"),
            "{what}: no contentinfo landmark (footer)"
        );
        assert!(
            r.unnamed_fields.is_empty(),
            "{what}: unnamed fields {:?}",
            r.unnamed_fields
        );
        assert!(
            r.contrast_checked > 0,
            "{what}: no text checked for contrast"
        );
        assert!(
            r.low_contrast.is_empty(),
            "{what}: text below WCAG AA contrast: {:#?}",
            r.low_contrast
        );
        if file.starts_with(&site) {
            assert!(
                r.landmarks.iter().any(|l| l == "navigation"),
                "{what}: no navigation"
            );
        }
        for (title, desc, texts) in &r.svgs {
            assert!(
                !title.trim().is_empty() && !desc.trim().is_empty(),
                "{what}: svg without title/desc"
            );
            assert!(*texts >= 4, "{what}: svg with {texts} text labels");
        }
        if !r.svgs.is_empty() {
            assert!(
                r.images.iter().any(|(n, d)| !n.is_empty() && !d.is_empty()),
                "{what}: the map has no accessible name and description: {:?}",
                r.images
            );
        }
        for link in &r.links {
            if let Some(path) = link.strip_prefix("file://") {
                let path = path.split('#').next().unwrap();
                assert!(Path::new(path).is_file(), "{what}: broken link {link}");
            } else {
                assert!(
                    link.starts_with("mailto:"),
                    "{what}: link out of the site {link}"
                );
            }
        }
        eprintln!(
            "{what}: no problem, {} links, {} svg",
            r.links.len(),
            r.svgs.len()
        );
    }
    // The search filters the index.
    let r = tab.load(&site.join("index.html"));
    assert_eq!(r.searchboxes.len(), 1, "{name}: {:?}", r.searchboxes);
    assert!(!r.searchboxes[0].trim().is_empty());
    let total = tab.eval("document.querySelectorAll('#activities tbody tr').length");
    let count = |tab: &mut Tab, text: &str| {
        tab.eval(&format!(
            "(() => {{ const s = document.getElementById('search'); s.value = {}; \
              s.dispatchEvent(new Event('input')); \
              return document.querySelectorAll('#activities tbody tr:not([hidden])').length; }})()",
            json!(text)
        ))
    };
    assert_eq!(count(&mut tab, "zzz-no-such-activity"), json!(0));
    assert_eq!(
        tab.eval("document.getElementById('no-match').hidden"),
        json!(false)
    );
    let register = ropa::load::load_register(&root).unwrap();
    let first = &register.activities[0].item.name;
    let shown = count(&mut tab, &first.to_lowercase());
    assert!(
        shown.as_u64().unwrap() >= 1,
        "{name}: searching `{first}` shows nothing"
    );
    assert_eq!(count(&mut tab, ""), total);
    tab.b.close();
    assert!(
        failures.is_empty(),
        "problems in the browser:\n{}",
        failures.join("\n")
    );
}

#[test]
fn zerosix_published_documents_work_in_the_browser() {
    published_documents_work_in_the_browser("zerosix", None);
}

#[test]
fn octopush_published_documents_work_in_the_browser() {
    published_documents_work_in_the_browser("octopush", Some("individual-users"));
}

#[test]
fn zetapush_published_documents_work_in_the_browser() {
    published_documents_work_in_the_browser("zetapush", Some("customers"));
}

/// A generated register of 300 activities: its notice, its map (grouped by owner) and its site
/// (the index, vendors, transfers, map and findings pages, and a few activity pages) pass the
/// same checks; the map page draws owner groups.
#[test]
fn a_generated_300_activity_register_works_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    common::synthetic::write_register(dir.path(), 300);
    published_documents_of("generated-300", dir.path(), Some("customers"), 5);
}
