//! Counts files of another source beside police.uk files: a council's own
//! anti-social behaviour records, say, loaded with the police's. Such a
//! file is added as a source of its own (its months with data are its
//! own) when none of its categories is one the police.uk files counted:
//! otherwise the same crimes could be counted twice, and it is not used.
//! Its rows are counted in the load's areas; rows of other areas are
//! outside the area. Its categories keep what a categories file says of
//! them (group, crime or not) and take the file's name as their source.

use crate::data::area::AreaCode;
use crate::data::category::{Categories, Category};
use crate::data::counts::read_counts_bytes;
use crate::data::cube::{Cube, CubeBuilder};
use crate::data::report::LoadReport;
use crate::i18n::{Msg, Text};

use super::archive::unpack_entry;
use super::files::{read_all, FileStatus};
use super::{Item, LoadSession};
use crate::data::zip::ReadAt;

/// What adding the files beside the police.uk counts gave.
pub(super) struct Beside {
    /// The police.uk counts with the other sources beside them.
    pub cube: Cube,
    /// The categories of the whole, the other sources' last.
    pub categories: Categories,
    /// The rows of the files added.
    pub report: LoadReport,
}

/// The bytes of `item`, read whole from `source` (a file, or an
/// archive's entry unpacked).
pub(super) fn item_bytes(source: &mut dyn ReadAt, item: &Item) -> Result<Vec<u8>, Text> {
    match &item.entry {
        Some(entry) => unpack_entry(item.archive_name(), source, entry),
        None => read_all(source, &item.report.name),
    }
}

impl LoadSession {
    /// The bytes of item `i`.
    fn bytes_of(&mut self, i: usize) -> Result<Vec<u8>, Text> {
        let item = &self.items[i];
        item_bytes(self.sources[item.source].as_mut(), item)
    }

    /// Adds the counts files `files` beside the police.uk counts in `cube`
    /// (see the module docs); each file's status and rows are set.
    pub(super) fn add_beside(
        &mut self,
        cube: Cube,
        categories: Categories,
        files: &[usize],
    ) -> Result<Beside, crate::data::cube::CubeError> {
        let mut out = Beside {
            cube,
            categories,
            report: LoadReport::default(),
        };
        let counted: Vec<&str> = counted_categories(&out.cube);
        let counted: Vec<String> = counted.into_iter().map(str::to_string).collect();
        for &i in files {
            let name = self.items[i].report.name.clone();
            let bytes = match self.bytes_of(i) {
                Ok(b) => b,
                Err(m) => {
                    self.set_status(i, FileStatus::Failed(m));
                    continue;
                }
            };
            let mut builder = CubeBuilder::new()
                .with_areas(out.cube.areas().iter().map(AreaCode::as_str))
                .only_these_areas();
            let rows = match read_counts_bytes(&name, &bytes, &mut builder) {
                Ok(rows) => rows,
                Err(e) => {
                    self.set_status(i, FileStatus::Failed(e.text()));
                    continue;
                }
            };
            let theirs = builder.build()?;
            if let Some(same) = theirs.categories().iter().find(|c| counted.contains(c)) {
                let why = Text::msg(Msg::CountsBesidePolice).with("category", format!("{same:?}"));
                self.set_status(i, FileStatus::NotUsed(why));
                continue;
            }
            // A category the police.uk files did not count but listed
            // (from a categories file) is this file's, not theirs.
            let drop: Vec<bool> = out
                .cube
                .categories()
                .iter()
                .map(|c| theirs.categories().contains(c))
                .collect();
            if drop.contains(&true) {
                out.cube = out.cube.without_categories(&drop);
            }
            let source = name.rsplit('/').next().unwrap_or(&name).to_string();
            let mut listed = Vec::new();
            for c in theirs.categories() {
                let known = out.categories.iter().find(|k| &k.name == c).cloned();
                listed.push(Category {
                    source: Some(source.clone()),
                    ..known.unwrap_or_else(|| Category {
                        name: c.clone(),
                        group: c.clone(),
                        is_crime: true,
                        source: None,
                    })
                });
            }
            let mut items: Vec<Category> = out
                .categories
                .iter()
                .filter(|k| !theirs.categories().contains(&k.name))
                .cloned()
                .collect();
            items.extend(listed);
            out.categories = out.categories.renewed(items);
            out.cube = out.cube.beside(&theirs);
            out.report.merge(rows.clone());
            self.items[i].report.rows = rows;
            self.set_status(i, FileStatus::Read);
        }
        Ok(out)
    }
}

/// The categories with a count in `cube`.
fn counted_categories(cube: &Cube) -> Vec<&str> {
    let k = cube.categories().len();
    let mut seen = vec![false; k];
    for mi in 0..cube.month_count() {
        for a in 0..cube.areas().len() {
            for (c, &n) in cube.area_month(a, mi).iter().enumerate() {
                seen[c] |= n > 0;
            }
        }
        for (c, &n) in cube.unallocated_month(mi).iter().enumerate() {
            seen[c] |= n > 0;
        }
    }
    cube.categories()
        .iter()
        .zip(seen)
        .filter(|(_, s)| *s)
        .map(|(c, _)| c.as_str())
        .collect()
}
