//! Reader for police.uk street-level files (`YYYY-MM-<force>-street.csv`),
//! aggregating rows straight into counts by month × area × crime type.
//!
//! Fed in chunks, so that the same code serves a native file and a browser
//! `File` read piece by piece: [`PoliceUkAggregator::start_file`], then
//! [`feed`](PoliceUkAggregator::feed) any number of byte slices split
//! anywhere (even inside a quoted field or a UTF-8 character), then
//! [`end_file`](PoliceUkAggregator::end_file); repeat per file, and
//! [`finish`](PoliceUkAggregator::finish). Instead of `feed`,
//! [`feed_from`](PoliceUkAggregator::feed_from) reads each piece straight
//! into the aggregator's own buffer. [`read`](PoliceUkAggregator::read)
//! does the three steps for any `impl Read`.
//!
//! Columns are found by name. Every data row is exactly one of: accepted
//! (counted in an area), not allocated (empty LSOA code), outside the area
//! (an LSOA the area mapping does not cover), or rejected with file, line
//! and reason (wrong number of fields, bad month, empty or unknown crime
//! type). Blank lines are not rows. A row that is not UTF-8 is read as
//! Windows-1252 (see [`text`](super::text)), not rejected, and the file's
//! such rows are noted in the report when the file ends.

use std::io::Read;

use super::area_mapper::AreaMapper;
use super::category::Categories;
use super::csv_scan::Scanner;
use super::cube::CubeError;
use super::error::FileError;
use super::policeuk_file::{Buffer, FileState};
use super::policeuk_row::{header_columns, row, RowCache};
use super::tally::{Prepared, Tally};

const EXPECTED: &str = "Crime ID, Month, Reported by, Falls within, Longitude, Latitude, Location, LSOA code, LSOA name, Crime type, Last outcome category, Context";

/// Bytes read at a time by [`PoliceUkAggregator::read`].
pub const CHUNK: usize = 1 << 20;

/// Why [`PoliceUkAggregator::feed_from`] stopped.
#[derive(Debug)]
pub enum FeedError<E> {
    /// The bytes could not be read; nothing was fed and the file is still
    /// open.
    Read(E),
    /// As for [`PoliceUkAggregator::feed`]: the file is abandoned.
    File(FileError),
}

/// Aggregates police.uk street files into counts; see the module docs.
#[derive(Debug)]
pub struct PoliceUkAggregator {
    scanner: Scanner,
    tally: Tally,
    file: Option<FileState>,
    /// The last month parsed and the crime types to match.
    cache: RowCache,
    /// The read buffer of the last file, for the next one.
    spare: Buffer,
}

impl PoliceUkAggregator {
    /// An aggregator placing rows with `mapper`, accepting the crime types
    /// in `categories` (e.g. `Categories::default()`, the 14 police.uk ones).
    pub fn new(mapper: AreaMapper, categories: Categories) -> Self {
        PoliceUkAggregator {
            scanner: Scanner::new(),
            cache: RowCache::new(&categories),
            tally: Tally::new(mapper, categories),
            file: None,
            spare: Buffer::default(),
        }
    }

    /// Starts reading the file called `name` (ending any file unfinished).
    pub fn start_file(&mut self, name: &str) -> Result<(), FileError> {
        self.end_file()?;
        self.file = Some(FileState {
            name: name.to_string(),
            line: 1,
            columns: None,
            buf: std::mem::take(&mut self.spare),
            pending: 0,
            retry_at: 0,
            recoded: None,
            scratch: String::new(),
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
        if file.pending == 0 {
            let used = consume(
                &mut self.scanner,
                &mut self.tally,
                &mut self.cache,
                file,
                bytes,
                false,
            )?;
            let rest = &bytes[used..];
            file.room(rest.len()).copy_from_slice(rest);
            file.pending = rest.len();
            file.retry_at = file.pending.saturating_mul(2);
            Ok(())
        } else {
            file.room(bytes.len()).copy_from_slice(bytes);
            file.pending += bytes.len();
            self.consume_pending()
        }
    }

    /// Reads the pending bytes, once there are enough to retry.
    fn consume_pending(&mut self) -> Result<(), FileError> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        if file.pending < file.retry_at {
            return Ok(());
        }
        let buf = std::mem::take(&mut file.buf.0);
        let pending = &buf[..file.pending];
        let used = consume(
            &mut self.scanner,
            &mut self.tally,
            &mut self.cache,
            file,
            pending,
            false,
        );
        file.buf.0 = buf;
        let used = used?.min(file.pending);
        file.buf.0.copy_within(used..file.pending, 0);
        file.pending -= used;
        file.retry_at = file.pending.saturating_mul(2);
        Ok(())
    }

    /// Reads up to `max` bytes of the current file (a file named `input`
    /// when none was started) with `read`, straight into a buffer kept
    /// between calls and files, so that no piece is allocated, zeroed or
    /// copied, and feeds them as [`feed`](Self::feed) does. `read` fills
    /// the start of the slice it is given and returns how many bytes it
    /// wrote; so does this (0: nothing more to read).
    pub fn feed_from<E>(
        &mut self,
        max: usize,
        read: impl FnOnce(&mut [u8]) -> Result<usize, E>,
    ) -> Result<usize, FeedError<E>> {
        if self.file.is_none() {
            self.start_file("input").map_err(FeedError::File)?;
        }
        let Some(file) = self.file.as_mut() else {
            return Ok(0);
        };
        let n = read(file.room(max)).map_err(FeedError::Read)?.min(max);
        file.pending += n;
        let result = self.consume_pending();
        if result.is_err() {
            self.file = None;
        }
        result.map(|()| n).map_err(FeedError::File)
    }

    /// Ends the current file: its last record needs no line break. Fails
    /// when the file had no header line.
    pub fn end_file(&mut self) -> Result<(), FileError> {
        let Some(mut file) = self.file.take() else {
            return Ok(());
        };
        let buf = std::mem::take(&mut file.buf.0);
        let pending = &buf[..file.pending];
        let used = consume(
            &mut self.scanner,
            &mut self.tally,
            &mut self.cache,
            &mut file,
            pending,
            true,
        );
        self.spare = Buffer(buf);
        self.tally.report.windows_1252.extend(file.recoded.take());
        used?;
        if file.columns.is_none() {
            return Err(FileError::Empty {
                file: file.name,
                expected: EXPECTED.to_string(),
            });
        }
        Ok(())
    }

    /// Reads a whole file from `input` in chunks of up to [`CHUNK`] bytes.
    pub fn read<R: Read>(&mut self, name: &str, mut input: R) -> Result<(), FileError> {
        self.start_file(name)?;
        let mut read = |buf: &mut [u8]| loop {
            match input.read(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                result => return result,
            }
        };
        loop {
            match self.feed_from(CHUNK, &mut read) {
                Ok(0) => break,
                Ok(_) => {}
                Err(FeedError::File(e)) => return Err(e),
                Err(FeedError::Read(e)) => {
                    let line = self.file.as_ref().map_or(0, |f| f.line);
                    self.file = None;
                    return Err(FileError::Unreadable {
                        file: name.to_string(),
                        line,
                        message: e.to_string().into(),
                    });
                }
            }
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
    cache: &mut RowCache,
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
            Some(cols) => row(tally, cache, file, line, cols, rec.fields),
            None => {
                let cols = header_columns(&file.name, &mut file.recoded, rec.fields)?;
                file.columns = Some(cols);
            }
        }
    }
    Ok(pos)
}
