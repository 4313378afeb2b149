//! Crime categories, their groups, and whether each counts as crime.

/// The police.uk name of anti-social behaviour, which is not crime.
pub const ASB: &str = "Anti-social behaviour";

/// One category as the data names it (e.g. `Burglary`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// Name exactly as in the data files.
    pub name: String,
    /// The group it belongs to (e.g. `Acquisitive crime`).
    pub group: String,
    /// Whether it counts towards "all crime" (anti-social behaviour does not).
    pub is_crime: bool,
}

/// The 14 police.uk crime types with their default groups.
const DEFAULTS: [(&str, &str, bool); 14] = [
    (ASB, "Anti-social behaviour", false),
    ("Bicycle theft", "Acquisitive crime", true),
    ("Burglary", "Acquisitive crime", true),
    ("Criminal damage and arson", "Damage and disorder", true),
    ("Drugs", "Drugs", true),
    ("Other crime", "Other crime", true),
    ("Other theft", "Acquisitive crime", true),
    ("Possession of weapons", "Violent crime", true),
    ("Public order", "Damage and disorder", true),
    ("Robbery", "Acquisitive crime", true),
    ("Shoplifting", "Acquisitive crime", true),
    ("Theft from the person", "Acquisitive crime", true),
    ("Vehicle crime", "Acquisitive crime", true),
    ("Violence and sexual offences", "Violent crime", true),
];

/// An ordered list of categories (the order is the cube's category axis).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Categories {
    items: Vec<Category>,
}

impl Default for Categories {
    /// The built-in list: the 14 police.uk crime types, alphabetical.
    fn default() -> Self {
        Categories {
            items: DEFAULTS
                .iter()
                .map(|(name, group, is_crime)| Category {
                    name: (*name).to_string(),
                    group: (*group).to_string(),
                    is_crime: *is_crime,
                })
                .collect(),
        }
    }
}

impl Categories {
    /// Categories from an explicit list.
    pub fn new(items: Vec<Category>) -> Self {
        Categories { items }
    }

    /// All categories, in axis order.
    pub fn iter(&self) -> impl Iterator<Item = &Category> {
        self.items.iter()
    }

    /// Number of categories.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The axis index of the category named `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.items.iter().position(|c| c.name == name)
    }

    /// The category at axis index `index`.
    pub fn get(&self, index: usize) -> Option<&Category> {
        self.items.get(index)
    }

    /// Adds a category met in the data but absent from the list: its own
    /// group, counted as crime unless it is anti-social behaviour. Returns
    /// its index.
    pub fn add_unlisted(&mut self, name: &str) -> usize {
        if let Some(i) = self.index_of(name) {
            return i;
        }
        self.items.push(Category {
            name: name.to_string(),
            group: name.to_string(),
            is_crime: name != ASB,
        });
        self.items.len() - 1
    }

    /// The distinct group names, in first-seen order.
    pub fn groups(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.items {
            if !out.contains(&c.group.as_str()) {
                out.push(&c.group);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_has_fourteen_types_and_asb_is_not_crime() {
        let c = Categories::default();
        assert_eq!(c.len(), 14);
        let asb = c.get(c.index_of(ASB).unwrap()).unwrap();
        assert!(!asb.is_crime);
        assert_eq!(c.iter().filter(|c| c.is_crime).count(), 13);
    }
}
