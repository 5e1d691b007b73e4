//! The amlnet builder: a portal-style wizard that builds a network-isolation configuration, checks it
//! with the core while the user types, and shows the core's exports.
//!
//! `state` (the reducer), `share` (with its JSON codec, `json`), `presets` and `zip` are plain Rust
//! and tested natively; the components render the state and send actions, and `web` holds the
//! browser side effects. The core does all validation and generation.

pub mod components;
pub mod fields;
pub mod full;
pub mod json;
pub mod presets;
pub mod share;
pub mod state;
pub mod text;
pub mod web;
pub mod zip;
