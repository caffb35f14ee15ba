//! The booking messages write the appointment's date and time as the
//! widget and the staff app do (`frontdesk_core::format::dates`), in the
//! booker's language and in the agenda's zone (issue #21). The expected
//! texts are written out here, so a change of the format fails this test.

use chrono_tz::Tz;
use frontdesk_core::model::{Booking, BookingStatus};
use frontdesk_server::messages::{self, Lang, ManageLink};

fn booking(start: &str) -> Booking {
    Booking {
        id: 7,
        agenda_id: 1,
        status: BookingStatus::Approved,
        type_id: 3,
        type_name: "Intake".into(),
        start: start.into(),
        end: start.into(),
        resource_id: Some("2".into()),
        resource_name: Some("Kim".into()),
        name: "Ann Peeters".into(),
        manage_token: None,
    }
}

const BRUSSELS: Tz = chrono_tz::Europe::Brussels;

fn link(lang: Lang) -> ManageLink {
    ManageLink::new("https://club.test", 1, "secret-token", lang)
}

#[test]
fn the_booked_message_writes_the_date_in_each_language() {
    // The API writes the start with the club's offset.
    let b = booking("2026-03-02T09:00:00+01:00");
    let cases = [
        (
            Lang::Nl,
            "Je boekte: Intake op maandag 2 maart 2026 om 09:00 Kim.",
        ),
        (
            Lang::Fr,
            "Vous avez réservé : Intake le lundi 2 mars 2026 à 09:00 Kim.",
        ),
        (
            Lang::En,
            "You booked: Intake on Monday 2 March 2026 at 09:00 Kim.",
        ),
    ];
    for (lang, line) in cases {
        let with_code = messages::booked(lang, "Club", &b, BRUSSELS, Some("123456"), &link(lang));
        assert!(with_code.body.contains(line), "{}", with_code.body);
        let confirmed = messages::booked(lang, "Club", &b, BRUSSELS, None, &link(lang));
        assert!(confirmed.body.contains(line), "{}", confirmed.body);
    }
}

#[test]
fn the_time_is_the_agenda_s_whatever_offset_the_stamp_has() {
    // 08:00 UTC is 09:00 in Brussels in winter and 10:00 in summer; the
    // French first of the month is "1er".
    let winter = messages::cancelled(Lang::Fr, "Club", &booking("2026-03-01T08:00:00Z"), BRUSSELS);
    assert_eq!(
        winter.body,
        "Intake le dimanche 1er mars 2026 à 09:00 est annulé."
    );
    let summer = messages::cancelled(Lang::En, "Club", &booking("2026-07-01T08:00:00Z"), BRUSSELS);
    assert_eq!(
        summer.body,
        "Intake on Wednesday 1 July 2026 at 10:00 is cancelled."
    );
    let by_club = messages::cancelled_by_club(
        Lang::Nl,
        "Club",
        &booking("2026-12-24T17:30:00+01:00"),
        BRUSSELS,
        "Coach ziek",
    );
    assert_eq!(
        by_club.body,
        "Intake op donderdag 24 december 2026 om 17:30 is geannuleerd.\n\nReden: Coach ziek"
    );
}

#[test]
fn a_start_that_is_no_stamp_is_written_as_it_came() {
    let odd = messages::cancelled(Lang::En, "Club", &booking("soon"), BRUSSELS);
    assert_eq!(odd.body, "Intake on soon is cancelled.");
}
