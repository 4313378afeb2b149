//! A small CSV file read whole (lookups, areas, populations, deprivation
//! ranks, categories): its header, normalised for matching by name, and
//! its data rows as text, each row decoded by the rule of
//! [`text`](super::text) (UTF-8, or Windows-1252 for a row that is not),
//! so that no row is rejected for its encoding.

use std::io::Read;

use super::csv_scan::read_records;
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

/// The cells of a record as text, by the row rule; whether it was recoded.
fn decode(fields: Vec<Vec<u8>>) -> (Vec<String>, bool) {
    if fields.iter().all(|f| text::is_utf8(f)) {
        let cells = fields
            .into_iter()
            .map(|f| {
                String::from_utf8(f)
                    .unwrap_or_else(|e| text::windows_1252(e.as_bytes()).into_owned())
            })
            .collect();
        (cells, false)
    } else {
        let cells = fields
            .iter()
            .map(|f| text::windows_1252(f).into_owned())
            .collect();
        (cells, true)
    }
}

impl Table {
    /// Reads `input`. Blank lines before the header are skipped; a file
    /// without a header line is [`FileError::Empty`], naming the `expected`
    /// columns.
    pub fn read<R: Read>(file: &str, input: R, expected: &str) -> Result<Table, FileError> {
        let mut records = read_records(file, input)?
            .into_iter()
            .skip_while(|r| r.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)));
        let Some(header) = records.next() else {
            return Err(FileError::Empty {
                file: file.to_string(),
                expected: expected.to_string(),
            });
        };
        let mut recoded = None;
        let (headers, header_recoded) = header::names(header.iter());
        if header_recoded {
            Recoded::count(&mut recoded, file, header.line());
        }
        let rows = records
            .map(|record| {
                let line = record.line();
                let (cells, was_recoded) = decode(record.into_fields());
                if was_recoded {
                    Recoded::count(&mut recoded, file, line);
                }
                Row { line, cells }
            })
            .collect();
        Ok(Table {
            headers,
            rows,
            recoded,
        })
    }

    /// Calls `each(report, row)` for every data row that passes the checks
    /// all these readers make: blank lines are skipped; every other row is
    /// counted in `report.rows_read`, and one whose number of cells differs
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
            if row.cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            report.rows_read += 1;
            if row.len() != self.headers.len() {
                let reason = format!(
                    "expected {} fields, found {}",
                    self.headers.len(),
                    row.len()
                );
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
