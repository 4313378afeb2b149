//! Text encodings of the CSV files read: one rule for every reader.
//!
//! **Each row (CSV record) that is valid UTF-8 is read as UTF-8; a row that
//! is not is read as Windows-1252** (the encoding spreadsheets on Windows
//! save "CSV" in; a superset of Latin-1), decided from its bytes alone,
//! never from the file's name. Deciding row by row serves a file read whole
//! (lookups, areas…) and one streamed in chunks (police.uk street files)
//! alike, and reads right a UTF-8 file with a few rows pasted from a Latin-1
//! one. A Windows-1252 row that happens to be valid UTF-8 too (e.g. `Ã©`) is
//! read as UTF-8: such pairs are rare in real text.
//!
//! Windows-1252 is decoded by hand (32 entries; 0xA0–0xFF are U+00A0–U+00FF
//! as in Latin-1) rather than with `encoding_rs`, whose tables would cost
//! the browser bundles far more than this. The five bytes Windows-1252
//! leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1 controls
//! of the same value, as browsers (WHATWG) decode them.
//!
//! Readers count the rows they read as Windows-1252 in a [`Recoded`] note
//! of their [`LoadReport`](super::report::LoadReport).

use std::borrow::Cow;

use serde::Serialize;

/// Windows-1252's characters for the bytes 0x80–0x9F.
const HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// The character of one Windows-1252 byte.
pub fn windows_1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => HIGH
            .get(usize::from(byte - 0x80))
            .copied()
            .unwrap_or(char::REPLACEMENT_CHARACTER),
        _ => char::from(byte),
    }
}

/// `bytes` read as Windows-1252 (borrowed when they are all ASCII).
pub fn windows_1252(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) if bytes.is_ascii() => Cow::Borrowed(text),
        _ => Cow::Owned(bytes.iter().map(|&b| windows_1252_char(b)).collect()),
    }
}

/// True when `bytes` are valid UTF-8 (so a row of them is read as UTF-8).
#[inline]
pub fn is_utf8(bytes: &[u8]) -> bool {
    bytes.is_ascii() || std::str::from_utf8(bytes).is_ok()
}

/// One cell of a row, as text: as UTF-8, or as Windows-1252 when the row
/// it belongs to is not UTF-8 (see the module docs). A cell of a UTF-8 row
/// is valid UTF-8 (cells are split at ASCII bytes), so it is borrowed.
pub fn cell(bytes: &[u8], windows_1252_row: bool) -> Cow<'_, str> {
    if windows_1252_row {
        windows_1252(bytes)
    } else {
        String::from_utf8_lossy(bytes)
    }
}

/// The rows of one file read as Windows-1252: how many, and the first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recoded {
    /// The file.
    pub file: String,
    /// The line the first such row starts on (1 = the header).
    pub first_line: u64,
    /// How many rows (the header included) were read as Windows-1252.
    pub rows: u64,
}

impl Recoded {
    /// Counts one more row of `file`, starting on `line`, read as
    /// Windows-1252 into `note` (made on the file's first such row).
    pub fn count(note: &mut Option<Recoded>, file: &str, line: u64) {
        match note {
            Some(n) => n.rows += 1,
            None => {
                *note = Some(Recoded {
                    file: file.to_string(),
                    first_line: line,
                    rows: 1,
                })
            }
        }
    }

    /// The sentence for a report.
    pub fn describe(&self) -> crate::i18n::Text {
        use crate::i18n::{Msg, Text};
        let msg = if self.rows == 1 {
            Msg::RecodedOne
        } else {
            Msg::RecodedMany
        };
        Text::msg(msg)
            .with("file", self.file.as_str())
            .with("n", self.rows.to_string())
            .with("line", self.first_line.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows-1252's 0x80–0x9F as Python's `cp1252` codec decodes them
    /// (pasted from a one-off run of `bytes([b]).decode('cp1252')`), with
    /// `?` where Python has no character (the five undefined bytes).
    const PYTHON_CP1252: &str = "€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ";

    #[test]
    fn every_byte_decodes_as_the_windows_1252_table_says() {
        let python: Vec<char> = PYTHON_CP1252.chars().collect();
        assert_eq!(python.len(), 32);
        for b in 0..=255u8 {
            let got = windows_1252_char(b);
            let want = match b {
                0x00..=0x7F => char::from(b),
                // Undefined in Windows-1252: the C1 control, as WHATWG.
                0x81 | 0x8D | 0x8F | 0x90 | 0x9D => {
                    assert_eq!(python[usize::from(b - 0x80)], '?');
                    char::from_u32(u32::from(b)).unwrap()
                }
                0x80..=0x9F => python[usize::from(b - 0x80)],
                0xA0..=0xFF => char::from_u32(u32::from(b)).unwrap(),
            };
            assert_eq!(got, want, "byte {b:#04x}");
            assert_eq!(windows_1252(&[b]), want.to_string(), "byte {b:#04x}");
        }
        assert_eq!(windows_1252_char(0x80), '€');
        assert_eq!(windows_1252_char(0x92), '’');
        assert_eq!(windows_1252_char(0xA3), '£');
        assert_eq!(windows_1252_char(0xE9), 'é');
    }

    #[test]
    fn whole_texts_and_cells() {
        assert_eq!(windows_1252(b"Ynys M\xF4n"), "Ynys Môn");
        assert_eq!(windows_1252(b"\x80 5, Smith\x92s \xA3"), "€ 5, Smith’s £");
        assert!(matches!(windows_1252(b"plain"), Cow::Borrowed("plain")));
        assert!(is_utf8("Môn".as_bytes()) && !is_utf8(b"M\xF4n"));
        assert_eq!(cell("Môn".as_bytes(), false), "Môn");
        assert_eq!(cell(b"M\xF4n", true), "Môn");
    }

    #[test]
    fn notes_count_rows_and_say_where_the_first_is() {
        let mut note = None;
        Recoded::count(&mut note, "f.csv", 7);
        assert_eq!(
            note.as_ref().map(|n| n.describe().to_string()).unwrap(),
            "f.csv: 1 row is not UTF-8 text; it was read as Windows-1252 (line 7)."
        );
        Recoded::count(&mut note, "f.csv", 9);
        let note = note.unwrap();
        assert_eq!((note.first_line, note.rows), (7, 2));
        assert_eq!(
            note.describe().to_string(),
            "f.csv: 2 rows are not UTF-8 text; they were read as Windows-1252 (the first on line 7)."
        );
    }
}
