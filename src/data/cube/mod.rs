//! The dense count cube: area × month × category, whole integers.

use std::collections::HashMap;
use std::sync::OnceLock;

mod builder;

pub use builder::{CubeBuilder, CubeError};

use super::area::AreaCode;
use super::month::Month;

/// Counts for every area, month and category of a dataset. Months are a
/// contiguous range; counts with no area ("not allocated") are kept in their
/// own month × category table so that dataset totals include them.
///
/// A month of the range either has data or has none: a month with data
/// had rows in the input (a counts file's rows, even of 0; a police.uk
/// file of that month), and its zeros are real zeros; a month without data
/// had nothing, and its zeros mean "unknown", never "no crime". A cube
/// whose categories come from several sources (police.uk's, a council's)
/// keeps this per source: each category belongs to one source.
#[derive(Clone, Debug)]
pub struct Cube {
    areas: Vec<AreaCode>,
    categories: Vec<String>,
    first: Month,
    months: usize,
    /// `with_data[source * months + month]`: true when the month had rows
    /// of that source in the input.
    with_data: Vec<bool>,
    /// The source of each category (0 = the main one).
    source_of: Vec<usize>,
    /// `counts[(area * months + month) * categories + category]`.
    counts: Vec<u32>,
    /// `unallocated[month * categories + category]`.
    unallocated: Vec<u32>,
    /// Running totals along the month axis, laid out as `counts`, built on
    /// first use; `None` when one would exceed `u32::MAX`.
    running: OnceLock<Option<Vec<u32>>>,
}

/// Equal when the counts are; the running totals are a cache.
impl PartialEq for Cube {
    fn eq(&self, other: &Cube) -> bool {
        self.areas == other.areas
            && self.categories == other.categories
            && self.first == other.first
            && self.months == other.months
            && self.with_data == other.with_data
            && self.source_of == other.source_of
            && self.counts == other.counts
            && self.unallocated == other.unallocated
    }
}

impl Eq for Cube {}

impl Cube {
    /// A cube from dense counts, for a caller that counted into arrays
    /// rather than through a [`CubeBuilder`]: `counts` at index
    /// `(area * months + month) * categories + category`, `unallocated` at
    /// `month * categories + category`, `with_data` one flag per month (see
    /// [`Cube`]; one source). Arrays of the wrong length are cut or padded
    /// with zeros (and months without data).
    pub fn from_dense(
        areas: Vec<AreaCode>,
        categories: Vec<String>,
        first: Month,
        months: usize,
        mut counts: Vec<u32>,
        mut unallocated: Vec<u32>,
        mut with_data: Vec<bool>,
    ) -> Cube {
        counts.resize(areas.len() * months * categories.len(), 0);
        unallocated.resize(months * categories.len(), 0);
        with_data.resize(months, false);
        let source_of = vec![0; categories.len()];
        Cube {
            source_of,
            areas,
            categories,
            first,
            months,
            with_data,
            counts,
            unallocated,
            running: OnceLock::new(),
        }
    }

    /// Area codes along the area axis.
    pub fn areas(&self) -> &[AreaCode] {
        &self.areas
    }

    /// Category names along the category axis.
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// The first month covered.
    pub fn first_month(&self) -> Month {
        self.first
    }

    /// The last month covered (equal to the first for an empty cube).
    pub fn last_month(&self) -> Month {
        let span = self.months.saturating_sub(1) as i64;
        self.first.offset(span).unwrap_or(self.first)
    }

    /// Number of months covered.
    pub fn month_count(&self) -> usize {
        self.months
    }

    /// The months covered, in order.
    pub fn months(&self) -> impl Iterator<Item = Month> + '_ {
        (0..self.months).filter_map(move |i| self.first.offset(i as i64))
    }

    /// Axis index of `month`, when covered.
    pub fn month_index(&self, month: Month) -> Option<usize> {
        let i = self.first.months_until(month);
        (0..self.months as i64).contains(&i).then_some(i as usize)
    }

    /// True when the month at axis index `month` has data of any source
    /// (see [`Cube`]).
    pub fn has_data(&self, month: usize) -> bool {
        (0..self.source_count()).any(|s| self.source_has_data(s, month))
    }

    /// True when the month at axis index `month` has data of `source`.
    pub fn source_has_data(&self, source: usize, month: usize) -> bool {
        month < self.months
            && self
                .with_data
                .get(source * self.months + month)
                .copied()
                .unwrap_or(false)
    }

    /// The number of sources (at least 1).
    pub fn source_count(&self) -> usize {
        self.source_of.iter().copied().max().unwrap_or(0) + 1
    }

    /// The source of each category, in axis order (0 = the main one).
    pub fn sources_of_categories(&self) -> &[usize] {
        &self.source_of
    }

    /// The months of the range that have no data of any source, in order.
    pub fn months_without_data(&self) -> Vec<Month> {
        self.months()
            .enumerate()
            .filter(|&(mi, _)| !self.has_data(mi))
            .map(|(_, m)| m)
            .collect()
    }

    /// This cube without the categories where `drop` is true (by axis
    /// index): every other count, area, month and flag kept.
    pub fn without_categories(&self, drop: &[bool]) -> Cube {
        let keep: Vec<usize> = (0..self.categories.len())
            .filter(|&c| !drop.get(c).copied().unwrap_or(false))
            .collect();
        self.with_categories(&keep)
    }

    /// This cube with only the categories `keep` (axis indices, each
    /// once), in that order: every other count, area, month and flag kept.
    pub fn with_categories(&self, keep: &[usize]) -> Cube {
        let pick = |row: &[u32]| keep.iter().map(|&c| row[c]).collect::<Vec<u32>>();
        let mut counts = Vec::with_capacity(self.areas.len() * self.months * keep.len());
        for a in 0..self.areas.len() {
            for mi in 0..self.months {
                counts.extend(pick(self.area_month(a, mi)));
            }
        }
        let mut unallocated = Vec::with_capacity(self.months * keep.len());
        for mi in 0..self.months {
            unallocated.extend(pick(self.unallocated_month(mi)));
        }
        Cube {
            areas: self.areas.clone(),
            categories: keep.iter().map(|&c| self.categories[c].clone()).collect(),
            first: self.first,
            months: self.months,
            with_data: self.with_data.clone(),
            source_of: keep.iter().map(|&c| self.source_of[c]).collect(),
            counts,
            unallocated,
            running: OnceLock::new(),
        }
    }

    /// This cube with only the areas where `keep` is true (by axis index):
    /// their counts, every month and category, and no unallocated counts
    /// (they cannot be placed in any area kept). Months keep their "has
    /// data" flags: a month without data in the whole has none in a part.
    pub fn only_areas(&self, keep: &[bool]) -> Cube {
        let kept: Vec<usize> = (0..self.areas.len())
            .filter(|&a| keep.get(a).copied().unwrap_or(false))
            .collect();
        let per_area = self.months * self.categories.len();
        let mut counts = Vec::with_capacity(kept.len() * per_area);
        for &a in &kept {
            counts.extend_from_slice(&self.counts[a * per_area..(a + 1) * per_area]);
        }
        Cube {
            areas: kept.iter().map(|&a| self.areas[a].clone()).collect(),
            categories: self.categories.clone(),
            first: self.first,
            months: self.months,
            with_data: self.with_data.clone(),
            source_of: self.source_of.clone(),
            counts,
            unallocated: vec![0; self.unallocated.len()],
            running: OnceLock::new(),
        }
    }

    /// This cube with `other`'s categories beside its own, as sources of
    /// their own (a council's records beside police.uk's): the area axis
    /// is this cube's, then `other`'s areas it lacks; the months span both.
    /// Category names must differ between the two (the caller checks).
    pub fn beside(&self, other: &Cube) -> Cube {
        let mut areas = self.areas.clone();
        let mut index: HashMap<AreaCode, usize> = areas
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, a)| (a, i))
            .collect();
        for a in &other.areas {
            if !index.contains_key(a) {
                index.insert(a.clone(), areas.len());
                areas.push(a.clone());
            }
        }
        let mut categories = self.categories.clone();
        categories.extend(other.categories.iter().cloned());
        let shift = self.source_count();
        let mut source_of = self.source_of.clone();
        source_of.extend(other.source_of.iter().map(|s| s + shift));
        let months = |c: &Cube| (c.months > 0).then(|| (c.first, c.last_month()));
        let (first, last) = match (months(self), months(other)) {
            (Some((a, b)), Some((c, d))) => (a.min(c), b.max(d)),
            (Some(span), None) | (None, Some(span)) => span,
            (None, None) => (self.first, self.first),
        };
        let span = if months(self).or(months(other)).is_some() {
            (first.months_until(last) + 1) as usize
        } else {
            0
        };
        let k = categories.len();
        let mut counts = vec![0u32; areas.len() * span * k];
        let mut unallocated = vec![0u32; span * k];
        let sources = shift + other.source_count();
        let mut with_data = vec![false; sources * span];
        for (part, offset, source_shift) in [(self, 0, 0), (other, self.categories.len(), shift)] {
            let at = first.months_until(part.first).max(0) as usize;
            let kk = part.categories.len();
            for (a, code) in part.areas.iter().enumerate() {
                let to = index[code];
                for mi in 0..part.months {
                    let from = part.area_month(a, mi);
                    let start = (to * span + at + mi) * k + offset;
                    counts[start..start + kk].copy_from_slice(from);
                }
            }
            for mi in 0..part.months {
                let start = (at + mi) * k + offset;
                unallocated[start..start + kk].copy_from_slice(part.unallocated_month(mi));
                for s in 0..part.source_count() {
                    with_data[(s + source_shift) * span + at + mi] = part.source_has_data(s, mi);
                }
            }
        }
        Cube {
            areas,
            categories,
            first,
            months: span,
            with_data,
            source_of,
            counts,
            unallocated,
            running: OnceLock::new(),
        }
    }

    /// Axis index of the area with `code`.
    pub fn area_index(&self, code: &str) -> Option<usize> {
        self.areas.iter().position(|a| a.as_str() == code)
    }

    /// Axis index of the category named `name`.
    pub fn category_index(&self, name: &str) -> Option<usize> {
        self.categories.iter().position(|c| c == name)
    }

    /// The count in one cell (0 outside the cube).
    pub fn get(&self, area: usize, month: usize, category: usize) -> u32 {
        if area >= self.areas.len() || month >= self.months || category >= self.categories.len() {
            return 0;
        }
        let i = (area * self.months + month) * self.categories.len() + category;
        self.counts[i]
    }

    /// The not-allocated count for one month and category.
    pub fn unallocated(&self, month: usize, category: usize) -> u32 {
        if month >= self.months || category >= self.categories.len() {
            return 0;
        }
        self.unallocated[month * self.categories.len() + category]
    }

    /// The slice of counts for one area and month, one per category.
    pub fn area_month(&self, area: usize, month: usize) -> &[u32] {
        let k = self.categories.len();
        let start = (area * self.months + month) * k;
        &self.counts[start..start + k]
    }

    /// The not-allocated counts for one month, one per category.
    pub fn unallocated_month(&self, month: usize) -> &[u32] {
        let k = self.categories.len();
        let start = month * k;
        &self.unallocated[start..start + k]
    }

    /// Running totals along the month axis, month-major so that one
    /// month's totals for every area lie together: entry
    /// `(month * areas + area) * categories + category` is that area's
    /// count of the category from the first month up to `month`
    /// inclusive, so a period's count is the difference of two entries.
    /// Built on first use (one pass; as much memory again as the counts)
    /// and kept; `None` when a running total would exceed `u32::MAX`,
    /// which callers handle by summing months instead.
    pub fn running_totals(&self) -> Option<&[u32]> {
        self.running
            .get_or_init(|| {
                let k = self.categories.len();
                let row = self.areas.len() * k;
                let mut running = vec![0u32; self.months * row];
                for mi in 0..self.months {
                    let (done, rest) = running.split_at_mut(mi * row);
                    // Empty for the first month: nothing before it.
                    let before = &done[done.len().saturating_sub(row)..];
                    let now = &mut rest[..row];
                    for (a, cells) in now.chunks_exact_mut(k.max(1)).enumerate() {
                        let counts = self.area_month(a, mi);
                        for (c, (cell, &n)) in cells.iter_mut().zip(counts).enumerate() {
                            let earlier = before.get(a * k + c).copied().unwrap_or(0);
                            *cell = earlier.checked_add(n)?;
                        }
                    }
                }
                Some(running)
            })
            .as_deref()
    }

    /// Sum of all counts, allocated or not.
    pub fn grand_total(&self) -> u64 {
        self.counts.iter().map(|&c| u64::from(c)).sum::<u64>()
            + self.unallocated.iter().map(|&c| u64::from(c)).sum::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    #[test]
    fn running_totals_accumulate_months_per_area_and_category() {
        let mut b = CubeBuilder::new().with_categories(["Burglary", "Drugs"]);
        b.add(Some("A"), m("2024-01"), "Burglary", 3);
        b.add(Some("A"), m("2024-03"), "Burglary", 4);
        b.add(Some("A"), m("2024-02"), "Drugs", 1);
        b.add(Some("B"), m("2024-02"), "Drugs", 6);
        let cube = b.build().unwrap();
        // Layout: Jan (area A, area B), Feb, Mar; (Burglary, Drugs) each.
        assert_eq!(
            cube.running_totals().unwrap(),
            &[3, 0, 0, 0, 3, 1, 0, 6, 7, 1, 0, 6]
        );
        assert_eq!(cube, cube.clone(), "the cache is not part of equality");
    }

    #[test]
    fn running_totals_past_u32_are_refused_not_wrapped() {
        let mut b = CubeBuilder::new();
        b.add(Some("A"), m("2024-01"), "Drugs", u64::from(u32::MAX));
        b.add(Some("A"), m("2024-02"), "Drugs", 1);
        let cube = b.build().unwrap();
        assert_eq!(cube.running_totals(), None);
    }

    #[test]
    fn a_second_source_keeps_its_own_months_with_data() {
        let mut police = CubeBuilder::new();
        for month in ["2024-01", "2024-02", "2024-03"] {
            police.add(Some("W1"), m(month), "Burglary", 5);
        }
        police.add(None, m("2024-02"), "Burglary", 1);
        let police = police.build().unwrap();
        let mut council = CubeBuilder::new();
        for (month, n) in [("2024-02", 7), ("2024-03", 0), ("2024-04", 9)] {
            council.add(Some("W1"), m(month), "Council ASB", n);
        }
        council.add(Some("W2"), m("2024-04"), "Council ASB", 2);
        let both = police.beside(&council.build().unwrap());
        assert_eq!(both.month_count(), 4, "Jan to Apr");
        assert_eq!(both.categories(), ["Burglary", "Council ASB"]);
        assert_eq!(both.sources_of_categories(), [0, 1]);
        let flags = |s: usize| {
            (0..4)
                .map(|mi| both.source_has_data(s, mi))
                .collect::<Vec<_>>()
        };
        assert_eq!(flags(0), [true, true, true, false], "police: Jan to Mar");
        assert_eq!(flags(1), [false, true, true, true], "council: Feb to Apr");
        assert!((0..4).all(|mi| both.has_data(mi)));
        let (w1, w2) = (
            both.area_index("W1").unwrap(),
            both.area_index("W2").unwrap(),
        );
        assert_eq!(both.area_month(w1, 1), [5, 7]);
        assert_eq!(both.area_month(w2, 3), [0, 2]);
        assert_eq!(both.unallocated_month(1), [1, 0]);
        assert_eq!(both.grand_total(), 15 + 1 + 16 + 2);
    }

    #[test]
    fn categories_can_be_left_out() {
        let mut b = CubeBuilder::new().with_categories(["Burglary", "Council ASB", "Drugs"]);
        b.add(Some("W1"), m("2024-01"), "Burglary", 1);
        b.add(Some("W1"), m("2024-01"), "Drugs", 3);
        b.add(None, m("2024-02"), "Drugs", 4);
        let c = b.build().unwrap().without_categories(&[false, true, false]);
        assert_eq!(c.categories(), ["Burglary", "Drugs"]);
        assert_eq!(c.area_month(0, 0), [1, 3]);
        assert_eq!(c.unallocated_month(1), [0, 4]);
        assert!(c.has_data(0) && c.has_data(1));
    }
}
