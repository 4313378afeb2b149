//! Writing tables: CSV (default) or JSON (`--format json`), to stdout or
//! `--out FILE`. Numbers keep full precision (Rust's shortest round-trip
//! text); suppressed figures are `[c]`, low-base % changes `[low]`, and
//! missing figures empty (CSV) or `null` (JSON).

use std::io::Write;

use serde_json::Value;

use super::args::Args;
use super::CliError;

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header line.
    Csv,
    /// A JSON array of objects, keys in column order.
    Json,
    /// Plain text (findings only).
    Text,
}

/// The format asked for, `default` when none.
pub fn format(opts: &Args, default: Format) -> Result<Format, CliError> {
    match opts.get("format") {
        None => Ok(default),
        Some("csv") => Ok(Format::Csv),
        Some("json") => Ok(Format::Json),
        Some("text") => Ok(Format::Text),
        Some(other) => Err(CliError::Usage(format!(
            "unknown format {other:?}; expected csv, json or text"
        ))),
    }
}

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
pub fn render(format: Format, headers: &[&str], rows: &[Vec<Value>]) -> Result<String, CliError> {
    let fail = |e: String| CliError::Failed(format!("cannot write the table: {e}"));
    match format {
        Format::Json => {
            let mut out = String::from("[");
            for (i, row) in rows.iter().enumerate() {
                out.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
                for (j, (h, v)) in headers.iter().zip(row).enumerate() {
                    if j > 0 {
                        out.push_str(", ");
                    }
                    let key = serde_json::to_string(h).map_err(|e| fail(e.to_string()))?;
                    out.push_str(&format!("{key}: {v}"));
                }
                out.push('}');
            }
            out.push_str("\n]\n");
            Ok(out)
        }
        Format::Csv | Format::Text => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(headers).map_err(|e| fail(e.to_string()))?;
            for row in rows {
                w.write_record(row.iter().map(csv_text))
                    .map_err(|e| fail(e.to_string()))?;
            }
            let bytes = w.into_inner().map_err(|e| fail(e.error().to_string()))?;
            String::from_utf8(bytes).map_err(|e| fail(e.to_string()))
        }
    }
}

/// Writes `text` to `--out FILE` or stdout.
pub fn emit(opts: &Args, text: &str) -> Result<(), CliError> {
    match opts.get("out") {
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
        let csv = render(Format::Csv, &headers, &rows).unwrap();
        assert_eq!(
            csv,
            "name,x,n,pct\n\"Burglary, domestic\",0.3333333333333333,[c],\n"
        );
        let json = render(Format::Json, &headers, &rows).unwrap();
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
