//! The fakes' clock: real time, or a frozen instant, plus an adjustable
//! offset. OnlineAfspraken checks `api_salt` against it and stamps every
//! response with it (so a connector's clock-skew correction can be tested);
//! Clubplanner computes `Age` and change times from it.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockSettings {
    /// When set, the clock stands still at this instant (before the offset).
    #[serde(default)]
    pub frozen: Option<DateTime<Utc>>,
    /// Seconds added to the (real or frozen) time: positive = the vendor's
    /// clock runs ahead of the machine's.
    #[serde(default)]
    pub offset_s: i64,
}

#[derive(Debug)]
pub struct Clock {
    settings: Mutex<ClockSettings>,
}

impl Clock {
    pub fn new(settings: ClockSettings) -> Clock {
        Clock {
            settings: Mutex::new(settings),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        let s = self.settings();
        s.frozen.unwrap_or_else(Utc::now) + Duration::seconds(s.offset_s)
    }

    pub fn settings(&self) -> ClockSettings {
        *self.settings.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set(&self, settings: ClockSettings) {
        *self.settings.lock().unwrap_or_else(|e| e.into_inner()) = settings;
    }
}
