//! The fast exact tests against slow reference versions kept here: the
//! earlier implementations (a log pmf per term and whole-range bisection
//! for the binomial test; Newton from the mean, to 1e-15, for the beta
//! quantile). Over a few thousand cases the fast versions must agree to
//! 1e-9 relative.

use super::beta::{beta_quantile, ln_beta_kernel, regularized_incomplete_beta};
use super::binomial::{binomial_two_sided_p, ln_binomial_pmf, LIKELIHOOD_TOLERANCE};

/// Two-sided binomial p-value: every pmf term from its logarithm.
fn reference_binomial_p(k: u64, n: u64, p: f64) -> f64 {
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
        return 0.0;
    }
    let ln_threshold = ln_observed + LIKELIHOOD_TOLERANCE.ln_1p();
    let in_tail = |x: u64| ln_pmf(x) <= ln_threshold;
    let mode = (((nf + 1.0) * p).floor() as u64).min(n);
    let right = in_tail(n).then(|| {
        let (mut lo, mut hi) = (mode, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if in_tail(mid) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    });
    let left = (mode > 0 && in_tail(0)).then(|| {
        let (mut lo, mut hi) = (0, mode - 1);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if in_tail(mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    });
    if right == Some(mode) && (mode == 0 || left == Some(mode - 1)) {
        return 1.0;
    }
    let mass = |start: u64, end: u64| {
        let ln_first = ln_pmf(start);
        if ln_first == f64::NEG_INFINITY {
            return 0.0;
        }
        let (mut sum, mut x) = (0.0, start);
        loop {
            let term = (ln_pmf(x) - ln_first).exp();
            sum += term;
            if x == end || term < 1e-19 * sum {
                break;
            }
            x = if end > start { x + 1 } else { x - 1 };
        }
        ln_first.exp() * sum
    };
    let right_mass = right.map_or(0.0, |s| mass(s, n));
    let left_mass = left.map_or(0.0, |s| mass(s, 0));
    (left_mass + right_mass).min(1.0)
}

/// Beta quantile: Newton from the mean inside a bracket, to 1e-15.
fn reference_beta_quantile(prob: f64, a: f64, b: f64) -> f64 {
    if prob == 0.0 || prob == 1.0 {
        return prob;
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    let mut x = a / (a + b);
    for _ in 0..400 {
        let f = regularized_incomplete_beta(x, a, b).unwrap() - prob;
        if f == 0.0 {
            break;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let density = (ln_beta_kernel(x, a, b) - x.ln() - (-x).ln_1p()).exp();
        let newton = x - f / density;
        let next = if newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        let converged = (next - x).abs() <= 1e-15 * next || hi - lo <= 1e-15 * hi;
        x = next;
        if converged {
            break;
        }
    }
    x
}

/// True when `a` and `b` agree to `rel` relative (or are both 0).
fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// xorshift64*: deterministic cases.
struct Cases(u64);

impl Cases {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A count up to about 10^`max_digits`, spread over the orders of
    /// magnitude.
    fn count(&mut self, max_digits: u32) -> u64 {
        let digits = self.next() % u64::from(max_digits + 1);
        let top = 10u64.pow(digits as u32);
        self.next() % (top + 1)
    }
}

/// The (previous, current, months) triples the cases are drawn from.
fn draw(cases: &mut Cases, max_digits: u32) -> (u64, u64, f64) {
    let previous = cases.count(max_digits);
    // Current near previous most of the time, anywhere otherwise.
    let current = if cases.next().is_multiple_of(3) {
        cases.count(max_digits)
    } else {
        let spread = (previous as f64).sqrt() as u64 * 4 + 3;
        (previous + cases.next() % (2 * spread)).saturating_sub(spread)
    };
    let months = [
        (12.0, 12.0),
        (12.0, 6.0),
        (6.0, 12.0),
        (1.0, 1.0),
        (3.0, 9.0),
    ];
    let (l1, l2) = months[(cases.next() % months.len() as u64) as usize];
    (previous, current, l2 / (l1 + l2))
}

#[test]
fn fast_binomial_p_matches_the_reference() {
    let mut cases = Cases(0x9E37_79B9_7F4A_7C15);
    for i in 0..3000 {
        let max_digits = if i < 2500 { 4 } else { 6 };
        let (previous, current, p) = draw(&mut cases, max_digits);
        let n = previous + current;
        let fast = binomial_two_sided_p(current, n, p);
        let slow = reference_binomial_p(current, n, p);
        assert!(
            close(fast, slow, 1e-9) || (fast < 1e-300 && slow < 1e-300),
            "binomial p for {current} of {n} at {p}: {fast} vs {slow}"
        );
    }
    // Every outcome of a few small n, including both edges.
    for n in [1, 2, 7, 30] {
        for k in 0..=n {
            for p in [0.5, 1.0 / 3.0, 0.9, 1e-3] {
                let (fast, slow) = (binomial_two_sided_p(k, n, p), reference_binomial_p(k, n, p));
                assert!(
                    close(fast, slow, 1e-9),
                    "{k} of {n} at {p}: {fast} vs {slow}"
                );
            }
        }
    }
}

#[test]
fn fast_beta_quantile_matches_the_reference() {
    let mut cases = Cases(0xD1B5_4A32_D192_ED03);
    for i in 0..3000 {
        let max_digits = if i < 2500 { 4 } else { 6 };
        let (previous, current, _) = draw(&mut cases, max_digits);
        let n = previous + current;
        if n == 0 {
            continue;
        }
        let (k, nf) = (current as f64, n as f64);
        // The two ends of the Clopper–Pearson interval.
        if current > 0 {
            let fast = beta_quantile(0.025, k, nf - k + 1.0).unwrap();
            let slow = reference_beta_quantile(0.025, k, nf - k + 1.0);
            assert!(
                close(fast, slow, 1e-9),
                "lower {current} of {n}: {fast} vs {slow}"
            );
        }
        if current < n {
            let fast = beta_quantile(0.975, k + 1.0, nf - k).unwrap();
            let slow = reference_beta_quantile(0.975, k + 1.0, nf - k);
            assert!(
                close(fast, slow, 1e-9),
                "upper {current} of {n}: {fast} vs {slow}"
            );
        }
    }
    // Non-integer and small shapes, and other probabilities.
    for a in [0.3, 0.5, 1.0, 2.5, 40.0] {
        for b in [0.3, 0.5, 1.0, 7.5, 900.0] {
            for prob in [1e-6, 0.025, 0.3, 0.5, 0.975, 0.999_999] {
                let (fast, slow) = (
                    beta_quantile(prob, a, b).unwrap(),
                    reference_beta_quantile(prob, a, b),
                );
                assert!(
                    close(fast, slow, 1e-9),
                    "q({prob}; {a}, {b}): {fast} vs {slow}"
                );
            }
        }
    }
}
