//! Codes of identity and references across files (RP020, RP021): the register's ids are unique
//! and every id an activity names resolves. The checks are rules over the model
//! (`crate::rules`, area `references`); their codes sit in the loader's hundred, so they are
//! declared here with the other RP0xx codes.

declare_code! {
    /// ## What it checks
    /// That ids are unique: activities within a register, vendors and measures within their
    /// catalogues, data categories and data subject categories within an activity.
    ///
    /// ## Why
    /// References between files go by id; two items with one id make every reference to it
    /// ambiguous, and documents would show one of them at random.
    ///
    /// ## Example
    /// ```yaml
    /// vendors:
    ///   - id: mailer
    ///     name: Brevo
    ///   - id: mailer
    ///     name: Mailjet
    /// ```
    ///
    /// ## How to fix
    /// Give each item its own id and update the references.
    pub static DUPLICATE_ID = { code: "RP020", name: "duplicate-id", severity: Error, fatal: false, summary: "Two items share an id" }
}

declare_code! {
    /// ## What it checks
    /// That every id an activity names exists: recipients' and transfers' `vendor` in
    /// vendors.yaml or vendors/*.yaml, `security_measures` in measures.yaml or measures/*.yaml,
    /// and the `data_categories` and
    /// `data_subjects` named by retention rules and recipients in the activity itself. A
    /// recipient of kind `vendor` must name its vendor. A reference to an entry that failed to
    /// load (an invalid vendor or measure, or a catalogue file that did not load) is not reported
    /// again: the loading finding says what is wrong.
    ///
    /// ## Why
    /// The record must name the recipients and describe the measures (Art. 30(1)(d), (g)); a
    /// dangling reference silently drops a recipient or a measure from every document.
    ///
    /// ## Example
    /// ```yaml
    /// recipients:
    ///   - kind: vendor
    ///     vendor: amazon-web-service
    /// ```
    /// when the catalogue's id is `amazon-web-services`.
    ///
    /// ## How to fix
    /// Use the suggested id, or add the item to its catalogue.
    pub static UNRESOLVED_REFERENCE = { code: "RP021", name: "unresolved-reference", severity: Error, fatal: false, summary: "A reference names an id that does not exist" }
}
