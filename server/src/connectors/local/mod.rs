//! The SQLite store as a connector: every capability served from
//! Frontdesk's own tables, with nothing behind them.

mod agendas;
mod pipelines;
mod prospects;
mod related;

pub use agendas::LocalAgendas;
pub use pipelines::LocalPipelines;
pub use prospects::LocalProspects;
pub use related::LocalRelated;

pub const NAME: &str = "local";
