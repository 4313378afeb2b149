//! Rates per 1,000 residents with Byar's 95% interval, and the verdict of
//! an area's rate against the whole's.
//!
//! A rate is over the period counted (12 months → an annual rate); it is
//! not scaled to a year. The whole's rate is the count of the areas with a
//! population over their total population: counts not allocated to an area
//! have no residents and are left out of both.

use serde::Serialize;

use super::stats::byar_interval;

/// A rate per 1,000 residents with its 95% interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rate {
    /// Count ÷ population × 1000.
    pub per_1000: f64,
    /// Lower end of Byar's 95% interval (0 when the count is 0).
    pub low: f64,
    /// Upper end of Byar's 95% interval.
    pub high: f64,
}

/// An area's rate against the whole's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VsWhole {
    /// The whole interval lies above the whole's rate.
    Higher,
    /// The interval contains the whole's rate.
    Similar,
    /// The whole interval lies below the whole's rate.
    Lower,
}

impl VsWhole {
    /// The wording used on screen and in exports.
    pub fn label(self) -> &'static str {
        match self {
            VsWhole::Higher => "higher",
            VsWhole::Similar => "similar",
            VsWhole::Lower => "lower",
        }
    }
}

/// The rate of `count` among `population` residents; `None` without
/// residents (never a division by zero).
pub fn rate(count: u64, population: u64) -> Option<Rate> {
    if population == 0 {
        return None;
    }
    let scale = 1000.0 / population as f64;
    let (low, high) = byar_interval(count);
    Some(Rate {
        per_1000: count as f64 * scale,
        low: low * scale,
        high: high * scale,
    })
}

/// Compares a rate's interval with the whole's rate.
pub fn vs_whole(rate: &Rate, whole_per_1000: f64) -> VsWhole {
    if rate.low > whole_per_1000 {
        VsWhole::Higher
    } else if rate.high < whole_per_1000 {
        VsWhole::Lower
    } else {
        VsWhole::Similar
    }
}

/// The whole's rate from per-area counts and populations: the areas with
/// a population only. `None` when no area has residents.
pub fn whole_rate(counts: &[u64], populations: &[Option<u64>]) -> Option<Rate> {
    let (mut count, mut people) = (0u64, 0u64);
    for (&c, p) in counts.iter().zip(populations) {
        if let Some(p) = p.filter(|&p| p > 0) {
            count += c;
            people += p;
        }
    }
    rate(count, people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_intervals_by_hand() {
        // O = 10: lower = 10·(1 − 1/90 − 1.959964/(3·√10))³ = 4.787450,
        // upper = 11·(1 − 1/99 + 1.959964/(3·√11))³ = 18.391459 (Python).
        let r = rate(10, 2000).unwrap();
        assert!((r.per_1000 - 5.0).abs() < 1e-12);
        assert!((r.low - 4.787_450 / 2.0).abs() < 1e-6, "{}", r.low);
        assert!((r.high - 18.391_459 / 2.0).abs() < 1e-6, "{}", r.high);
        let zero = rate(0, 1000).unwrap();
        assert_eq!((zero.per_1000, zero.low), (0.0, 0.0));
        assert!(zero.high > 3.6 && zero.high < 3.8, "{}", zero.high);
        assert_eq!(rate(5, 0), None, "no residents, no rate");
    }

    #[test]
    fn verdict_against_the_whole() {
        let r = rate(10, 2000).unwrap(); // 5.0 per 1,000, interval ≈ 2.39–9.20
        assert_eq!(vs_whole(&r, 2.0), VsWhole::Higher);
        assert_eq!(vs_whole(&r, 5.0), VsWhole::Similar);
        assert_eq!(vs_whole(&r, 9.3), VsWhole::Lower);
        let w = whole_rate(&[10, 30, 99], &[Some(2000), Some(1000), None]).unwrap();
        assert!(
            (w.per_1000 - 40.0 / 3.0).abs() < 1e-12,
            "the area without residents is left out"
        );
        assert_eq!(whole_rate(&[4], &[Some(0)]), None);
    }
}
