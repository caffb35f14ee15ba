//! One time zone's offsets over a span of instants, sent over the wire so
//! the browser needs no tz database.
//!
//! The server knows every IANA zone (chrono-tz); the browser bundles do
//! not link it, since its data is most of what a zone-aware download costs.
//! Instead every document the browser computes slots from carries the
//! club's own zone as a table: the offset in force from each instant on,
//! covering the document's dates with a margin. [`ZoneRules::from_tz`]
//! (feature `tzdb`, on by default; the server's) builds it.
//!
//! Wire shape (instants are whole seconds since the Unix epoch, offsets
//! seconds east of UTC):
//!
//! ```json
//! // 2026-03-29 in Brussels: 2026-03-27 to 2026-04-02 (UTC), the switch at 01:00 UTC
//! { "name": "Europe/Brussels", "until": 1775088000,
//!   "offsets": [ { "from": 1774569600, "offset_s": 3600 },
//!                { "from": 1774746000, "offset_s": 7200 } ] }
//! ```
//!
//! The table covers `[offsets[0].from, until)`; outside it the first or last
//! offset is assumed. Entries are in strictly increasing `from` order, at
//! least one, each offset under a day in magnitude: anything else is refused
//! when the JSON is read.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde::{Deserialize, Serialize};

/// Seconds in a day; an offset's magnitude stays below it (chrono's
/// `FixedOffset` range).
const DAY_SECS: i64 = 86_400;

/// One zone's offsets over a span of instants: see the module docs for the
/// wire shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawZoneRules")]
pub struct ZoneRules {
    /// The IANA name, e.g. `Europe/Brussels`; must equal the document's
    /// `timezone`.
    name: String,
    /// The end of the covered span (exclusive), Unix seconds.
    until: i64,
    /// The offset in force from each instant on, in instant order; the
    /// first entry's `from` is the start of the covered span.
    offsets: Vec<ZoneOffset>,
}

/// From `from` on (until the next entry), local time is UTC + `offset_s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZoneOffset {
    /// Unix seconds.
    pub from: i64,
    /// Seconds east of UTC.
    pub offset_s: i32,
}

/// The unchecked wire form, validated into [`ZoneRules`].
#[derive(Deserialize)]
struct RawZoneRules {
    name: String,
    until: i64,
    offsets: Vec<ZoneOffset>,
}

impl TryFrom<RawZoneRules> for ZoneRules {
    type Error = String;

    fn try_from(raw: RawZoneRules) -> Result<Self, String> {
        ZoneRules::new(raw.name, raw.offsets, raw.until)
    }
}

/// Where a local wall time lands in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Local {
    /// Exactly one instant has this wall time.
    Single { instant: i64, offset: i32 },
    /// Two or more do (a fall-back); the earliest.
    Ambiguous { instant: i64, offset: i32 },
    /// None does (a spring-forward gap); the first instant after the gap.
    Gap { after: i64 },
}

impl ZoneRules {
    /// A table from its parts. Refused (with a sentence saying why) when
    /// `offsets` is empty, not in strictly increasing `from` order, has an
    /// offset of a day or more, or when `until` is not after the first
    /// entry.
    pub fn new(name: String, offsets: Vec<ZoneOffset>, until: i64) -> Result<Self, String> {
        let Some(first) = offsets.first() else {
            return Err("a zone table needs at least one offset".to_owned());
        };
        if until <= first.from {
            return Err(format!(
                "the zone table ends ({until}) before it starts ({})",
                first.from
            ));
        }
        if let Some(i) = offsets.windows(2).position(|w| w[1].from <= w[0].from) {
            return Err(format!(
                "the zone table's offsets[{}].from is not after the one before",
                i + 1
            ));
        }
        if let Some(bad) = offsets
            .iter()
            .find(|o| i64::from(o.offset_s).abs() >= DAY_SECS)
        {
            return Err(format!("offset {} s is a day or more", bad.offset_s));
        }
        Ok(Self {
            name,
            until,
            offsets,
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The offsets, in instant order.
    pub fn offsets(&self) -> &[ZoneOffset] {
        &self.offsets
    }

    /// The covered span of instants, `[start, end)`, Unix seconds.
    pub fn span(&self) -> (i64, i64) {
        (self.offsets[0].from, self.until)
    }

    /// Whether the table covers every instant the slot engine may ask about
    /// for the local dates `from..=to` (see [`required_span`]).
    pub fn covers(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let (start, end) = self.span();
        let (need_start, need_end) = required_span(from, to);
        start <= need_start && need_end <= end
    }

    /// The offset in force at an instant (clamped to the covered span: the
    /// first or last offset outside it).
    pub fn offset_at<Z: TimeZone>(&self, instant: &DateTime<Z>) -> FixedOffset {
        fixed(self.offset_at_secs(instant.timestamp()))
    }

    /// An instant written with the zone's offset at that instant.
    pub fn at<Z: TimeZone>(&self, instant: &DateTime<Z>) -> DateTime<FixedOffset> {
        instant.with_timezone(&self.offset_at(instant))
    }

    /// A local wall time as an instant, by rule 2 of the slot engine: an
    /// ambiguous wall time (a fall-back) is the earlier instant; one that
    /// does not exist (a spring-forward gap) is the first instant after the
    /// gap. The result carries the zone's offset at that instant, so
    /// `resolve(wall).to_rfc3339()` is the RFC 3339 text of a wall time on
    /// a date, e.g. `2026-03-29T02:30` in Brussels gives
    /// `2026-03-29T03:00:00+02:00`.
    pub fn resolve(&self, wall: NaiveDateTime) -> DateTime<FixedOffset> {
        let secs = wall.and_utc().timestamp();
        let (instant, offset) = match self.local(secs) {
            Local::Single { instant, offset } | Local::Ambiguous { instant, offset } => {
                (instant, offset)
            }
            Local::Gap { after } => (after, self.offset_at_secs(after)),
        };
        let utc = DateTime::from_timestamp(instant, 0).unwrap_or_default();
        utc.with_timezone(&fixed(offset))
    }

    /// The offset at an instant in Unix seconds.
    pub(crate) fn offset_at_secs(&self, instant: i64) -> i32 {
        let i = self.offsets.partition_point(|o| o.from <= instant);
        self.offsets[i.saturating_sub(1)].offset_s
    }

    /// Where the wall time `wall` (local seconds since the epoch, i.e. the
    /// wall time read as if it were UTC) lands.
    pub(crate) fn local(&self, wall: i64) -> Local {
        // Only periods that overlap `wall ± a day` can hold an instant with
        // this wall time, since every offset is under a day.
        let periods = &self.offsets;
        let first = periods
            .partition_point(|o| o.from <= wall - DAY_SECS)
            .saturating_sub(1);
        let last = periods.partition_point(|o| o.from <= wall + DAY_SECS);
        let end_of = |i: usize| periods.get(i + 1).map_or(i64::MAX, |o| o.from);
        let start_of = |i: usize| if i == 0 { i64::MIN } else { periods[i].from };
        let window = first..last.max(first + 1);
        // Valid instants come in period order, so the first is the earliest.
        let mut hits = window.clone().filter_map(|i| {
            let offset = periods[i].offset_s;
            let instant = wall - i64::from(offset);
            (start_of(i)..end_of(i))
                .contains(&instant)
                .then_some((instant, offset))
        });
        match (hits.next(), hits.next()) {
            (Some((instant, offset)), None) => return Local::Single { instant, offset },
            (Some((instant, offset)), Some(_)) => return Local::Ambiguous { instant, offset },
            (None, _) => {}
        }
        // A gap: the wall clock jumps over `wall` at a transition, the first
        // one whose new wall time is past it.
        let after = window
            .skip_while(|&i| i == 0)
            .map(|i| periods[i])
            .find(|p| p.from + i64::from(p.offset_s) > wall)
            .map_or_else(
                || wall - i64::from(periods[periods.len() - 1].offset_s),
                |p| p.from,
            );
        Local::Gap { after }
    }
}

/// The instants the slot engine may ask a zone about for the local dates
/// `from..=to`: slots of `to` may end on the next date, and a date's
/// instants lie within a day of its wall times; a day's margin on each side
/// keeps the table's edges out of reach.
pub fn required_span(from: NaiveDate, to: NaiveDate) -> (i64, i64) {
    let midnight = |date: NaiveDate| date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
    (midnight(from) - 2 * DAY_SECS, midnight(to) + 4 * DAY_SECS)
}

fn fixed(offset: i32) -> FixedOffset {
    FixedOffset::east_opt(offset).unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero"))
}

#[cfg(feature = "tzdb")]
pub(crate) use tzdb::offset_of;

#[cfg(feature = "tzdb")]
mod tzdb {
    use chrono::{NaiveDate, Offset, TimeZone};
    use chrono_tz::Tz;

    use super::super::input::Availability;
    use super::super::parse;
    use super::{ZoneOffset, ZoneRules, required_span};

    /// The step of the scan for transitions: no zone has had two within an
    /// hour of each other.
    const STEP: i64 = 3600;

    impl ZoneRules {
        /// The table of `tz` for the local dates `from..=to` with the
        /// margin the slot engine needs ([`required_span`]): what the
        /// server sends with a document of those dates.
        pub fn from_tz(tz: Tz, from: NaiveDate, to: NaiveDate) -> ZoneRules {
            let (start, until) = required_span(from, to.max(from));
            let at = |t: i64| offset_of(tz, t);
            let mut offsets = vec![ZoneOffset {
                from: start,
                offset_s: at(start),
            }];
            let mut t = start;
            while t < until {
                let next = (t + STEP).min(until);
                let before = at(t);
                if at(next) != before {
                    // Bisect to the first second of the new offset.
                    let (mut lo, mut hi) = (t, next);
                    while hi - lo > 1 {
                        let mid = lo + (hi - lo) / 2;
                        if at(mid) == before {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    offsets.push(ZoneOffset {
                        from: hi,
                        offset_s: at(hi),
                    });
                }
                t = next;
            }
            ZoneRules {
                name: tz.name().to_owned(),
                until,
                offsets,
            }
        }
    }

    impl Availability {
        /// Fills `zone` with the table of `timezone` over the document's
        /// dates, so a build without the tz database (the browser's) can
        /// compute its slots. Leaves `zone` empty when `timezone`, `from`
        /// or `to` cannot be read: the engine then names the bad field.
        pub fn attach_zone(&mut self) {
            let tz = self.timezone.parse::<Tz>().ok();
            let from = parse::date(&self.from).ok();
            let to = parse::date(&self.to).ok();
            self.zone = match (tz, from, to) {
                (Some(tz), Some(from), Some(to)) => Some(ZoneRules::from_tz(tz, from, to)),
                _ => None,
            };
        }
    }

    pub(crate) fn offset_of(tz: Tz, instant: i64) -> i32 {
        tz.offset_from_utc_datetime(&super::super::clock::naive(instant))
            .fix()
            .local_minus_utc()
    }
}

/// Without the tz database (the browser's build): only a table tells the
/// offsets. The comparisons with chrono-tz are in `slots::tests::zone`.
#[cfg(all(test, not(feature = "tzdb")))]
mod tests {
    use super::super::{AppointmentType, Availability, Block, SlotErrorKind, compute};
    use super::*;

    fn av() -> Availability {
        Availability {
            timezone: "Europe/Brussels".into(),
            zone: None,
            align_grid_min: 60,
            appointment_type: AppointmentType {
                duration_min: 60,
                buffer_min: 0,
                min_notice_min: 0,
                max_ahead_min: 0,
                scheduling: Default::default(),
                capacity: 1,
                resource_ids: Vec::new(),
            },
            from: "2026-03-29".into(),
            to: "2026-03-29".into(),
            blocks: vec![Block {
                resource_id: None,
                date: "2026-03-29".into(),
                start: "01:00".into(),
                end: "04:00".into(),
            }],
            busy: Vec::new(),
            now: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn a_zone_name_alone_is_unknown() {
        let e = compute(&av()).unwrap_err();
        assert_eq!(e.field(), "timezone");
        assert_eq!(
            e.kind(),
            &SlotErrorKind::UnknownTimezone("Europe/Brussels".into())
        );
    }

    #[test]
    fn a_table_is_enough() {
        let mut av = av();
        // Brussels' spring-forward switch at 01:00 UTC.
        let (start, until) = required_span(
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
        );
        let offsets = vec![
            ZoneOffset {
                from: start,
                offset_s: 3600,
            },
            ZoneOffset {
                from: 1_774_746_000,
                offset_s: 7200,
            },
        ];
        av.zone = Some(ZoneRules::new("Europe/Brussels".into(), offsets, until).unwrap());
        let starts: Vec<String> = compute(&av)
            .unwrap()
            .slots()
            .map(|s| s.start.to_string())
            .collect();
        assert_eq!(
            starts,
            ["2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00"]
        );
        let zone = av.zone.unwrap();
        let wall = NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(zone.resolve(wall).to_rfc3339(), "2026-03-29T03:00:00+02:00");
    }
}
