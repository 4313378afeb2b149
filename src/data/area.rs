//! Areas (wards, LSOAs, districts…) identified by GSS codes.

use std::fmt;

use crate::i18n::Lang;

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
    /// Its Welsh name, when it has one (Welsh areas: `Y Parc` for `Park`).
    pub name_cy: Option<String>,
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
            name_cy: None,
            parent: None,
            population: None,
            imd_rank: None,
            imd_decile: None,
            imd_score: None,
        }
    }

    /// Its name in `lang`: the Welsh name in Welsh when it has one, else
    /// the English name.
    pub fn name_in(&self, lang: Lang) -> &str {
        match (lang, &self.name_cy) {
            (Lang::Cy, Some(cy)) => cy,
            _ => &self.name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_welsh_falls_back_to_the_english() {
        let mut park = Area::named("W05001621", "Park");
        assert_eq!(park.name_in(Lang::Cy), "Park");
        park.name_cy = Some("Y Parc".to_string());
        assert_eq!(park.name_in(Lang::Cy), "Y Parc");
        assert_eq!(park.name_in(Lang::En), "Park");
    }
}
