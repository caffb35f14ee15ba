//! The SQLite store as a connector: every capability served from
//! Frontdesk's own tables, with nothing behind them.

mod prospects;

pub use prospects::LocalProspects;

pub const NAME: &str = "local";
