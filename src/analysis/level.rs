//! Levels of the area hierarchy: which areas are ranked and how the cube's
//! counts add up to them.
//!
//! The **base level** is the areas that have counts in the cube (e.g. LSOAs
//! or wards). A higher level is found by walking each base area's chain of
//! parent codes in the areas file (LSOA → MSOA → district…): either a fixed
//! number of steps up ([`AreaLevel::Up`]) or the first code whose GSS prefix
//! marks the level asked for ([`AreaLevel::Gss`]: `E01`/`W01` LSOA,
//! `E02`/`W02` MSOA, `E05`/`W05` ward, `E06`–`E09`/`W06` district). A
//! higher area's counts are the sum of its base areas'. Base areas with no
//! ancestor at the level are left out of it.
//!
//! Populations: an area's own population from the areas file; failing
//! that, the sum over the areas file's leaves (areas that are nobody's
//! parent) under it — so an LSOA with no crime still counts its residents —
//! provided every such leaf has one; otherwise none (no rate).
//!
//! The whole's rate, the benchmark of "higher/similar/lower", is over the
//! areas with counts that lie in the level (their own populations), so a
//! neighbouring district that appears through a handful of counts near the
//! border does not dilute it with all its residents. When no area with
//! counts has a population, it is over the level's areas instead.

use std::collections::HashMap;
use std::sync::Arc;

use crate::data::{Area, AreaCode, Dataset, Level};

/// The most parent steps followed (guards against cycles in a file).
const MAX_DEPTH: usize = 12;

/// Which areas to rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaLevel {
    /// The areas with counts in the cube.
    Base,
    /// The ancestors this many parent steps above the base areas.
    Up(usize),
    /// The nearest ancestor (or the area itself) with this level's GSS prefix.
    Gss(Level),
}

/// True when `code` is a GSS code of `level`.
pub fn is_level(code: &str, level: Level) -> bool {
    let prefixes: &[&str] = match level {
        Level::Lsoa => &["E01", "W01"],
        Level::Msoa => &["E02", "W02"],
        Level::Ward => &["E05", "W05"],
        Level::District => &["E06", "E07", "E08", "E09", "W06"],
    };
    prefixes.iter().any(|p| code.starts_with(p))
}

/// The codes and names of a level's areas, by index: one copy shared by
/// the level's map and its rankings, so a ranking row need not own them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AreaLabels {
    /// The area codes, sorted.
    pub codes: Vec<AreaCode>,
    /// Their names (the code when the areas file has none).
    pub names: Vec<String>,
}

impl AreaLabels {
    /// The code of area `index` (empty when out of range).
    pub fn code(&self, index: usize) -> &str {
        self.codes.get(index).map_or("", |c| c.as_str())
    }

    /// The name of area `index` (empty when out of range).
    pub fn name(&self, index: usize) -> &str {
        self.names.get(index).map_or("", String::as_str)
    }
}

/// The areas of one level and which of them each base area adds into.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelMap {
    /// The level's area codes, sorted.
    pub codes: Vec<AreaCode>,
    /// Their codes and names, shared with the level's rankings.
    pub labels: Arc<AreaLabels>,
    /// Their residents, when known.
    pub populations: Vec<Option<u64>>,
    /// Deprivation of each area, when the areas file gives it.
    pub areas: Vec<Option<Area>>,
    /// For each cube area, the index of its area at this level.
    of_base: Vec<Option<u32>>,
    /// For each cube area inside the level, its own population: the
    /// benchmark "whole" of rates is the areas with counts, so residents of
    /// a neighbouring district with a handful of counts do not dilute it.
    pub base_populations: Vec<Option<u64>>,
    /// Position of each area in (name, code) order: the display tie-break.
    pub name_order: Vec<u32>,
}

impl LevelMap {
    /// The areas at `level`, only those lying in `within` (any ancestor
    /// code, or the area itself) when given.
    pub fn new(ds: &Dataset, level: AreaLevel, within: Option<&str>) -> LevelMap {
        // Areas by code, the last listed winning. One map type, `&str` to an
        // index, serves every lookup on the page (each other key or value
        // type would add a copy of the hash table code to the wasm).
        let index: HashMap<&str, usize> = ds
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), i))
            .collect();
        let by_code = |code: &str| index.get(code).and_then(|&i| ds.areas.get(i));
        let chain = |code: &str| -> Vec<String> {
            let mut out = vec![code.to_string()];
            while out.len() <= MAX_DEPTH {
                let last = out.last().map(String::as_str).unwrap_or_default();
                match by_code(last).and_then(|a| a.parent.as_ref()) {
                    Some(p) if !out.iter().any(|c| c == p.as_str()) => out.push(p.0.clone()),
                    _ => break,
                }
            }
            out
        };
        let pick = |chain: &[String]| -> Option<String> {
            if within.is_some_and(|w| !chain.iter().any(|c| c == w)) {
                return None;
            }
            match level {
                AreaLevel::Base => chain.first().cloned(),
                AreaLevel::Up(n) => chain.get(n).cloned(),
                AreaLevel::Gss(l) => chain.iter().find(|c| is_level(c, l)).cloned(),
            }
        };
        let targets: Vec<Option<String>> = ds
            .cube
            .areas()
            .iter()
            .map(|a| pick(&chain(a.as_str())))
            .collect();
        let mut codes: Vec<String> = targets.iter().flatten().cloned().collect();
        codes.sort();
        codes.dedup();
        let index_of = |c: &str| codes.binary_search_by(|x| x.as_str().cmp(c)).ok();
        let of_base: Vec<Option<u32>> = targets
            .iter()
            .map(|t| t.as_deref().and_then(index_of).map(|i| i as u32))
            .collect();
        let base_populations = ds
            .cube
            .areas()
            .iter()
            .zip(&of_base)
            .map(|(code, target)| {
                target.and_then(|_| by_code(code.as_str())?.population.map(u64::from))
            })
            .collect();
        // Populations summed over the leaves under each area.
        // Which codes are somebody's parent (by the index of the code).
        let mut is_parent = vec![false; ds.areas.len()];
        for parent in ds.areas.iter().filter_map(|a| a.parent.as_ref()) {
            if let Some(flag) = index
                .get(parent.as_str())
                .and_then(|&i| is_parent.get_mut(i))
            {
                *flag = true;
            }
        }
        let is_parent = |code: &str| {
            index
                .get(code)
                .is_some_and(|&i| is_parent.get(i) == Some(&true))
        };
        let mut leaf_sum: Vec<Option<u64>> = vec![Some(0); codes.len()];
        let mut has_leaf = vec![false; codes.len()];
        for leaf in ds.areas.iter().filter(|a| !is_parent(a.code.as_str())) {
            let chain = chain(leaf.code.as_str());
            let Some(i) = pick(&chain).as_deref().and_then(index_of) else {
                continue;
            };
            if let (Some(sum), Some(flag)) = (leaf_sum.get_mut(i), has_leaf.get_mut(i)) {
                *flag = true;
                *sum = sum.zip(leaf.population).map(|(s, p)| s + u64::from(p));
            }
        }
        let areas: Vec<Option<Area>> = codes.iter().map(|c| by_code(c.as_str()).cloned()).collect();
        let populations = codes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let own = by_code(c.as_str())
                    .and_then(|a| a.population)
                    .map(u64::from);
                let summed = leaf_sum
                    .get(i)
                    .copied()
                    .flatten()
                    .filter(|_| has_leaf.get(i) == Some(&true));
                own.or(summed)
            })
            .collect();
        let names: Vec<String> = codes
            .iter()
            .map(|c| by_code(c.as_str()).map_or(c.clone(), |a| a.name.clone()))
            .collect();
        let mut order: Vec<usize> = (0..codes.len()).collect();
        order.sort_by(|&a, &b| {
            names
                .get(a)
                .cmp(&names.get(b))
                .then(codes.get(a).cmp(&codes.get(b)))
        });
        let mut name_order = vec![0u32; codes.len()];
        for (pos, &i) in order.iter().enumerate() {
            if let Some(slot) = name_order.get_mut(i) {
                *slot = pos as u32;
            }
        }
        let codes: Vec<AreaCode> = codes.into_iter().map(AreaCode).collect();
        LevelMap {
            labels: Arc::new(AreaLabels {
                codes: codes.clone(),
                names,
            }),
            codes,
            populations,
            areas,
            of_base,
            base_populations,
            name_order,
        }
    }

    /// Number of areas at the level.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when no area is at the level.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Adds per-cube-area values up to the level's areas.
    pub fn sum(&self, per_base: &[u64]) -> Vec<u64> {
        let mut out = vec![0u64; self.codes.len()];
        for (&v, target) in per_base.iter().zip(&self.of_base) {
            if let Some(slot) = target.and_then(|t| out.get_mut(t as usize)) {
                *slot += v;
            }
        }
        out
    }

    /// For each cube area, the index of its area at this level.
    pub(super) fn of_base(&self) -> &[Option<u32>] {
        &self.of_base
    }

    /// The index of the area with `code`.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.codes.binary_search_by(|c| c.as_str().cmp(code)).ok()
    }
}
