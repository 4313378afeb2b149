//! The months of a load, in the report: how many have data, the missing
//! and suspect ones, and the other notes on quality (rows read as
//! Windows-1252, rows placed through a bridging lookup).

use crate::data::session::Loaded;
use crate::format::thousands;
use crate::i18n::{Msg, Words};

fn month_list(months: &[crate::data::Month], w: &Words) -> String {
    months
        .iter()
        .map(|m| m.label_in(w))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn months_and_quality(loaded: &Loaded, w: &Words) -> (String, Vec<String>) {
    // From the counts, as the pages see them (the one rule of `quality`).
    let q = &loaded.data.quality;
    let cube = &loaded.data.dataset.cube;
    let n = q.months_covered.len() as u64;
    let (first, last) = (cube.first_month(), cube.last_month());
    // A cube's months run from its first to its last.
    debug_assert!(first <= last, "{first} is after {last}");
    let span = first.months_until(last).unsigned_abs() + 1;
    let (first, last) = (first.label_in(w), last.label_in(w));
    let months = if n == span {
        let counted = w.count(n, &thousands(n), Msg::UnitMonth);
        w.f(
            Msg::MonthsOfData,
            &[("months", &counted), ("first", &first), ("last", &last)],
        )
    } else {
        w.f(
            Msg::MonthsWithData,
            &[
                ("n", &thousands(n)),
                ("span", &thousands(span)),
                ("first", &first),
                ("last", &last),
            ],
        )
    };
    let mut quality = Vec::new();
    if q.months_missing.is_empty() {
        quality.push(w.t(Msg::NoMonthMissing).to_string());
    } else {
        let months = month_list(&q.months_missing, w);
        quality.push(w.f(Msg::MissingMonths, &[("months", &months)]));
    }
    for s in &q.months_suspect {
        quality.push(w.f(
            Msg::SuspectMonth,
            &[
                ("month", &s.month.label_in(w)),
                ("rows", &w.count(s.total, &thousands(s.total), Msg::UnitRow)),
                ("around", &thousands(s.neighbour_median.round() as u64)),
            ],
        ));
    }
    for file in &loaded.files {
        quality.extend(
            file.rows
                .windows_1252
                .iter()
                .map(|n| n.describe().in_words(w)),
        );
    }
    if loaded.bridged > 0 {
        let n = thousands(loaded.bridged);
        quality.push(w.f(Msg::RowsBridged, &[("n", &n)]));
    }
    (months, quality)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{row, through_json, HEADER, LOOKUP};
    use super::super::{summary, Timing};
    use crate::data::session::LoadSession;

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
        let sum = summary(
            &s.finish().unwrap(),
            Timing { ms: 1.0, bytes: 1 },
            crate::i18n::english(),
        );
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
        assert_eq!(through_json(&sum).quality, sum.quality);
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
            .data
            .quality
            .months_suspect
            .iter()
            .map(|m| (m.month.to_string(), m.total))
            .collect();
        assert_eq!(suspect, [("2024-03".to_string(), 1)]);
        let sum = summary(
            &loaded,
            Timing { ms: 1.0, bytes: 1 },
            crate::i18n::english(),
        );
        assert!(
            sum.quality.contains(&"Suspect month: Mar 2024 has 1 row in the counts, under half the 4 of the months around it: implausibly low against its neighbours. Data may be missing (perhaps only part of the month was published), or the drop may be real.".to_string()),
            "{:?}",
            sum.quality
        );
    }
}
