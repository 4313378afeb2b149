//! Areas (wards, LSOAs, districts…) identified by GSS codes.

use std::fmt;

/// A GSS area code such as `E05012345` (ward) or `E01001234` (LSOA).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AreaCode(pub String);

impl AreaCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for AreaCode {
    fn from(s: &str) -> Self {
        AreaCode(s.to_string())
    }
}

/// What we know about one area.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// Its GSS code.
    pub code: AreaCode,
    /// Its name, e.g. `Parkfield and Oxbridge`.
    pub name: String,
    /// The area it lies in (e.g. the local authority of a ward).
    pub parent: Option<AreaCode>,
    /// Usual residents, for rates.
    pub population: Option<u32>,
    /// Deprivation rank (1 = most deprived), when known.
    pub imd_rank: Option<u32>,
    /// Deprivation decile (1 = most deprived 10%), when known.
    pub imd_decile: Option<u8>,
    /// Deprivation score (higher = more deprived), when known.
    pub imd_score: Option<f64>,
}

impl Area {
    /// An area with only a code and a name.
    pub fn named(code: &str, name: &str) -> Area {
        Area {
            code: AreaCode::from(code),
            name: name.to_string(),
            parent: None,
            population: None,
            imd_rank: None,
            imd_decile: None,
            imd_score: None,
        }
    }
}
