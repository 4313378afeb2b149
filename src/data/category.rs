//! Crime categories, their groups, whether each counts as crime, and the
//! source each comes from when a dataset has more than one.

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
    /// Where its counts come from when not the dataset's main source (e.g.
    /// `Council` for a council's own anti-social behaviour records beside
    /// police.uk's): each source has its own months with data.
    pub source: Option<String>,
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
                    source: None,
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
            source: None,
        });
        self.items.len() - 1
    }

    /// The built-in list with a categories file's entries over it: a
    /// category the file lists takes the file's group, crime flag and
    /// source; the built-in police.uk types it does not list keep theirs;
    /// the file's other categories follow, in its order.
    pub fn with_file(file: Categories) -> Categories {
        let mut items: Vec<Category> = Categories::default().items;
        for c in file.items {
            match items.iter_mut().find(|k| k.name == c.name) {
                Some(k) => *k = c,
                None => items.push(c),
            }
        }
        Categories { items }
    }

    /// Keeps each group to one source: a group another source's categories
    /// also use (a council's "Anti-social behaviour" beside the police's)
    /// is named with the source, e.g. `Anti-social behaviour (Council)`, so
    /// that choosing a group never adds two sources' records together.
    pub fn separate_sources(&mut self) {
        let shared: Vec<bool> = self
            .items
            .iter()
            .map(|c| {
                self.items
                    .iter()
                    .any(|o| o.group == c.group && o.source != c.source)
            })
            .collect();
        for (c, shared) in self.items.iter_mut().zip(shared) {
            if let (true, Some(source)) = (shared, &c.source) {
                c.group = format!("{} ({source})", c.group);
            }
        }
    }

    /// The sources of the categories: the main one (`None`) first, then
    /// each named source in first-seen order.
    pub fn sources(&self) -> Vec<Option<&str>> {
        let mut out: Vec<Option<&str>> = vec![None];
        for c in &self.items {
            let s = c.source.as_deref();
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Each category's index in [`sources`](Self::sources), in axis order.
    pub fn source_indices(&self) -> Vec<usize> {
        let sources = self.sources();
        self.items
            .iter()
            .map(|c| {
                let s = c.source.as_deref();
                sources.iter().position(|&x| x == s).unwrap_or(0)
            })
            .collect()
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

    #[test]
    fn a_categories_file_is_laid_over_the_built_in_list() {
        let file = Categories::new(vec![
            Category {
                name: "Drugs".into(),
                group: "Drugs and weapons".into(),
                is_crime: true,
                source: None,
            },
            Category {
                name: "Council ASB".into(),
                group: ASB.into(),
                is_crime: false,
                source: Some("Council".into()),
            },
        ]);
        let c = Categories::with_file(file);
        assert_eq!(c.len(), 15);
        let get = |n: &str| c.get(c.index_of(n).unwrap()).unwrap();
        assert_eq!(get("Drugs").group, "Drugs and weapons");
        assert_eq!(get("Burglary").group, "Acquisitive crime", "kept");
        assert!(!get("Council ASB").is_crime);
        assert_eq!(c.sources(), [None, Some("Council")]);
        assert_eq!(c.source_indices().last(), Some(&1));
    }

    #[test]
    fn a_group_two_sources_use_is_split_by_source() {
        let file = Categories::new(vec![Category {
            name: "Council ASB".into(),
            group: ASB.into(),
            is_crime: false,
            source: Some("Council".into()),
        }]);
        let mut c = Categories::with_file(file);
        c.separate_sources();
        let group = |n: &str| c.get(c.index_of(n).unwrap()).unwrap().group.clone();
        assert_eq!(group(ASB), ASB, "the main source's keeps its name");
        assert_eq!(group("Council ASB"), "Anti-social behaviour (Council)");
        assert_eq!(
            group("Burglary"),
            "Acquisitive crime",
            "one source's groups unchanged"
        );
    }
}
