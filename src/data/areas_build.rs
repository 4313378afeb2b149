//! Builds the explorer's areas file (`area_code, area_name, parent_code,
//! population, imd_rank, imd_decile`) from ONS lookups, LSOA populations and
//! LSOA deprivation ranks.
//!
//! The rules, exactly:
//! - **Areas**: every code at the chosen level among the last lookup's LSOAs
//!   (inside `within` when given), plus their ancestors as rows of their
//!   own. Ancestors: an LSOA's parent is its ward (else its MSOA), a ward's
//!   or MSOA's parent its local authority; the chain stops at the `within`
//!   area, which has no parent. Names come from the lookup (the code when
//!   it has none), and Welsh names too where it has them (`WD25NMW`…).
//! - **LSOAs**: the *final* LSOAs are the last lookup's. A population or
//!   rank keyed by another vintage's code (e.g. a 2011 LSOA) reaches a final
//!   LSOA through the bridge lookups given before it, exactly as police.uk
//!   rows do ([`AreaMapper::from_lookups`]); codes that reach none are
//!   counted as outside.
//! - **Population** of an area = the sum of the populations reaching its
//!   final LSOAs (LSOAs with no population add nothing and are counted).
//! - **Deprivation rank of a final LSOA** = the mean, weighted equally, of
//!   the ranks that reach it: with the ONS best-fit 2011 → 2021 bridge that
//!   is its own rank when unchanged, the mean of its 2011 LSOAs' ranks when
//!   several merged into it, and none when it was split off a 2011 LSOA
//!   whose best fit is another 2021 LSOA.
//! - **Deprivation rank of an area of the level** = the population-weighted
//!   mean of its final LSOAs' ranks, over those with both a rank and a
//!   population, rounded to the nearest whole rank (halves away from zero);
//!   none when no LSOA qualifies. Its **decile** =
//!   [`decile`](super::deprivation_lookup::decile) of that rounded rank
//!   among all ranked LSOAs (32,844 for IMD 2019): `ceil(rank × 10 / 32,844)`.
//!   Ancestor rows get no rank or decile.

use std::collections::{BTreeMap, HashMap};

use super::area::{Area, AreaCode};
use super::area_mapper::{AreaMapper, Placement};
use super::deprivation_lookup::decile;
use super::lookup::{Level, Lookup, LookupError};

/// One row of the areas file.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaRow {
    /// The area's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its Welsh name, when the lookup gives one.
    pub name_cy: Option<String>,
    /// Its parent's code (none for the top).
    pub parent: Option<String>,
    /// Residents: the sum over its LSOAs.
    pub population: u64,
    /// Population-weighted mean deprivation rank, rounded.
    pub imd_rank: Option<u32>,
    /// Decile of `imd_rank`.
    pub imd_decile: Option<u8>,
}

impl AreaRow {
    /// The row as an [`Area`] (for the areas file's writer,
    /// [`write_areas_csv`](super::areas_write::write_areas_csv)): its
    /// population when `with_population` (saturating at `u32::MAX`, far
    /// above any area's), no deprivation score.
    pub fn to_area(&self, with_population: bool) -> Area {
        Area {
            code: AreaCode::from(self.code.as_str()),
            name: self.name.clone(),
            name_cy: self.name_cy.clone(),
            parent: self.parent.as_deref().map(AreaCode::from),
            population: with_population.then(|| u32::try_from(self.population).unwrap_or(u32::MAX)),
            imd_rank: self.imd_rank,
            imd_decile: self.imd_decile,
            imd_score: None,
        }
    }
}

/// Deprivation ranks by LSOA and how many LSOAs the ranking covers.
#[derive(Clone, Copy, Debug)]
pub struct Ranks<'a> {
    /// Rank by LSOA code (1 = most deprived).
    pub by_lsoa: &'a BTreeMap<AreaCode, u32>,
    /// Ranked LSOAs in all (e.g. 32,844 for the English IMD 2019).
    pub of: u32,
}

/// The areas and what happened on the way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BuiltAreas {
    /// Coarsest first (the whole), then by level and code.
    pub rows: Vec<AreaRow>,
    /// Final LSOAs inside the area.
    pub lsoas: usize,
    /// Final LSOAs no population reached.
    pub lsoas_without_population: usize,
    /// Final LSOAs no rank reached (when ranks were given).
    pub lsoas_without_rank: usize,
    /// Population rows placed: (directly, bridged, outside).
    pub population_rows: (u64, u64, u64),
    /// Rank rows placed: (directly, bridged, outside).
    pub rank_rows: (u64, u64, u64),
}

/// The levels above `level` an area's parents are taken from.
fn ancestors(level: Level, last: &Lookup) -> Vec<Level> {
    let mut out = Vec::new();
    if level == Level::Lsoa {
        if last.has_level(Level::Ward) {
            out.push(Level::Ward);
        } else if last.has_level(Level::Msoa) {
            out.push(Level::Msoa);
        }
    }
    if level != Level::District && last.has_level(Level::District) {
        out.push(Level::District);
    }
    out
}

/// Adds each value to the final LSOA it reaches; returns (direct, bridged,
/// outside) row counts.
fn place<'a>(
    mapper: &mut AreaMapper,
    values: impl Iterator<Item = (&'a AreaCode, u32)>,
    mut add: impl FnMut(usize, u32),
) -> (u64, u64, u64) {
    let mut tally = (0, 0, 0);
    for (code, v) in values {
        match mapper.place(code.as_str().as_bytes()) {
            Placement::Area(i) => {
                tally.0 += 1;
                add(i as usize, v);
            }
            Placement::Bridged(i) => {
                tally.1 += 1;
                add(i as usize, v);
            }
            _ => tally.2 += 1,
        }
    }
    tally
}

#[derive(Default)]
struct Acc {
    parent: Option<String>,
    depth: usize,
    population: u64,
    weighted: f64,
    weight: u64,
}

/// Builds the areas of `level` (inside the areas `within`, when any)
/// through `lookups` (see the module docs for the rules).
pub fn build_areas(
    lookups: &[Lookup],
    level: Level,
    within: &[String],
    population: &BTreeMap<AreaCode, u32>,
    ranks: Option<Ranks<'_>>,
) -> Result<BuiltAreas, LookupError> {
    let mut mapper = AreaMapper::from_lookups(lookups, Level::Lsoa, within)?;
    let Some(last) = lookups.last() else {
        return Err(LookupError::NoLookup);
    };
    if !last.has_level(level) {
        return Err(LookupError::NoSuchLevel {
            level,
            available: last.levels(),
        });
    }
    let n = mapper.codes().len();
    let mut out = BuiltAreas {
        lsoas: n,
        ..BuiltAreas::default()
    };
    let mut pop: Vec<Option<u64>> = vec![None; n];
    out.population_rows = place(
        &mut mapper,
        population.iter().map(|(c, v)| (c, *v)),
        |i, v| pop[i] = Some(pop[i].unwrap_or(0) + u64::from(v)),
    );
    let mut rank_sums: Vec<(u64, u64)> = vec![(0, 0); n];
    if let Some(r) = ranks {
        out.rank_rows = place(
            &mut mapper,
            r.by_lsoa.iter().map(|(c, v)| (c, *v)),
            |i, v| rank_sums[i] = (rank_sums[i].0 + u64::from(v), rank_sums[i].1 + 1),
        );
        out.lsoas_without_rank = rank_sums.iter().filter(|s| s.1 == 0).count();
    }
    out.lsoas_without_population = pop.iter().filter(|p| p.is_none()).count();
    let lsoas = Lsoas {
        codes: mapper.codes(),
        population: &pop,
        rank_sums: &rank_sums,
    };
    let accs = lsoas.add_up(last, level, within);
    out.rows = area_rows(accs, last, ranks.map_or(0, |r| r.of));
    Ok(out)
}

/// The LSOAs inside, with the population and the ranks (sum, count) placed
/// in each.
struct Lsoas<'a> {
    codes: &'a [String],
    population: &'a [Option<u64>],
    rank_sums: &'a [(u64, u64)],
}

impl Lsoas<'_> {
    /// Each area of `level` and above (up to `within`): its parent, depth,
    /// population, and population-weighted rank.
    fn add_up(&self, last: &Lookup, level: Level, within: &[String]) -> HashMap<String, Acc> {
        let up = ancestors(level, last);
        let mut accs: HashMap<String, Acc> = HashMap::new();
        for (i, lsoa) in self.codes.iter().enumerate() {
            let Some(row) = last.lsoa(lsoa) else { continue };
            let mut chain: Vec<&str> = Vec::new();
            for l in std::iter::once(level).chain(up.iter().copied()) {
                let Some(code) = row.code(l) else { break };
                chain.push(code);
                if within.iter().any(|w| w == code) {
                    break;
                }
            }
            let p = self.population[i].unwrap_or(0);
            let (sum, count) = self.rank_sums[i];
            for (depth, code) in chain.iter().enumerate() {
                let acc = accs.entry((*code).to_string()).or_insert_with(|| Acc {
                    parent: chain.get(depth + 1).map(|c| (*c).to_string()),
                    depth,
                    ..Acc::default()
                });
                acc.population += p;
                if depth == 0 && count > 0 && p > 0 {
                    acc.weighted += p as f64 * (sum as f64 / count as f64);
                    acc.weight += p;
                }
            }
        }
        accs
    }
}

/// The areas file's rows: deepest level first, then by code; ranks of `of`
/// in all.
fn area_rows(accs: HashMap<String, Acc>, last: &Lookup, of: u32) -> Vec<AreaRow> {
    let mut rows: Vec<(usize, AreaRow)> = accs
        .into_iter()
        .map(|(code, a)| {
            let rank =
                (a.weight > 0).then(|| (a.weighted / a.weight as f64).round().max(1.0) as u32);
            let name = last.name(&code).unwrap_or(&code).to_string();
            let row = AreaRow {
                name,
                name_cy: last.name_cy(&code).map(str::to_string),
                parent: a.parent,
                population: a.population,
                imd_rank: rank,
                imd_decile: rank.map(|r| decile(r, of)),
                code,
            };
            (a.depth, row)
        })
        .collect();
    rows.sort_by(|(da, a), (db, b)| db.cmp(da).then_with(|| a.code.cmp(&b.code)));
    rows.into_iter().map(|(_, r)| r).collect()
}
