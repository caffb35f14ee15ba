//! The SQLite store as a connector: every capability served from
//! Frontdesk's own tables, with nothing behind them.

mod agendas;
mod prospects;

pub use agendas::LocalAgendas;
pub use prospects::LocalProspects;

pub const NAME: &str = "local";
