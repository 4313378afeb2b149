//! Small loads the load page's tests share: police.uk rows, a lookup of
//! two towns, a session of two months with every kind of row.

use crate::data::session::LoadSession;
use crate::view::table::Cell;

use super::message::FromWorker;
use super::LoadSummary;

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
pub(super) fn session() -> LoadSession {
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

/// The summary as the page gets it: written into the worker's `done`
/// message as JSON, and read back.
pub(super) fn through_json(summary: &LoadSummary) -> LoadSummary {
    let done = FromWorker::Done {
        summary: Box::new(summary.clone()),
        query: "?page=overview".to_string(),
    };
    match FromWorker::from_json(&done.to_json()) {
        Ok(FromWorker::Done { summary, query }) if query == "?page=overview" => *summary,
        other => panic!("not the done message sent: {other:?}"),
    }
}
