//! The club's own settings (issue #21): its name, time zone, the languages
//! it offers and its accent colour. One check, run by the settings form as
//! it is typed and by the server before anything is stored.

use serde::{Deserialize, Serialize};

use crate::validate::{self, FieldError, FieldErrors};

/// The languages Frontdesk speaks; a club offers some of them.
pub const LANGUAGES: [&str; 3] = ["nl", "fr", "en"];

/// `GET/PUT /api/v1/settings/club`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClubSettings {
    pub name: String,
    /// An IANA zone (`Europe/Brussels`): the club's wall clock.
    pub time_zone: String,
    /// Offered to visitors, the first the default (`["nl", "fr", "en"]`).
    pub languages: Vec<String>,
    /// `#rrggbb`: the widget's buttons and chosen slots.
    pub accent_color: String,
    /// ISO code (`BE`): a phone number typed without `+` is of this
    /// country, and its numbers are shown nationally (`crate::phone`).
    pub country: String,
}

impl Default for ClubSettings {
    fn default() -> Self {
        Self {
            name: String::new(),
            time_zone: "Europe/Brussels".into(),
            languages: LANGUAGES.iter().map(|l| (*l).to_owned()).collect(),
            accent_color: DEFAULT_ACCENT.into(),
            country: crate::phone::DEFAULT_COUNTRY.into(),
        }
    }
}

/// Frontdesk's own accent (`style/tokens.css`), for a club that chose
/// none: the widget keeps its own colours then, dark mode included.
pub const DEFAULT_ACCENT: &str = "#0f766e";

/// Every field's error. The time zone is checked for its shape here (the
/// browser has no tz database); the server also checks that it exists.
pub fn check(club: &ClubSettings) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if let Err(e) = validate::required(&club.name) {
        errors.insert("name".into(), e);
    }
    let zone = club.time_zone.trim();
    if zone.is_empty() {
        errors.insert("time_zone".into(), FieldError::Required);
    } else if !zone_shaped(zone) {
        errors.insert("time_zone".into(), FieldError::NotAllowed);
    }
    if club.languages.is_empty() {
        errors.insert("languages".into(), FieldError::Required);
    } else if club
        .languages
        .iter()
        .enumerate()
        .any(|(i, l)| !LANGUAGES.contains(&l.as_str()) || club.languages[..i].contains(l))
    {
        errors.insert("languages".into(), FieldError::NotAllowed);
    }
    if !colour(&club.accent_color) {
        errors.insert("accent_color".into(), FieldError::NotAllowed);
    }
    if crate::phone::country(&club.country).is_none() {
        errors.insert("country".into(), FieldError::NotAllowed);
    }
    errors
}

/// `Area/Place` or `UTC`: letters, `_`, `-`, `+`, digits and `/`.
fn zone_shaped(zone: &str) -> bool {
    zone.len() <= 64
        && zone
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
        && !zone.starts_with('/')
        && !zone.ends_with('/')
}

/// `#rrggbb`, as a colour input gives it.
pub fn colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// What the booking widget shows of the club (`GET /public/club`): its
/// name and colours, worked out so text on them stays readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClubBrand {
    pub name: String,
    /// Backgrounds of chosen days and buttons.
    pub accent: String,
    /// Text on `accent`: white or near-black, whichever reads better.
    pub accent_text: String,
    /// `accent`, darkened until it reads as text on white (4.5:1).
    pub accent_strong: String,
    pub languages: Vec<String>,
    /// The club's logo (`GET /public/club/logo?v=…`), its URL changing
    /// with the image so a browser may keep it; `None` without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

impl ClubBrand {
    pub fn of(club: &ClubSettings) -> ClubBrand {
        let accent = if colour(&club.accent_color) {
            club.accent_color.to_ascii_lowercase()
        } else {
            DEFAULT_ACCENT.to_owned()
        };
        let rgb = rgb(&accent);
        let on_white = contrast(luminance(rgb), 1.0);
        let on_black = contrast(luminance(rgb), luminance(NEAR_BLACK));
        let accent_text = if on_white >= on_black {
            "#ffffff"
        } else {
            "#111827"
        };
        ClubBrand {
            name: club.name.clone(),
            accent_strong: readable_on_white(rgb),
            accent,
            accent_text: accent_text.to_owned(),
            languages: club.languages.clone(),
            logo_url: None,
        }
    }
}

const NEAR_BLACK: [u8; 3] = [0x11, 0x18, 0x27];

fn rgb(hex: &str) -> [u8; 3] {
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    [byte(1), byte(3), byte(5)]
}

/// WCAG 2 relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

fn contrast(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    (hi + 0.05) / (lo + 0.05)
}

/// The colour, darkened in steps until text in it on white reaches 4.5:1.
fn readable_on_white(mut c: [u8; 3]) -> String {
    while contrast(luminance(c), 1.0) < 4.5 {
        c = c.map(|x| (f64::from(x) * 0.9) as u8);
    }
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// The place a zone is named after, as a visitor reads it: `Europe/Brussels`
/// is "Brussels", `America/Argentina/Buenos_Aires` "Buenos Aires".
pub fn zone_place(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn club() -> ClubSettings {
        ClubSettings {
            name: "Demo Brussels".into(),
            ..ClubSettings::default()
        }
    }

    #[test]
    fn a_whole_club_passes() {
        assert_eq!(check(&club()), FieldErrors::new());
    }

    #[test]
    fn each_error_names_its_field() {
        let bad = ClubSettings {
            name: " ".into(),
            time_zone: "Europe/../etc".into(),
            languages: vec!["nl".into(), "de".into()],
            accent_color: "blue".into(),
            country: "XX".into(),
        };
        let e = check(&bad);
        assert_eq!(e.get("name"), Some(&FieldError::Required));
        assert_eq!(e.get("time_zone"), Some(&FieldError::NotAllowed));
        assert_eq!(e.get("languages"), Some(&FieldError::NotAllowed));
        assert_eq!(e.get("accent_color"), Some(&FieldError::NotAllowed));
        assert_eq!(e.get("country"), Some(&FieldError::NotAllowed));
        let none = ClubSettings {
            languages: vec![],
            ..club()
        };
        assert_eq!(check(&none).get("languages"), Some(&FieldError::Required));
        let twice = ClubSettings {
            languages: vec!["fr".into(), "fr".into()],
            ..club()
        };
        assert_eq!(
            check(&twice).get("languages"),
            Some(&FieldError::NotAllowed)
        );
    }

    #[test]
    fn a_zone_reads_as_its_place() {
        assert_eq!(zone_place("Europe/Brussels"), "Brussels");
        assert_eq!(zone_place("America/Argentina/Buenos_Aires"), "Buenos Aires");
        assert_eq!(zone_place("UTC"), "UTC");
    }

    #[test]
    fn a_clubs_colours_keep_text_readable() {
        let yellow = ClubBrand::of(&ClubSettings {
            accent_color: "#FFEE00".into(),
            ..club()
        });
        assert_eq!(yellow.accent, "#ffee00");
        assert_eq!(yellow.accent_text, "#111827", "dark text on yellow");
        assert!(contrast(luminance(rgb(&yellow.accent_strong)), 1.0) >= 4.5);
        let navy = ClubBrand::of(&ClubSettings {
            accent_color: "#1a237e".into(),
            ..club()
        });
        assert_eq!(navy.accent_text, "#ffffff");
        assert_eq!(navy.accent_strong, "#1a237e", "already readable: unchanged");
    }

    #[test]
    fn colours_are_what_a_colour_input_gives() {
        assert!(colour("#1f5fbf") && colour("#FFFFFF"));
        assert!(!colour("1f5fbf") && !colour("#1f5fb") && !colour("#1f5fbg"));
    }
}
