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
    if let Some(c) = cells.get_mut(i) {
        let (n, over) = c.overflowing_add(1);
        *c = n;
        *overflow |= over;
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
        let Some(slot) = self.months.get_mut(self.last) else {
            return;
        };
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

    /// Builds the cube: the area axis lists every target area (sorted), even
    /// those with no rows; the months run from the first to the last met.
    pub fn finish(self) -> Result<Prepared, CubeError> {
        if self.overflow {
            return Err(CubeError::Overflow);
        }
        let (areas, area_at) = area_axis(self.mapper.codes());
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

/// The cube's area axis (every target code once, sorted) and the axis
/// position of each area id (codes may repeat).
fn area_axis(codes: &[String]) -> (Vec<AreaCode>, Vec<usize>) {
    let mut order: Vec<usize> = (0..codes.len()).collect();
    order.sort_by(|&a, &b| codes[a].cmp(&codes[b]));
    let mut areas: Vec<AreaCode> = Vec::with_capacity(codes.len());
    let mut area_at = vec![0usize; codes.len()];
    for &id in &order {
        let code = &codes[id];
        if areas.last().is_none_or(|last| last.as_str() != code) {
            areas.push(AreaCode::from(code.as_str()));
        }
        area_at[id] = areas.len() - 1;
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
    /// The position in `areas` of each area id.
    area_at: Vec<usize>,
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
                    let a = self.area_at[id];
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
#[path = "tally_tests.rs"]
mod tests;
