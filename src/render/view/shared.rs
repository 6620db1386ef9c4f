//! Views that many activities show alike (a catalogue's security measures and vendors, the
//! empty headings of the measures' lists): made once per document, turned into a template value
//! once, then shared by every activity's view that holds them, so that a register of 10,000
//! activities does not build and convert the same measure 10,000 times.

use super::*;
use std::cell::Cell;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::Serializer;

/// A view that several activities' views hold: read through `Deref`, changed through
/// [`Shared::make_mut`] (which copies it when it is shared). Serialised into a template value
/// (see [`template_value`]), it is converted once and its value cloned after that; serialised
/// anywhere else (the JSON export, a test), it is the view itself, field by field.
pub struct Shared<T>(Arc<Inner<T>>);

#[derive(Clone)]
struct Inner<T> {
    view: T,
    /// The view as a template value, made by the first serialisation into one (`None` if that
    /// failed: the view is then serialised field by field each time).
    value: OnceLock<Option<tera::Value>>,
}

impl<T> Shared<T> {
    /// `view`, to be shared.
    pub fn new(view: T) -> Self {
        Shared(Arc::new(Inner {
            view,
            value: OnceLock::new(),
        }))
    }

    /// Whether `a` and `b` are one view, made once.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T: Clone> Shared<T> {
    /// The view to change: copied first when another view holds it too, and its template value
    /// forgotten.
    pub fn make_mut(&mut self) -> &mut T {
        let inner = Arc::make_mut(&mut self.0);
        inner.value = OnceLock::new();
        &mut inner.view
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0.view
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.view.fmt(f)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0.view == other.0.view
    }
}

thread_local! {
    /// Whether this thread is making a template value through [`template_value`].
    static MAKING_TEMPLATE_VALUE: Cell<bool> = const { Cell::new(false) };
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if MAKING_TEMPLATE_VALUE.get()
            && let Some(value) = self
                .0
                .value
                .get_or_init(|| template_value(&self.0.view).ok())
        {
            // The template engine's serializer takes a value as it is: a clone, which shares
            // its maps and lists.
            return value.serialize(serializer);
        }
        self.0.view.serialize(serializer)
    }
}

/// Run `make`, which makes template values from views, with each [`Shared`] part of a view
/// converted once and cloned after that. Only for template values: a view serialised in
/// `make` by another serializer would get the shared parts' fields in the template value's
/// order.
pub fn sharing<R>(make: impl FnOnce() -> R) -> R {
    /// Puts the thread's flag back as it was, even if `make` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            MAKING_TEMPLATE_VALUE.set(self.0);
        }
    }
    let _restore = Restore(MAKING_TEMPLATE_VALUE.replace(true));
    make()
}

/// `view` as a template value, each [`Shared`] part of it converted once.
pub fn template_value<T: Serialize + ?Sized>(view: &T) -> tera::TeraResult<tera::Value> {
    sharing(|| tera::Value::try_from_serializable(view))
}

/// The shared views of one document, each made when an activity first shows it: the view of
/// each measure and each vendor of the catalogues (by id), and the groups of each list of
/// headings with no measure under them.
pub(super) struct SharedViews<'r> {
    pub(super) measures: Slots<'r, MeasureView>,
    pub(super) vendors: Slots<'r, ProcessorView>,
    /// By [`Headings`]: Annex III's, then the CNIL's.
    empty_groups: [OnceLock<Vec<Shared<MeasureGroup>>>; 2],
}

/// The shared view of each entry of a catalogue, by id, made when first asked for.
pub(super) struct Slots<'r, T>(HashMap<&'r str, OnceLock<Shared<T>>>);

impl<'r, T> Slots<'r, T> {
    fn new(ids: impl ExactSizeIterator<Item = &'r str>) -> Self {
        let mut slots = HashMap::with_capacity(ids.len());
        for id in ids {
            slots.entry(id).or_insert_with(OnceLock::new);
        }
        Slots(slots)
    }

    /// The view of entry `id`, made by `make` the first time (and each time for an id the
    /// catalogue lacks).
    pub(super) fn get(&self, id: &str, make: impl FnOnce() -> T) -> Shared<T> {
        match self.0.get(id) {
            Some(slot) => slot.get_or_init(|| Shared::new(make())).clone(),
            None => Shared::new(make()),
        }
    }
}

impl<'r> SharedViews<'r> {
    pub(super) fn new(register: &'r Register) -> Self {
        SharedViews {
            measures: Slots::new(register.measures.iter().map(|m| m.item.id.as_str())),
            vendors: Slots::new(register.vendors.iter().map(|v| v.item.id.as_str())),
            empty_groups: [OnceLock::new(), OnceLock::new()],
        }
    }

    /// The empty group of each heading of `list`, made by `make` the first time.
    pub(super) fn empty_groups(
        &self,
        list: Headings,
        make: impl FnOnce() -> Vec<Shared<MeasureGroup>>,
    ) -> &[Shared<MeasureGroup>] {
        let slot = match list {
            Headings::Category => &self.empty_groups[0],
            Headings::CnilHeading => &self.empty_groups[1],
        };
        slot.get_or_init(make)
    }
}
