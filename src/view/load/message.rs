//! The messages between the Load data page and its loading worker, as
//! JSON. Every message is a JS array: its JSON text first, then what JSON
//! would only copy: the user's `File`s (with [`ToWorker::Add`]) and the
//! dataset's text files, as a publisher keeps them (with
//! [`FromWorker::Done`]).

use crate::data::json::{parse, Value};
use crate::data::json_write::{number, push_string};
use crate::data::session::{Choices, FileReport};
use crate::view::table::TableModel;

use super::json::{
    member, pairs, push_key, push_pairs, push_summary, push_table, summary, table, text, Mismatch,
    OPEN,
};
use super::{files_table, level_options, LoadSummary};

/// What the page tells the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum ToWorker {
    /// Read the files that follow (and recognise them), saying what
    /// is found in the page's language.
    Add {
        /// The language's code (`en`, `cy`).
        lang: String,
        /// Its catalogue, as the page fetched it (empty for English,
        /// which is built in): the worker has no other copy.
        catalogue: String,
    },
    /// Load the files at `level`, restricted to the area `within` (empty:
    /// none), for the view `query` (the page's address query).
    Start {
        /// A level's name (`ward`…; empty: the default).
        level: String,
        /// An area's code, or empty.
        within: String,
        /// The view the page shows.
        query: String,
    },
}

/// The files recognised: what each was taken to be, and the choices
/// they offer.
#[derive(Clone, Debug, PartialEq)]
pub struct Recognised {
    /// The files table.
    pub files: TableModel,
    /// Levels (key, label), the default first.
    pub levels: Vec<(String, String)>,
    /// Areas to restrict to (code, name): those with rows in the sample
    /// across the files first, most first, then the rest by name.
    pub areas: Vec<(String, String)>,
    /// How many of `areas`, from the first, have rows in the sample.
    pub in_files: u64,
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq)]
pub enum FromWorker {
    /// The worker runs: it can take the files.
    Ready,
    /// The files were recognised.
    Added(Recognised),
    /// How far the load has gone.
    Progress {
        /// Bytes read.
        done: u64,
        /// Bytes to read.
        total: u64,
        /// The line to show.
        text: String,
    },
    /// The load finished (the dataset's files follow).
    Done {
        /// The load report.
        summary: Box<LoadSummary>,
        /// The view to open: the overview, with periods the data covers.
        query: String,
    },
    /// The load cannot go on.
    Failed(String),
}

impl FromWorker {
    /// The files are recognised: the files table and the choices (levels
    /// with the default first, areas by name).
    pub fn added(files: &[&FileReport], choices: &Choices, w: &crate::i18n::Words) -> FromWorker {
        FromWorker::Added(Recognised {
            files: files_table(files, w),
            levels: level_options(choices, w)
                .into_iter()
                .map(|(level, label)| (level.name().to_string(), label.to_string()))
                .collect(),
            areas: choices
                .within
                .iter()
                .map(|a| (a.code.as_str().to_string(), a.name_in(w.lang()).to_string()))
                .collect(),
            in_files: choices.within.iter().filter(|a| a.sampled > 0).count() as u64,
        })
    }
}

/// `{"type":"…"` opening a message's object.
fn open(kind: &str) -> String {
    let mut out = OPEN.to_string();
    push_key(&mut out, "type");
    push_string(&mut out, kind);
    out
}

/// Appends `"key":"text"`.
fn push_text_member(out: &mut String, key: &str, text: &str) {
    push_key(out, key);
    push_string(out, text);
}

impl ToWorker {
    /// The message as JSON.
    pub fn to_json(&self) -> String {
        let mut out = match self {
            ToWorker::Add { lang, catalogue } => {
                let mut out = open("add");
                push_text_member(&mut out, "lang", lang);
                push_text_member(&mut out, "catalogue", catalogue);
                out
            }
            ToWorker::Start {
                level,
                within,
                query,
            } => {
                let mut out = open("start");
                push_text_member(&mut out, "level", level);
                push_text_member(&mut out, "within", within);
                push_text_member(&mut out, "query", query);
                out
            }
        };
        out.push('}');
        out
    }

    /// The message [`to_json`](Self::to_json) wrote.
    pub fn from_json(json: &str) -> Result<ToWorker, String> {
        let v = read(json)?;
        let message = || -> Result<ToWorker, Mismatch> {
            Ok(match text(&v, "type")?.as_str() {
                "add" => ToWorker::Add {
                    lang: text(&v, "lang")?,
                    catalogue: text(&v, "catalogue")?,
                },
                "start" => ToWorker::Start {
                    level: text(&v, "level")?,
                    within: text(&v, "within")?,
                    query: text(&v, "query")?,
                },
                other => return Err(format!("unknown message {other:?}")),
            })
        };
        message().map_err(|e| format!("the page's message: {e}"))
    }
}

impl FromWorker {
    /// The message as JSON.
    pub fn to_json(&self) -> String {
        let mut out = match self {
            FromWorker::Ready => open("ready"),
            FromWorker::Added(Recognised {
                files,
                levels,
                areas,
                in_files,
            }) => {
                let mut out = open("added");
                push_key(&mut out, "files");
                push_table(&mut out, files);
                push_key(&mut out, "levels");
                push_pairs(&mut out, levels);
                push_key(&mut out, "areas");
                push_pairs(&mut out, areas);
                push_key(&mut out, "in_files");
                out.push_str(&number(*in_files as f64, 0));
                out
            }
            FromWorker::Progress { done, total, text } => {
                let mut out = open("progress");
                push_key(&mut out, "done");
                out.push_str(&number(*done as f64, 0));
                push_key(&mut out, "total");
                out.push_str(&number(*total as f64, 0));
                push_text_member(&mut out, "text", text);
                out
            }
            FromWorker::Done { summary, query } => {
                let mut out = open("done");
                push_key(&mut out, "summary");
                push_summary(&mut out, summary);
                push_text_member(&mut out, "query", query);
                out
            }
            FromWorker::Failed(message) => {
                let mut out = open("failed");
                push_text_member(&mut out, "message", message);
                out
            }
        };
        out.push('}');
        out
    }

    /// The message [`to_json`](Self::to_json) wrote.
    pub fn from_json(json: &str) -> Result<FromWorker, String> {
        let v = read(json)?;
        let message = || -> Result<FromWorker, Mismatch> {
            Ok(match text(&v, "type")?.as_str() {
                "ready" => FromWorker::Ready,
                "added" => FromWorker::Added(Recognised {
                    files: table(&v, "files")?,
                    levels: pairs(&v, "levels")?,
                    areas: pairs(&v, "areas")?,
                    in_files: count(&v, "in_files")?,
                }),
                "progress" => FromWorker::Progress {
                    done: count(&v, "done")?,
                    total: count(&v, "total")?,
                    text: text(&v, "text")?,
                },
                "done" => FromWorker::Done {
                    summary: Box::new(summary(&v, "summary")?),
                    query: text(&v, "query")?,
                },
                "failed" => FromWorker::Failed(text(&v, "message")?),
                other => return Err(format!("unknown message {other:?}")),
            })
        };
        message().map_err(|e| format!("the loading worker's message: {e}"))
    }
}

/// Member `key` as a count (of bytes, of areas).
fn count(v: &Value, key: &str) -> Result<u64, Mismatch> {
    match member(v, key)?.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 => Ok(n as u64),
        _ => Err(format!("\"{key}\" is not a count")),
    }
}

/// A message's JSON value.
fn read(json: &str) -> Result<Value, String> {
    parse(json).map_err(|e| format!("a message that is not JSON ({e})"))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::session;
    use super::super::{summary, Timing};
    use super::*;

    #[test]
    fn every_message_comes_back_as_sent() {
        let mut s = session();
        let added = FromWorker::added(&s.files(), &s.choices(), crate::i18n::english());
        let FromWorker::Added(Recognised { levels, areas, .. }) = &added else {
            panic!("{added:?}");
        };
        assert_eq!(levels[0], ("ward".to_string(), "Ward".to_string()));
        // Town has 4 of the sampled rows (all of these small files), City 1.
        assert_eq!(
            areas,
            &[
                ("E06000001".to_string(), "Town".to_string()),
                ("E06000002".to_string(), "City".to_string())
            ]
        );
        s.start(None, Some("E06000001")).unwrap();
        let timing = Timing {
            ms: 12.5,
            bytes: 900,
        };
        let done = FromWorker::Done {
            summary: Box::new(summary(
                &s.finish().unwrap(),
                timing,
                crate::i18n::english(),
            )),
            query: "?page=overview&period=rolling12".to_string(),
        };
        let progress = FromWorker::Progress {
            done: 9_007_199_254_740_992,
            total: 0,
            text: "55.0 MB of 220.0 MB read (25%)".to_string(),
        };
        let failed = FromWorker::Failed("a \"zip\"\n\tdamaged \u{1e}".to_string());
        for message in [FromWorker::Ready, added, progress, done, failed] {
            assert_eq!(FromWorker::from_json(&message.to_json()), Ok(message));
        }
        let start = ToWorker::Start {
            level: "ward".to_string(),
            within: String::new(),
            query: "?page=wards&select=asb".to_string(),
        };
        let add = ToWorker::Add {
            lang: "cy".to_string(),
            catalogue: "Key = \"text\"\n\tand more".to_string(),
        };
        for message in [add, start] {
            assert_eq!(ToWorker::from_json(&message.to_json()), Ok(message));
        }
    }

    #[test]
    fn a_message_not_as_written_is_an_error_that_says_why() {
        let from = |json: &str| FromWorker::from_json(json).unwrap_err();
        assert!(from("[\"done\"").starts_with("a message that is not JSON"));
        assert_eq!(from("{}"), "the loading worker's message: no \"type\"");
        assert_eq!(
            from(r#"{"type":"bye"}"#),
            "the loading worker's message: unknown message \"bye\""
        );
        assert_eq!(
            from(r#"{"type":"progress","done":-1,"total":2,"text":""}"#),
            "the loading worker's message: \"done\" is not a count"
        );
        assert_eq!(
            ToWorker::from_json(r#"{"type":"start","level":"ward"}"#).unwrap_err(),
            "the page's message: no \"within\""
        );
    }
}
