//! Reader for deprivation ranks by LSOA, such as the English Index of
//! Multiple Deprivation 2019 (`LSOA11CD`, `IMD19`; 1 = most deprived of
//! [`IMD2019_LSOAS`]), and the decile of a rank.
//!
//! Accepted columns: the code in `LSOA11CD`, `LSOA21CD`, `LSOA code`,
//! `area_code` or `code`; the rank in `IMD19`, `IMD25`, `imd_rank`, `IMD
//! rank` or a column starting `Index of Multiple Deprivation (IMD) Rank`
//! (the name in MHCLG's File 1).

use crate::i18n::Msg;
use std::collections::BTreeMap;
use std::io::Read;

use super::area::AreaCode;
use super::area_values::ValueTable;
use super::error::FileError;
use super::header;
use super::report::LoadReport;

/// LSOAs ranked in the English IMD 2019: ranks run from 1 to this.
pub const IMD2019_LSOAS: u32 = 32_844;

const EXPECTED: &str = "an LSOA code column (LSOA11CD, LSOA code, area_code) and a rank column (IMD19, imd_rank, Index of Multiple Deprivation (IMD) Rank)";

const CODE_NAMES: [&str; 6] = [
    "lsoa11cd",
    "lsoa21cd",
    "lsoa code",
    "lsoa code (2011)",
    "area code",
    "code",
];

fn is_rank_column(h: &str) -> bool {
    let year = h
        .strip_prefix("imd")
        .filter(|y| (1..=4).contains(&y.len()) && y.bytes().all(|b| b.is_ascii_digit()));
    year.is_some() || h == "imd rank" || h.starts_with("index of multiple deprivation (imd) rank")
}

/// The decile of `rank` among `of` ranked areas: `ceil(rank × 10 / of)`,
/// so 1 = the most deprived tenth; ranks beyond `of` give 10, rank 0 gives 1.
pub fn decile(rank: u32, of: u32) -> u8 {
    if of == 0 {
        return 10;
    }
    let d = (u64::from(rank) * 10).div_ceil(u64::from(of));
    d.clamp(1, 10) as u8
}

/// The ranks table: the first code column found, the first rank column.
const TABLE: ValueTable = ValueTable {
    expected: EXPECTED,
    code_column: |headers| CODE_NAMES.iter().find_map(|n| header::find(headers, &[n])),
    value_column: |headers| headers.iter().position(|h| is_rank_column(h)),
    min: 1,
    value_words: Msg::ValueRank,
    value_name: Msg::ValueNameRank,
};

/// Reads ranks by area code. Rows with no code, a rank that is not a whole
/// number from 1 up, or a code listed twice are rejected with their line.
pub fn read_ranks<R: Read>(
    file: &str,
    input: R,
) -> Result<(BTreeMap<AreaCode, u32>, LoadReport), FileError> {
    TABLE.read(file, input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_imd2019_columns_and_rejects_bad_ranks() {
        let text = "LSOA11CD,LSOA11NM,LAD19CD,LAD19NM,IMD19,FID\n\
                    E01000001,City of London 001A,E09000001,City of London,29199,1\n\
                    E01000002,B,E09000001,C,0,2\n\
                    E01000003,B,E09000001,C,\"1,234\",3\n\
                    E01000001,B,E09000001,C,5,4\n";
        let (ranks, r) = read_ranks("imd.csv", text.as_bytes()).unwrap();
        assert_eq!(ranks.get(&AreaCode::from("E01000001")), Some(&5));
        assert_eq!(ranks.get(&AreaCode::from("E01000003")), Some(&1234));
        assert_eq!((r.rows_read, r.accepted, r.rejected), (4, 2, 2));
        assert_eq!(r.rejections[0].line, 3);
        assert_eq!(r.rejections[0].column.as_deref(), Some("imd19"));
        let spelled = "LSOA code (2011),Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)\nE01000001,7\n";
        let (ranks, _) = read_ranks("f1.csv", spelled.as_bytes()).unwrap();
        assert_eq!(ranks.len(), 1);
        let err = read_ranks("x.csv", "LSOA11CD,score\nE01,3\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("x.csv"), "{err}");
    }

    #[test]
    fn a_row_in_windows_1252_is_read_not_rejected() {
        let text = b"LSOA11CD,LSOA11NM,IMD19\nE01000001,Caf\xE9 001A,7\n";
        let (ranks, r) = read_ranks("imd.csv", &text[..]).unwrap();
        assert_eq!((r.rows_read, r.accepted), (1, 1));
        assert_eq!(ranks.get(&AreaCode::from("E01000001")), Some(&7));
        assert_eq!(r.windows_1252.len(), 1);
    }

    #[test]
    fn deciles_split_the_ranks_into_tenths() {
        // 32,844 / 10 = 3,284.4: ranks 1…3,284 are decile 1, 3,285 is 2.
        assert_eq!(decile(1, IMD2019_LSOAS), 1);
        assert_eq!(decile(3_284, IMD2019_LSOAS), 1);
        assert_eq!(decile(3_285, IMD2019_LSOAS), 2);
        assert_eq!(decile(32_844, IMD2019_LSOAS), 10);
        assert_eq!(decile(40_000, IMD2019_LSOAS), 10);
        assert_eq!(decile(0, IMD2019_LSOAS), 1);
    }
}
