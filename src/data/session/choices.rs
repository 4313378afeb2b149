//! What the user can choose before the load runs: the levels the lookups
//! allow, and the areas to restrict to.

use std::collections::BTreeMap;

use crate::data::lookup::{Level, Lookup, LEVELS};

use super::LoadSession;

/// An area the load can be restricted to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaChoice {
    /// Its code, e.g. `E06000004`.
    pub code: String,
    /// Its name, e.g. `Stockton-on-Tees` (the code when the lookup has none).
    pub name: String,
    /// Its Welsh name, when the lookup has one (`Merthyr Tudful`).
    pub name_cy: Option<String>,
    /// Its level.
    pub level: Level,
    /// Rows in it among those sampled across the police.uk files (an
    /// estimate of where their rows are, before reading them).
    pub sampled: usize,
}

impl AreaChoice {
    /// Its name in `lang`: the Welsh name in Welsh when it has one.
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.name_cy) {
            (crate::i18n::Lang::Cy, Some(cy)) => cy,
            _ => &self.name,
        }
    }
}

/// What the user can choose before the load runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    /// The levels police.uk rows can be counted at (LSOA without a lookup).
    pub levels: Vec<Level>,
    /// The level chosen when the user does not choose (ward when the
    /// lookup has wards, else LSOA, as `explorer-cli prepare`).
    pub default_level: Level,
    /// Areas to restrict to: the lookup's local authorities (or its
    /// coarsest level above LSOA); those with rows in the sample first,
    /// most rows first, then the rest by name.
    pub within: Vec<AreaChoice>,
}

impl LoadSession {
    /// The lookups in chain order (positions in `self.lookups`): the
    /// bridges as given, then the last lookup that is not a bridge.
    pub(super) fn chain(&self) -> Vec<usize> {
        let mut chain: Vec<usize> = (0..self.lookups.len())
            .filter(|&i| self.lookups[i].1.is_bridge())
            .collect();
        if let Some(last) = (0..self.lookups.len())
            .rev()
            .find(|&i| !self.lookups[i].1.is_bridge())
        {
            chain.push(last);
        }
        chain
    }

    pub(super) fn mapping_lookup(&self) -> Option<&Lookup> {
        self.chain().last().map(|&i| &self.lookups[i].1)
    }

    /// The sampled rows by their area at `level` in `lookup`; an older
    /// LSOA code is followed through the bridge lookups to the newer one.
    fn sampled_in<'l>(&self, lookup: &'l Lookup, level: Level) -> BTreeMap<&'l str, usize> {
        let bridges: Vec<&Lookup> = self
            .lookups
            .iter()
            .map(|(_, l)| l)
            .filter(|l| l.is_bridge())
            .collect();
        let mut counts = BTreeMap::new();
        for code in &self.sampled {
            let row = lookup.lsoa(code).or_else(|| {
                let newer = bridges.iter().find_map(|b| b.lsoa(code)?.successor())?;
                lookup.lsoa(newer)
            });
            if let Some(area) = row.and_then(|r| r.code(level)) {
                *counts.entry(area).or_insert(0) += 1;
            }
        }
        counts
    }

    /// The levels and areas the user can choose from (phase 1, after the
    /// lookups were added).
    pub fn choices(&self) -> Choices {
        let Some(lookup) = self.mapping_lookup() else {
            return Choices {
                levels: vec![Level::Lsoa],
                default_level: Level::Lsoa,
                within: Vec::new(),
            };
        };
        let levels: Vec<Level> = LEVELS
            .into_iter()
            .filter(|l| lookup.has_level(*l))
            .collect();
        let default_level = if lookup.has_level(Level::Ward) {
            Level::Ward
        } else {
            Level::Lsoa
        };
        let within_level = if lookup.has_level(Level::District) {
            Some(Level::District)
        } else {
            levels.last().copied().filter(|l| *l != Level::Lsoa)
        };
        let mut within: Vec<AreaChoice> = Vec::new();
        if let Some(level) = within_level {
            let mut codes: Vec<&str> = lookup.rows().filter_map(|r| r.code(level)).collect();
            codes.sort();
            codes.dedup();
            let sampled = self.sampled_in(lookup, level);
            within = codes
                .into_iter()
                .map(|code| AreaChoice {
                    code: code.to_string(),
                    name: lookup.name(code).unwrap_or(code).to_string(),
                    name_cy: lookup.name_cy(code).map(str::to_string),
                    level,
                    sampled: sampled.get(code).copied().unwrap_or(0),
                })
                .collect();
            within.sort_by(|a, b| {
                (b.sampled.cmp(&a.sampled))
                    .then_with(|| a.name.cmp(&b.name))
                    .then_with(|| a.code.cmp(&b.code))
            });
        }
        Choices {
            levels,
            default_level,
            within,
        }
    }
}
