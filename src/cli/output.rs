//! Writing tables: CSV (default) or JSON (`--format json`), to stdout or
//! `--out FILE`. Numbers keep full precision (Rust's shortest round-trip
//! text); suppressed figures are `[c]`, low-base % changes `[low]`, and
//! missing figures empty (CSV) or `null` (JSON).

use std::io::Write;

use serde_json::Value;

use super::options::TableFormat;
use super::CliError;

/// Any serialisable cell as a JSON value (`null` if it cannot be).
pub fn cell<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn csv_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Renders rows under `headers` as CSV or JSON text.
pub fn render(
    format: TableFormat,
    headers: &[&str],
    rows: &[Vec<Value>],
) -> Result<String, CliError> {
    match format {
        TableFormat::Json => Ok(json_text(headers, rows)),
        TableFormat::Csv => csv_table(headers, rows)
            .map_err(|e| CliError::Failed(format!("cannot write the table: {e}"))),
    }
}

/// A JSON array of objects, one a line, keys in column order.
fn json_text(headers: &[&str], rows: &[Vec<Value>]) -> String {
    let keys: Vec<String> = headers
        .iter()
        .map(|h| Value::from(*h).to_string())
        .collect();
    let objects: Vec<String> = rows
        .iter()
        .map(|row| {
            let fields: Vec<String> = keys
                .iter()
                .zip(row)
                .map(|(key, v)| format!("{key}: {v}"))
                .collect();
            format!("  {{{}}}", fields.join(", "))
        })
        .collect();
    if objects.is_empty() {
        "[\n]\n".to_string()
    } else {
        format!("[\n{}\n]\n", objects.join(",\n"))
    }
}

/// CSV with a header line.
fn csv_table(headers: &[&str], rows: &[Vec<Value>]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).map_err(|e| e.to_string())?;
    for row in rows {
        w.write_record(row.iter().map(csv_text))
            .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.error().to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Writes `text` to `out` (`--out FILE`) or stdout.
pub fn emit(out: Option<&str>, text: &str) -> Result<(), CliError> {
    match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| CliError::Failed(format!("{path}: cannot write: {e}"))),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| CliError::Failed(format!("cannot write to stdout: {e}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Shown;

    #[test]
    fn csv_and_json_keep_precision_and_markers() {
        let rows = vec![vec![
            cell("Burglary, domestic"),
            cell(Shown::Value(1.0f64 / 3.0)),
            cell(Shown::<u64>::Suppressed),
            cell(Shown::<f64>::Missing),
        ]];
        let headers = ["name", "x", "n", "pct"];
        let csv = render(TableFormat::Csv, &headers, &rows).unwrap();
        assert_eq!(
            csv,
            "name,x,n,pct\n\"Burglary, domestic\",0.3333333333333333,[c],\n"
        );
        let json = render(TableFormat::Json, &headers, &rows).unwrap();
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back[0]["x"], Value::from(1.0f64 / 3.0));
        assert_eq!(back[0]["n"], Value::from("[c]"));
        assert_eq!(back[0]["pct"], Value::Null);
        assert!(
            json.find("\"name\"").unwrap() < json.find("\"x\"").unwrap(),
            "column order kept"
        );
    }
}
