//! A small CSV file read whole (lookups, areas, populations, deprivation
//! ranks, categories): its header, normalised for matching by name, and
//! its data rows as text, each row decoded by the rule of
//! [`text`](super::text) (UTF-8, or Windows-1252 for a row that is not),
//! so that no row is rejected for its encoding.

use crate::i18n::{Msg, Text};
use std::io::Read;

use super::csv_scan::{for_each_record, read_whole};
use super::error::FileError;
use super::header;
use super::report::LoadReport;
use super::text::{self, Recoded};

/// One data row of a [`Table`], as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    line: u64,
    cells: Vec<String>,
}

impl Row {
    /// The 1-based line the row starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// True when there are no cells (never, for a row read here).
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Cell `i`, when there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.cells.get(i).map(String::as_str)
    }

    /// Cell `i` without surrounding white space ("" when there is none).
    pub fn text(&self, i: usize) -> &str {
        self.get(i).map_or("", str::trim)
    }
}

/// A small CSV file read whole; see the module docs.
pub struct Table {
    /// The header cells, normalised (see [`header::normalise`]).
    pub headers: Vec<String>,
    rows: Vec<Row>,
    recoded: Option<Recoded>,
}

impl Table {
    /// Reads `input` (see [`from_bytes`](Self::from_bytes)); an I/O error
    /// is [`FileError::Unreadable`].
    pub fn read<R: Read>(file: &str, input: R, expected: &str) -> Result<Table, FileError> {
        Table::from_bytes(file, &read_whole(file, input)?, expected)
    }

    /// Reads a file in memory. Blank lines are skipped (before the header
    /// too); a file without a header line is [`FileError::Empty`], naming
    /// the `expected` columns.
    pub fn from_bytes(file: &str, bytes: &[u8], expected: &str) -> Result<Table, FileError> {
        let mut headers = None;
        let mut rows = Vec::new();
        let mut recoded = None;
        for_each_record(bytes, |line, fields| {
            if (0..fields.len()).all(|i| fields.get(i).iter().all(u8::is_ascii_whitespace)) {
                return true;
            }
            let windows_1252 = !fields.is_ascii() && !text::is_utf8(fields.bytes());
            if windows_1252 {
                Recoded::count(&mut recoded, file, line);
            }
            if headers.is_none() {
                headers = Some(header::names(fields).0);
            } else {
                let cells = (0..fields.len())
                    .map(|i| text::cell(fields.get(i), windows_1252).into_owned())
                    .collect();
                rows.push(Row { line, cells });
            }
            true
        });
        let Some(headers) = headers else {
            return Err(FileError::Empty {
                file: file.to_string(),
                expected: expected.to_string(),
            });
        };
        Ok(Table {
            headers,
            rows,
            recoded,
        })
    }

    /// Calls `each(report, row)` for every data row that passes the checks
    /// all these readers make: every row (blank lines are none) is counted
    /// in `report.rows_read`, and one whose number of cells differs
    /// from the header's is rejected with its line. The rows read as
    /// Windows-1252, if any, are noted in `report`.
    pub fn for_each_row(
        &self,
        file: &str,
        report: &mut LoadReport,
        mut each: impl FnMut(&mut LoadReport, &Row),
    ) {
        report.windows_1252.extend(self.recoded.clone());
        for row in &self.rows {
            report.rows_read += 1;
            if row.len() != self.headers.len() {
                let reason = Text::msg(Msg::FieldsExpected)
                    .with("expected", self.headers.len().to_string())
                    .with("found", row.len().to_string());
                report.reject(file, row.line(), None, reason);
                continue;
            }
            each(report, row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_in_either_encoding_are_read_and_noted() {
        let text =
            b"\r\n  \ncode,name\nE1,Ynys M\xF4n\nE2,\"Abertawe, \xA3\"\nE3,M\xC3\xB4n\n\nE4\n";
        let table = Table::read("t.csv", &text[..], "code, name").unwrap();
        assert_eq!(table.headers, ["code", "name"]);
        let mut report = LoadReport::default();
        let mut seen = Vec::new();
        table.for_each_row("t.csv", &mut report, |r, row| {
            seen.push((row.line(), row.text(1).to_string()));
            r.accepted += 1;
        });
        assert_eq!(
            seen,
            [
                (4, "Ynys Môn".to_string()),
                (5, "Abertawe, £".to_string()),
                (6, "Môn".to_string())
            ]
        );
        assert_eq!(
            (report.rows_read, report.accepted, report.rejected),
            (4, 3, 1)
        );
        assert_eq!(report.rejections[0].line, 8);
        let note = &report.windows_1252;
        assert_eq!(note.len(), 1);
        assert_eq!((note[0].first_line, note[0].rows), (4, 2));
        assert!(Table::read("e.csv", &b"\n \n"[..], "x").is_err());
    }
}
