//! Tests of the load report's rows: codes no lookup lists apart from
//! rows outside, and suspect months counted on the rows in the counts.

use super::tests::{row, texts, HEADER, LOOKUP};
use super::*;
use crate::data::session::LoadSession;

#[test]
fn rows_with_codes_no_lookup_lists_are_unknown_not_outside() {
    // E01000009 is in no row of the lookup: in no area, and said so; with
    // Town chosen, E01000003 (City) is outside and E01000009 still unknown.
    let file = format!(
        "{HEADER}{}{}{}{}",
        row("2024-01", "E01000001", "Drugs"),
        row("2024-01", "E01000009", "Drugs"),
        row("2024-01", "E01000009", "Burglary"),
        row("2024-01", "E01000003", "Drugs")
    );
    let load = |within: Option<&str>| {
        let mut s = LoadSession::new();
        s.add("lookup.csv", LOOKUP.as_bytes().to_vec());
        s.add("2024-01-x-street.csv", file.clone().into_bytes());
        s.start(None, within).unwrap();
        summary(&s.finish().unwrap(), Timing { ms: 1.0, bytes: 1 })
    };
    let unknown = "Unknown LSOA code: no lookup lists it, so it is in no area";
    let sum = load(None);
    assert_eq!(
        texts(&sum.rows.rows),
        [
            ["Counted in an area (Ward)", "2"],
            [
                "Not allocated to an area: no location (counted in the totals)",
                "0"
            ],
            [unknown, "2"],
            ["Rejected: malformed rows", "0"],
        ]
    );
    assert_eq!(
        sum.adds_up,
        "2 counted + 0 not allocated + 2 with an unknown code + 0 rejected = 4 rows read: every row is accounted for."
    );
    assert!(
        sum.unknown.starts_with(
            "2 rows have an LSOA code no lookup lists, so they are in no area (not outside it either): E01000009 (2 rows). They look like 2011 LSOA codes"
        ),
        "{}",
        sum.unknown
    );
    let sum = load(Some("E06000001"));
    assert_eq!(
        texts(&sum.rows.rows)[2..4],
        [
            ["Outside Town: the lookup places them elsewhere", "1"],
            [unknown, "2"]
        ]
    );
    assert_eq!(
        sum.adds_up,
        "1 counted + 0 not allocated + 1 outside Town + 2 with an unknown code + 0 rejected = 4 rows read: every row is accounted for."
    );
    assert_eq!(LoadSummary::from_wire(&sum.to_wire()), sum);
}

#[test]
fn suspect_months_are_counted_from_the_counts_and_worded_for_either_cause() {
    // Town (E06000001) has 4 rows a month but 1 in March; City's rows
    // (outside) fill March up: the rule counts Town's rows only.
    let mut s = LoadSession::new();
    s.add("lookup.csv", LOOKUP.as_bytes().to_vec());
    for month in ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"] {
        let town = if month == "2024-03" { 1 } else { 4 };
        let mut f = HEADER.to_string();
        for _ in 0..town {
            f += &row(month, "E01000001", "Drugs");
        }
        for _ in 0..(5 - town) {
            f += &row(month, "E01000003", "Drugs");
        }
        s.add(&format!("{month}-x-street.csv"), f.into_bytes());
    }
    s.start(None, Some("E06000001")).unwrap();
    let loaded = s.finish().unwrap();
    let suspect: Vec<(String, u64)> = loaded
        .bundle
        .quality
        .months_suspect
        .iter()
        .map(|m| (m.month.to_string(), m.total))
        .collect();
    assert_eq!(suspect, [("2024-03".to_string(), 1)]);
    let sum = summary(&loaded, Timing { ms: 1.0, bytes: 1 });
    assert!(
        sum.quality.contains(&"Suspect month: Mar 2024 has 1 row in the counts, under half the 4 of the months around it: implausibly low against its neighbours. Data may be missing (perhaps only part of the month was published), or the drop may be real.".to_string()),
        "{:?}",
        sum.quality
    );
}
