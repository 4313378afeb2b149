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

use super::csv_scan::Scanner;
use super::deprivation_lookup::read_ranks;
use super::header;
use super::lookup::{read_lookup, Level, LEVELS};
use super::month::Month;
use super::population::read_population;
use super::text;

/// How many leading bytes [`recognise`] looks at.
pub const SNIFF_BYTES: usize = 8 * 1024;

/// What a file was taken to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A police.uk street-level file; month and force from its first row.
    PoliceUkStreet {
        /// The month of the first row.
        month: Option<Month>,
        /// The force it falls within.
        force: Option<String>,
    },
    /// The explorer's counts file.
    CountsFile,
    /// An areas file.
    AreasFile {
        /// It has a parent column.
        parents: bool,
        /// It has a population column.
        population: bool,
        /// It has a deprivation column.
        deprivation: bool,
    },
    /// An ONS LSOA lookup.
    Lookup {
        /// It bridges LSOA codes of one year to another's.
        bridge: bool,
        /// The levels it carries.
        levels: Vec<Level>,
    },
    /// Residents by area.
    Population,
    /// Deprivation ranks by LSOA.
    Deprivation,
    /// A categories file.
    Categories,
    /// GeoJSON boundaries.
    Boundaries,
    /// A ZIP archive (its entries are recognised one by one).
    Zip,
    /// None of the above, and why.
    Unknown {
        /// What it is instead, in words a person can act on.
        reason: String,
    },
}

impl FileKind {
    /// A sentence for the page: what the file was taken to be.
    pub fn describe(&self) -> String {
        match self {
            FileKind::PoliceUkStreet { month, force } => {
                let mut s = "police.uk street-level crimes".to_string();
                if let Some(m) = month {
                    s.push_str(&format!(", {m}"));
                }
                if let Some(f) = force {
                    s.push_str(&format!(" ({f})"));
                }
                s
            }
            FileKind::CountsFile => "a counts file (month, area_code, category, count)".to_string(),
            FileKind::AreasFile {
                parents,
                population,
                deprivation,
            } => {
                let mut parts = vec!["names"];
                if *parents {
                    parts.push("parents");
                }
                if *population {
                    parts.push("populations");
                }
                if *deprivation {
                    parts.push("deprivation");
                }
                format!("an areas file: area {}", join_and(&parts))
            }
            FileKind::Lookup { bridge, levels } => {
                let names: Vec<&str> = levels.iter().map(|l| level_words(*l)).collect();
                if *bridge {
                    format!(
                        "an ONS lookup bridging LSOA codes of one year to another's ({})",
                        names.join(", ")
                    )
                } else {
                    format!("an ONS area lookup: {}", names.join(" → "))
                }
            }
            FileKind::Population => "residents by area (a population table)".to_string(),
            FileKind::Deprivation => "deprivation ranks by LSOA (e.g. IMD 2019)".to_string(),
            FileKind::Categories => "a categories file (category, group)".to_string(),
            FileKind::Boundaries => "area boundaries (GeoJSON)".to_string(),
            FileKind::Zip => "a ZIP archive".to_string(),
            FileKind::Unknown { reason } => format!("not a file the explorer reads: {reason}"),
        }
    }

    /// True for a police.uk street file.
    pub fn is_police(&self) -> bool {
        matches!(self, FileKind::PoliceUkStreet { .. })
    }
}

fn level_words(level: Level) -> &'static str {
    match level {
        Level::Lsoa => "LSOA",
        Level::Msoa => "MSOA",
        Level::Ward => "ward",
        Level::District => "local authority",
    }
}

fn join_and(parts: &[&str]) -> String {
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => String::new(),
    }
}

fn unknown(reason: &str) -> FileKind {
    FileKind::Unknown {
        reason: reason.to_string(),
    }
}

/// What the file called `name` is, from its first bytes (the first
/// [`SNIFF_BYTES`] are enough; fewer when the file is shorter).
pub fn recognise(name: &str, first_bytes: &[u8]) -> FileKind {
    let _ = name;
    let b = first_bytes;
    if b.is_empty() {
        return unknown("the file is empty");
    }
    if let Some(kind) = magic(b) {
        return kind;
    }
    let text = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let start = text.iter().position(|c| !c.is_ascii_whitespace());
    let Some(start) = start else {
        return unknown("the file is empty (blank lines only)");
    };
    let text = text.get(start..).unwrap_or(&[]);
    if text.first().is_some_and(|c| JSON_STARTS.contains(c)) {
        return json_kind(text);
    }
    if text.starts_with(b"<") {
        return markup_kind(text);
    }
    if text.contains(&0) {
        return unknown("a binary file, not text");
    }
    csv_kind(text)
}

fn magic(b: &[u8]) -> Option<FileKind> {
    const TABLE: [(&[u8], &str); 17] = [
        (
            b"%PDF",
            "a PDF document; the explorer reads CSV, ZIP and GeoJSON files",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "an old-style Office document (e.g. .xls); save the sheet as CSV (UTF-8)",
        ),
        (b"\x1F\x8B", "a gzip-compressed file; unpack it first"),
        (b"Rar!", "a RAR archive; unpack it, or load a .zip"),
        (
            b"7z\xBC\xAF\x27\x1C",
            "a 7-Zip archive; unpack it, or load a .zip",
        ),
        (b"\x89PNG", "an image (PNG), not data"),
        (b"\xFF\xD8\xFF", "an image (JPEG), not data"),
        (b"GIF8", "an image (GIF), not data"),
        (b"II*\0", "an image (TIFF), not data"),
        (b"MM\0*", "an image (TIFF), not data"),
        (b"\xFD7zXZ\0", "an xz-compressed file; unpack it first"),
        (b"BZh", "a bzip2-compressed file; unpack it first"),
        (
            b"\x28\xB5\x2F\xFD",
            "a zstd-compressed file; unpack it first",
        ),
        (
            b"SQLite format 3\0",
            "an SQLite database; export the table as CSV (UTF-8)",
        ),
        (b"PAR1", "a Parquet file; export it as CSV (UTF-8)"),
        (b"\xFF\xFE", "UTF-16 text; save it as CSV (UTF-8)"),
        (b"\xFE\xFF", "UTF-16 text; save it as CSV (UTF-8)"),
    ];
    if b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06") {
        return Some(FileKind::Zip);
    }
    if b.starts_with(b"PK\x07\x08") {
        return Some(unknown(
            "one part of a split (multi-part) ZIP archive; join the parts first",
        ));
    }
    TABLE
        .iter()
        .find(|(m, _)| b.starts_with(m))
        .map(|(_, reason)| unknown(reason))
}

/// How JSON text starts: an object (a GeoJSON file is one) or an array.
const JSON_STARTS: [u8; 2] = [b'{', b'['];

fn json_kind(text: &[u8]) -> FileKind {
    let has = |needle: &[u8]| text.windows(needle.len()).any(|w| w == needle);
    if text.first() == JSON_STARTS.first() && has(b"\"FeatureCollection\"") {
        FileKind::Boundaries
    } else {
        unknown("a JSON file, but not a GeoJSON FeatureCollection of area boundaries")
    }
}

/// True when `b` has control bytes that text in Windows-1252 has not: any
/// below 0x20 but tab, line feed, carriage return and form feed.
fn has_controls(b: &[u8]) -> bool {
    b.iter()
        .any(|&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C))
}

/// A file starting with `<`: a web page (often the download page saved
/// instead of the file it links to), or other XML.
fn markup_kind(text: &[u8]) -> FileKind {
    let head = text
        .get(..text.len().min(64))
        .unwrap_or(text)
        .to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        unknown("a web page (HTML), not data: perhaps the page was saved instead of the file it links to")
    } else if head.starts_with(b"<?xml") || head.starts_with(b"<!--") {
        unknown("an XML file, not CSV; the explorer reads CSV, ZIP and GeoJSON files")
    } else {
        unknown("a file of markup (it starts with \"<\"), not CSV; the explorer reads CSV, ZIP and GeoJSON files")
    }
}

/// True when `b` is UTF-8 but for a character cut at its very end.
fn utf8_but_cut(b: &[u8]) -> bool {
    match std::str::from_utf8(b) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

fn csv_kind(text: &[u8]) -> FileKind {
    let mut scanner = Scanner::new();
    let Some(rec) = scanner.next(text, true) else {
        return unknown("the file is empty");
    };
    let consumed = rec.consumed;
    if !utf8_but_cut(rec.fields.bytes()) && has_controls(text) {
        return unknown("a binary file, not text (it has control bytes and is not UTF-8)");
    }
    let (headers, _) = header::names(rec.fields);
    let header_line = text.get(..consumed).unwrap_or(text);
    let col = |names: &[&str]| header::find(&headers, names);
    if let (Some(month), Some(_), Some(_)) =
        (col(&["month"]), col(&["lsoa code"]), col(&["crime type"]))
    {
        let force = col(&["falls within", "reported by"]);
        return police_kind(text.get(consumed..).unwrap_or(&[]), month, force);
    }
    let counts = [
        col(&["month"]),
        col(&["area code", "area"]),
        col(&["category", "crime type"]),
        col(&["count", "n"]),
    ];
    if counts.iter().all(Option::is_some) {
        return FileKind::CountsFile;
    }
    if col(&["category", "crime type", "name"]).is_some()
        && col(&["group", "category group"]).is_some()
    {
        return FileKind::Categories;
    }
    if col(&["area code", "code"]).is_some() && col(&["area name", "name"]).is_some() {
        return FileKind::AreasFile {
            parents: col(&["parent code", "parent"]).is_some(),
            population: col(&["population", "residents"]).is_some(),
            deprivation: col(&["imd rank", "imd score", "imd decile"]).is_some(),
        };
    }
    if read_ranks("", header_line).is_ok() {
        return FileKind::Deprivation;
    }
    if read_population("", header_line).is_ok() {
        return FileKind::Population;
    }
    if let Ok((lookup, _)) = read_lookup("", header_line) {
        let levels: Vec<Level> = LEVELS
            .into_iter()
            .filter(|l| lookup.has_level(*l))
            .collect();
        if lookup.is_bridge() || levels.len() > 1 {
            return FileKind::Lookup {
                bridge: lookup.is_bridge(),
                levels,
            };
        }
    }
    let mut shown: Vec<&str> = headers.iter().map(String::as_str).take(8).collect();
    if headers.len() > 8 {
        shown.push("…");
    }
    if headers.len() == 1 {
        return FileKind::Unknown {
            reason: format!(
                "its first line has no commas ({:?}), so it is not a CSV file",
                shown.join("")
            ),
        };
    }
    FileKind::Unknown {
        reason: format!(
            "a CSV whose header has none of the columns the explorer reads (it has: {}); \
             expected a police.uk street file (Month, LSOA code, Crime type), a counts file \
             (month, area_code, category, count), an areas file (area_code, area_name), an ONS \
             lookup (e.g. LSOA21CD, WD25CD, LAD25CD), a population or a deprivation table",
            shown.join(", ")
        ),
    }
}

/// The month and force of the first complete data row, when there is one.
fn police_kind(rows: &[u8], month_col: usize, force_col: Option<usize>) -> FileKind {
    let mut scanner = Scanner::new();
    let mut pos = 0;
    while let Some(rec) = rows.get(pos..).and_then(|r| scanner.next(r, false)) {
        pos += rec.consumed;
        if rec.fields.is_blank() {
            continue;
        }
        let windows_1252 = !text::is_utf8(rec.fields.bytes());
        let cell = |c: usize| text::cell(rec.fields.get(c), windows_1252);
        let month = cell(month_col).trim().parse::<Month>().ok();
        let force = force_col
            .map(cell)
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty());
        return FileKind::PoliceUkStreet { month, force };
    }
    FileKind::PoliceUkStreet {
        month: None,
        force: None,
    }
}

#[cfg(test)]
#[path = "recognise_tests.rs"]
mod tests;
