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
}

#[test]
fn welsh_names_in_windows_1252_come_out_right() {
    // ô is 0xF4 and â 0xE2 in Windows-1252 (as a spreadsheet saves them);
    // the second row is UTF-8, as the rule reads each row on its own.
    let mut text = b"LSOA21CD,LSOA21NM,WD25CD,WD25NM,LAD25CD,LAD25NM\r\n\
        W01000001,Ynys M\xF4n 001A,W05000001,Aberffraw,W06000001,Ynys M\xF4n\r\n"
        .to_vec();
    text.extend_from_slice(
        "W01000002,Abertawe 001A,W05000002,Cwmbwrla,W06000011,Abertawe – Swansea\r\n".as_bytes(),
    );
    text.extend_from_slice(b"W01000003,Pen-y-br\xE2n,W05000003,Y Bont\x92s,W06000011,Abertawe\r\n");
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
    assert!(r.rejections[1].reason.contains("listed again"));
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
    assert!(r.rejections[0].reason.contains("first listing"));
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
