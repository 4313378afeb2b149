//! A loaded dataset: areas, categories and the count cube together.

use std::collections::HashMap;

use super::area::Area;
use super::category::Categories;
use super::cube::Cube;

/// Everything the analysis layer needs, with the category list aligned to
/// the cube's category axis.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// Areas with names, parents, populations and deprivation.
    pub areas: Vec<Area>,
    /// Categories, index-aligned with `cube.categories()`.
    pub categories: Categories,
    /// The counts.
    pub cube: Cube,
    /// The position in `areas` of each code (the first listed), so that
    /// finding an area's name is not a walk through a country's areas
    /// (the map type of the cube builder: no other copy in the wasm).
    by_code: HashMap<String, u32>,
}

impl Dataset {
    /// Joins a cube with areas and a category list. Categories met in the
    /// cube but missing from `known` are added as their own group; the
    /// Welsh names `known` was given are kept.
    pub fn new(cube: Cube, areas: Vec<Area>, known: &Categories) -> Dataset {
        let mut aligned = Vec::with_capacity(cube.categories().len());
        let mut extra = Categories::new(Vec::new());
        for name in cube.categories() {
            match known.index_of(name).and_then(|i| known.get(i)) {
                Some(c) => aligned.push(c.clone()),
                None => {
                    let i = extra.add_unlisted(name);
                    if let Some(c) = extra.get(i) {
                        aligned.push(c.clone());
                    }
                }
            }
        }
        let mut categories = known.renewed(aligned);
        categories.separate_sources();
        let mut by_code = HashMap::new();
        for (i, a) in areas.iter().enumerate().rev() {
            by_code.insert(a.code.0.clone(), i as u32);
        }
        Dataset {
            areas,
            categories,
            cube,
            by_code,
        }
    }

    /// The area with `code`, when listed.
    pub fn area(&self, code: &str) -> Option<&Area> {
        let i = *self.by_code.get(code)?;
        self.areas.get(i as usize)
    }

    /// The display name of an area: its listed name, else its code.
    pub fn area_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.area(code).map_or(code, |a| a.name.as_str())
    }

    /// The display name of an area in `lang` ([`Area::name_in`]: Welsh
    /// where it has a Welsh name), else its code.
    pub fn area_name_in<'a>(&'a self, code: &'a str, lang: crate::i18n::Lang) -> &'a str {
        self.area(code).map_or(code, |a| a.name_in(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::CubeBuilder;

    #[test]
    fn an_area_is_found_by_its_code_the_first_listed_winning() {
        let cube = CubeBuilder::new().with_areas(["W1"]).build().unwrap();
        let named = |code: &str, name: &str| Area::named(code, name);
        let areas = vec![
            named("B", "Borough"),
            named("W1", "One"),
            named("W1", "Again"),
        ];
        let ds = Dataset::new(cube, areas, &Categories::default());
        assert_eq!(ds.area("W1").map(|a| a.name.as_str()), Some("One"));
        assert_eq!(ds.area_name("B"), "Borough");
        assert_eq!(ds.area("W2"), None);
        assert_eq!(
            ds.area_name("W2"),
            "W2",
            "an area not listed is named by its code"
        );
    }
}
