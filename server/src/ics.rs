//! An iCalendar (RFC 5545) file of one booking, for "add to calendar".

use chrono::{DateTime, Utc};
use frontdesk_core::model::{Booking, BookingStatus};

fn stamp(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}

/// Escapes TEXT values: backslash, semicolon, comma and newlines.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

pub fn booking(booking: &Booking, club: &str, host: &str) -> String {
    let summary = match &booking.resource_name {
        Some(with) => format!("{} – {} ({club})", booking.type_name, with),
        None => format!("{} ({club})", booking.type_name),
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Frontdesk//Booking//EN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:booking-{}@{}", booking.id, text(host)),
        format!("DTSTAMP:{}", Utc::now().format("%Y%m%dT%H%M%SZ")),
        format!("DTSTART:{}", stamp(&booking.start)),
        format!("DTEND:{}", stamp(&booking.end)),
        format!("SUMMARY:{}", text(&summary)),
        format!("LOCATION:{}", text(club)),
        // A booking still waiting for its code is not confirmed yet.
        format!(
            "STATUS:{}",
            match booking.status {
                BookingStatus::Cancelled => "CANCELLED",
                BookingStatus::Pending => "TENTATIVE",
                BookingStatus::Approved => "CONFIRMED",
            }
        ),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    // RFC 5545 wants CRLF line ends.
    lines.join("\r\n") + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_writes_utc_times() {
        let b = Booking {
            id: 7,
            agenda_id: 1,
            status: BookingStatus::Approved,
            type_id: 2,
            type_name: "Trial; lesson, 1h".into(),
            start: "2026-03-02T09:00:00+01:00".into(),
            end: "2026-03-02T10:00:00+01:00".into(),
            resource_id: Some("3".into()),
            resource_name: Some("Anna".into()),
            name: "Ann".into(),
            manage_token: None,
        };
        let ics = booking(&b, "Demo Brussels", "club.example");
        assert!(ics.contains("DTSTART:20260302T080000Z\r\n"), "{ics}");
        assert!(
            ics.contains("SUMMARY:Trial\\; lesson\\, 1h – Anna (Demo Brussels)\r\n"),
            "{ics}"
        );
        assert!(ics.contains("UID:booking-7@club.example"));
        assert!(ics.contains("STATUS:CONFIRMED\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_booking_waiting_for_its_code_is_tentative() {
        let b = Booking {
            id: 8,
            agenda_id: 1,
            status: BookingStatus::Pending,
            type_id: 2,
            type_name: "Intake".into(),
            start: "2026-07-02T09:00:00+02:00".into(),
            end: "2026-07-02T10:00:00+02:00".into(),
            resource_id: None,
            resource_name: None,
            name: "Ann".into(),
            manage_token: None,
        };
        let ics = booking(&b, "Club", "club.example");
        assert!(ics.contains("STATUS:TENTATIVE\r\n"), "{ics}");
        assert!(ics.contains("DTSTART:20260702T070000Z\r\n"), "{ics}");
    }
}
