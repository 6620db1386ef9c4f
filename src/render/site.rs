//! The register as a static web site: an index of activities with a search field and a filter
//! (a small inline script), a page per activity (its register sheet), the vendors and public
//! sub-processors, the transfers outside the EEA, the data map and the open findings of the check.
//! Every page is one self-contained HTML file in one folder, linked by relative names, so the site
//! works from `file://` and from any static host. The same register gives the same bytes.
//!
//! With `public`, what the register marks `visibility: internal` (activities, vendors) is left
//! out, and so are what no public page should show: notes, security measures, waivers, DPIA
//! details and the findings of the check.
//!
//! This module makes the pages; writing them (atomically, as one folder) is the caller's job.

use std::collections::HashSet;

use rayon::prelude::*;

use anyhow::anyhow;
use serde::Serialize;

use crate::model::{Activity, Language, Register, Vendor};

use super::view::{
    self, ActivityView, DateView, DocumentView, ExitView, SubprocessorView, Translations,
};
use super::{Format, RenderOptions};

/// Name of the file that marks a folder as a site made by ropa (so that it may be replaced).
pub const MARKER: &str = ".ropa-site";

/// An open finding of the check, as the findings page shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SiteFinding {
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Rule code.
    pub code: String,
    /// Rule name.
    pub name: String,
    /// What is wrong.
    pub message: String,
    /// `file:line:column`, relative to the register.
    pub location: Option<String>,
    /// The activity it is about, when it has a page.
    pub activity: Option<String>,
}

/// A row of the index.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndexRow {
    /// Activity id.
    pub id: String,
    /// Its page.
    pub href: String,
    /// Name.
    pub name: String,
    /// Role, labelled.
    pub role: String,
    /// `controller` or `processor`, for the filter.
    pub kind: String,
    /// Purposes in one line.
    pub purposes: String,
    /// Owner.
    pub owner: Option<String>,
    /// Last update.
    pub updated: DateView,
    /// Lower-case text the search looks in.
    pub search: String,
    /// Number of open findings about it.
    pub findings: usize,
}

/// A transfer outside the EEA with its activity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TransferRow {
    /// The activity's page.
    pub href: String,
    /// The activity's name.
    pub activity: String,
    /// The transfer.
    pub exit: ExitView,
}

/// A link of the navigation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NavLink {
    /// File name.
    pub href: String,
    /// Label.
    pub label: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// What the `site.html` template receives for one page (with `t`, and `map` on the map page).
#[derive(Debug, Clone, Serialize)]
struct SitePage<'a> {
    document: &'static str,
    lang: &'static str,
    format: &'static str,
    generated: &'a DateView,
    version: &'a str,
    /// `index`, `activity`, `vendors`, `transfers`, `map` or `findings`.
    page: &'static str,
    title: String,
    public: bool,
    nav: Vec<NavLink>,
    organisation: &'a view::OrganisationView,
    representative: &'a Option<view::PartyView>,
    representative_statement: &'a Option<String>,
    representative_not_applicable: bool,
    dpo: &'a Option<view::PartyView>,
    dpo_statement: &'a Option<String>,
    former_cil: &'a Option<view::CilView>,
    activity: Option<&'a ActivityView>,
    rows: &'a [IndexRow],
    vendors: &'a [SubprocessorView],
    transfers: &'a [TransferRow],
    findings: &'a [SiteFinding],
    activity_findings: Vec<&'a SiteFinding>,
    l: u8,
}

/// How to build the site.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteOptions {
    /// Language, date, version and templates (the format is HTML).
    pub render: RenderOptions,
    /// Leave out what is internal.
    pub public: bool,
}

/// The page file of an activity.
pub fn activity_file(id: &str) -> String {
    format!("activity-{id}.html")
}

/// Where the pages of a site go as they are made: a file name and its text. Called from several
/// threads at once.
pub type PageSink<'a> = dyn Fn(&str, &str) -> anyhow::Result<()> + Sync + 'a;

/// Every page of the site: `(file name, HTML)`, sorted by file name (see [`write_site`]).
pub fn build_site(
    register: &Register,
    findings: &[SiteFinding],
    opts: &SiteOptions,
) -> anyhow::Result<Vec<(String, String)>> {
    let pages = std::sync::Mutex::new(Vec::new());
    write_site(register, findings, opts, &|name, text| {
        pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((name.to_string(), text.to_string()));
        Ok(())
    })?;
    let mut pages = pages
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}

/// Make every page of the site and hand each to `sink` as soon as it is made; returns how many
/// HTML pages were made. `findings` are the open findings of the check of this register (left
/// out when `public`).
///
/// The activities' pages come first, made on every core, each from a view of its activity that
/// is dropped with the page once handed over: a register of any length holds only the views and
/// pages being made, and the rows the index and the transfers list keep of each activity. Those
/// lists follow, then the marker file.
pub fn write_site(
    register: &Register,
    findings: &[SiteFinding],
    opts: &SiteOptions,
    sink: &PageSink<'_>,
) -> anyhow::Result<usize> {
    let ro = &opts.render;
    let dir = super::templates_dir(register, ro);
    let t = super::translations(ro.lang, dir.as_deref())?;
    let tr = |k: &str| t.get(k).cloned().unwrap_or_else(|| k.to_string());
    let internal_vendors: HashSet<&str> = register
        .vendors
        .iter()
        .filter(|v| opts.public && !v.item.visibility.is_public())
        .map(|v| v.item.id.as_str())
        .collect();
    let vendors: Vec<&Vendor> = register
        .vendors
        .iter()
        .map(|v| &v.item)
        .filter(|v| !internal_vendors.contains(v.id.as_str()))
        .collect();
    // Controller records first, as in every document that lists the activities.
    let (mut activities, processor): (Vec<&Activity>, Vec<&Activity>) =
        published_activities(register, opts.public)?
            .into_iter()
            .partition(|a| a.role.is_controller());
    activities.extend(processor);
    let mut doc = view::document(
        register,
        &t,
        &view::ViewOptions {
            document: "site",
            lang: ro.lang,
            format: "html",
            as_of: ro.as_of,
            version: &ro.version,
            activity: None,
            activities: activities.clone(),
            activity_views: false,
            vendors,
            vendor: None,
        },
    );
    let hidden = opts
        .public
        .then(|| Hidden::new(register, &internal_vendors));
    if let Some(hidden) = &hidden {
        hidden.document(&mut doc);
    }
    let findings: &[SiteFinding] = if opts.public { &[] } else { findings };
    let mut pages = Pages::new(&doc, findings, &t, opts.public);
    let writer = PageWriter {
        tera: super::engine(Format::Html, dir.as_deref())?.0,
        t: &t,
        // Every page carries the banner of a register whose check finds errors.
        draft: super::draft_banner(&t, ro.draft_errors),
        organisation: &doc.organisation.full_name,
        opts: ro,
    };
    // The activities' pages on every core; the first failure in their order is the one told.
    let views = view::ActivityViews::new(register, &t, ro.lang);
    let listed: Vec<anyhow::Result<(IndexRow, Vec<TransferRow>)>> = activities
        .par_iter()
        .map(|a| {
            let mut activity = views.activity(a);
            if let Some(hidden) = &hidden {
                hidden.activity(&mut activity);
            }
            let file = activity_file(&activity.summary.id);
            let page = pages.page(
                "activity",
                &file,
                activity.summary.name.clone(),
                Some(&activity),
            );
            sink(&file, &writer.render(&page, None)?)?;
            Ok((pages.row(&activity), transfer_rows(&activity)))
        })
        .collect();
    for entry in listed {
        let (row, transfers) = entry?;
        pages.rows.push(row);
        pages.transfers.extend(transfers);
    }
    let mut kinds = vec![
        ("index", "index.html", tr("site_index")),
        ("vendors", "vendors.html", tr("site_vendors")),
        ("transfers", "transfers.html", tr("site_transfers")),
        ("map", "map.html", tr("map_page_title")),
    ];
    if !opts.public {
        kinds.push(("findings", "findings.html", tr("site_findings")));
    }
    let filter = super::map::MapFilter {
        public: opts.public,
        ..Default::default()
    };
    let svg = super::map::map_svg(register, &filter, &t, ro.lang, None)?;
    for (kind, file, title) in &kinds {
        let page = pages.page(kind, file, title.clone(), None);
        let map = (*kind == "map").then_some(svg.as_str());
        sink(file, &writer.render(&page, map)?)?;
    }
    sink(MARKER, &format!("{}\n", tr("site_marker")))?;
    Ok(activities.len() + kinds.len())
}

/// The activities the site shows (the public ones with `public`), each id checked to be safe in
/// a file name and its own.
fn published_activities(register: &Register, public: bool) -> anyhow::Result<Vec<&Activity>> {
    let activities: Vec<&Activity> = register
        .activities
        .iter()
        .map(|a| &a.item)
        .filter(|a| !public || a.visibility.is_public())
        .collect();
    for a in &activities {
        if !super::is_safe_id(&a.id) {
            return Err(anyhow!(
                "activity id `{}` cannot be used in a file name: ids are lower-case letters, digits and dashes",
                a.id.escape_debug()
            ));
        }
    }
    super::refuse_shared_ids(&activities)?;
    Ok(activities)
}

/// What a public site leaves out of the pages: the vendors the register marks internal, by id,
/// and their names (a way out of the EEA stays, its importer unnamed).
struct Hidden<'r> {
    vendors: &'r HashSet<&'r str>,
    names: HashSet<&'r str>,
}

impl<'r> Hidden<'r> {
    fn new(register: &'r Register, internal_vendors: &'r HashSet<&'r str>) -> Self {
        let names = register
            .vendors
            .iter()
            .filter(|v| internal_vendors.contains(v.item.id.as_str()))
            .map(|v| v.item.name.as_str())
            .collect();
        Hidden {
            vendors: internal_vendors,
            names,
        }
    }

    /// Leave out of the document what no public page shows: notes and the activities of each
    /// sub-processor.
    fn document(&self, doc: &mut view::DocumentView) {
        doc.organisation.notes = None;
        for s in &mut doc.subprocessors {
            forget_notes(s);
            s.activities.clear();
        }
    }

    /// Leave out of an activity what no public page shows.
    fn activity(&self, a: &mut ActivityView) {
        make_public(a, self.vendors);
        for exit in &mut a.exits_eea {
            if exit
                .importer
                .as_deref()
                .is_some_and(|n| self.names.contains(n))
            {
                exit.importer = None;
            }
        }
    }
}

/// What every page of the site is rendered with.
struct PageWriter<'a> {
    tera: tera::Tera,
    t: &'a view::Translations,
    draft: Option<String>,
    organisation: &'a str,
    opts: &'a RenderOptions,
}

impl PageWriter<'_> {
    /// One page through `site.html`, with the map's SVG on the map page.
    fn render(&self, page: &SitePage<'_>, map: Option<&str>) -> anyhow::Result<String> {
        let mut context = view::sharing(|| tera::Context::from_serialize(page))
            .map_err(|e| anyhow!("cannot prepare the template context: {e}"))?;
        context.insert("t", self.t);
        context.insert("map", &map);
        context.insert("draft", &self.draft);
        let print = super::PrintView::new(
            self.t,
            "site",
            page.title.clone(),
            self.organisation,
            self.opts,
        );
        context.insert("print", &print);
        self.tera.render("site.html", &context).map_err(|e| {
            anyhow!(
                "cannot render the template site.html: {}",
                super::tera_message(&e)
            )
        })
    }
}

/// Leave out of an activity what no public page shows.
fn make_public(a: &mut ActivityView, internal_vendors: &HashSet<&str>) {
    a.notes = None;
    a.measures.clear();
    for g in a
        .measures_by_category
        .iter_mut()
        .chain(a.measures_by_cnil_heading.iter_mut())
    {
        if !g.measures.is_empty() {
            g.make_mut().measures.clear();
        }
    }
    a.dpia = None;
    let hidden = |id: &Option<String>| id.as_deref().is_some_and(|v| internal_vendors.contains(v));
    a.recipients.retain(|r| !hidden(&r.vendor_id));
    a.external_recipients.retain(|r| !hidden(&r.vendor_id));
    a.subprocessors
        .retain(|s| !internal_vendors.contains(s.id.as_str()));
    for s in &mut a.subprocessors {
        forget_notes(s);
    }
    for tr in &mut a.transfers {
        if hidden(&tr.vendor_id) {
            tr.importer = None;
            tr.vendor_id = None;
        }
    }
}

/// Leave a vendor's notes out of a row (and the vendor's view alone when it has none).
fn forget_notes(s: &mut SubprocessorView) {
    if s.notes.is_some() {
        s.vendor.make_mut().notes = None;
    }
}

/// What the pages share.
struct Pages<'a> {
    doc: &'a DocumentView,
    /// The index's rows, filled once the activities' pages are made.
    rows: Vec<IndexRow>,
    /// The transfers list's rows, filled with the index's.
    transfers: Vec<TransferRow>,
    findings: &'a [SiteFinding],
    by_activity: std::collections::HashMap<&'a str, Vec<&'a SiteFinding>>,
    t: &'a Translations,
    public: bool,
}

impl<'a> Pages<'a> {
    fn new(
        doc: &'a DocumentView,
        findings: &'a [SiteFinding],
        t: &'a Translations,
        public: bool,
    ) -> Self {
        let mut by_activity: std::collections::HashMap<&str, Vec<&SiteFinding>> =
            Default::default();
        for f in findings {
            if let Some(a) = &f.activity {
                by_activity.entry(a.as_str()).or_default().push(f);
            }
        }
        Pages {
            doc,
            rows: Vec::new(),
            transfers: Vec::new(),
            findings,
            by_activity,
            t,
            public,
        }
    }

    /// The index's row of an activity.
    fn row(&self, a: &ActivityView) -> IndexRow {
        let search = [
            a.summary.name.as_str(),
            a.summary.id.as_str(),
            a.summary.purposes_text.as_str(),
            a.summary.owner.as_deref().unwrap_or_default(),
            a.summary.description.as_deref().unwrap_or_default(),
        ]
        .join(" ")
        .to_lowercase();
        IndexRow {
            id: a.summary.id.clone(),
            href: activity_file(&a.summary.id),
            name: a.summary.name.clone(),
            role: a.summary.role.label.clone(),
            kind: if a.summary.is_controller {
                "controller"
            } else {
                "processor"
            }
            .into(),
            purposes: a.summary.purposes_text.clone(),
            owner: a.summary.owner.clone(),
            updated: a.summary.updated.clone(),
            search,
            findings: self
                .by_activity
                .get(a.summary.id.as_str())
                .map_or(0, Vec::len),
        }
    }

    fn page<'p>(
        &'p self,
        kind: &'static str,
        file: &str,
        title: String,
        activity: Option<&'p ActivityView>,
    ) -> SitePage<'p> {
        let tr = |k: &str| self.t.get(k).cloned().unwrap_or_else(|| k.to_string());
        let mut nav = vec![
            ("index.html", tr("site_index")),
            ("vendors.html", tr("site_vendors")),
            ("transfers.html", tr("site_transfers")),
            ("map.html", tr("map_page_title")),
        ];
        if !self.public {
            nav.push(("findings.html", tr("site_findings")));
        }
        let empty: &[IndexRow] = &[];
        SitePage {
            document: "site",
            lang: view::lang_code(if self.doc.lang == "fr" {
                Language::Fr
            } else {
                Language::En
            }),
            format: "html",
            generated: &self.doc.generated,
            version: &self.doc.version,
            page: kind,
            title,
            public: self.public,
            nav: nav
                .into_iter()
                .map(|(href, label)| NavLink {
                    current: href == file,
                    href: href.to_string(),
                    label,
                })
                .collect(),
            organisation: &self.doc.organisation,
            representative: &self.doc.representative,
            representative_statement: &self.doc.representative_statement,
            representative_not_applicable: self.doc.representative_not_applicable,
            dpo: &self.doc.dpo,
            dpo_statement: &self.doc.dpo_statement,
            former_cil: &self.doc.former_cil,
            activity,
            rows: if kind == "index" { &self.rows } else { empty },
            vendors: if kind == "vendors" {
                &self.doc.subprocessors
            } else {
                &[]
            },
            transfers: if kind == "transfers" {
                &self.transfers
            } else {
                &[]
            },
            findings: if kind == "findings" {
                self.findings
            } else {
                &[]
            },
            activity_findings: activity
                .and_then(|a| self.by_activity.get(a.summary.id.as_str()).cloned())
                .unwrap_or_default(),
            l: 2,
        }
    }
}

/// The transfers list's rows of an activity: its ways out of the EEA.
fn transfer_rows(a: &ActivityView) -> Vec<TransferRow> {
    a.exits_eea
        .iter()
        .map(|e| TransferRow {
            href: activity_file(&a.summary.id),
            activity: a.summary.name.clone(),
            exit: e.clone(),
        })
        .collect()
}
