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

    /// The level a GSS code names by its prefix (England's and Wales's:
    /// `E01`/`W01` LSOA, `E02`/`W02` MSOA, `E05`/`W05` ward, `E06`–`E09`
    /// and `W06` local authority); `None` for any other code.
    pub fn of_code(code: &str) -> Option<Level> {
        match code.get(..3)? {
            "E01" | "W01" => Some(Level::Lsoa),
            "E02" | "W02" => Some(Level::Msoa),
            "E05" | "W05" => Some(Level::Ward),
            "E06" | "E07" | "E08" | "E09" | "W06" => Some(Level::District),
            _ => None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_their_level_by_prefix() {
        assert_eq!(Level::of_code("E01012345"), Some(Level::Lsoa));
        assert_eq!(Level::of_code("W02000001"), Some(Level::Msoa));
        assert_eq!(Level::of_code("E05014882"), Some(Level::Ward));
        assert_eq!(Level::of_code("E06000004"), Some(Level::District));
        assert_eq!(Level::of_code("E09000001"), Some(Level::District));
        assert_eq!(Level::of_code("E10000001"), None, "a county");
        assert_eq!(Level::of_code("W1"), None);
    }
}
