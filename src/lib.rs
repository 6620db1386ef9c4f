//! ropa: GDPR records of processing activities (Art. 30) and processing annexes (Art. 28) as code.
//!
//! Layers, each depending only on those above it in this list: [`source`] (files, positions),
//! [`controls`] (control and bidirectional characters in text),
//! [`yaml`] (YAML 1.2 to JSON values with locations), [`model`] (the register as plain data),
//! [`legal`] (dated legal facts), [`duration`] (ISO-8601 durations), [`schema`] (JSON Schemas),
//! [`diagnostics`] (findings and their formats), [`load`] (files to a validated register),
//! [`rules`] (GDPR checks), [`render`] (documents). The `ropa` binary is the only part that prints.

// No `unwrap`/`expect` in the library: a bad register is an error with a location, never a panic.
// The few kept are on build-time data, each with an `#[allow]` saying why it cannot fail.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod catalogue;
pub mod changes;
pub mod check;
pub mod controls;
pub mod diagnostics;
pub mod duration;
pub mod export;
pub mod history;
pub mod import;
pub mod legal;
pub mod load;
pub mod model;
pub mod output;
pub mod overview;
pub mod policy;
pub mod read;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod suggest;
mod work;
pub mod yaml;
