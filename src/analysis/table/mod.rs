//! Comparison tables: one [`Comparison`] per category, group or area, in a
//! deliberate order, and the same table as it may be shown ([`ShownRow`]).
//!
//! Order: the rows that add up to the total ("parts") by current count,
//! largest first, ties by name then key; then the total row; then rows
//! outside the total (anti-social behaviour, which is not crime).

mod shown;

use serde::Serialize;

use crate::data::Dataset;

use super::compare::{comparison_from_counts, Comparison, Scope};
use super::period::{PeriodError, PeriodPair};
use super::selection::Selection;
use super::totals::{sum_u64_masked, PeriodTotals, Which};

pub use shown::{show_table, ShownRow};

/// What the rows of a table are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum By {
    /// One row per category; the total is all crime (excluding ASB).
    Category,
    /// One row per group; the total is all crime (excluding ASB).
    Group,
    /// One row per area of the cube for the selection, plus a row for
    /// counts not allocated to an area; the total is the whole. The scope
    /// does not apply (every area is listed).
    Area(Selection),
}

/// How a row relates to the table's total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// Adds up, with the other parts, to the total row.
    Part,
    /// The total of the parts.
    Total,
    /// Outside the total (e.g. anti-social behaviour).
    Separate,
}

/// One row of a comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    /// Machine key: a category or group name, `all-crime`, an area code,
    /// `not-allocated` or `whole`.
    pub key: String,
    /// Name for people.
    pub name: String,
    /// How the row relates to the total.
    pub role: RowRole,
    /// The figures. For [`By::Area`], `share_pct` is the area's share of
    /// the whole's count of the same selection.
    pub comparison: Comparison,
}

/// Builds the table for `scope` over `pair` (one pass over the cube).
pub fn compare_by(
    ds: &Dataset,
    scope: Scope,
    pair: &PeriodPair,
    by: &By,
) -> Result<Vec<CompareRow>, PeriodError> {
    pair.check_within(ds.cube.first_month(), ds.cube.last_month())?;
    let totals = PeriodTotals::new(&ds.cube, pair);
    Ok(compare_table(ds, &totals, scope, by))
}

/// Builds the table from totals already summed.
pub fn compare_table(ds: &Dataset, t: &PeriodTotals, scope: Scope, by: &By) -> Vec<CompareRow> {
    let rows = Rows { ds, t };
    let mut out = match by {
        By::Category => rows.parts(scope, category_selections(ds)),
        By::Group => rows.parts(scope, group_selections(ds)),
        By::Area(selection) => rows.areas(selection),
    };
    order_rows(&mut out);
    out
}

/// A selection per category, named by it.
fn category_selections(ds: &Dataset) -> Vec<(Selection, String)> {
    ds.categories
        .iter()
        .map(|c| (Selection::Category(c.name.clone()), c.name.clone()))
        .collect()
}

/// A selection per group, named by it.
fn group_selections(ds: &Dataset) -> Vec<(Selection, String)> {
    ds.categories
        .groups()
        .into_iter()
        .map(|g| (Selection::Group(g.to_string()), g.to_string()))
        .collect()
}

/// Makes the rows of a table from the period totals.
struct Rows<'a> {
    ds: &'a Dataset,
    t: &'a PeriodTotals,
}

impl Rows<'_> {
    /// One row: the comparison of `counts` (previous, current) of
    /// `selection`, its share of `share_of` (none for a separate row).
    fn row(
        &self,
        (key, name): (&str, &str),
        role: RowRole,
        selection: Selection,
        (previous, current): (u64, u64),
        share_of: u64,
    ) -> CompareRow {
        let coverage = self.t.coverage(&selection.mask(&self.ds.categories));
        let mut c = comparison_from_counts(
            selection,
            previous,
            current,
            share_of,
            &self.t.pair,
            coverage,
        );
        if role == RowRole::Separate {
            c.share_pct = None;
        }
        CompareRow {
            key: key.to_string(),
            name: name.to_string(),
            role,
            comparison: c,
        }
    }

    /// A row per selection of `scope` (a part of all crime when every
    /// category in it is crime, else separate), and the all-crime total.
    fn parts(&self, scope: Scope, selections: Vec<(Selection, String)>) -> Vec<CompareRow> {
        let categories = &self.ds.categories;
        let all_mask = Selection::AllCrime.mask(categories);
        let all_current = self.t.total(scope, &all_mask, Which::Current);
        let (prev, cur) = (
            self.t.scope(scope, Which::Previous),
            self.t.scope(scope, Which::Current),
        );
        let counts = |mask: &[bool]| (sum_u64_masked(prev, mask), sum_u64_masked(cur, mask));
        let mut rows = Vec::with_capacity(selections.len() + 1);
        for (selection, name) in selections {
            let mask = selection.mask(categories);
            let all_crime = categories.iter().zip(&mask).all(|(c, &m)| !m || c.is_crime);
            let role = if all_crime {
                RowRole::Part
            } else {
                RowRole::Separate
            };
            let counts = counts(&mask);
            rows.push(self.row((&name, &name), role, selection, counts, all_current));
        }
        let name = Selection::AllCrime.label();
        rows.push(self.row(
            ("all-crime", &name),
            RowRole::Total,
            Selection::AllCrime,
            counts(&all_mask),
            all_current,
        ));
        rows
    }

    /// A row per area of the cube for `selection`, one for the counts not
    /// allocated to an area (when there are any), and the whole; each with
    /// its share of the whole.
    fn areas(&self, selection: &Selection) -> Vec<CompareRow> {
        let (ds, t) = (self.ds, self.t);
        let mask = selection.mask(&ds.categories);
        let whole_cur = t.total(Scope::Whole, &mask, Which::Current);
        let part = |key: &str, name: &str, counts: (u64, u64)| {
            let r = self.row((key, name), RowRole::Part, selection.clone(), counts, 0);
            with_share(r, counts.1, whole_cur)
        };
        let mut rows: Vec<CompareRow> = ds
            .cube
            .areas()
            .iter()
            .enumerate()
            .map(|(a, code)| {
                let p = t.total(Scope::Area(a), &mask, Which::Previous);
                let c = t.total(Scope::Area(a), &mask, Which::Current);
                part(code.as_str(), ds.area_name(code.as_str()), (p, c))
            })
            .collect();
        let p = sum_u64_masked(t.unallocated(Which::Previous), &mask);
        let c = sum_u64_masked(t.unallocated(Which::Current), &mask);
        if p > 0 || c > 0 {
            rows.push(part("not-allocated", "Not allocated to an area", (p, c)));
        }
        let p = t.total(Scope::Whole, &mask, Which::Previous);
        let whole = self.row(
            ("whole", "Whole area"),
            RowRole::Total,
            selection.clone(),
            (p, whole_cur),
            0,
        );
        rows.push(with_share(whole, whole_cur, whole_cur));
        rows
    }
}

fn with_share(mut r: CompareRow, part: u64, whole: u64) -> CompareRow {
    r.comparison.share_pct = (whole > 0).then(|| part as f64 / whole as f64 * 100.0);
    r
}

fn order_rows(rows: &mut [CompareRow]) {
    let role_order = |r: RowRole| match r {
        RowRole::Part => 0,
        RowRole::Total => 1,
        RowRole::Separate => 2,
    };
    rows.sort_by(|a, b| {
        role_order(a.role)
            .cmp(&role_order(b.role))
            .then(b.comparison.current.cmp(&a.comparison.current))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.key.cmp(&b.key))
    });
}

#[cfg(test)]
mod tests {
    // Hand-checked comparison tables (their disclosure control: `shown`).

    use super::*;
    use crate::analysis::Period;
    use crate::data::{Area, Categories, CubeBuilder, Month, ASB};

    pub(super) fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    pub(super) fn pair() -> PeriodPair {
        PeriodPair {
            previous: Period::parse("2024-01").unwrap(),
            current: Period::parse("2024-02").unwrap(),
        }
    }

    /// Whole-dataset counts, previous (Jan) → current (Feb):
    /// Burglary 10 → 20, Drugs 12 → 3, Robbery 6 → 7, Vehicle crime 2 → 0,
    /// ASB 4 → 40. All crime 30 → 30. W1 holds everything except 5 drugs in
    /// Jan, which are not allocated; W2 has the robberies.
    pub(super) fn fixture() -> Dataset {
        let mut b = CubeBuilder::new();
        for (area, month, cat, n) in [
            (Some("W1"), "2024-01", "Burglary", 10),
            (Some("W1"), "2024-02", "Burglary", 20),
            (Some("W1"), "2024-01", "Drugs", 7),
            (None, "2024-01", "Drugs", 5),
            (Some("W1"), "2024-02", "Drugs", 3),
            (Some("W2"), "2024-01", "Robbery", 6),
            (Some("W2"), "2024-02", "Robbery", 7),
            (Some("W1"), "2024-01", "Vehicle crime", 2),
            (Some("W1"), "2024-01", ASB, 4),
            (Some("W1"), "2024-02", ASB, 40),
        ] {
            b.add(area, m(month), cat, n);
        }
        let areas = vec![
            Area::named("W1", "Westfield"),
            Area::named("W2", "Eastfield"),
        ];
        Dataset::new(b.build().unwrap(), areas, &Categories::default())
    }

    fn keys(rows: &[CompareRow]) -> Vec<&str> {
        rows.iter().map(|r| r.key.as_str()).collect()
    }

    #[test]
    fn category_table_order_totals_and_shares() {
        let ds = fixture();
        let rows = compare_by(&ds, Scope::Whole, &pair(), &By::Category).unwrap();
        assert_eq!(
            keys(&rows),
            vec![
                "Burglary",
                "Robbery",
                "Drugs",
                "Vehicle crime",
                "all-crime",
                ASB
            ]
        );
        let total = &rows[4];
        assert_eq!(total.role, RowRole::Total);
        assert_eq!(
            (total.comparison.previous, total.comparison.current),
            (30, 30)
        );
        let burglary = &rows[0].comparison;
        assert_eq!(
            (burglary.previous, burglary.current, burglary.change),
            (10, 20, 10)
        );
        assert!((burglary.share_pct.unwrap() - 200.0 / 3.0).abs() < 1e-12);
        assert_eq!(rows[5].role, RowRole::Separate);
        assert_eq!(rows[5].comparison.share_pct, None, "ASB is not crime");
        // Parts add up to the total in both columns.
        for (get, want) in [(0, 30u64), (1, 30)] {
            let sum: u64 = rows
                .iter()
                .filter(|r| r.role == RowRole::Part)
                .map(|r| {
                    if get == 0 {
                        r.comparison.previous
                    } else {
                        r.comparison.current
                    }
                })
                .sum();
            assert_eq!(sum, want);
        }
    }

    #[test]
    fn area_scope_and_group_table() {
        let ds = fixture();
        let w1 = ds.cube.area_index("W1").unwrap();
        let rows = compare_by(&ds, Scope::Area(w1), &pair(), &By::Group).unwrap();
        // W1: acquisitive (burglary + vehicle) 12 → 20, drugs 7 → 3, ASB 4 → 40;
        // robbery (acquisitive) is all in W2.
        let acq = rows.iter().find(|r| r.key == "Acquisitive crime").unwrap();
        assert_eq!((acq.comparison.previous, acq.comparison.current), (12, 20));
        let total = rows.iter().find(|r| r.role == RowRole::Total).unwrap();
        assert_eq!(
            (total.comparison.previous, total.comparison.current),
            (19, 23)
        );
        let asb = rows.iter().find(|r| r.key == ASB).unwrap();
        assert_eq!(asb.role, RowRole::Separate);
    }

    #[test]
    fn area_table_lists_not_allocated_and_adds_to_the_whole() {
        let ds = fixture();
        let by = By::Area(Selection::AllCrime);
        let rows = compare_by(&ds, Scope::Whole, &pair(), &by).unwrap();
        assert_eq!(keys(&rows), vec!["W1", "W2", "not-allocated", "whole"]);
        assert_eq!(rows[0].name, "Westfield");
        assert_eq!(
            (rows[2].comparison.previous, rows[2].comparison.current),
            (5, 0)
        );
        assert_eq!(
            (rows[3].comparison.previous, rows[3].comparison.current),
            (30, 30)
        );
        // W2: 7 of the whole's 30 now.
        assert!((rows[1].comparison.share_pct.unwrap() - 70.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_period_outside_the_data_is_an_error() {
        let ds = fixture();
        let outside = PeriodPair {
            previous: Period::parse("2023-12").unwrap(),
            current: Period::parse("2024-02").unwrap(),
        };
        let e = compare_by(&ds, Scope::Whole, &outside, &By::Category).unwrap_err();
        assert!(e.to_string().contains("outside the data"), "{e}");
    }
}
