//! `Month`: a whole calendar month, parsed from and shown as `YYYY-MM`.

use std::fmt;
use std::str::FromStr;

/// A calendar month, stored as months since January of year 0 so that
/// arithmetic and ordering are plain integer operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(u32);

/// Why a `YYYY-MM` text is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct MonthParseError {
    /// The text that was read.
    pub found: String,
}

impl MonthParseError {
    /// The month part (`13`) when the text is written `YYYY-MM` but names
    /// no month of the year.
    pub fn no_such_month(&self) -> Option<&str> {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match self.found.trim().split_once('-') {
            Some((y, m)) if y.len() == 4 && m.len() == 2 && digits(y) && digits(m) => Some(m),
            _ => None,
        }
    }

    /// The message: the real problem when the text is written right but
    /// names no month (`2023-13`), else what was expected.
    fn message(&self) -> String {
        match self.no_such_month() {
            Some(m) => format!(
                "there is no month {m} in {:?}: months run from 01 to 12",
                self.found.trim()
            ),
            None => format!(
                "expected a month written YYYY-MM (e.g. 2024-07), found {:?}",
                self.found
            ),
        }
    }
}

impl Month {
    /// January 2000: a neutral month for empty ranges.
    pub const JAN_2000: Month = Month(2000 * 12);

    /// The month `month` (1–12) of `year`, or `None` when out of range.
    pub fn new(year: u32, month: u32) -> Option<Month> {
        if (1..=12).contains(&month) && (1000..=9999).contains(&year) {
            Some(Month(year * 12 + month - 1))
        } else {
            None
        }
    }

    /// The year, e.g. 2024.
    pub fn year(self) -> u32 {
        self.0 / 12
    }

    /// The month of the year, 1 = January.
    pub fn month_of_year(self) -> u32 {
        self.0 % 12 + 1
    }

    /// This month moved by `delta` months (negative = earlier). `None` when
    /// the result would leave the years 1000–9999.
    pub fn offset(self, delta: i64) -> Option<Month> {
        let value = i64::from(self.0).checked_add(delta)?;
        let value = u32::try_from(value).ok()?;
        Month::new(value / 12, value % 12 + 1)
    }

    /// The number of months from `self` to `later` (0 when equal, negative
    /// when `later` is earlier).
    pub fn months_until(self, later: Month) -> i64 {
        i64::from(later.0) - i64::from(self.0)
    }

    /// Parses `YYYY-MM` from raw bytes without allocating; also accepts the
    /// `YYYY-MM-DD` and `YYYY-MM-DDT…` forms by reading only the first seven
    /// characters when the eighth is `-`.
    pub fn parse_bytes(bytes: &[u8]) -> Option<Month> {
        let b = bytes;
        let ok_len = b.len() == 7 || (b.len() >= 10 && b[7] == b'-');
        if !ok_len || b[4] != b'-' {
            return None;
        }
        let digit = |c: u8| c.is_ascii_digit().then(|| u32::from(c - b'0'));
        let year = digit(b[0])? * 1000 + digit(b[1])? * 100 + digit(b[2])? * 10 + digit(b[3])?;
        let month = digit(b[5])? * 10 + digit(b[6])?;
        Month::new(year, month)
    }

    /// Short English label, e.g. `Jul 2024`.
    pub fn label(self) -> String {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let index = (self.month_of_year() - 1) as usize;
        format!("{} {}", NAMES[index], self.year())
    }

    /// The month in `w`'s language: `Jul 2024`, `Gorffennaf 2024`.
    pub fn label_in(self, w: &crate::i18n::Words) -> String {
        w.month(self.year(), self.month_of_year())
    }
}

impl FromStr for Month {
    type Err = MonthParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.len() != 7 {
            return Err(MonthParseError {
                found: s.to_string(),
            });
        }
        Month::parse_bytes(t.as_bytes()).ok_or_else(|| MonthParseError {
            found: s.to_string(),
        })
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month_of_year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        let m: Month = "2024-07".parse().unwrap();
        assert_eq!(m.year(), 2024);
        assert_eq!(m.month_of_year(), 7);
        assert_eq!(m.to_string(), "2024-07");
        assert_eq!(m.label(), "Jul 2024");
    }

    #[test]
    fn a_month_13_is_named_as_such() {
        let e = "2023-13".parse::<Month>().unwrap_err().to_string();
        assert_eq!(
            e,
            "there is no month 13 in \"2023-13\": months run from 01 to 12"
        );
        let e = "2023-00".parse::<Month>().unwrap_err().to_string();
        assert!(e.starts_with("there is no month 00"), "{e}");
        let e = "2023/07".parse::<Month>().unwrap_err().to_string();
        assert!(e.starts_with("expected a month written YYYY-MM"), "{e}");
    }

    #[test]
    fn rejects_bad_months() {
        for bad in [
            "2024-13", "2024-00", "2024-7", "24-07", "2024/07", "", "abcd-ef", "2024-07x",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn offsets_cross_years() {
        let m: Month = "2024-01".parse().unwrap();
        assert_eq!(m.offset(-1).unwrap().to_string(), "2023-12");
        assert_eq!(m.offset(12).unwrap().to_string(), "2025-01");
        assert_eq!(m.months_until("2025-03".parse().unwrap()), 14);
    }
}
