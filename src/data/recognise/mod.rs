//! Recognising a file by its content, not its name: from its first few KB
//! ([`SNIFF_BYTES`]), which of the explorer's inputs it is, or why it is
//! none of them. The name is used only in messages.
//!
//! The rules, in order: empty → not usable; known magic numbers (ZIP, PDF,
//! old Office, gzip, RAR, 7-Zip, images, UTF-16 text); JSON starting with
//! `{` holding `"FeatureCollection"` → boundaries; a NUL byte → binary; then
//! the first CSV record is the header, read as UTF-8 or, when it is not,
//! as Windows-1252 (see [`text`](super::text); a first line that is not
//! UTF-8 among control bytes is binary), and the columns decide, first
//! match wins: police.uk street file (Month, LSOA code, Crime
//! type) → counts file (month, area_code, category, count) → categories
//! file (category, group) → areas file (area_code, area_name) → deprivation
//! ranks (an LSOA code and IMDyy) → population table (an area code and a
//! residents column) → ONS lookup (an LSOA code column and a ward, MSOA or
//! local authority column, or a second LSOA year: a bridge), the last three
//! by the readers' own header logic.

mod csv;
mod kind;

use crate::i18n::{Msg, Text};
pub use kind::FileKind;

/// How many leading bytes [`recognise`] looks at.
pub const SNIFF_BYTES: usize = 8 * 1024;

fn unknown(reason: Msg) -> FileKind {
    FileKind::Unknown {
        reason: Text::msg(reason),
    }
}

/// What the file called `name` is, from its first bytes (the first
/// [`SNIFF_BYTES`] are enough; fewer when the file is shorter).
pub fn recognise(name: &str, first_bytes: &[u8]) -> FileKind {
    let _ = name;
    let b = first_bytes;
    if b.is_empty() {
        return unknown(Msg::IsEmpty);
    }
    if let Some(kind) = magic(b) {
        return kind;
    }
    let text = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let start = text.iter().position(|c| !c.is_ascii_whitespace());
    let Some(start) = start else {
        return unknown(Msg::IsBlank);
    };
    let text = &text[start..];
    if text.first().is_some_and(|c| JSON_STARTS.contains(c)) {
        return json_kind(text);
    }
    if text.starts_with(b"<") {
        return markup_kind(text);
    }
    if text.contains(&0) {
        return unknown(Msg::IsBinary);
    }
    csv::csv_kind(text)
}

fn magic(b: &[u8]) -> Option<FileKind> {
    const TABLE: [(&[u8], Msg); 17] = [
        (b"%PDF", Msg::IsPdf),
        (b"\xD0\xCF\x11\xE0", Msg::IsOldOffice),
        (b"\x1F\x8B", Msg::IsGzip),
        (b"Rar!", Msg::IsRar),
        (b"7z\xBC\xAF\x27\x1C", Msg::Is7z),
        (b"\x89PNG", Msg::IsPng),
        (b"\xFF\xD8\xFF", Msg::IsJpeg),
        (b"GIF8", Msg::IsGif),
        (b"II*\0", Msg::IsTiff),
        (b"MM\0*", Msg::IsTiff),
        (b"\xFD7zXZ\0", Msg::IsXz),
        (b"BZh", Msg::IsBzip2),
        (b"\x28\xB5\x2F\xFD", Msg::IsZstd),
        (b"SQLite format 3\0", Msg::IsSqlite),
        (b"PAR1", Msg::IsParquet),
        (b"\xFF\xFE", Msg::IsUtf16),
        (b"\xFE\xFF", Msg::IsUtf16),
    ];
    if b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06") {
        return Some(FileKind::Zip);
    }
    if b.starts_with(b"PK\x07\x08") {
        return Some(unknown(Msg::IsSplitZip));
    }
    TABLE
        .iter()
        .find(|(m, _)| b.starts_with(m))
        .map(|(_, reason)| unknown(*reason))
}

/// How JSON text starts: an object (a GeoJSON file is one) or an array.
const JSON_STARTS: [u8; 2] = [b'{', b'['];

fn json_kind(text: &[u8]) -> FileKind {
    let has = |needle: &[u8]| text.windows(needle.len()).any(|w| w == needle);
    if text.first() == JSON_STARTS.first() && has(b"\"FeatureCollection\"") {
        FileKind::Boundaries
    } else {
        unknown(Msg::IsOtherJson)
    }
}

/// A file starting with `<`: a web page (often the download page saved
/// instead of the file it links to), or other XML.
fn markup_kind(text: &[u8]) -> FileKind {
    let head = text
        .get(..text.len().min(64))
        .unwrap_or(text)
        .to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        unknown(Msg::IsHtml)
    } else if head.starts_with(b"<?xml") || head.starts_with(b"<!--") {
        unknown(Msg::IsXml)
    } else {
        unknown(Msg::IsMarkup)
    }
}

#[cfg(test)]
mod tests {
    //! Tests of `recognise`.
    use super::*;

    fn kind(text: &[u8]) -> FileKind {
        recognise("f", text)
    }

    fn reason(k: FileKind) -> String {
        match k {
            FileKind::Unknown { reason } => reason.to_string(),
            other => panic!("expected Unknown, got {other:?}"),
        }
    }

    #[test]
    fn police_files_with_month_and_force() {
        let k = kind(b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n\
                   ,2023-07,Cleveland Police,Cleveland Police,-1.2,54.5,On or near X,E01000001,X 001A,Burglary,,\n");
        assert_eq!(
            k.describe().to_string(),
            "police.uk street-level crimes, 2023-07 (Cleveland Police)"
        );
        // A header alone, or a first row cut off by the sniff window.
        let k = kind(b"\xEF\xBB\xBFMonth,LSOA code,Crime type\n2023-0");
        assert_eq!(
            k,
            FileKind::PoliceUkStreet {
                month: None,
                force: None
            }
        );
    }

    #[test]
    fn small_formats_by_their_headers() {
        assert_eq!(
            kind(b"month,area_code,category,count\n"),
            FileKind::CountsFile
        );
        assert_eq!(kind(b"category,group,is_crime\n"), FileKind::Categories);
        let k = kind(b"area_code,area_name,parent_code,population\r\n");
        assert_eq!(
            k.describe().to_string(),
            "an areas file: area names, parents and populations"
        );
        assert_eq!(
            kind(b"LSOA11CD,LSOA11NM,LAD19CD,LAD19NM,IMD19,FID\n"),
            FileKind::Deprivation
        );
        assert_eq!(
            kind(b"date,geography,geography code,Age: Total\n"),
            FileKind::Population
        );
        let k = kind(b"\xEF\xBB\xBFLSOA21CD,LSOA21NM,WD25CD,WD25NM,LAD25CD,LAD25NM\n");
        assert_eq!(
            k.describe().to_string(),
            "an ONS area lookup: LSOA → ward → local authority"
        );
        let k = kind(b"ObjectId,LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD\n");
        assert!(matches!(k, FileKind::Lookup { bridge: true, .. }), "{k:?}");
        assert_eq!(
            kind(b"{\"type\": \"FeatureCollection\", \"features\": []}"),
            FileKind::Boundaries
        );
    }

    #[test]
    fn windows_1252_files_are_recognised_like_utf8_ones() {
        // A police.uk file whose first row has é (0xE9) in Location and a
        // force name with ’ (0x92): read as Windows-1252.
        let k = kind(b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n\
                   ,2024-03,Queen\x92s Police,Queen\x92s Police,-1.2,54.5,On or near Caf\xE9,E01000001,X 001A,Burglary,,\r\n");
        assert_eq!(
            k.describe().to_string(),
            "police.uk street-level crimes, 2024-03 (Queen’s Police)"
        );
        // Headers in Windows-1252: an areas file, a lookup with Welsh names.
        assert!(matches!(
            kind(b"area_code,area_name,Poblogaeth \xB1\n"),
            FileKind::AreasFile { .. }
        ));
        let k = kind(b"LSOA21CD,LSOA21NM,WD25CD,WD25NM,LAD25CD,LAD25NM,Enw \xF4\nW01000001,Ynys M\xF4n 001A,W05000001,Aberffraw,W06000001,Ynys M\xF4n,x\n");
        assert!(matches!(k, FileKind::Lookup { bridge: false, .. }), "{k:?}");
    }

    #[test]
    fn unusable_files_say_why() {
        assert!(reason(kind(b"")).contains("empty"));
        assert!(reason(kind(b"\r\n\r\n  ")).contains("empty"));
        assert!(reason(kind(b"%PDF-1.7\n")).contains("PDF"));
        assert!(reason(kind(b"\xD0\xCF\x11\xE0\xA1\xB1")).contains(".xls"));
        assert!(reason(kind(b"abc\x00def")).contains("binary"));
        // Not UTF-8, and control bytes that no text has: binary.
        assert!(reason(kind(b"Month,L\xF6soa\x01\x02,Crime type\n")).contains("binary"));
        assert!(reason(kind(b"\xFF\xFEM\x00o\x00")).contains("UTF-16"));
        assert!(reason(kind(b"GIF89a\x01\x00")).contains("image (GIF)"));
        assert!(reason(kind(b"BZh91AY&SY")).contains("bzip2"));
        assert!(reason(kind(b"\xEF\xBB\xBF\n<!DOCTYPE html>\n<html>")).contains("web page (HTML)"));
        assert!(reason(kind(b"<?xml version=\"1.0\"?><a/>")).contains("XML"));
        assert!(reason(kind(b"{\"title\": \"x\"}")).contains("not a GeoJSON"));
        let r = reason(kind(
            b"LAD17CD,LAD17NM,CSP17CD\nE06000001,Hartlepool,E22000027\n",
        ));
        assert!(
            r.contains("none of the columns") && r.contains("lad17cd"),
            "{r}"
        );
        assert!(reason(kind(b"hello world\n")).contains("no commas"));
        assert_eq!(kind(b"PK\x03\x04rest"), FileKind::Zip);
        // A UTF-8 character cut by the sniff window is not an error.
        let text = "month,area_code,category,count\n2024-01,E1,Ca\u{f1}".as_bytes();
        assert_eq!(kind(&text[..text.len() - 1]), FileKind::CountsFile);
        let first_line_cut = "Month,LSOA code,Crime type,Caf\u{e9}".as_bytes();
        let k = kind(&first_line_cut[..first_line_cut.len() - 1]);
        assert!(k.is_police(), "{k:?}");
    }

    #[test]
    fn the_real_files_first_kilobytes() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/");
        assert!(
        std::path::Path::new(dir).join("ons").is_dir(),
        "the real test data is missing: expected {dir} (police.uk and ONS files; see its README)"
    );
        let first = |f: &str| {
            let bytes = std::fs::read(format!("{dir}{f}")).unwrap();
            bytes[..bytes.len().min(SNIFF_BYTES)].to_vec()
        };
        let cases: [(&str, &str); 10] = [
        (
            "police-uk-cleveland/2023-07-cleveland-street.csv",
            "police.uk street-level crimes, 2023-07 (Cleveland Police)",
        ),
        (
            "police-uk-west-yorkshire/2016-07-west-yorkshire-street.csv",
            "police.uk street-level crimes, 2016-07 (West Yorkshire Police)",
        ),
        (
            "ons/lsoa21_ward25_lad25_best_fit_lookup.csv",
            "an ONS area lookup: LSOA → ward → local authority",
        ),
        (
            "ons/lsoa11_hierarchy_police_force.csv",
            "an ONS area lookup: LSOA → MSOA → local authority",
        ),
        (
            "ons/lsoa11_to_lsoa21_best_fit_lookup.csv",
            "an ONS lookup bridging LSOA codes of one year to another's (LSOA, local authority)",
        ),
        (
            "ons/lsoa21_population_census2021_ts007a.csv",
            "residents by area (a population table)",
        ),
        (
            "ons/lsoa11_population_2011.csv",
            "residents by area (a population table)",
        ),
        (
            "ons/imd2019_by_lsoa11.csv",
            "deprivation ranks by LSOA (e.g. IMD 2019)",
        ),
        (
            "boundaries/wards2025_stockton_E06000004.geojson",
            "area boundaries (GeoJSON)",
        ),
        ("ons/recorded_crime_by_force_2017_18.csv", ""),
    ];
        for (file, want) in cases {
            let got = recognise(file, &first(file)).describe().to_string();
            if want.is_empty() {
                assert!(
                    got.starts_with("not a file the explorer reads"),
                    "{file}: {got}"
                );
            } else {
                assert_eq!(got, want, "{file}");
            }
        }
    }
}
