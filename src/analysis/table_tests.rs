//! Hand-checked comparison tables and their disclosure control.

use super::*;
use crate::analysis::Period;
use crate::data::{Area, Categories, CubeBuilder, Month, ASB};

fn m(s: &str) -> Month {
    s.parse().unwrap()
}

fn pair() -> PeriodPair {
    PeriodPair {
        previous: Period::parse("2024-01").unwrap(),
        current: Period::parse("2024-02").unwrap(),
    }
}

/// Whole-dataset counts, previous (Jan) → current (Feb):
/// Burglary 10 → 20, Drugs 12 → 3, Robbery 6 → 7, Vehicle crime 2 → 0,
/// ASB 4 → 40. All crime 30 → 30. W1 holds everything except 5 drugs in
/// Jan, which are not allocated; W2 has the robberies.
fn fixture() -> Dataset {
    let mut b = CubeBuilder::new();
    for (area, month, cat, n) in [
        (Some("W1"), "2024-01", "Burglary", 10),
        (Some("W1"), "2024-02", "Burglary", 20),
        (Some("W1"), "2024-01", "Drugs", 7),
        (None, "2024-01", "Drugs", 5),
        (Some("W1"), "2024-02", "Drugs", 3),
        (Some("W2"), "2024-01", "Robbery", 6),
        (Some("W2"), "2024-02", "Robbery", 7),
        (Some("W1"), "2024-01", "Vehicle crime", 2),
        (Some("W1"), "2024-01", ASB, 4),
        (Some("W1"), "2024-02", ASB, 40),
    ] {
        b.add(area, m(month), cat, n);
    }
    let areas = vec![
        Area::named("W1", "Westfield"),
        Area::named("W2", "Eastfield"),
    ];
    Dataset::new(b.build().unwrap(), areas, &Categories::default())
}

fn keys(rows: &[CompareRow]) -> Vec<&str> {
    rows.iter().map(|r| r.key.as_str()).collect()
}

#[test]
fn category_table_order_totals_and_shares() {
    let ds = fixture();
    let rows = compare_by(&ds, Scope::Whole, &pair(), &By::Category).unwrap();
    assert_eq!(
        keys(&rows),
        vec![
            "Burglary",
            "Robbery",
            "Drugs",
            "Vehicle crime",
            "all-crime",
            ASB
        ]
    );
    let total = &rows[4];
    assert_eq!(total.role, RowRole::Total);
    assert_eq!(
        (total.comparison.previous, total.comparison.current),
        (30, 30)
    );
    let burglary = &rows[0].comparison;
    assert_eq!(
        (burglary.previous, burglary.current, burglary.change),
        (10, 20, 10)
    );
    assert!((burglary.share_pct.unwrap() - 200.0 / 3.0).abs() < 1e-12);
    assert_eq!(rows[5].role, RowRole::Separate);
    assert_eq!(rows[5].comparison.share_pct, None, "ASB is not crime");
    // Parts add up to the total in both columns.
    for (get, want) in [(0, 30u64), (1, 30)] {
        let sum: u64 = rows
            .iter()
            .filter(|r| r.role == RowRole::Part)
            .map(|r| {
                if get == 0 {
                    r.comparison.previous
                } else {
                    r.comparison.current
                }
            })
            .sum();
        assert_eq!(sum, want);
    }
}

#[test]
fn area_scope_and_group_table() {
    let ds = fixture();
    let w1 = ds.cube.area_index("W1").unwrap();
    let rows = compare_by(&ds, Scope::Area(w1), &pair(), &By::Group).unwrap();
    // W1: acquisitive (burglary + vehicle) 12 → 20, drugs 7 → 3, ASB 4 → 40;
    // robbery (acquisitive) is all in W2.
    let acq = rows.iter().find(|r| r.key == "Acquisitive crime").unwrap();
    assert_eq!((acq.comparison.previous, acq.comparison.current), (12, 20));
    let total = rows.iter().find(|r| r.role == RowRole::Total).unwrap();
    assert_eq!(
        (total.comparison.previous, total.comparison.current),
        (19, 23)
    );
    let asb = rows.iter().find(|r| r.key == ASB).unwrap();
    assert_eq!(asb.role, RowRole::Separate);
}

#[test]
fn area_table_lists_not_allocated_and_adds_to_the_whole() {
    let ds = fixture();
    let by = By::Area(Selection::AllCrime);
    let rows = compare_by(&ds, Scope::Whole, &pair(), &by).unwrap();
    assert_eq!(keys(&rows), vec!["W1", "W2", "not-allocated", "whole"]);
    assert_eq!(rows[0].name, "Westfield");
    assert_eq!(
        (rows[2].comparison.previous, rows[2].comparison.current),
        (5, 0)
    );
    assert_eq!(
        (rows[3].comparison.previous, rows[3].comparison.current),
        (30, 30)
    );
    // W2: 7 of the whole's 30 now.
    assert!((rows[1].comparison.share_pct.unwrap() - 70.0 / 3.0).abs() < 1e-12);
}

#[test]
fn a_period_outside_the_data_is_an_error() {
    let ds = fixture();
    let outside = PeriodPair {
        previous: Period::parse("2023-12").unwrap(),
        current: Period::parse("2024-02").unwrap(),
    };
    let e = compare_by(&ds, Scope::Whole, &outside, &By::Category).unwrap_err();
    assert!(e.to_string().contains("outside the data"), "{e}");
}

#[test]
fn suppression_cannot_be_undone_by_subtraction() {
    let ds = fixture();
    let rows = compare_by(&ds, Scope::Whole, &pair(), &By::Category).unwrap();
    let rule = Disclosure { threshold: Some(5) };
    let shown = show_table(&rows, &rule);
    let by_key = |k: &str| shown.iter().find(|r| r.key == k).unwrap();
    // Current column 20, 7, 3, 0 = 30: drugs' 3 is small; robbery's 7 is
    // the next smallest non-zero and goes too.
    assert_eq!(by_key("Drugs").current, Shown::Suppressed);
    assert_eq!(by_key("Robbery").current, Shown::Suppressed);
    assert_eq!(by_key("Burglary").current, Shown::Value(20));
    assert_eq!(by_key("Vehicle crime").current, Shown::Value(0));
    // Previous column 10, 6, 12, 2 = 30: vehicle crime's 2, then robbery's 6.
    assert_eq!(by_key("Vehicle crime").previous, Shown::Suppressed);
    assert_eq!(by_key("Robbery").previous, Shown::Suppressed);
    assert_eq!(by_key("Drugs").previous, Shown::Value(12));
    // Derived figures of suppressed counts go with them.
    assert_eq!(by_key("Drugs").change, Shown::Suppressed);
    assert_eq!(by_key("Drugs").p_value, Shown::Suppressed);
    assert_eq!(by_key("Vehicle crime").pct_change, Shown::Suppressed);
    assert_eq!(by_key("Drugs").share_pct, Shown::Suppressed);
    assert_eq!(by_key("Burglary").change, Shown::Value(10));
    assert_eq!(by_key("Burglary").pct_change, Shown::Value(100.0));
    // ASB: 4 is small (primary) and its % change on a base of 4 is hidden.
    let asb = by_key(ASB);
    assert_eq!(
        (asb.previous, asb.current),
        (Shown::Suppressed, Shown::Value(40))
    );
    assert_eq!(asb.pct_change, Shown::Suppressed);
    // In each column, the total minus every shown part never isolates a
    // single hidden part.
    for col in 0..2 {
        let cell = |r: &ShownRow| if col == 0 { r.previous } else { r.current };
        let hidden = shown
            .iter()
            .filter(|r| r.role == RowRole::Part && cell(r) == Shown::Suppressed)
            .count();
        assert_ne!(hidden, 1, "column {col}");
    }
}

#[test]
fn low_base_percentages_are_marked() {
    let ds = fixture();
    let w2 = ds.cube.area_index("W2").unwrap();
    let rows = compare_by(&ds, Scope::Area(w2), &pair(), &By::Category).unwrap();
    let shown = show_table(&rows, &Disclosure { threshold: Some(3) });
    let robbery = shown.iter().find(|r| r.key == "Robbery").unwrap();
    assert_eq!(robbery.previous, Shown::Value(6));
    assert_eq!(robbery.pct_change, Shown::Low, "6 is under 10");
    // Without a threshold the count is shown and the small base still marked.
    let open = show_table(&rows, &Disclosure::NONE);
    let robbery = open.iter().find(|r| r.key == "Robbery").unwrap();
    assert_eq!(robbery.previous, Shown::Value(6));
    assert_eq!(robbery.pct_change, Shown::Low, "6 is under 10");
}
