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
}
