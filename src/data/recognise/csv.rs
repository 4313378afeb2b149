//! Recognising a text file by its first CSV record (the header): the
//! columns decide which of the explorer's CSV inputs it is.

use crate::data::csv_scan::Scanner;
use crate::data::deprivation_lookup::read_ranks;
use crate::data::header;
use crate::data::lookup::{read_lookup, Level, LEVELS};
use crate::data::month::Month;
use crate::data::population::read_population;
use crate::data::text;

use super::{unknown, FileKind};
use crate::i18n::{Msg, Text};

/// True when `b` has control bytes that text in Windows-1252 has not: any
/// below 0x20 but tab, line feed, carriage return and form feed.
fn has_controls(b: &[u8]) -> bool {
    b.iter()
        .any(|&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C))
}

/// True when `b` is UTF-8 but for a character cut at its very end.
fn utf8_but_cut(b: &[u8]) -> bool {
    match std::str::from_utf8(b) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// What a text file is, from its header (and first row, for police.uk).
pub(super) fn csv_kind(text: &[u8]) -> FileKind {
    let mut scanner = Scanner::new();
    let Some(rec) = scanner.next(text, true) else {
        return unknown(Msg::IsEmpty);
    };
    let consumed = rec.consumed;
    if !utf8_but_cut(rec.fields.bytes()) && has_controls(text) {
        return unknown(Msg::IsControlBytes);
    }
    let (headers, _) = header::names(rec.fields);
    let header_line = &text[..consumed];
    let col = |names: &[&str]| header::find(&headers, names);
    if let (Some(month), Some(_), Some(_)) =
        (col(&["month"]), col(&["lsoa code"]), col(&["crime type"]))
    {
        let force = col(&["falls within", "reported by"]);
        return police_kind(&text[consumed..], month, force);
    }
    if let Some(wide) = crate::data::wide::WideKind::of_header(rec.fields) {
        return FileKind::Wide(wide);
    }
    let counts = [
        col(&["month"]),
        col(&["area code", "area"]),
        col(&["category", "crime type"]),
        col(&["count", "n"]),
    ];
    if counts.iter().all(Option::is_some) {
        return FileKind::CountsFile;
    }
    if col(&["category", "crime type", "name"]).is_some()
        && col(&["group", "category group"]).is_some()
    {
        return FileKind::Categories;
    }
    if col(&["area code", "code"]).is_some() && col(&["area name", "name"]).is_some() {
        return FileKind::AreasFile {
            parents: col(&["parent code", "parent"]).is_some(),
            population: col(&["population", "residents"]).is_some(),
            deprivation: col(&["imd rank", "imd score", "imd decile"]).is_some(),
        };
    }
    if read_ranks("", header_line).is_ok() {
        return FileKind::Deprivation;
    }
    if read_population("", header_line).is_ok() {
        return FileKind::Population;
    }
    if let Ok((lookup, _)) = read_lookup("", header_line) {
        let levels: Vec<Level> = LEVELS
            .into_iter()
            .filter(|l| lookup.has_level(*l))
            .collect();
        if lookup.is_bridge() || levels.len() > 1 {
            return FileKind::Lookup {
                bridge: lookup.is_bridge(),
                levels,
            };
        }
    }
    let mut shown: Vec<&str> = headers.iter().map(String::as_str).take(8).collect();
    if headers.len() > 8 {
        shown.push("…");
    }
    if headers.len() == 1 {
        let line = format!("{:?}", shown.join(""));
        return FileKind::Unknown {
            reason: Text::msg(Msg::IsNoCommas).with("line", line),
        };
    }
    FileKind::Unknown {
        reason: Text::msg(Msg::IsOtherCsv).with("header", shown.join(", ")),
    }
}

/// The month and force of the first complete data row, when there is one.
fn police_kind(rows: &[u8], month_col: usize, force_col: Option<usize>) -> FileKind {
    let mut scanner = Scanner::new();
    let mut pos = 0;
    while let Some(rec) = rows.get(pos..).and_then(|r| scanner.next(r, false)) {
        pos += rec.consumed;
        if rec.fields.is_blank() {
            continue;
        }
        let windows_1252 = !text::is_utf8(rec.fields.bytes());
        let cell = |c: usize| text::cell(rec.fields.get(c), windows_1252);
        let month = cell(month_col).trim().parse::<Month>().ok();
        let force = force_col
            .map(cell)
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty());
        return FileKind::PoliceUkStreet { month, force };
    }
    FileKind::PoliceUkStreet {
        month: None,
        force: None,
    }
}
