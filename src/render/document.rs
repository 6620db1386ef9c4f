//! Rendering one document: the view of the register, the template engine and the translation
//! table set up once per run by a [`Renderer`], and the bytes written to a writer as the
//! template produces them (French spacing applied on the way).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use rayon::prelude::*;
use tera::{Tera, Value};

use super::bodies;
use super::select::{find_activity, select_activity, suggestion};
use super::{
    Document, Format, RenderOptions, Translations, engine, map, markdown, overridden_note,
    templates_dir, tera_message, translations, typography, view,
};
use crate::model::{Activity, Language, Register, Vendor};

/// Render `document` for `register` into a string (see [`Renderer::write`]).
pub fn render(
    document: Document,
    register: &Register,
    activity: Option<&str>,
    vendor: Option<&str>,
    opts: &RenderOptions,
) -> anyhow::Result<String> {
    let mut out = Vec::new();
    Renderer::new(register, opts)?.write(document, activity, vendor, &mut out)?;
    String::from_utf8(out).map_err(|e| anyhow!("a template produced invalid UTF-8: {e}"))
}

/// What every document of a run is rendered with, set up once: the templates folder, the
/// translation table (also as a template value) and the template engine of the format.
pub struct Renderer<'r> {
    register: &'r Register,
    opts: RenderOptions,
    t: Translations,
    engine: Engine,
}

/// The template engine of a format, with the templates folder it read and the translation
/// table as a template value.
pub(crate) struct Engine {
    format: Format,
    dir: Option<PathBuf>,
    t: Value,
    tera: Tera,
    overridden: BTreeSet<String>,
}

/// The activities of a document, the one it is about, and the vendors of a sub-processors list.
struct Selection<'r> {
    activities: Vec<&'r Activity>,
    single: Option<&'r Activity>,
    vendors: Vec<&'r Vendor>,
}

impl<'r> Renderer<'r> {
    /// Read the templates and translations `opts` and the register call for.
    pub fn new(register: &'r Register, opts: &RenderOptions) -> anyhow::Result<Self> {
        let dir = templates_dir(register, opts);
        let t = translations(opts.lang, dir.as_deref())?;
        Ok(Renderer {
            register,
            opts: opts.clone(),
            engine: Engine::new(opts.format, dir.as_deref(), &t)?,
            t,
        })
    }

    /// The register documents are made of.
    pub fn register(&self) -> &'r Register {
        self.register
    }

    /// The options of the run.
    pub fn options(&self) -> &RenderOptions {
        &self.opts
    }

    /// Write `document` to `out` as the template produces it.
    ///
    /// `activity` names the activity of a `sheet` or `annex` (optional when the register has
    /// only one that fits); for `subprocessors` it restricts the list to that activity's
    /// sub-processors. `vendor` restricts any document to the activities that name that
    /// vendor, and the sub-processors list to that vendor.
    ///
    /// The activities are turned into template values one at a time and shared by the lists
    /// that hold them, so a long register holds each activity once, and never its whole text.
    pub fn write(
        &self,
        document: Document,
        activity: Option<&str>,
        vendor: Option<&str>,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let (register, opts, t) = (self.register, &self.opts, &self.t);
        let selected = self.select(document, activity, vendor)?;
        let listed = document == Document::Subprocessors;
        let view = view::document(
            register,
            t,
            &view::ViewOptions {
                document: document.name(),
                lang: opts.lang,
                format: opts.format.ext(),
                as_of: opts.as_of,
                version: &opts.version,
                activity: None,
                // The sub-processors list names the activities of each vendor from the view.
                activities: if listed {
                    selected.activities.clone()
                } else {
                    Vec::new()
                },
                activity_views: false,
                vendors: selected.vendors.clone(),
                vendor,
            },
        );
        // The register in HTML shows the data map of the activities it holds.
        let map = if document == Document::Register && opts.format == Format::Html {
            let filter = map::MapFilter {
                vendor: vendor.map(str::to_string),
                ..Default::default()
            };
            // The page carries the draft banner, not the drawing.
            Some(map::map_svg(register, &filter, t, opts.lang, None)?)
        } else {
            None
        };
        let title = match selected.single {
            Some(a) => format!(
                "{}{} {}",
                tr(t, &format!("{}_title", document.name())),
                tr(t, "colon"),
                a.name
            ),
            None => tr(t, &format!("{}_title", document.name())),
        };
        let print = PrintView::new(
            t,
            document.name(),
            title,
            &view.organisation.full_name,
            opts,
        );
        let draft = draft_banner(t, opts.draft_errors);
        let extras = Extras {
            map: map.as_deref(),
            print: &print,
            french: opts.lang == Language::Fr,
            draft: draft.as_deref(),
        };
        let mut context = self.engine.context(&view, extras)?;
        let order = self.insert_activities(&mut context, &selected)?;
        if document.per_activity() {
            return self.engine.write(document.name(), &context, extras, out);
        }
        // The register (and the sub-processors list) render each activity's body when the
        // template asks for it, so the context holds only the activities' summaries.
        let views = view::ActivityViews::new(register, t, opts.lang);
        let body = |a: &Activity, vars: &Vec<(String, Value)>| {
            let mut context = context.clone();
            let view = view::template_value(&views.activity(a))
                .map_err(|e| format!("cannot prepare the template context: {e}"))?;
            context.insert_value("activity", view);
            for (name, value) in vars {
                context.insert_value(name.clone(), value.clone());
            }
            self.engine.render_body(&context)
        };
        bodies::serve(&order, &body, || {
            self.engine.write(document.name(), &context, extras, out)
        })
    }

    /// The activities `document` covers, checked against `activity` and `vendor`.
    fn select(
        &self,
        document: Document,
        activity: Option<&str>,
        vendor: Option<&str>,
    ) -> anyhow::Result<Selection<'r>> {
        let register = self.register;
        if let Some(id) = vendor
            && register.vendor(id).is_none()
        {
            let ids: Vec<String> = register.vendors.iter().map(|v| v.item.id.clone()).collect();
            bail!(
                "no vendor `{id}` in {}{}",
                register.root.join(crate::model::VENDORS_FILE).display(),
                suggestion(id, &ids)
            );
        }
        let eligible = || super::eligible_activities(document, register, vendor);
        let mut single = None;
        let activities: Vec<&Activity> = match document {
            Document::Sheet | Document::Annex => {
                let a = select_activity(document, register, activity, vendor)?;
                single = Some(a);
                vec![a]
            }
            Document::Register => {
                if let Some(id) = activity {
                    bail!(
                        "--activity `{id}` does not apply to the register, which holds every activity; render `sheet` for one"
                    );
                }
                eligible()
            }
            Document::Subprocessors => match activity {
                Some(id) => vec![find_activity(register, id)?],
                None => eligible(),
            },
        };
        let vendors: Vec<&Vendor> = if document == Document::Subprocessors {
            register
                .vendors
                .iter()
                .map(|v| &v.item)
                .filter(|v| v.role.is_processor())
                .filter(|v| vendor.is_none_or(|id| v.id == id))
                .filter(|v| {
                    activity.is_none() || activities.iter().any(|a| view::uses_vendor(a, &v.id))
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(Selection {
            activities,
            single,
            vendors,
        })
    }

    /// `activity` (the whole view of a sheet's or an annex's activity), and `activities`,
    /// `controller_activities` and `processor_activities` (the activities' summaries) of the
    /// context (see [`view::DocumentView`]); returns the activities in the lists' order,
    /// controller records first.
    fn insert_activities(
        &self,
        context: &mut tera::Context,
        selected: &Selection<'r>,
    ) -> anyhow::Result<Vec<&'r Activity>> {
        let (register, t, lang) = (self.register, &self.t, self.opts.lang);
        // Each activity with its summary's value (made on every core, in order), controller
        // records apart from processor ones.
        let summaries: Vec<_> = selected
            .activities
            .par_iter()
            .map(|&a| {
                let summary = view::summary(register, t, lang, a);
                (a, summary.is_controller, Value::from_serializable(&summary))
            })
            .collect();
        let (controller, processor): (Vec<_>, Vec<_>) = summaries
            .into_iter()
            .partition(|(_, is_controller, _)| *is_controller);
        let values = |entries: &[(&Activity, bool, Value)]| -> Vec<Value> {
            entries.iter().map(|(_, _, v)| v.clone()).collect()
        };
        let single = selected
            .single
            .map(|a| view::template_value(&view::activity(register, t, lang, a)))
            .transpose()
            .map_err(|e| anyhow!("cannot prepare the template context: {e}"))?;
        context.insert_value("activity", single.unwrap_or_else(Value::none));
        let all: Vec<Value> = values(&controller)
            .into_iter()
            .chain(values(&processor))
            .collect();
        context.insert_value("activities", Value::from(all));
        context.insert_value("controller_activities", Value::from(values(&controller)));
        context.insert_value("processor_activities", Value::from(values(&processor)));
        Ok(controller
            .iter()
            .chain(&processor)
            .map(|(a, _, _)| *a)
            .collect())
    }
}

impl Engine {
    /// The engine of `format`, with the templates of `dir` over the built-in ones.
    pub(crate) fn new(
        format: Format,
        dir: Option<&Path>,
        t: &Translations,
    ) -> anyhow::Result<Self> {
        let (tera, overridden) = engine(format, dir)?;
        Ok(Engine {
            format,
            dir: dir.map(Path::to_path_buf),
            t: Value::from_serializable(t),
            tera,
            overridden,
        })
    }

    /// The template context of `view` with `t`, `map` and `print`.
    fn context<V: serde::Serialize>(
        &self,
        view: &V,
        extras: Extras<'_>,
    ) -> anyhow::Result<tera::Context> {
        let mut context = view::sharing(|| tera::Context::from_serialize(view))
            .map_err(|e| anyhow!("cannot prepare the template context: {e}"))?;
        context.insert_value("t", self.t.clone());
        context.insert("map", &extras.map);
        context.insert("print", extras.print);
        context.insert("draft", &extras.draft);
        Ok(context)
    }

    /// One activity's body: the template `sheet_body.<format>` with `context`, whose `activity`
    /// is the activity's whole view.
    fn render_body(&self, context: &tera::Context) -> Result<String, String> {
        let name = format!("sheet_body.{}", self.format.ext());
        self.tera
            .render(&name, context)
            .map_err(|e| format!("cannot render {name}: {}", tera_message(&e)))
    }

    /// Render the template `<name>.<format>` with `context` into `out`, after the draft line
    /// of a Markdown document, with French spacing for a French one (see [`finish`]).
    fn write(
        &self,
        name: &str,
        context: &tera::Context,
        extras: Extras<'_>,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let name = format!("{name}.{}", self.format.ext());
        // An overriding register written before the lists held summaries includes sheet_body.
        let hint = if name.starts_with("register.") && self.overridden.contains(&name) {
            "\nhint: the register's lists hold the activities' summaries; print an activity's body with {{ sheet_body(id=activity.id, l=3) }} (HTML) or {{ sheet_body(id=activity.id, h=\"##\") }} (Markdown) instead of including sheet_body (see the templates' README)"
        } else {
            ""
        };
        let failed = |e: tera::Error| {
            anyhow!(
                "cannot render the template {name}: {}{}{hint}",
                tera_message(&e),
                overridden_note(self.dir.as_deref(), &self.overridden)
            )
        };
        let line = draft_line(self.format, extras.draft);
        if extras.french {
            let mut spaced = typography::FrenchWriter::new(&mut *out, self.format == Format::Html);
            spaced.write_all(line.unwrap_or_default().as_bytes())?;
            self.tera
                .render_to(&name, context, &mut spaced)
                .map_err(failed)?;
            spaced.finish()?;
        } else {
            out.write_all(line.unwrap_or_default().as_bytes())?;
            self.tera
                .render_to(&name, context, &mut *out)
                .map_err(failed)?;
        }
        Ok(())
    }
}

/// The organisation's name followed by its legal form (`Octopush SAS`), as documents name it.
pub(crate) fn full_name(register: &Register) -> String {
    let o = &register.config.item.organisation;
    match &o.legal_form {
        Some(form) if !o.name.ends_with(form.as_str()) => format!("{} {form}", o.name),
        _ => o.name.clone(),
    }
}

/// A translation; its key when the table lacks it.
fn tr(t: &Translations, key: &str) -> String {
    t.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// What the printed page shows around the document, and the PDF's metadata: in the context of
/// every HTML template as `print`.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct PrintView {
    /// The document's title.
    pub title: String,
    /// The organisation: the PDF's author.
    pub author: String,
    /// What the document is: the PDF's subject.
    pub subject: String,
    /// The running header of every printed page: title, organisation, version.
    pub header: String,
}

impl PrintView {
    /// The print view of document `name` (its subject is `print_subject_<name>`).
    pub fn new(
        t: &Translations,
        name: &str,
        title: String,
        organisation: &str,
        opts: &RenderOptions,
    ) -> PrintView {
        let header = format!(
            "{title} — {organisation} — {} {}",
            tr(t, "register_version"),
            view::version_text(&opts.version, opts.lang)
        );
        PrintView {
            title,
            author: organisation.to_string(),
            subject: tr(t, &format!("print_subject_{name}")),
            header,
        }
    }
}

/// What templates receive besides their view and `t`: the data map's SVG (`map`, `null` when
/// absent) and the print view (`print`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Extras<'a> {
    /// The SVG of a data map.
    pub map: Option<&'a str>,
    /// The print view.
    pub print: &'a PrintView,
    /// The document is in French: apply French spacing ([`typography::french`]).
    pub french: bool,
    /// The draft banner ([`draft_banner`]): in the context as `draft` (`null` when final); a
    /// Markdown document starts with it whatever its template.
    pub draft: Option<&'a str>,
}

/// The draft banner of a document rendered from a register whose check finds errors, in the
/// language of `t`; `None` when there are none.
pub fn draft_banner(t: &Translations, errors: usize) -> Option<String> {
    (errors > 0).then(|| tr(t, "draft_banner").replace("{count}", &errors.to_string()))
}

/// The last touches every rendered document gets, whatever its template: a Markdown document
/// starts with the draft banner (HTML shows it from `base.html`), and French text gets its
/// no-break spaces ([`typography::french`]).
pub(crate) fn finish(text: String, format: Format, french: bool, draft: Option<&str>) -> String {
    let text = match draft_line(format, draft) {
        Some(line) => format!("{line}{text}"),
        None => text,
    };
    if french {
        typography::french(&text, format == Format::Html)
    } else {
        text
    }
}

/// The line a Markdown document with a draft banner starts with.
fn draft_line(format: Format, draft: Option<&str>) -> Option<String> {
    match (draft, format) {
        (Some(draft), Format::Md) => Some(format!("> **{}**\n\n", markdown::escape(draft))),
        _ => None,
    }
}

/// The data map as an HTML page (printed to PDF by the caller when asked).
pub fn render_map_page(
    register: &Register,
    filter: &map::MapFilter,
    opts: &RenderOptions,
) -> anyhow::Result<String> {
    let dir = templates_dir(register, opts);
    let t = translations(opts.lang, dir.as_deref())?;
    let svg = map::map_svg(register, filter, &t, opts.lang, None)?;
    let page = map::MapPage::new(register, opts);
    let print = PrintView::new(
        &t,
        "map",
        tr(&t, "map_page_title"),
        &full_name(register),
        opts,
    );
    render_template(
        "map",
        &page,
        &t,
        Format::Html,
        dir.as_deref(),
        Extras {
            map: Some(&svg),
            print: &print,
            french: opts.lang == Language::Fr,
            draft: draft_banner(&t, opts.draft_errors).as_deref(),
        },
    )
}

/// Render the template `<name>.<format>` with `view`, the translation table `t` and the
/// [`Extras`].
pub(crate) fn render_template<V: serde::Serialize>(
    name: &str,
    view: &V,
    t: &Translations,
    format: Format,
    dir: Option<&Path>,
    extras: Extras<'_>,
) -> anyhow::Result<String> {
    let engine = Engine::new(format, dir, t)?;
    let context = engine.context(view, extras)?;
    let mut out = Vec::new();
    engine.write(name, &context, extras, &mut out)?;
    String::from_utf8(out).map_err(|e| anyhow!("a template produced invalid UTF-8: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{activity_with, register};
    use crate::work::{Work, take};

    /// The activities looked at while rendering the sheet of each activity of a register of `n`,
    /// as `render sheet -o DIR/` does.
    fn listed_for_every_sheet(n: usize) -> usize {
        let activities = (0..n)
            .map(|i| activity_with(serde_json::json!({ "id": format!("a-{i}") })))
            .collect();
        let register = register(Vec::new(), activities);
        let opts = RenderOptions {
            format: Format::Md,
            lang: Language::En,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            version: "test".into(),
            templates_dir: None,
            draft_errors: 0,
        };
        let renderer = Renderer::new(&register, &opts).unwrap();
        take(Work::ActivitiesListed);
        for a in &register.activities {
            let mut out = Vec::new();
            renderer
                .write(Document::Sheet, Some(&a.item.id), None, &mut out)
                .unwrap();
            assert!(!out.is_empty());
        }
        take(Work::ActivitiesListed)
    }

    /// Regression: each sheet listed every activity of the register to find the eligible ones,
    /// though it names its own: a folder of sheets cost the square of the activities.
    #[test]
    fn a_folder_of_sheets_does_not_list_the_register_for_each_sheet() {
        let small = listed_for_every_sheet(50);
        let large = listed_for_every_sheet(200);
        assert!(
            large <= 4 * small,
            "4 times the activities, {small} -> {large} activities listed"
        );
    }
}
