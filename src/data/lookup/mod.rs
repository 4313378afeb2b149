//! Reader for ONS area lookups (LSOA → MSOA / ward → local authority) under
//! any year's column names (`LSOA11CD`, `LSOA21CD`, `WD25CD`, `LAD19NM`…)
//! or spelled out (`LSOA Code`, `MSOA Code`, `Local authority code`…).
//! Unnamed and unknown columns are ignored. Welsh names are read where the
//! lookup has them (ONS's `LSOA21NMW`, `WD25NMW`, `LAD25NMW`…: empty for
//! English areas), beside the English ones. A name garbled through code
//! page 437 (ONS's `Ynys M├┤n`) is repaired ([`cp437`](super::cp437)).
//!
//! A **bridge** lookup has two LSOA code columns of different years, e.g.
//! `LSOA11CD, LSOA21CD` (ONS's LSOA 2011 → 2021 best fit): each row is keyed
//! by the older code and carries the newer one as its *successor*
//! ([`LookupRow::successor`]); an [`AreaMapper`](super::area_mapper::AreaMapper)
//! built from several lookups bridges old codes through it. The best-fit
//! file maps each 2011 LSOA to exactly one 2021 LSOA; were an old code
//! listed twice with different successors, the first listing is used and the
//! later one rejected (as for any LSOA listed again with different areas).

use crate::i18n::{Msg, Text};
use rustc_hash::FxHashMap;
use std::io::Read;

mod columns;
mod level;

pub use level::{Level, LEVELS};

use super::cp437::repaired;
use super::error::FileError;
use super::report::LoadReport;
use super::table::Table;
use columns::{lsoa_year, Columns};

/// Why a lookup cannot be used as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// The lookup has no column for the level asked for.
    NoSuchLevel {
        /// The level asked for.
        level: Level,
        /// The levels it has.
        available: Vec<Level>,
    },
    /// The area to restrict to is not in the lookup.
    UnknownArea(String),
    /// No lookup was given.
    NoLookup,
    /// A lookup before the last one cannot bridge codes to the next.
    NotABridge {
        /// Its 1-based position.
        position: usize,
        /// How many lookups were given.
        count: usize,
    },
}

impl LookupError {
    /// The message, in any language.
    pub fn text(&self) -> Text {
        match self {
            LookupError::NoSuchLevel { level, available } => {
                let available = available.iter().map(|l| level_name(*l)).collect();
                Text::msg(Msg::LookupNoSuchLevel)
                    .with("level", level_name(*level))
                    .with("available", Text::Join(", ", available))
            }
            LookupError::UnknownArea(code) => {
                Text::msg(Msg::LookupUnknownArea).with("code", code.as_str())
            }
            LookupError::NoLookup => Text::msg(Msg::LookupNone),
            LookupError::NotABridge { position, count } => Text::msg(Msg::LookupNotABridge)
                .with("position", position.to_string())
                .with("count", count.to_string()),
        }
    }
}

/// A level by the name the address and the command line give it (`ward`,
/// `district`), in any language.
pub fn level_name(level: Level) -> Text {
    Text::msg(match level {
        Level::Lsoa => Msg::LevelNameLsoa,
        Level::Msoa => Msg::LevelNameMsoa,
        Level::Ward => Msg::LevelNameWard,
        Level::District => Msg::LevelNameDistrict,
    })
}

/// In English (the command line's).
impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for LookupError {}

/// One LSOA with its codes at every level the lookup carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupRow {
    codes: [Option<String>; 4],
    successor: Option<String>,
}

impl LookupRow {
    /// In a bridge lookup, the newer LSOA code this (older) LSOA maps to.
    pub fn successor(&self) -> Option<&str> {
        self.successor.as_deref()
    }

    /// Its code at `level`, when the lookup has one.
    pub fn code(&self, level: Level) -> Option<&str> {
        self.codes[level.index()].as_deref()
    }

    /// True when any of its codes (the LSOA's own included) is `area`.
    pub fn lies_in(&self, area: &str) -> bool {
        self.codes.iter().flatten().any(|c| c == area)
    }
}

/// An LSOA lookup: one row per LSOA, plus names of every area (and Welsh
/// names of those that have one).
#[derive(Clone, Debug, Default)]
pub struct Lookup {
    rows: Vec<LookupRow>,
    by_lsoa: FxHashMap<String, usize>,
    names: FxHashMap<String, String>,
    names_cy: FxHashMap<String, String>,
    levels: [bool; 4],
    bridge: bool,
    /// The years of the key LSOA column and of a bridge's successor column
    /// (`LSOA11CD` → 11), when their names carry one.
    years: (Option<u32>, Option<u32>),
}

impl Lookup {
    /// The rows, in file order.
    pub fn rows(&self) -> impl Iterator<Item = &LookupRow> {
        self.rows.iter()
    }

    /// Number of LSOAs.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there are no LSOAs.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row of LSOA `code`.
    pub fn lsoa(&self, code: &str) -> Option<&LookupRow> {
        self.by_lsoa.get(code).and_then(|&i| self.rows.get(i))
    }

    /// True when the lookup bridges LSOA codes of one year to another's
    /// (two LSOA code columns, e.g. `LSOA11CD` and `LSOA21CD`).
    pub fn is_bridge(&self) -> bool {
        self.bridge
    }

    /// The year of its LSOA codes (`LSOA21CD` → 21; for a bridge, the
    /// older year, its key), when the column's name says.
    pub fn lsoa_year(&self) -> Option<u32> {
        self.years.0
    }

    /// For a bridge, the year of the newer LSOA codes it maps to.
    pub fn successor_year(&self) -> Option<u32> {
        self.years.1
    }

    /// True when the lookup has a column of `level` codes.
    pub fn has_level(&self, level: Level) -> bool {
        self.levels[level.index()]
    }

    /// The levels carried.
    pub fn levels(&self) -> Vec<Level> {
        LEVELS.into_iter().filter(|l| self.has_level(*l)).collect()
    }

    /// The levels carried, comma-separated (for messages).
    pub fn level_names(&self) -> String {
        let names: Vec<&str> = self.levels().into_iter().map(Level::name).collect();
        names.join(", ")
    }

    /// True when `code` is an area of any level in the lookup.
    pub fn contains_code(&self, code: &str) -> bool {
        self.by_lsoa.contains_key(code) || self.rows.iter().any(|r| r.lies_in(code))
    }

    /// The name of any area in the lookup, when it has a name column.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.names.get(code).map(String::as_str)
    }

    /// The Welsh name of an area, when the lookup gives one (ONS's `*NMW`
    /// columns: Welsh areas only).
    pub fn name_cy(&self, code: &str) -> Option<&str> {
        self.names_cy.get(code).map(String::as_str)
    }

    /// True when any area has a Welsh name.
    pub fn has_welsh_names(&self) -> bool {
        !self.names_cy.is_empty()
    }
}

const EXPECTED: &str = "an LSOA code column (LSOA11CD, LSOA21CD or LSOA Code) and any of MSOA, ward (WDyyCD) and local authority (LADyyCD) codes";

/// Reads a lookup (UTF-8, or Windows-1252 row by row: see
/// [`text`](super::text)). Rows with no LSOA code, the wrong number of
/// fields, or an LSOA listed again with different areas are rejected with
/// their line; the first listing is kept.
pub fn read_lookup<R: Read>(file: &str, input: R) -> Result<(Lookup, LoadReport), FileError> {
    let table = Table::read(file, input, EXPECTED)?;
    let headers = &table.headers;
    let columns = Columns::find(headers);
    let Some(lsoa_col) = columns.codes[0] else {
        return Err(FileError::MissingColumns {
            file: file.to_string(),
            missing: "LSOA code (LSOA11CD, LSOA21CD or LSOA Code)".to_string(),
            found: headers.join(", "),
        });
    };
    let lsoa_header = Some(headers[lsoa_col].as_str());
    let mut lookup = Lookup {
        levels: columns.codes.map(|c| c.is_some()),
        bridge: columns.successor.is_some(),
        years: (
            lsoa_year(&headers[lsoa_col]),
            columns.successor.and_then(|c| lsoa_year(&headers[c])),
        ),
        ..Lookup::default()
    };
    let mut report = LoadReport::default();
    table.for_each_row(file, &mut report, |report, record| {
        let line = record.line();
        let text = |c: Option<usize>| c.map(|i| record.text(i)).filter(|t| !t.is_empty());
        let codes = columns.codes.map(text);
        let names = columns.names.map(text);
        let names_cy = columns.names_cy.map(text);
        let Some(lsoa) = codes[0] else {
            let reason = Text::msg(Msg::LsoaEmpty);
            return report.reject(file, line, lsoa_header, reason);
        };
        let row = LookupRow {
            codes: codes.map(|c| c.map(str::to_string)),
            successor: text(columns.successor).map(str::to_string),
        };
        if !lookup.add(lsoa, row) {
            let reason = Text::msg(Msg::LsoaAgain).with("lsoa", lsoa);
            return report.reject(file, line, lsoa_header, reason);
        }
        for (map, names) in [(&mut lookup.names, names), (&mut lookup.names_cy, names_cy)] {
            for (code, name) in codes.iter().zip(names) {
                if let (Some(code), Some(name)) = (code, name) {
                    map.entry((*code).to_string())
                        .or_insert_with(|| repaired(name).unwrap_or_else(|| name.to_string()));
                }
            }
        }
        report.accepted += 1;
    });
    Ok((lookup, report))
}

impl Lookup {
    /// Adds the row of `lsoa`; false when the LSOA is already listed with
    /// different areas (the first listing is kept).
    fn add(&mut self, lsoa: &str, row: LookupRow) -> bool {
        match self.lsoa(lsoa) {
            Some(first) => *first == row,
            None => {
                self.by_lsoa.insert(lsoa.to_string(), self.rows.len());
                self.rows.push(row);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Tests of `lookup`.
    use super::*;

    #[test]
    fn rejections_after_blank_lines_carry_their_own_line() {
        // LF endings; lines 3 and 5 are blank; the short rows are lines 4
        // and 6 (and one more after a quoted field holding a line break).
        let text = "LSOA21CD,WD25CD\n\
                E01000001,E05000001\n\
                \n\
                E01000002\n\
                \n\
                E01000003\n\
                \"E01000004\",\"E05\n000001\"\n\
                E01000005\n";
        let (_, r) = read_lookup("l.csv", text.as_bytes()).unwrap();
        let lines: Vec<u64> = r.rejections.iter().map(|x| x.line).collect();
        assert_eq!(lines, vec![4, 6, 9]);
        assert_eq!((r.rows_read, r.accepted), (5, 2));
    }

    #[test]
    fn reads_ons_year_names_with_a_bom() {
        let text =
            "\u{feff}LSOA21CD,LSOA21NM,LSOA21NMW,WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,ObjectId\n\
                E01000001,A 001A,,E05000001,North,,E06000004,\"Stockton-on-Tees, Borough\",1\n\
                E01000002,A 001B,,E05000001,North,,E06000004,Stockton,2\n";
        let (l, r) = read_lookup("l.csv", text.as_bytes()).unwrap();
        assert_eq!((r.rows_read, r.accepted), (2, 2));
        assert_eq!(l.level_names(), "lsoa, ward, district");
        assert_eq!(
            l.lsoa("E01000002").unwrap().code(Level::Ward),
            Some("E05000001")
        );
        assert_eq!(l.name("E06000004"), Some("Stockton-on-Tees, Borough"));
        assert_eq!(l.name("E05000001"), Some("North"));
        assert!(l.contains_code("E06000004") && !l.contains_code("E06000005"));
        assert!(!l.has_welsh_names(), "blank Welsh names are none");
        assert_eq!(l.name_cy("E05000001"), None);
    }

    #[test]
    fn reads_welsh_names_of_any_year_where_there_are_some() {
        let text = "LSOA21CD,LSOA21NM,LSOA21NMW,WD24CD,WD24NM,WD24NMW,LAD24CD,LAD24NM,LAD24NMW\n\
                W01001303,Merthyr Tydfil 001A,Merthyr Tudful 001A,W05001620,Merthyr Vale,Ynysowen,W06000024,Merthyr Tydfil,Merthyr Tudful\n\
                W01001304,Merthyr Tydfil 001B,,W05001621,Park,,W06000024,Merthyr Tydfil,\n\
                E01000001,A 001A,,E05000001,North,,E06000004,Stockton-on-Tees,\n";
        let (l, r) = read_lookup("l.csv", text.as_bytes()).unwrap();
        assert_eq!((r.rows_read, r.accepted), (3, 3));
        assert!(l.has_welsh_names());
        assert_eq!(l.name_cy("W06000024"), Some("Merthyr Tudful"));
        assert_eq!(l.name_cy("W05001620"), Some("Ynysowen"));
        assert_eq!(l.name_cy("W01001303"), Some("Merthyr Tudful 001A"));
        assert_eq!(l.name_cy("W05001621"), None, "blank: none");
        assert_eq!(l.name_cy("E05000001"), None);
        assert_eq!(l.name("W05001620"), Some("Merthyr Vale"));
        // A bridge's LSOA names are the key's year's, Welsh ones too.
        let bridge = "LSOA11CD,LSOA11NMW,LSOA21CD,LSOA21NMW,LAD22CD,LAD22NMW\n\
                      W01000001,Hen 001A,W01000002,Newydd 001A,W06000001,Ynys Môn\n";
        let (b, _) = read_lookup("b.csv", bridge.as_bytes()).unwrap();
        assert_eq!(b.name_cy("W01000001"), Some("Hen 001A"));
        assert_eq!(b.name_cy("W06000001"), Some("Ynys Môn"));
        assert_eq!(b.name_cy("W01000002"), None);
    }

    #[test]
    fn welsh_names_in_windows_1252_come_out_right() {
        // ô is 0xF4 and â 0xE2 in Windows-1252 (as a spreadsheet saves them);
        // the second row is UTF-8, as the rule reads each row on its own.
        let mut text = b"LSOA21CD,LSOA21NM,WD25CD,WD25NM,LAD25CD,LAD25NM\r\n\
        W01000001,Ynys M\xF4n 001A,W05000001,Aberffraw,W06000001,Ynys M\xF4n\r\n"
            .to_vec();
        text.extend_from_slice(
            "W01000002,Abertawe 001A,W05000002,Cwmbwrla,W06000011,Abertawe – Swansea\r\n"
                .as_bytes(),
        );
        text.extend_from_slice(
            b"W01000003,Pen-y-br\xE2n,W05000003,Y Bont\x92s,W06000011,Abertawe\r\n",
        );
        let (l, r) = read_lookup("cymru.csv", &text[..]).unwrap();
        assert_eq!((r.rows_read, r.accepted, r.rejected), (3, 3, 0));
        assert_eq!(l.name("W06000001"), Some("Ynys Môn"));
        assert_eq!(l.name("W01000001"), Some("Ynys Môn 001A"));
        assert_eq!(l.name("W06000011"), Some("Abertawe – Swansea"));
        assert_eq!(l.name("W01000003"), Some("Pen-y-brân"));
        assert_eq!(l.name("W05000003"), Some("Y Bont’s"));
        let note = &r.windows_1252;
        assert_eq!(note.len(), 1);
        assert_eq!((note[0].first_line, note[0].rows), (2, 2));
    }

    #[test]
    fn reads_spelled_out_names_and_an_unnamed_index_column() {
        let text = ",Region code,Local authority code,Local authority name,MSOA Code,MSOA Name,LSOA Code,LSOA Name,Police_force\n\
                3,E12000003,E08000035,Leeds,E02002330,Leeds 001,E01011698,Leeds 001A,West Yorkshire\n\
                4,E12000003,E08000035,Leeds,E02002330,Leeds 001,,Leeds 001B,West Yorkshire\n\
                5,E12000003,E08000036,Wakefield,E02002331,Leeds 002,E01011698,Leeds 001A,West Yorkshire\n\
                6,E12000003,E08000035,Leeds,E02002330,Leeds 001,E01011698,Leeds 001A,West Yorkshire\n\
                7,E12000003\n";
        let (l, r) = read_lookup("h.csv", text.as_bytes()).unwrap();
        assert_eq!(l.level_names(), "lsoa, msoa, district");
        assert_eq!(l.len(), 1);
        assert_eq!((r.rows_read, r.accepted, r.rejected), (5, 2, 3));
        assert!(r.adds_up());
        let lines: Vec<u64> = r.rejections.iter().map(|x| x.line).collect();
        assert_eq!(lines, vec![3, 4, 6]);
        assert!(r.rejections[1].reason.to_string().contains("listed again"));
        assert_eq!(
            l.lsoa("E01011698").unwrap().code(Level::District),
            Some("E08000035")
        );
    }

    #[test]
    fn a_bridge_is_keyed_by_the_older_code_whatever_the_column_order() {
        let text = "\u{feff}ObjectId,LSOA21CD,LSOA21NM,LSOA11CD,LSOA11NM,LAD22CD\n\
                1,E01000010,New 001A,E01000001,Old 001A,E06000004\n\
                2,E01000010,New 001A,E01000002,Old 001B,E06000004\n\
                3,E01000011,New 001B,E01000002,Old 001B,E06000004\n";
        let (l, r) = read_lookup("b.csv", text.as_bytes()).unwrap();
        assert!(l.is_bridge());
        assert_eq!((r.accepted, r.rejected), (2, 1), "E01000002 listed twice");
        assert!(r.rejections[0].reason.to_string().contains("first listing"));
        let row = l.lsoa("E01000002").unwrap();
        assert_eq!(row.successor(), Some("E01000010"));
        assert_eq!(l.name("E01000001"), Some("Old 001A"));
        assert_eq!(row.code(Level::District), Some("E06000004"));
        let (plain, _) = read_lookup("p.csv", "LSOA21CD,WD25CD\nE01,E05\n".as_bytes()).unwrap();
        assert!(!plain.is_bridge());
        assert_eq!(plain.lsoa("E01").unwrap().successor(), None);
    }

    #[test]
    fn a_file_without_lsoa_codes_is_a_clear_error() {
        let err = read_lookup(
            "x.csv",
            "LAD17CD,LAD17NM\nE06000001,Hartlepool\n".as_bytes(),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("x.csv") && err.to_string().contains("LSOA"),
            "{err}"
        );
        assert!("ward".parse::<Level>().is_ok() && "county".parse::<Level>().is_err());
    }
}
