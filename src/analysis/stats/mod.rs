//! Pure statistics behind the analysis: the exact binomial test, exact
//! (Clopper–Pearson) and Byar's intervals, the Poisson rate-ratio test and
//! Spearman's rank correlation. Standard library only. One idea a file:
//! `binomial` (the exact test), `beta` (incomplete beta, its inverse and
//! Clopper–Pearson), `ranks` (average ranks, Spearman); the tests of a
//! change and the rate interval are here.

mod beta;
mod binomial;
mod ranks;

use std::cmp::Ordering;

pub use beta::{beta_quantile, clopper_pearson, regularized_incomplete_beta};
pub use binomial::binomial_two_sided_p;
pub use ranks::{average_ranks, pearson_of_ranks, spearman};

/// The normal quantile for a two-sided 95% interval, as in
/// `../shared/DESIGN.md`.
const Z_95: f64 = 1.959964;

/// The conditional exact test comparing two Poisson counts
/// (`../shared/DESIGN.md`, "Significance of a change").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateRatioTest {
    /// Two-sided p-value; 1 when there is nothing to test.
    pub p_value: f64,
    /// Lower end of the 95% interval for current rate ÷ previous rate.
    pub rr_low: Option<f64>,
    /// Upper end of that interval; `None` when it is infinite (no previous
    /// events) or there is no interval at all.
    pub rr_high: Option<f64>,
}

/// Tests whether the monthly rate changed between a previous period
/// (`previous` events over `previous_months`) and a current one: given
/// n = a + b, b ~ Binomial(n, π₀) with π₀ = L₂/(L₁+L₂). The 95% interval
/// for the rate ratio maps the Clopper–Pearson interval [πL, πU] for b/n
/// through RR = π/(1−π) · L₁/L₂.
///
/// With n = 0, or a period of zero months, there is nothing to test:
/// p = 1 and no interval.
pub fn rate_ratio_test(
    previous: u64,
    current: u64,
    previous_months: u32,
    current_months: u32,
) -> RateRatioTest {
    let untested = RateRatioTest {
        p_value: 1.0,
        rr_low: None,
        rr_high: None,
    };
    let n = previous.saturating_add(current);
    if n == 0 || previous_months == 0 || current_months == 0 {
        return untested;
    }
    let (l1, l2) = (f64::from(previous_months), f64::from(current_months));
    let p_value = binomial_two_sided_p(current, n, l2 / (l1 + l2));
    let Some((pi_low, pi_high)) = clopper_pearson(current, n, 0.95) else {
        return RateRatioTest {
            p_value,
            ..untested
        };
    };
    let ratio = |pi: f64| (pi < 1.0).then(|| pi / (1.0 - pi) * l1 / l2);
    RateRatioTest {
        p_value,
        rr_low: ratio(pi_low),
        rr_high: ratio(pi_high),
    }
}

/// The plain-English outcome of a [`rate_ratio_test`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// p < 0.05 and the current monthly rate is the higher.
    SignificantIncrease,
    /// p < 0.05 and the current monthly rate is the lower.
    SignificantDecrease,
    /// p ≥ 0.05 (or equal rates).
    NoSignificantChange,
    /// Not tested: a period has months without data, so the two are not
    /// compared (see [`crate::analysis::coverage`]).
    NotCompared,
}

impl Verdict {
    /// The wording used on screen: "significant increase", …
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::SignificantIncrease => "significant increase",
            Verdict::SignificantDecrease => "significant decrease",
            Verdict::NoSignificantChange => "no significant change",
            Verdict::NotCompared => "not compared: months without data",
        }
    }
}

/// Runs [`rate_ratio_test`] and classifies it: significant when p < 0.05,
/// the direction from comparing the monthly rates b/L₂ and a/L₁ (exactly,
/// in integers).
pub fn verdict(
    previous: u64,
    current: u64,
    previous_months: u32,
    current_months: u32,
) -> (RateRatioTest, Verdict) {
    let test = rate_ratio_test(previous, current, previous_months, current_months);
    let current_scaled = u128::from(current) * u128::from(previous_months);
    let previous_scaled = u128::from(previous) * u128::from(current_months);
    let verdict = match (test.p_value < 0.05, current_scaled.cmp(&previous_scaled)) {
        (true, Ordering::Greater) => Verdict::SignificantIncrease,
        (true, Ordering::Less) => Verdict::SignificantDecrease,
        _ => Verdict::NoSignificantChange,
    };
    (test, verdict)
}

/// Byar's approximate 95% interval (lower, upper) for a Poisson COUNT
/// `observed` (z = 1.959964): lower = O·(1 − 1/(9O) − z/(3√O))³, 0 when
/// O = 0; upper = (O+1)·(1 − 1/(9(O+1)) + z/(3√(O+1)))³. Divide by the
/// population and multiply by 1000 for a rate per 1,000.
pub fn byar_interval(observed: u64) -> (f64, f64) {
    let o = observed as f64;
    let lower = if observed == 0 {
        0.0
    } else {
        o * (1.0 - 1.0 / (9.0 * o) - Z_95 / (3.0 * o.sqrt())).powi(3)
    };
    let o1 = o + 1.0;
    let upper = o1 * (1.0 - 1.0 / (9.0 * o1) + Z_95 / (3.0 * o1.sqrt())).powi(3);
    (lower, upper)
}

/// Asserts `actual` is within `rel` (relative) of `expected`.
#[cfg(test)]
fn assert_close(actual: f64, expected: f64, rel: f64) {
    let tolerance = rel * expected.abs().max(f64::MIN_POSITIVE);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{actual} is not within {rel:e} of {expected}"
    );
}

/// The earlier, slower algorithms, kept to check the fast ones against.
#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    // Reference values come from SciPy 1.17.1 (Python 3), computed
    // independently of this code; each comment gives the exact call.

    #[test]
    fn rate_ratio_asymmetric_periods() {
        // 30 events in 12 months, then 25 in 6: π₀ = 1/3.
        // binomtest(25, 55, 1/3).pvalue; RR ends = π/(1−π)·12/6 with
        // π = beta.ppf(0.025, 25, 31) and beta.ppf(0.975, 26, 30).
        let test = rate_ratio_test(30, 25, 12, 6);
        assert_close(test.p_value, 0.063_077_555_683_524_69, 1e-7);
        assert_close(test.rr_low.unwrap(), 0.939_882_403_507_018, 1e-9);
        assert_close(test.rr_high.unwrap(), 2.931_636_530_526_682_7, 1e-9);
        // 12 in 6 months, then 2 in 12: π₀ = 12/18. binomtest(2, 14, 2/3)
        // .pvalue; RR ends = π/(1−π)·6/12 with π = beta.ppf(0.025, 2, 13)
        // and beta.ppf(0.975, 3, 12).
        let (test, outcome) = verdict(12, 2, 6, 12);
        assert_close(test.p_value, 8.216_653_714_460_629e-5, 1e-7);
        assert_close(test.rr_low.unwrap(), 0.009_058_448_442_662_405, 1e-9);
        assert_close(test.rr_high.unwrap(), 0.374_323_301_386_325_36, 1e-9);
        assert_eq!(outcome, Verdict::SignificantDecrease);
    }

    #[test]
    fn rate_ratio_large_counts() {
        // binomtest(10415, 20415, 0.5).pvalue; π from beta.ppf as above.
        let (test, outcome) = verdict(10_000, 10_415, 12, 12);
        assert_close(test.p_value, 0.003_760_272_120_481_889_5, 1e-7);
        assert_close(test.rr_low.unwrap(), 1.013_211_732_250_211_2, 1e-9);
        assert_close(test.rr_high.unwrap(), 1.070_582_158_294_640_7, 1e-9);
        assert_eq!(outcome, Verdict::SignificantIncrease);
        assert_eq!(outcome.label(), "significant increase");
    }

    #[test]
    fn rate_ratio_zeros() {
        // 0 then 5: p = 2/32; πL = 0.025^(1/5), πU = 1 (so no upper end).
        let (test, outcome) = verdict(0, 5, 12, 12);
        assert_close(test.p_value, 0.0625, 1e-12);
        let pi = 0.025_f64.powf(0.2);
        assert_close(test.rr_low.unwrap(), pi / (1.0 - pi), 1e-9);
        assert_eq!(test.rr_high, None);
        assert_eq!(outcome, Verdict::NoSignificantChange);
        // 5 then 0: πL = 0, πU = 1 − 0.025^(1/5).
        let test = rate_ratio_test(5, 0, 12, 12);
        assert_eq!(test.rr_low, Some(0.0));
        assert_close(test.rr_high.unwrap(), 1.091_279_105_182_546, 1e-9);
        let nothing = RateRatioTest {
            p_value: 1.0,
            rr_low: None,
            rr_high: None,
        };
        assert_eq!(
            verdict(0, 0, 12, 12),
            (nothing, Verdict::NoSignificantChange)
        );
        assert_eq!(rate_ratio_test(4, 9, 0, 12), nothing);
        assert_eq!(
            Verdict::NoSignificantChange.label(),
            "no significant change"
        );
        assert_eq!(Verdict::SignificantDecrease.label(), "significant decrease");
    }

    #[test]
    fn byar_by_hand() {
        // Python: z=1.959964; O*(1-1/(9*O)-z/(3*sqrt(O)))**3 and
        // (O+1)*(1-1/(9*(O+1))+z/(3*sqrt(O+1)))**3.
        let cases = [
            (0, 0.0, 3.668_011_868_943_879),
            (1, 0.013_072_132_043_599_858, 5.563_755_625_721_499),
            (10, 4.787_449_884_048_766, 18.391_458_677_986_87),
            (100, 81.362_105_355_790_09, 121.627_937_755_070_38),
        ];
        for (observed, low, high) in cases {
            let (actual_low, actual_high) = byar_interval(observed);
            assert_close(actual_low, low, 1e-12);
            assert_close(actual_high, high, 1e-12);
        }
        // Byar approximates the exact Poisson interval, from
        // scipy.stats.chi2.ppf(0.025, 200)/2 and chi2.ppf(0.975, 202)/2.
        let (low, high) = byar_interval(100);
        assert_close(low, 81.363_991_250_923_14, 1e-4);
        assert_close(high, 121.626_793_792_426_38, 1e-4);
    }
}
