//! What became of every row of a load, in the report: the table (counted,
//! not allocated, outside, unknown code, rejected; rows read below) and
//! the same sum spelled out.

use crate::data::session::Loaded;
use crate::format::thousands;
use crate::view::table::{Cell, Column, TableModel};

use crate::i18n::{Msg, Words};

use super::level_label;

/// The words for rows outside, for the table and for the sum: outside the
/// area chosen, or (with no area chosen) in the lookup but in no area of
/// the level; `None` when there can be none.
fn outside_label(loaded: &Loaded, w: &Words) -> Option<(String, String)> {
    let name = &loaded.data.manifest.whole_name;
    let level = level_label(loaded.level, w);
    match &loaded.within {
        Some(_) => Some((
            w.f(Msg::RowsOutside, &[("name", name)]),
            w.f(Msg::SumOutside, &[("name", name)]),
        )),
        None if loaded.report.outside_area > 0 => Some((
            w.f(Msg::RowsInNoArea, &[("level", level)]),
            w.t(Msg::SumInNoArea).to_string(),
        )),
        None => None,
    }
}

/// Rows with a code no lookup lists are shown when there are any, and
/// always for a load restricted to an area (where they might be taken for
/// outside it).
fn shows_unknown(loaded: &Loaded) -> bool {
    loaded.within.is_some() || loaded.report.unknown_code > 0
}

pub(super) fn rows_table(loaded: &Loaded, w: &Words) -> TableModel {
    let r = &loaded.report;
    let row =
        |what: String, n: u64| vec![Cell::text(what), Cell::number(thousands(n), Some(n as f64))];
    let not_allocated = w.t(if loaded.keeps_unallocated {
        Msg::RowsNotAllocatedKept
    } else {
        Msg::RowsNotAllocatedLeftOut
    });
    let level = level_label(loaded.level, w);
    let mut rows = vec![
        row(w.f(Msg::RowsCounted, &[("level", level)]), r.accepted),
        row(not_allocated.to_string(), r.not_allocated),
    ];
    if let Some((outside, _)) = outside_label(loaded, w) {
        rows.push(row(outside, r.outside_area));
    }
    if shows_unknown(loaded) {
        rows.push(row(w.t(Msg::RowsUnknownCode).to_string(), r.unknown_code));
    }
    rows.push(row(w.t(Msg::RowsRejected).to_string(), r.rejected));
    TableModel {
        caption: w.t(Msg::RowsCaption).to_string(),
        columns: vec![
            Column::text(w.t(Msg::ColRows)),
            Column::number(w.t(Msg::ColCount)),
        ],
        rows,
        footer: vec![row(w.t(Msg::ColRowsRead).to_string(), r.rows_read)],
    }
}

pub(super) fn adds_up(loaded: &Loaded, w: &Words) -> String {
    let r = &loaded.report;
    let part = |msg: Msg, n: u64| w.f(msg, &[("n", &thousands(n))]);
    let mut parts = vec![
        part(Msg::SumCounted, r.accepted),
        part(Msg::SumNotAllocated, r.not_allocated),
    ];
    if let Some((_, outside)) = outside_label(loaded, w) {
        parts.push(format!("{} {outside}", thousands(r.outside_area)));
    }
    if shows_unknown(loaded) {
        parts.push(part(Msg::SumUnknownCode, r.unknown_code));
    }
    parts.push(part(Msg::SumRejected, r.rejected));
    let sum = parts.join(" + ");
    let msg = if r.adds_up() {
        Msg::SumAddsUp
    } else {
        Msg::SumDoesNotAddUp
    };
    w.f(msg, &[("sum", &sum), ("read", &thousands(r.rows_read))])
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{row, session, texts, through_json, HEADER, LOOKUP};
    use super::super::{summary, Timing};
    use crate::data::session::LoadSession;

    #[test]
    fn an_unrestricted_load_counts_rows_with_no_location_in_the_totals() {
        let mut s = session();
        s.start(Some(crate::data::lookup::Level::District), None)
            .unwrap();
        let loaded = s.finish().unwrap();
        let sum = summary(
            &loaded,
            Timing { ms: 0.0, bytes: 10 },
            crate::i18n::english(),
        );
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
            summary(
                &s.finish().unwrap(),
                Timing { ms: 1.0, bytes: 1 },
                crate::i18n::english(),
            )
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
        assert_eq!(through_json(&sum), sum);
    }
}
