//! The text the loading worker sends the page: tables, option lists and
//! the load summary, in a plain line format the page decodes with little
//! code. Fields are separated by tabs, lines by `\n`, sections by U+001E;
//! any of these inside a text become spaces.

use crate::data::session::Choices;
use crate::view::table::{Cell, Column, SortKey, TableModel};

use super::{level_options, LoadSummary};

const SECTION: char = '\u{1e}';
const FOOTER: char = '\u{1f}';
const KEY: char = '\u{1d}';

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r', SECTION, FOOTER, KEY], " ")
}

fn cell_to_wire(cell: &Cell) -> String {
    match cell.key {
        SortKey::Number(n) if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.0e15 => {
            format!("{}{KEY}{}", clean(&cell.text), n as i64)
        }
        _ => clean(&cell.text),
    }
}

fn row_line(row: &[Cell]) -> String {
    row.iter().map(cell_to_wire).collect::<Vec<_>>().join("\t")
}

/// A table as text: caption, columns (`n` or `t` before each label), rows,
/// footer rows marked. Links are not carried. Numbers keep whole-number
/// sort keys; other keys sort as their text.
pub fn table_to_wire(table: &TableModel) -> String {
    let mut lines = vec![clean(&table.caption)];
    lines.push(
        table
            .columns
            .iter()
            .map(|c| format!("{}{}", if c.numeric { 'n' } else { 't' }, clean(&c.label)))
            .collect::<Vec<_>>()
            .join("\t"),
    );
    lines.extend(table.rows.iter().map(|r| row_line(r)));
    lines.extend(
        table
            .footer
            .iter()
            .map(|r| format!("{FOOTER}{}", row_line(r))),
    );
    lines.join("\n")
}

fn cell_from_wire(text: &str) -> Cell {
    match text.split_once(KEY) {
        Some((shown, key)) => Cell::number(shown, key.parse::<i64>().ok().map(|k| k as f64)),
        None => Cell::text(text),
    }
}

/// The table [`table_to_wire`] wrote.
pub fn table_from_wire(text: &str) -> TableModel {
    let mut lines = text.split('\n');
    let caption = lines.next().unwrap_or_default().to_string();
    let columns = lines
        .next()
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split('\t')
                .map(|c| match c.strip_prefix('n') {
                    Some(label) => Column::number(label),
                    None => Column::text(c.strip_prefix('t').unwrap_or(c)),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut rows = Vec::new();
    let mut footer = Vec::new();
    for line in lines {
        let (to, line) = match line.strip_prefix(FOOTER) {
            Some(rest) => (&mut footer, rest),
            None => (&mut rows, line),
        };
        to.push(line.split('\t').map(cell_from_wire).collect());
    }
    TableModel {
        caption,
        columns,
        rows,
        footer,
    }
}

/// Pairs (a value and its label) as lines.
pub fn pairs_to_wire<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(v, l)| format!("{}\t{}", clean(v), clean(l)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The pairs [`pairs_to_wire`] wrote.
pub fn pairs_from_wire(text: &str) -> Vec<(String, String)> {
    text.split('\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (v, label) = l.split_once('\t').unwrap_or((l, l));
            (v.to_string(), label.to_string())
        })
        .collect()
}

/// The choices as two pair lists: levels (the default first) and areas
/// (code, name).
pub fn choices_to_wire(choices: &Choices) -> (String, String) {
    let levels = level_options(choices);
    let levels = pairs_to_wire(levels.iter().map(|(l, label)| (l.name(), *label)));
    let areas = pairs_to_wire(
        choices
            .within
            .iter()
            .map(|a| (a.code.as_str(), a.name.as_str())),
    );
    (levels, areas)
}

fn lines(items: &[String]) -> String {
    items
        .iter()
        .map(|s| clean(s))
        .collect::<Vec<_>>()
        .join("\n")
}

fn split_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

impl LoadSummary {
    /// The summary as text.
    pub fn to_wire(&self) -> String {
        [
            clean(&self.headline),
            clean(&self.adds_up),
            clean(&self.months),
            lines(&self.quality),
            lines(&self.rejected),
            table_to_wire(&self.rows),
            table_to_wire(&self.files),
            clean(&self.unknown),
        ]
        .join(&SECTION.to_string())
    }

    /// The summary [`to_wire`](Self::to_wire) wrote (empty parts when the
    /// text is short).
    pub fn from_wire(text: &str) -> LoadSummary {
        let mut parts = text.split(SECTION);
        let mut next = || parts.next().unwrap_or_default();
        LoadSummary {
            headline: next().to_string(),
            adds_up: next().to_string(),
            months: next().to_string(),
            quality: split_lines(next()),
            rejected: split_lines(next()),
            rows: table_from_wire(next()),
            files: table_from_wire(next()),
            unknown: next().to_string(),
        }
    }
}
