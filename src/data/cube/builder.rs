//! [`CubeBuilder`]: a [`Cube`] built by streaming counts in any order.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Cube;
use crate::data::area::AreaCode;
use crate::data::month::Month;

/// The counts of one month: dense counters by category and area, so that
/// counting a row hashes no cell (a country's counts file has millions of
/// rows: a hash map of cells took most of the time reading it).
#[derive(Debug)]
struct MonthCells {
    month: Month,
    /// `cells[category][area]`, each grown as areas appear.
    cells: Vec<Vec<u32>>,
    /// Counts with no area, by category.
    unallocated: Vec<u32>,
}

/// Adds `n` to `cells[i]`, growing `cells` to reach it; notes a count
/// passing `u32::MAX` in `overflow`.
fn add_at(cells: &mut Vec<u32>, i: usize, n: u64, overflow: &mut bool) {
    if i >= cells.len() {
        cells.resize(i + 1, 0);
    }
    let sum = u64::from(cells[i]) + n;
    *overflow |= sum > u64::from(u32::MAX);
    cells[i] = sum.min(u64::from(u32::MAX)) as u32;
}

/// Builds a [`Cube`] by streaming counts in any order. Memory grows with
/// the areas, months and categories met (as the cube's own), not with the
/// number of rows added.
#[derive(Debug, Default)]
pub struct CubeBuilder {
    area_index: HashMap<String, u32>,
    areas: Vec<AreaCode>,
    category_index: HashMap<String, u32>,
    categories: Vec<String>,
    /// Every month met, in order.
    months: Vec<MonthCells>,
    /// The index in `months` of the month counted last, and the area id
    /// counted last: a counts file is in month and area order, so most
    /// rows find both without a search.
    last: (usize, Option<u32>),
    /// True once a single count passed `u32::MAX` (the cube cannot hold it).
    overflow: bool,
    /// (source, month) pairs that had rows (even of 0), sorted.
    with_data: Vec<(usize, Month)>,
    /// The source of each category id (absent: 0, the main one).
    source_of: Vec<usize>,
    /// True when only the areas given up front are taken ([`Self::only_these_areas`]).
    closed: bool,
    min_month: Option<Month>,
    max_month: Option<Month>,
}

impl CubeBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fixes the order of the area axis up front (areas met later are
    /// appended).
    pub fn with_areas<'a>(mut self, codes: impl IntoIterator<Item = &'a str>) -> Self {
        for c in codes {
            self.area_id(c);
        }
        self
    }

    /// Fixes the order of the category axis up front.
    pub fn with_categories<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        for n in names {
            self.category_id(n);
        }
        self
    }

    /// Takes only the areas given so far ([`with_areas`](Self::with_areas)):
    /// [`add`](Self::add) refuses a count of any other area (the caller
    /// reports its row as outside the load's areas).
    pub fn only_these_areas(mut self) -> Self {
        self.closed = true;
        self
    }

    /// Sets the source of each category named so far (in axis order; 0 =
    /// the main one), for categories from several sources: each source has
    /// its own months with data.
    pub fn with_sources(mut self, source_of: Vec<usize>) -> Self {
        self.source_of = source_of;
        self
    }

    /// Makes sure `month` is inside the month axis even with no counts
    /// (a month without data unless rows are added to it).
    pub fn cover_month(&mut self, month: Month) {
        self.min_month = Some(self.min_month.map_or(month, |m| m.min(month)));
        self.max_month = Some(self.max_month.map_or(month, |m| m.max(month)));
    }

    fn area_id(&mut self, code: &str) -> u32 {
        if let Some(&id) = self.area_index.get(code) {
            return id;
        }
        let id = self.areas.len() as u32;
        self.areas.push(AreaCode::from(code));
        self.area_index.insert(code.to_string(), id);
        id
    }

    /// The id of area `code`, the last one's without a search; `None`
    /// for an area not taken ([`only_these_areas`](Self::only_these_areas)).
    fn area_of(&mut self, code: &str) -> Option<u32> {
        if let Some(id) = self
            .last
            .1
            .filter(|&id| self.areas[id as usize].as_str() == code)
        {
            return Some(id);
        }
        let id = match self.closed {
            true => *self.area_index.get(code)?,
            false => self.area_id(code),
        };
        self.last.1 = Some(id);
        Some(id)
    }

    fn category_id(&mut self, name: &str) -> u32 {
        // A few categories are found faster by looking than by hashing.
        let found = match self.categories.len() {
            0..=32 => self.categories.iter().position(|c| c == name),
            _ => self.category_index.get(name).map(|&id| id as usize),
        };
        if let Some(id) = found {
            return id as u32;
        }
        let id = self.categories.len() as u32;
        self.categories.push(name.to_string());
        self.category_index.insert(name.to_string(), id);
        id
    }

    /// The counters of `month`, the last one's without a search.
    fn month_cells(&mut self, month: Month) -> &mut MonthCells {
        if self
            .months
            .get(self.last.0)
            .is_none_or(|m| m.month != month)
        {
            self.last.0 = match self.months.binary_search_by_key(&month, |m| m.month) {
                Ok(i) => i,
                Err(i) => {
                    let empty = MonthCells {
                        month,
                        cells: Vec::new(),
                        unallocated: Vec::new(),
                    };
                    self.months.insert(i, empty);
                    i
                }
            };
        }
        &mut self.months[self.last.0]
    }

    /// Adds `count` to a cell; `area = None` means not allocated to an area.
    /// The month has data of the category's source from then on, even when
    /// `count` is 0. `false` (and nothing counted) for an area not taken
    /// ([`only_these_areas`](Self::only_these_areas)).
    pub fn add(&mut self, area: Option<&str>, month: Month, category: &str, count: u64) -> bool {
        self.cover_month(month);
        let cat = self.category_id(category) as usize;
        // Categories given no source (`with_sources`) are the first source's.
        let source = self.source_of.get(cat).copied().unwrap_or(0);
        if let Err(at) = self.with_data.binary_search(&(source, month)) {
            self.with_data.insert(at, (source, month));
        }
        let area = match area {
            None => None,
            Some(code) => match self.area_of(code) {
                Some(id) => Some(id as usize),
                None => return false,
            },
        };
        let mut overflow = self.overflow;
        let slot = self.month_cells(month);
        match area {
            None => add_at(&mut slot.unallocated, cat, count, &mut overflow),
            Some(a) => {
                if cat >= slot.cells.len() {
                    slot.cells.resize_with(cat + 1, Vec::new);
                }
                add_at(&mut slot.cells[cat], a, count, &mut overflow);
            }
        }
        self.overflow = overflow;
        true
    }

    /// Finishes the cube. Fails only when a single cell exceeds `u32::MAX`.
    pub fn build(self) -> Result<Cube, CubeError> {
        if self.overflow {
            return Err(CubeError::Overflow);
        }
        let first = self.min_month.unwrap_or(Month::JAN_2000);
        let months = match self.max_month {
            Some(last) => (first.months_until(last) + 1) as usize,
            None => 0,
        };
        let k = self.categories.len();
        let mut counts = vec![0u32; self.areas.len() * months * k];
        let mut unallocated = vec![0u32; months * k];
        let mut source_of = self.source_of;
        source_of.resize(self.categories.len(), 0);
        let sources = source_of.iter().copied().max().unwrap_or(0) + 1;
        let mut with_data = vec![false; sources * months];
        for &(s, m) in &self.with_data {
            let mi = first.months_until(m) as usize;
            with_data[s * months + mi] = true;
        }
        for slot in &self.months {
            let mi = first.months_until(slot.month) as usize;
            for (c, &n) in slot.unallocated.iter().enumerate() {
                unallocated[mi * k + c] = n;
            }
            for (c, by_area) in slot.cells.iter().enumerate() {
                for (a, &n) in by_area.iter().enumerate() {
                    counts[(a * months + mi) * k + c] = n;
                }
            }
        }
        Ok(Cube {
            areas: self.areas,
            categories: self.categories,
            first,
            months,
            with_data,
            source_of,
            counts,
            unallocated,
            running: OnceLock::new(),
        })
    }
}

/// Why a cube could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CubeError {
    /// A single cell would hold more than 4,294,967,295.
    #[error("a single count exceeds 4,294,967,295, which the explorer cannot hold")]
    Overflow,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    #[test]
    fn streams_into_a_dense_cube_with_gaps_filled() {
        let mut b = CubeBuilder::new();
        b.add(Some("E05000001"), m("2024-01"), "Burglary", 3);
        b.add(Some("E05000001"), m("2024-01"), "Burglary", 2);
        b.add(Some("E05000002"), m("2024-03"), "Drugs", 7);
        b.add(None, m("2024-02"), "Drugs", 4);
        let cube = b.build().unwrap();
        assert_eq!(cube.month_count(), 3, "Jan..Mar with Feb filled in");
        let a1 = cube.area_index("E05000001").unwrap();
        let a2 = cube.area_index("E05000002").unwrap();
        let burg = cube.category_index("Burglary").unwrap();
        let drugs = cube.category_index("Drugs").unwrap();
        assert_eq!(cube.get(a1, 0, burg), 5);
        assert_eq!(cube.get(a2, 2, drugs), 7);
        assert_eq!(cube.get(a2, 1, drugs), 0);
        assert_eq!(cube.unallocated(1, drugs), 4);
        assert_eq!(cube.grand_total(), 16);
        assert_eq!(cube.last_month(), m("2024-03"));
        assert!((0..3).all(|mi| cube.has_data(mi)));
    }

    #[test]
    fn a_month_with_no_rows_has_no_data_and_a_row_of_zero_is_data() {
        let mut b = CubeBuilder::new();
        b.add(Some("A"), m("2024-01"), "Drugs", 2);
        b.add(Some("A"), m("2024-03"), "Drugs", 0);
        b.cover_month(m("2024-05"));
        let cube = b.build().unwrap();
        assert_eq!(cube.month_count(), 5);
        let flags: Vec<bool> = (0..5).map(|mi| cube.has_data(mi)).collect();
        assert_eq!(flags, [true, false, true, false, false]);
        assert_eq!(
            cube.months_without_data(),
            [m("2024-02"), m("2024-04"), m("2024-05")]
        );
        assert!(!cube.has_data(9), "outside the range");
    }

    #[test]
    fn a_builder_with_sources_marks_each_source_s_months() {
        let mut b = CubeBuilder::new()
            .with_categories(["Burglary", "Council ASB"])
            .with_sources(vec![0, 1]);
        b.add(Some("W1"), m("2024-01"), "Burglary", 1);
        b.add(Some("W1"), m("2024-02"), "Council ASB", 0);
        let c = b.build().unwrap();
        assert_eq!(c.source_count(), 2);
        assert!(c.source_has_data(0, 0) && !c.source_has_data(0, 1));
        assert!(!c.source_has_data(1, 0) && c.source_has_data(1, 1));
    }

    #[test]
    fn counts_in_any_order_add_up_cell_by_cell() {
        // Months out of order, areas and categories met late, a cell added
        // to again after others, an area given up front with no counts.
        let mut b = CubeBuilder::new()
            .with_areas(["A", "Z"])
            .with_categories(["Drugs"]);
        let rows = [
            (Some("A"), "2024-03", "Drugs", 1),
            (Some("B"), "2024-01", "Burglary", 2),
            (None, "2024-02", "Drugs", 3),
            (Some("A"), "2024-03", "Burglary", 4),
            (Some("B"), "2024-01", "Burglary", 5),
            (Some("A"), "2024-03", "Drugs", 6),
            (None, "2024-02", "Drugs", 7),
            (Some("C"), "2024-02", "Robbery", 8),
        ];
        for (area, month, category, n) in rows {
            assert!(b.add(area, m(month), category, n));
        }
        let cube = b.build().unwrap();
        let codes: Vec<&str> = cube.areas().iter().map(|a| a.as_str()).collect();
        assert_eq!(codes, ["A", "Z", "B", "C"]);
        assert_eq!(cube.categories(), ["Drugs", "Burglary", "Robbery"]);
        // Every cell against a plain sum of the rows.
        for (a, code) in codes.iter().enumerate() {
            for (mi, month) in ["2024-01", "2024-02", "2024-03"].iter().enumerate() {
                for (c, category) in cube.categories().iter().enumerate() {
                    let want: u64 = rows
                        .iter()
                        .filter(|r| r.0 == Some(*code) && r.1 == *month && r.2 == category)
                        .map(|r| r.3)
                        .sum();
                    assert_eq!(
                        u64::from(cube.get(a, mi, c)),
                        want,
                        "{code} {month} {category}"
                    );
                    let unallocated: u64 = rows
                        .iter()
                        .filter(|r| r.0.is_none() && r.1 == *month && r.2 == category)
                        .map(|r| r.3)
                        .sum();
                    assert_eq!(u64::from(cube.unallocated(mi, c)), unallocated);
                }
            }
        }
    }

    #[test]
    fn a_cell_past_the_largest_count_is_an_error_and_an_area_not_taken_is_refused() {
        let mut b = CubeBuilder::new();
        b.add(Some("A"), m("2024-01"), "Drugs", u64::from(u32::MAX));
        assert_eq!(b.build().map(|c| c.grand_total()), Ok(u64::from(u32::MAX)));
        let mut b = CubeBuilder::new();
        b.add(Some("A"), m("2024-01"), "Drugs", u64::from(u32::MAX));
        b.add(Some("A"), m("2024-01"), "Drugs", 1);
        assert_eq!(b.build(), Err(CubeError::Overflow));
        let mut b = CubeBuilder::new();
        b.add(None, m("2024-01"), "Drugs", u64::from(u32::MAX) + 1);
        assert_eq!(b.build(), Err(CubeError::Overflow));

        let mut b = CubeBuilder::new().with_areas(["A"]).only_these_areas();
        assert!(b.add(Some("A"), m("2024-01"), "Drugs", 1));
        assert!(!b.add(Some("B"), m("2024-01"), "Drugs", 1));
        assert!(
            b.add(Some("A"), m("2024-01"), "Drugs", 1),
            "A again, after B"
        );
        let cube = b.build().unwrap();
        assert_eq!((cube.areas().len(), cube.grand_total()), (1, 2));
    }
}
