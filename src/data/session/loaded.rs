//! The end of a load: the dataset, every file's report and the report of
//! the whole load, and the counts as a counts file.

use crate::data::bundle::Bundle;
use crate::data::lookup::Level;
use crate::data::report::LoadReport;

use super::files::FileReport;

/// The end of a load.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The dataset, ready for the pages.
    pub bundle: Bundle,
    /// Every file and archive entry: what it was taken to be, its rows, and
    /// any message naming it.
    pub files: Vec<FileReport>,
    /// The crime rows of the whole load (police.uk or counts files): the
    /// sum of the police.uk or counts files' rows, and it adds up.
    pub report: LoadReport,
    /// Accepted rows placed through a bridge lookup.
    pub bridged: u64,
    /// The level counted at.
    pub level: Level,
    /// The area the load was restricted to.
    pub within: Option<String>,
    /// False when rows with no LSOA were left out (a load restricted to an
    /// area cannot place them inside it).
    pub keeps_unallocated: bool,
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

impl Loaded {
    /// The counts as a counts file (`month,area_code,category,count`),
    /// sorted by month, area code (not allocated first, as an empty code)
    /// and category, zero counts left out: the file an analyst keeps.
    pub fn counts_csv(&self) -> String {
        let cube = &self.bundle.dataset.cube;
        let mut out = String::from("month,area_code,category,count\n");
        let mut areas: Vec<usize> = (0..cube.areas().len()).collect();
        crate::order::sort_by(&mut areas, |&a, &b| {
            cube.areas().get(a).cmp(&cube.areas().get(b))
        });
        let mut cats: Vec<usize> = (0..cube.categories().len()).collect();
        crate::order::sort_by(&mut cats, |&a, &b| {
            cube.categories().get(a).cmp(&cube.categories().get(b))
        });
        let cat = |c: usize| quote(cube.categories().get(c).map_or("", String::as_str));
        for (mi, month) in cube.months().enumerate() {
            if self.keeps_unallocated {
                for &c in &cats {
                    let n = cube.unallocated(mi, c);
                    if n > 0 {
                        out.push_str(&format!("{month},,{},{n}\n", cat(c)));
                    }
                }
            }
            for &a in &areas {
                let code = quote(cube.areas().get(a).map_or("", |c| c.as_str()));
                for &c in &cats {
                    let n = cube.get(a, mi, c);
                    if n > 0 {
                        out.push_str(&format!("{month},{code},{},{n}\n", cat(c)));
                    }
                }
            }
        }
        out
    }
}
