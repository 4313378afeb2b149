//! Reader for police.uk street-level files (`YYYY-MM-<force>-street.csv`),
//! aggregating rows straight into counts by month × area × crime type.
//!
//! Fed in chunks, so that the same code serves a native file and a browser
//! `File` read piece by piece: [`PoliceUkAggregator::start_file`], then
//! [`feed`](PoliceUkAggregator::feed) any number of byte slices split
//! anywhere (even inside a quoted field or a UTF-8 character), then
//! [`end_file`](PoliceUkAggregator::end_file); repeat per file, and
//! [`finish`](PoliceUkAggregator::finish). [`read`](PoliceUkAggregator::read)
//! does the three steps for any `impl Read`.
//!
//! Columns are found by name. Every data row is exactly one of: accepted
//! (counted in an area), not allocated (empty LSOA code), outside the area
//! (an LSOA the area mapping does not cover), or rejected with file, line
//! and reason (wrong number of fields, not UTF-8, bad month, empty or
//! unknown crime type). Blank lines are not rows.

use std::io::Read;

use super::aggregate::{AreaMapper, Placement, Prepared, Tally};
use super::category::Categories;
use super::csv_scan::{Fields, Scanner};
use super::cube::CubeError;
use super::error::FileError;
use super::header;
use super::month::Month;

const EXPECTED: &str = "Crime ID, Month, Reported by, Falls within, Longitude, Latitude, Location, LSOA code, LSOA name, Crime type, Last outcome category, Context";

/// Bytes read at a time by [`PoliceUkAggregator::read`].
pub const CHUNK: usize = 1 << 20;

/// Where the columns the explorer needs are.
#[derive(Debug, Clone, Copy)]
struct Columns {
    width: usize,
    month: usize,
    lsoa: usize,
    crime_type: usize,
}

/// The file being read.
#[derive(Debug)]
struct FileState {
    name: String,
    /// The line the next record starts on (1 = header).
    line: u64,
    columns: Option<Columns>,
    /// Bytes of an unfinished record carried to the next `feed`.
    pending: Vec<u8>,
    /// Rescan `pending` only once it is this long (keeps a huge unfinished
    /// record, e.g. after an unclosed quote, linear rather than quadratic).
    retry_at: usize,
}

/// Aggregates police.uk street files into counts; see the module docs.
#[derive(Debug)]
pub struct PoliceUkAggregator {
    scanner: Scanner,
    tally: Tally,
    file: Option<FileState>,
    /// The last month text parsed, to skip re-parsing (files hold one month).
    last_month: Option<([u8; 7], Month)>,
}

impl PoliceUkAggregator {
    /// An aggregator placing rows with `mapper`, accepting the crime types
    /// in `categories` (e.g. `Categories::default()`, the 14 police.uk ones).
    pub fn new(mapper: AreaMapper, categories: Categories) -> Self {
        PoliceUkAggregator {
            scanner: Scanner::new(),
            tally: Tally::new(mapper, categories),
            file: None,
            last_month: None,
        }
    }

    /// Starts reading the file called `name` (ending any file unfinished).
    pub fn start_file(&mut self, name: &str) -> Result<(), FileError> {
        self.end_file()?;
        self.file = Some(FileState {
            name: name.to_string(),
            line: 1,
            columns: None,
            pending: Vec::new(),
            retry_at: 0,
        });
        Ok(())
    }

    /// Reads the next bytes of the current file (a file named `input` when
    /// none was started). Fails only on a header without the needed columns;
    /// the file is then abandoned (its later bytes start a new file).
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), FileError> {
        if self.file.is_none() {
            self.start_file("input")?;
        }
        let result = self.feed_file(bytes);
        if result.is_err() {
            self.file = None;
        }
        result
    }

    fn feed_file(&mut self, bytes: &[u8]) -> Result<(), FileError> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        if file.pending.is_empty() {
            let used = consume(
                &mut self.scanner,
                &mut self.tally,
                &mut self.last_month,
                file,
                bytes,
                false,
            )?;
            file.pending
                .extend_from_slice(bytes.get(used..).unwrap_or(&[]));
        } else {
            file.pending.extend_from_slice(bytes);
            if file.pending.len() < file.retry_at {
                return Ok(());
            }
            let buf = std::mem::take(&mut file.pending);
            let used = consume(
                &mut self.scanner,
                &mut self.tally,
                &mut self.last_month,
                file,
                &buf,
                false,
            )?;
            file.pending = buf;
            file.pending.drain(..used.min(file.pending.len()));
        }
        file.retry_at = file.pending.len().saturating_mul(2);
        Ok(())
    }

    /// Ends the current file: its last record needs no line break. Fails
    /// when the file had no header line.
    pub fn end_file(&mut self) -> Result<(), FileError> {
        let Some(mut file) = self.file.take() else {
            return Ok(());
        };
        let buf = std::mem::take(&mut file.pending);
        consume(
            &mut self.scanner,
            &mut self.tally,
            &mut self.last_month,
            &mut file,
            &buf,
            true,
        )?;
        if file.columns.is_none() {
            return Err(FileError::Empty {
                file: file.name,
                expected: EXPECTED.to_string(),
            });
        }
        Ok(())
    }

    /// Reads a whole file from `input` in chunks of [`CHUNK`] bytes.
    pub fn read<R: Read>(&mut self, name: &str, mut input: R) -> Result<(), FileError> {
        self.start_file(name)?;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let line = self.file.as_ref().map_or(0, |f| f.line);
                    self.file = None;
                    return Err(FileError::Unreadable {
                        file: name.to_string(),
                        line,
                        message: e.to_string(),
                    });
                }
            };
            self.feed(buf.get(..n).unwrap_or(&[]))?;
        }
        self.end_file()
    }

    /// Ends any unfinished file and builds the counts, report and checks.
    pub fn finish(mut self) -> Result<Prepared, PrepareError> {
        self.end_file()?;
        Ok(self.tally.finish()?)
    }

    /// The report so far.
    pub fn report(&self) -> &super::report::LoadReport {
        &self.tally.report
    }
}

/// Why aggregation stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrepareError {
    /// A file could not be read.
    #[error(transparent)]
    File(#[from] FileError),
    /// A count overflowed.
    #[error(transparent)]
    Cube(#[from] CubeError),
}

/// Reads every complete record at the start of `buf` (all of it when
/// `eof`); returns the bytes used.
fn consume(
    scanner: &mut Scanner,
    tally: &mut Tally,
    last_month: &mut Option<([u8; 7], Month)>,
    file: &mut FileState,
    buf: &[u8],
    eof: bool,
) -> Result<usize, FileError> {
    let mut pos = 0;
    while let Some(rest) = buf.get(pos..) {
        let Some(rec) = scanner.next(rest, eof) else {
            break;
        };
        let line = file.line;
        file.line += rec.newlines;
        pos += rec.consumed;
        if rec.fields.is_blank() {
            continue;
        }
        match file.columns {
            Some(cols) => row(tally, last_month, &file.name, line, cols, rec.fields),
            None => file.columns = Some(header_columns(&file.name, rec.fields)?),
        }
    }
    Ok(pos)
}

fn header_columns(file: &str, fields: Fields<'_>) -> Result<Columns, FileError> {
    let headers: Vec<String> = (0..fields.len())
        .map(|i| header::normalise(&String::from_utf8_lossy(fields.get(i))))
        .collect();
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
        _ => {
            let missing: Vec<&str> = [
                ("Month", month),
                ("LSOA code", lsoa),
                ("Crime type", crime_type),
            ]
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| *n)
            .collect();
            Err(FileError::MissingColumns {
                file: file.to_string(),
                missing: missing.join(", "),
                found: headers.join(", "),
            })
        }
    }
}

/// Classifies one data row.
#[inline]
fn row(
    tally: &mut Tally,
    last_month: &mut Option<([u8; 7], Month)>,
    file: &str,
    line: u64,
    cols: Columns,
    fields: Fields<'_>,
) {
    tally.report.rows_read += 1;
    if fields.len() != cols.width {
        let reason = format!("expected {} fields, found {}", cols.width, fields.len());
        tally.report.reject(file, line, None, reason);
        return;
    }
    let bytes = fields.bytes();
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_err() {
        tally.report.reject(
            file,
            line,
            None,
            "the row is not valid UTF-8 text".to_string(),
        );
        return;
    }
    let month_text = fields.get(cols.month).trim_ascii();
    let month = match (<[u8; 7]>::try_from(month_text), *last_month) {
        (Ok(key), Some((k, m))) if key == k => m,
        (Ok(key), _) => match Month::parse_bytes(&key) {
            Some(m) => {
                *last_month = Some((key, m));
                m
            }
            None => return bad_month(tally, file, line, month_text),
        },
        (Err(_), _) => return bad_month(tally, file, line, month_text),
    };
    let type_text = fields.get(cols.crime_type).trim_ascii();
    let Some(category) = tally
        .categories
        .iter()
        .position(|c| c.name.as_bytes() == type_text)
    else {
        let reason = if type_text.is_empty() {
            "the crime type is empty".to_string()
        } else {
            format!(
                "unknown crime type {:?}; expected one of the {} listed categories",
                String::from_utf8_lossy(type_text),
                tally.categories.len()
            )
        };
        tally.report.reject(file, line, Some("Crime type"), reason);
        return;
    };
    let lsoa = fields.get(cols.lsoa).trim_ascii();
    let place = if lsoa.is_empty() {
        Placement::NotAllocated
    } else {
        tally.mapper.place(lsoa)
    };
    tally.count(month, category as u32, place);
}

fn bad_month(tally: &mut Tally, file: &str, line: u64, text: &[u8]) {
    let reason = format!(
        "expected a month written YYYY-MM, found {:?}",
        String::from_utf8_lossy(text)
    );
    tally.report.reject(file, line, Some("Month"), reason);
}

#[cfg(test)]
#[path = "policeuk_tests.rs"]
mod tests;
