//! The club's logo (issue #21): which files are taken, read from their
//! first bytes, not from the name or the type the browser claims. The
//! settings page checks a file with it before sending; the server again.

use std::fmt;

/// The largest logo taken: a widget header shows it at most a few hundred
/// pixels wide, which a PNG or WebP of this size more than covers, and
/// every visitor of the widget downloads it.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// Only raster images: an SVG is a document that can carry script, and a
/// browser opening one (its URL typed in, not shown in an `<img>`) runs it
/// on Frontdesk's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Jpeg,
    Webp,
}

impl LogoKind {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
        }
    }

    /// The kind a stored content type names (what `content_type` wrote).
    pub fn from_content_type(value: &str) -> Option<Self> {
        [Self::Png, Self::Jpeg, Self::Webp]
            .into_iter()
            .find(|k| k.content_type() == value)
    }
}

/// Why a file is not taken as the logo. Its `Display` is the English
/// message of the API's `errors.logo`, which the app maps back
/// (`from_message`) to say it in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoError {
    Empty,
    TooLarge,
    /// An SVG (or what looks like one): refused, named as such.
    Svg,
    /// Neither PNG, JPEG nor WebP.
    NotAnImage,
}

impl LogoError {
    pub const ALL: [LogoError; 4] = [Self::Empty, Self::TooLarge, Self::Svg, Self::NotAnImage];

    pub fn from_message(message: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.to_string() == message)
    }
}

impl fmt::Display for LogoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "is empty",
            Self::TooLarge => "is larger than 512 kB",
            Self::Svg => "is an SVG image, which can carry script; use PNG, JPEG or WebP",
            Self::NotAnImage => "is not a PNG, JPEG or WebP image",
        })
    }
}

impl std::error::Error for LogoError {}

/// The kind of image `bytes` holds, by its signature, or why it is not
/// taken. `declared` is the type the sender named (a browser's guess from
/// the file name): an SVG named so is refused as an SVG even when its text
/// does not start like one.
pub fn check(bytes: &[u8], declared: &str) -> Result<LogoKind, LogoError> {
    if bytes.is_empty() {
        return Err(LogoError::Empty);
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoError::TooLarge);
    }
    if let Some(kind) = sniff(bytes) {
        return Ok(kind);
    }
    let declared = declared.split(';').next().unwrap_or("").trim();
    if declared.eq_ignore_ascii_case("image/svg+xml") || looks_like_markup(bytes) {
        return Err(LogoError::Svg);
    }
    Err(LogoError::NotAnImage)
}

/// PNG's eight-byte signature, JPEG's SOI marker and the next marker's
/// first byte, WebP's RIFF container with its `WEBP` form type.
fn sniff(bytes: &[u8]) -> Option<LogoKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(LogoKind::Png)
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some(LogoKind::Jpeg)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(LogoKind::Webp)
    } else {
        None
    }
}

/// Text that starts with `<` (after a byte-order mark and white space):
/// SVG, XML or HTML, each a document a browser may run script in.
fn looks_like_markup(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<')
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF";
    const WEBP: &[u8] = b"RIFF\x24\0\0\0WEBPVP8 ";

    #[test]
    fn png_jpeg_and_webp_are_known_by_their_first_bytes() {
        assert_eq!(check(PNG, "image/png"), Ok(LogoKind::Png));
        assert_eq!(check(JPEG, "image/jpeg"), Ok(LogoKind::Jpeg));
        assert_eq!(check(WEBP, "image/webp"), Ok(LogoKind::Webp));
        // The bytes decide, not the name the browser guessed from.
        assert_eq!(check(PNG, "image/jpeg"), Ok(LogoKind::Png));
        assert_eq!(check(JPEG, ""), Ok(LogoKind::Jpeg));
    }

    #[test]
    fn svg_is_refused_as_svg_whatever_it_is_called() {
        let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        assert_eq!(check(svg, "image/svg+xml"), Err(LogoError::Svg));
        assert_eq!(check(svg, "image/png"), Err(LogoError::Svg));
        let with_bom = b"\xef\xbb\xbf\n  <?xml version=\"1.0\"?><svg/>";
        assert_eq!(check(with_bom, "image/png"), Err(LogoError::Svg));
        assert_eq!(check(b"not markup", "image/svg+xml"), Err(LogoError::Svg));
    }

    #[test]
    fn other_files_are_not_images() {
        assert_eq!(
            check(b"GIF89a....", "image/gif"),
            Err(LogoError::NotAnImage)
        );
        assert_eq!(check(b"%PDF-1.7", "image/png"), Err(LogoError::NotAnImage));
        // RIFF alone is also WAV and AVI.
        assert_eq!(
            check(b"RIFF\x24\0\0\0WAVEfmt ", "image/webp"),
            Err(LogoError::NotAnImage)
        );
        assert_eq!(check(b"\x89PNG", "image/png"), Err(LogoError::NotAnImage));
        assert_eq!(check(b"", "image/png"), Err(LogoError::Empty));
    }

    #[test]
    fn the_limit_is_inclusive() {
        let mut at_limit = PNG.to_vec();
        at_limit.resize(MAX_LOGO_BYTES, 0);
        assert_eq!(check(&at_limit, "image/png"), Ok(LogoKind::Png));
        at_limit.push(0);
        assert_eq!(check(&at_limit, "image/png"), Err(LogoError::TooLarge));
    }

    #[test]
    fn messages_map_back_and_content_types_round_trip() {
        for e in LogoError::ALL {
            assert_eq!(LogoError::from_message(&e.to_string()), Some(e));
        }
        assert_eq!(LogoError::from_message("is required"), None);
        for k in [LogoKind::Png, LogoKind::Jpeg, LogoKind::Webp] {
            assert_eq!(LogoKind::from_content_type(k.content_type()), Some(k));
        }
        assert_eq!(LogoKind::from_content_type("image/svg+xml"), None);
    }
}
