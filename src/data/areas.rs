//! Reader for the areas file:
//! `area_code,area_name[,area_name_cy][,parent_code][,population][,imd_rank|imd_score|imd_decile]`
//! (`area_name_cy`: the Welsh name, empty where an area has none).

use crate::i18n::{Msg, Text};
use std::collections::HashMap;
use std::io::Read;

use super::area::{Area, AreaCode};
use super::csv_scan::read_whole;
use super::error::FileError;
use super::header;
use super::report::LoadReport;
use super::table::{Row, Table};

const EXPECTED: &str = "area_code, area_name[, area_name_cy][, parent_code][, population][, imd_rank | imd_score | imd_decile]";

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
pub fn read_areas<R: Read>(file: &str, input: R) -> Result<(Vec<Area>, LoadReport), FileError> {
    read_areas_bytes(file, &read_whole(file, input)?)
}

/// [`read_areas`] over a file already in memory.
pub fn read_areas_bytes(file: &str, bytes: &[u8]) -> Result<(Vec<Area>, LoadReport), FileError> {
    let table = Table::from_bytes(file, bytes, EXPECTED)?;
    let headers = &table.headers;
    let col = |names: &[&str]| header::find(headers, names);
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
    let cols = Columns {
        code: code_col,
        name: name_col,
        name_cy: col(&["area name cy", "name cy"]),
        parent: col(&["parent code", "parent"]),
        population: col(&["population", "residents"]),
        rank: col(&["imd rank"]),
        score: col(&["imd score"]),
        decile: col(&["imd decile"]),
    };
    let mut report = LoadReport::default();
    let mut areas: Vec<Area> = Vec::new();
    // The codes read so far (the builder's map type: no other copy of the
    // hash table's code in the wasm).
    let mut seen: HashMap<String, u32> = HashMap::new();
    table.for_each_row(file, &mut report, |report, row| {
        let area = area(row, &cols).and_then(|area| match seen.get(area.code.as_str()) {
            Some(_) => {
                let reason = Text::msg(Msg::AreaTwice).with("code", area.code.as_str());
                Err(("area_code", reason))
            }
            None => Ok(area),
        });
        match area {
            Ok(area) => {
                report.accepted += 1;
                seen.insert(area.code.0.clone(), 0);
                areas.push(area);
            }
            Err((column, reason)) => report.reject(file, row.line(), Some(column), reason),
        }
    });
    Ok((areas, report))
}

/// Where the areas file's columns are.
struct Columns {
    code: usize,
    name: usize,
    name_cy: Option<usize>,
    parent: Option<usize>,
    population: Option<usize>,
    rank: Option<usize>,
    score: Option<usize>,
    decile: Option<usize>,
}

/// The area of one row, or the column at fault and why.
fn area(row: &Row, cols: &Columns) -> Result<Area, (&'static str, Text)> {
    let get = |c: Option<usize>| c.map_or("", |i| row.text(i));
    let code = row.text(cols.code);
    if code.is_empty() {
        return Err(("area_code", Text::msg(Msg::AreaCodeEmpty)));
    }
    let mut area = Area::named(code, row.text(cols.name));
    let name_cy = get(cols.name_cy);
    area.name_cy = (!name_cy.is_empty()).then(|| name_cy.to_string());
    let parent = get(cols.parent);
    area.parent = (!parent.is_empty()).then(|| AreaCode::from(parent));
    let number = |c, column, max| optional_number(get(c), column, max).map_err(|r| (column, r));
    area.population = number(cols.population, "population", u32::MAX.into())?.map(|v| v as u32);
    area.imd_rank = number(cols.rank, "imd_rank", u32::MAX.into())?.map(|v| v as u32);
    area.imd_decile = match number(cols.decile, "imd_decile", 10)? {
        Some(0) => {
            let reason = Text::msg(Msg::DecileExpected);
            return Err(("imd_decile", reason));
        }
        v => v.map(|v| v as u8),
    };
    let score = get(cols.score);
    if !score.is_empty() {
        let Some(s) = super::number::parse_decimal(score) else {
            let reason = Text::msg(Msg::NumberExpected).with("found", format!("{score:?}"));
            return Err(("imd_score", reason));
        };
        area.imd_score = Some(s);
    }
    Ok(area)
}

fn optional_number(text: &str, column: &str, max: u64) -> Result<Option<u64>, Text> {
    if text.is_empty() {
        return Ok(None);
    }
    match parse_whole(text) {
        Some(v) if v <= max => Ok(Some(v)),
        Some(v) => Err(Text::msg(Msg::NumberTooLarge)
            .with("column", column)
            .with("value", v.to_string())
            .with("max", max.to_string())),
        None => Err(Text::msg(Msg::WholeNumberFor)
            .with("column", column)
            .with("found", format!("{text:?}"))),
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
        assert!(report.rejections[0].reason.to_string().contains("\"lots\""));
        assert_eq!(report.rejections[2].line, 5);
    }

    #[test]
    fn a_row_that_is_not_utf8_is_read_as_windows_1252_and_noted() {
        let mut text = b"area_code,area_name\r\nW05000001,Ynys M\xF4n\r\n".to_vec();
        text.extend_from_slice("W05000002,Môn (UTF-8)\r\n".as_bytes());
        text.extend_from_slice(b"E05000003,\x80 Smith\x92s\r\n");
        let (areas, report) = read_areas("a.csv", text.as_slice()).unwrap();
        let names: Vec<&str> = areas.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Ynys Môn", "Môn (UTF-8)", "€ Smith’s"]);
        assert_eq!(
            (report.rows_read, report.accepted, report.rejected),
            (3, 3, 0)
        );
        let note = &report.windows_1252[0];
        assert_eq!(
            (note.file.as_str(), note.first_line, note.rows),
            ("a.csv", 2, 2)
        );
    }

    #[test]
    fn reads_welsh_names_where_given_and_files_without_them_as_before() {
        let text = "area_code,area_name,area_name_cy,parent_code\n\
                    W06000024,Merthyr Tydfil,Merthyr Tudful,\n\
                    W05001621,Park,Y Parc,W06000024\n\
                    W05001617,Cyfarthfa,,W06000024\n";
        let (areas, report) = read_areas("a.csv", text.as_bytes()).unwrap();
        assert_eq!((report.accepted, report.rejected), (3, 0));
        let cy: Vec<Option<&str>> = areas.iter().map(|a| a.name_cy.as_deref()).collect();
        assert_eq!(cy, [Some("Merthyr Tudful"), Some("Y Parc"), None]);
        assert_eq!(areas[1].parent.as_ref().unwrap().as_str(), "W06000024");
        let (old, _) =
            read_areas("b.csv", "area_code,area_name\nW05001621,Park\n".as_bytes()).unwrap();
        assert_eq!(old, [Area::named("W05001621", "Park")]);
    }

    #[test]
    fn thousands_separators_must_be_inside_the_number() {
        assert_eq!(parse_whole("1,563"), Some(1563));
        assert_eq!(parse_whole(",5"), None);
        assert_eq!(parse_whole("-3"), None);
    }
}
