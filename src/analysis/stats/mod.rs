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

#[cfg(test)]
use beta::ln_beta_kernel;
#[cfg(test)]
use binomial::{ln_binomial_pmf, LIKELIHOOD_TOLERANCE};

/// The normal quantile for a two-sided 95% interval, as in DESIGN.md.
const Z_95: f64 = 1.959964;

/// The conditional exact test comparing two Poisson counts (DESIGN.md,
/// "Significance of a change").
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

#[cfg(test)]
mod tests;

#[cfg(test)]
mod reference_tests;
