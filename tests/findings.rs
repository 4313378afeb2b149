//! Key findings (`analysis::findings`) generated on hand-made figures.
//! Significance per SciPy 1.17.1 `binomtest(k, n, 0.5).pvalue` (one month
//! against one): burglary 100 → 160: 0.00024; drugs 200 → 120: 9.1e-6;
//! robbery 50 → 55: 0.70; bicycle theft 30 → 4: 6.2e-6; all crime 383 →
//! 341: 0.13; ward A 40 → 90: 1.4e-5; ward D 60 → 55: 0.71.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use cse::analysis::deprivation::{Band, ImdMeasure};
use cse::analysis::level::AreaLabels;
use cse::analysis::rate::rate;
use cse::analysis::targets::TargetResult;
use cse::analysis::{
    compare_table, key_findings, By, CompareRow, Coverage, Deprivation, Disclosure, Finding,
    FindingKind, FindingsInput, Measure, Period, PeriodPair, PeriodTotals, RankRow, Ranking, Scope,
    Selection, Target, TargetStatus,
};
use cse::data::{AreaCode, Categories, CubeBuilder, Dataset, ASB};

fn pair() -> PeriodPair {
    PeriodPair {
        previous: Period::parse("2024-01").unwrap(),
        current: Period::parse("2024-02").unwrap(),
    }
}

fn table() -> Vec<CompareRow> {
    let mut b = CubeBuilder::new();
    for (cat, prev, cur) in [
        ("Burglary", 100, 160),
        ("Drugs", 200, 120),
        ("Robbery", 50, 55),
        ("Bicycle theft", 30, 4),
        ("Vehicle crime", 3, 2),
        (ASB, 80, 85),
    ] {
        b.add(Some("W1"), "2024-01".parse().unwrap(), cat, prev);
        b.add(Some("W1"), "2024-02".parse().unwrap(), cat, cur);
    }
    let ds = Dataset::new(b.build().unwrap(), Vec::new(), &Categories::default());
    let totals = PeriodTotals::new(&ds.cube, &pair());
    compare_table(&ds, &totals, Scope::Whole, &By::Category)
}

/// Area `index` of [`ranking`]'s labels.
fn row(index: usize, prev: u64, cur: u64, rank: u32, prev_rank: u32) -> RankRow {
    RankRow {
        index,
        previous: prev,
        current: cur,
        population: None,
        rate: None,
        vs_whole: None,
        rank: Some(rank),
        previous_rank: Some(prev_rank),
        movement: Some(i64::from(prev_rank) - i64::from(rank)),
    }
}

fn ranking() -> Ranking {
    Ranking {
        measure: Measure::Count,
        rows: vec![
            row(0, 40, 90, 1, 4),
            row(1, 100, 80, 2, 1),
            row(2, 50, 60, 3, 3),
            row(3, 60, 55, 4, 2),
        ],
        whole_rate: None,
        labels: std::sync::Arc::new(AreaLabels {
            codes: ["W1", "W2", "W3", "W4"].map(AreaCode::from).to_vec(),
            names: ["Ash", "Beech", "Cedar", "Damson"]
                .map(String::from)
                .to_vec(),
        }),
    }
}

static WHOLE: Coverage = Coverage {
    current: Vec::new(),
    previous: Vec::new(),
};

/// The built-in police.uk categories, which name the targets.
fn police_categories() -> &'static Categories {
    static NAMES: std::sync::OnceLock<Categories> = std::sync::OnceLock::new();
    NAMES.get_or_init(Categories::default)
}

fn input<'a>(p: &'a PeriodPair, t: &'a [CompareRow], rule: Disclosure) -> FindingsInput<'a> {
    FindingsInput {
        pair: p,
        categories: t,
        ranking: None,
        level_name: "ward",
        level_plural: "wards",
        deprivation: None,
        targets: &[],
        names: police_categories(),
        coverage: &WHOLE,
        months_suspect: &[],
        rule,
        w: cse::i18n::english(),
    }
}

fn texts(f: &[Finding], kind: FindingKind) -> Vec<&str> {
    f.iter()
        .filter(|x| x.kind == kind)
        .map(|x| x.text.as_str())
        .collect()
}

#[test]
fn only_significant_changes_are_rises_and_falls() {
    let (p, t) = (pair(), table());
    let f = key_findings(&input(&p, &t, Disclosure::NONE));
    let heads = texts(&f, FindingKind::Headline);
    assert_eq!(heads.len(), 2, "all crime and ASB: {heads:?}");
    // All crime 383 → 341 is not significant: neither a rise nor a fall.
    assert!(
        heads[0].starts_with("All crime (excluding ASB) was 11.0% (\u{2212}42 offences) lower"),
        "{}",
        heads[0]
    );
    assert!(!heads[0].contains("fell") && heads[0].contains("no significant change"));
    assert_eq!(
        texts(&f, FindingKind::Rise),
        vec!["Burglary rose by 60.0% (+60 offences), a statistically significant increase."]
    );
    let falls = texts(&f, FindingKind::Fall);
    assert_eq!(falls.len(), 2);
    assert!(
        falls[0].starts_with("Drugs fell by 40.0% (\u{2212}80 offences)"),
        "{}",
        falls[0]
    );
    assert!(falls[1].starts_with("Bicycle theft fell"), "{}", falls[1]);
    assert!(
        f.iter().all(|x| !x.text.contains("Robbery")),
        "robbery's +10% is noise"
    );
    // 160 and 120 of 341.
    assert_eq!(texts(&f, FindingKind::Share), vec!["Burglary is 47% of all crime (excluding ASB), the largest share; Drugs is next at 35%."]);
}

#[test]
fn suppressed_figures_are_never_written() {
    let (p, t) = (pair(), table());
    let f = key_findings(&input(&p, &t, Disclosure { threshold: Some(5) }));
    assert!(
        f.iter().all(|x| !x.text.contains("Bicycle theft")),
        "4 is suppressed: {f:?}"
    );
    assert_eq!(texts(&f, FindingKind::Fall).len(), 1);
}

#[test]
fn none_significant_says_so() {
    let p = pair();
    let t: Vec<CompareRow> = table().into_iter().filter(|r| r.key == "Robbery").collect();
    let f = key_findings(&input(&p, &t, Disclosure::NONE));
    assert_eq!(texts(&f, FindingKind::NoSignificantChange).len(), 1);
    assert!(texts(&f, FindingKind::Rise).is_empty());
}

#[test]
fn top_areas_and_rank_moves_with_their_own_significance() {
    let (p, t, r) = (pair(), table(), ranking());
    let mut i = input(&p, &t, Disclosure::NONE);
    i.ranking = Some(&r);
    let f = key_findings(&i);
    assert_eq!(
        texts(&f, FindingKind::TopAreas),
        vec!["The wards with the highest counts were Ash (90), Beech (80) and Cedar (60)."]
    );
    assert_eq!(
        texts(&f, FindingKind::RankMove),
        vec![
            "Ash moved up from 4th to 1st of 4 wards; its count rose significantly (+50).",
            "Damson moved down from 2nd to 4th of 4 wards; its own change (\u{2212}5) is within normal variation.",
        ]
    );
}

#[test]
fn deprivation_targets_and_caveats() {
    let (p, t, r) = (pair(), table(), ranking());
    let band = |b: u8, count: u64| Band {
        band: b,
        areas: 2,
        count,
        population: 2000,
        rate: rate(count, 2000),
    };
    let d = Deprivation {
        measure: ImdMeasure::Rank,
        national_bands: false,
        band_count: 5,
        bands: vec![band(1, 100), band(5, 20)],
        areas: 10,
        spearman: Some(0.6),
        spearman_p: Some(0.01),
        high_on_both: vec![0],
    };
    let targets = vec![TargetResult {
        target: Target {
            selection: Selection::AllCrime,
            target_pct_change: -5.0,
            area: None,
        },
        previous: 383,
        actual_pct: Some(-42.0 / 383.0 * 100.0),
        status: Some(TargetStatus::OnTarget),
    }];
    let suspect = ["2024-02".parse().unwrap(), "2023-06".parse().unwrap()];
    let mut i = input(&p, &t, Disclosure::NONE);
    i.ranking = Some(&r);
    i.deprivation = Some(&d);
    i.targets = &targets;
    i.months_suspect = &suspect;
    let f = key_findings(&i);
    let dep = texts(&f, FindingKind::Deprivation);
    assert_eq!(dep[0], "Crime rates are higher in more deprived wards: 50.0 per 1,000 residents in the most deprived fifth against 10.0 in the least deprived (Spearman's ρ = 0.60, statistically significant).");
    assert_eq!(
        dep[1],
        "Ash is in both the highest fifth of wards for crime rate and the most deprived fifth."
    );
    assert_eq!(
        texts(&f, FindingKind::Target),
        vec![
            "The one target is met: all crime (excluding ASB), \u{2212}11.0% against \u{2212}5.0%."
        ]
    );
    // Several: how many are met, then each one missed, by hand.
    let result = |selection: Selection, target: f64, previous: u64, current: u64| {
        let actual = (current as f64 - previous as f64) / previous as f64 * 100.0;
        TargetResult {
            target: Target {
                selection,
                target_pct_change: target,
                area: None,
            },
            previous,
            actual_pct: Some(actual),
            status: cse::analysis::targets::target_status(Some(actual), target),
        }
    };
    let several = vec![
        result(Selection::AllCrime, -5.0, 1000, 900),
        result(Selection::Category("Burglary".into()), -5.0, 100, 112),
        result(Selection::Category("Robbery".into()), -5.0, 100, 97),
        result(Selection::Asb, 0.0, 200, 190),
    ];
    i.targets = &several;
    assert_eq!(
        texts(&key_findings(&i), FindingKind::Target),
        vec!["2 of 4 targets met; burglary is off target: +12.0% against \u{2212}5.0%; robbery is near target: \u{2212}3.0% against \u{2212}5.0%."]
    );
    // In Welsh, the categories by their Welsh names (the built-in ones).
    i.w = cse::i18n::words(cse::i18n::Lang::Cy);
    let welsh = key_findings(&i);
    let cy = texts(&welsh, FindingKind::Target);
    assert!(
        cy[0].contains("byrgleriaeth") && cy[0].contains("lladrad"),
        "{cy:?}"
    );
    assert!(
        !cy[0].contains("urglary") && !cy[0].contains("obbery"),
        "{cy:?}"
    );
    i.w = cse::i18n::english();
    i.targets = &targets;
    // Only the suspect month inside the compared periods is mentioned.
    let caveats = texts(&f, FindingKind::Caveat);
    assert_eq!(caveats.len(), 1, "{caveats:?}");
    assert!(
        caveats[0].starts_with("The data for Feb 2024 are implausibly low"),
        "{caveats:?}"
    );
    let weak = Deprivation {
        spearman_p: Some(0.3),
        ..d.clone()
    };
    i.deprivation = Some(&weak);
    let f = key_findings(&i);
    assert!(texts(&f, FindingKind::Deprivation)[0]
        .starts_with("There is no statistically significant link"));
}

#[test]
fn periods_with_months_without_data_are_said_so_and_not_compared() {
    // Jan and Mar 2024 have data, Feb has none: Feb–Mar against Jan.
    let mut b = CubeBuilder::new();
    b.add(Some("W1"), "2024-01".parse().unwrap(), "Burglary", 100);
    b.add(Some("W1"), "2024-03".parse().unwrap(), "Burglary", 300);
    let ds = Dataset::new(b.build().unwrap(), Vec::new(), &Categories::default());
    let p = PeriodPair {
        previous: Period::parse("2024-01").unwrap(),
        current: Period::parse("2024-02..2024-03").unwrap(),
    };
    let totals = PeriodTotals::new(&ds.cube, &p);
    let t = compare_table(&ds, &totals, Scope::Whole, &By::Category);
    let r = ranking();
    let mut i = input(&p, &t, Disclosure::NONE);
    let gaps = totals.coverage(&Selection::AllCrime.mask(&ds.categories));
    i.coverage = &gaps;
    i.ranking = Some(&r);
    let f = key_findings(&i);
    assert_eq!(
        f[0].text,
        "1 of the 2 months of Feb 2024 \u{2013} Mar 2024 has no data (Feb 2024), so the two periods are not compared."
    );
    assert!(texts(&f, FindingKind::Rise).is_empty());
    assert!(texts(&f, FindingKind::NoSignificantChange).is_empty());
    let all = texts(&f, FindingKind::Headline);
    assert!(all[0].contains("not compared"), "{all:?}");
    for text in f.iter().map(|x| &x.text) {
        assert!(
            !text.contains("rose") && !text.contains("fell") && !text.contains("significant"),
            "{text}"
        );
    }
}
