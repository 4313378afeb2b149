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
    /// The code of area `index` (an index of the level).
    pub fn code(&self, index: usize) -> &str {
        self.codes[index].as_str()
    }

    /// The name of area `index` (an index of the level).
    pub fn name(&self, index: usize) -> &str {
        &self.names[index]
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
        let tree = Tree::new(&ds.areas);
        let at_level = |code: &str| pick(&tree.chain(code), level, within);
        let targets: Vec<Option<String>> = ds
            .cube
            .areas()
            .iter()
            .map(|a| at_level(a.as_str()))
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
                target.and_then(|_| tree.get(code.as_str())?.population.map(u64::from))
            })
            .collect();
        let populations = populations(&tree, &codes, |leaf| {
            at_level(leaf).as_deref().and_then(index_of)
        });
        let areas: Vec<Option<Area>> = codes.iter().map(|c| tree.get(c).cloned()).collect();
        let names: Vec<String> = codes
            .iter()
            .map(|c| tree.get(c).map_or(c.clone(), |a| a.name.clone()))
            .collect();
        let name_order = name_order(&names, &codes);
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
            if let Some(t) = target {
                out[*t as usize] += v;
            }
        }
        out
    }

    /// For each cube area, the index of its area at this level.
    pub(super) fn of_base(&self) -> &[Option<u32>] {
        &self.of_base
    }

    /// The index of the area at this level that cube area `area` adds
    /// into.
    pub fn of_area(&self, area: usize) -> Option<usize> {
        self.of_base
            .get(area)
            .copied()
            .flatten()
            .map(|t| t as usize)
    }

    /// The index of the area with `code`.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.codes.binary_search_by(|c| c.as_str().cmp(code)).ok()
    }
}

/// The areas file as a tree: areas by code (the last listed winning) and
/// their chains of parents.
struct Tree<'a> {
    areas: &'a [Area],
    /// One map type, `&str` to an index, serves every lookup on the page
    /// (each other key or value type would add a copy of the hash table
    /// code to the wasm).
    index: HashMap<&'a str, usize>,
}

impl<'a> Tree<'a> {
    fn new(areas: &'a [Area]) -> Tree<'a> {
        let index = areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), i))
            .collect();
        Tree { areas, index }
    }

    /// The area with `code`, if the areas file lists it.
    fn get(&self, code: &str) -> Option<&'a Area> {
        self.index.get(code).map(|&i| &self.areas[i])
    }

    /// `code`, its parent, its parent's parent… (at most [`MAX_DEPTH`]
    /// steps, stopping before a code met already).
    fn chain(&self, code: &str) -> Vec<String> {
        let mut out = vec![code.to_string()];
        while out.len() <= MAX_DEPTH {
            let last = out.last().map(String::as_str).unwrap_or_default();
            match self.get(last).and_then(|a| a.parent.as_ref()) {
                Some(p) if !out.iter().any(|c| c == p.as_str()) => out.push(p.0.clone()),
                _ => break,
            }
        }
        out
    }

    /// The areas that are nobody's parent (the finest level of the file).
    fn leaves(&self) -> impl Iterator<Item = &'a Area> + '_ {
        let mut is_parent = vec![false; self.areas.len()];
        for parent in self.areas.iter().filter_map(|a| a.parent.as_ref()) {
            if let Some(&i) = self.index.get(parent.as_str()) {
                is_parent[i] = true;
            }
        }
        self.areas
            .iter()
            .filter(move |a| !is_parent[self.index[a.code.as_str()]])
    }
}

/// The code a chain of parents (`chain`: an area, its parent…) reaches at
/// `level`; `None` when it has none there, or does not lie in `within`.
fn pick(chain: &[String], level: AreaLevel, within: Option<&str>) -> Option<String> {
    if within.is_some_and(|w| !chain.iter().any(|c| c == w)) {
        return None;
    }
    match level {
        AreaLevel::Base => chain.first().cloned(),
        AreaLevel::Up(n) => chain.get(n).cloned(),
        AreaLevel::Gss(l) => chain.iter().find(|c| is_level(c, l)).cloned(),
    }
}

/// The residents of each of `codes`: its own population in the areas
/// file, failing that the sum over the leaves under it (`index_of_leaf`
/// gives a leaf's area at the level) when every such leaf has one, else
/// none.
fn populations(
    tree: &Tree,
    codes: &[String],
    index_of_leaf: impl Fn(&str) -> Option<usize>,
) -> Vec<Option<u64>> {
    let mut leaf_sum: Vec<Option<u64>> = vec![Some(0); codes.len()];
    let mut has_leaf = vec![false; codes.len()];
    for leaf in tree.leaves() {
        let Some(i) = index_of_leaf(leaf.code.as_str()) else {
            continue;
        };
        has_leaf[i] = true;
        leaf_sum[i] = leaf_sum[i]
            .zip(leaf.population)
            .map(|(s, p)| s + u64::from(p));
    }
    codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let own = tree.get(c).and_then(|a| a.population).map(u64::from);
            own.or(leaf_sum[i].filter(|_| has_leaf[i]))
        })
        .collect()
}

/// Each area's position in (name, code) order: the display tie-break.
fn name_order(names: &[String], codes: &[String]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..codes.len()).collect();
    order.sort_by(|&a, &b| names[a].cmp(&names[b]).then(codes[a].cmp(&codes[b])));
    let mut name_order = vec![0u32; codes.len()];
    for (pos, &i) in order.iter().enumerate() {
        name_order[i] = pos as u32;
    }
    name_order
}
