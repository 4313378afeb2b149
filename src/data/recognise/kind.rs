//! [`FileKind`]: what a file was taken to be, and the sentence that says
//! so on the page.

use crate::data::lookup::Level;
use crate::data::month::Month;

/// What a file was taken to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A police.uk street-level file; month and force from its first row.
    PoliceUkStreet {
        /// The month of the first row.
        month: Option<Month>,
        /// The force it falls within.
        force: Option<String>,
    },
    /// The explorer's counts file.
    CountsFile,
    /// A wide table: one column per month ([`crate::data::wide`]).
    Wide(crate::data::wide::WideKind),
    /// An areas file.
    AreasFile {
        /// It has a parent column.
        parents: bool,
        /// It has a population column.
        population: bool,
        /// It has a deprivation column.
        deprivation: bool,
    },
    /// An ONS LSOA lookup.
    Lookup {
        /// It bridges LSOA codes of one year to another's.
        bridge: bool,
        /// The levels it carries.
        levels: Vec<Level>,
    },
    /// Residents by area.
    Population,
    /// Deprivation ranks by LSOA.
    Deprivation,
    /// A categories file.
    Categories,
    /// GeoJSON boundaries.
    Boundaries,
    /// A ZIP archive (its entries are recognised one by one).
    Zip,
    /// None of the above, and why.
    Unknown {
        /// What it is instead, in words a person can act on.
        reason: String,
    },
}

impl FileKind {
    /// A sentence for the page: what the file was taken to be.
    pub fn describe(&self) -> String {
        match self {
            FileKind::PoliceUkStreet { month, force } => {
                let mut s = "police.uk street-level crimes".to_string();
                if let Some(m) = month {
                    s.push_str(&format!(", {m}"));
                }
                if let Some(f) = force {
                    s.push_str(&format!(" ({f})"));
                }
                s
            }
            FileKind::CountsFile => "a counts file (month, area_code, category, count)".to_string(),
            FileKind::Wide(wide) => wide.describe(),
            FileKind::AreasFile {
                parents,
                population,
                deprivation,
            } => {
                let mut parts = vec!["names"];
                if *parents {
                    parts.push("parents");
                }
                if *population {
                    parts.push("populations");
                }
                if *deprivation {
                    parts.push("deprivation");
                }
                format!("an areas file: area {}", join_and(&parts))
            }
            FileKind::Lookup { bridge, levels } => {
                let names: Vec<&str> = levels.iter().map(|l| level_words(*l)).collect();
                if *bridge {
                    format!(
                        "an ONS lookup bridging LSOA codes of one year to another's ({})",
                        names.join(", ")
                    )
                } else {
                    format!("an ONS area lookup: {}", names.join(" → "))
                }
            }
            FileKind::Population => "residents by area (a population table)".to_string(),
            FileKind::Deprivation => "deprivation ranks by LSOA (e.g. IMD 2019)".to_string(),
            FileKind::Categories => "a categories file (category, group)".to_string(),
            FileKind::Boundaries => "area boundaries (GeoJSON)".to_string(),
            FileKind::Zip => "a ZIP archive".to_string(),
            FileKind::Unknown { reason } => format!("not a file the explorer reads: {reason}"),
        }
    }

    /// True for a police.uk street file.
    pub fn is_police(&self) -> bool {
        matches!(self, FileKind::PoliceUkStreet { .. })
    }
}

fn level_words(level: Level) -> &'static str {
    match level {
        Level::Lsoa => "LSOA",
        Level::Msoa => "MSOA",
        Level::Ward => "ward",
        Level::District => "local authority",
    }
}

fn join_and(parts: &[&str]) -> String {
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => String::new(),
    }
}
