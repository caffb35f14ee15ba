//! `Stamp`: an RFC 3339 date-time as text, stored inline.
//!
//! Every slot carries two of them; as `String`s they were a third of the cost
//! of a year grid (an allocation, a UTF-8 check and a free each). Inline they
//! cost a 36-byte copy, and they still read, compare and serialize as text.

use std::fmt;
use std::ops::Deref;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy)]
pub struct Stamp {
    len: u8,
    buf: [u8; Stamp::CAPACITY],
}

impl Stamp {
    /// Enough for any RFC 3339 date-time with nanoseconds and an offset.
    pub const CAPACITY: usize = 35;

    /// `None` when `text` is longer than [`Stamp::CAPACITY`] bytes.
    pub fn new(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let mut buf = [0; Self::CAPACITY];
        buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(Self {
            len: bytes.len() as u8,
            buf,
        })
    }

    /// From bytes the engine wrote itself (ASCII by construction).
    pub(crate) fn from_ascii(bytes: &[u8; 25]) -> Self {
        let mut buf = [0; Self::CAPACITY];
        buf[..25].copy_from_slice(bytes);
        Self { len: 25, buf }
    }

    pub fn as_str(&self) -> &str {
        // Only ever filled from a `&str` or ASCII, so this always succeeds.
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The instant with the offset it was written with.
    pub fn to_datetime(&self) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(self.as_str()).ok()
    }
}

impl Default for Stamp {
    fn default() -> Self {
        Self {
            len: 0,
            buf: [0; Self::CAPACITY],
        }
    }
}

impl Deref for Stamp {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Stamp {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Stamp {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Stamp {}

impl PartialEq<str> for Stamp {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Stamp {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Stamp {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<Stamp> for String {
    fn from(stamp: Stamp) -> Self {
        stamp.as_str().to_owned()
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Stamp::new(&text).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "a date-time of at most {} bytes",
                Stamp::CAPACITY
            ))
        })
    }
}
