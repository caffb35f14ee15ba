//! The engine's answer: every local date of the range with its bookable
//! slots.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::stamp::Stamp;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotGrid {
    /// Every local date from `from` to `to`, in order, even when empty.
    pub days: Vec<SlotDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotDay {
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// In start order.
    pub slots: Vec<Slot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// RFC 3339 with the zone's offset at that instant.
    pub start: Stamp,
    /// `start` plus the duration in elapsed time, with the offset then.
    pub end: Stamp,
    /// The free resources, sorted.
    pub resource_ids: ResourceIds,
    /// How many more bookings the slot can take.
    pub remaining: u32,
}

impl SlotGrid {
    /// All slots of all days, in start order.
    pub fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.days.iter().flat_map(|day| &day.slots)
    }
}

/// The ids of the free resources of a slot; serializes as a JSON array of
/// strings.
///
/// A year grid has tens of thousands of slots with up to dozens of resources
/// each, and a `Vec<String>` per slot would cost more allocations than the
/// rest of the computation. So the slots of one grid share one table of
/// names and one bit row per slot; a slot holds a reference and a row number.
#[derive(Clone)]
pub struct ResourceIds {
    table: Arc<MaskTable>,
    row: usize,
}

/// Resource names and, per row, a bit set over them (`words` `u64`s a row).
pub(crate) struct MaskTable {
    pub names: Arc<[String]>,
    pub words: usize,
    pub bits: Vec<u64>,
}

impl ResourceIds {
    pub(crate) fn new(table: Arc<MaskTable>, row: usize) -> Self {
        Self { table, row }
    }

    fn row_bits(&self) -> &[u64] {
        let words = self.table.words;
        self.table
            .bits
            .get(self.row * words..(self.row + 1) * words)
            .unwrap_or_default()
    }

    /// The ids in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let names = &self.table.names;
        self.row_bits()
            .iter()
            .enumerate()
            .flat_map(move |(w, &word)| {
                BitIter(word).filter_map(move |bit| names.get(w * 64 + bit).map(String::as_str))
            })
    }

    pub fn len(&self) -> usize {
        self.row_bits()
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.row_bits().iter().all(|&w| w == 0)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|x| x == id)
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl From<Vec<String>> for ResourceIds {
    fn from(names: Vec<String>) -> Self {
        let words = names.len().div_ceil(64);
        let mut bits = vec![0u64; words];
        for i in 0..names.len() {
            bits[i / 64] |= 1 << (i % 64);
        }
        let table = MaskTable {
            names: names.into(),
            words,
            bits,
        };
        Self::new(Arc::new(table), 0)
    }
}

impl<S: AsRef<str>> FromIterator<S> for ResourceIds {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        Self::from(
            iter.into_iter()
                .map(|s| s.as_ref().to_owned())
                .collect::<Vec<_>>(),
        )
    }
}

impl PartialEq for ResourceIds {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for ResourceIds {}

impl<S: AsRef<str>> PartialEq<[S]> for ResourceIds {
    fn eq(&self, other: &[S]) -> bool {
        self.iter().eq(other.iter().map(AsRef::as_ref))
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for ResourceIds {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for ResourceIds {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl fmt::Debug for ResourceIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for ResourceIds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for ResourceIds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<String>::deserialize(deserializer).map(Self::from)
    }
}

/// The indices of the set bits of a word, lowest first.
struct BitIter(u64);

impl Iterator for BitIter {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(bit)
    }
}
