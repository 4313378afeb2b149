//! The page's side of the loading worker (`crate::worker`): starts it with
//! the user's files, decodes its answers. Dropping a [`Loader`] stops the
//! worker, which is how a load is cancelled.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker};

use crate::data::session::DatasetFiles;
use crate::view::load::wire::{pairs_from_wire, table_from_wire};
use crate::view::load::LoadSummary;
use crate::view::table::TableModel;

/// The worker script trunk writes beside the app.
const SCRIPT: &str = "loader_loader.js";

/// An answer of the worker.
pub enum Reply {
    /// The files were recognised: what each is, and the choices.
    Added {
        /// The files table.
        files: TableModel,
        /// Levels (key, label), the default first.
        levels: Vec<(String, String)>,
        /// Areas to restrict to (code, name).
        areas: Vec<(String, String)>,
    },
    /// How far the load has gone: bytes read, bytes to read, the line to
    /// show.
    Progress(f64, f64, String),
    /// The load finished; the view to open (the overview, with periods
    /// the data covers).
    Done(Box<(DatasetFiles, LoadSummary, String)>),
    /// The load cannot go on (the worker also sends the files table; the
    /// page shows the one of the fresh worker it starts instead).
    Failed(String),
}

/// A file's text, `None` when the worker sent none.
fn some(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn decode(data: JsValue) -> Option<Reply> {
    let a = Array::from(&data);
    let text = |i: u32| a.get(i).as_string().unwrap_or_default();
    Some(match text(0).as_str() {
        "added" => Reply::Added {
            files: table_from_wire(&text(1)),
            levels: pairs_from_wire(&text(2)),
            areas: pairs_from_wire(&text(4)),
        },
        "progress" => Reply::Progress(
            a.get(1).as_f64().unwrap_or(0.0),
            a.get(2).as_f64().unwrap_or(0.0),
            text(7),
        ),
        "done" => Reply::Done(Box::new((
            DatasetFiles {
                manifest: text(1),
                counts: text(2),
                areas: some(text(3)),
                categories: some(text(8)),
                boundaries: some(text(4)),
            },
            LoadSummary::from_wire(&text(5)),
            text(7),
        ))),
        "failed" => Reply::Failed(text(1)),
        _ => return None,
    })
}

/// A running worker holding the user's files.
pub struct Loader {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Loader {
    /// Starts a worker and gives it `files`; `on_reply` hears its answers.
    pub fn spawn(
        files: &[File],
        mut on_reply: impl FnMut(Reply) + 'static,
    ) -> Result<Loader, String> {
        let worker = Worker::new(SCRIPT).map_err(|_| {
            "This browser could not start the loading worker (loader_loader.js).".to_string()
        })?;
        // The worker says "ready" once its module runs; messages sent
        // before would be lost.
        let list: Array = files.iter().collect();
        let add = Array::of2(&"add".into(), &list);
        let to_worker = worker.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if ev.type_() == "error" {
                on_reply(Reply::Failed(
                    "The loading worker stopped: it could not start, or the browser ran out of memory.".to_string(),
                ));
                return;
            }
            let data = ev.data();
            if Array::from(&data).get(0).as_string().as_deref() == Some("ready") {
                if to_worker.post_message(&add).is_err() {
                    on_reply(Reply::Failed(
                        "The files could not be passed to the loading worker.".to_string(),
                    ));
                }
            } else if let Some(reply) = decode(data) {
                on_reply(reply);
            }
        });
        // A worker that dies (out of memory, say) sends an error event.
        worker.set_onerror(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Ok(Loader {
            worker,
            _on_message: on_message,
        })
    }

    /// Starts the load at `level`, restricted to `within` (empty: none),
    /// from the view `query`.
    pub fn start(&self, level: &str, within: &str, query: &str) {
        let message = Array::of4(
            &"start".into(),
            &level.into(),
            &within.into(),
            &query.into(),
        );
        let _ = self.worker.post_message(&message);
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
