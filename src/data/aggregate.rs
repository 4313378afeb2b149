//! Aggregation of police.uk rows to counts by month × area × category:
//! which area each LSOA goes to ([`AreaMapper`]) and the running tally
//! ([`Tally`]) that ends in a [`Cube`], a [`LoadReport`] and a [`Quality`].
//!
//! **Chained lookups** ([`AreaMapper::from_lookups`]): a code the *last*
//! lookup knows maps directly (inside the area or outside it); a code only
//! an earlier lookup knows is *bridged*: that lookup's successor code (e.g.
//! its `LSOA21CD` for an `LSOA11CD`) is resolved in the lookups after it, and
//! the code goes wherever the successor goes. Codes no lookup resolves are
//! outside the area. Later lookups win: a code present in a later lookup is
//! never re-routed by an earlier one.

use std::collections::{BTreeMap, HashMap};

use std::hash::{BuildHasherDefault, Hasher};

use super::category::Categories;
use super::cube::{Cube, CubeBuilder, CubeError};
use super::lookup::{Level, Lookup, LookupError};
use super::month::Month;
use super::quality::Quality;
use super::report::LoadReport;

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

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` using [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Set on an id in [`AreaMapper`]'s table when the code was bridged.
const BRIDGED: u32 = 1 << 31;

/// Decides the area each LSOA code is counted in.
#[derive(Debug, Clone)]
pub struct AreaMapper {
    /// LSOA code → index into `codes`, with [`BRIDGED`] set for a code
    /// placed through a bridge (absent: outside the area).
    ids: FastMap<Box<[u8]>, u32>,
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
        let mut ids = FastMap::default();
        for (lsoa, (target, bridged)) in resolved {
            let Some(target) = target else { continue };
            if let Ok(i) = codes.binary_search_by(|c| c.as_str().cmp(target)) {
                let flag = if bridged { BRIDGED } else { 0 };
                ids.insert(Box::from(lsoa.as_bytes()), i as u32 | flag);
            }
        }
        Ok(AreaMapper {
            ids,
            codes,
            each_lsoa: false,
            keep_unallocated: within.is_none(),
        })
    }

    /// The target area codes by index (sorted, for a mapper from lookups).
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// Where a non-empty LSOA code goes: an area directly, an area through
    /// a bridge, or outside.
    #[inline]
    pub fn place(&mut self, lsoa: &[u8]) -> Placement {
        match self.ids.get(lsoa) {
            Some(&id) if id & BRIDGED != 0 => Placement::Bridged(id & !BRIDGED),
            Some(&id) => Placement::Area(id),
            None => self
                .area_of(lsoa)
                .map_or(Placement::Outside, Placement::Area),
        }
    }

    /// The area index for a (non-empty, UTF-8) LSOA code, or `None` when it
    /// is outside the area.
    #[inline]
    pub fn area_of(&mut self, lsoa: &[u8]) -> Option<u32> {
        if let Some(&id) = self.ids.get(lsoa) {
            return Some(id & !BRIDGED);
        }
        if !self.each_lsoa {
            return None;
        }
        let id = self.codes.len() as u32;
        self.codes.push(String::from_utf8_lossy(lsoa).into_owned());
        self.ids.insert(Box::from(lsoa), id);
        Some(id)
    }

    /// True when not-allocated rows are kept in the counts.
    pub fn keeps_unallocated(&self) -> bool {
        self.keep_unallocated
    }
}

/// The running counts of a load.
#[derive(Debug)]
pub struct Tally {
    /// The area mapping.
    pub mapper: AreaMapper,
    /// Known categories (the category axis, in order).
    pub categories: Categories,
    /// What happened to every row.
    pub report: LoadReport,
    /// Accepted rows placed through a bridge lookup.
    pub bridged: u64,
    cells: FastMap<(u32, Month, u32), u64>,
    unallocated: FastMap<(Month, u32), u64>,
    month_rows: FastMap<Month, u64>,
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

impl Tally {
    /// An empty tally.
    pub fn new(mapper: AreaMapper, categories: Categories) -> Self {
        Tally {
            mapper,
            categories,
            report: LoadReport::default(),
            bridged: 0,
            cells: FastMap::default(),
            unallocated: FastMap::default(),
            month_rows: FastMap::default(),
        }
    }

    /// Counts one valid row (already counted in `rows_read`).
    #[inline]
    pub fn count(&mut self, month: Month, category: u32, place: Placement) {
        *self.month_rows.entry(month).or_insert(0) += 1;
        match place {
            Placement::Area(a) => {
                self.report.accepted += 1;
                *self.cells.entry((a, month, category)).or_insert(0) += 1;
            }
            Placement::Bridged(a) => {
                self.report.accepted += 1;
                self.bridged += 1;
                *self.cells.entry((a, month, category)).or_insert(0) += 1;
            }
            Placement::NotAllocated => {
                self.report.not_allocated += 1;
                if self.mapper.keep_unallocated {
                    *self.unallocated.entry((month, category)).or_insert(0) += 1;
                }
            }
            Placement::Outside => self.report.outside_area += 1,
        }
    }

    /// Streams the counts into a [`CubeBuilder`] and builds the cube; the
    /// area axis lists every target area (sorted), even those with no rows.
    pub fn finish(self) -> Result<Prepared, CubeError> {
        let month_rows: BTreeMap<Month, u64> = self.month_rows.into_iter().collect();
        let quality = Quality::from_month_totals(&month_rows);
        let mut order: Vec<u32> = (0..self.mapper.codes.len() as u32).collect();
        order.sort_by(|&a, &b| {
            self.mapper
                .codes
                .get(a as usize)
                .cmp(&self.mapper.codes.get(b as usize))
        });
        let names: Vec<&str> = self.categories.iter().map(|c| c.name.as_str()).collect();
        let mut builder = CubeBuilder::new()
            .with_areas(
                order
                    .iter()
                    .filter_map(|&i| self.mapper.codes.get(i as usize))
                    .map(String::as_str),
            )
            .with_categories(names.iter().copied());
        for month in month_rows.keys() {
            builder.cover_month(*month);
        }
        for ((area, month, cat), n) in self.cells {
            let (Some(code), Some(name)) = (
                self.mapper.codes.get(area as usize),
                names.get(cat as usize),
            ) else {
                continue;
            };
            builder.add(Some(code), month, name, n);
        }
        for ((month, cat), n) in self.unallocated {
            if let Some(name) = names.get(cat as usize) {
                builder.add(None, month, name, n);
            }
        }
        Ok(Prepared {
            cube: builder.build()?,
            report: self.report,
            bridged: self.bridged,
            quality,
        })
    }
}

impl Prepared {
    /// Accepted rows whose LSOA code the last lookup (or no lookup) placed.
    pub fn mapped_directly(&self) -> u64 {
        self.report.accepted.saturating_sub(self.bridged)
    }
}

/// The result of aggregating a load.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Counts by area × month × category (not-allocated rows in the cube's
    /// own table, unless the load was restricted to an area).
    pub cube: Cube,
    /// What happened to every row.
    pub report: LoadReport,
    /// Accepted rows placed through a bridge lookup (the others of
    /// `report.accepted` were mapped directly).
    pub bridged: u64,
    /// Months covered, missing and suspect.
    pub quality: Quality,
}
