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
    let mut cube = super::super::cube::CubeBuilder::new();
    let r = super::super::counts::read_counts("c.csv", text.as_bytes(), &mut cube).unwrap();
    let lines: Vec<u64> = r.rejections.iter().map(|x| x.line).collect();
    assert_eq!(lines, vec![4, 5]);
    assert_eq!((r.rows_read, r.accepted), (3, 1));
}
