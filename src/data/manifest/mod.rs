//! The dataset manifest (`public/data/<dataset>/manifest.json`), with the
//! Welsh versions of its texts when the publisher gives them (`title_cy`,
//! `caveats_cy`, …: [`welsh`]).

mod welsh;

pub use welsh::{Text, WelshTexts};

use super::error::FileError;
use super::json::{self, Object, Value};
use super::json_write::string;
use super::month::Month;
use crate::i18n::Lang;
use std::cell::Cell;

/// The files that make up a dataset, relative to the manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestFiles {
    /// The counts file (`month,area_code,category,count`).
    pub counts: String,
    /// The areas file (names, parents, populations, deprivation).
    pub areas: Option<String>,
    /// The optional categories file.
    pub categories: Option<String>,
    /// The optional boundaries (GeoJSON).
    pub boundaries: Option<String>,
    /// The optional targets file (`selection,target_pct_change[,area_code]`).
    pub targets: Option<String>,
    /// Counts files of other sources (a council's own anti-social
    /// behaviour records, a fire service's deliberate fires), each shown
    /// as its own series: never added to another source's, never to crime.
    pub other_sources: Vec<OtherSource>,
}

/// A counts file recorded by another organisation than the main one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherSource {
    /// Its counts file (`month,area_code,category,count`).
    pub counts: String,
    /// Who recorded it, e.g. `Stockton-on-Tees Borough Council`.
    pub source: String,
    /// Its Welsh name, when given (`source_cy`), e.g. `Cyngor Bwrdeistref
    /// Stockton-on-Tees`.
    pub source_cy: Option<String>,
}

/// The periods a publisher wants the dataset to open on
/// (`"default_period": {"current": "2025-07..2025-12", "previous":
/// "2025-01..2025-06"}`): each a first and last month, inclusive. Used when
/// the data has every month of both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DefaultPeriod {
    /// First and last month of the current period.
    pub current: (Month, Month),
    /// First and last month of the previous period.
    pub previous: (Month, Month),
}

/// `YYYY-MM..YYYY-MM` (or one `YYYY-MM`) as first and last month, the
/// first not after the last.
fn month_range(text: &str) -> Option<(Month, Month)> {
    let (a, b) = text.split_once("..").unwrap_or((text, text));
    let (a, b): (Month, Month) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a <= b).then_some((a, b))
}

/// Whether `text` is a date written `YYYY-MM-DD` (a month that exists, a
/// day from 1 to 31).
pub fn is_date(text: &str) -> bool {
    text.len() == 10
        && text.is_ascii()
        && text[..7].parse::<Month>().is_ok()
        && &text[7..8] == "-"
        && text[8..].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// Title, provenance and caveats of a dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// Shown as the page title, e.g. `Stockton-on-Tees`.
    pub title: String,
    /// Who publishes it.
    pub publisher: String,
    /// True for invented data; the page then says so wherever it is shown.
    pub synthetic: bool,
    /// The licence, e.g. `Open Government Licence v3.0`.
    pub licence: String,
    /// Attribution text to show with every view.
    pub attribution: String,
    /// What the areas are, e.g. `ward`.
    pub area_level: String,
    /// What the local authorities above the areas are called where not
    /// districts, e.g. `borough` (London's), when said.
    pub parent_level: Option<String>,
    /// The name of the whole, e.g. `Stockton-on-Tees`.
    pub whole_name: String,
    /// Who recorded the main counts file, e.g. `Cleveland Police`, when
    /// said (shown beside other sources' series).
    pub source: Option<String>,
    /// What the targets are, e.g. that they are examples, when said.
    pub targets_note: Option<String>,
    /// The year of the population figures used for rates.
    pub population_year: Option<u32>,
    /// Counts from 1 to threshold − 1 are suppressed, when set.
    pub disclosure_threshold: Option<u32>,
    /// When the publisher published it, `YYYY-MM-DD`, when said.
    pub published: Option<String>,
    /// The periods to open on, when the publisher names them.
    pub default_period: Option<DefaultPeriod>,
    /// The files.
    pub files: ManifestFiles,
    /// Caveats shown on every page.
    pub caveats: Vec<String>,
    /// The texts above in Welsh, where given.
    pub welsh: WelshTexts,
}

impl Manifest {
    /// When it was published, for people: `18 Dec 2025`.
    pub fn published_label(&self) -> Option<String> {
        let date = self.published.as_deref()?;
        let month: Month = date.get(..7)?.parse().ok()?;
        let day: u8 = date.get(8..)?.parse().ok()?;
        Some(format!("{day} {}", month.label()))
    }

    /// Parses a manifest, naming the file (and the field or position) in
    /// any error.
    pub fn parse(file: &str, text: &str) -> Result<Manifest, FileError> {
        let root = json::parse(text).map_err(|e| bad(file, e.to_string()))?;
        let obj = root
            .as_object()
            .ok_or_else(|| bad(file, "expected a JSON object { … }".to_string()))?;
        let fields = Fields {
            file,
            obj,
            error: Cell::new(None),
        };
        let title = fields.text("title");
        if title.is_none() {
            fields.fail("\"title\" is missing".to_string(), ());
        }
        let mut manifest = Manifest {
            title: title.unwrap_or_default(),
            publisher: fields.text("publisher").unwrap_or_default(),
            synthetic: fields.flag("synthetic"),
            licence: fields.text("licence").unwrap_or_default(),
            attribution: fields.text("attribution").unwrap_or_default(),
            area_level: fields
                .text("area_level")
                .unwrap_or_else(|| "ward".to_string()),
            parent_level: fields.text("parent_level"),
            whole_name: fields.text("whole_name").unwrap_or_default(),
            source: fields.text("source"),
            targets_note: fields.text("targets_note"),
            population_year: fields.whole_number("population_year"),
            disclosure_threshold: fields.whole_number("disclosure_threshold"),
            published: fields.date("published"),
            default_period: fields.default_period(),
            files: fields.files(),
            caveats: fields.caveats("caveats"),
            welsh: WelshTexts::default(),
        };
        manifest.welsh = fields.welsh(manifest.caveats.len());
        match fields.error.take() {
            Some(error) => Err(error),
            None => Ok(manifest),
        }
    }

    /// The manifest as `manifest.json` text, as a publisher writes it: two
    /// spaces of indent, the keys in the order above, `null` for a number
    /// not given, optional files left out when absent, ending in a newline.
    /// [`Manifest::parse`] reads it back the same.
    pub fn to_json(&self) -> String {
        let number = |n: Option<u32>| n.map_or_else(|| "null".to_string(), |n| n.to_string());
        let cy = &self.welsh;
        let mut out = String::from("{\n");
        // Each key, then its Welsh (`title_cy`) when there is one.
        for (key, value, welsh) in [
            ("title", string(&self.title), cy.get(Text::Title)),
            (
                "publisher",
                string(&self.publisher),
                cy.get(Text::Publisher),
            ),
            ("synthetic", self.synthetic.to_string(), None),
            ("licence", string(&self.licence), cy.get(Text::Licence)),
            (
                "attribution",
                string(&self.attribution),
                cy.get(Text::Attribution),
            ),
            ("area_level", string(&self.area_level), None),
            (
                "whole_name",
                string(&self.whole_name),
                cy.get(Text::WholeName),
            ),
            ("population_year", number(self.population_year), None),
            (
                "disclosure_threshold",
                number(self.disclosure_threshold),
                None,
            ),
        ] {
            out.push_str(&format!("  \"{key}\": {value},\n"));
            if let Some(text) = welsh {
                out.push_str(&format!("  \"{key}_cy\": {},\n", string(text)));
            }
        }
        for (key, text) in [
            ("source", self.source.as_deref()),
            ("source_cy", cy.get(Text::Source)),
            ("targets_note", self.targets_note.as_deref()),
            ("targets_note_cy", cy.get(Text::TargetsNote)),
            ("parent_level", self.parent_level.as_deref()),
        ] {
            if let Some(text) = text {
                out.push_str(&format!("  \"{key}\": {},\n", string(text)));
            }
        }
        if let Some(date) = &self.published {
            out.push_str(&format!("  \"published\": {},\n", string(date)));
        }
        if let Some(p) = &self.default_period {
            let range = |(a, b): (Month, Month)| string(&format!("{a}..{b}"));
            out.push_str(&format!(
                "  \"default_period\": {{\"current\": {}, \"previous\": {}}},\n",
                range(p.current),
                range(p.previous)
            ));
        }
        out.push_str(&format!("  \"files\": {{\n{}\n  }},\n", self.files_json()));
        let list = |texts: &[String]| {
            if texts.is_empty() {
                return "[]".to_string();
            }
            let each: Vec<String> = texts.iter().map(|c| format!("    {}", string(c))).collect();
            format!("[\n{}\n  ]", each.join(",\n"))
        };
        out.push_str(&format!("  \"caveats\": {}", list(&self.caveats)));
        if !cy.caveats.is_empty() {
            out.push_str(&format!(",\n  \"caveats_cy\": {}", list(&cy.caveats)));
        }
        out.push_str("\n}\n");
        out
    }

    /// The inside of `manifest.json`'s `files` object: each file given,
    /// then the other sources' counts files.
    fn files_json(&self) -> String {
        let f = &self.files;
        let files: Vec<String> = [
            ("counts", Some(&f.counts)),
            ("areas", f.areas.as_ref()),
            ("categories", f.categories.as_ref()),
            ("boundaries", f.boundaries.as_ref()),
            ("targets", f.targets.as_ref()),
        ]
        .into_iter()
        .filter_map(|(key, name)| Some(format!("    \"{key}\": {}", string(name?))))
        .chain((!f.other_sources.is_empty()).then(|| {
            let each: Vec<String> =
                f.other_sources
                    .iter()
                    .map(|o| {
                        let cy = o.source_cy.as_deref().map_or_else(String::new, |t| {
                            format!(", \"source_cy\": {}", string(t))
                        });
                        format!(
                            "      {{\"counts\": {}, \"source\": {}{cy}}}",
                            string(&o.counts),
                            string(&o.source)
                        )
                    })
                    .collect();
            format!("    \"other_sources\": [\n{}\n    ]", each.join(",\n"))
        }))
        .collect();
        files.join(",\n")
    }
}

/// One deployed dataset, as `data/index.json` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatasetEntry {
    /// Its folder name (what `?dataset=` takes).
    pub name: String,
    /// Its manifest's title.
    pub title: String,
    /// Its manifest's Welsh title (`title_cy`), when it has one.
    pub title_cy: Option<String>,
}

impl DatasetEntry {
    /// Its title in `lang`: the Welsh when there is one, else the English.
    pub fn title_in(&self, lang: Lang) -> &str {
        match (lang, &self.title_cy) {
            (Lang::Cy, Some(cy)) => cy,
            _ => &self.title,
        }
    }
}

/// Reads `data/index.json` (`[{"name": …, "title": …, "title_cy": …}, …]`,
/// the Welsh title optional). Entries whose name is not a plain folder
/// name are left out.
pub fn parse_index(file: &str, text: &str) -> Result<Vec<DatasetEntry>, FileError> {
    let bad = |message: String| FileError::BadJson {
        file: file.to_string(),
        message: message.into(),
    };
    let root = json::parse(text).map_err(|e| bad(e.to_string()))?;
    let items = root
        .as_array()
        .ok_or_else(|| bad("expected a list of datasets".to_string()))?;
    Ok(items
        .iter()
        .filter_map(|item| {
            let name = item.get("name")?.as_str()?;
            let title = item.get("title")?.as_str()?;
            let plain = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            let title_cy = item.get("title_cy").and_then(Value::as_str);
            plain.then(|| DatasetEntry {
                name: name.to_string(),
                title: title.to_string(),
                title_cy: title_cy
                    .filter(|t| !t.trim().is_empty())
                    .map(str::to_string),
            })
        })
        .collect())
}

/// A manifest error naming the file.
fn bad(file: &str, message: String) -> FileError {
    FileError::BadJson {
        file: file.to_string(),
        message: message.into(),
    }
}

/// The manifest's fields, each read with the error its key deserves. The
/// first error met is kept and reading goes on with a default, so that
/// [`Manifest::parse`] handles it once, at the end.
struct Fields<'a> {
    file: &'a str,
    obj: &'a Object,
    error: Cell<Option<FileError>>,
}

impl Fields<'_> {
    /// Keeps `message` as the error unless one came first, and gives
    /// `default`.
    fn fail<T>(&self, message: String, default: T) -> T {
        let first = self.error.take();
        let file = self.file;
        self.error
            .set(Some(first.unwrap_or_else(|| bad(file, message))));
        default
    }

    /// A text field (absent or `null`: `None`).
    fn text(&self, key: &str) -> Option<String> {
        match self.obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => self.fail(format!("\"{key}\" must be text"), None),
        }
    }

    /// A date written `YYYY-MM-DD`.
    fn date(&self, key: &str) -> Option<String> {
        let text = self.text(key)?;
        if is_date(&text) {
            return Some(text);
        }
        let message = format!("\"{key}\" must be a date written like 2025-12-18");
        self.fail(message, None)
    }

    /// A whole number of 0 or more (a year, a threshold).
    fn whole_number(&self, key: &str) -> Option<u32> {
        match self.obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n))
                if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX) =>
            {
                Some(*n as u32)
            }
            Some(_) => self.fail(format!("\"{key}\" must be a whole number"), None),
        }
    }

    /// A true/false field, false when absent.
    fn flag(&self, key: &str) -> bool {
        match self.obj.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => self.fail(format!("\"{key}\" must be true or false"), false),
        }
    }

    /// `"files"`: at least the counts file.
    fn files(&self) -> ManifestFiles {
        let mut out = ManifestFiles {
            counts: String::new(),
            areas: None,
            categories: None,
            boundaries: None,
            targets: None,
            other_sources: Vec::new(),
        };
        let Some(files) = self.obj.get("files").and_then(Value::as_object) else {
            let message = "\"files\" is missing: it must name at least the counts file, e.g. {\"counts\": \"counts.csv\"}";
            return self.fail(message.to_string(), out);
        };
        let file_field = |key: &str| match files.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => self.fail(format!("\"files\".\"{key}\" must be a file name"), None),
        };
        match file_field("counts") {
            Some(counts) => out.counts = counts,
            None => self.fail("\"files\".\"counts\" is missing".to_string(), ()),
        }
        out.areas = file_field("areas");
        out.categories = file_field("categories");
        out.boundaries = file_field("boundaries");
        out.targets = file_field("targets");
        out.other_sources = self.other_sources(files);
        out
    }

    /// `"files"."other_sources"`: `[{"counts": "file.csv", "source":
    /// "Who recorded it"}, …]`, none when absent.
    fn other_sources(&self, files: &Object) -> Vec<OtherSource> {
        let wrong = || {
            let message = "\"files\".\"other_sources\" must be a list of {\"counts\": \"file.csv\", \"source\": \"who recorded it\"} (and \"source_cy\": its Welsh name, if wanted)";
            self.fail(message.to_string(), Vec::new())
        };
        let items = match files.get("other_sources") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(items)) => items,
            Some(_) => return wrong(),
        };
        let mut out = Vec::new();
        for item in items {
            let text = |key: &str| {
                item.get(key)
                    .and_then(Value::as_str)
                    .filter(|t| !t.trim().is_empty())
                    .map(str::to_string)
            };
            let (Some(counts), Some(source)) = (text("counts"), text("source")) else {
                return wrong();
            };
            let source_cy = text("source_cy");
            out.push(OtherSource {
                counts,
                source,
                source_cy,
            });
        }
        out
    }

    /// `"default_period"`: two month ranges, when given.
    fn default_period(&self) -> Option<DefaultPeriod> {
        let p = match self.obj.get("default_period") {
            None | Some(Value::Null) => return None,
            Some(Value::Object(p)) => p,
            Some(_) => {
                let message = "\"default_period\" must be {\"current\": \"YYYY-MM..YYYY-MM\", \"previous\": \"YYYY-MM..YYYY-MM\"}";
                return self.fail(message.to_string(), None);
            }
        };
        let range = |key: &str| {
            let range = p.get(key).and_then(Value::as_str).and_then(month_range);
            if range.is_none() {
                let message = format!(
                    "\"default_period\".\"{key}\" must be a month range written \"YYYY-MM..YYYY-MM\" (first month not after the last)"
                );
                self.fail(message, ());
            }
            range
        };
        Some(DefaultPeriod {
            current: range("current")?,
            previous: range("previous")?,
        })
    }

    /// `"caveats"` (or `"caveats_cy"`): a list of texts.
    fn caveats(&self, key: &str) -> Vec<String> {
        let texts = match self.obj.get(key) {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|c| c.as_str().map(str::to_string))
                .collect(),
            Some(_) => None,
        };
        texts.unwrap_or_else(|| self.fail(format!("\"{key}\" must be a list of texts"), Vec::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_dataset_index_and_drops_unsafe_names() {
        let text = r#"[{"name":"demo","title":"Demo","title_cy":"Enghraifft"},{"name":"../x","title":"Bad"},{"name":"stockton","title":"Stockton-on-Tees","title_cy":""},{"title":"no name"}]"#;
        let list = parse_index("index.json", text).unwrap();
        let names: Vec<&str> = list.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["demo", "stockton"]);
        assert_eq!(list[1].title, "Stockton-on-Tees");
        // The Welsh title where there is one, else the English.
        let titles = |lang| list.iter().map(|d| d.title_in(lang)).collect::<Vec<_>>();
        assert_eq!(titles(Lang::Cy), ["Enghraifft", "Stockton-on-Tees"]);
        assert_eq!(titles(Lang::En), ["Demo", "Stockton-on-Tees"]);
        assert!(parse_index("index.json", "{}")
            .unwrap_err()
            .to_string()
            .contains("a list"));
    }

    #[test]
    fn parses_minimal_and_reports_errors_with_position() {
        let m = Manifest::parse("m.json", r#"{"title":"T","files":{"counts":"c.csv"}}"#).unwrap();
        assert_eq!(m.files.counts, "c.csv");
        assert!(!m.synthetic);
        assert_eq!(m.area_level, "ward");
        let e = Manifest::parse("m.json", "{\"title\":\n}")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.json: line 2"), "{e}");
    }

    #[test]
    fn writes_the_demo_manifest_as_its_publisher_did() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/data/demo/manifest.json"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let demo = Manifest::parse("manifest.json", &text).unwrap();
        assert_eq!(demo.to_json(), text);
        assert_eq!(
            Manifest::parse("again.json", &demo.to_json()).unwrap(),
            demo
        );
    }

    #[test]
    fn reads_a_default_period_and_names_a_bad_one() {
        let text = r#"{"title":"T","files":{"counts":"c"},
            "default_period":{"current":"2025-07..2025-12","previous":"2025-01..2025-06"}}"#;
        let m = Manifest::parse("m.json", text).unwrap();
        let p = m.default_period.unwrap();
        assert_eq!(p.current.0.to_string(), "2025-07");
        assert_eq!(p.previous.1.to_string(), "2025-06");
        assert!(m.to_json().contains(
            "\"default_period\": {\"current\": \"2025-07..2025-12\", \"previous\": \"2025-01..2025-06\"},"
        ));
        for bad in [
            r#""default_period":"2025-07..2025-12""#,
            r#""default_period":{"current":"2025-13..2025-12","previous":"2025-01"}"#,
            r#""default_period":{"current":"2025-12..2025-07","previous":"2025-01"}"#,
            r#""default_period":{"current":"2025-07..2025-12"}"#,
        ] {
            let text = format!(r#"{{"title":"T","files":{{"counts":"c"}},{bad}}}"#);
            let e = Manifest::parse("m.json", &text).unwrap_err().to_string();
            assert!(e.contains("default_period"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_published_date_reads_for_people_and_a_bad_one_is_named() {
        let text = r#"{"title":"T","files":{"counts":"c"},"published":"2025-12-08"}"#;
        let m = Manifest::parse("m.json", text).unwrap();
        assert_eq!(m.published_label().as_deref(), Some("8 Dec 2025"));
        assert!(m.to_json().contains("  \"published\": \"2025-12-08\",\n"));
        for bad in [
            "2025-12",
            "2025-13-01",
            "2025-12-32",
            "18/12/2025",
            "2025-12-0é",
        ] {
            let text = format!(r#"{{"title":"T","files":{{"counts":"c"}},"published":"{bad}"}}"#);
            let e = Manifest::parse("m.json", &text).unwrap_err().to_string();
            assert!(
                e.contains("m.json") && e.contains("\"published\" must be a date"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn writes_a_tiny_manifest() {
        let m = Manifest::parse("m.json", r#"{"title":"T","files":{"counts":"c.csv"}}"#).unwrap();
        let expected = "{\n  \"title\": \"T\",\n  \"publisher\": \"\",\n  \"synthetic\": false,\n  \
                        \"licence\": \"\",\n  \"attribution\": \"\",\n  \"area_level\": \"ward\",\n  \
                        \"whole_name\": \"\",\n  \"population_year\": null,\n  \
                        \"disclosure_threshold\": null,\n  \"files\": {\n    \"counts\": \"c.csv\"\n  \
                        },\n  \"caveats\": []\n}\n";
        assert_eq!(m.to_json(), expected);
    }

    #[test]
    fn awkward_text_reads_back_the_same() {
        let awkward = "Say \"hi\" \\ C:\\data\nnext\ttab \u{1}\u{1f} Ynys Môn ☃ 😀 </script>";
        let m = Manifest {
            title: awkward.to_string(),
            publisher: "\"".to_string(),
            synthetic: true,
            licence: "\\".to_string(),
            attribution: "\r\n".to_string(),
            area_level: "lsoa".to_string(),
            parent_level: Some("borough".to_string()),
            whole_name: "Stockton-on-Tees".to_string(),
            source: None,
            targets_note: None,
            population_year: Some(2021),
            disclosure_threshold: Some(u32::MAX),
            published: Some("2025-12-18".to_string()),
            default_period: Some(DefaultPeriod {
                current: ("2025-07".parse().unwrap(), "2025-12".parse().unwrap()),
                previous: ("2025-01".parse().unwrap(), "2025-06".parse().unwrap()),
            }),
            files: ManifestFiles {
                counts: "a \"b\".csv".to_string(),
                areas: None,
                categories: Some("categories.csv".to_string()),
                boundaries: Some("ü.geojson".to_string()),
                targets: None,
                other_sources: Vec::new(),
            },
            caveats: vec![awkward.to_string(), String::new()],
            welsh: WelshTexts::default(),
        };
        let text = m.to_json();
        assert!(
            text.contains(r#""title": "Say \"hi\" \\ C:\\data\nnext\ttab \u0001\u001f Ynys Môn"#),
            "{text}"
        );
        assert_eq!(Manifest::parse("m.json", &text).unwrap(), m);
    }
}
