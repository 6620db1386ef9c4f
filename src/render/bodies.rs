//! The bodies of a document's activities, rendered a few at a time: the template function
//! `sheet_body(id=...)` asks for an activity's body, which a helper thread renders from the
//! register (batches ahead, on every core) and hands over with the ones already rendered after
//! it, so that a register of any length holds only a few activities' views and texts at once
//! and the template waits on the helper once a batch, not once a body.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, mpsc};

use rayon::prelude::*;
use tera::{Kwargs, State, TeraResult, Value};

use crate::model::Activity;

/// How many bodies one task of the parallel pool renders ahead of the template.
const BATCH: usize = 32;

/// How many batches are rendered or waiting ahead of the template at most: two, so that the
/// pool renders one while the template writes the other.
const AHEAD: usize = 2;

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

/// The helper's answer: the body asked for, then the bodies of the activities that come next
/// in the document's order, with the same variables, that were already rendered (by id).
struct Answer {
    body: Body,
    following: Vec<(String, Body)>,
}

/// The template thread's end of the line to the helper, and the bodies it was handed ahead:
/// a template that asks for the activities in order takes them from there without waiting on
/// the helper for each.
struct Link {
    requests: mpsc::Sender<Request>,
    answers: mpsc::Receiver<Answer>,
    handed: VecDeque<(String, Body)>,
    /// The variables of the bodies in `handed`.
    handed_vars: Vars,
}

impl Link {
    /// The body of `id` with `vars`: handed ahead, or asked for.
    fn body(&mut self, id: String, vars: Vars) -> Body {
        if vars == self.handed_vars
            && self.handed.front().is_some_and(|(next, _)| *next == id)
            && let Some((_, body)) = self.handed.pop_front()
        {
            return body;
        }
        fn gone<E>(_: E) -> String {
            "the activities' bodies are no longer being rendered".to_string()
        }
        self.handed.clear();
        self.requests
            .send(Request {
                id,
                vars: vars.clone(),
            })
            .map_err(gone)?;
        let answer = self.answers.recv().map_err(gone)?;
        self.handed.extend(answer.following);
        self.handed_vars = vars;
        answer.body
    }
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
        let mut link = link.borrow_mut();
        let Some(link) = link.as_mut() else {
            return Err(
                "sheet_body(id=...) is available only in the documents that list activities (the register, the sub-processors list), not in a sheet, an annex or sheet_body itself"
                    .to_string(),
            );
        };
        link.body(id, vars)
    });
    answer
        .map(|body| Value::safe_string(&body))
        .map_err(tera::Error::message)
}

/// Run `render` (which renders a document on this thread) while a helper thread serves its
/// calls of `sheet_body` for the activities of `order`, each rendered by `body`. Called from a
/// worker of the parallel pool, the helper renders each body when it is asked for: the pool's
/// other workers may be busy, and this one waits on the helper.
pub(crate) fn serve<R>(
    order: &[&Activity],
    body: &RenderBody<'_>,
    render: impl FnOnce() -> R,
) -> R {
    std::thread::scope(|scope| {
        let (requests, incoming) = mpsc::channel();
        let (outgoing, answers) = mpsc::channel();
        let helper = Helper::new(order, body);
        if rayon::current_thread_index().is_none() {
            scope.spawn(move || helper.run_ahead(&incoming, &outgoing));
        } else {
            scope.spawn(move || helper.run_in_turn(&incoming, &outgoing));
        }
        let _line = Connected::new(Link {
            requests,
            answers,
            handed: VecDeque::new(),
            handed_vars: Vars::new(),
        });
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

/// The helper thread: answers each request, from the bodies rendered ahead when the template
/// asks for the activities in their order (as the built-in templates do), else on demand.
struct Helper<'a, 'b> {
    order: &'a [&'a Activity],
    position: HashMap<&'a str, usize>,
    body: &'b RenderBody<'b>,
}

/// A finished batch: the run of the pipeline it belongs to, the place in `order` of its first
/// activity, and its bodies (or the panic of the task that rendered them).
type Batch = (u64, usize, std::thread::Result<Vec<Body>>);

/// The bodies being rendered ahead of the template, on the parallel pool, in batches: while the
/// template writes the bodies of one batch, the next ones are being rendered.
struct Pipeline {
    /// Which run of the pipeline this is: a template that leaves the order starts a new one, and
    /// the batches of the old one are dropped when they arrive.
    run: u64,
    /// The variables of the calls this run serves.
    vars: Arc<Vars>,
    /// The place in `order` of the next body the template is expected to ask for.
    next: usize,
    /// The end of what has been handed to the pool.
    scheduled: usize,
    /// Bodies from `next` on, in order.
    ready: VecDeque<Body>,
    /// Batches that finished before the ones in front of them, by their first place.
    early: HashMap<usize, Vec<Body>>,
}

impl<'a, 'b> Helper<'a, 'b> {
    fn new(order: &'a [&'a Activity], body: &'b RenderBody<'b>) -> Self {
        let position = order
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        Helper {
            order,
            position,
            body,
        }
    }

    /// The place in `order` of the activity a request names, or the answer that it has none.
    fn place(&self, request: &Request) -> Result<usize, Body> {
        self.position
            .get(request.id.as_str())
            .copied()
            .ok_or_else(|| {
                Err(format!(
                    "sheet_body: no activity `{}` among the document's activities",
                    request.id
                ))
            })
    }

    /// Serve the requests one at a time, rendering each body when it is asked for: for a
    /// helper started from a worker of the parallel pool, whose other workers may be busy.
    fn run_in_turn(&self, incoming: &mpsc::Receiver<Request>, outgoing: &mpsc::Sender<Answer>) {
        for request in incoming {
            let body = match self.place(&request) {
                Ok(i) => (self.body)(self.order[i], &request.vars),
                Err(unknown) => unknown,
            };
            let answer = Answer {
                body,
                following: Vec::new(),
            };
            if outgoing.send(answer).is_err() {
                return;
            }
        }
    }

    /// Serve the requests while every worker of the parallel pool renders the bodies that come
    /// next, [`AHEAD`] batches of [`BATCH`] at most.
    fn run_ahead(&self, incoming: &mpsc::Receiver<Request>, outgoing: &mpsc::Sender<Answer>) {
        rayon::in_place_scope(|scope| {
            let (finished, batches) = mpsc::channel::<Batch>();
            let mut pipeline: Option<Pipeline> = None;
            let mut runs = 0;
            for request in incoming {
                let i = match self.place(&request) {
                    Ok(i) => i,
                    Err(unknown) => {
                        let answer = Answer {
                            body: unknown,
                            following: Vec::new(),
                        };
                        if outgoing.send(answer).is_err() {
                            return;
                        }
                        continue;
                    }
                };
                let body = match pipeline.as_mut() {
                    Some(p) if p.next == i && *p.vars == request.vars && p.scheduled > i => {
                        p.take(&batches)
                    }
                    _ => {
                        // Out of order (or the first call): render this one now, and the ones
                        // after it ahead.
                        runs += 1;
                        let body = (self.body)(self.order[i], &request.vars);
                        pipeline = Some(Pipeline {
                            run: runs,
                            vars: Arc::new(request.vars),
                            next: i + 1,
                            scheduled: i + 1,
                            ready: VecDeque::new(),
                            early: HashMap::new(),
                        });
                        body
                    }
                };
                // Hand over with it every body already rendered that comes next.
                let following = match pipeline.as_mut() {
                    Some(p) => p.take_ready(&batches, self.order),
                    None => Vec::new(),
                };
                if outgoing.send(Answer { body, following }).is_err() {
                    return;
                }
                let Some(p) = pipeline.as_mut() else { continue };
                while p.scheduled < self.order.len() && p.scheduled - p.next < AHEAD * BATCH {
                    let start = p.scheduled;
                    let end = (start + BATCH).min(self.order.len());
                    let (run, vars, finished) = (p.run, Arc::clone(&p.vars), finished.clone());
                    let (batch, body) = (&self.order[start..end], self.body);
                    scope.spawn(move |_| {
                        let bodies = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            batch.par_iter().map(|a| body(a, &vars)).collect()
                        }));
                        // The helper may have stopped listening: the batch is not needed.
                        let _ = finished.send((run, start, bodies));
                    });
                    p.scheduled = end;
                }
            }
        });
    }
}

impl Pipeline {
    /// The body at `next`, waiting for its batch if it is still being rendered.
    fn take(&mut self, batches: &mpsc::Receiver<Batch>) -> Body {
        loop {
            if let Some(body) = self.ready.pop_front() {
                self.next += 1;
                return body;
            }
            let ready_from = self.next;
            if let Some(batch) = self.early.remove(&ready_from) {
                self.ready.extend(batch);
                continue;
            }
            // The helper holds a sender, so the line stays open; every batch task sends.
            let Ok((run, start, bodies)) = batches.recv() else {
                return Err("the activities' bodies are no longer being rendered".to_string());
            };
            self.arrived(run, start, bodies);
        }
    }

    /// The bodies rendered from `next` on, without waiting, by the id of their activity.
    fn take_ready(
        &mut self,
        batches: &mpsc::Receiver<Batch>,
        order: &[&Activity],
    ) -> Vec<(String, Body)> {
        while let Ok((run, start, bodies)) = batches.try_recv() {
            self.arrived(run, start, bodies);
        }
        let mut ready = Vec::new();
        loop {
            while let Some(body) = self.ready.pop_front() {
                ready.push((order[self.next].id.clone(), body));
                self.next += 1;
            }
            match self.early.remove(&self.next) {
                Some(batch) => self.ready.extend(batch),
                None => return ready,
            }
        }
    }

    /// Keep a batch of this run that has just been rendered; drop one of an earlier run.
    fn arrived(&mut self, run: u64, start: usize, bodies: std::thread::Result<Vec<Body>>) {
        match bodies {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(bodies) if run == self.run => {
                self.early.insert(start, bodies);
            }
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::model::testing::activity;

    /// Ask for `id`'s body with `level` as the template function does, through this thread's
    /// line.
    fn ask(id: &str, level: i64) -> Body {
        LINK.with(|link| {
            let mut link = link.borrow_mut();
            let link = link.as_mut().expect("a document is being rendered");
            link.body(id.to_string(), vec![("l".to_string(), Value::from(level))])
        })
    }

    #[test]
    fn every_call_gets_its_own_body_in_order_or_not_and_in_order_each_is_rendered_once() {
        let activities: Vec<Activity> = (0..300)
            .map(|i| {
                let mut a = activity();
                a.id = format!("a{i}");
                a
            })
            .collect();
        let order: Vec<&Activity> = activities.iter().collect();
        let rendered = AtomicUsize::new(0);
        let body = |a: &Activity, vars: &Vars| -> Body {
            rendered.fetch_add(1, Ordering::Relaxed);
            Ok(format!("{} {:?}", a.id, vars[0].1))
        };
        let expected = |i: usize, level: i64| Ok(format!("a{i} {:?}", Value::from(level)));
        // In order: each body once, however the batches finish.
        let in_order = serve(&order, &body, || {
            (0..300).all(|i| ask(&format!("a{i}"), 1) == expected(i, 1))
        });
        assert!(in_order);
        assert_eq!(rendered.load(Ordering::Relaxed), 300);
        // Backwards, jumping, and again with another variable: each answer is the one asked
        // for, and what was rendered ahead for nothing stays within the batches ahead.
        rendered.store(0, Ordering::Relaxed);
        let asks: Vec<(usize, i64)> = (0..300)
            .rev()
            .map(|i| (i, 1))
            .chain([(5, 1), (6, 1), (7, 2), (8, 2), (299, 2), (0, 3)])
            .chain((100..200).map(|i| (i, 4)))
            .collect();
        let answers = serve(&order, &body, || {
            asks.iter()
                .map(|&(i, level)| ask(&format!("a{i}"), level))
                .collect::<Vec<_>>()
        });
        for (&(i, level), answer) in asks.iter().zip(&answers) {
            assert_eq!(*answer, expected(i, level), "a{i} at level {level}");
        }
        let out_of_order = asks.len() - 99;
        assert!(
            rendered.load(Ordering::Relaxed) <= asks.len() + out_of_order * AHEAD * BATCH,
            "{} bodies rendered",
            rendered.load(Ordering::Relaxed)
        );
        assert_eq!(
            serve(&order, &body, || ask("nowhere", 1)),
            Err("sheet_body: no activity `nowhere` among the document's activities".to_string())
        );
    }
}
