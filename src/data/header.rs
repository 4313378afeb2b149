//! Matching CSV header names: case-insensitive, trimmed, BOM removed.

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
pub fn names<'a>(cells: impl Iterator<Item = &'a [u8]> + Clone) -> (Vec<String>, bool) {
    let recoded = !cells.clone().all(super::text::is_utf8);
    let names = cells
        .enumerate()
        .map(|(i, cell)| {
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

    #[test]
    fn normalises_bom_case_and_separators() {
        assert_eq!(normalise("\u{feff}Area_Code "), "area code");
        assert_eq!(normalise("LSOA  code"), "lsoa code");
        assert_eq!(normalise("Crime-type"), "crime type");
    }

    #[test]
    fn header_rows_in_utf8_or_windows_1252() {
        let utf8: [&[u8]; 2] = [b"\xEF\xBB\xBFLSOA21CD", "Enw Cymraeg – Môn".as_bytes()];
        let want = ["lsoa21cd", "enw cymraeg – môn"].map(String::from).to_vec();
        assert_eq!(names(utf8.into_iter()), (want.clone(), false));
        let latin: [&[u8]; 2] = [b"\xEF\xBB\xBFLSOA21CD", b"Enw Cymraeg \x96 M\xF4n"];
        assert_eq!(names(latin.into_iter()), (want, true));
    }
}
