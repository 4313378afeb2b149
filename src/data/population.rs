//! Reader for population tables: residents per area, from Census 2021
//! TS007A (`geography code`, `Age: Total`), the 2011 LSOA table (`LSOA
//! Code`, the first of three `Persons` columns, numbers like `"1,563"`) or
//! any file with an area code column and a population column.

use crate::i18n::Msg;
use std::collections::BTreeMap;
use std::io::Read;

use super::area::AreaCode;
use super::area_values::ValueTable;
use super::error::FileError;
use super::header;
use super::report::LoadReport;

const EXPECTED: &str = "an area code column (geography code, LSOA code, area_code) and a population column (Age: Total, Persons, population)";

/// Code columns, most specific first (a 2011 table also has MSOA and local
/// authority codes; the LSOA one is wanted).
const CODE_NAMES: [&str; 8] = [
    "geography code",
    "lsoa code",
    "lsoa11cd",
    "lsoa21cd",
    "area code",
    "code",
    "mnemonic",
    "geography",
];
/// Population columns; the first match wins (the 2011 table's first
/// `Persons` is all residents).
const COUNT_NAMES: [&str; 8] = [
    "age: total",
    "all usual residents",
    "usual residents",
    "all persons",
    "persons",
    "population",
    "residents",
    "observation",
];

/// The population table: the first code and the first count column found.
const TABLE: ValueTable = ValueTable {
    expected: EXPECTED,
    code_column: |headers| first_of(headers, &CODE_NAMES),
    value_column: |headers| first_of(headers, &COUNT_NAMES),
    min: 0,
    value_words: Msg::ValueResidents,
    value_name: Msg::ValueNameValue,
};

/// The first of `names` among the headers.
fn first_of(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| header::find(headers, &[n]))
}

/// Reads residents per area. Rows with no code, a number that is not a
/// whole number (thousands separators allowed) or above 4,294,967,295, or a
/// code listed twice, are rejected with their line.
pub fn read_population<R: Read>(
    file: &str,
    input: R,
) -> Result<(BTreeMap<AreaCode, u32>, LoadReport), FileError> {
    TABLE.read(file, input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_census_2021_ts007a() {
        let text = "date,geography,geography code,Age: Total,Age: Aged 4 years and under\n\
                    2021,City of London 001A,E01000001,1473,52\n\
                    2021,\"Leeds, 001B\",E01000002,1384,33\n";
        let (p, r) = read_population("p.csv", text.as_bytes()).unwrap();
        assert_eq!(r.accepted, 2);
        assert_eq!(p.get(&AreaCode::from("E01000001")), Some(&1473));
        assert_eq!(p.get(&AreaCode::from("E01000002")), Some(&1384));
    }

    #[test]
    fn a_row_in_windows_1252_is_read_not_rejected() {
        let text = b"geography,geography code,Age: Total\nYnys M\xF4n 001A,W01000001,1502\nAbertawe 001A,W01000002,1604\n";
        let (p, r) = read_population("p.csv", &text[..]).unwrap();
        assert_eq!((r.rows_read, r.accepted, r.rejected), (2, 2, 0));
        assert_eq!(p.get(&AreaCode::from("W01000001")), Some(&1502));
        assert_eq!(
            (r.windows_1252[0].first_line, r.windows_1252[0].rows),
            (2, 1)
        );
    }

    #[test]
    fn reads_the_messy_2011_table_first_persons_column() {
        let text = "Region code,Local authority code,MSOA Code,LSOA Code,LSOA Name,,Persons,Persons,Persons,Hectares\r\n\
                    E12000001,E06000047,E02004297,E01020634,County Durham 001A,,\"1,563\",\"1,517\",46,650\r\n\
                    ,,W02000366,W01001913,Newport 020F,,\"1,440\",\"1,440\",0,695\r\n\
                    ,,W02000366,W01001914,Newport 020G,,lots,1,0,1\r\n\
                    ,,W02000366,,Newport 020H,,5,5,0,1\r\n\r\n";
        let (p, r) = read_population("p.csv", text.as_bytes()).unwrap();
        assert_eq!(p.get(&AreaCode::from("E01020634")), Some(&1563));
        assert_eq!(p.get(&AreaCode::from("W01001913")), Some(&1440));
        assert_eq!((r.rows_read, r.accepted, r.rejected), (4, 2, 2));
        assert!(
            r.rejections[0].reason.to_string().contains("\"lots\""),
            "{:?}",
            r.rejections
        );
        assert_eq!(r.rejections[0].line, 4);
        assert_eq!(r.rejections[1].column.as_deref(), Some("lsoa code"));
    }
}
