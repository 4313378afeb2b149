//! A table as shown: columns, rows of display text with sort keys, sorting
//! and CSV export of exactly the shown text.

use crate::data::areas_write::csv_field;
use crate::format::thousands;

/// The most rows a table puts on the page, in the order chosen: a
/// country's 7,545 wards took 3 s to lay out in Chromium, ~0.4 ms a row
/// (`scripts/bench-national`), where a change should take 50 ms. Every row
/// is still sorted, and downloaded as CSV.
pub const ROWS_SHOWN: usize = 100;

/// One column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Header text.
    pub label: String,
    /// Numbers are right-aligned.
    pub numeric: bool,
}

impl Column {
    /// A text column.
    pub fn text(label: &str) -> Column {
        Column {
            label: label.to_string(),
            numeric: false,
        }
    }
    /// A numeric (right-aligned) column.
    pub fn number(label: &str) -> Column {
        Column {
            label: label.to_string(),
            numeric: true,
        }
    }
}

/// How a cell sorts: numbers before text markers such as `[c]`.
#[derive(Clone, Debug, PartialEq)]
pub enum SortKey {
    /// A numeric value.
    Number(f64),
    /// Text (compared case-insensitively).
    Text(String),
    /// No value (sorts last either way).
    Missing,
}

/// One cell: what is shown and how it sorts.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The text on screen and in the CSV.
    pub text: String,
    /// The sort key.
    pub key: SortKey,
    /// An optional link target (e.g. a ward profile's query string).
    pub link: Option<String>,
}

impl Cell {
    /// A text cell sorting by its text.
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            key: SortKey::Text(text.to_ascii_lowercase()),
            text,
            link: None,
        }
    }
    /// A cell showing `text` and sorting by `value` (missing when `None`).
    pub fn number(text: impl Into<String>, value: Option<f64>) -> Cell {
        Cell {
            text: text.into(),
            key: value
                .filter(|v| v.is_finite())
                .map_or(SortKey::Missing, SortKey::Number),
            link: None,
        }
    }
    /// The same cell, linking to `href`.
    pub fn linked(mut self, href: impl Into<String>) -> Cell {
        self.link = Some(href.into());
        self
    }
}

/// Sort direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortDir {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

/// A whole table.
#[derive(Clone, Debug, PartialEq)]
pub struct TableModel {
    /// Caption (also the CSV file's first line is not used: the caption is
    /// for the page; the CSV holds the header and rows only).
    pub caption: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, in their default order.
    pub rows: Vec<Vec<Cell>>,
    /// Rows kept at the bottom whatever the sort (e.g. a total).
    pub footer: Vec<Vec<Cell>>,
}

fn compare_keys(a: &SortKey, b: &SortKey) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (SortKey::Number(x), SortKey::Number(y)) => x.total_cmp(y),
        (SortKey::Text(x), SortKey::Text(y)) => x.cmp(y),
        (SortKey::Number(_), SortKey::Text(_)) => Less,
        (SortKey::Text(_), SortKey::Number(_)) => Greater,
        (SortKey::Missing, SortKey::Missing) => Equal,
        (SortKey::Missing, _) => Greater,
        (_, SortKey::Missing) => Less,
    }
}

impl TableModel {
    /// What the page says under a table with more rows than it shows
    /// ([`ROWS_SHOWN`]); `None` when it shows them all.
    pub fn rows_not_shown(&self, w: &crate::i18n::Words) -> Option<String> {
        (self.rows.len() > ROWS_SHOWN).then(|| {
            w.f(
                crate::i18n::Msg::RowsNotShown,
                &[
                    ("shown", &ROWS_SHOWN.to_string()),
                    ("n", &thousands(self.rows.len() as u64)),
                ],
            )
        })
    }

    /// The rows sorted by column `col` (stable: ties keep their default
    /// order). Missing values go last in both directions.
    pub fn sorted_rows(&self, col: usize, dir: SortDir) -> Vec<&Vec<Cell>> {
        let mut rows: Vec<&Vec<Cell>> = self.rows.iter().collect();
        rows.sort_by(|a, b| {
            let (ka, kb) = (a.get(col).map(|c| &c.key), b.get(col).map(|c| &c.key));
            match (ka, kb) {
                (Some(SortKey::Missing), Some(SortKey::Missing)) => std::cmp::Ordering::Equal,
                (Some(SortKey::Missing), _) => std::cmp::Ordering::Greater,
                (_, Some(SortKey::Missing)) => std::cmp::Ordering::Less,
                (Some(x), Some(y)) => match dir {
                    SortDir::Ascending => compare_keys(x, y),
                    SortDir::Descending => compare_keys(y, x),
                },
                _ => std::cmp::Ordering::Equal,
            }
        });
        rows
    }

    /// The table as CSV (RFC 4180): the header, then the rows in the order
    /// given, then the footer, every cell exactly as shown.
    pub fn to_csv(&self, rows: &[&Vec<Cell>]) -> String {
        let mut out = String::new();
        let line = |cells: Vec<&str>, out: &mut String| {
            let quoted: Vec<String> = cells.iter().map(|c| spreadsheet_field(c)).collect();
            out.push_str(&quoted.join(","));
            out.push_str("\r\n");
        };
        line(
            self.columns.iter().map(|c| c.label.as_str()).collect(),
            &mut out,
        );
        for row in rows.iter().copied().chain(self.footer.iter()) {
            line(row.iter().map(|c| c.text.as_str()).collect(), &mut out);
        }
        out
    }
}

/// A shown cell as a CSV field: quoted as the data files are
/// ([`csv_field`]), and a text starting with `=`, `+`, `-` or `@`
/// followed by a letter (which spreadsheets would read as a formula)
/// given a leading apostrophe.
pub fn spreadsheet_field(text: &str) -> String {
    let risky = text.len() > 1
        && text.starts_with(['=', '+', '-', '@'])
        && text
            .chars()
            .nth(1)
            .is_some_and(|c| !c.is_ascii_digit() && c != '.');
    if risky {
        csv_field(&format!("'{text}")).into_owned()
    } else {
        csv_field(text).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> TableModel {
        TableModel {
            caption: "t".into(),
            columns: vec![Column::text("Name"), Column::number("Count")],
            rows: vec![
                vec![Cell::text("Burglary"), Cell::number("120", Some(120.0))],
                vec![Cell::text("Drugs"), Cell::number("[c]", None)],
                vec![
                    Cell::text("Arson, damage"),
                    Cell::number("1,204", Some(1204.0)),
                ],
            ],
            footer: vec![vec![
                Cell::text("Total"),
                Cell::number("1,324", Some(1324.0)),
            ]],
        }
    }

    #[test]
    fn sorts_numbers_and_keeps_suppressed_last() {
        let m = model();
        let names =
            |rows: Vec<&Vec<Cell>>| rows.iter().map(|r| r[0].text.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(m.sorted_rows(1, SortDir::Descending)),
            ["Arson, damage", "Burglary", "Drugs"]
        );
        assert_eq!(
            names(m.sorted_rows(1, SortDir::Ascending)),
            ["Burglary", "Arson, damage", "Drugs"]
        );
        assert_eq!(
            names(m.sorted_rows(0, SortDir::Ascending)),
            ["Arson, damage", "Burglary", "Drugs"]
        );
    }

    #[test]
    fn csv_is_exactly_what_is_shown() {
        let m = model();
        let rows = m.sorted_rows(1, SortDir::Descending);
        assert_eq!(
            m.to_csv(&rows),
            "Name,Count\r\n\"Arson, damage\",\"1,204\"\r\nBurglary,120\r\nDrugs,[c]\r\nTotal,\"1,324\"\r\n"
        );
        assert_eq!(spreadsheet_field("=cmd()"), "'=cmd()");
        assert_eq!(spreadsheet_field("-4.0%"), "-4.0%");
        assert_eq!(spreadsheet_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(spreadsheet_field("=a,b"), "\"'=a,b\"");
        assert_eq!(spreadsheet_field("Town\nCentre"), "\"Town\nCentre\"");
    }

    #[test]
    fn a_table_of_more_rows_than_shown_says_so() {
        let mut m = model();
        assert_eq!(m.rows_not_shown(crate::i18n::english()), None);
        let row = m.rows[0].clone();
        m.rows = vec![row; ROWS_SHOWN];
        assert_eq!(
            m.rows_not_shown(crate::i18n::english()),
            None,
            "exactly as many as shown"
        );
        m.rows.push(m.rows[0].clone());
        assert!(
            m.rows_not_shown(crate::i18n::english()).is_some(),
            "one more than shown"
        );
        m.rows = vec![m.rows[0].clone(); 1_100];
        let note = m.rows_not_shown(crate::i18n::english()).unwrap();
        assert!(
            note.starts_with(&format!("Showing the first {ROWS_SHOWN} of 1,100 rows")),
            "{note}"
        );
    }
}
