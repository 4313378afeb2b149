//! One reader for tables of a whole number per area code: residents by
//! area ([`population`](super::population)) and deprivation ranks by LSOA
//! ([`deprivation_lookup`](super::deprivation_lookup)) differ only in the
//! columns they look for and the numbers they accept.

use crate::i18n::{Msg, Text};
use std::collections::BTreeMap;
use std::io::Read;

use super::area::AreaCode;
use super::areas::parse_whole;
use super::error::FileError;
use super::report::LoadReport;
use super::table::Table;

/// What a table of values by area looks like.
pub(super) struct ValueTable {
    /// The columns expected, in words (for the error when missing).
    pub expected: &'static str,
    /// The code column among the (normalised) headers.
    pub code_column: fn(&[String]) -> Option<usize>,
    /// The value column among the headers.
    pub value_column: fn(&[String]) -> Option<usize>,
    /// The smallest value accepted.
    pub min: u32,
    /// What a value must be, in words ("a whole number of residents").
    pub value_words: Msg,
    /// What a value is called when a code is listed twice ("value").
    pub value_name: Msg,
}

impl ValueTable {
    /// Reads the values by area code. Rows with no code, a value that is
    /// not a whole number (thousands separators allowed) from `min` up to
    /// 4,294,967,295, or a code listed twice (the last value is kept), are
    /// rejected with their line.
    pub(super) fn read<R: Read>(
        &self,
        file: &str,
        input: R,
    ) -> Result<(BTreeMap<AreaCode, u32>, LoadReport), FileError> {
        let table = Table::read(file, input, self.expected)?;
        let headers = &table.headers;
        let (Some(code_col), Some(value_col)) =
            ((self.code_column)(headers), (self.value_column)(headers))
        else {
            return Err(FileError::MissingColumns {
                file: file.to_string(),
                missing: self.expected.to_string(),
                found: headers.join(", "),
            });
        };
        let code_name = headers[code_col].clone();
        let value_name = headers[value_col].clone();
        let mut report = LoadReport::default();
        let mut out = BTreeMap::new();
        table.for_each_row(file, &mut report, |report, record| {
            let line = record.line();
            let (code, value) = (record.text(code_col), record.text(value_col));
            if code.is_empty() {
                let reason = Text::msg(Msg::AreaCodeEmpty);
                return report.reject(file, line, Some(&code_name), reason);
            }
            let Some(n) = parse_whole(value)
                .and_then(|n| u32::try_from(n).ok())
                .filter(|&n| n >= self.min)
            else {
                let reason = Text::msg(Msg::ValueExpected)
                    .with("what", Text::msg(self.value_words))
                    .with("found", format!("{value:?}"));
                return report.reject(file, line, Some(&value_name), reason);
            };
            if out.insert(AreaCode::from(code), n).is_some() {
                let reason = Text::msg(Msg::AreaTwiceLastUsed)
                    .with("code", code)
                    .with("what", Text::msg(self.value_name));
                return report.reject(file, line, Some(&code_name), reason);
            }
            report.accepted += 1;
        });
        Ok((out, report))
    }
}
