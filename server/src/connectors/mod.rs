//! Where each capability's data comes from. Only the local SQLite store is
//! built so far; vendor connectors plug in behind the same capabilities.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    Prospects,
    SalesSteps,
    Pipelines,
    Availability,
    Bookings,
}

impl Capability {
    pub const ALL: [Capability; 5] = [
        Self::Prospects,
        Self::SalesSteps,
        Self::Pipelines,
        Self::Availability,
        Self::Bookings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prospects => "prospects",
            Self::SalesSteps => "sales_steps",
            Self::Pipelines => "pipelines",
            Self::Availability => "availability",
            Self::Bookings => "bookings",
        }
    }
}
