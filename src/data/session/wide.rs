//! Wide tables in a load ([`crate::data::wide`]): read when no police.uk
//! street files or counts files are given, each whole when its turn
//! comes. Their areas are placed by the load's lookup (the last that is
//! not a bridge) when there is one, else by the parents' names; their
//! offence classes are the load's categories (nothing is forced into
//! police.uk's types), compared without regard to case across files and
//! written as first spelt. The level counted is the one the areas' codes
//! name; the level and area chosen on the page do not apply.

use crate::data::area::Area;
use crate::data::category::{Categories, Category};
use crate::data::cube::CubeBuilder;
use crate::data::lookup::{Level, Lookup, LEVELS};
use crate::data::report::LoadReport;
use crate::data::wide::{place, read_wide};
use crate::data::AreaCode;

/// What a load of wide tables counts into.
pub(super) struct WideSink {
    /// The counts.
    pub builder: CubeBuilder,
    /// The cells of every table read: read = counted + not allocated +
    /// rejected.
    pub report: LoadReport,
    /// The offence classes met, as first spelt.
    pub categories: Vec<Category>,
    /// The areas the tables name and their parents.
    pub areas: Vec<Area>,
    /// What placing the areas found (pseudo-parents, names the lookup
    /// disagrees with), one sentence each naming the file.
    pub notes: Vec<String>,
    /// The tables read, and their rows.
    pub tables: (usize, u64),
    /// The lookup that places the areas.
    lookup: Option<Lookup>,
    /// An area chosen to count within, which wide tables do not follow.
    pub within_chosen: Option<String>,
    /// What the first table calls its parents, when it says
    /// ([`crate::data::wide::WideColumns::parent_noun`]).
    pub parent_level: Option<String>,
}

impl WideSink {
    pub(super) fn new(lookup: Option<Lookup>) -> WideSink {
        WideSink {
            builder: CubeBuilder::new(),
            report: LoadReport::default(),
            categories: Vec::new(),
            areas: Vec::new(),
            notes: Vec::new(),
            tables: (0, 0),
            lookup,
            within_chosen: None,
            parent_level: None,
        }
    }

    /// Reads the wide table `bytes` (called `name`) into the counts; its
    /// cells' report, or why it cannot be read.
    pub(super) fn read(&mut self, name: &str, bytes: &[u8]) -> Result<LoadReport, String> {
        let table = read_wide(name, bytes).map_err(|e| e.to_string())?;
        let placed = place(&table, self.lookup.as_ref());
        let names: Vec<String> = table.categories.iter().map(|c| self.category(c)).collect();
        for (_, month) in &table.columns.months {
            self.builder.cover_month(*month);
        }
        for cell in &table.cells {
            let area = cell.area.and_then(|a| placed.codes.get(a as usize));
            let category = &names[cell.category as usize];
            self.builder
                .add(area.map(String::as_str), cell.month, category, cell.count);
        }
        for area in placed.areas {
            if !self.areas.iter().any(|a| a.code == area.code) {
                self.areas.push(area);
            }
        }
        self.notes.extend(placed.notes);
        if self.tables.0 == 0 {
            self.parent_level = table.columns.parent_noun().map(str::to_string);
        }
        self.tables.0 += 1;
        self.tables.1 += table.rows;
        self.report.merge(table.report.clone());
        Ok(table.report)
    }

    /// The load's name of a table's category: the one first spelt alike
    /// (group and name, in any case), else its own, added.
    fn category(&mut self, c: &Category) -> String {
        let same = |k: &&Category| {
            k.name.eq_ignore_ascii_case(&c.name) && k.group.eq_ignore_ascii_case(&c.group)
        };
        if let Some(k) = self.categories.iter().find(same) {
            return k.name.clone();
        }
        self.categories.push(c.clone());
        c.name.clone()
    }

    /// The categories of the load.
    pub(super) fn categories(&self) -> Categories {
        Categories::new(self.categories.clone())
    }

    /// The caveats of a load of wide tables.
    pub(super) fn caveats(&self) -> Vec<String> {
        let (tables, rows) = self.tables;
        let mut out = vec![format!(
            "Counted from {tables} wide table(s) of {rows} rows, one column per month: each month's cell is one count, so the load report counts cells, not rows."
        )];
        if let Some(area) = &self.within_chosen {
            out.push(format!(
                "The area chosen ({area}) does not apply to wide tables: every area they name is counted."
            ));
        }
        out.extend(self.notes.iter().cloned());
        out
    }
}

/// The level most of `codes` name by their prefix ([`Level::of_code`]);
/// codes of no level (a pseudo-parent's name) do not vote.
pub(super) fn level_of_most(codes: &[AreaCode]) -> Option<Level> {
    let votes = LEVELS.map(|level| {
        let n = codes
            .iter()
            .filter(|c| Level::of_code(c.as_str()) == Some(level))
            .count();
        (n, level)
    });
    let (n, level) = votes.into_iter().max_by_key(|(n, _)| *n)?;
    (n > 0).then_some(level)
}

/// `base` (an areas file's areas, or those built from the lookups) with
/// the wide tables' areas it does not list (a pseudo-parent's own area,
/// the parents named without a lookup) after them.
pub(super) fn with_wide_areas(mut base: Vec<Area>, wide: &[Area]) -> Vec<Area> {
    for area in wide {
        if !base.iter().any(|a| a.code == area.code) {
            base.push(area.clone());
        }
    }
    base
}
