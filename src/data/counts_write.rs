//! The counts file writer (`month,area_code,category,count`): what
//! `explorer-cli prepare` writes and what a browser load hands the page
//! and offers to keep.

use super::areas_write::csv_field;
use super::cube::Cube;

fn quote(field: &str) -> String {
    csv_field(field).into_owned()
}

/// Appends `n` in decimal and a line break.
fn push_count(out: &mut String, n: u32) {
    // The digits of `n`, last first, before the line break.
    let mut text = [b'\n'; 11];
    let mut at: usize = 10;
    let mut rest = n;
    while let Some(d) = at.checked_sub(1).and_then(|i| text.get_mut(i)) {
        *d = b'0' + (rest % 10) as u8;
        at -= 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let digits = &text[at..];
    out.push_str(std::str::from_utf8(digits).unwrap_or("0\n"));
}

/// Sets `head` to `month,code,`.
fn set_head(head: &mut String, month: &str, code: &str) {
    head.clear();
    for part in [month, ",", code, ","] {
        head.push_str(part);
    }
}

/// Appends the lines `month,code,name,n` of the non-zero `counts` (by
/// category index), in the order of `cats`, and of the zero ones where
/// `zero` (by position in `cats`) says so; `head` is `month,code,` and
/// each of `names` is a quoted name and a comma.
fn push_lines(
    out: &mut String,
    head: &str,
    cats: &[usize],
    names: &[String],
    counts: &[u32],
    zero: &[bool],
) {
    for (i, (&c, name)) in cats.iter().zip(names).enumerate() {
        let n = counts[c];
        if n > 0 || zero[i] {
            out.push_str(head);
            out.push_str(name);
            push_count(out, n);
        }
    }
}

/// The counts as a counts file, sorted by month, area code (not allocated
/// first, as an empty code, when `keeps_unallocated`) and category, zero
/// counts left out. A source with data in a month but no counts in it (a
/// force's file whose rows all fell outside the areas) gets one row of 0
/// (the first area, its first category), so that the file says the month
/// has data; a month without data gets no row, so that it reads back as a
/// month without data.
pub fn write_counts_csv(cube: &Cube, keeps_unallocated: bool) -> String {
    let mut out = String::from("month,area_code,category,count\n");
    let mut areas: Vec<usize> = (0..cube.areas().len()).collect();
    areas.sort_by(|&a, &b| cube.areas().get(a).cmp(&cube.areas().get(b)));
    let mut cats: Vec<usize> = (0..cube.categories().len()).collect();
    cats.sort_by(|&a, &b| cube.categories()[a].cmp(&cube.categories()[b]));
    // Each name quoted once, in output order (categories with their
    // comma); each line is then a head, a name and a count.
    let codes: Vec<String> = areas
        .iter()
        .map(|&a| quote(cube.areas()[a].as_str()))
        .collect();
    let names: Vec<String> = cats
        .iter()
        .map(|&c| quote(&cube.categories()[c]) + ",")
        .collect();
    let none = vec![false; cats.len()];
    let mut head = String::new();
    for (mi, month) in cube.months().enumerate() {
        let month = month.to_string();
        let zero = zero_rows(cube, mi, keeps_unallocated, &cats);
        if keeps_unallocated {
            set_head(&mut head, &month, "");
            let unallocated = cube.unallocated_month(mi);
            let here = if areas.is_empty() { &zero } else { &none };
            push_lines(&mut out, &head, &cats, &names, unallocated, here);
        } else if areas.is_empty() && zero.contains(&true) {
            set_head(&mut head, &month, "");
            push_lines(&mut out, &head, &cats, &names, &[], &zero);
        }
        for (i, (&a, code)) in areas.iter().zip(&codes).enumerate() {
            set_head(&mut head, &month, code);
            let here = if i == 0 { &zero } else { &none };
            push_lines(&mut out, &head, &cats, &names, cube.area_month(a, mi), here);
        }
    }
    out
}

/// For month `mi`, by position in `cats`: true at the first category of
/// each source that has data in the month but no count written in it.
fn zero_rows(cube: &Cube, mi: usize, keeps_unallocated: bool, cats: &[usize]) -> Vec<bool> {
    let source_of = cube.sources_of_categories();
    let mut counted = vec![false; cube.source_count()];
    let mut mark = |counts: &[u32]| {
        for (c, &n) in counts.iter().enumerate() {
            if n > 0 {
                counted[source_of[c]] = true;
            }
        }
    };
    if keeps_unallocated {
        mark(cube.unallocated_month(mi));
    }
    for a in 0..cube.areas().len() {
        mark(cube.area_month(a, mi));
    }
    let mut zero = vec![false; cats.len()];
    for (s, &done) in counted.iter().enumerate() {
        if done || !cube.source_has_data(s, mi) {
            continue;
        }
        if let Some(pos) = cats.iter().position(|&c| source_of[c] == s) {
            zero[pos] = true;
        }
    }
    zero
}
