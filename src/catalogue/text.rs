//! The code of the check on the register's text itself (RP015): no control or bidirectional
//! control character hides in it. The check is a rule over the model (`crate::rules`, area
//! `text`); its code sits in the loader's hundred, with the other codes about a file's
//! characters, so it is declared here.

declare_code! {
    /// ## What it checks
    /// That no text of the register (`ropa.yaml`, the catalogues, the activities) holds a
    /// control character other than tab and line break (C0 such as ESC or BEL, DEL, C1) or a
    /// Unicode bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
    /// Each field that holds one is reported once, by its JSON pointer, naming the first such
    /// character (`U+202E RIGHT-TO-LEFT OVERRIDE`) and counting the others.
    ///
    /// ## Why
    /// A bidirectional override makes text read in another order than it is stored, so that a
    /// reviewer approves a retention period or a recipient other than the one the file holds
    /// ("Trojan Source"); a control character can clear or restyle the terminal of whoever
    /// checks the register. The record must describe the processing truthfully (Art. 30(1)).
    /// Documents show these characters as `[U+202E]`, never raw.
    ///
    /// ## Example
    /// ```yaml
    /// name: "Payroll \u202E syad 03"
    /// ```
    ///
    /// ## How to fix
    /// Delete the character: retype the text, or remove the `\u202E`, `\e` or `\a` escape from
    /// the quoted value.
    pub static CONTROL_CHARACTER = { code: "RP015", name: "control-character", severity: Warning, fatal: false, summary: "Register text holds a control or bidirectional-control character" }
}
