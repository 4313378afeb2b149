//! Reader and writer of the categories file: `category,group[,is_crime]
//! [,source][,category_cy][,group_cy]` — the group each category belongs
//! to, whether it counts as crime, the source its counts come from when not
//! the dataset's main one (e.g. `Council`), and the Welsh names of the
//! category and its group (shown under `?lang=cy`; the police.uk types and
//! groups have built-in ones).

use crate::i18n::{Msg, Text};
use std::io::Read;

use super::category::{Categories, Category, ASB};
use super::error::FileError;
use super::header;
use super::report::LoadReport;
use super::table::Table;

const EXPECTED: &str = "category, group[, is_crime][, source][, category_cy][, group_cy]";

/// Reads `yes`/`no`-like text; `None` when it is neither.
fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// Reads a categories file, in file order. An empty group means the
/// category is its own group; without `is_crime` every category but
/// anti-social behaviour counts as crime. Rows with an empty or repeated
/// category or an unreadable `is_crime` are rejected with their line.
pub fn read_categories<R: Read>(
    file: &str,
    input: R,
) -> Result<(Categories, LoadReport), FileError> {
    let table = Table::read(file, input, EXPECTED)?;
    let headers = &table.headers;
    let name_col = header::find(headers, &["category", "crime type", "name"]);
    let group_col = header::find(headers, &["group", "category group"]);
    let crime_col = header::find(headers, &["is crime", "crime"]);
    let source_col = header::find(headers, &["source"]);
    let name_cy_col = header::find(headers, &["category cy", "crime type cy", "name cy"]);
    let group_cy_col = header::find(headers, &["group cy", "category group cy"]);
    let (Some(name_col), Some(group_col)) = (name_col, group_col) else {
        let missing: Vec<&str> = [("category", name_col), ("group", group_col)]
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| *n)
            .collect();
        return Err(FileError::MissingColumns {
            file: file.to_string(),
            missing: missing.join(", "),
            found: headers.join(", "),
        });
    };
    let mut report = LoadReport::default();
    let mut items: Vec<Category> = Vec::new();
    let mut welsh = Vec::new();
    table.for_each_row(file, &mut report, |report, record| {
        let line = record.line();
        let (name, group) = (record.text(name_col), record.text(group_col));
        if name.is_empty() {
            report.reject(file, line, Some("category"), Text::msg(Msg::CategoryEmpty));
            return;
        }
        if items.iter().any(|c| c.name == name) {
            report.reject(
                file,
                line,
                Some("category"),
                Text::msg(Msg::CategoryTwice).with("name", format!("{name:?}")),
            );
            return;
        }
        let is_crime = match crime_col.map(|c| record.text(c)) {
            None | Some("") => name != ASB,
            Some(t) => match parse_flag(t) {
                Some(flag) => flag,
                None => {
                    report.reject(
                        file,
                        line,
                        Some("is_crime"),
                        Text::msg(Msg::FlagExpected).with("found", format!("{t:?}")),
                    );
                    return;
                }
            },
        };
        let group = if group.is_empty() { name } else { group };
        let source = source_col
            .map(|c| record.text(c))
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        for (english, col) in [(name, name_cy_col), (group, group_cy_col)] {
            let cy = col.map_or("", |c| record.text(c));
            welsh.push((english.to_string(), cy.to_string()));
        }
        items.push(Category {
            name: name.to_string(),
            group: group.to_string(),
            is_crime,
            source,
        });
        report.accepted += 1;
    });
    Ok((Categories::new(items).with_welsh(welsh), report))
}

/// The categories as a categories file (`category,group,is_crime`, with
/// `yes`/`no`; `source` when any category has one; `category_cy,group_cy`
/// when Welsh names were given beside the built-in ones), in axis order,
/// as [`read_categories`] reads them back.
pub fn write_categories_csv(categories: &Categories) -> String {
    let sources = categories.iter().any(|c| c.source.is_some());
    let given = categories.welsh_given();
    let welsh = !given.is_empty();
    let mut out = String::from("category,group,is_crime");
    out.push_str(if sources { ",source" } else { "" });
    out.push_str(if welsh {
        ",category_cy,group_cy\n"
    } else {
        "\n"
    });
    let given = |en: &str| {
        let cy = given.iter().find(|(e, _)| e == en);
        cy.map_or("", |(_, cy)| cy.as_str()).to_string()
    };
    for c in categories.iter() {
        let field = |t: &str| super::areas_write::csv_field(t).into_owned();
        let flag = if c.is_crime { "yes" } else { "no" };
        out.push_str(&format!("{},{},{flag}", field(&c.name), field(&c.group)));
        if sources {
            out.push(',');
            out.push_str(&field(c.source.as_deref().unwrap_or("")));
        }
        if welsh {
            let (name, group) = (given(&c.name), given(&c.group));
            out.push_str(&format!(",{},{}", field(&name), field(&group)));
        }
        out.push('\n');
    }
    out
}

/// True when every category is one of the built-in list's with the same
/// group and crime flag, and no Welsh name is given beside the built-in
/// ones (no categories file is needed to read it back).
pub fn is_built_in(categories: &Categories) -> bool {
    let built_in = Categories::default();
    categories.welsh_given().is_empty()
        && categories.iter().all(|c| built_in.iter().any(|b| b == c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn written_categories_read_back_the_same() {
        let c = Categories::new(vec![
            Category {
                name: "Council-recorded ASB, housing".into(),
                group: "Anti-social behaviour".into(),
                is_crime: false,
                source: Some("Council".into()),
            },
            Category {
                name: "Burglary".into(),
                group: "Acquisitive \"crime\"".into(),
                is_crime: true,
                source: None,
            },
        ]);
        let text = write_categories_csv(&c);
        assert_eq!(
            text,
            "category,group,is_crime,source\n\"Council-recorded ASB, housing\",Anti-social behaviour,no,Council\n\
             Burglary,\"Acquisitive \"\"crime\"\"\",yes,\n"
        );
        let (back, report) = read_categories("c.csv", text.as_bytes()).unwrap();
        assert_eq!((back, report.rejected), (c.clone(), 0));
        assert!(!is_built_in(&c));
        assert!(is_built_in(&Categories::default()));
    }

    #[test]
    fn welsh_names_are_read_written_and_read_back() {
        let text = "category,group,is_crime,category_cy,group_cy\n\
                    Fraud,Money,yes,Twyll,Arian\n\
                    Scams,Money,yes,,\n\
                    Burglary,Acquisitive crime,yes,,\n";
        let (c, r) = read_categories("c.csv", text.as_bytes()).unwrap();
        assert_eq!((r.accepted, r.rejected), (3, 0));
        assert_eq!(c.name_in("Fraud", Lang::Cy), "Twyll");
        assert_eq!(c.name_in("Scams", Lang::Cy), "Scams", "none given");
        assert_eq!(
            c.group_in("Money", Lang::Cy),
            "Arian",
            "the group's, from its first row"
        );
        assert_eq!(c.name_in("Burglary", Lang::Cy), "Byrgleriaeth", "built in");
        assert!(!is_built_in(&Categories::with_file(c.clone())));
        let written = write_categories_csv(&c);
        assert_eq!(
            written,
            "category,group,is_crime,category_cy,group_cy\n\
             Fraud,Money,yes,Twyll,Arian\nScams,Money,yes,,Arian\n\
             Burglary,Acquisitive crime,yes,,\n"
        );
        assert_eq!(
            read_categories("again.csv", written.as_bytes()).unwrap().0,
            c
        );
        let plain = write_categories_csv(&Categories::default());
        assert!(!plain.contains("_cy"), "{plain}");
    }

    #[test]
    fn reads_groups_and_crime_flags() {
        let text = "\u{feff}Category,Group,Is_Crime\r\n\
                    Burglary,Acquisitive crime,yes\r\n\
                    Anti-social behaviour,\"ASB, nuisance\",no\r\n\
                    Drugs,,1\r\n\r\n";
        let (c, r) = read_categories("c.csv", text.as_bytes()).unwrap();
        assert_eq!((r.rows_read, r.accepted), (3, 3));
        assert_eq!(c.len(), 3);
        assert_eq!(c.get(1).unwrap().group, "ASB, nuisance");
        assert!(!c.get(1).unwrap().is_crime);
        assert_eq!(c.get(2).unwrap().group, "Drugs");
        assert!(c.get(2).unwrap().is_crime);
    }

    #[test]
    fn names_in_windows_1252_come_out_right() {
        let text = b"category,group,is_crime\nFraud \x80 \xA3,Money,yes\nDog\x92s mess,ASB \x96 council,no\n";
        let (c, r) = read_categories("c.csv", &text[..]).unwrap();
        assert_eq!((r.rows_read, r.accepted), (2, 2));
        assert_eq!(c.get(0).unwrap().name, "Fraud € £");
        assert_eq!(c.get(1).unwrap().name, "Dog’s mess");
        assert_eq!(c.get(1).unwrap().group, "ASB – council");
        assert_eq!(r.windows_1252[0].rows, 2);
    }

    #[test]
    fn defaults_is_crime_and_rejects_bad_rows() {
        let text = "category,group\nAnti-social behaviour,ASB\nRobbery,Acquisitive\n,Empty\nRobbery,Again\nShoplifting\n";
        let (c, r) = read_categories("c.csv", text.as_bytes()).unwrap();
        assert!(!c.get(0).unwrap().is_crime && c.get(1).unwrap().is_crime);
        assert_eq!((r.rows_read, r.accepted, r.rejected), (5, 2, 3));
        let lines: Vec<u64> = r.rejections.iter().map(|x| x.line).collect();
        assert_eq!(lines, vec![4, 5, 6]);
        let bad = read_categories(
            "c.csv",
            "category,group,is_crime\nDrugs,Drugs,maybe\n".as_bytes(),
        )
        .unwrap()
        .1;
        assert!(bad.rejections[0].reason.to_string().contains("\"maybe\""));
        assert!(read_categories("c.csv", "name,kind\n".as_bytes())
            .unwrap_err()
            .to_string()
            .contains("group"));
    }
}
