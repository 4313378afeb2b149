//! A loaded dataset: areas, categories and the count cube together.

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
}

impl Dataset {
    /// Joins a cube with areas and a category list. Categories met in the
    /// cube but missing from `known` are added as their own group.
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
        let mut categories = Categories::new(aligned);
        categories.separate_sources();
        Dataset {
            areas,
            categories,
            cube,
        }
    }

    /// The area with `code`, when listed.
    pub fn area(&self, code: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.code.as_str() == code)
    }

    /// The display name of an area: its listed name, else its code.
    pub fn area_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.area(code).map_or(code, |a| a.name.as_str())
    }
}
