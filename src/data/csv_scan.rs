//! A quote-aware CSV record scanner over bytes, built for speed on
//! police.uk street files and fed one buffer at a time (no I/O).
//!
//! Grammar (RFC 4180 with the usual leniencies, as the `csv` crate reads):
//! records end at `\n` outside quotes, and a `\r` just before it is dropped;
//! fields are split on `,`; a `"` at the start of a field opens a quoted
//! field in which `""` is a quote and commas and newlines are data; bytes
//! after the closing quote, up to the next comma, are kept as they are; a
//! `"` elsewhere is an ordinary byte. A lone `\r` is an ordinary byte.
//!
//! Fast path: a record with no `"` byte (every police.uk row) is found and
//! split on commas in one word-at-a-time pass ([`csv_swar`](super::csv_swar)),
//! borrowing the input. Fallback: a record containing a quote is decoded
//! byte by byte into a scratch buffer.

use super::csv_swar::{scan, Spans, Stop};
use super::error::FileError;

#[cfg(test)]
use super::csv_swar::{byte_mask, find_newline_or_quote};

/// One record of a small file read by [`read_records`] (targets), owned:
/// its fields and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    line: u64,
    fields: Vec<Vec<u8>>,
}

impl Record {
    /// The 1-based line the record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// True when there are no fields (never, for a record read here).
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Field `i`, when there is one.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        self.fields.get(i).map(Vec::as_slice)
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.fields.iter().map(Vec::as_slice)
    }
}

/// Reads all of `input`; an I/O error is [`FileError::Unreadable`].
pub fn read_whole<R: std::io::Read>(file: &str, mut input: R) -> Result<Vec<u8>, FileError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::Unreadable {
            file: file.to_string(),
            line: 0,
            message: e.to_string().into(),
        })?;
    Ok(bytes)
}

/// Reads a whole small file and splits it into records with
/// [`for_each_record`], so that line numbers count every line (blank ones
/// and those inside quoted fields included) whatever the line endings.
/// Empty lines give no record; a line of spaces gives one blank field.
/// An I/O error is [`FileError::Unreadable`].
pub fn read_records<R: std::io::Read>(file: &str, input: R) -> Result<Vec<Record>, FileError> {
    let bytes = read_whole(file, input)?;
    let mut records = Vec::new();
    for_each_record(&bytes, |line, fields| {
        if fields.len() > 1 || !fields.get(0).is_empty() {
            records.push(Record {
                line,
                fields: (0..fields.len()).map(|i| fields.get(i).to_vec()).collect(),
            });
        }
        true
    });
    Ok(records)
}

/// Calls `f(line, fields)` for every record of a whole file in memory, in
/// order; `line` is the 1-based line the record starts on. Blank lines are
/// passed too (see [`Fields::is_blank`]). `f` returns `false` to stop.
pub fn for_each_record(bytes: &[u8], mut f: impl FnMut(u64, Fields<'_>) -> bool) {
    let mut scanner = Scanner::new();
    let mut pos = 0;
    let mut line = 1;
    while let Some(rest) = bytes.get(pos..) {
        let Some(rec) = scanner.next(rest, true) else {
            break;
        };
        let (consumed, newlines) = (rec.consumed, rec.newlines);
        if !f(line, rec.fields) || consumed == 0 {
            break;
        }
        pos += consumed;
        line += newlines;
    }
}

/// The fields of one record.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    bytes: &'a [u8],
    spans: &'a [(usize, usize)],
    ascii: bool,
}

impl<'a> Fields<'a> {
    /// Number of fields (at least 1).
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when there are no fields (never, for a scanned record).
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Field `i` (empty when out of range).
    #[inline(always)]
    pub fn get(&self, i: usize) -> &'a [u8] {
        self.spans
            .get(i)
            .and_then(|&(s, e)| self.bytes.get(s..e))
            .unwrap_or(&[])
    }

    /// All the record's data bytes, fields joined by commas (quotes
    /// decoded), for checks over the whole row such as UTF-8 validity.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// True when [`bytes`](Self::bytes) are all ASCII (so valid UTF-8),
    /// found while scanning.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// True for a blank line: one field of nothing but spaces.
    pub fn is_blank(&self) -> bool {
        self.spans.len() == 1 && self.get(0).iter().all(u8::is_ascii_whitespace)
    }
}

/// One record found by [`Scanner::next`].
#[derive(Debug, Clone, Copy)]
pub struct Scanned<'a> {
    /// Its fields.
    pub fields: Fields<'a>,
    /// Bytes of input it took, terminator included.
    pub consumed: usize,
    /// Line breaks it took (so that the next record's line is known).
    pub newlines: u64,
}

/// Reusable buffers for scanning records.
#[derive(Debug, Default)]
pub struct Scanner {
    spans: Spans,
    scratch: Vec<u8>,
}

impl Scanner {
    /// A scanner with empty buffers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the record at the start of `input`. `None` when `input` is
    /// empty, or when the record may continue past `input` and `eof` is
    /// false (feed more bytes and call again from the same start).
    pub fn next<'s>(&'s mut self, input: &'s [u8], eof: bool) -> Option<Scanned<'s>> {
        if input.is_empty() {
            return None;
        }
        self.spans.clear();
        let (stop, ascii) = scan(input, &mut self.spans);
        let (end, consumed, newlines) = match stop {
            Stop::Newline(i) => (i, i + 1, 1),
            Stop::Quote(_) => {
                self.spans.clear();
                return self.quoted(input, eof);
            }
            Stop::End if eof => (input.len(), input.len(), 0),
            Stop::End => return None,
        };
        let mut line = &input[..end];
        if let Some(stripped) = line.strip_suffix(b"\r") {
            line = stripped;
        }
        let start = self.spans.as_slice().last().map_or(0, |&(_, c)| c + 1);
        self.spans.push((start, line.len()));
        Some(Scanned {
            fields: Fields {
                bytes: line,
                spans: self.spans.as_slice(),
                ascii,
            },
            consumed,
            newlines,
        })
    }

    /// The fallback: decodes a record holding a `"` byte by byte.
    fn quoted<'s>(&'s mut self, input: &'s [u8], eof: bool) -> Option<Scanned<'s>> {
        self.scratch.clear();
        let mut start = 0;
        let mut in_quotes = false;
        let mut at_field_start = true;
        let mut newlines = 0;
        let mut i = 0;
        let mut consumed = None;
        while let Some(&b) = input.get(i) {
            if in_quotes {
                if b == b'"' {
                    match input.get(i + 1) {
                        Some(b'"') => {
                            self.scratch.push(b'"');
                            i += 2;
                            continue;
                        }
                        None if !eof => return None,
                        _ => in_quotes = false,
                    }
                } else {
                    newlines += u64::from(b == b'\n');
                    self.scratch.push(b);
                }
                i += 1;
                continue;
            }
            match b {
                b',' => {
                    self.spans.push((start, self.scratch.len()));
                    self.scratch.push(b',');
                    start = self.scratch.len();
                    at_field_start = true;
                    i += 1;
                    continue;
                }
                b'\n' => {
                    newlines += 1;
                    consumed = Some(i + 1);
                    break;
                }
                b'\r' if input.get(i + 1) == Some(&b'\n') => {}
                b'\r' if input.get(i + 1).is_none() && !eof => return None,
                b'"' if at_field_start => in_quotes = true,
                _ => self.scratch.push(b),
            }
            at_field_start = false;
            i += 1;
        }
        let consumed = match consumed {
            Some(c) => c,
            None if eof => input.len(),
            None => return None,
        };
        self.spans.push((start, self.scratch.len()));
        Some(Scanned {
            fields: Fields {
                bytes: &self.scratch,
                spans: self.spans.as_slice(),
                ascii: self.scratch.is_ascii(),
            },
            consumed,
            newlines,
        })
    }
}

#[cfg(test)]
mod tests {
    //! Tests of `csv_scan`.
    use super::*;

    fn all(text: &[u8]) -> Vec<Vec<String>> {
        let mut s = Scanner::new();
        let mut pos = 0;
        let mut out = Vec::new();
        while let Some(r) = s.next(&text[pos..], true) {
            out.push(
                (0..r.fields.len())
                    .map(|i| String::from_utf8_lossy(r.fields.get(i)).into_owned())
                    .collect(),
            );
            pos += r.consumed;
        }
        out
    }

    #[test]
    fn splits_plain_and_quoted_records() {
        let rows = all(b"a,b,,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"multi\nline\"\nlast,row");
        assert_eq!(rows[0], vec!["a", "b", "", "c"]);
        assert_eq!(rows[1], vec!["x, y", "say \"hi\"", "multi\nline"]);
        assert_eq!(rows[2], vec!["last", "row"]);
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn long_lines_split_on_every_comma_across_words() {
        let line = b"0123456789,abcdefghijklmnop,,q,rstuvwxyz0123456789,\n";
        assert_eq!(
            all(line)[0],
            vec![
                "0123456789",
                "abcdefghijklmnop",
                "",
                "q",
                "rstuvwxyz0123456789",
                ""
            ]
        );
    }

    #[test]
    fn needs_more_input_until_the_record_ends() {
        let mut s = Scanner::new();
        assert!(s.next(b"a,b", false).is_none());
        assert!(s.next(b"\"a\nb", false).is_none());
        assert!(
            s.next(b"\"a\"", false).is_none(),
            "a quote at the end may be doubled"
        );
        let r = s.next(b"\"a\nb\",c\nnext", false).unwrap();
        assert_eq!((r.consumed, r.newlines, r.fields.len()), (8, 2, 2));
    }

    #[test]
    fn finds_bytes_at_every_offset() {
        for n in 0..20 {
            let mut v = vec![b'x'; n];
            v.push(b'\n');
            assert_eq!(find_newline_or_quote(&v), Some(n));
        }
        assert_eq!(find_newline_or_quote(b"xxxxxxxxxxxx"), None);
        assert_eq!(
            byte_mask(u64::from_le_bytes(*b"\x01\x00,\x01,,\x2d\x2b"), b','),
            0x0000_8080_0080_0000
        );
    }

    #[test]
    fn records_number_lf_lines_after_a_blank_line() {
        // Line 3 is blank; the records after it start on lines 4 and 5.
        let text = "a,b\n1,2\n\n3,4\n5,6\n";
        let records = read_records("f.csv", text.as_bytes()).unwrap();
        let lines: Vec<u64> = records.iter().map(Record::line).collect();
        assert_eq!(lines, vec![1, 2, 4, 5]);
        assert_eq!(records[2].get(1), Some(&b"4"[..]));
        // The same in CRLF, and a quoted line break counts as a line.
        let text = "a,b\r\n1,2\r\n\r\n\"3\r\nx\",4\r\n5,6\r\n";
        let records = read_records("f.csv", text.as_bytes()).unwrap();
        let lines: Vec<u64> = records.iter().map(Record::line).collect();
        assert_eq!(lines, vec![1, 2, 4, 6]);
        assert_eq!(records[2].get(0), Some(&b"3\r\nx"[..]));
        assert_eq!(records[3].iter().collect::<Vec<_>>(), vec![b"5", b"6"]);
    }

    #[test]
    fn csv_reader_numbers_crlf_lines_right() {
        let text = "month,area_code,category,count\r\n2024-01,E1,Drugs,1\r\n\r\n2024-13,E1,Drugs,1\r\n2024-01,E1,Drugs,x\r\n";
        let mut cube = crate::data::cube::CubeBuilder::new();
        let r = crate::data::counts::read_counts("c.csv", text.as_bytes(), &mut cube).unwrap();
        let lines: Vec<u64> = r.rejections.iter().map(|x| x.line).collect();
        assert_eq!(lines, vec![4, 5]);
        assert_eq!((r.rows_read, r.accepted), (3, 1));
    }
}
