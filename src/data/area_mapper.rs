//! [`AreaMapper`]: which area each LSOA code of a police.uk row is counted
//! in (the running tally that counts the rows is in `tally.rs`).
//!
//! **Chained lookups** ([`AreaMapper::from_lookups`]): a code the *last*
//! lookup knows maps directly (inside the area or outside it); a code only
//! an earlier lookup knows is *bridged*: that lookup's successor code (e.g.
//! its `LSOA21CD` for an `LSOA11CD`) is resolved in the lookups after it, and
//! the code goes wherever the successor goes. Later lookups win: a code
//! present in a later lookup is never re-routed by an earlier one.
//!
//! Codes the chain resolves but that lie outside `--within` (or have no
//! code at the level) stay in the table, marked outside; a code no lookup
//! resolves is **unknown**, not outside: nothing says where it lies. The
//! unknown codes met are kept with their rows ([`UnknownCodes`]), so that
//! the report can name them and say when they look like another vintage.

use super::lookup::{Level, Lookup, LookupError};
use super::unknown_codes::{UnknownCodes, Vintage};

use rustc_hash::FxHashMap;

/// Set on an id in [`AreaMapper`]'s table when the code was bridged.
const BRIDGED: u32 = 1 << 31;
/// Set on an id for an unknown code met: the rest indexes `unknown`.
const UNKNOWN: u32 = 1 << 30;
/// The id of a code the lookups place outside the area.
const OUTSIDE: u32 = u32::MAX;

/// A code of up to 15 bytes packed into one integer, its last byte lowest
/// and its length in the top byte (so that `E01` and `E01\0` differ),
/// which the table hashes and compares far faster than a slice; `None` for
/// a longer code. (The bytes that vary between codes, their last ones, land
/// in the low bits, which Fx's multiplication spreads over the whole hash.)
#[inline(always)]
fn pack(code: &[u8]) -> Option<u128> {
    let len = code.len();
    if len > 15 {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[16 - len..].copy_from_slice(code);
    bytes[0] = len as u8;
    Some(u128::from_be_bytes(bytes))
}

/// Decides the area each LSOA code is counted in.
#[derive(Debug, Clone)]
pub struct AreaMapper {
    /// LSOA code ([`pack`]ed) → index into `codes`, with [`BRIDGED`] set
    /// for a code placed through a bridge; [`OUTSIDE`] for a code outside
    /// the area met so far; [`UNKNOWN`] and an index into `unknown` for an
    /// unknown code met. Small under `--within` (the area's codes and
    /// those met), so that most rows hit a table in cache.
    ids: FxHashMap<u128, u32>,
    /// The codes the lookups place outside the area, consulted when a
    /// code is met for the first time (then copied into `ids`).
    outside: FxHashMap<u128, ()>,
    /// As `ids` for codes too long to pack (outside ones included).
    long_ids: FxHashMap<Box<[u8]>, u32>,
    /// Target area codes, sorted.
    codes: Vec<String>,
    /// True without a lookup: every LSOA is its own area.
    each_lsoa: bool,
    /// False under `--within`: not-allocated rows cannot be placed inside.
    keep_unallocated: bool,
    /// The unknown codes met, with their rows.
    unknown: Vec<(Box<[u8]>, u64)>,
    /// What the lookups know, to explain unknown codes.
    vintage: Vintage,
}

impl AreaMapper {
    /// No lookup: the level is LSOA and every non-empty LSOA code counts.
    pub fn each_lsoa() -> Self {
        AreaMapper {
            ids: FxHashMap::default(),
            outside: FxHashMap::default(),
            long_ids: FxHashMap::default(),
            codes: Vec::new(),
            each_lsoa: true,
            keep_unallocated: true,
            unknown: Vec::new(),
            vintage: Vintage::default(),
        }
    }

    /// Through `lookup` to `level`, optionally only LSOAs that lie in one
    /// of the areas `within` (codes of any level the lookup carries; none:
    /// every LSOA). LSOAs with no code at `level` are outside the area;
    /// LSOAs the lookup lacks are unknown.
    pub fn from_lookup(
        lookup: &Lookup,
        level: Level,
        within: &[String],
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
        within: &[String],
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
                available: last.levels(),
            });
        }
        if let Some(code) = within.iter().find(|c| !last.contains_code(c)) {
            return Err(LookupError::UnknownArea(code.to_string()));
        }
        let resolved = resolve(last, earlier, level, within);
        let mut codes: Vec<String> = resolved
            .values()
            .filter_map(|(t, _)| t.map(str::to_string))
            .collect();
        codes.sort();
        codes.dedup();
        let mut mapper = AreaMapper {
            ids: FxHashMap::default(),
            outside: FxHashMap::default(),
            long_ids: FxHashMap::default(),
            codes,
            each_lsoa: false,
            keep_unallocated: within.is_empty(),
            unknown: Vec::new(),
            vintage: Vintage::of(lookups),
        };
        for (lsoa, (target, bridged)) in resolved {
            let at = target.and_then(|t| mapper.codes.binary_search_by(|c| c.as_str().cmp(t)).ok());
            match (at, pack(lsoa.as_bytes())) {
                (Some(i), _) if bridged => mapper.insert(lsoa.as_bytes(), i as u32 | BRIDGED),
                (Some(i), _) => mapper.insert(lsoa.as_bytes(), i as u32),
                (None, Some(key)) => {
                    mapper.outside.insert(key, ());
                }
                (None, None) => mapper.insert(lsoa.as_bytes(), OUTSIDE),
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
    /// a bridge, outside, or nowhere known (the code is then counted among
    /// the unknown ones).
    #[inline]
    pub fn place(&mut self, lsoa: &[u8]) -> Placement {
        match self.get(lsoa) {
            Some(id) if id < UNKNOWN => Placement::Area(id),
            Some(OUTSIDE) => Placement::Outside,
            Some(id) if id & BRIDGED != 0 => Placement::Bridged(id & !BRIDGED),
            Some(id) => {
                self.unknown[(id & !UNKNOWN) as usize].1 += 1;
                Placement::Unknown
            }
            None if self.each_lsoa => Placement::Area(self.add_code(lsoa)),
            None => self.first_met(lsoa),
        }
    }

    /// A code met for the first time that is not in the area: outside when
    /// the lookups know it, else unknown; noted in `ids` either way.
    #[cold]
    fn first_met(&mut self, code: &[u8]) -> Placement {
        if pack(code).is_some_and(|key| self.outside.contains_key(&key)) {
            self.insert(code, OUTSIDE);
            return Placement::Outside;
        }
        let id = self.unknown.len() as u32 | UNKNOWN;
        self.unknown.push((Box::from(code), 1));
        self.insert(code, id);
        Placement::Unknown
    }

    /// The area index for a (non-empty, UTF-8) LSOA code, or `None` when it
    /// is outside the area or unknown.
    #[inline]
    pub fn area_of(&mut self, lsoa: &[u8]) -> Option<u32> {
        match self.place(lsoa) {
            Placement::Area(a) | Placement::Bridged(a) => Some(a),
            _ => None,
        }
    }

    /// The unknown codes met, with their rows and what they look like.
    pub fn unknown_codes(&self) -> UnknownCodes {
        let counts = self
            .unknown
            .iter()
            .map(|(code, n)| (String::from_utf8_lossy(code).into_owned(), *n))
            .collect();
        UnknownCodes::new(counts, &self.vintage)
    }

    /// True when not-allocated rows are kept in the counts.
    pub fn keeps_unallocated(&self) -> bool {
        self.keep_unallocated
    }
}

/// Every code the chain of lookups (`earlier` bridges, then `last`) knows
/// → its target code at `level` (`None`: outside `within`, or no code at
/// the level) and whether it was bridged.
fn resolve<'a>(
    last: &'a Lookup,
    earlier: &'a [Lookup],
    level: Level,
    within: &[String],
) -> FxHashMap<&'a str, (Option<&'a str>, bool)> {
    // (Fx: every LSOA of England and Wales goes through this map, twice
    // with a bridge.)
    let mut resolved: FxHashMap<&str, (Option<&str>, bool)> = FxHashMap::default();
    resolved.reserve(last.len() + earlier.iter().map(Lookup::len).sum::<usize>());
    for row in last.rows() {
        if let Some(lsoa) = row.code(Level::Lsoa) {
            let inside = within.is_empty() || within.iter().any(|w| row.lies_in(w));
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
    resolved
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
    /// An LSOA the lookups place outside the area of the load.
    Outside,
    /// An LSOA code no lookup knows.
    Unknown,
}

#[cfg(test)]
mod tests {
    //! The area table: packed and long codes stay distinct.
    use super::*;

    #[test]
    fn codes_of_every_length_get_their_own_area() {
        let mut codes: Vec<Vec<u8>> = Vec::new();
        for len in 1..=20 {
            let base: Vec<u8> = (0..len).map(|i| b'0' + (i % 10) as u8).collect();
            codes.push(base.clone());
            // The same with its last byte changed, and with a zero byte added.
            let mut other = base.clone();
            if let Some(b) = other.last_mut() {
                *b = b'x';
            }
            codes.push(other);
            let mut zero = base;
            zero.push(0);
            codes.push(zero);
        }
        codes.sort();
        codes.dedup();
        let mut mapper = AreaMapper::each_lsoa();
        let ids: Vec<u32> = codes.iter().map(|c| mapper.area_of(c).unwrap()).collect();
        let again: Vec<u32> = codes.iter().map(|c| mapper.area_of(c).unwrap()).collect();
        assert_eq!(ids, again);
        assert_eq!(ids, (0..codes.len() as u32).collect::<Vec<_>>());
        for (c, id) in codes.iter().zip(&ids) {
            assert_eq!(mapper.codes()[*id as usize].as_bytes(), &c[..]);
        }
    }

    #[test]
    fn packing_keeps_the_length() {
        assert_ne!(pack(b"E01"), pack(b"E01\0"));
        assert_ne!(pack(b"E0100000"), pack(b"E0100000\0"));
        assert_eq!(pack(b"0123456789abcde").map(|k| k >> 120), Some(15));
        assert_eq!(pack(b"0123456789abcdef"), None);
    }
}
