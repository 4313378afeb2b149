//! Monthly series and rolling 12-month totals for any selection.

use crate::data::{Dataset, Month};

use super::compare::{period_total, Scope};
use super::period::Period;
use super::selection::Selection;

/// One point of a monthly series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthCount {
    /// The month.
    pub month: Month,
    /// The count in that month.
    pub count: u64,
}

/// The count of `selection` in every month of the data, for `scope`.
pub fn monthly(ds: &Dataset, scope: Scope, selection: &Selection) -> Vec<MonthCount> {
    let mask = selection.mask(&ds.categories);
    ds.cube
        .months()
        .map(|month| MonthCount {
            month,
            count: period_total(
                &ds.cube,
                scope,
                &mask,
                Period {
                    start: month,
                    end: month,
                },
            ),
        })
        .collect()
}

/// Rolling 12-month totals: one point for each month that has 11 months of
/// data before it, holding the total of those 12 months.
pub fn rolling12(series: &[MonthCount]) -> Vec<MonthCount> {
    series
        .windows(12)
        .filter_map(|w| {
            let last = w.last()?;
            Some(MonthCount {
                month: last.month,
                count: w.iter().map(|p| p.count).sum(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolling_totals_by_hand() {
        let start: Month = "2024-01".parse().unwrap();
        let series: Vec<MonthCount> = (0..14)
            .map(|i| MonthCount {
                month: start.offset(i).unwrap(),
                count: i as u64 + 1,
            })
            .collect();
        let r = rolling12(&series);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].count, (1..=12).sum::<u64>());
        assert_eq!(r[2].count, (3..=14).sum::<u64>());
        assert_eq!(r[2].month.to_string(), "2025-02");
    }
}
