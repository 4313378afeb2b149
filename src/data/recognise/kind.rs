//! [`FileKind`]: what a file was taken to be, and the sentence that says
//! so on the page.

use crate::data::lookup::Level;
use crate::data::month::Month;
use crate::i18n::{Msg, Text};

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
        reason: Text,
    },
}

impl FileKind {
    /// A sentence for the page: what the file was taken to be.
    pub fn describe(&self) -> Text {
        let t = Text::msg;
        match self {
            FileKind::PoliceUkStreet { month, force } => {
                // Punctuation and the file's own values: every language's.
                let mut more = String::new();
                if let Some(m) = month {
                    more.push_str(&format!(", {m}"));
                }
                if let Some(f) = force {
                    more.push_str(&format!(" ({f})"));
                }
                t(Msg::KindPoliceUk).with("more", more)
            }
            FileKind::CountsFile => t(Msg::KindCounts),
            FileKind::Wide(wide) => wide.describe(),
            FileKind::AreasFile {
                parents,
                population,
                deprivation,
            } => {
                let parts = [
                    (true, Msg::KindAreaNames),
                    (*parents, Msg::KindAreaParents),
                    (*population, Msg::KindAreaPopulations),
                    (*deprivation, Msg::KindAreaDeprivation),
                ];
                let parts = parts.iter().filter(|(on, _)| *on).map(|(_, m)| t(*m));
                t(Msg::KindAreas).with("parts", Text::And(parts.collect()))
            }
            FileKind::Lookup { bridge, levels } => {
                let names = levels.iter().map(|l| level_words(*l)).collect();
                if *bridge {
                    t(Msg::KindLookupBridge).with("levels", Text::Join(", ", names))
                } else {
                    t(Msg::KindLookup).with("levels", Text::Join(" → ", names))
                }
            }
            FileKind::Population => t(Msg::KindPopulation),
            FileKind::Deprivation => t(Msg::KindDeprivation),
            FileKind::Categories => t(Msg::KindCategories),
            FileKind::Boundaries => t(Msg::KindBoundaries),
            FileKind::Zip => t(Msg::KindZip),
            FileKind::Unknown { reason } => t(Msg::KindUnknown).with("reason", reason.clone()),
        }
    }

    /// True for a police.uk street file.
    pub fn is_police(&self) -> bool {
        matches!(self, FileKind::PoliceUkStreet { .. })
    }
}

fn level_words(level: Level) -> Text {
    match level {
        Level::Lsoa => Text::from("LSOA"),
        Level::Msoa => Text::from("MSOA"),
        Level::Ward => Text::msg(Msg::KindLevelWard),
        Level::District => Text::msg(Msg::KindLevelDistrict),
    }
}
