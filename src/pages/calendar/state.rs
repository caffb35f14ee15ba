//! What the grid shows, laid out once per load: its columns (a date and a
//! coach or room each), each appointment's place in them, the opening
//! hours and the free slots. A move changes one appointment's place (and
//! the lanes of the two columns it leaves and enters), never the whole
//! grid, so a drop paints in the frame it happens.
//!
//! The layout is plain data; an appointment's signals (`Shown`) are made
//! when something first needs them (its button is drawn, it is opened or
//! moved), in the load's owner. A week has 2,000 appointments and draws a
//! few hundred: making four signals for each of the 2,000 (and letting
//! them go two weeks later) was most of the app's own time in a switch.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use frontdesk_core::calendar::{FreeStart, hours_shown, lanes, wall_minutes};
use frontdesk_core::model::{BookingStatus, ResourceInfo, StaffAppointment};
use frontdesk_core::slots::ZoneRules;
use leptos::prelude::*;

use super::data::Loaded;
use super::url::View;

/// The grid's day when nothing is open or booked outside it.
const WORKING_DAY: (u32, u32) = (8 * 60, 18 * 60);

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub date: NaiveDate,
    /// `None`: appointments without a coach or room.
    pub resource: Option<String>,
    pub name: String,
}

/// Where an appointment sits: its column, wall-time minutes, and its lane
/// among the appointments it overlaps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub col: usize,
    pub start: u32,
    pub end: u32,
    pub lane: u16,
    pub lanes: u16,
}

#[derive(Clone)]
pub struct Shown {
    pub item: Arc<StaffAppointment>,
    pub place: RwSignal<Place>,
    pub status: RwSignal<BookingStatus>,
    pub gone: RwSignal<bool>,
    /// Sent and not answered yet.
    pub saving: RwSignal<bool>,
}

/// Opening hours in a column; `id` when they are one date's extra hours
/// (which staff may take away again).
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    pub col: usize,
    pub start: u32,
    pub end: u32,
    pub id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Free {
    pub col: usize,
    pub slot: FreeStart,
}

/// The grid of one load.
#[derive(Default)]
pub struct Layout {
    /// Which load this is: a move answered after the next one was drawn
    /// changes nothing on screen.
    pub generation: u64,
    pub columns: Vec<Column>,
    pub openings: Vec<Opening>,
    pub free: Vec<Free>,
    /// The first and last minute the grid shows.
    pub first: u32,
    pub last: u32,
    pub zone: Option<ZoneRules>,
    pub timezone: String,
    /// The load, whose appointments these are (shared, not copied).
    loaded: Option<Arc<Loaded>>,
    /// Each appointment placed: its index in the load's list, and its
    /// place as laid out.
    kept: Vec<usize>,
    places: Vec<Place>,
    /// Its signals, once made.
    shown: Vec<OnceLock<Shown>>,
    /// The load's owner, which the signals belong to.
    owner: Option<Owner>,
}

fn minutes_of(a: &StaffAppointment) -> (u32, u32) {
    let start = wall_minutes(&a.start_time).unwrap_or(0);
    let end = wall_minutes(&a.end_time).unwrap_or(start);
    // An appointment running past midnight ends at the bottom of its day.
    (start, if end <= start { 24 * 60 } else { end })
}

impl Layout {
    pub fn build(
        generation: u64,
        view: &View,
        resources: &[ResourceInfo],
        loaded: &Arc<Loaded>,
        owner: Option<Owner>,
    ) -> Self {
        let (list, blocks, free) = (&loaded.list, &loaded.blocks, loaded.free.as_ref());
        let (from, to) = view.range();
        let shown_resources: Vec<&ResourceInfo> =
            resources.iter().filter(|r| view.shows(&r.id)).collect();
        let unassigned = list.items.iter().any(|a| a.resource_id.is_none());
        // A coach or room removed from the setup is no longer listed, but
        // the appointments they gave still happened: shown (when every
        // column is) in a column of their own, named as the appointment
        // names them.
        let mut former: Vec<(&str, &str)> = Vec::new();
        if view.resources.is_empty() {
            for a in &list.items {
                if let Some(id) = a.resource_id.as_deref()
                    && !resources.iter().any(|r| r.id == id)
                    && !former.iter().any(|(f, _)| *f == id)
                {
                    former.push((id, a.resource_name.as_deref().unwrap_or(id)));
                }
            }
        }
        let mut columns = Vec::new();
        for date in from.iter_days().take_while(|d| *d <= to) {
            for r in &shown_resources {
                columns.push(Column {
                    date,
                    resource: Some(r.id.clone()),
                    name: r.name.clone(),
                });
            }
            for (id, name) in &former {
                columns.push(Column {
                    date,
                    resource: Some((*id).to_owned()),
                    name: (*name).to_owned(),
                });
            }
            if unassigned && view.resources.is_empty() {
                columns.push(Column {
                    date,
                    resource: None,
                    name: String::new(),
                });
            }
        }
        let index: HashMap<(NaiveDate, Option<&str>), usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| ((c.date, c.resource.as_deref()), i))
            .collect();

        let mut openings = Vec::new();
        for (col, c) in columns.iter().enumerate() {
            let weekday = chrono::Datelike::weekday(&c.date).number_from_monday() as u8;
            let date = c.date.to_string();
            for b in blocks {
                let on_day = b.weekday == Some(weekday) || b.date.as_deref() == Some(&date);
                let for_col = b.resource_id.is_none() || b.resource_id == c.resource;
                if !(on_day && for_col && c.resource.is_some()) {
                    continue;
                }
                if let (Some(start), Some(end)) = (wall_minutes(&b.start), wall_minutes(&b.end)) {
                    openings.push(Opening {
                        col,
                        start,
                        end,
                        id: b.date.is_some().then_some(b.id),
                    });
                }
            }
        }

        let free = free
            .map(|grid| {
                frontdesk_core::calendar::free_by_resource(grid)
                    .into_iter()
                    .flat_map(|(resource, starts)| {
                        let index = &index;
                        starts.into_iter().filter_map(move |slot| {
                            let date = NaiveDate::parse_from_str(&slot.date, "%Y-%m-%d").ok()?;
                            let col = *index.get(&(date, Some(resource.as_str())))?;
                            Some(Free { col, slot })
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();

        let mut places = Vec::new();
        let mut kept = Vec::new();
        let mut live = Vec::new();
        // The week's seven date texts, each read once rather than once per
        // appointment.
        let mut dates: HashMap<&str, Option<NaiveDate>> = HashMap::new();
        for (k, a) in list.items.iter().enumerate() {
            let date = *dates
                .entry(a.date.as_str())
                .or_insert_with(|| NaiveDate::parse_from_str(&a.date, "%Y-%m-%d").ok());
            let Some(col) = date.and_then(|d| index.get(&(d, a.resource_id.as_deref())).copied())
            else {
                continue;
            };
            let (start, end) = minutes_of(a);
            places.push(Place {
                col,
                start,
                end,
                lane: 0,
                lanes: 1,
            });
            kept.push(k);
            live.push(a.status != BookingStatus::Cancelled);
        }
        relane_where(&mut places, None, &live);
        let (first, last) = hours_shown(
            places
                .iter()
                .map(|p| (p.start, p.end))
                .chain(openings.iter().map(|o| (o.start, o.end)))
                .chain(
                    free.iter()
                        .map(|f| (f.slot.minute, f.slot.minute + f.slot.minutes)),
                ),
            WORKING_DAY,
        );
        Self {
            generation,
            columns,
            openings,
            free,
            first,
            last,
            zone: list.zone.clone(),
            timezone: list.timezone.clone(),
            shown: (0..kept.len()).map(|_| OnceLock::new()).collect(),
            loaded: Some(loaded.clone()),
            kept,
            places,
            owner,
        }
    }

    /// How many appointments the grid has (drawn or not).
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Appointment `i`'s signals, made the first time they are asked for.
    pub fn shown(&self, i: usize) -> Option<&Shown> {
        let place = *self.places.get(i)?;
        let item = self.loaded.as_ref()?.list.items.get(*self.kept.get(i)?)?;
        Some(self.shown[i].get_or_init(|| {
            let make = || Shown {
                item: Arc::new(item.clone()),
                place: RwSignal::new(place),
                status: RwSignal::new(item.status),
                gone: RwSignal::new(false),
                saving: RwSignal::new(false),
            };
            match &self.owner {
                Some(owner) => owner.with(make),
                None => make(),
            }
        }))
    }

    /// Where appointment `i` is now (untracked).
    pub fn place_of(&self, i: usize) -> Option<Place> {
        match self.shown.get(i)?.get() {
            Some(s) => s.place.try_get_untracked(),
            None => self.places.get(i).copied(),
        }
    }

    /// Whether appointment `i` takes a lane: not cancelled, not removed
    /// (untracked).
    fn live(&self, i: usize) -> bool {
        match self.shown.get(i).and_then(OnceLock::get) {
            Some(s) => {
                !s.gone.get_untracked() && s.status.get_untracked() != BookingStatus::Cancelled
            }
            None => self
                .loaded
                .as_ref()
                .and_then(|l| l.list.items.get(*self.kept.get(i)?))
                .is_some_and(|a| a.status != BookingStatus::Cancelled),
        }
    }

    /// The RFC 3339 instant of a wall time in a column's date, in the
    /// club's time zone (`fallback`'s offset when the server sent no zone).
    pub fn instant(&self, col: usize, minute: u32, fallback: &str) -> Option<String> {
        let date = self.columns.get(col)?.date;
        let wall = NaiveDateTime::new(
            date,
            NaiveTime::from_num_seconds_from_midnight_opt(minute.min(24 * 60 - 1) * 60, 0)?,
        );
        match &self.zone {
            Some(zone) => Some(zone.resolve(wall).to_rfc3339()),
            None => {
                let offset = chrono::DateTime::parse_from_rfc3339(fallback)
                    .ok()?
                    .offset()
                    .to_owned();
                let local = wall.and_local_timezone(offset).single()?;
                Some(local.to_rfc3339())
            }
        }
    }

    /// Lanes again for the columns `cols` after a move: only the
    /// appointments in them are read, and only those whose lane changed
    /// written (their signals made if they had none yet).
    pub fn relane_columns(&self, cols: &[usize]) {
        let mut members = Vec::new();
        let mut places = Vec::new();
        let mut live = Vec::new();
        for i in 0..self.len() {
            let Some(p) = self.place_of(i) else {
                continue;
            };
            if cols.contains(&p.col) {
                members.push(i);
                places.push(p);
                live.push(self.live(i));
            }
        }
        relane_where(&mut places, None, &live);
        for (i, p) in members.into_iter().zip(places) {
            if self.place_of(i) != Some(p)
                && let Some(s) = self.shown(i)
            {
                s.place.set(p);
            }
        }
    }
}

/// Lanes per column (only `cols` when given) for the appointments still
/// on (`live`).
fn relane_where(places: &mut [Place], cols: Option<&[usize]>, live: &[bool]) {
    let mut by_col: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, p) in places.iter().enumerate() {
        if cols.is_none_or(|c| c.contains(&p.col)) && live[i] {
            by_col.entry(p.col).or_default().push(i);
        }
    }
    for members in by_col.values() {
        let spans: Vec<(u32, u32)> = members
            .iter()
            .map(|&i| (places[i].start, places[i].end))
            .collect();
        for (&i, (lane, count)) in members.iter().zip(lanes(&spans)) {
            places[i].lane = lane;
            places[i].lanes = count;
        }
    }
    // A cancelled or removed one takes the whole width, under the rest.
    for (i, p) in places.iter_mut().enumerate() {
        if !live[i] && cols.is_none_or(|c| c.contains(&p.col)) {
            p.lane = 0;
            p.lanes = 1;
        }
    }
}
