//! Tests of `periods`, on datasets written out by hand.

use super::*;
use crate::data::bundle::{assemble, Files};
use crate::data::Manifest;

/// A dataset with one row (of 1) in each month given.
fn bundle(months: &[String], manifest_extra: &str) -> Bundle {
    let manifest = Manifest::parse(
        "m.json",
        &format!(r#"{{"title":"T","files":{{"counts":"c"}}{manifest_extra}}}"#),
    )
    .unwrap();
    let mut counts = String::from("month,area_code,category,count\n");
    for m in months {
        counts.push_str(&format!("{m},W1,Burglary,1\n"));
    }
    assemble(manifest, Files::counts("c", counts.as_bytes())).unwrap()
}

fn months(from: &str, n: i64) -> Vec<String> {
    let first: Month = from.parse().unwrap();
    (0..n)
        .map(|i| first.offset(i).unwrap().to_string())
        .collect()
}

fn text(p: PeriodPair) -> String {
    format!("{} vs {}", p.current, p.previous)
}

#[test]
fn a_year_of_data_opens_on_figures_with_every_preset_disabled_and_why() {
    let b = bundle(&months("2025-01", 12), "");
    let m = menu(&b, PeriodChoice::Default);
    assert_eq!(text(m.pair), "2025-07..2025-12 vs 2025-01..2025-06");
    assert_eq!(m.selected, CUSTOM);
    let rolling = &m.options[0];
    assert!(rolling.disabled);
    assert_eq!(
        rolling.label,
        "Last 12 months vs the 12 before (needs data from Jan 2024)"
    );
    assert!(m.options.iter().take(5).all(|o| o.disabled));
    let custom = m.options.last().unwrap();
    assert_eq!((custom.key, custom.disabled), (CUSTOM, false));
    // A preset in the address that the data cannot show falls back, and
    // says so; the seasons differ, and that is said too.
    let (pair, note) = resolve(&b, PeriodChoice::Preset(Preset::Rolling12));
    assert_eq!(text(pair), "2025-07..2025-12 vs 2025-01..2025-06");
    assert_eq!(
        note.as_deref(),
        Some(
            "\u{201c}Last 12 months vs the 12 before\u{201d} reaches outside the data (the data \
             covers Jan 2025 \u{2013} Dec 2025): showing Jul 2025 \u{2013} Dec 2025 against \
             Jan 2025 \u{2013} Jun 2025 instead."
        )
    );
    let n = notes(&pair, &Coverage::default(), note);
    assert_eq!(n.len(), 2);
    assert!(n[1].contains("different times of year"), "{n:?}");
}

#[test]
fn the_publishers_default_period_is_used() {
    let extra = r#","default_period":{"current":"2025-10..2025-12","previous":"2025-07..2025-09"}"#;
    let b = bundle(&months("2025-01", 12), extra);
    let (pair, note) = resolve(&b, PeriodChoice::Default);
    assert_eq!(text(pair), "2025-10..2025-12 vs 2025-07..2025-09");
    assert_eq!(note, None);
}

#[test]
fn three_julys_mark_the_presets_with_gaps_and_open_on_july() {
    let b = bundle(&["2016-07", "2017-07", "2018-07"].map(String::from), "");
    let m = menu(&b, PeriodChoice::Default);
    assert_eq!(m.selected, "month");
    assert_eq!(text(m.pair), "2018-07..2018-07 vs 2017-07..2017-07");
    let rolling = &m.options[0];
    assert!(!rolling.disabled);
    assert_eq!(
        rolling.label,
        "Last 12 months vs the 12 before (22 months without data)"
    );
    // Chosen anyway, it shows figures and says what is missing.
    let (pair, note) = resolve(&b, PeriodChoice::Preset(Preset::Rolling12));
    assert_eq!(note, None);
    let coverage = Coverage::of(&b.dataset.cube, &pair, &[true]);
    let n = notes(&pair, &coverage, None);
    assert_eq!(
        n,
        [
            "11 of the 12 months in each period have no data (Aug 2017 \u{2013} Jun 2018; \
          Aug 2016 \u{2013} Jun 2017), so the two periods are not compared."
        ]
    );
    let m = menu(&b, PeriodChoice::Preset(Preset::Rolling12));
    assert_eq!(m.selected, "rolling12");
    assert_eq!(
        span_text(&b.dataset.cube),
        "Data from Jul 2016 to Jul 2018; 22 of these 25 months have no data \
         (Aug 2016 \u{2013} Jun 2017, Aug 2017 \u{2013} Jun 2018)."
    );
}

#[test]
fn a_custom_pair_outside_the_data_falls_back_and_custom_stays_chosen() {
    let b = bundle(&months("2023-01", 35), "");
    let asked = PeriodPair {
        current: Period::parse("2026-01..2026-03").unwrap(),
        previous: Period::parse("2025-01..2025-03").unwrap(),
    };
    let (pair, note) = resolve(&b, PeriodChoice::Custom(asked));
    assert_eq!(text(pair), "2024-12..2025-11 vs 2023-12..2024-11");
    assert!(note.unwrap().starts_with(
        "The comparison of Jan 2026 \u{2013} Mar 2026 with Jan 2025 \u{2013} Mar 2025 reaches outside"
    ));
    assert_eq!(menu(&b, PeriodChoice::Custom(asked)).selected, CUSTOM);
    assert_eq!(menu(&b, PeriodChoice::Default).selected, "rolling12");
}

#[test]
fn loaded_data_keeps_a_choice_it_reaches() {
    let b = bundle(&months("2025-01", 12), "");
    let cube = &b.dataset.cube;
    let rolling = PeriodChoice::Preset(Preset::Rolling12);
    assert_eq!(for_loaded(cube, rolling), PeriodChoice::Default);
    let inside = PeriodChoice::Custom(PeriodPair {
        current: Period::parse("2025-04..2025-06").unwrap(),
        previous: Period::parse("2025-01..2025-03").unwrap(),
    });
    assert_eq!(for_loaded(cube, inside), inside);
    let month = PeriodChoice::Preset(Preset::LatestMonth);
    assert_eq!(
        for_loaded(cube, month),
        PeriodChoice::Default,
        "Dec 2024 is outside"
    );
}
