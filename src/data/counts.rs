//! Reader for the explorer's own counts file:
//! `month,area_code,category,count` (extra columns ignored).

use crate::i18n::{Msg, Text};
use std::io::Read;

use super::csv_scan::{for_each_record, read_whole, Fields};
use super::cube::CubeBuilder;
use super::error::FileError;
use super::header;
use super::month::Month;
use super::report::LoadReport;
use super::text::{self, Recoded};

const EXPECTED: &str = "month, area_code, category, count";

/// Reads a counts file into `cube`, returning what happened to each row.
/// Rows with an empty `area_code` are counted as not allocated (and kept in
/// the cube's totals); malformed rows are rejected with line and reason. A
/// row that is not UTF-8 is read as Windows-1252 (see
/// [`text`](super::text)) and noted in the report.
pub fn read_counts<R: Read>(
    file: &str,
    input: R,
    cube: &mut CubeBuilder,
) -> Result<LoadReport, FileError> {
    let bytes = read_whole(file, input)?;
    read_counts_bytes(file, &bytes, cube)
}

/// [`read_counts`] over a file already in memory.
pub fn read_counts_bytes(
    file: &str,
    bytes: &[u8],
    cube: &mut CubeBuilder,
) -> Result<LoadReport, FileError> {
    let mut columns: Option<Result<Columns, FileError>> = None;
    let mut report = LoadReport::default();
    let mut recoded = None;
    for_each_record(bytes, |line, record| {
        if record.is_blank() {
            return true;
        }
        let Some(found) = &columns else {
            let (names, recoded_header) = header::names(record);
            if recoded_header {
                Recoded::count(&mut recoded, file, line);
            }
            let found = Columns::find(file, names);
            let ok = found.is_ok();
            columns = Some(found);
            return ok;
        };
        let Ok(columns) = found else {
            return false;
        };
        report.rows_read += 1;
        let windows_1252 = !record.is_ascii() && !text::is_utf8(record.bytes());
        if windows_1252 {
            Recoded::count(&mut recoded, file, line);
        }
        let row = Row {
            file,
            line,
            record,
            windows_1252,
        };
        row.count(columns, cube, &mut report);
        true
    });
    report.windows_1252.extend(recoded);
    match columns {
        Some(Ok(_)) => Ok(report),
        Some(Err(e)) => Err(e),
        None => Err(FileError::Empty {
            file: file.to_string(),
            expected: EXPECTED.to_string(),
        }),
    }
}

/// Where the four columns are, and how many fields a row has.
struct Columns {
    month: usize,
    area: usize,
    category: usize,
    count: usize,
    width: usize,
}

impl Columns {
    /// The columns in the header `names`, or which are missing.
    fn find(file: &str, names: Vec<String>) -> Result<Columns, FileError> {
        let col = |wanted: &[&str]| header::find(&names, wanted);
        let found = [
            ("month", col(&["month"])),
            ("area_code", col(&["area code", "area"])),
            ("category", col(&["category", "crime type"])),
            ("count", col(&["count", "n"])),
        ];
        if let [(_, Some(month)), (_, Some(area)), (_, Some(category)), (_, Some(count))] = found {
            return Ok(Columns {
                month,
                area,
                category,
                count,
                width: names.len(),
            });
        }
        Err(FileError::missing_columns(file, &found, &names))
    }
}

/// One data row of a counts file.
struct Row<'a> {
    file: &'a str,
    line: u64,
    record: Fields<'a>,
    windows_1252: bool,
}

impl Row<'_> {
    /// Counts the row into `cube` (accepted, not allocated or outside), or
    /// rejects it with the reason.
    fn count(&self, columns: &Columns, cube: &mut CubeBuilder, report: &mut LoadReport) {
        let (file, line, record) = (self.file, self.line, self.record);
        if record.len() != columns.width {
            let reason = Text::msg(Msg::FieldsExpected)
                .with("expected", columns.width.to_string())
                .with("found", record.len().to_string());
            return report.reject(file, line, None, reason);
        }
        let cell = |i: usize| text::cell(record.get(i).trim_ascii(), self.windows_1252);
        let month_text = record.get(columns.month).trim_ascii();
        let Some(month) = Month::parse_bytes(month_text).filter(|_| month_text.len() == 7) else {
            let found = format!("{:?}", cell(columns.month));
            let reason = Text::msg(Msg::MonthExpected).with("found", found);
            return report.reject(file, line, Some("month"), reason);
        };
        let category = cell(columns.category);
        if category.is_empty() {
            let reason = Text::msg(Msg::CategoryEmpty);
            return report.reject(file, line, Some("category"), reason);
        }
        let count_text = cell(columns.count);
        let Some(count) = count_text.parse::<u64>().ok() else {
            let found = format!("{count_text:?}");
            let reason = Text::msg(Msg::WholeNumberExpected).with("found", found);
            return report.reject(file, line, Some("count"), reason);
        };
        let area = cell(columns.area);
        if area.is_empty() {
            cube.add(None, month, &category, count);
            report.not_allocated += 1;
        } else if cube.add(Some(&area), month, &category, count) {
            report.accepted += 1;
        } else {
            report.outside_area += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Result<LoadReport, FileError>, CubeBuilder) {
        let mut b = CubeBuilder::new();
        let r = read_counts("t.csv", text.as_bytes(), &mut b);
        (r, b)
    }

    #[test]
    fn reads_bom_crlf_quotes_extra_columns_and_blank_lines() {
        let text = "\u{feff}Month,Area_Code,note,Category,Count\r\n\
                    2024-01,E05000001,\"a, b\",Burglary,3\r\n\
                    2024-01,,x,Burglary,2\r\n\
                    2024-02,E05000001,,\"Criminal damage and arson\",4\r\n\r\n\r\n";
        let (r, b) = load(text);
        let r = r.unwrap();
        assert_eq!(
            (r.rows_read, r.accepted, r.not_allocated, r.rejected),
            (3, 2, 1, 0)
        );
        let cube = b.build().unwrap();
        assert_eq!(cube.grand_total(), 9);
        let a = cube.area_index("E05000001").unwrap();
        let c = cube.category_index("Criminal damage and arson").unwrap();
        assert_eq!(cube.get(a, 1, c), 4);
    }

    #[test]
    fn rejects_bad_rows_with_line_and_reason_and_keeps_going() {
        let text = "month,area_code,category,count\n\
                    2024-13,E05000001,Burglary,3\n\
                    2024-01,E05000001,Burglary,-1\n\
                    2024-01,E05000001,,2\n\
                    2024-01,E05000001,Burglary\n\
                    2024-01,E05000001,Burglary,2.5\n\
                    2024-01,E05000001,Burglary,6\n";
        let (r, b) = load(text);
        let r = r.unwrap();
        assert_eq!(r.rows_read, 6);
        assert_eq!(r.accepted, 1);
        assert_eq!(r.rejected, 5);
        assert!(r.adds_up());
        let lines: Vec<u64> = r.rejections.iter().map(|x| x.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6]);
        assert_eq!(r.rejections[0].column.as_deref(), Some("month"));
        assert!(r.rejections[3]
            .reason
            .to_string()
            .contains("expected 4 fields, found 3"));
        assert_eq!(b.build().unwrap().grand_total(), 6);
    }

    #[test]
    fn rows_in_windows_1252_are_read_and_noted() {
        let text = b"month,area_code,category,count,note\n\
            2024-01,E05000001,Dog\x92s mess,3,\n\
            2024-01,E05000001,Dog\xE2\x80\x99s mess,2,caf\xC3\xA9\n\
            2024-01,E05000002,Burglary,4,caf\xE9\n";
        let mut b = CubeBuilder::new();
        let r = read_counts("t.csv", &text[..], &mut b).unwrap();
        assert_eq!((r.rows_read, r.accepted, r.rejected), (3, 3, 0));
        let cube = b.build().unwrap();
        let (a, c) = (
            cube.area_index("E05000001").unwrap(),
            cube.category_index("Dog’s mess").unwrap(),
        );
        assert_eq!(cube.get(a, 0, c), 5);
        assert_eq!(cube.grand_total(), 9);
        let note = &r.windows_1252[0];
        assert_eq!(
            (note.file.as_str(), note.first_line, note.rows),
            ("t.csv", 2, 2)
        );
    }

    #[test]
    fn missing_columns_and_empty_files_are_clear_errors() {
        let (r, _) = load("month,area,category\n2024-01,E05000001,Burglary\n");
        let msg = r.unwrap_err().to_string();
        assert!(
            msg.contains("t.csv") && msg.contains("missing column(s) count"),
            "{msg}"
        );
        let (r, _) = load("");
        assert!(r.unwrap_err().to_string().contains("empty"));
    }
}
