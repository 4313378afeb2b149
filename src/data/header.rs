//! Matching CSV header names: case-insensitive, trimmed, BOM removed.

use super::csv_scan::Fields;

/// Normalises a header cell for matching: strips a BOM and surrounding
/// spaces, lower-cases, and treats `_`, `-` and runs of spaces alike.
pub fn normalise(name: &str) -> String {
    let trimmed = name.trim_start_matches('\u{feff}').trim();
    let mut out = String::with_capacity(trimmed.len());
    let mut last_space = false;
    for ch in trimmed.chars() {
        let ch = if ch == '_' || ch == '-' { ' ' } else { ch };
        if ch.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(ch.to_ascii_lowercase());
            last_space = false;
        }
    }
    out
}

/// The cells of a header row decoded by the rule of [`text`](super::text)
/// (UTF-8, or Windows-1252 when the row is not UTF-8; a UTF-8 byte-order
/// mark dropped either way) and normalised; with whether the row was read
/// as Windows-1252.
pub fn names(row: Fields<'_>) -> (Vec<String>, bool) {
    let recoded = !row.is_ascii() && !super::text::is_utf8(row.bytes());
    let names = (0..row.len())
        .map(|i| {
            let cell = row.get(i);
            let cell = match cell.strip_prefix(b"\xEF\xBB\xBF") {
                Some(rest) if i == 0 => rest,
                _ => cell,
            };
            normalise(&super::text::cell(cell, recoded))
        })
        .collect();
    (names, recoded)
}

/// The index of the first header cell whose normalised name is one of
/// `wanted` (each already normalised).
pub fn find(headers: &[String], wanted: &[&str]) -> Option<usize> {
    headers.iter().position(|h| wanted.contains(&h.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::csv_scan::for_each_record;

    #[test]
    fn normalises_bom_case_and_separators() {
        assert_eq!(normalise("\u{feff}Area_Code "), "area code");
        assert_eq!(normalise("LSOA  code"), "lsoa code");
        assert_eq!(normalise("Crime-type"), "crime type");
    }

    #[test]
    fn header_rows_in_utf8_or_windows_1252() {
        let header = |bytes: &[u8]| {
            let mut out = None;
            for_each_record(bytes, |_, row| {
                out = Some(names(row));
                false
            });
            out.unwrap()
        };
        let want = ["lsoa21cd", "enw cymraeg – môn"].map(String::from).to_vec();
        let utf8 = header("\u{feff}LSOA21CD,Enw Cymraeg – Môn\n".as_bytes());
        assert_eq!(utf8, (want.clone(), false));
        let latin = header(b"\xEF\xBB\xBFLSOA21CD,\"Enw Cymraeg \x96 M\xF4n\"\r\n");
        assert_eq!(latin, (want, true));
    }
}
