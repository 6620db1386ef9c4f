//! The bodies of a document's activities, rendered one at a time: the template function
//! `sheet_body(id=...)` asks for an activity's body, which a helper thread renders from the
//! register (a batch ahead, on every core) and hands over, so that a register of any length
//! holds only a few activities' views and texts at once.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::mpsc;

use rayon::prelude::*;
use tera::{Kwargs, State, TeraResult, Value};

use crate::model::Activity;

/// How many bodies the helper renders ahead of the template, in parallel.
const BATCH: usize = 32;

/// The variables a call passes to the body besides `id`, by name.
type Vars = Vec<(String, Value)>;

/// A body, or why it could not be rendered.
type Body = Result<String, String>;

/// Renders one activity's body with the variables of the call.
pub(crate) type RenderBody<'a> = dyn Fn(&Activity, &Vars) -> Body + Sync + 'a;

/// What the template thread asks the helper: the body of activity `id`, with `vars`.
struct Request {
    id: String,
    vars: Vars,
}

/// The template thread's end of the line to the helper.
struct Link {
    requests: mpsc::Sender<Request>,
    answers: mpsc::Receiver<Body>,
}

thread_local! {
    /// The line of the document this thread is rendering, while it renders one.
    static LINK: RefCell<Option<Link>> = const { RefCell::new(None) };
}

/// The template function `sheet_body`: the template `sheet_body.<format>` rendered for the
/// activity `id` of the document's lists, with the document's variables, `activity` the
/// activity's whole view and every other argument as a variable (`l=3`, `h="##"`).
pub(crate) fn sheet_body(kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let id: String = kwargs.must_get("id")?;
    let mut vars: Vars = kwargs
        .iter()
        .filter_map(|(k, v)| {
            k.as_str()
                .filter(|k| *k != "id")
                .map(|k| (k.to_string(), v.clone()))
        })
        .collect();
    vars.sort_by(|a, b| a.0.cmp(&b.0));
    let answer = LINK.with(|link| {
        let link = link.borrow();
        let Some(link) = link.as_ref() else {
            return Err(
                "sheet_body(id=...) is available only in the documents that list activities (the register, the sub-processors list), not in a sheet, an annex or sheet_body itself"
                    .to_string(),
            );
        };
        fn gone<E>(_: E) -> String {
            "the activities' bodies are no longer being rendered".to_string()
        }
        link.requests.send(Request { id, vars }).map_err(gone)?;
        link.answers.recv().map_err(gone)?
    });
    answer
        .map(|body| Value::safe_string(&body))
        .map_err(tera::Error::message)
}

/// Run `render` (which renders a document on this thread) while a helper thread serves its
/// calls of `sheet_body` for the activities of `order`, each rendered by `body`. Called from a
/// worker of the parallel pool, the helper renders one body at a time: the pool's other workers
/// may be busy, and this one waits on the helper.
pub(crate) fn serve<R>(
    order: &[&Activity],
    body: &RenderBody<'_>,
    render: impl FnOnce() -> R,
) -> R {
    std::thread::scope(|scope| {
        let (requests, incoming) = mpsc::channel();
        let (outgoing, answers) = mpsc::channel();
        let parallel = rayon::current_thread_index().is_none();
        scope.spawn(move || Helper::new(order, body, parallel).run(&incoming, &outgoing));
        let _line = Connected::new(Link { requests, answers });
        render()
    })
}

/// The link installed on this thread for as long as it lives: dropping it (even on a panic)
/// hangs up, which ends the helper, so the scope never waits for it forever.
struct Connected;

impl Connected {
    fn new(link: Link) -> Connected {
        LINK.with(|l| *l.borrow_mut() = Some(link));
        Connected
    }
}

impl Drop for Connected {
    fn drop(&mut self) {
        LINK.with(|l| l.borrow_mut().take());
    }
}

/// The helper thread: answers each request, from the batch rendered ahead when the template
/// asks for the activities in their order (as the built-in templates do), else on demand.
struct Helper<'a, 'b> {
    order: &'a [&'a Activity],
    position: HashMap<&'a str, usize>,
    body: &'b RenderBody<'b>,
    /// Whether to render ahead on every core of the parallel pool.
    parallel: bool,
    /// Bodies rendered ahead: the activity's place in `order`, the variables, the body.
    ahead: VecDeque<(usize, Vars, Body)>,
}

impl<'a, 'b> Helper<'a, 'b> {
    fn new(order: &'a [&'a Activity], body: &'b RenderBody<'b>, parallel: bool) -> Self {
        let position = order
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        Helper {
            order,
            position,
            body,
            parallel,
            ahead: VecDeque::new(),
        }
    }

    fn run(&mut self, incoming: &mpsc::Receiver<Request>, outgoing: &mpsc::Sender<Body>) {
        for request in incoming {
            let Some(&i) = self.position.get(request.id.as_str()) else {
                let unknown = Err(format!(
                    "sheet_body: no activity `{}` among the document's activities",
                    request.id
                ));
                if outgoing.send(unknown).is_err() {
                    return;
                }
                continue;
            };
            let answer = match self.ahead.pop_front() {
                Some((j, vars, body)) if j == i && vars == request.vars => body,
                _ => {
                    self.ahead.clear();
                    (self.body)(self.order[i], &request.vars)
                }
            };
            if outgoing.send(answer).is_err() {
                return;
            }
            if self.ahead.is_empty() {
                self.render_ahead(i + 1, &request.vars);
            }
        }
    }

    /// Render the next [`BATCH`] bodies from `start`, in parallel, while the template writes
    /// the one just handed over.
    fn render_ahead(&mut self, start: usize, vars: &Vars) {
        let end = (start + BATCH).min(self.order.len());
        let Some(batch) = self.order.get(start..end) else {
            return;
        };
        let body = self.body;
        let bodies: Vec<Body> = if self.parallel {
            batch.par_iter().map(|a| body(a, vars)).collect()
        } else {
            batch.iter().map(|a| body(a, vars)).collect()
        };
        self.ahead.extend(
            bodies
                .into_iter()
                .enumerate()
                .map(|(k, b)| (start + k, vars.clone(), b)),
        );
    }
}
