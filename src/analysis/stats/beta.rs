//! The regularised incomplete beta function, its inverse, and the exact
//! (Clopper–Pearson) interval for a binomial proportion.

use super::binomial::ln_binomial_pmf;

/// The regularised incomplete beta function `I_x(a, b)`: the probability
/// that a Beta(a, b) variable is at most `x`. Evaluated by its continued
/// fraction (modified Lentz), on whichever side of the mean converges fast.
/// `None` unless `a` and `b` are positive and finite and `0 <= x <= 1`.
pub fn regularized_incomplete_beta(x: f64, a: f64, b: f64) -> Option<f64> {
    if !(valid_shape(a) && valid_shape(b) && (0.0..=1.0).contains(&x)) {
        return None;
    }
    if x == 0.0 || x == 1.0 {
        return Some(x);
    }
    let value = if x < (a + 1.0) / (a + b + 2.0) {
        ln_beta_kernel(x, a, b).exp() * beta_continued_fraction(x, a, b) / a
    } else {
        let y = 1.0 - x;
        1.0 - ln_beta_kernel(y, b, a).exp() * beta_continued_fraction(y, b, a) / b
    };
    Some(value.clamp(0.0, 1.0))
}

/// The quantile of the Beta(a, b) distribution: the `x` with
/// `I_x(a, b) = prob`. Halley steps (Newton with the density's known
/// slope, converging cubically) from a close first guess
/// (`beta_quantile_guess`), kept inside a shrinking bracket, with
/// bisection whenever a step would leave it; it stops once a step moves
/// `x` by at most 1e-13 of itself, when the error left is far smaller
/// still. `None` unless `a` and `b` are positive and finite and
/// `0 <= prob <= 1`. A quantile closer to 1 than about 1e-16 cannot be
/// represented and comes back as the nearest double.
pub fn beta_quantile(prob: f64, a: f64, b: f64) -> Option<f64> {
    if !(valid_shape(a) && valid_shape(b) && (0.0..=1.0).contains(&prob)) {
        return None;
    }
    if prob == 0.0 || prob == 1.0 {
        return Some(prob);
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    let guess = beta_quantile_guess(prob, a, b);
    let mut x = if guess > 0.0 && guess < 1.0 {
        guess
    } else {
        a / (a + b)
    };
    for _ in 0..400 {
        let f = regularized_incomplete_beta(x, a, b)? - prob;
        if f == 0.0 {
            break;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let ln_density = ln_beta_kernel(x, a, b) - x.ln() - (-x).ln_1p();
        let newton = f / ln_density.exp();
        // Halley: f''/f' is the slope of the log density.
        let log_slope = (a - 1.0) / x - (b - 1.0) / (1.0 - x);
        let damping = 1.0 - 0.5 * newton * log_slope;
        let step = if damping > 0.5 {
            newton / damping
        } else {
            newton
        };
        let candidate = x - step;
        if step.abs() <= 1e-11 * x {
            // Halley converges cubically: the error left after a step this
            // small is below 1e-20 of x. (A step that would leave the
            // bracket here is rounding noise.)
            if candidate >= lo && candidate <= hi {
                x = candidate;
            }
            break;
        }
        let next = if candidate > lo && candidate < hi {
            candidate
        } else {
            0.5 * (lo + hi)
        };
        let converged = hi - lo <= 1e-15 * hi;
        x = next;
        if converged {
            break;
        }
    }
    Some(x)
}

/// A first guess at the Beta(a, b) quantile, good to a few parts in 10⁴
/// or better (the better the larger the shapes). For `a, b >= 1`, the
/// normal approximation of Abramowitz & Stegun 26.5.22, with the normal
/// quantile from their 26.2.23; otherwise the dominant tail's power law,
/// `I_x ≈ x^a / (a·W)` near 0 or `1 − (1−x)^b / (b·W)` near 1, with `W`
/// the sum of the two tails' weights at the mean.
fn beta_quantile_guess(prob: f64, a: f64, b: f64) -> f64 {
    if a >= 1.0 && b >= 1.0 {
        let tail = prob.min(1.0 - prob);
        let t = (-2.0 * tail.ln()).sqrt();
        let upper_z = t
            - (2.515_517 + t * (0.802_853 + t * 0.010_328))
                / (1.0 + t * (1.432_788 + t * (0.189_269 + t * 0.001_308)));
        let z = if prob < 0.5 { upper_z } else { -upper_z };
        let lambda = (z * z - 3.0) / 6.0;
        let (ra, rb) = (1.0 / (2.0 * a - 1.0), 1.0 / (2.0 * b - 1.0));
        let h = 2.0 / (ra + rb);
        let w = z * (h + lambda).sqrt() / h - (rb - ra) * (lambda + 5.0 / 6.0 - 2.0 / (3.0 * h));
        a / (a + b * (2.0 * w).exp())
    } else {
        let (la, lb) = ((a / (a + b)).ln(), (b / (a + b)).ln());
        let (ta, tb) = ((a * la).exp() / a, (b * lb).exp() / b);
        let total = ta + tb;
        if prob < ta / total {
            (a * total * prob).powf(1.0 / a)
        } else {
            1.0 - (b * total * (1.0 - prob)).powf(1.0 / b)
        }
    }
}

fn valid_shape(shape: f64) -> bool {
    shape > 0.0 && shape.is_finite()
}

/// `ln[x^a (1−x)^b / B(a, b)]`, written as a binomial probability so that
/// it stays accurate for shapes in the millions:
/// `x^a (1−x)^b / B(a, b) = ab/(a+b) · C(a+b, a) x^a (1−x)^b`.
pub(super) fn ln_beta_kernel(x: f64, a: f64, b: f64) -> f64 {
    (a * b / (a + b)).ln() + ln_binomial_pmf(a, a + b, x)
}

/// The continued fraction for `I_x(a, b)` (DLMF 8.17.22) by the modified
/// Lentz method; converges quickly for `x < (a+1)/(a+b+2)`.
fn beta_continued_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    // Convergence takes of the order of sqrt(max(a, b)) steps.
    let max_steps = 200 + (20.0 * a.max(b).sqrt()).min(1e7) as u64;
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    let mut h = d;
    for m in 1..=max_steps {
        let m = m as f64;
        let even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() <= 4.0 * f64::EPSILON {
            break;
        }
    }
    h
}

/// Exact (Clopper–Pearson) interval for a binomial proportion with `k`
/// successes in `n` trials: lower = Beta quantile(α/2; k, n−k+1), 0 when
/// `k = 0`; upper = Beta quantile(1−α/2; k+1, n−k), 1 when `k = n`, where
/// α = 1 − `confidence`. `None` when `n = 0`, `k > n`, or `confidence` is
/// not strictly between 0 and 1 (NaN included).
pub fn clopper_pearson(k: u64, n: u64, confidence: f64) -> Option<(f64, f64)> {
    if n == 0 || k > n || !(confidence > 0.0 && confidence < 1.0) {
        return None;
    }
    let half_alpha = (1.0 - confidence) / 2.0;
    let lower = if k == 0 {
        0.0
    } else {
        beta_quantile(half_alpha, k as f64, (n - k + 1) as f64)?
    };
    let upper = if k == n {
        1.0
    } else {
        beta_quantile(1.0 - half_alpha, (k + 1) as f64, (n - k) as f64)?
    };
    Some((lower, upper))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stats::assert_close;

    // Reference values come from SciPy 1.17.1 (Python 3), computed
    // independently of this code; each comment gives the exact call.

    #[test]
    fn incomplete_beta_matches_scipy() {
        // scipy.special.betainc(a, b, x)
        assert_close(
            regularized_incomplete_beta(0.3, 2.0, 5.0).unwrap(),
            0.579_825,
            1e-12,
        );
        assert_close(
            regularized_incomplete_beta(0.5, 0.5, 0.5).unwrap(),
            0.5,
            1e-12,
        );
        assert_close(
            regularized_incomplete_beta(0.9, 10.0, 3.0).unwrap(),
            0.889_130_022_255,
            1e-12,
        );
        // betainc(2500000, 2500001, 0.5002)
        let mid = regularized_incomplete_beta(0.5002, 2_500_000.0, 2_500_001.0).unwrap();
        assert_close(mid, 0.814_572_906_252_922_3, 1e-9);
        // betainc(1, 5000000, 1e-7) = 1 − (1 − 1e-7)^5e6
        let tail = regularized_incomplete_beta(1e-7, 1.0, 5_000_000.0).unwrap();
        assert_close(tail, 0.393_469_355_450_633_9, 1e-10);
        assert_eq!(regularized_incomplete_beta(0.5, 0.0, 1.0), None);
        assert_eq!(regularized_incomplete_beta(f64::NAN, 1.0, 1.0), None);
        assert_eq!(beta_quantile(1.5, 1.0, 1.0), None);
        assert_eq!(beta_quantile(0.5, 1.0, f64::INFINITY), None);
    }

    #[test]
    fn clopper_pearson_matches_scipy() {
        // Each end: scipy.stats.beta.ppf(0.025, k, n-k+1) and
        // beta.ppf(0.975, k+1, n-k). binomtest(k, n).proportion_ci(
        // method='exact') agrees to its brentq tolerance (xtol 2e-12).
        let cases: [(u64, u64, f64, f64); 6] = [
            (7, 10, 0.347_547_149_940_002_7, 0.933_260_488_822_265_5),
            (25, 55, 0.319_700_679_995_166_44, 0.594_455_108_842_661_1),
            (2, 14, 0.017_794_515_483_191_515, 0.428_129_160_909_699),
            (
                10_415,
                20_415,
                0.503_281_257_514_688_8,
                0.517_044_037_110_986_5,
            ),
            (
                1,
                5_000_000,
                5.063_561_584_038_147e-9,
                1.114_328_168_777_682_3e-6,
            ),
            (
                2_003_000,
                4_003_000,
                0.499_884_786_716_371_04,
                0.500_864_650_663_135_3,
            ),
        ];
        for (k, n, low, high) in cases {
            let (actual_low, actual_high) = clopper_pearson(k, n, 0.95).unwrap();
            assert_close(actual_low, low, 1e-9);
            assert_close(actual_high, high, 1e-9);
        }
    }

    #[test]
    fn clopper_pearson_edges() {
        // k = 0: upper = 1 − 0.025^(1/10); k = n: lower = 0.025^(1/10).
        let (low, high) = clopper_pearson(0, 10, 0.95).unwrap();
        assert_eq!(low, 0.0);
        assert_close(high, 1.0 - 0.025_f64.powf(0.1), 1e-12);
        let (low, high) = clopper_pearson(10, 10, 0.95).unwrap();
        assert_close(low, 0.025_f64.powf(0.1), 1e-12);
        assert_eq!(high, 1.0);
        assert_eq!(clopper_pearson(0, 0, 0.95), None);
        assert_eq!(clopper_pearson(3, 2, 0.95), None);
        assert_eq!(clopper_pearson(1, 2, f64::NAN), None);
        assert_eq!(clopper_pearson(1, 2, 1.0), None);
    }
}
