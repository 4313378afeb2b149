//! Wide tables: one row per area and offence class, one column per month,
//! as the Metropolitan Police publish their ward, LSOA and borough tables
//! and many councils their own (`MajorText, MinorText, WardName, WardCode,
//! LookUp_BoroughName, 202112, 202201, …`).
//!
//! Recognised by content ([`WideColumns::find`]: month headers in any of
//! the forms of [`months`], an area column). [`read_wide`] reads every
//! cell: a whole number is counted; a blank or any other text is rejected
//! with its file, line, column (the month's header as written) and what
//! was found — never read as 0. The report is in cells: cells read =
//! counted + not allocated (a row with no area) + rejected.
//!
//! Offence classes come from the file: `MajorText` is the group,
//! `MinorText` the category (or a single column is both), compared
//! without regard to case and written as first spelt. Areas are the
//! finest level's codes (else names) with their parent's name or code;
//! [`place`] decides the parents (with or without an ONS lookup).

mod columns;
mod months;
mod place;

use std::collections::HashMap;

use super::csv_scan::{for_each_record, Fields};
use super::error::FileError;
use super::month::Month;
use super::report::{LoadReport, Rejection, MAX_KEPT_REJECTIONS};
use super::text::{self, Recoded};
use super::{Category, CubeBuilder};
use crate::i18n::{Msg, Text};

pub use columns::WideColumns;
pub use months::month_header;
pub use place::{place, Placed};

/// One area as the file gives it: the area's code (or, without a code
/// column, its name) and its parent's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WideArea {
    /// Its code, when the file has a code column.
    pub code: Option<String>,
    /// Its name as first spelt (the code when there is no name column).
    pub name: String,
    /// Its parent's code, when the file has a parent code column.
    pub parent_code: Option<String>,
    /// Its parent's name as first spelt, when the file has one.
    pub parent_name: Option<String>,
}

/// One counted cell: area, category and month (indices), and its count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WideCell {
    /// Index in [`WideTable::areas`]; `None`: a row with no area.
    pub area: Option<u32>,
    /// Index in [`WideTable::categories`].
    pub category: u32,
    /// The month.
    pub month: Month,
    /// The count.
    pub count: u64,
}

/// A wide table read.
#[derive(Clone, Debug)]
pub struct WideTable {
    /// The file's name.
    pub file: String,
    /// Its columns.
    pub columns: WideColumns,
    /// Its offence classes in the order met (names as first spelt; a class
    /// named alike in two groups is written `Class (Group)`).
    pub categories: Vec<Category>,
    /// Its areas in the order met.
    pub areas: Vec<WideArea>,
    /// Every counted cell.
    pub cells: Vec<WideCell>,
    /// Data rows read (header and blank lines excluded).
    pub rows: u64,
    /// The cells: read = accepted + not allocated + rejected.
    pub report: LoadReport,
    /// Categories and areas by their keys (folded names; an area's key
    /// starts with `\u{2}`), to find a row's without a search.
    index: HashMap<String, u32>,
}

/// What a row's cells are counted as.
struct RowKey {
    area: Option<u32>,
    category: u32,
}

/// `text` in lower case, for comparing names as the publisher's releases
/// spell them differently (`Arson and Criminal Damage`, `ARSON AND
/// CRIMINAL DAMAGE`).
fn folded(text: &str) -> String {
    text.trim().to_ascii_lowercase()
}

/// A count as written in a cell: digits, with thousands separated by
/// commas or not (`1,234`); `None` for anything else.
fn whole_number(cell: &str) -> Option<u64> {
    let digits: String = cell.chars().filter(|c| *c != ',').collect();
    let grouped = cell.contains(',');
    let groups_ok = !grouped
        || cell
            .split(',')
            .enumerate()
            .all(|(i, g)| (1..=3).contains(&g.len()) && (i == 0 || g.len() == 3));
    (groups_ok && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

impl WideTable {
    fn new(file: &str, columns: WideColumns) -> WideTable {
        WideTable {
            file: file.to_string(),
            columns,
            categories: Vec::new(),
            areas: Vec::new(),
            cells: Vec::new(),
            rows: 0,
            report: LoadReport::default(),
            index: HashMap::new(),
        }
    }

    /// The months of the table, first to last.
    pub fn span(&self) -> (Month, Month) {
        self.columns.span()
    }

    /// Rejects every month cell of a row at `line` for one `reason`.
    fn reject_row(&mut self, line: u64, column: Option<&str>, reason: Text) {
        let cells = self.columns.months.len() as u64;
        self.report.rows_read += cells;
        self.report.rejected += cells;
        if self.report.rejections.len() < MAX_KEPT_REJECTIONS {
            self.report.rejections.push(Rejection {
                file: self.file.clone(),
                line,
                column: column.map(str::to_string),
                reason: Text::msg(Msg::WideRowRejected)
                    .with("reason", reason)
                    .with("cells", cells.to_string()),
            });
        }
    }

    /// The category of a row, added when new: (group, class) compared
    /// without regard to case.
    fn category_of(&mut self, group: &str, class: &str) -> u32 {
        let (g, c) = (folded(group), folded(class));
        let key = format!("{g}\u{1}{c}");
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let taken = self.categories.iter().any(|k| folded(&k.name) == c);
        let name = match taken {
            true => format!("{} ({})", class.trim(), group.trim()),
            false => class.trim().to_string(),
        };
        let group = self
            .categories
            .iter()
            .find(|k| folded(&k.group) == g)
            .map_or_else(|| group.trim().to_string(), |k| k.group.clone());
        self.categories.push(Category {
            name,
            group,
            is_crime: true,
            source: None,
        });
        let i = (self.categories.len() - 1) as u32;
        self.index.insert(key, i);
        i
    }

    /// The area of a row, added when new; `None` when it names none.
    fn area_of(&mut self, cell: &dyn Fn(Option<usize>) -> Option<String>) -> Option<u32> {
        let c = &self.columns;
        let code = cell(c.code);
        let name = cell(c.name);
        let parent_code = cell(c.parent_code);
        let parent_name = cell(c.parent_name);
        // With a code column, a row without a code is in no area.
        let own = match c.code {
            Some(_) => code.clone()?,
            None => name.clone()?,
        };
        let part = |x: &Option<String>| x.as_deref().map(folded).unwrap_or_default();
        let key = format!(
            "\u{2}{}\u{1}{}\u{1}{}",
            folded(&own),
            part(&parent_code),
            part(&parent_name)
        );
        if let Some(&i) = self.index.get(&key) {
            return Some(i);
        }
        self.areas.push(WideArea {
            name: name.unwrap_or(own),
            code,
            parent_code,
            parent_name,
        });
        let i = (self.areas.len() - 1) as u32;
        self.index.insert(key, i);
        Some(i)
    }

    /// Reads one data row: its area and class, then each month's cell.
    fn read_row(&mut self, line: u64, record: Fields<'_>) {
        let width = self.columns.headers.len();
        if record.len() != width {
            let reason = Text::msg(Msg::FieldsExpected)
                .with("expected", width.to_string())
                .with("found", record.len().to_string());
            return self.reject_row(line, None, reason);
        }
        let windows_1252 = !record.is_ascii() && !text::is_utf8(record.bytes());
        let cell = |i: Option<usize>| {
            let i = i?;
            let t = text::cell(record.get(i), windows_1252);
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        let class_col = self.columns.category;
        let Some(class) = cell(class_col) else {
            let column = class_col.map(|i| self.columns.header(i).to_string());
            let reason = Text::msg(Msg::WideClassEmpty);
            return self.reject_row(line, column.as_deref(), reason);
        };
        let group = cell(self.columns.group).unwrap_or_else(|| class.clone());
        let key = RowKey {
            category: self.category_of(&group, &class),
            area: self.area_of(&cell),
        };
        for k in 0..self.columns.months.len() {
            let (col, month) = self.columns.months[k];
            let found = cell(Some(col)).unwrap_or_default();
            self.read_cell(line, col, month, &found, &key);
        }
    }

    /// Reads one month's cell of a row.
    fn read_cell(&mut self, line: u64, col: usize, month: Month, found: &str, key: &RowKey) {
        self.report.rows_read += 1;
        let Some(count) = whole_number(found) else {
            let reason = match found.is_empty() {
                true => Text::msg(Msg::WideCellBlank),
                false => Text::msg(Msg::WholeNumberExpected).with("found", format!("{found:?}")),
            };
            let column = self.columns.header(col).to_string();
            return self.report.reject(&self.file, line, Some(&column), reason);
        };
        match key.area {
            Some(_) => self.report.accepted += 1,
            None => self.report.not_allocated += 1,
        }
        self.cells.push(WideCell {
            area: key.area,
            category: key.category,
            month,
            count,
        });
    }
}

impl WideTable {
    /// Counts every cell into `builder` under the area codes `placed`
    /// gives; every month of the columns is on the month axis.
    pub fn count_into(&self, placed: &Placed, builder: &mut CubeBuilder) {
        for (_, month) in &self.columns.months {
            builder.cover_month(*month);
        }
        for cell in &self.cells {
            let area = cell
                .area
                .and_then(|a| placed.codes.get(a as usize))
                .map(String::as_str);
            let category = &self.categories[cell.category as usize].name;
            builder.add(area, cell.month, category, cell.count);
        }
    }

    /// A builder holding the table's categories, in the order met.
    pub fn builder(&self) -> CubeBuilder {
        CubeBuilder::new().with_categories(self.categories.iter().map(|c| c.name.as_str()))
    }
}

/// What recognising a wide table tells from its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WideKind {
    /// How many month columns, and the first and last months.
    pub months: (usize, Month, Month),
    /// The headers the areas are known by (`WardCode`), and their parents.
    pub areas: Text,
    /// The headers of the offence columns (`MajorText and MinorText`);
    /// none when the file has none.
    pub offences: Option<Text>,
}

impl WideKind {
    /// A wide table's kind, when `header` (its first record) is one.
    pub fn of_header(header: Fields<'_>) -> Option<WideKind> {
        let c = WideColumns::find(&headers_as_written(header))?;
        let (first, last) = c.span();
        let names = |cols: &[Option<usize>]| {
            let named: Vec<Text> = cols.iter().flatten().map(|&i| c.header(i).into()).collect();
            (!named.is_empty()).then_some(Text::And(named))
        };
        let mut areas = names(&[c.code.or(c.name)]).unwrap_or(Text::And(Vec::new()));
        if let Some(parents) = names(&[c.parent_code.or(c.parent_name)]) {
            areas = Text::msg(Msg::WideAreasIn)
                .with("areas", areas)
                .with("parents", parents);
        }
        Some(WideKind {
            months: (c.months.len(), first, last),
            areas,
            offences: names(&[c.group, c.category]),
        })
    }

    /// What the file was taken to be, for the page.
    pub fn describe(&self) -> Text {
        let (n, first, last) = self.months;
        let offences = match &self.offences {
            None => Text::msg(Msg::WideNoOffences),
            Some(columns) => Text::msg(Msg::WideOffencesBy).with("columns", columns.clone()),
        };
        Text::msg(Msg::KindWide)
            .with("n", n.to_string())
            .with("first", first.to_string())
            .with("last", last.to_string())
            .with("areas", self.areas.clone())
            .with("offences", offences)
    }
}

/// A header record's cells as written (decoded, a BOM and surrounding
/// spaces dropped), for messages that name a column as the file does.
pub fn headers_as_written(record: Fields<'_>) -> Vec<String> {
    let windows_1252 = !record.is_ascii() && !text::is_utf8(record.bytes());
    let cells = (0..record.len()).map(|i| {
        let cell = text::cell(record.get(i), windows_1252);
        cell.trim_start_matches('\u{feff}').trim().to_string()
    });
    cells.collect()
}

/// Reads a wide table whole (see the module docs). Fails only when the
/// file has no header of a wide table, or no offence column.
pub fn read_wide(file: &str, bytes: &[u8]) -> Result<WideTable, FileError> {
    let mut table: Option<Result<WideTable, FileError>> = None;
    let mut recoded = None;
    for_each_record(bytes, |line, record| {
        if record.is_blank() {
            return true;
        }
        if !record.is_ascii() && !text::is_utf8(record.bytes()) {
            Recoded::count(&mut recoded, file, line);
        }
        match &mut table {
            None => {
                let found = wide_columns(file, headers_as_written(record));
                let ok = found.is_ok();
                table = Some(found.map(|c| WideTable::new(file, c)));
                ok
            }
            Some(Ok(t)) => {
                t.rows += 1;
                t.read_row(line, record);
                true
            }
            Some(Err(_)) => false,
        }
    });
    let mut table = table.unwrap_or_else(|| {
        Err(FileError::Empty {
            file: file.to_string(),
            expected: "an area column and one column per month".to_string(),
        })
    })?;
    table.report.windows_1252.extend(recoded);
    Ok(table)
}

/// The columns of a wide table's header, or what it lacks.
fn wide_columns(file: &str, headers: Vec<String>) -> Result<WideColumns, FileError> {
    let missing = |what: &str| FileError::MissingColumns {
        file: file.to_string(),
        missing: what.to_string(),
        found: headers.join(", "),
    };
    let Some(columns) = WideColumns::find(&headers) else {
        return Err(missing(
            "an area code or name column and two or more month columns (e.g. WardCode, 202311)",
        ));
    };
    if columns.category.is_none() {
        return Err(missing(
            "an offence column (MajorText and MinorText, or Category)",
        ));
    }
    Ok(columns)
}

#[cfg(test)]
mod tests;
