//! Everything this connector assumes where seed 000 is silent, in one
//! place (the README's connector section points here). When the real API
//! is seen to differ, change it here.
//!
//! - Times are the club's wall time (Europe/Brussels) without an offset,
//!   `yyyy-MM-ddTHH:mm:ss`, both ways; `GetCalendarItems` takes its date as
//!   `19-NOV-2025` (the seed's example).
//! - `GetFreeTimeslots` answers a JSON array of [`FreeTimeslot`]
//!   (`[{"From":"2025-03-01T09:00:00","To":"2025-03-01T10:00:00","EmployeeId":5}]`),
//!   one per free start on a grid of [`SLOT_GRID_MIN`] minutes, each
//!   `duration` long (they may overlap).
//! - `GetCalendarItems` answers a JSON array of [`CalendarItem`].
//! - `DeleteProspect` / `DeleteCalendarItem` answer anything with HTTP 200.
//! - Writes: `gender` is `M` or `F`; `dayofbirth` is `yyyy-MM-dd` (empty
//!   when unknown); `UpdateProspect` replaces the record with what is sent,
//!   so every field is read, merged and sent. `note` and `langid` are
//!   written but never read back: the last values Frontdesk sent are kept in
//!   the mirror's `extra` (`_note`, `_langid`) and sent again.
//! - `langid`: 1 Dutch, 2 French, 3 English, 4 German ([`LANGUAGES`]).
//! - A result of the sales process books an appointment when the club's
//!   configuration says so (`clubplanner.booking_results`): the API does not
//!   say which results do. Without it, a result books when its description
//!   speaks of an appointment ([`books`]: the seed's "Afspraak maken voor
//!   proefles").
//! - `SetStepResult` books whatever it is sent, free or not: the connector
//!   looks the slot up among the free timeslots first.
//! - A step whose `Description` is empty (the seed's 1091) is the first call.
//! - The API lists no employees: their names come from the configuration
//!   (`clubplanner.employees`), else "Employee 5".

use serde::Deserialize;

/// Free timeslots start on this grid, in minutes from midnight.
pub const SLOT_GRID_MIN: u32 = 15;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct FreeTimeslot {
    pub from: String,
    pub to: String,
    pub employee_id: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CalendarItem {
    pub id: i64,
    pub calendar_id: i64,
    pub room_id: i64,
    pub employee_id: i64,
    pub prospect_id: i64,
    pub from: String,
    pub to: String,
    pub description: String,
    pub note: String,
    pub color: String,
}

/// Words a result's description uses when it makes an appointment.
const APPOINTMENT_WORDS: [&str; 4] = ["afspraak", "rendez-vous", "appointment", "termin"];

/// Whether a result books, by its description (no configuration).
pub fn books(description: &str) -> bool {
    let d = description.to_lowercase();
    APPOINTMENT_WORDS.iter().any(|w| d.contains(w))
}

/// How an employee the configuration does not name is shown.
pub const EMPLOYEE: &str = "Employee";

/// The name of a step the vendor leaves unnamed: the seed's first step.
pub fn unnamed_step(lang: &str, id: i64) -> String {
    match lang {
        "nl" => format!("Eerste contact ({id})"),
        "fr" => format!("Premier contact ({id})"),
        _ => format!("First contact ({id})"),
    }
}

/// `langid` ↔ language.
pub const LANGUAGES: [(&str, &str); 4] = [("1", "nl"), ("2", "fr"), ("3", "en"), ("4", "de")];

pub fn langid(language: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(_, l)| *l == language)
        .map(|(id, _)| *id)
}

pub fn language(langid: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(id, _)| *id == langid)
        .map(|(_, l)| *l)
}
