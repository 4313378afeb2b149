//! Tests of `stats` against independently computed values (sources in each test).

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
