//! [`Level`]: the levels of the area hierarchy a lookup may carry, and the
//! names of their columns.

use std::fmt;
use std::str::FromStr;

/// A level of the area hierarchy a lookup may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// Lower layer super output area (`E01…`).
    Lsoa,
    /// Middle layer super output area (`E02…`).
    Msoa,
    /// Electoral ward (`E05…`).
    Ward,
    /// Local authority district (`E06…`, `E07…`, `E08…`, `E09…`).
    District,
}

/// Every level, finest first.
pub const LEVELS: [Level; 4] = [Level::Lsoa, Level::Msoa, Level::Ward, Level::District];

impl Level {
    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Level::Lsoa => "lsoa",
            Level::Msoa => "msoa",
            Level::Ward => "ward",
            Level::District => "district",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// ONS column prefixes (`lsoa` of `LSOA11CD`) and spelled-out names.
    pub(super) fn column_names(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Level::Lsoa => (&["lsoa"], &["lsoa"]),
            Level::Msoa => (&["msoa"], &["msoa"]),
            Level::Ward => (&["wd", "ward"], &["ward", "electoral ward"]),
            Level::District => (
                &["lad", "ltla"],
                &["local authority", "local authority district", "lad", "la"],
            ),
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LEVELS
            .into_iter()
            .find(|l| l.name() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("unknown level {s:?}; expected lsoa, msoa, ward or district"))
    }
}
