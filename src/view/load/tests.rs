//! Tests of the load page's models on small loads checked by hand.

use super::wire::*;
use super::*;
use crate::data::session::LoadSession;
use crate::view::table::SortKey;

pub(super) const HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";
pub(super) const LOOKUP: &str = "LSOA21CD,WD25CD,WD25NM,LAD25CD,LAD25NM\n\
                      E01000001,E05000001,North,E06000001,Town\n\
                      E01000002,E05000002,South,E06000001,Town\n\
                      E01000003,E05000003,East,E06000002,City\n";

pub(super) fn row(month: &str, lsoa: &str, kind: &str) -> String {
    format!(",{month},F,F,0,0,Here,{lsoa},N,{kind},,\n")
}

/// Jan and Mar 2024 (Feb missing): 3 rows in Town, 1 in City, 1 with no
/// LSOA, 1 malformed (line 7 of the January file).
fn session() -> LoadSession {
    let mut s = LoadSession::new();
    s.add("lookup.csv", LOOKUP.as_bytes().to_vec());
    let mut jan = HEADER.to_string();
    jan += &row("2024-01", "E01000001", "Burglary");
    jan += &row("2024-01", "E01000002", "Drugs");
    jan += &row("2024-01", "E01000003", "Drugs");
    jan += &row("2024-01", "", "Drugs");
    jan += &row("2024-01", "E01000001", "Nonsense");
    s.add("2024-01-x-street.csv", jan.into_bytes());
    let mar = format!("{HEADER}{}", row("2024-03", "E01000002", "Robbery"));
    s.add("2024-03-x-street.csv", mar.into_bytes());
    s.add("notes.txt", b"hello\n".to_vec());
    s
}

pub(super) fn texts(rows: &[Vec<Cell>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.text.clone()).collect())
        .collect()
}

#[test]
fn a_restricted_load_is_reported_row_by_row_and_adds_up() {
    let mut s = session();
    s.start(None, Some("E06000001")).unwrap();
    let loaded = s.finish().unwrap();
    let sum = summary(
        &loaded,
        Timing {
            ms: 500.0,
            bytes: 2_000_000,
        },
    );
    // January: 5 rows (2 in Town, 1 in City, 1 with no LSOA, 1 of an
    // unknown type); March: 1 in Town. 6 rows, 3 counted.
    assert!(
        sum.headline.starts_with(
            "Read 6 rows of crime and anti-social behaviour (2.0 MB) from 2 files in 0.50 s: 4 MB/s, 12 rows/s"
        ),
        "{}",
        sum.headline
    );
    assert_eq!(
        texts(&sum.rows.rows),
        [
            ["Counted in an area (Ward)", "3"],
            [
                "Not allocated to an area: no location (left out: they cannot be placed inside the area chosen)",
                "1"
            ],
            ["Outside Town: the lookup places them elsewhere", "1"],
            [
                "Unknown LSOA code: no lookup lists it, so it is in no area",
                "0"
            ],
            ["Rejected: malformed rows", "1"],
        ]
    );
    assert_eq!(texts(&sum.rows.footer), [["Rows read", "6"]]);
    assert_eq!(
        sum.adds_up,
        "3 counted + 1 not allocated + 1 outside Town + 0 with an unknown code + 1 rejected = 6 rows read: every row is accounted for."
    );
    assert_eq!(
        sum.months,
        "2 of the 3 months from Jan 2024 to Mar 2024 have data."
    );
    assert_eq!(
        sum.quality[0],
        "Missing months (no rows at all): Feb 2024. Comparisons that include them will be too low."
    );
    assert_eq!(sum.rejected.len(), 1);
    assert!(
        sum.rejected[0].starts_with("2024-01-x-street.csv, line 6, column Crime type: "),
        "{}",
        sum.rejected[0]
    );
    let files = texts(&sum.files.rows);
    assert_eq!(files.len(), 4);
    assert_eq!(files[1][0], "2024-01-x-street.csv");
    assert_eq!(files[1][3], "5");
    assert_eq!(files[1][4], "Read");
    assert!(
        files[3][4].starts_with("Could not be used. notes.txt: "),
        "{}",
        files[3][4]
    );
}

#[test]
fn an_unrestricted_load_counts_rows_with_no_location_in_the_totals() {
    let mut s = session();
    s.start(Some(crate::data::lookup::Level::District), None)
        .unwrap();
    let loaded = s.finish().unwrap();
    let sum = summary(&loaded, Timing { ms: 0.0, bytes: 10 });
    assert_eq!(
        texts(&sum.rows.rows),
        [
            ["Counted in an area (District (local authority))", "4"],
            [
                "Not allocated to an area: no location (counted in the totals)",
                "1"
            ],
            ["Rejected: malformed rows", "1"],
        ]
    );
    assert_eq!(
        sum.adds_up,
        "4 counted + 1 not allocated + 1 rejected = 6 rows read: every row is accounted for."
    );
    assert!(
        sum.headline.contains("in 0.00 s, all in this browser"),
        "{}",
        sum.headline
    );
}

#[test]
fn more_rejections_than_shown_are_counted() {
    let mut s = LoadSession::new();
    let mut f = HEADER.to_string();
    for _ in 0..25 {
        f += &row("2024-01", "E01000001", "Nonsense");
    }
    f += &row("2024-01", "E01000001", "Drugs");
    s.add("a.csv", f.into_bytes());
    s.start(None, None).unwrap();
    let sum = summary(&s.finish().unwrap(), Timing { ms: 1.0, bytes: 1 });
    assert_eq!(sum.rejected.len(), SHOWN_REJECTIONS + 1);
    assert_eq!(
        sum.rejected[SHOWN_REJECTIONS],
        "… and 5 more rejected rows, counted above."
    );
}

#[test]
fn files_read_as_windows_1252_are_named_in_the_report() {
    let mut s = LoadSession::new();
    let lookup = LOOKUP
        .replace("North", "Ynys M\u{f4}n")
        .replace("City", "Caf\u{e9}");
    let lookup: Vec<u8> = lookup.chars().map(|c| c as u8).collect();
    s.add("lookup.csv", lookup);
    let mut jan = HEADER.to_string() + &row("2024-01", "E01000001", "Drugs");
    jan += &row("2024-01", "E01000003", "Drugs").replace("Here", "Caf\u{e9}");
    s.add(
        "2024-01-street.csv",
        jan.chars().map(|c| c as u8).collect::<Vec<u8>>(),
    );
    s.start(None, None).unwrap();
    let sum = summary(&s.finish().unwrap(), Timing { ms: 1.0, bytes: 1 });
    let notes: Vec<&String> = sum
        .quality
        .iter()
        .filter(|q| q.contains("Windows-1252"))
        .collect();
    assert_eq!(notes, [
        "lookup.csv: 2 rows are not UTF-8 text; they were read as Windows-1252 (the first on line 2).",
        "2024-01-street.csv: 1 row is not UTF-8 text; it was read as Windows-1252 (line 3).",
    ]);
    assert_eq!(
        sum.adds_up,
        "2 counted + 0 not allocated + 0 rejected = 2 rows read: every row is accounted for."
    );
    assert_eq!(LoadSummary::from_wire(&sum.to_wire()).quality, sum.quality);
}

#[test]
fn the_summary_survives_the_wire() {
    let mut s = session();
    s.start(None, Some("E06000001")).unwrap();
    let sum = summary(
        &s.finish().unwrap(),
        Timing {
            ms: 12.5,
            bytes: 900,
        },
    );
    assert_eq!(LoadSummary::from_wire(&sum.to_wire()), sum);
}

#[test]
fn tabs_and_line_breaks_in_names_cannot_break_the_wire() {
    let table = TableModel {
        caption: "cap\ttion".to_string(),
        columns: vec![Column::text("A\nB"), Column::number("N")],
        rows: vec![vec![
            Cell::text("x\ty\r\nz\u{1e}"),
            Cell::number("1,234", Some(1234.0)),
        ]],
        footer: vec![vec![Cell::text("all"), Cell::number("n/a", None)]],
    };
    let back = table_from_wire(&table_to_wire(&table));
    assert_eq!(back.caption, "cap tion");
    assert_eq!(back.columns, vec![Column::text("A B"), Column::number("N")]);
    assert_eq!(back.rows[0][0].text, "x y  z ");
    assert_eq!(back.rows[0][1].key, SortKey::Number(1234.0));
    assert_eq!(texts(&back.footer), [["all", "n/a"]]);
    assert_eq!(back.footer[0][1].key, SortKey::Text("n/a".to_string()));
}

#[test]
fn choices_put_the_default_level_first() {
    let s = session();
    let (levels, areas) = choices_to_wire(&s.choices());
    let levels = pairs_from_wire(&levels);
    let keys: Vec<&str> = levels.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["ward", "lsoa", "district"]);
    assert_eq!(levels[0].1, "Ward");
    assert_eq!(
        pairs_from_wire(&areas),
        [
            ("E06000002".to_string(), "City".to_string()),
            ("E06000001".to_string(), "Town".to_string())
        ]
    );
}

#[test]
fn sizes_read_as_people_say_them() {
    assert_eq!(size_text(999), "999 bytes");
    assert_eq!(size_text(12_345), "12.3 KB");
    assert_eq!(size_text(220_100_000), "220.1 MB");
    assert_eq!(size_text(1_500_000_000), "1.50 GB");
}

#[test]
fn progress_says_bytes_rows_and_file() {
    let p = crate::data::session::Progress {
        bytes_done: 55_000_000,
        bytes_total: 220_000_000,
        rows: 250_000,
        files_done: 1,
        files_total: 3,
        current: Some("2024-02-street.csv".to_string()),
    };
    assert_eq!(
        progress_text(&p),
        "55.0 MB of 220.0 MB read (25%), 250,000 rows; file 2 of 3: 2024-02-street.csv"
    );
}
