//! Periods (inclusive ranges of whole months) and the preset period pairs.

use std::fmt;

use crate::data::Month;

/// An inclusive range of whole months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    /// The first month.
    pub start: Month,
    /// The last month (inclusive).
    pub end: Month,
}

/// Why a period or pair cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// The end is before the start.
    #[error("the period {start}..{end} ends before it starts")]
    Backwards {
        /// First month given.
        start: Month,
        /// Last month given.
        end: Month,
    },
    /// The period reaches outside the months the data covers.
    #[error("the period {period} is outside the data, which covers {first}..{last}")]
    OutsideData {
        /// The period asked for.
        period: Period,
        /// First month of the data.
        first: Month,
        /// Last month of the data.
        last: Month,
    },
    /// Text that is not `YYYY-MM..YYYY-MM`.
    #[error("expected a month range written YYYY-MM..YYYY-MM, found {0:?}")]
    Unparsable(String),
    /// A range written right whose month does not exist (`2023-13`).
    #[error("{0}")]
    BadMonth(#[from] crate::data::month::MonthParseError),
    /// There is not enough data for the preset.
    #[error("the data ({first}..{last}) is too short for the preset {preset}")]
    TooShort {
        /// The preset's label.
        preset: &'static str,
        /// First month of the data.
        first: Month,
        /// Last month of the data.
        last: Month,
    },
}

impl Period {
    /// A period from `start` to `end` inclusive.
    pub fn new(start: Month, end: Month) -> Result<Period, PeriodError> {
        if end < start {
            return Err(PeriodError::Backwards { start, end });
        }
        Ok(Period { start, end })
    }

    /// Parses `YYYY-MM..YYYY-MM` (or a single `YYYY-MM`).
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let (a, b) = text.split_once("..").unwrap_or((text, text));
        let month = |t: &str| -> Result<Month, PeriodError> {
            t.trim()
                .parse()
                .map_err(|e: crate::data::month::MonthParseError| {
                    if e.no_such_month().is_some() {
                        PeriodError::BadMonth(e)
                    } else {
                        PeriodError::Unparsable(text.to_string())
                    }
                })
        };
        Period::new(month(a)?, month(b)?)
    }

    /// Number of months in the period.
    pub fn months(&self) -> u32 {
        (self.start.months_until(self.end) + 1) as u32
    }

    /// The same months `years` years earlier.
    pub fn years_earlier(&self, years: i64) -> Option<Period> {
        Some(Period {
            start: self.start.offset(-12 * years)?,
            end: self.end.offset(-12 * years)?,
        })
    }

    /// True when `month` lies in the period.
    pub fn contains(&self, month: Month) -> bool {
        self.start <= month && month <= self.end
    }

    /// Checks the period lies within `first..=last`.
    pub fn check_within(&self, first: Month, last: Month) -> Result<(), PeriodError> {
        if self.start < first || self.end > last {
            return Err(PeriodError::OutsideData {
                period: *self,
                first,
                last,
            });
        }
        Ok(())
    }

    /// The label in `w`'s language: `Oct 2024 – Sep 2025`, `Hydref 2024 –
    /// Medi 2025`.
    pub fn label_in(&self, w: &crate::i18n::Words) -> String {
        if self.start == self.end {
            self.start.label_in(w)
        } else {
            format!("{} – {}", self.start.label_in(w), self.end.label_in(w))
        }
    }

    /// Human label, e.g. `Oct 2024 – Sep 2025` or `Jul 2018`.
    pub fn label(&self) -> String {
        if self.start == self.end {
            self.start.label()
        } else {
            format!("{} – {}", self.start.label(), self.end.label())
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// The period being looked at and the one it is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PeriodPair {
    /// The current period.
    pub current: Period,
    /// The comparison period.
    pub previous: Period,
}

impl PeriodPair {
    /// Checks both periods lie within the data's months.
    pub fn check_within(&self, first: Month, last: Month) -> Result<(), PeriodError> {
        self.current.check_within(first, last)?;
        self.previous.check_within(first, last)
    }
}

/// The preset period pairs, computed from the latest month in the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// The 12 months to the latest month vs the 12 before.
    Rolling12,
    /// Financial year to date (April start) vs the same months a year earlier.
    FinancialYearToDate,
    /// Calendar year to date vs the same months a year earlier.
    CalendarYearToDate,
    /// The latest complete calendar quarter vs the same quarter a year earlier.
    LatestQuarter,
    /// The latest month vs the same month a year earlier.
    LatestMonth,
}

impl Preset {
    /// Every preset, in the order controls offer them.
    pub const ALL: [Preset; 5] = [
        Preset::Rolling12,
        Preset::FinancialYearToDate,
        Preset::CalendarYearToDate,
        Preset::LatestQuarter,
        Preset::LatestMonth,
    ];

    /// The key used in URLs and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Preset::Rolling12 => "rolling12",
            Preset::FinancialYearToDate => "fytd",
            Preset::CalendarYearToDate => "cytd",
            Preset::LatestQuarter => "quarter",
            Preset::LatestMonth => "month",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Rolling12 => "Last 12 months vs the 12 before",
            Preset::FinancialYearToDate => "Financial year to date vs same months last year",
            Preset::CalendarYearToDate => "Calendar year to date vs same months last year",
            Preset::LatestQuarter => "Latest quarter vs same quarter last year",
            Preset::LatestMonth => "Latest month vs same month last year",
        }
    }

    /// The preset with `key`, if any.
    pub fn from_key(key: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The pair for data covering `first..=last`; an error when the data is
    /// too short for this preset.
    pub fn pair(self, first: Month, last: Month) -> Result<PeriodPair, PeriodError> {
        let too_short = || PeriodError::TooShort {
            preset: self.label(),
            first,
            last,
        };
        let pair = self.pair_ending(last).ok_or_else(too_short)?;
        pair.check_within(first, last).map_err(|_| too_short())?;
        Ok(pair)
    }

    /// The pair when the latest month is `last`, whatever months the data
    /// has (`None` only at the ends of the calendar).
    pub fn pair_ending(self, last: Month) -> Option<PeriodPair> {
        let current = match self {
            Preset::Rolling12 => {
                return Some(PeriodPair {
                    current: Period {
                        start: last.offset(-11)?,
                        end: last,
                    },
                    previous: Period {
                        start: last.offset(-23)?,
                        end: last.offset(-12)?,
                    },
                });
            }
            Preset::FinancialYearToDate => {
                let back = (last.month_of_year() + 12 - 4) % 12;
                Period {
                    start: last.offset(-i64::from(back))?,
                    end: last,
                }
            }
            Preset::CalendarYearToDate => {
                let back = last.month_of_year() - 1;
                Period {
                    start: last.offset(-i64::from(back))?,
                    end: last,
                }
            }
            Preset::LatestQuarter => {
                // The last month that ends a calendar quarter (Mar, Jun, Sep, Dec).
                let back = last.month_of_year() % 3;
                let end = last.offset(-i64::from(back))?;
                Period {
                    start: end.offset(-2)?,
                    end,
                }
            }
            Preset::LatestMonth => Period {
                start: last,
                end: last,
            },
        };
        Some(PeriodPair {
            current,
            previous: current.years_earlier(1)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    fn pair(p: Preset, first: &str, last: &str) -> String {
        let pp = p.pair(m(first), m(last)).unwrap();
        format!("{} vs {}", pp.current, pp.previous)
    }

    #[test]
    fn presets_from_the_latest_month() {
        assert_eq!(
            pair(Preset::Rolling12, "2023-01", "2025-09"),
            "2024-10..2025-09 vs 2023-10..2024-09"
        );
        assert_eq!(
            pair(Preset::FinancialYearToDate, "2023-01", "2025-09"),
            "2025-04..2025-09 vs 2024-04..2024-09"
        );
        // In March the financial year has run 12 months; in April, 1.
        assert_eq!(
            pair(Preset::FinancialYearToDate, "2023-01", "2025-03"),
            "2024-04..2025-03 vs 2023-04..2024-03"
        );
        assert_eq!(
            pair(Preset::FinancialYearToDate, "2023-01", "2025-04"),
            "2025-04..2025-04 vs 2024-04..2024-04"
        );
        assert_eq!(
            pair(Preset::CalendarYearToDate, "2023-01", "2025-09"),
            "2025-01..2025-09 vs 2024-01..2024-09"
        );
        assert_eq!(
            pair(Preset::LatestQuarter, "2023-01", "2025-11"),
            "2025-07..2025-09 vs 2024-07..2024-09"
        );
        assert_eq!(
            pair(Preset::LatestQuarter, "2023-01", "2025-09"),
            "2025-07..2025-09 vs 2024-07..2024-09"
        );
        assert_eq!(
            pair(Preset::LatestMonth, "2016-07", "2018-07"),
            "2018-07..2018-07 vs 2017-07..2017-07"
        );
    }

    #[test]
    fn too_short_data_is_an_error_not_zeros() {
        let e = Preset::Rolling12
            .pair(m("2024-01"), m("2024-12"))
            .unwrap_err();
        assert!(e.to_string().contains("too short"), "{e}");
    }

    #[test]
    fn custom_periods_parse_and_check() {
        let p = Period::parse("2018-07..2018-07").unwrap();
        assert_eq!(p.months(), 1);
        let p = Period::parse("2024-04..2025-03").unwrap();
        assert_eq!(p.months(), 12);
        assert!(Period::parse("2025-03..2024-04").is_err());
        assert!(Period::parse("2025-3..2026-01").is_err());
        let e = Period::parse("2023-13..2023-13").unwrap_err();
        assert_eq!(
            e.to_string(),
            "there is no month 13 in \"2023-13\": months run from 01 to 12"
        );
        let e = p.check_within(m("2024-06"), m("2025-12")).unwrap_err();
        assert!(e.to_string().contains("outside the data"));
    }
}
