//! What is being counted: all crime, anti-social behaviour, a group or a
//! single category.

use crate::data::{Categories, ASB};

/// A selection of categories.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// Every category that counts as crime (anti-social behaviour excluded).
    AllCrime,
    /// Anti-social behaviour on its own.
    Asb,
    /// Every category in the named group.
    Group(String),
    /// One category.
    Category(String),
}

impl Selection {
    /// The key used in URLs and on the command line: `all-crime`, `asb`,
    /// or the group's or category's name.
    pub fn key(&self) -> &str {
        match self {
            Selection::AllCrime => "all-crime",
            Selection::Asb => "asb",
            Selection::Group(g) => g,
            Selection::Category(c) => c,
        }
    }

    /// Parses a key against the dataset's categories: `all-crime`, `asb`,
    /// a category name or a group name (case-insensitive). `None` when the
    /// key names nothing in the data.
    pub fn parse(key: &str, categories: &Categories) -> Option<Selection> {
        let k = key.trim();
        if k.eq_ignore_ascii_case("all-crime") || k.eq_ignore_ascii_case("all") {
            return Some(Selection::AllCrime);
        }
        if k.eq_ignore_ascii_case("asb") || k.eq_ignore_ascii_case(ASB) {
            return Some(Selection::Asb);
        }
        if let Some(c) = categories.iter().find(|c| c.name.eq_ignore_ascii_case(k)) {
            return Some(Selection::Category(c.name.clone()));
        }
        categories
            .iter()
            .find(|c| c.group.eq_ignore_ascii_case(k))
            .map(|c| Selection::Group(c.group.clone()))
    }

    /// A label for people, e.g. `All crime (excluding ASB)`.
    pub fn label(&self) -> String {
        match self {
            Selection::AllCrime => "All crime (excluding ASB)".to_string(),
            Selection::Asb => ASB.to_string(),
            Selection::Group(g) => g.clone(),
            Selection::Category(c) => c.clone(),
        }
    }

    /// The label in `w`'s language (a group's or category's name as the
    /// data writes it).
    pub fn label_in(&self, w: &crate::i18n::Words) -> String {
        use crate::i18n::Msg;
        match self {
            Selection::AllCrime => w.t(Msg::AllCrimeLabel).to_string(),
            Selection::Asb => w.t(Msg::AsbLabel).to_string(),
            other => other.label(),
        }
    }

    /// The label in `w`'s language, a group or category named as
    /// `categories` names it in that language (its Welsh name, when it has
    /// one).
    /// All crime is "All crime" where every category is crime (a
    /// publisher's own offence classes), not "All crime (excluding ASB)".
    pub fn name_in(&self, categories: &Categories, w: &crate::i18n::Words) -> String {
        match self {
            Selection::AllCrime if categories.all_crime() => {
                w.t(crate::i18n::Msg::AllCrimeOnlyLabel).to_string()
            }
            Selection::AllCrime | Selection::Asb => self.label_in(w),
            other => categories.name_in(other.key(), w.lang()).to_string(),
        }
    }

    /// True when the selection counts crime: every category it includes is
    /// crime (a categories file may say a category is not, e.g. a council's
    /// own anti-social behaviour series). Such counts are "offences" and
    /// have a share of all crime; the others are "incidents" and have none.
    pub fn is_crime(&self, categories: &Categories) -> bool {
        let mask = self.mask(categories);
        mask.iter().any(|&m| m) && categories.iter().zip(&mask).all(|(c, &m)| !m || c.is_crime)
    }

    /// Which categories (by axis index) the selection includes.
    pub fn mask(&self, categories: &Categories) -> Vec<bool> {
        categories
            .iter()
            .map(|c| match self {
                Selection::AllCrime => c.is_crime,
                Selection::Asb => c.name == ASB,
                Selection::Group(g) => &c.group == g,
                Selection::Category(n) => &c.name == n,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_builds_masks() {
        let cats = Categories::default();
        assert_eq!(
            Selection::parse("all-crime", &cats),
            Some(Selection::AllCrime)
        );
        assert_eq!(
            Selection::parse("burglary", &cats),
            Some(Selection::Category("Burglary".into()))
        );
        let g = Selection::parse("acquisitive crime", &cats).unwrap();
        assert_eq!(g, Selection::Group("Acquisitive crime".into()));
        assert_eq!(g.mask(&cats).iter().filter(|&&b| b).count(), 7);
        assert_eq!(
            Selection::AllCrime
                .mask(&cats)
                .iter()
                .filter(|&&b| b)
                .count(),
            13
        );
        assert_eq!(Selection::parse("nonsense", &cats), None);
    }
}
