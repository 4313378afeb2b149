//! A wide table's month columns: a header that names a month as
//! publishers write them — `202311`, `2023-11`, `2023/11`, `Nov-23`,
//! `Nov 2023`, `November 2023`, `2023 Nov` (month names in any case).

use crate::data::month::Month;

/// The month names, as their first three letters.
const SHORT: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The full names (and `sept`), for names longer than three letters.
const LONG: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month (1–12) a month's name gives: its three letters or its whole
/// name, in any case.
fn month_of_name(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let found = match lower.len() {
        3 => SHORT.iter().position(|s| *s == lower),
        _ if lower == "sept" => Some(8),
        _ => LONG.iter().position(|s| *s == lower),
    };
    found.map(|i| i as u32 + 1)
}

/// A year of four digits, or of two (20YY).
fn year_of(digits: &str) -> Option<u32> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    match digits.len() {
        4 => Some(n),
        2 => Some(2000 + n),
        _ => None,
    }
}

/// The month of the number `digits` (`11`, `7`, `07`).
fn month_number(digits: &str) -> Option<u32> {
    let short = (1..=2).contains(&digits.len());
    (short && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The month a column's header names, when it names one (see the module
/// docs for the forms); `None` for any other header.
pub fn month_header(header: &str) -> Option<Month> {
    let h = header.trim_start_matches('\u{feff}').trim();
    let compact = h.len() == 6 && h.bytes().all(|b| b.is_ascii_digit());
    if compact {
        let (year, month) = h.split_at(4);
        return Month::new(year.parse().ok()?, month.parse().ok()?);
    }
    let mut parts = h.split(['-', '/', ' ', '_', '.']);
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let (a_year, b_year) = (a.len() == 4 && year_of(a).is_some(), year_of(b).is_some());
    let (year, month) = if a_year {
        // `2023-11` or `2023 Nov`.
        (year_of(a)?, month_number(b).or_else(|| month_of_name(b))?)
    } else if b_year {
        // `Nov-23`, `Nov 2023`, `November 2023`.
        (year_of(b)?, month_of_name(a)?)
    } else {
        return None;
    };
    Month::new(year, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Option<String> {
        month_header(text).map(|m| m.to_string())
    }

    #[test]
    fn every_form_publishers_write() {
        for form in [
            "202311",
            "2023-11",
            "2023/11",
            "Nov-23",
            "nov-23",
            "NOV 23",
            "Nov 2023",
            "November 2023",
            "2023 Nov",
            "2023-NOV",
            "\u{feff}2023-11 ",
        ] {
            assert_eq!(m(form).as_deref(), Some("2023-11"), "{form:?}");
        }
        assert_eq!(m("Sept 2022").as_deref(), Some("2022-09"));
        assert_eq!(m("2024-1").as_deref(), Some("2024-01"));
    }

    #[test]
    fn other_headers_are_not_months() {
        for other in [
            "MajorText",
            "WardCode",
            "202313",
            "2023",
            "20231",
            "Nov",
            "Nove 2023",
            "2023-11-05",
            "Borough",
            "LSOA Code",
            "E05013570",
            "13-2023",
            "",
        ] {
            assert_eq!(m(other), None, "{other:?}");
        }
    }
}
