//! [`CubeBuilder`]: a [`Cube`] built by streaming counts in any order.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Cube;
use crate::data::area::AreaCode;
use crate::data::month::Month;

/// The builder's area id for counts with no area.
const NOT_ALLOCATED: u32 = u32::MAX;

/// Builds a [`Cube`] by streaming counts in any order. Memory grows with
/// the number of distinct cells, not the number of rows added.
#[derive(Debug, Default)]
pub struct CubeBuilder {
    area_index: HashMap<String, u32>,
    areas: Vec<AreaCode>,
    category_index: HashMap<String, u32>,
    categories: Vec<String>,
    /// Keyed by (area id, month, category id); area id `NOT_ALLOCATED` holds
    /// counts with no area (one map type keeps the wasm smaller).
    cells: HashMap<(u32, Month, u32), u64>,
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

    fn category_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.category_index.get(name) {
            return id;
        }
        let id = self.categories.len() as u32;
        self.categories.push(name.to_string());
        self.category_index.insert(name.to_string(), id);
        id
    }

    /// Adds `count` to a cell; `area = None` means not allocated to an area.
    /// The month has data of the category's source from then on, even when
    /// `count` is 0. `false` (and nothing counted) for an area not taken
    /// ([`only_these_areas`](Self::only_these_areas)).
    pub fn add(&mut self, area: Option<&str>, month: Month, category: &str, count: u64) -> bool {
        self.cover_month(month);
        let cat = self.category_id(category);
        // Categories given no source (`with_sources`) are the first source's.
        let source = self.source_of.get(cat as usize).copied().unwrap_or(0);
        if let Err(at) = self.with_data.binary_search(&(source, month)) {
            self.with_data.insert(at, (source, month));
        }
        let a = match area {
            None => NOT_ALLOCATED,
            Some(code) if self.closed => match self.area_index.get(code) {
                Some(&a) => a,
                None => return false,
            },
            Some(code) => self.area_id(code),
        };
        *self.cells.entry((a, month, cat)).or_insert(0) += count;
        true
    }

    /// Finishes the cube. Fails only when a single cell exceeds `u32::MAX`.
    pub fn build(self) -> Result<Cube, CubeError> {
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
        for ((a, m, c), n) in self.cells {
            let mi = first.months_until(m) as usize;
            let n = u32::try_from(n).map_err(|_| CubeError::Overflow)?;
            if a == NOT_ALLOCATED {
                unallocated[mi * k + c as usize] = n;
            } else {
                counts[(a as usize * months + mi) * k + c as usize] = n;
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
}
