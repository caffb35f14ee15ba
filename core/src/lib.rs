//! The Frontdesk domain, shared by the browser app and the server.
//!
//! Nothing in this crate does I/O: it builds for `wasm32-unknown-unknown` and
//! for the host, so the same rules run in the browser and on the server.

pub mod booking_setup;
pub mod calendar;
pub mod club;
pub mod duplicates;
pub mod format;
pub mod hours;
pub mod import;
pub mod invitation;
pub mod localized;
pub mod logo;
pub mod model;
pub mod phone;
pub mod pipeline;
pub mod problem;
pub mod prospect_list;
pub mod related;
pub mod roles;
pub mod sales;
pub mod slots;
pub mod splitmix;
pub mod validate;
