//! A load of a small made-up police.uk file, run by the loading worker
//! once it has answered `added`, while the reader looks at the files and
//! chooses what to load. The browser compiles a wasm function when it
//! first runs and optimises it once it has run for a while; a load of the
//! user's files would otherwise pay for both (BENCHMARKS.md, "The worker
//! warms up while the reader chooses"). Nothing of it is kept or shown.

use std::fmt::Write as _;

use super::{summary, Timing};
use crate::data::category::{Categories, ASB};
use crate::data::lookup::Level;
use crate::data::report::LoadReport;
use crate::data::session::LoadSession;
use crate::i18n::Words;

/// Rows in the made-up file: about 2 MB, a few milliseconds to count,
/// enough for the browser to optimise the scanner and the tallies.
const ROWS: usize = 10_000;

/// LSOA codes in the made-up file (not real ones).
const AREAS: usize = 97;

/// The made-up file: police.uk's columns, a year of months, every crime
/// type, some rows without a location (as police.uk's files have).
fn made_up_file() -> Vec<u8> {
    let types: Vec<String> = Categories::default()
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let mut text = String::with_capacity(ROWS * 200);
    text.push_str(
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,\
         LSOA code,LSOA name,Crime type,Last outcome category,Context\n",
    );
    for row in 0..ROWS {
        let month = 1 + row % 12;
        let kind = &types[row % types.len()];
        let area = row % AREAS;
        // A crime ID is a 64-character hash; anti-social behaviour has none.
        let id = if kind == ASB {
            String::new()
        } else {
            format!("{:064x}", row.wrapping_mul(0x9e37_79b9))
        };
        let _ = if row % 50 == 0 {
            writeln!(
                text,
                "{id},2024-{month:02},A Police,A Police,,,No location,,,{kind},,"
            )
        } else {
            writeln!(
                text,
                "{id},2024-{month:02},A Police,A Police,-1.{area:06},54.{row:06},\
                 On or near Made Up Street,E0199{area:04},Made Up {area:03}A,{kind},\
                 Under investigation,"
            )
        };
    }
    text.into_bytes()
}

/// Loads the made-up file at LSOA level, through the steps a real load
/// takes (its dataset's files and its report made, then dropped); the
/// load's report, or `None` when it did not finish.
pub fn run(w: &Words) -> Option<LoadReport> {
    let mut session = LoadSession::new();
    session.add("warm-up.csv", made_up_file());
    session.start(Some(Level::Lsoa), None).ok()?;
    while !session.step().ok()? {}
    let loaded = session.finish().ok()?;
    let _ = loaded.dataset_files();
    let _ = summary(&loaded, Timing { ms: 0.0, bytes: 0 }, w);
    Some(loaded.report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{words, Lang};

    #[test]
    fn the_made_up_file_loads_whole() {
        // Counted independently: a plain split of the file's lines.
        let text = String::from_utf8(made_up_file()).expect("ASCII");
        let rows: Vec<Vec<&str>> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').collect())
            .collect();
        let no_lsoa = rows.iter().filter(|r| r[7].is_empty()).count() as u64;
        assert_eq!(rows.len(), ROWS);
        assert!(no_lsoa > 0);
        let report = run(words(Lang::En)).expect("the made-up file loads");
        assert_eq!(report.rows_read, ROWS as u64);
        assert_eq!(report.rejected, 0);
        assert_eq!(report.not_allocated, no_lsoa);
        assert_eq!(report.accepted, ROWS as u64 - no_lsoa);
    }

    #[test]
    fn the_made_up_file_has_every_crime_type_and_a_year_of_months() {
        let text = String::from_utf8(made_up_file()).expect("ASCII");
        let column = |i: usize| -> std::collections::BTreeSet<String> {
            text.lines()
                .skip(1)
                .map(|l| l.split(',').nth(i).unwrap_or("").to_string())
                .collect()
        };
        assert_eq!(column(1).len(), 12);
        let types: std::collections::BTreeSet<String> = Categories::default()
            .iter()
            .map(|c| c.name.clone())
            .collect();
        assert_eq!(column(9), types);
    }
}
