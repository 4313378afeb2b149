//! Crime categories, their groups, whether each counts as crime, and the
//! source each comes from when a dataset has more than one; and their
//! names in Welsh (the built-in police.uk types' and groups' in
//! [`built_in_welsh`], others from a categories file). A category's or a
//! group's English name is its key (`?select=Burglary`): only what is shown
//! changes with the language.

use crate::i18n::Lang;

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

/// The Welsh names of the 14 police.uk crime types and of their built-in
/// groups, by their English names (a category and a group of the same
/// name, such as `Drugs`, have the same Welsh). The terms are those Welsh
/// public bodies use where we know them; they need review by a Welsh
/// speaker (README, "Welsh in the data").
const WELSH: [(&str, &str); 17] = [
    (ASB, "Ymddygiad gwrthgymdeithasol"),
    ("Bicycle theft", "Dwyn beiciau"),
    ("Burglary", "Byrgleriaeth"),
    (
        "Criminal damage and arson",
        "Difrod troseddol a llosgi bwriadol",
    ),
    ("Drugs", "Cyffuriau"),
    ("Other crime", "Troseddau eraill"),
    ("Other theft", "Dwyn arall"),
    ("Possession of weapons", "Meddu ar arfau"),
    ("Public order", "Trefn gyhoeddus"),
    ("Robbery", "Lladrad"),
    ("Shoplifting", "Dwyn o siopau"),
    ("Theft from the person", "Dwyn oddi ar y person"),
    ("Vehicle crime", "Troseddau cerbydau"),
    ("Violence and sexual offences", "Trais a throseddau rhywiol"),
    ("Acquisitive crime", "Troseddau caffael"),
    ("Damage and disorder", "Difrod ac anhrefn"),
    ("Violent crime", "Troseddau treisgar"),
];

/// The built-in Welsh name of a police.uk crime type or built-in group,
/// by its English name.
pub fn built_in_welsh(english: &str) -> Option<&'static str> {
    WELSH
        .iter()
        .find(|(en, _)| *en == english)
        .map(|(_, cy)| *cy)
}

/// Welsh names by English name, each `(English, Welsh)`.
pub type WelshNames = Vec<(String, String)>;

/// An ordered list of categories (the order is the cube's category axis),
/// with the Welsh names a categories file gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Categories {
    items: Vec<Category>,
    /// Welsh names of categories and groups, by English name (a categories
    /// file's `category_cy` and `group_cy`: a category and a group of the
    /// same name share one, the first given).
    welsh: WelshNames,
}

impl Default for Categories {
    /// The built-in list: the 14 police.uk crime types, alphabetical.
    fn default() -> Self {
        Categories {
            welsh: Vec::new(),
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
        Categories {
            items,
            welsh: Vec::new(),
        }
    }

    /// With Welsh names of categories and groups, each `(English,
    /// Welsh)`; a name given twice keeps its first Welsh, an empty one is
    /// none.
    pub fn with_welsh(mut self, given: WelshNames) -> Self {
        for (en, cy) in given {
            self.add_welsh(en, cy);
        }
        self
    }

    fn add_welsh(&mut self, en: String, cy: String) {
        if !cy.is_empty() && !self.welsh.iter().any(|(e, _)| *e == en) {
            self.welsh.push((en, cy));
        }
    }

    /// `items`, with this list's Welsh names (a list rebuilt from another,
    /// e.g. aligned to a cube, keeps what its categories file said).
    pub fn renewed(&self, items: Vec<Category>) -> Categories {
        Categories {
            items,
            welsh: self.welsh.clone(),
        }
    }

    /// The Welsh names of categories and groups given beside the built-in
    /// ones (by a categories file), each `(English, Welsh)`.
    pub fn welsh_given(&self) -> &WelshNames {
        &self.welsh
    }

    /// The Welsh of a category's or group's English name: the given one,
    /// else the built-in.
    fn welsh_of(&self, english: &str) -> Option<&str> {
        let given = self.welsh.iter().find(|(en, _)| en == english);
        given
            .map(|(_, cy)| cy.as_str())
            .or_else(|| built_in_welsh(english))
    }

    /// A category's name in `lang` (the category named `name` in English,
    /// its key): in Welsh, its categories file's Welsh name, else the
    /// built-in one of a police.uk type, else `name` itself.
    pub fn name_in<'a>(&'a self, name: &'a str, lang: Lang) -> &'a str {
        match lang {
            Lang::En => name,
            Lang::Cy => self.welsh_of(name).unwrap_or(name),
        }
    }

    /// A group's name in `lang` (the group named `group` in English, its
    /// key), as [`name_in`](Self::name_in) for categories.
    pub fn group_in<'a>(&'a self, group: &'a str, lang: Lang) -> &'a str {
        self.name_in(group, lang)
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

    /// True when every category is crime (a publisher's own offence
    /// classes): all crime then leaves nothing out, where police.uk's
    /// excludes anti-social behaviour.
    pub fn all_crime(&self) -> bool {
        self.items.iter().all(|c| c.is_crime)
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
    /// The file's Welsh names are kept (over the built-in ones).
    pub fn with_file(file: Categories) -> Categories {
        let mut items: Vec<Category> = Categories::default().items;
        for c in file.items {
            match items.iter_mut().find(|k| k.name == c.name) {
                Some(k) => *k = c,
                None => items.push(c),
            }
        }
        Categories {
            items,
            welsh: file.welsh,
        }
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
        for (i, shared) in shared.into_iter().enumerate() {
            let c = &self.items[i];
            if let (true, Some(source)) = (shared, &c.source) {
                let group = format!("{} ({source})", c.group);
                // Its Welsh name, named with its source's Welsh name
                // (given like a category's: `with_welsh`) likewise.
                if let Some(cy) = self.welsh_of(&c.group) {
                    let source_cy = self.welsh_of(source).unwrap_or(source);
                    let cy = format!("{cy} ({source_cy})");
                    self.add_welsh(group.clone(), cy);
                }
                self.items[i].group = group;
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
    fn names_in_welsh_are_the_file_s_else_built_in_else_english() {
        let c = Categories::default();
        for item in c.iter() {
            assert!(built_in_welsh(&item.name).is_some(), "{}", item.name);
            assert!(built_in_welsh(&item.group).is_some(), "{}", item.group);
        }
        assert_eq!(c.name_in("Burglary", Lang::Cy), "Byrgleriaeth");
        assert_eq!(c.name_in("Burglary", Lang::En), "Burglary");
        assert_eq!(
            c.group_in("Acquisitive crime", Lang::Cy),
            "Troseddau caffael"
        );
        assert_eq!(c.name_in("Fraud", Lang::Cy), "Fraud", "not known: English");
        let file = Categories::new(Vec::new()).with_welsh(vec![
            ("Burglary".into(), "Bwrgleriaeth".into()),
            ("Fraud".into(), "Twyll".into()),
            ("Money".into(), "Arian".into()),
            ("Money".into(), "Later".into()),
        ]);
        let c = Categories::with_file(file);
        assert_eq!(
            c.name_in("Burglary", Lang::Cy),
            "Bwrgleriaeth",
            "the file's first"
        );
        assert_eq!(c.name_in("Fraud", Lang::Cy), "Twyll");
        assert_eq!(c.group_in("Money", Lang::Cy), "Arian", "the first given");
        assert_eq!(c.name_in("Robbery", Lang::Cy), "Lladrad");
        let again = c.renewed(Vec::new());
        assert_eq!(again.name_in("Fraud", Lang::Cy), "Twyll");
    }

    #[test]
    fn a_group_two_sources_use_is_split_by_source() {
        let file = Categories::new(vec![Category {
            name: "Council ASB".into(),
            group: ASB.into(),
            is_crime: false,
            source: Some("Council".into()),
        }]);
        let mut c = Categories::with_file(file.clone());
        c.separate_sources();
        let group = |n: &str| c.get(c.index_of(n).unwrap()).unwrap().group.clone();
        assert_eq!(group(ASB), ASB, "the main source's keeps its name");
        assert_eq!(group("Council ASB"), "Anti-social behaviour (Council)");
        // A source without a Welsh name keeps its own.
        assert_eq!(
            c.group_in("Anti-social behaviour (Council)", Lang::Cy),
            "Ymddygiad gwrthgymdeithasol (Council)"
        );
        // With one (the manifest's `source_cy`), the Welsh group names it.
        let mut cy =
            Categories::with_file(file).with_welsh(vec![("Council".into(), "Cyngor".into())]);
        cy.separate_sources();
        assert_eq!(
            cy.group_in("Anti-social behaviour (Council)", Lang::Cy),
            "Ymddygiad gwrthgymdeithasol (Cyngor)"
        );
        assert_eq!(
            group("Burglary"),
            "Acquisitive crime",
            "one source's groups unchanged"
        );
    }
}
