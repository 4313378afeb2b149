//! The load page's models as JSON, and back: tables, lists of text and
//! (value, label) pairs, and the load report. Written with
//! [`crate::data::json_write`], read with [`crate::data::json`]: the one
//! format the loading worker and the page share for what they say (the
//! dataset itself travels as the publisher's text files).

use crate::data::json::Value;
use crate::data::json_write::{number, push_string, EXACT};
use crate::view::table::{Cell, Column, SortKey, TableModel};

use super::LoadSummary;

/// Appends `items` as a JSON array, each written by `push`.
pub fn push_list<T>(out: &mut String, items: &[T], push: impl Fn(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push(out, item);
    }
    out.push(']');
}

/// The character that opens a JSON object.
pub const OPEN: char = '{';

/// Appends `"key":` (after a comma unless it opens the object).
pub fn push_key(out: &mut String, key: &str) {
    if !out.ends_with(OPEN) {
        out.push(',');
    }
    push_string(out, key);
    out.push(':');
}

/// Appends (value, label) pairs as `[[value, label], …]`.
pub fn push_pairs(out: &mut String, pairs: &[(String, String)]) {
    push_list(out, pairs, |out, (value, label)| {
        out.push('[');
        push_string(out, value);
        out.push(',');
        push_string(out, label);
        out.push(']');
    });
}

fn push_cell(out: &mut String, cell: &Cell) {
    out.push('{');
    push_key(out, "text");
    push_string(out, &cell.text);
    push_key(out, "key");
    match &cell.key {
        SortKey::Number(n) => out.push_str(&number(*n, EXACT)),
        SortKey::Text(t) => push_string(out, t),
        SortKey::Missing => out.push_str("null"),
    }
    if let Some(link) = &cell.link {
        push_key(out, "link");
        push_string(out, link);
    }
    out.push('}');
}

/// Appends a table: caption, columns, rows and footer rows, every cell
/// with its text, sort key and link.
pub fn push_table(out: &mut String, table: &TableModel) {
    out.push('{');
    push_key(out, "caption");
    push_string(out, &table.caption);
    push_key(out, "columns");
    push_list(out, &table.columns, |out, c| {
        out.push('{');
        push_key(out, "label");
        push_string(out, &c.label);
        push_key(out, "numeric");
        out.push_str(if c.numeric { "true" } else { "false" });
        out.push('}');
    });
    push_key(out, "rows");
    push_list(out, &table.rows, |out, row| push_list(out, row, push_cell));
    push_key(out, "footer");
    push_list(out, &table.footer, |out, row| {
        push_list(out, row, push_cell)
    });
    out.push('}');
}

/// Appends the load report.
pub fn push_summary(out: &mut String, s: &LoadSummary) {
    out.push('{');
    for (key, text) in [
        ("headline", &s.headline),
        ("adds_up", &s.adds_up),
        ("months", &s.months),
        ("unknown", &s.unknown),
    ] {
        push_key(out, key);
        push_string(out, text);
    }
    push_key(out, "quality");
    push_list(out, &s.quality, |out, t| push_string(out, t));
    push_key(out, "rejected");
    push_list(out, &s.rejected, |out, t| push_string(out, t));
    push_key(out, "rows");
    push_table(out, &s.rows);
    push_key(out, "files");
    push_table(out, &s.files);
    out.push('}');
}

/// Why a JSON value is not what was expected.
pub type Mismatch = String;

/// Member `key` of an object.
pub fn member<'a>(v: &'a Value, key: &str) -> Result<&'a Value, Mismatch> {
    v.get(key).ok_or_else(|| format!("no \"{key}\""))
}

/// Member `key` as text.
pub fn text(v: &Value, key: &str) -> Result<String, Mismatch> {
    member(v, key)?
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("\"{key}\" is not text"))
}

/// Member `key` as a list, each item read by `read`.
pub fn list<T>(
    v: &Value,
    key: &str,
    read: impl Fn(&Value) -> Result<T, Mismatch>,
) -> Result<Vec<T>, Mismatch> {
    member(v, key)?
        .as_array()
        .ok_or_else(|| format!("\"{key}\" is not a list"))?
        .iter()
        .map(read)
        .collect()
}

/// A JSON string as text (for [`list`]).
pub fn item_text(v: &Value) -> Result<String, Mismatch> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| "a list item is not text".to_string())
}

/// Member `key` as (value, label) pairs.
pub fn pairs(v: &Value, key: &str) -> Result<Vec<(String, String)>, Mismatch> {
    list(v, key, |pair| match pair.as_array() {
        Some([value, label]) => Ok((item_text(value)?, item_text(label)?)),
        _ => Err(format!("\"{key}\" holds something other than pairs")),
    })
}

fn cell(v: &Value) -> Result<Cell, Mismatch> {
    let key = match member(v, "key")? {
        Value::Number(n) => SortKey::Number(*n),
        Value::String(t) => SortKey::Text(t.clone()),
        Value::Null => SortKey::Missing,
        _ => return Err("a cell's \"key\" is not a number, text or null".to_string()),
    };
    let link = match v.get("link") {
        Some(link) => Some(item_text(link)?),
        None => None,
    };
    Ok(Cell {
        text: text(v, "text")?,
        key,
        link,
    })
}

fn row(v: &Value) -> Result<Vec<Cell>, Mismatch> {
    v.as_array()
        .ok_or_else(|| "a row is not a list".to_string())?
        .iter()
        .map(cell)
        .collect()
}

/// Member `key` as a table ([`push_table`] wrote it).
pub fn table(v: &Value, key: &str) -> Result<TableModel, Mismatch> {
    let t = member(v, key)?;
    Ok(TableModel {
        caption: text(t, "caption")?,
        columns: list(t, "columns", |c| {
            Ok(Column {
                label: text(c, "label")?,
                numeric: member(c, "numeric")?
                    .as_bool()
                    .ok_or_else(|| "a column's \"numeric\" is not true or false".to_string())?,
            })
        })?,
        rows: list(t, "rows", row)?,
        footer: list(t, "footer", row)?,
    })
}

/// Member `key` as the load report ([`push_summary`] wrote it).
pub fn summary(v: &Value, key: &str) -> Result<LoadSummary, Mismatch> {
    let s = member(v, key)?;
    Ok(LoadSummary {
        headline: text(s, "headline")?,
        rows: table(s, "rows")?,
        adds_up: text(s, "adds_up")?,
        months: text(s, "months")?,
        quality: list(s, "quality", item_text)?,
        unknown: text(s, "unknown")?,
        rejected: list(s, "rejected", item_text)?,
        files: table(s, "files")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::json::parse;

    /// `value` written by `push` under `key` in an object, and read back.
    fn round_trip<T>(
        value: &T,
        push: fn(&mut String, &T),
        read: fn(&Value, &str) -> Result<T, Mismatch>,
    ) -> T {
        let mut out = String::from("{");
        push_key(&mut out, "x");
        push(&mut out, value);
        out.push('}');
        read(&parse(&out).unwrap(), "x").unwrap()
    }

    #[test]
    fn tables_come_back_whole_whatever_their_text_holds() {
        let t = TableModel {
            caption: "cap\ttion \"quoted\" \u{1e}".to_string(),
            columns: vec![Column::text("A\nB"), Column::number("N")],
            rows: vec![
                vec![
                    Cell::text("x\ty\r\nz\u{1e} Ynys Môn"),
                    Cell::number("1,234", Some(1234.0)),
                ],
                vec![
                    Cell::text("linked").linked("?page=ward&ward=E05000001"),
                    Cell::number("0.1", Some(0.1)),
                ],
            ],
            footer: vec![vec![Cell::text("all"), Cell::number("n/a", None)]],
        };
        assert_eq!(round_trip(&t, push_table, table), t);
    }

    #[test]
    fn pairs_and_texts_come_back_in_order() {
        let p = vec![
            ("E06000002".to_string(), "City, \"the\"".to_string()),
            ("E06000001".to_string(), "Town\n".to_string()),
        ];
        assert_eq!(round_trip(&p, |out, p| push_pairs(out, p), pairs), p);
        let mut out = String::from("{");
        push_key(&mut out, "x");
        let texts = ["a".to_string(), "b\\".to_string()];
        push_list(&mut out, &texts, |out, t| push_string(out, t));
        out.push('}');
        let back = list(&parse(&out).unwrap(), "x", item_text).unwrap();
        assert_eq!(back, ["a", "b\\"]);
    }

    #[test]
    fn what_is_not_as_written_is_named() {
        let read = |text: &str| table(&parse(text).unwrap(), "x").unwrap_err();
        assert_eq!(read("{}"), "no \"x\"");
        assert_eq!(read(r#"{"x":{"caption":1}}"#), "\"caption\" is not text");
        let bad_key =
            r#"{"x":{"caption":"c","columns":[],"rows":[[{"text":"t","key":true}]],"footer":[]}}"#;
        assert_eq!(
            read(bad_key),
            "a cell's \"key\" is not a number, text or null"
        );
        let bad_pairs = parse(r#"{"x":[["a"]]}"#).unwrap();
        assert!(pairs(&bad_pairs, "x")
            .unwrap_err()
            .contains("other than pairs"));
    }
}
