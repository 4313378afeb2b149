//! The running counts of a police.uk load ([`Tally`]): dense counters per
//! month, indexed by area and category, so that counting a row hashes
//! nothing, and finishing walks arrays in order into a [`Cube`].

use super::area::AreaCode;
use super::area_mapper::{AreaMapper, Placement};
use super::category::Categories;
use super::cube::{Cube, CubeError};
use super::month::Month;
use super::quality::Quality;
use super::report::LoadReport;
use super::unknown_codes::UnknownCodes;

/// The counts of one month.
#[derive(Debug)]
struct MonthCounts {
    month: Month,
    /// `cells[area * categories + category]`, grown as areas appear.
    cells: Vec<u32>,
    /// Not-allocated rows by category (empty when they are not kept).
    unallocated: Vec<u32>,
}

/// Adds one to `cells[i]`, growing `cells` by whole areas of `k`
/// categories; notes a count passing `u32::MAX` in `overflow`.
#[inline(always)]
fn bump(cells: &mut Vec<u32>, i: usize, k: usize, overflow: &mut bool) {
    if i >= cells.len() {
        cells.resize((i / k + 1) * k, 0);
    }
    let (n, over) = cells[i].overflowing_add(1);
    cells[i] = n;
    *overflow |= over;
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
    /// Every month met, in order.
    months: Vec<MonthCounts>,
    /// Index in `months` of the month counted last (files hold one month,
    /// so nearly every row finds its month here without a search).
    last: usize,
    /// True once a single count passed `u32::MAX` (the cube cannot hold it).
    overflow: bool,
}

impl Tally {
    /// An empty tally.
    pub fn new(mapper: AreaMapper, categories: Categories) -> Self {
        Tally {
            mapper,
            categories,
            report: LoadReport::default(),
            bridged: 0,
            months: Vec::new(),
            last: 0,
            overflow: false,
        }
    }

    /// Counts one valid row (already counted in `rows_read`) of a category
    /// below `categories.len()`.
    #[inline]
    pub fn count(&mut self, month: Month, category: u32, place: Placement) {
        if self.months.get(self.last).is_none_or(|m| m.month != month) {
            self.last = self.find_month(month);
        }
        let k = self.categories.len();
        let slot = &mut self.months[self.last];
        let category = category as usize;
        match place {
            Placement::Area(a) => {
                self.report.accepted += 1;
                bump(
                    &mut slot.cells,
                    a as usize * k + category,
                    k,
                    &mut self.overflow,
                );
            }
            Placement::Bridged(a) => {
                self.report.accepted += 1;
                self.bridged += 1;
                bump(
                    &mut slot.cells,
                    a as usize * k + category,
                    k,
                    &mut self.overflow,
                );
            }
            Placement::NotAllocated => {
                self.report.not_allocated += 1;
                if !slot.unallocated.is_empty() {
                    bump(&mut slot.unallocated, category, k, &mut self.overflow);
                }
            }
            Placement::Outside => self.report.outside_area += 1,
            Placement::Unknown => self.report.unknown_code += 1,
        }
    }

    /// The index of `month` in `months`, added in order when new.
    #[cold]
    fn find_month(&mut self, month: Month) -> usize {
        match self.months.binary_search_by_key(&month, |m| m.month) {
            Ok(i) => i,
            Err(i) => {
                let k = self.categories.len();
                let unallocated = if self.mapper.keeps_unallocated() {
                    vec![0; k]
                } else {
                    Vec::new()
                };
                let counts = MonthCounts {
                    month,
                    cells: vec![0; self.mapper.codes().len() * k],
                    unallocated,
                };
                self.months.insert(i, counts);
                i
            }
        }
    }

    /// Builds the cube; the months run from the first to the last met. The
    /// area axis lists the target areas (sorted): under `--within` every
    /// one, even those with no rows (a ward with no crime is in the
    /// borough); without it only those with rows, so that a lookup of the
    /// whole country does not put thousands of areas the files never reach
    /// in every ranking, each at 0.
    pub fn finish(self) -> Result<Prepared, CubeError> {
        if self.overflow {
            return Err(CubeError::Overflow);
        }
        let scoped = !self.mapper.keeps_unallocated();
        let k = self.categories.len();
        let has_rows = |id: usize| {
            // A month's cells reach only as far as the last area it met.
            self.months.iter().any(|m| {
                m.cells
                    .get(id * k..(id + 1) * k)
                    .is_some_and(|cells| cells.iter().any(|&n| n > 0))
            })
        };
        let (areas, area_at) = area_axis(self.mapper.codes(), |id| scoped || has_rows(id));
        let (names, category_at) = category_axis(&self.categories);
        let axes = Axes {
            areas,
            area_at,
            names,
            category_at,
        };
        let cube = axes.into_cube(&self.months)?;
        let unknown = self.mapper.unknown_codes();
        Ok(Prepared {
            quality: if cube.month_count() == 0 {
                Quality::default()
            } else {
                Quality::of_cube(&cube)
            },
            cube,
            report: self.report,
            bridged: self.bridged,
            unknown,
        })
    }
}

/// The cube's area axis (each target code of an area id that is `kept`,
/// once, sorted) and the axis position of each area id (codes may repeat;
/// `None` for an id not kept).
fn area_axis(
    codes: &[String],
    kept: impl Fn(usize) -> bool,
) -> (Vec<AreaCode>, Vec<Option<usize>>) {
    let mut order: Vec<usize> = (0..codes.len()).filter(|&id| kept(id)).collect();
    order.sort_by(|&a, &b| codes[a].cmp(&codes[b]));
    let mut areas: Vec<AreaCode> = Vec::with_capacity(order.len());
    let mut area_at = vec![None; codes.len()];
    for &id in &order {
        let code = &codes[id];
        if areas.last().is_none_or(|last| last.as_str() != code) {
            areas.push(AreaCode::from(code.as_str()));
        }
        area_at[id] = Some(areas.len() - 1);
    }
    (areas, area_at)
}

/// The cube's category names (equal names share one) and the position of
/// each category in them.
fn category_axis(categories: &Categories) -> (Vec<String>, Vec<usize>) {
    let mut names: Vec<String> = Vec::new();
    let mut category_at = Vec::with_capacity(categories.len());
    for c in categories.iter() {
        let at = names.iter().position(|n| *n == c.name).unwrap_or_else(|| {
            names.push(c.name.clone());
            names.len() - 1
        });
        category_at.push(at);
    }
    (names, category_at)
}

/// The cube's axes, and where the tally's counters go on them.
struct Axes {
    areas: Vec<AreaCode>,
    /// The position in `areas` of each area id (`None`: an area left out,
    /// which has no counts).
    area_at: Vec<Option<usize>>,
    names: Vec<String>,
    /// The position in `names` of each category of the tally.
    category_at: Vec<usize>,
}

impl Axes {
    /// The cube of the months' counters, from the first month met to the
    /// last (none: a cube of no months).
    fn into_cube(self, months: &[MonthCounts]) -> Result<Cube, CubeError> {
        let (Some(first), Some(last)) = (months.first(), months.last()) else {
            return Ok(Cube::from_dense(
                self.areas,
                self.names,
                Month::JAN_2000,
                0,
                Vec::new(),
                Vec::new(),
                Vec::new(),
            ));
        };
        let first = first.month;
        let span = first.months_until(last.month).max(0) as usize + 1;
        let (k, kk) = (self.category_at.len(), self.names.len());
        let mut counts = vec![0u32; self.areas.len() * span * kk];
        let mut unallocated = vec![0u32; span * kk];
        // A month met had valid rows (a file of that month was read), even
        // when none of them fell in the areas counted.
        let mut with_data = vec![false; span];
        let add = |to: &mut [u32], i: usize, n: u32| -> Result<(), CubeError> {
            to[i] = to[i].checked_add(n).ok_or(CubeError::Overflow)?;
            Ok(())
        };
        for m in months {
            let mi = first.months_until(m.month).max(0) as usize;
            with_data[mi] = true;
            if k > 0 {
                for (id, cells) in m.cells.chunks_exact(k).enumerate() {
                    let Some(a) = self.area_at[id] else { continue };
                    for (&n, &c) in cells.iter().zip(&self.category_at) {
                        if n > 0 {
                            add(&mut counts, (a * span + mi) * kk + c, n)?;
                        }
                    }
                }
            }
            for (&n, &c) in m.unallocated.iter().zip(&self.category_at) {
                if n > 0 {
                    add(&mut unallocated, mi * kk + c, n)?;
                }
            }
        }
        let (areas, names) = (self.areas, self.names);
        Ok(Cube::from_dense(
            areas,
            names,
            first,
            span,
            counts,
            unallocated,
            with_data,
        ))
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
    /// Months covered, missing and suspect, from the counts (see
    /// [`Quality::of_cube`]).
    pub quality: Quality,
    /// The rows whose code no lookup knows, by code.
    pub unknown: UnknownCodes,
}

impl Prepared {
    /// Accepted rows whose LSOA code the last lookup (or no lookup) placed.
    pub fn mapped_directly(&self) -> u64 {
        self.report.accepted.saturating_sub(self.bridged)
    }
}

#[cfg(test)]
mod tests {
    //! Tests of the dense [`Tally`] against the sparse [`CubeBuilder`] path it
    //! replaced: the same rows must give the same cube, report and quality.
    use std::collections::BTreeMap;

    use super::*;
    use crate::data::category::Category;
    use crate::data::cube::CubeBuilder;
    use crate::data::lookup::{read_lookup, Level};
    use proptest::prelude::*;

    const LOOKUP: &[u8] = include_bytes!("../../tests/fixtures/lookup/lsoa_ward_lad.csv");

    fn category(name: &str) -> Category {
        Category {
            name: name.to_string(),
            group: name.to_string(),
            is_crime: true,
            source: None,
        }
    }

    /// Counts `rows` (month, category, LSOA code or "") through a tally and,
    /// independently, through a `CubeBuilder` as the sparse path did.
    fn both(mapper: AreaMapper, names: &[&str], rows: &[(Month, u32, String)]) -> (Prepared, Cube) {
        let keep = mapper.keeps_unallocated();
        let categories = Categories::new(names.iter().map(|n| category(n)).collect());
        let mut tally = Tally::new(mapper, categories);
        let mut placed = Vec::new();
        for (month, cat, code) in rows {
            let place = if code.is_empty() {
                Placement::NotAllocated
            } else {
                tally.mapper.place(code.as_bytes())
            };
            tally.count(*month, *cat, place);
            placed.push((*month, *cat, place));
        }
        // Under --within every area of the scope; without, those met.
        let mut codes = if keep {
            let met = placed.iter().filter_map(|(_, _, p)| match p {
                Placement::Area(a) | Placement::Bridged(a) => Some(*a as usize),
                _ => None,
            });
            met.map(|a| tally.mapper.codes()[a].clone()).collect()
        } else {
            tally.mapper.codes().to_vec()
        };
        codes.sort();
        codes.dedup();
        let mut b = CubeBuilder::new()
            .with_areas(codes.iter().map(String::as_str))
            .with_categories(names.iter().copied());
        for (month, cat, place) in placed {
            b.cover_month(month);
            let name = names[cat as usize];
            match place {
                Placement::Area(a) | Placement::Bridged(a) => {
                    b.add(Some(&tally.mapper.codes()[a as usize]), month, name, 1);
                }
                Placement::NotAllocated if keep => {
                    b.add(None, month, name, 1);
                }
                _ => {}
            }
        }
        (tally.finish().unwrap(), b.build().unwrap())
    }

    /// `n` rows (month, category below `k`, LSOA code or ""): runs of one
    /// month, as files hold, broken now and then.
    fn rows(
        codes: &'static [&'static str],
        months: &'static [&'static str],
        n: usize,
        k: u32,
    ) -> impl Strategy<Value = Vec<(Month, u32, String)>> {
        let draw = (0..50u32, 0..months.len(), 0..codes.len(), 0..k);
        proptest::collection::vec(draw, n).prop_map(move |draws| {
            let mut month = months[0];
            draws
                .into_iter()
                .map(|(switch, m, code, cat)| {
                    if switch == 0 {
                        month = months[m];
                    }
                    (month.parse().unwrap(), cat, codes[code].to_string())
                })
                .collect()
        })
    }

    /// Codes short, long (past the packed length) and one prefix of
    /// another, and none.
    const EACH_CODES: [&str; 7] = [
        "E01000001",
        "E01000002",
        "W01000003",
        "E01",
        "E01000001000000000000",
        "E010000010000000",
        "",
    ];
    /// Months out of order with a gap (2024-01).
    const EACH_MONTHS: [&str; 4] = ["2024-03", "2023-11", "2024-02", "2023-12"];
    /// Four codes of the fixture lookup, one it lacks, and none.
    const LOOKUP_CODES: [&str; 6] = [
        "E01000001",
        "E01000002",
        "E01000003",
        "E01000004",
        "E01999999",
        "",
    ];
    const LOOKUP_MONTHS: [&str; 2] = ["2024-01", "2024-02"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        #[test]
        fn dense_counts_match_the_sparse_builder_for_each_lsoa(
            rows in rows(&EACH_CODES, &EACH_MONTHS, 5000, 4)
        ) {
            // A category named twice.
            let names = ["Drugs", "Burglary", "Drugs", "Robbery"];
            let (p, sparse) = both(AreaMapper::each_lsoa(), &names, &rows);
            prop_assert_eq!(&p.cube, &sparse);
            prop_assert_eq!(p.cube.categories(), ["Drugs", "Burglary", "Robbery"]);
            let met: std::collections::BTreeSet<Month> = rows.iter().map(|r| r.0).collect();
            let span = met.first().unwrap().months_until(*met.last().unwrap()) + 1;
            prop_assert_eq!(p.cube.month_count(), span as usize);
            prop_assert_eq!(p.cube.grand_total(), 5000);
            let r = &p.report;
            prop_assert_eq!(r.accepted + r.not_allocated, 5000);
            let mut totals = BTreeMap::new();
            for (m, _, _) in &rows {
                *totals.entry(*m).or_insert(0) += 1;
            }
            prop_assert_eq!(p.quality, Quality::from_month_totals(&totals));
        }

        #[test]
        fn dense_counts_match_the_sparse_builder_through_a_lookup(
            all in rows(&LOOKUP_CODES, &LOOKUP_MONTHS, 3000, 2),
            inside in rows(&LOOKUP_CODES, &LOOKUP_MONTHS, 3000, 2),
        ) {
            let (lookup, _) = read_lookup("lookup.csv", LOOKUP).unwrap();
            let names = ["Drugs", "Burglary"];
            for (within, rows) in [(vec![], all), (vec!["E06000001".to_string()], inside)] {
                let mapper = AreaMapper::from_lookup(&lookup, Level::Ward, &within).unwrap();
                let (p, sparse) = both(mapper, &names, &rows);
                prop_assert_eq!(&p.cube, &sparse, "within {:?}", within);
                // E01999999 is in no lookup: unknown, never outside; E01000004
                // lies outside E06000001.
                let count = |code: &str| rows.iter().filter(|r| r.2 == code).count() as u64;
                let unknown = count("E01999999");
                prop_assert_eq!(p.report.unknown_code, unknown);
                prop_assert_eq!(p.unknown.rows, unknown);
                let outside = if !within.is_empty() { count("E01000004") } else { 0 };
                prop_assert_eq!(p.report.outside_area, outside);
                let unallocated = count("");
                prop_assert_eq!(p.report.not_allocated, unallocated);
                let kept: u64 = (0..p.cube.month_count())
                    .map(|m| p.cube.unallocated_month(m).iter().sum::<u32>() as u64)
                    .sum();
                prop_assert_eq!(kept, if within.is_empty() { unallocated } else { 0 });
            }
        }
    }

    fn codes(cube: &Cube) -> Vec<&str> {
        cube.areas().iter().map(AreaCode::as_str).collect()
    }

    #[test]
    fn an_empty_tally_lists_the_scope_s_areas_and_no_months() {
        let (lookup, _) = read_lookup("lookup.csv", LOOKUP).unwrap();
        let within = ["E06000001".to_string()];
        let mapper = AreaMapper::from_lookup(&lookup, Level::Ward, &within).unwrap();
        let (p, sparse) = both(mapper, &["Drugs"], &[]);
        assert_eq!(p.cube, sparse);
        assert_eq!(codes(&p.cube), ["E05000001", "E05000002"]);
        assert_eq!(p.cube.month_count(), 0);
    }

    /// Without a scope, the lookup's areas the files never reach are not on
    /// the axis (they would be ranked, each at 0); under one, the scope's
    /// areas are, rows or none.
    #[test]
    fn areas_without_rows_are_listed_only_under_a_scope() {
        let (lookup, _) = read_lookup("lookup.csv", LOOKUP).unwrap();
        let m: Month = "2024-01".parse().unwrap();
        let rows = [(m, 0, "E01000001".to_string()), (m, 0, String::new())];
        let unscoped = AreaMapper::from_lookup(&lookup, Level::Ward, &[]).unwrap();
        let (p, sparse) = both(unscoped, &["Drugs"], &rows);
        assert_eq!(p.cube, sparse);
        assert_eq!(codes(&p.cube), ["E05000001"]);
        assert_eq!(p.cube.unallocated(0, 0), 1, "the row without an LSOA kept");
        let within = ["E06000001".to_string()];
        let scoped = AreaMapper::from_lookup(&lookup, Level::Ward, &within).unwrap();
        let (p, _) = both(scoped, &["Drugs"], &rows);
        assert_eq!(codes(&p.cube), ["E05000001", "E05000002"]);
        assert_eq!(p.cube.grand_total(), 1);
    }
}
