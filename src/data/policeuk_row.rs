//! The lines of a police.uk street file: the header ([`header_columns`])
//! and each data row ([`row`]), checked, classified and counted into a
//! [`Tally`], with what rows share kept in a [`RowCache`] (the last month
//! parsed, the crime types to match).

use crate::i18n::{Msg, Text};
use std::ops::Range;

use super::area_mapper::Placement;
use super::category::Categories;
use super::csv_scan::Fields;
use super::error::FileError;
use super::header;
use super::month::Month;
use super::policeuk_file::FileState;
use super::tally::Tally;
use super::text::{self, Recoded};

/// Where the columns the explorer needs are.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    pub width: usize,
    pub month: usize,
    pub lsoa: usize,
    pub crime_type: usize,
}

/// Finds the columns by name in the header line (noting it in `recoded`
/// when it is read as Windows-1252).
pub(super) fn header_columns(
    file: &str,
    recoded: &mut Option<Recoded>,
    fields: Fields<'_>,
) -> Result<Columns, FileError> {
    let (headers, windows_1252) = header::names(fields);
    if windows_1252 {
        Recoded::count(recoded, file, 1);
    }
    let month = header::find(&headers, &["month"]);
    let lsoa = header::find(&headers, &["lsoa code"]);
    let crime_type = header::find(&headers, &["crime type"]);
    match (month, lsoa, crime_type) {
        (Some(month), Some(lsoa), Some(crime_type)) => Ok(Columns {
            width: headers.len(),
            month,
            lsoa,
            crime_type,
        }),
        _ => Err(FileError::missing_columns(
            file,
            &[
                ("Month", month),
                ("LSOA code", lsoa),
                ("Crime type", crime_type),
            ],
            &headers,
        )),
    }
}

/// Up to eight bytes of `part`, zero-padded, as one integer.
#[inline(always)]
fn word(part: &[u8]) -> u64 {
    match part.first_chunk::<8>() {
        Some(w) => u64::from_le_bytes(*w),
        None => part.iter().rev().fold(0, |w, &b| (w << 8) | u64::from(b)),
    }
}

/// The first and the last (up to) eight bytes of `text` as two integers:
/// with the length, all of a text of up to 16 bytes.
#[inline(always)]
fn ends(text: &[u8]) -> (u64, u64) {
    let tail = &text[text.len().saturating_sub(8)..];
    (word(text), word(tail))
}

/// `text` without leading and trailing ASCII white space (checking the
/// two ends first: police.uk fields have none).
#[inline(always)]
fn trim(text: &[u8]) -> &[u8] {
    match (text.first(), text.last()) {
        (Some(f), Some(l)) if !f.is_ascii_whitespace() && !l.is_ascii_whitespace() => text,
        _ => text.trim_ascii(),
    }
}

/// A crime type to match: its length and end bytes, compared before the
/// whole name (only needed past 16 bytes), so that most candidates are
/// ruled out by integers.
#[derive(Debug)]
struct TypeKey {
    len: usize,
    ends: (u64, u64),
    name: Box<[u8]>,
}

/// What rows share: the last month text parsed (files hold one month) and
/// the crime types in axis order.
#[derive(Debug)]
pub(super) struct RowCache {
    last_month: Option<([u8; 7], Month)>,
    types: Vec<TypeKey>,
}

impl RowCache {
    /// A cache matching the names of `categories`.
    pub fn new(categories: &Categories) -> Self {
        let types = categories
            .iter()
            .map(|c| TypeKey {
                len: c.name.len(),
                ends: ends(c.name.as_bytes()),
                name: Box::from(c.name.as_bytes()),
            })
            .collect();
        RowCache {
            last_month: None,
            types,
        }
    }

    /// The axis index of the first category named `text`.
    #[inline]
    fn crime_type(&self, text: &[u8]) -> Option<usize> {
        let (len, e) = (text.len(), ends(text));
        self.types
            .iter()
            .position(|t| t.len == len && t.ends == e && (len <= 16 || *t.name == *text))
    }

    /// The month written `text`, parsed once per distinct text.
    #[inline]
    fn month(&mut self, text: &[u8]) -> Option<Month> {
        let key = <[u8; 7]>::try_from(text).ok()?;
        match self.last_month {
            Some((k, m)) if k == key => Some(m),
            _ => {
                let m = Month::parse_bytes(&key)?;
                self.last_month = Some((key, m));
                Some(m)
            }
        }
    }
}

/// Classifies one data row. Only the month, LSOA code and crime type are
/// used; a row that is not UTF-8 (whatever column its bytes are in) is
/// read as Windows-1252, never rejected for it (see [`text`](super::text)).
#[inline]
pub(super) fn row(
    tally: &mut Tally,
    cache: &mut RowCache,
    file: &mut FileState,
    line: u64,
    cols: Columns,
    fields: Fields<'_>,
) {
    tally.report.rows_read += 1;
    if fields.len() != cols.width {
        let reason = Text::msg(Msg::FieldsExpected)
            .with("expected", cols.width.to_string())
            .with("found", fields.len().to_string());
        tally.report.reject(&file.name, line, None, reason);
        return;
    }
    // The scan found whether the row is ASCII: the usual case costs nothing.
    let used = if fields.is_ascii() || text::is_utf8(fields.bytes()) {
        // Written out: a `map` over the three is compiled as a loop.
        [
            fields.get(cols.month),
            fields.get(cols.crime_type),
            fields.get(cols.lsoa),
        ]
    } else {
        let cells = [cols.month, cols.crime_type, cols.lsoa];
        let at = windows_1252_cells(file, line, cells, fields);
        at.map(|r| &file.scratch.as_bytes()[r])
    };
    // One call site, so that it is inlined once with what it calls.
    classify(tally, cache, &file.name, line, used);
}

/// Notes a row that is not UTF-8 and writes its `cells` read as
/// Windows-1252 into the file's scratch text; returns where each is.
#[cold]
#[inline(never)]
fn windows_1252_cells(
    file: &mut FileState,
    line: u64,
    cells: [usize; 3],
    fields: Fields<'_>,
) -> [Range<usize>; 3] {
    Recoded::count(&mut file.recoded, &file.name, line);
    file.scratch.clear();
    cells.map(|c| {
        let start = file.scratch.len();
        file.scratch.push_str(&text::windows_1252(fields.get(c)));
        start..file.scratch.len()
    })
}

/// Counts a row from its month, crime type and LSOA code, or rejects it.
#[inline(always)]
fn classify(tally: &mut Tally, cache: &mut RowCache, file: &str, line: u64, used: [&[u8]; 3]) {
    let [month_text, type_text, lsoa] = used;
    let month_text = trim(month_text);
    let Some(month) = cache.month(month_text) else {
        return bad_month(tally, file, line, month_text);
    };
    let type_text = trim(type_text);
    let Some(category) = cache.crime_type(type_text) else {
        let reason = if type_text.is_empty() {
            Text::msg(Msg::CrimeTypeEmpty)
        } else {
            let found = format!("{:?}", String::from_utf8_lossy(type_text));
            Text::msg(Msg::CrimeTypeUnknown)
                .with("found", found)
                .with("n", tally.categories.len().to_string())
        };
        tally.report.reject(file, line, Some("Crime type"), reason);
        return;
    };
    let lsoa = trim(lsoa);
    let place = if lsoa.is_empty() {
        Placement::NotAllocated
    } else {
        tally.mapper.place(lsoa)
    };
    tally.count(month, category as u32, place);
}

fn bad_month(tally: &mut Tally, file: &str, line: u64, text: &[u8]) {
    let found = format!("{:?}", String::from_utf8_lossy(text));
    let reason = Text::msg(Msg::MonthExpected).with("found", found);
    tally.report.reject(file, line, Some("Month"), reason);
}
