//! The booking messages, in the booker's language (nl, fr, en). They go to
//! the outbox table; a mail relay sends from there.

use chrono::DateTime;
use chrono_tz::Tz;
use frontdesk_core::format::dates;
use frontdesk_core::model::Booking;

pub struct Message {
    pub subject: String,
    pub body: String,
    /// What must not outlive delivery: the manage link's token. Staff read
    /// the message without it (`for_staff`), and once sent the outbox
    /// keeps only that copy. The code stays readable: the front desk may
    /// read it out to a member whose email went astray, and without the
    /// token it confirms nothing.
    secrets: Vec<String>,
}

impl Message {
    pub fn new(subject: String, body: String) -> Self {
        Self {
            subject,
            body,
            secrets: Vec::new(),
        }
    }

    pub fn with_secret(mut self, secret: &str) -> Self {
        if !secret.is_empty() {
            self.secrets.push(secret.to_owned());
        }
        self
    }

    /// The message with every secret replaced by "…".
    pub fn for_staff(&self) -> Message {
        let cut = |text: &str| {
            self.secrets
                .iter()
                .fold(text.to_owned(), |t, secret| t.replace(secret.as_str(), "…"))
        };
        Message::new(cut(&self.subject), cut(&self.body))
    }
}

#[derive(Clone, Copy)]
pub enum Lang {
    Nl,
    Fr,
    En,
}

impl Lang {
    pub fn parse(code: Option<&str>) -> Self {
        match code
            .map(|c| c.get(..2).unwrap_or(c).to_ascii_lowercase())
            .as_deref()
        {
            Some("nl") => Self::Nl,
            Some("fr") => Self::Fr,
            _ => Self::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Nl => "nl",
            Self::Fr => "fr",
            Self::En => "en",
        }
    }
}

/// "maandag 2 maart 2026 om 09:00" in the agenda's zone: the words of
/// `frontdesk_core::format::dates`, so the mail reads as the widget's last
/// step and the manage page do. A start that is no stamp is written as it
/// came rather than dropped.
fn when(lang: Lang, start: &str, tz: Tz) -> String {
    DateTime::parse_from_rfc3339(start)
        .map(|t| dates::date_time(lang.code(), t.with_timezone(&tz).naive_local()))
        .unwrap_or_else(|_| start.to_owned())
}

/// The message of a new booking (with its code when it waits for one), or
/// of one just confirmed (`code` `None`). `token` is the manage link's.
pub fn booked(
    lang: Lang,
    club: &str,
    booking: &Booking,
    tz: Tz,
    code: Option<&str>,
    link: &ManageLink,
) -> Message {
    let manage_url = &link.url;
    let at = when(lang, &booking.start, tz);
    let with = booking.resource_name.as_deref().unwrap_or("");
    let kind = &booking.type_name;
    let (subject, lines) = match (lang, code) {
        (Lang::Nl, Some(code)) => (
            format!("Bevestig je afspraak bij {club}: code {code}"),
            vec![
                format!("Je boekte: {kind} op {at} {with}."),
                format!("Je bevestigingscode is {code}. Vul hem in om de afspraak vast te leggen."),
                format!("Annuleren of toevoegen aan je agenda: {manage_url}"),
            ],
        ),
        (Lang::Nl, None) => (
            format!("Je afspraak bij {club} is bevestigd"),
            vec![
                format!("Je boekte: {kind} op {at} {with}."),
                format!("Annuleren of toevoegen aan je agenda: {manage_url}"),
            ],
        ),
        (Lang::Fr, Some(code)) => (
            format!("Confirmez votre rendez-vous chez {club} : code {code}"),
            vec![
                format!("Vous avez réservé : {kind} le {at} {with}."),
                format!(
                    "Votre code de confirmation est {code}. Saisissez-le pour confirmer le rendez-vous."
                ),
                format!("Annuler ou ajouter à votre agenda : {manage_url}"),
            ],
        ),
        (Lang::Fr, None) => (
            format!("Votre rendez-vous chez {club} est confirmé"),
            vec![
                format!("Vous avez réservé : {kind} le {at} {with}."),
                format!("Annuler ou ajouter à votre agenda : {manage_url}"),
            ],
        ),
        (Lang::En, Some(code)) => (
            format!("Confirm your appointment at {club}: code {code}"),
            vec![
                format!("You booked: {kind} on {at} {with}."),
                format!("Your confirmation code is {code}. Enter it to secure the appointment."),
                format!("Cancel or add to your calendar: {manage_url}"),
            ],
        ),
        (Lang::En, None) => (
            format!("Your appointment at {club} is confirmed"),
            vec![
                format!("You booked: {kind} on {at} {with}."),
                format!("Cancel or add to your calendar: {manage_url}"),
            ],
        ),
    };
    Message::new(subject, lines.join("\n")).with_secret(&link.token)
}

/// The page behind a booking's link, and the token in it.
pub struct ManageLink {
    pub url: String,
    pub token: String,
}

impl ManageLink {
    /// The page opens in `lang`, the language the member booked in,
    /// whatever their browser says.
    pub fn new(public_url: &str, agenda_id: i64, token: &str, lang: Lang) -> Self {
        Self {
            url: format!(
                "{}/book/{agenda_id}/manage?token={token}&lang={}",
                public_url.trim_end_matches('/'),
                lang.code()
            ),
            token: token.to_owned(),
        }
    }
}

pub fn cancelled(lang: Lang, club: &str, booking: &Booking, tz: Tz) -> Message {
    let at = when(lang, &booking.start, tz);
    let kind = &booking.type_name;
    let (subject, body) = match lang {
        Lang::Nl => (
            format!("Je afspraak bij {club} is geannuleerd"),
            format!("{kind} op {at} is geannuleerd."),
        ),
        Lang::Fr => (
            format!("Votre rendez-vous chez {club} est annulé"),
            format!("{kind} le {at} est annulé."),
        ),
        Lang::En => (
            format!("Your appointment at {club} is cancelled"),
            format!("{kind} on {at} is cancelled."),
        ),
    };
    Message::new(subject, body)
}

/// A cancellation by the club, with its reason when staff gave one.
pub fn cancelled_by_club(
    lang: Lang,
    club: &str,
    booking: &Booking,
    tz: Tz,
    reason: &str,
) -> Message {
    let plain = cancelled(lang, club, booking, tz);
    let reason = reason.trim();
    if reason.is_empty() {
        return plain;
    }
    let label = match lang {
        Lang::Nl => "Reden",
        Lang::Fr => "Raison",
        Lang::En => "Reason",
    };
    Message::new(
        plain.subject,
        format!("{}\n\n{label}: {reason}", plain.body),
    )
}

/// The mail that carries a staff invitation (issue #21). The link is its
/// secret: staff read the outbox without it, and it is gone once sent.
pub fn invited(
    lang: Lang,
    club: &str,
    by: &str,
    role: frontdesk_core::roles::Role,
    url: &str,
    token: &str,
) -> Message {
    use frontdesk_core::roles::Role;
    let club = if club.trim().is_empty() {
        "Frontdesk"
    } else {
        club.trim()
    };
    let days = frontdesk_core::invitation::VALID_DAYS;
    let (subject, body) = match lang {
        Lang::Nl => {
            let role = match role {
                Role::Owner => "eigenaar",
                Role::Manager => "manager",
                Role::Sales => "verkoper",
                Role::Desk => "onthaalmedewerker",
            };
            (
                format!("Uitnodiging voor {club} in Frontdesk"),
                format!(
                    "{by} nodigt je uit om voor {club} in Frontdesk te werken, als {role}.\n\n\
                     Kies hier je wachtwoord (de link werkt één keer, {days} dagen lang):\n{url}\n\n\
                     Verwachtte je dit niet? Dan mag je dit bericht negeren."
                ),
            )
        }
        Lang::Fr => {
            let role = match role {
                Role::Owner => "propriétaire",
                Role::Manager => "gérant",
                Role::Sales => "vendeur",
                Role::Desk => "chargé d'accueil",
            };
            (
                format!("Invitation à {club} dans Frontdesk"),
                format!(
                    "{by} vous invite à travailler pour {club} dans Frontdesk, en tant que {role}.\n\n\
                     Choisissez votre mot de passe ici (le lien fonctionne une fois, pendant {days} jours) :\n{url}\n\n\
                     Si vous ne vous y attendiez pas, ignorez ce message."
                ),
            )
        }
        Lang::En => {
            let role = match role {
                Role::Owner => "owner",
                Role::Manager => "manager",
                Role::Sales => "salesperson",
                Role::Desk => "front desk",
            };
            (
                format!("You are invited to {club} on Frontdesk"),
                format!(
                    "{by} invites you to work for {club} in Frontdesk, as {role}.\n\n\
                     Choose your password here (the link works once, for {days} days):\n{url}\n\n\
                     If you did not expect this, ignore this message."
                ),
            )
        }
    };
    Message::new(subject, body).with_secret(token)
}
