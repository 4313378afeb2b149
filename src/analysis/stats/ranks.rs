//! Average ranks and Spearman's rank correlation.

use crate::analysis::rank::ordered_bits;

/// Ranks of `values`, 1 = smallest, tied values sharing the average of the
/// ranks they span (so 10, 20, 20, 30 → 1, 2.5, 2.5, 4). `0.0` and `-0.0`
/// tie; NaNs rank above every number and tie with each other.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    // Each value as an integer in that order: NaNs last, −0.0 as 0.0.
    let key = |v: f64| match v {
        v if v.is_nan() => u64::MAX,
        0.0 => ordered_bits(0.0),
        v => ordered_bits(v),
    };
    let mut sorted: Vec<(u64, u32)> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (key(v), i as u32))
        .collect();
    sorted.sort_unstable_by_key(|&(k, _)| k);
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    for group in sorted.chunk_by(|a, b| a.0 == b.0) {
        // Positions start+1 ..= start+len share their mean rank.
        let rank = start as f64 + (group.len() as f64 + 1.0) / 2.0;
        for &(_, index) in group {
            ranks[index as usize] = rank;
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
    use super::*;
    use crate::analysis::stats::assert_close;

    // Reference values come from SciPy 1.17.1 (Python 3), computed
    // independently of this code; each comment gives the exact call.

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
