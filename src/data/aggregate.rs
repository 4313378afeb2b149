//! Aggregation of police.uk rows to counts by month × area × category:
//! which area each LSOA goes to ([`AreaMapper`]) and the running tally
//! ([`Tally`], in `tally.rs`) that ends in a [`Prepared`]: a cube, a load
//! report and a quality check.
//!
//! **Chained lookups** ([`AreaMapper::from_lookups`]): a code the *last*
//! lookup knows maps directly (inside the area or outside it); a code only
//! an earlier lookup knows is *bridged*: that lookup's successor code (e.g.
//! its `LSOA21CD` for an `LSOA11CD`) is resolved in the lookups after it, and
//! the code goes wherever the successor goes. Codes no lookup resolves are
//! outside the area. Later lookups win: a code present in a later lookup is
//! never re-routed by an earlier one.

use std::collections::HashMap;

use std::hash::{BuildHasherDefault, Hasher};

use super::lookup::{Level, Lookup, LookupError};

pub use super::tally::{Prepared, Tally};

/// A small multiply-rotate hasher (as rustc's FxHash) for short keys read
/// from files; much faster than SipHash and fine for counting.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    /// Folds the well-mixed high half into the low half: the table picks
    /// buckets by the low bits, which the multiplications alone leave
    /// depending only on the low bits of the input (e.g. the constant
    /// `E01` of every LSOA code).
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

/// A `HashMap` using [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Set on an id in [`AreaMapper`]'s table when the code was bridged.
const BRIDGED: u32 = 1 << 31;

/// The little-endian `u64` of exactly eight bytes.
#[inline]
fn word(bytes: Option<&[u8]>) -> u64 {
    bytes
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// A code of up to 15 bytes packed into one integer (its bytes
/// little-endian, its length in the top byte, so that `E01` and `E01\0`
/// differ), which the table hashes and compares far faster than a slice;
/// `None` for a longer code.
#[inline(always)]
fn pack(code: &[u8]) -> Option<u128> {
    let len = code.len();
    let (lo, hi) = match len {
        0..=7 => {
            let lo = code
                .iter()
                .rev()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            (lo, 0)
        }
        8..=15 => {
            // The last eight bytes hold bytes 8.. in their top `len - 8`.
            let tail = word(code.get(len - 8..));
            let hi = tail.checked_shr(8 * (16 - len) as u32).unwrap_or(0);
            (word(code.get(..8)), hi)
        }
        _ => return None,
    };
    Some(u128::from(lo) | (u128::from(hi) << 64) | ((len as u128) << 120))
}

/// Decides the area each LSOA code is counted in.
#[derive(Debug, Clone)]
pub struct AreaMapper {
    /// LSOA code ([`pack`]ed) → index into `codes`, with [`BRIDGED`] set
    /// for a code placed through a bridge (absent: outside the area).
    ids: FastMap<u128, u32>,
    /// The same for codes too long to pack.
    long_ids: FastMap<Box<[u8]>, u32>,
    /// Target area codes, sorted.
    codes: Vec<String>,
    /// True without a lookup: every LSOA is its own area.
    each_lsoa: bool,
    /// False under `--within`: not-allocated rows cannot be placed inside.
    keep_unallocated: bool,
}

impl AreaMapper {
    /// No lookup: the level is LSOA and every non-empty LSOA code counts.
    pub fn each_lsoa() -> Self {
        AreaMapper {
            ids: FastMap::default(),
            long_ids: FastMap::default(),
            codes: Vec::new(),
            each_lsoa: true,
            keep_unallocated: true,
        }
    }

    /// Through `lookup` to `level`, optionally only LSOAs that lie in the
    /// area `within` (a code of any level the lookup carries). LSOAs the
    /// lookup lacks, or with no code at `level`, are outside the area.
    pub fn from_lookup(
        lookup: &Lookup,
        level: Level,
        within: Option<&str>,
    ) -> Result<Self, LookupError> {
        Self::from_lookups(std::slice::from_ref(lookup), level, within)
    }

    /// Through a chain of lookups (see the module docs): the last one maps
    /// LSOAs to `level` (and decides `within`); each earlier one must be a
    /// bridge ([`Lookup::is_bridge`]) whose successor codes the later ones
    /// resolve.
    pub fn from_lookups(
        lookups: &[Lookup],
        level: Level,
        within: Option<&str>,
    ) -> Result<Self, LookupError> {
        let Some((last, earlier)) = lookups.split_last() else {
            return Err(LookupError::NoLookup);
        };
        if let Some(i) = earlier.iter().position(|l| !l.is_bridge()) {
            return Err(LookupError::NotABridge {
                position: i + 1,
                count: lookups.len(),
            });
        }
        if !last.has_level(level) {
            return Err(LookupError::NoSuchLevel {
                level,
                available: last.level_names(),
            });
        }
        if let Some(code) = within {
            if !last.contains_code(code) {
                return Err(LookupError::UnknownArea(code.to_string()));
            }
        }
        // Every code the chain knows → its target code (None: outside).
        let mut resolved: HashMap<&str, (Option<&str>, bool)> = HashMap::new();
        for row in last.rows() {
            if let Some(lsoa) = row.code(Level::Lsoa) {
                let inside = within.is_none_or(|w| row.lies_in(w));
                let target = row.code(level).filter(|_| inside);
                resolved.entry(lsoa).or_insert((target, false));
            }
        }
        for lookup in earlier.iter().rev() {
            let mut bridged = Vec::new();
            for row in lookup.rows() {
                let (Some(old), Some(new)) = (row.code(Level::Lsoa), row.successor()) else {
                    continue;
                };
                if resolved.contains_key(old) {
                    continue;
                }
                if let Some(&(target, _)) = resolved.get(new) {
                    bridged.push((old, target));
                }
            }
            for (old, target) in bridged {
                resolved.entry(old).or_insert((target, true));
            }
        }
        let mut codes: Vec<String> = resolved
            .values()
            .filter_map(|(t, _)| t.map(str::to_string))
            .collect();
        codes.sort();
        codes.dedup();
        let mut mapper = AreaMapper {
            ids: FastMap::default(),
            long_ids: FastMap::default(),
            codes,
            each_lsoa: false,
            keep_unallocated: within.is_none(),
        };
        for (lsoa, (target, bridged)) in resolved {
            let Some(target) = target else { continue };
            if let Ok(i) = mapper.codes.binary_search_by(|c| c.as_str().cmp(target)) {
                let flag = if bridged { BRIDGED } else { 0 };
                mapper.insert(lsoa.as_bytes(), i as u32 | flag);
            }
        }
        Ok(mapper)
    }

    fn insert(&mut self, code: &[u8], id: u32) {
        match pack(code) {
            Some(key) => self.ids.insert(key, id),
            None => self.long_ids.insert(Box::from(code), id),
        };
    }

    /// The table entry of `code`.
    #[inline(always)]
    fn get(&self, code: &[u8]) -> Option<u32> {
        match pack(code) {
            Some(key) => self.ids.get(&key).copied(),
            None => self.long_ids.get(code).copied(),
        }
    }

    /// Gives a new code (no lookup: every LSOA is its own area) the next id.
    fn add_code(&mut self, code: &[u8]) -> u32 {
        let id = self.codes.len() as u32;
        self.codes.push(String::from_utf8_lossy(code).into_owned());
        self.insert(code, id);
        id
    }

    /// The target area codes by index (sorted, for a mapper from lookups).
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// Where a non-empty LSOA code goes: an area directly, an area through
    /// a bridge, or outside.
    #[inline]
    pub fn place(&mut self, lsoa: &[u8]) -> Placement {
        match self.get(lsoa) {
            Some(id) if id & BRIDGED != 0 => Placement::Bridged(id & !BRIDGED),
            Some(id) => Placement::Area(id),
            None if self.each_lsoa => Placement::Area(self.add_code(lsoa)),
            None => Placement::Outside,
        }
    }

    /// The area index for a (non-empty, UTF-8) LSOA code, or `None` when it
    /// is outside the area.
    #[inline]
    pub fn area_of(&mut self, lsoa: &[u8]) -> Option<u32> {
        match self.get(lsoa) {
            Some(id) => Some(id & !BRIDGED),
            None if self.each_lsoa => Some(self.add_code(lsoa)),
            None => None,
        }
    }

    /// True when not-allocated rows are kept in the counts.
    pub fn keeps_unallocated(&self) -> bool {
        self.keep_unallocated
    }
}

/// Where a valid row goes.
#[derive(Debug, Clone, Copy)]
pub enum Placement {
    /// Into the area with this index.
    Area(u32),
    /// Into the area with this index, through a bridge lookup.
    Bridged(u32),
    /// No LSOA code.
    NotAllocated,
    /// An LSOA outside the area of the load.
    Outside,
}

#[cfg(test)]
#[path = "aggregate_tests.rs"]
mod tests;
