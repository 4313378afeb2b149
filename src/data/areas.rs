//! Reader for the areas file:
//! `area_code,area_name[,parent_code][,population][,imd_rank|imd_score|imd_decile]`.

use std::io::Read;

use super::area::{Area, AreaCode};
use super::csv_scan::for_each_record;
use super::error::FileError;
use super::header;
use super::report::LoadReport;

const EXPECTED: &str =
    "area_code, area_name[, parent_code][, population][, imd_rank | imd_score | imd_decile]";

/// Parses a whole number that may carry thousands separators (`"1,563"`).
pub fn parse_whole(text: &str) -> Option<u64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let digits: String = t.chars().filter(|&c| c != ',' && c != ' ').collect();
    if t.starts_with(',') || t.ends_with(',') {
        return None;
    }
    digits.parse::<u64>().ok()
}

/// Reads an areas file. Rows with a missing code or a malformed number are
/// rejected with their line; optional fields left empty are simply unknown.
pub fn read_areas<R: Read>(file: &str, mut input: R) -> Result<(Vec<Area>, LoadReport), FileError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::Unreadable {
            file: file.to_string(),
            line: 0,
            message: e.to_string(),
        })?;
    read_areas_bytes(file, &bytes)
}

/// [`read_areas`] over a file already in memory.
pub fn read_areas_bytes(file: &str, bytes: &[u8]) -> Result<(Vec<Area>, LoadReport), FileError> {
    // Areas files are small: collect the records (None = not UTF-8).
    let mut records: Vec<(u64, Option<Vec<String>>)> = Vec::new();
    for_each_record(bytes, |line, fields| {
        let texts: Option<Vec<String>> = (0..fields.len())
            .map(|i| std::str::from_utf8(fields.get(i)).ok().map(str::to_string))
            .collect();
        records.push((line, texts));
        true
    });
    let mut rows = records.into_iter().skip_while(|(_, r)| {
        r.as_ref()
            .is_some_and(|f| f.iter().all(|x| x.trim().is_empty()))
    });
    let Some((_, header_record)) = rows.next() else {
        return Err(FileError::Empty {
            file: file.to_string(),
            expected: EXPECTED.to_string(),
        });
    };
    let headers: Vec<String> = header_record
        .unwrap_or_default()
        .iter()
        .map(|h| header::normalise(h))
        .collect();
    let col = |names: &[&str]| header::find(&headers, names);
    let code_col = col(&["area code", "code"]);
    let name_col = col(&["area name", "name"]);
    let (Some(code_col), Some(name_col)) = (code_col, name_col) else {
        let mut missing = Vec::new();
        if code_col.is_none() {
            missing.push("area_code");
        }
        if name_col.is_none() {
            missing.push("area_name");
        }
        return Err(FileError::MissingColumns {
            file: file.to_string(),
            missing: missing.join(", "),
            found: headers.join(", "),
        });
    };
    let parent_col = col(&["parent code", "parent"]);
    let pop_col = col(&["population", "residents"]);
    let rank_col = col(&["imd rank"]);
    let score_col = col(&["imd score"]);
    let decile_col = col(&["imd decile"]);

    let mut report = LoadReport::default();
    let mut areas: Vec<Area> = Vec::new();
    for (line, record) in rows {
        let Some(record) = record else {
            report.rows_read += 1;
            report.reject(
                file,
                line,
                None,
                "the row is not valid UTF-8 text".to_string(),
            );
            continue;
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        report.rows_read += 1;
        if record.len() != headers.len() {
            let reason = format!("expected {} fields, found {}", headers.len(), record.len());
            report.reject(file, line, None, reason);
            continue;
        }
        let get = |c: Option<usize>| {
            c.and_then(|i| record.get(i))
                .map(|f| f.trim())
                .unwrap_or("")
        };
        let code = get(Some(code_col));
        if code.is_empty() {
            report.reject(
                file,
                line,
                Some("area_code"),
                "the area code is empty".to_string(),
            );
            continue;
        }
        if areas.iter().any(|a| a.code.as_str() == code) {
            report.reject(
                file,
                line,
                Some("area_code"),
                format!("area {code} is listed twice"),
            );
            continue;
        }
        let mut area = Area::named(code, get(Some(name_col)));
        let parent = get(parent_col);
        area.parent = (!parent.is_empty()).then(|| AreaCode::from(parent));
        match optional_number(get(pop_col), "population", u32::MAX.into()) {
            Ok(v) => area.population = v.map(|v| v as u32),
            Err(reason) => {
                report.reject(file, line, Some("population"), reason);
                continue;
            }
        }
        match optional_number(get(rank_col), "imd_rank", u32::MAX.into()) {
            Ok(v) => area.imd_rank = v.map(|v| v as u32),
            Err(reason) => {
                report.reject(file, line, Some("imd_rank"), reason);
                continue;
            }
        }
        match optional_number(get(decile_col), "imd_decile", 10) {
            Ok(Some(0)) => {
                report.reject(
                    file,
                    line,
                    Some("imd_decile"),
                    "expected a decile from 1 to 10, found 0".to_string(),
                );
                continue;
            }
            Ok(v) => area.imd_decile = v.map(|v| v as u8),
            Err(reason) => {
                report.reject(file, line, Some("imd_decile"), reason);
                continue;
            }
        }
        let score = get(score_col);
        if !score.is_empty() {
            match super::number::parse_decimal(score) {
                Some(s) => area.imd_score = Some(s),
                _ => {
                    report.reject(
                        file,
                        line,
                        Some("imd_score"),
                        format!("expected a number, found {score:?}"),
                    );
                    continue;
                }
            }
        }
        report.accepted += 1;
        areas.push(area);
    }
    Ok((areas, report))
}

fn optional_number(text: &str, column: &str, max: u64) -> Result<Option<u64>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match parse_whole(text) {
        Some(v) if v <= max => Ok(Some(v)),
        Some(v) => Err(format!("{column} {v} is larger than {max}")),
        None => Err(format!(
            "expected a whole number for {column}, found {text:?}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_optional_columns_and_thousands_separators() {
        let text = "area_code,area_name,parent_code,population,imd_rank\n\
                    E05000001,Northfield,E06000099,\"1,563\",12\n\
                    E05000002,\"Mill, Lane\",E06000099,,\n";
        let (areas, report) = read_areas("a.csv", text.as_bytes()).unwrap();
        assert_eq!(report.accepted, 2);
        assert_eq!(areas[0].population, Some(1563));
        assert_eq!(areas[0].imd_rank, Some(12));
        assert_eq!(areas[1].name, "Mill, Lane");
        assert_eq!(areas[1].population, None);
    }

    #[test]
    fn rejects_bad_numbers_duplicates_and_empty_codes() {
        let text = "area_code,area_name,population\n\
                    E05000001,A,lots\n\
                    ,B,10\n\
                    E05000003,C,10\n\
                    E05000003,C again,10\n";
        let (areas, report) = read_areas("a.csv", text.as_bytes()).unwrap();
        assert_eq!(areas.len(), 1);
        assert_eq!(report.rejected, 3);
        assert!(report.adds_up());
        assert!(report.rejections[0].reason.contains("\"lots\""));
        assert_eq!(report.rejections[2].line, 5);
    }

    #[test]
    fn a_row_that_is_not_utf8_is_rejected_and_the_rest_read() {
        let mut text =
            b"area_code,area_name\r\nE05000001,Good\r\nE05000002,Bad \xff name\r\n".to_vec();
        text.extend_from_slice(b"E05000003,Also good\r\n");
        let (areas, report) = read_areas("a.csv", text.as_slice()).unwrap();
        assert_eq!(areas.len(), 2);
        assert_eq!((report.rows_read, report.rejected), (3, 1));
        assert_eq!(report.rejections[0].line, 3);
        assert!(report.rejections[0].reason.contains("UTF-8"));
    }

    #[test]
    fn thousands_separators_must_be_inside_the_number() {
        assert_eq!(parse_whole("1,563"), Some(1563));
        assert_eq!(parse_whole(",5"), None);
        assert_eq!(parse_whole("-3"), None);
    }
}
