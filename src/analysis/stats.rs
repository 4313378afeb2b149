//! Pure statistics behind the analysis: the exact binomial test, exact
//! (Clopper–Pearson) and Byar's intervals, the Poisson rate-ratio test and
//! Spearman's rank correlation. Standard library only.

use std::cmp::Ordering;
use std::f64::consts::PI;

/// Relative tolerance when comparing likelihoods in the two-sided binomial
/// test, as R's `binom.test` and SciPy's `binomtest` use.
const LIKELIHOOD_TOLERANCE: f64 = 1e-7;

/// The normal quantile for a two-sided 95% interval, as in DESIGN.md.
const Z_95: f64 = 1.959964;

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
fn ln_binomial_pmf(x: f64, n: f64, p: f64) -> f64 {
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
/// ([`beta_quantile_guess`]), kept inside a shrinking bracket, with
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
fn ln_beta_kernel(x: f64, a: f64, b: f64) -> f64 {
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
}

impl Verdict {
    /// The wording used on screen: "significant increase", …
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::SignificantIncrease => "significant increase",
            Verdict::SignificantDecrease => "significant decrease",
            Verdict::NoSignificantChange => "no significant change",
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

/// Ranks of `values`, 1 = smallest, tied values sharing the average of the
/// ranks they span (so 10, 20, 20, 30 → 1, 2.5, 2.5, 4). `0.0` and `-0.0`
/// tie; NaNs rank above every number and tie with each other.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let order = |a: &f64, b: &f64| match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
    };
    let mut sorted: Vec<(usize, f64)> = values.iter().copied().enumerate().collect();
    crate::order::sort_by(&mut sorted, |(_, a), (_, b)| order(a, b));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    for group in sorted.chunk_by(|(_, a), (_, b)| order(a, b) == Ordering::Equal) {
        // Positions start+1 ..= start+len share their mean rank.
        let rank = start as f64 + (group.len() as f64 + 1.0) / 2.0;
        for &(index, _) in group {
            if let Some(slot) = ranks.get_mut(index) {
                *slot = rank;
            }
        }
        start += group.len();
    }
    ranks
}

/// Spearman's rank correlation: the Pearson correlation of the average
/// ranks of `x` and `y`. `None` when the lengths differ, there are fewer
/// than three pairs, either side has no spread, or any value is NaN.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 3 || x.iter().chain(y).any(|v| v.is_nan()) {
        return None;
    }
    pearson_of_ranks(&average_ranks(x), &average_ranks(y))
}

/// The Pearson correlation of two lists of average ranks of the same
/// length (each a permutation of 1..=n with ties averaged, so both have
/// mean (n+1)/2); `None` when either has no spread.
pub fn pearson_of_ranks(rx: &[f64], ry: &[f64]) -> Option<f64> {
    let mean = (rx.len() as f64 + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(ry) {
        let (da, db) = (a - mean, b - mean);
        sxy += da * db;
        sxx += da * da;
        syy += db * db;
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    //! Reference values come from SciPy 1.17.1 (Python 3), computed
    //! independently of this code; each comment gives the exact call.

    use super::*;

    /// Asserts `actual` is within `rel` (relative) of `expected`.
    fn assert_close(actual: f64, expected: f64, rel: f64) {
        let tolerance = rel * expected.abs().max(f64::MIN_POSITIVE);
        assert!(
            (actual - expected).abs() <= tolerance,
            "{actual} is not within {rel:e} of {expected}"
        );
    }

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

    #[test]
    fn ranks_average_ties() {
        // scipy.stats.rankdata([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])
        let values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0];
        let expected = [4.5, 1.5, 6.0, 1.5, 8.0, 11.0, 3.0, 10.0, 8.0, 4.5, 8.0];
        assert_eq!(average_ranks(&values), expected);
        assert_eq!(
            average_ranks(&[0.0, -0.0, f64::NAN, f64::NAN, -1.0]),
            [2.5, 2.5, 4.5, 4.5, 1.0]
        );
        assert!(average_ranks(&[]).is_empty());
    }

    #[test]
    fn spearman_matches_scipy() {
        // scipy.stats.spearmanr([1,2,2,3,4,4,4,5], [2,1,3,3,5,4,6,6]).statistic
        let x = [1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 4.0, 5.0];
        let y = [2.0, 1.0, 3.0, 3.0, 5.0, 4.0, 6.0, 6.0];
        assert_close(spearman(&x, &y).unwrap(), 0.900_777_510_540_147_7, 1e-12);
        // spearmanr([10,20,20,30,40], [5,4,4,2,1]).statistic == -1.0
        let r = spearman(&[10.0, 20.0, 20.0, 30.0, 40.0], &[5.0, 4.0, 4.0, 2.0, 1.0]).unwrap();
        assert_close(r, -1.0, 1e-12);
        assert_eq!(spearman(&[1.0, 2.0], &[1.0, 2.0]), None);
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[1.0, 2.0]), None);
        assert_eq!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(spearman(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]), None);
    }
}

#[cfg(test)]
#[path = "stats_reference_tests.rs"]
mod reference_tests;
