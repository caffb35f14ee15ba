//! The calendar's view, kept in the URL so a reload, a link or the back
//! button shows the same day: `/calendar?date=2026-12-07&view=week&type=3&r=1,2`.

use chrono::{Duration, NaiveDate};
use frontdesk_core::calendar::week_start;
use leptos_router::params::ParamsMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Day,
    Week,
    /// The appointments as a list per coach and room: the plainest view
    /// for a screen reader and a small phone.
    List,
}

impl Mode {
    fn parse(text: &str) -> Option<Self> {
        match text {
            "day" => Some(Mode::Day),
            "week" => Some(Mode::Week),
            "list" => Some(Mode::List),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Mode::Day => "day",
            Mode::Week => "week",
            Mode::List => "list",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub date: NaiveDate,
    pub mode: Mode,
    /// The appointment type whose free slots are shown.
    pub type_id: Option<i64>,
    /// The coaches and rooms shown; empty for all.
    pub resources: Vec<String>,
}

impl View {
    pub fn from_query(query: &ParamsMap, today: NaiveDate) -> Self {
        let date = query
            .get("date")
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            .unwrap_or(today);
        // Without one in the URL, the view this browser used last: a desk
        // that works by the week opens on the week.
        let mode = query
            .get("view")
            .and_then(|m| Mode::parse(&m))
            .or_else(remembered)
            .unwrap_or(Mode::Day);
        let type_id = query.get("type").and_then(|t| t.parse().ok());
        let resources = query
            .get("r")
            .map(|r| {
                r.split(',')
                    .filter(|id| !id.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Self {
            date,
            mode,
            type_id,
            resources,
        }
    }

    pub fn href(&self) -> String {
        let mut href = format!("/calendar?date={}&view={}", self.date, self.mode.as_str());
        if let Some(t) = self.type_id {
            href.push_str(&format!("&type={t}"));
        }
        if !self.resources.is_empty() {
            href.push_str("&r=");
            href.push_str(&crate::api::encode(&self.resources.join(",")));
        }
        href
    }

    /// The local dates shown, first and last.
    pub fn range(&self) -> (NaiveDate, NaiveDate) {
        match self.mode {
            Mode::Week => {
                let monday = week_start(self.date);
                (monday, monday + Duration::days(6))
            }
            Mode::Day | Mode::List => (self.date, self.date),
        }
    }

    /// A day or a week later (`step` 1) or earlier (-1).
    pub fn stepped(&self, step: i64) -> Self {
        let days = match self.mode {
            Mode::Week => 7,
            Mode::Day | Mode::List => 1,
        };
        Self {
            date: self.date + Duration::days(days * step),
            ..self.clone()
        }
    }

    pub fn shows(&self, resource: &str) -> bool {
        self.resources.is_empty() || self.resources.iter().any(|r| r == resource)
    }
}

const MODE_KEY: &str = "frontdesk.calendar-view";

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

fn remembered() -> Option<Mode> {
    Mode::parse(&storage()?.get_item(MODE_KEY).ok()??)
}

/// The view to open on next time.
pub fn remember(mode: Mode) {
    if let Some(s) = storage() {
        let _ = s.set_item(MODE_KEY, mode.as_str());
    }
}
