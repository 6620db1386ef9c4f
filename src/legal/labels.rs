//! Labels of the model's terms in each language, from the legal data's term tables.

use super::*;
use crate::model::{
    ActivityRole, AdequacyExclusion, Art9Condition, Art22Exception, Art35Case, AuthorisationKind,
    CnilDpiaType, CnilHeading, EndAction, Language, LegalBasis, MeasureCategory, Operation,
    ProcessorObligation, RecipientKind, RetentionPhase, SccModule, SpecialCategory,
    TransferFrequency, TransferMechanism, VendorRole, Wp248Criterion,
};

/// A model enum whose variants have English and French labels in the legal data.
pub trait Labelled: Copy + PartialEq + 'static {
    /// The labels of this value.
    fn text(&self) -> Option<&'static Text>;
}

/// A model enum labelled by a table of [`Term`]s.
pub trait TermTable: Labelled {
    /// The table.
    fn terms() -> &'static [Term<Self>];
}

macro_rules! term_table {
    ($($ty:ty => $field:ident),* $(,)?) => {$(
        impl TermTable for $ty {
            fn terms() -> &'static [Term<Self>] {
                &eu().$field
            }
        }
        impl Labelled for $ty {
            fn text(&self) -> Option<&'static Text> {
                term(*self).map(|t| &t.label)
            }
        }
    )*};
}

term_table! {
    LegalBasis => legal_bases,
    SpecialCategory => special_categories,
    Art9Condition => art9_conditions,
    Wp248Criterion => wp248_criteria,
    Art35Case => art35_cases,
    MeasureCategory => measure_categories,
    CnilHeading => cnil_headings,
    Operation => operations,
    ProcessorObligation => processor_obligations,
    RetentionPhase => retention_phases,
    EndAction => end_actions,
    SccModule => scc_modules,
    ActivityRole => activity_roles,
    VendorRole => vendor_roles,
    RecipientKind => recipient_kinds,
    TransferFrequency => transfer_frequencies,
    AuthorisationKind => authorisation_kinds,
    AdequacyExclusion => adequacy_exclusions,
    CnilDpiaType => cnil_dpia_list,
    Art22Exception => art22_exceptions,
}

impl Labelled for TransferMechanism {
    fn text(&self) -> Option<&'static Text> {
        Some(&mechanism_info(*self).label)
    }
}

/// The label of a model enum value in `lang`, for example `Intérêts légitimes` for
/// `LegalBasis::LegitimateInterests` in French.
pub fn label<T: Labelled>(value: &T, lang: Language) -> &'static str {
    value.text().map_or(MISSING_LABEL, |t| t.get(lang))
}

/// The full entry of a model enum value: labels, article, letter or number, DPV IRI, source.
pub fn term<T: TermTable>(value: T) -> Option<&'static Term<T>> {
    T::terms().iter().find(|t| t.key == value)
}
