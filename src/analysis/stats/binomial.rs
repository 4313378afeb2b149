//! The exact two-sided binomial test (method of small likelihoods) and
//! the log-probability helpers it needs.

use std::f64::consts::PI;

/// Relative tolerance when comparing likelihoods in the two-sided binomial
/// test, as R's `binom.test` and SciPy's `binomtest` use.
pub(super) const LIKELIHOOD_TOLERANCE: f64 = 1e-7;

/// Exact two-sided p-value of the binomial test that `k` successes in `n`
/// trials came from success probability `p`, by the method of small
/// likelihoods: the total probability of every outcome no more likely than
/// `k` (within a relative tolerance of 1e-7, as R's `binom.test`), capped
/// at 1.
///
/// Probabilities are computed in log space, so `n` in the millions is fine,
/// and only the terms that matter are summed, walking outwards from the
/// edges of the excluded middle: the work grows like √(n·p·(1−p)) (about
/// a millisecond for n = 5,000,000 in a debug build). `n = 0` gives 1. An
/// impossible outcome (`k > n`) gives 0. A `p` outside `[0, 1]` (or NaN) is meaningless and
/// gives 1, so it can never be reported as significant.
pub fn binomial_two_sided_p(k: u64, n: u64, p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) || n == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    let nf = n as f64;
    let ln_pmf = |x: u64| ln_binomial_pmf(x as f64, nf, p);
    let ln_observed = ln_pmf(k);
    if ln_observed == f64::NEG_INFINITY {
        // Only outcomes of probability zero are as unlikely: they sum to 0.
        return 0.0;
    }
    let ln_threshold = ln_observed + LIKELIHOOD_TOLERANCE.ln_1p();
    let in_tail = |x: u64| ln_pmf(x) <= ln_threshold;

    // The pmf rises up to `mode` and falls after it, so the outcomes in the
    // sum form a left tail 0..=left and a right tail right..=n. One edge is
    // next to `k`; the other is near k's mirror image about the mean, so
    // both searches start from a guess and widen only as far as needed.
    let mode = (((nf + 1.0) * p).floor() as u64).min(n);
    let mirror = (2.0 * nf * p - k as f64).round().clamp(0.0, nf) as u64;
    let (right_guess, left_guess) = if k >= mode { (k, mirror) } else { (mirror, k) };
    let right = in_tail(n).then(|| first_true(mode, n, right_guess, in_tail));
    let left = if mode == 0 || !in_tail(0) {
        None
    } else {
        // The first outcome below the mode that is more likely than `k`,
        // less one (never 0: outcome 0 is in the tail).
        let first_out = first_true(0, mode - 1, left_guess, |x| !in_tail(x));
        Some(first_out.saturating_sub(1))
    };
    let everything = right == Some(mode) && (mode == 0 || left == Some(mode - 1));
    if everything {
        return 1.0;
    }
    let right_mass = right.map_or(0.0, |start| tail_mass(start, n, nf, p, ln_pmf(start)));
    let left_mass = left.map_or(0.0, |start| tail_mass(start, 0, nf, p, ln_pmf(start)));
    (left_mass + right_mass).min(1.0)
}

/// The smallest `x` in `lo..=hi` with `pred(x)`, for a predicate that is
/// false then true over that range, or `hi + 1` when it is never true.
/// Starts at `guess` and gallops (steps doubling) to bracket the answer,
/// then bisects: about 2·log₂|answer − guess| evaluations, and the same
/// answer as a bisection of the whole range.
fn first_true(lo: u64, hi: u64, guess: u64, pred: impl Fn(u64) -> bool) -> u64 {
    // Invariant: the answer lies in lo..=hi+1; pred(hi + 1) counts as true.
    let (mut lo, mut hi_plus_one) = (lo, hi + 1);
    let g = guess.clamp(lo, hi);
    let mut step = 1u64;
    if pred(g) {
        hi_plus_one = g;
        while hi_plus_one > lo {
            let probe = hi_plus_one.saturating_sub(step).max(lo);
            if pred(probe) {
                hi_plus_one = probe;
                step = step.saturating_mul(2);
            } else {
                lo = probe + 1;
                break;
            }
        }
    } else {
        lo = g + 1;
        while lo < hi_plus_one {
            let probe = lo.saturating_add(step - 1).min(hi_plus_one - 1);
            if pred(probe) {
                hi_plus_one = probe;
                break;
            }
            lo = probe + 1;
            step = step.saturating_mul(2);
        }
    }
    while lo < hi_plus_one {
        let mid = lo + (hi_plus_one - lo) / 2;
        if pred(mid) {
            hi_plus_one = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Sum of the Binomial(`n`, `p`) pmf from `start` outwards to `end`
/// (either direction), given `ln_first`, the log pmf at `start`. Each term
/// comes from the one before by the pmf's ratio, (n−x)/(x+1)·p/q upwards or
/// x/(n−x+1)·q/p downwards, so no logarithm is taken per term (the
/// rounding error grows by about 2ε a term: under 1e-11 for 20,000 terms).
/// The terms fall ever faster (the binomial is log-concave), so once the
/// last ratio `r` bounds the remainder, `t·r/(1−r)`, below 1e-17 of the
/// sum, the rest cannot change the result and is skipped.
fn tail_mass(start: u64, end: u64, n: f64, p: f64, ln_first: f64) -> f64 {
    if ln_first == f64::NEG_INFINITY {
        return 0.0;
    }
    let q = 1.0 - p;
    let upwards = end > start;
    let odds = if upwards { p / q } else { q / p };
    let mut sum = 1.0;
    let mut term = 1.0;
    let mut x = start;
    while x != end {
        let xf = x as f64;
        let ratio = if upwards {
            (n - xf) / (xf + 1.0) * odds
        } else {
            xf / (n - xf + 1.0) * odds
        };
        term *= ratio;
        sum += term;
        x = if upwards { x + 1 } else { x - 1 };
        let remainder_is_negligible = ratio < 1.0 && term * ratio / (1.0 - ratio) <= sum * 1e-17;
        if remainder_is_negligible || term == 0.0 {
            break;
        }
    }
    ln_first.exp() * sum
}

/// Natural log of the binomial probability of `x` successes in `n` trials
/// with success probability `p`, for real `0 <= x <= n`. Uses Loader's
/// saddle-point form (Stirling remainders plus deviance terms), which stays
/// accurate to near machine precision for `n` in the millions.
pub(super) fn ln_binomial_pmf(x: f64, n: f64, p: f64) -> f64 {
    let q = 1.0 - p;
    if !(0.0..=n).contains(&x) {
        return f64::NEG_INFINITY;
    }
    if p == 0.0 {
        return if x == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    if q == 0.0 {
        return if x == n { 0.0 } else { f64::NEG_INFINITY };
    }
    if x == 0.0 {
        return n * (-p).ln_1p();
    }
    if x == n {
        return n * p.ln();
    }
    let remainders = stirling_remainder(n) - stirling_remainder(x) - stirling_remainder(n - x);
    let deviances = deviance(x, n * p) + deviance(n - x, n * q);
    let ln_prefactor = (2.0 * PI).ln() + x.ln() + (-x / n).ln_1p();
    remainders - deviances - 0.5 * ln_prefactor
}

/// `ln Γ(n+1) − [½ ln(2πn) + n ln n − n]`, the error of Stirling's formula,
/// for real `n > 0`.
fn stirling_remainder(n: f64) -> f64 {
    if n <= 15.0 {
        return ln_gamma(n + 1.0) - (n + 0.5) * n.ln() + n - 0.5 * (2.0 * PI).ln();
    }
    let nn = n * n;
    (1.0 / 12.0
        - (1.0 / 360.0 - (1.0 / 1260.0 - (1.0 / 1680.0 - 1.0 / (1188.0 * nn)) / nn) / nn) / nn)
        / n
}

/// `x ln(x/m) + m − x`, computed without cancellation when `x` is close to
/// `m` (a series in `v = (x−m)/(x+m)`).
fn deviance(x: f64, m: f64) -> f64 {
    let d = x - m;
    if d.abs() >= 0.1 * (x + m) {
        return x * (x / m).ln() + m - x;
    }
    let v = d / (x + m);
    let v2 = v * v;
    let mut sum = d * v;
    let mut power = 2.0 * x * v;
    for j in 1..1000 {
        power *= v2;
        let next = sum + power / f64::from(2 * j + 1);
        if next == sum {
            break;
        }
        sum = next;
    }
    sum
}

/// `ln Γ(x)` for `x >= 1` (Lanczos approximation, g = 7, nine terms;
/// relative error near 1e-15).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let z = x - 1.0;
    let t = z + G + 0.5;
    let series = COEFFICIENTS
        .iter()
        .skip(1)
        .zip(1..)
        .fold(COEFFICIENTS[0], |acc, (c, i)| acc + c / (z + f64::from(i)));
    0.5 * (2.0 * PI).ln() + (z + 0.5) * t.ln() - t + series.ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stats::assert_close;

    // Reference values come from SciPy 1.17.1 (Python 3), computed
    // independently of this code; each comment gives the exact call.

    #[test]
    fn binomial_p_by_hand() {
        // P(X=7) = 120/1024 for Binomial(10, 0.5). Outcomes as unlikely:
        // 0..=3 and 7..=10, so p = 2·(1+10+45+120)/1024 = 352/1024 = 0.34375.
        assert_close(binomial_two_sided_p(7, 10, 0.5), 0.34375, 1e-12);
        // 5 of 5 (or 0 of 5) at p = 0.5: 2/32.
        assert_close(binomial_two_sided_p(5, 5, 0.5), 0.0625, 1e-12);
        assert_close(binomial_two_sided_p(0, 5, 0.5), 0.0625, 1e-12);
        // The most likely outcome: every outcome is as unlikely.
        assert_eq!(binomial_two_sided_p(5, 10, 0.5), 1.0);
        assert_eq!(binomial_two_sided_p(1, 1, 0.5), 1.0);
    }

    #[test]
    fn binomial_p_matches_scipy() {
        let cases: [(u64, u64, f64, f64); 8] = [
            // binomtest(25, 55, 1/3).pvalue (exact Fraction sum: 0.06307755568352452)
            (25, 55, 1.0 / 3.0, 0.063_077_555_683_524_69),
            // binomtest(2, 14, 1/3).pvalue
            (2, 14, 1.0 / 3.0, 0.162_950_042_118_190_72),
            // binomtest(0, 7, 1/3).pvalue
            (0, 7, 1.0 / 3.0, 0.103_795_153_177_869_22),
            // binomtest(10415, 20415, 0.5).pvalue
            (10_415, 20_415, 0.5, 0.003_760_272_120_481_889_5),
            // binomtest(400, 1000, 0.5).pvalue
            (400, 1000, 0.5, 2.728_464_156_065_947e-10),
            // binomtest(2003000, 4003000, 0.5).pvalue
            (2_003_000, 4_003_000, 0.5, 0.133_889_706_060_003_25),
            // binomtest(1336000, 4000000, 1/3).pvalue
            (1_336_000, 4_000_000, 1.0 / 3.0, 0.004_688_072_058_548_162),
            // binomtest(3, 4000000, 1e-6).pvalue
            (3, 4_000_000, 1e-6, 0.804_633_087_453_499_7),
        ];
        for (k, n, p, expected) in cases {
            let actual = binomial_two_sided_p(k, n, p);
            assert!((0.0..=1.0).contains(&actual));
            assert_close(actual, expected, 1e-7);
        }
    }

    #[test]
    fn binomial_p_edge_cases() {
        assert_eq!(binomial_two_sided_p(0, 0, 0.5), 1.0);
        assert_eq!(binomial_two_sided_p(3, 2, 0.5), 0.0);
        assert_eq!(binomial_two_sided_p(0, 10, 0.0), 1.0);
        assert_eq!(binomial_two_sided_p(1, 10, 0.0), 0.0);
        assert_eq!(binomial_two_sided_p(10, 10, 1.0), 1.0);
        assert_eq!(binomial_two_sided_p(3, 10, f64::NAN), 1.0);
        assert_eq!(binomial_two_sided_p(3, 10, 1.5), 1.0);
        // Far beyond double precision: underflows to 0, not NaN.
        assert_eq!(binomial_two_sided_p(0, 1_000_000, 0.5), 0.0);
    }

    #[test]
    fn large_n_is_tractable() {
        // binomtest(2503000, 5000000, 0.5).pvalue
        assert_close(
            binomial_two_sided_p(2_503_000, 5_000_000, 0.5),
            0.007_300_107_677_080_858,
            1e-7,
        );
    }
}
