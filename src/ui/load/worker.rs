//! The page's side of the loading worker (`crate::worker`): starts it with
//! the user's files, reads its answers ([`FromWorker`], in JSON, and the
//! dataset's files beside `done`). Dropping a [`Loader`] stops the worker,
//! which is how a load is cancelled.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker};

use crate::data::session::DatasetFiles;
use crate::i18n::{Msg, Words};
use crate::view::load::message::{FromWorker, ToWorker};

/// The worker script trunk writes beside the app.
const SCRIPT: &str = "loader_loader.js";

/// An answer of the worker, with the dataset's files when it is `done`.
pub struct Reply {
    /// What the worker said.
    pub message: FromWorker,
    /// The dataset as the publisher's files (with `done` only).
    pub files: Option<DatasetFiles>,
}

/// The worker's message in `data`: a message the page cannot read is a
/// failure of the load, said as such. The dataset's files come as UTF-8
/// bytes (empty when absent); a `done` without them has `files: None`.
fn decode(data: &JsValue, w: &Words) -> Reply {
    let items = Array::from(data);
    let message = FromWorker::from_json(&items.get(0).as_string().unwrap_or_default())
        .unwrap_or_else(|e| FromWorker::Failed(w.f(Msg::PageCouldNotReadWorker, &[("why", &e)])));
    let text = |i: u32| {
        let bytes = items.get(i).dyn_into::<Uint8Array>().ok()?;
        String::from_utf8(bytes.to_vec()).ok()
    };
    let files = || {
        let texts: Option<Vec<String>> = (1..=5).map(text).collect();
        Some(DatasetFiles::from_texts(texts?.try_into().ok()?))
    };
    let files = matches!(message, FromWorker::Done { .. })
        .then(files)
        .flatten();
    Reply { message, files }
}

/// The smallest module using wasm SIMD, which the loading worker is built
/// with: one function of no parameters returning a `v128`, whose body is
/// `i32.const 0; i8x16.splat; i8x16.popcnt; end`.
const SIMD_MODULE: [u8; 31] = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: () -> v128
    0x03, 0x02, 0x01, 0x00, // functions: one, of type 0
    0x0a, 0x0a, 0x01, 0x08, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0xfd, 0x62, 0x0b, // its code
];

/// True when this browser runs wasm SIMD (every current one does).
fn wasm_simd() -> bool {
    let bytes = js_sys::Uint8Array::from(&SIMD_MODULE[..]);
    js_sys::WebAssembly::validate(&bytes).unwrap_or(false)
}

/// A running worker holding the user's files.
pub struct Loader {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Loader {
    /// Starts a worker and gives it `files` once it is ready; `on_reply`
    /// hears its answers.
    pub fn spawn(
        files: &[File],
        w: &'static Words,
        mut on_reply: impl FnMut(Reply) + 'static,
    ) -> Result<Loader, String> {
        if !wasm_simd() {
            return Err(w.t(Msg::NoWasmSimd).to_string());
        }
        let worker = Worker::new(SCRIPT).map_err(|_| w.t(Msg::WorkerNotStarted).to_string())?;
        // The worker says "ready" once its module runs; messages sent
        // before would be lost.
        let list: Array = files.iter().collect();
        let add = ToWorker::Add {
            lang: w.lang().code().to_string(),
            catalogue: w.file().unwrap_or_default().to_string(),
        };
        let add = Array::of2(&add.to_json().into(), &list);
        let to_worker = worker.clone();
        let failed = |message: &str| Reply {
            message: FromWorker::Failed(message.to_string()),
            files: None,
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if ev.type_() == "error" {
                on_reply(failed(w.t(Msg::WorkerStopped)));
                return;
            }
            let reply = decode(&ev.data(), w);
            if !matches!(reply.message, FromWorker::Ready) {
                on_reply(reply);
            } else if to_worker.post_message(&add).is_err() {
                on_reply(failed(w.t(Msg::FilesNotPassed)));
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
    /// from the view `query`; an error when the worker cannot be told.
    pub fn start(&self, level: &str, within: &str, query: &str, w: &Words) -> Result<(), String> {
        let start = ToWorker::Start {
            level: level.to_string(),
            within: within.to_string(),
            query: query.to_string(),
        };
        self.worker
            .post_message(&Array::of1(&start.to_json().into()))
            .map_err(|_| w.t(Msg::LoadNotPassed).to_string())
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
