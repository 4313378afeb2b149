//! The crime type menu as shown: all crime, anti-social behaviour, the
//! groups of more than one category, the crime types, and the series that
//! are not crime (a categories file may add some, e.g. a council's own
//! anti-social behaviour), each a key and a label. A dataset of more crime
//! types than [`LISTED_FLAT`] (the Met's 56 offence classes in 12 groups)
//! lists them under their groups' names: the groups first, then each
//! group's types within it.

use crate::analysis::Selection;
use crate::data::{Categories, ASB};
use crate::i18n::{Msg, Words};

/// One labelled part of the menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuGroup {
    /// The part's label (`None`: the options stand at the top).
    pub label: Option<String>,
    /// (key, label) of each option.
    pub options: Vec<(String, String)>,
}

/// The most crime types listed in one part ("Crime types"); more are
/// listed by group.
pub const LISTED_FLAT: usize = 20;

/// True when tables list `categories` by group unless told otherwise:
/// when there are more than a menu lists flat (a publisher's 56 offence
/// classes in 12 groups, not police.uk's 14 types).
pub fn groups_first(categories: &Categories) -> bool {
    categories.len() > LISTED_FLAT && categories.groups().len() > 1
}

/// The crime type menu for `categories`; empty parts are left out.
pub fn selection_menu(categories: &Categories, w: &Words) -> Vec<MenuGroup> {
    let mut top = vec![(
        Selection::AllCrime.key().to_string(),
        Selection::AllCrime.name_in(categories, w),
    )];
    if categories.iter().any(|c| c.name == ASB) {
        top.push((Selection::Asb.key().to_string(), Selection::Asb.label_in(w)));
    }
    let groups = categories
        .groups()
        .into_iter()
        .filter(|g| categories.iter().filter(|c| &c.group == g).count() > 1)
        // A group named as a category is reached by that name as the
        // category (e.g. police.uk's anti-social behaviour).
        .filter(|g| !categories.iter().any(|c| c.name == *g))
        .map(|g| (g.to_string(), categories.name_in(g, w.lang()).to_string()))
        .collect();
    let named = |crime: bool| {
        categories
            .iter()
            .filter(|c| c.is_crime == crime && c.name != ASB)
            .map(|c| {
                (
                    c.name.clone(),
                    categories.name_in(&c.name, w.lang()).to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let crime = named(true);
    let mut parts = vec![
        MenuGroup {
            label: None,
            options: top,
        },
        MenuGroup {
            label: Some(w.t(Msg::MenuGroups).to_string()),
            options: groups,
        },
    ];
    if crime.len() > LISTED_FLAT {
        parts.extend(by_group(categories, crime, w));
    } else {
        parts.push(MenuGroup {
            label: Some(w.t(Msg::MenuCrimeTypes).to_string()),
            options: crime,
        });
    }
    parts.push(MenuGroup {
        label: Some(w.t(Msg::MenuNotCrime).to_string()),
        options: named(false),
    });
    parts.retain(|g| !g.options.is_empty());
    parts
}

/// The crime types `crime` (key, label) in one part per group, named by
/// the group, in the groups' order.
fn by_group(categories: &Categories, crime: Vec<(String, String)>, w: &Words) -> Vec<MenuGroup> {
    let group_of = |key: &str| categories.iter().find(|c| c.name == key).map(|c| &c.group);
    categories
        .groups()
        .into_iter()
        .map(|g| MenuGroup {
            label: Some(categories.group_in(g, w.lang()).to_string()),
            options: crime
                .iter()
                .filter(|(key, _)| group_of(key).is_some_and(|k| k == g))
                .cloned()
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Category;

    #[test]
    fn series_that_are_not_crime_have_their_own_part() {
        let mut items: Vec<Category> = Categories::default().iter().cloned().collect();
        items.push(Category {
            name: "Council-recorded ASB".into(),
            group: "Anti-social behaviour".into(),
            is_crime: false,
            source: Some("Council".into()),
        });
        let menu = selection_menu(&Categories::new(items), crate::i18n::english());
        let labels: Vec<Option<&str>> = menu.iter().map(|g| g.label.as_deref()).collect();
        assert_eq!(
            labels,
            [None, Some("Groups"), Some("Crime types"), Some("Not crime")]
        );
        assert_eq!(menu[0].options[1].0, "asb");
        assert_eq!(
            menu[3].options,
            [(
                "Council-recorded ASB".to_string(),
                "Council-recorded ASB".to_string()
            )]
        );
        assert_eq!(menu[2].options.len(), 13, "the 13 police.uk crime types");
        // The ASB group holds two series, but its name is the police.uk
        // category's: that name selects the category, so no group option.
        assert!(!menu[1]
            .options
            .iter()
            .any(|(k, _)| k == "Anti-social behaviour"));
        let plain = selection_menu(&Categories::default(), crate::i18n::english());
        assert_eq!(plain.len(), 3, "no part for what is not crime");
    }

    #[test]
    fn many_crime_types_are_listed_under_their_groups() {
        // 12 groups of 2 types each (24 > LISTED_FLAT), and no ASB.
        let items: Vec<Category> = (0..24)
            .map(|i| Category {
                name: format!("Class {i}"),
                group: format!("Group {}", i / 2),
                is_crime: true,
                source: None,
            })
            .collect();
        let menu = selection_menu(&Categories::new(items), crate::i18n::english());
        let labels: Vec<Option<&str>> = menu.iter().map(|g| g.label.as_deref()).collect();
        assert_eq!(labels.len(), 2 + 12);
        assert_eq!(&labels[..3], [None, Some("Groups"), Some("Group 0")]);
        assert_eq!(menu[0].options.len(), 1, "all crime, no ASB line");
        assert_eq!(menu[1].options.len(), 12);
        let keys: Vec<&str> = menu[13].options.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["Class 22", "Class 23"]);
        assert!(menu.iter().all(|g| !g.options.is_empty()));
    }
}
