//! The loading worker (wasm32 only; its own bundle, `src/bin/loader.rs`):
//! runs a [`LoadSession`] on the user's files off the page's thread and
//! answers the page in JSON ([`crate::view::load::message`]).
//!
//! The worker first says `ready`. The page sends `add` (with the `File`s),
//! then `start` (level, area, view). The worker answers `added` (the files
//! table and the choices) and, while the reader chooses, loads a small
//! made-up file to warm up ([`warm_up`]); then `progress` now and then,
//! and then `done` (the report and the view to open, followed by the
//! dataset's files: manifest, counts, areas, boundaries, categories; empty
//! when absent) or `failed`. A worker serves one load: the page starts a
//! new one to load again or to cancel.

mod file_source;
mod stages;

use std::cell::RefCell;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

use crate::data::lookup::LEVELS;
use crate::data::session::{DatasetFiles, LoadSession};
use crate::i18n::{install, words, Lang, Msg};
use crate::state::{Page, ViewState};
use crate::view::load::message::{FromWorker, ToWorker};
use crate::view::load::{progress_text, summary, warm_up, Timing};
use crate::view::periods;

use file_source::FileSource;
use stages::now;

/// Bytes read per step: a browser reads a `File` in big slices much faster
/// than in small ones (16 MiB: ~0.2 s for 218 MB; 1 MiB: ~0.6 s), and a
/// step of 16 MiB still reports progress every few tens of ms.
const STEP_BYTES: usize = 16 << 20;

/// Milliseconds between progress messages.
const PROGRESS_EVERY_MS: f64 = 50.0;

thread_local! {
    /// The worker's load: the files given, until the load starts.
    static SESSION: RefCell<Option<LoadSession>> = const { RefCell::new(None) };
    /// The page's language (what the files table and the report say).
    static LANG: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
    /// Whether the worker has warmed up (once, after its first `added`).
    static WARM: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Sends `items` (the message's JSON first).
fn post_items(items: &[JsValue]) {
    let message: Array = items.iter().collect();
    // An array of strings cannot fail to be copied to the page.
    let _ = scope().post_message(&message);
}

fn post(message: &FromWorker) {
    post_items(&[message.to_json().into()]);
}

fn fail(message: impl Into<String>) {
    post(&FromWorker::Failed(message.into()));
}

/// Sends `done`: the report and the view, then the dataset's files as
/// UTF-8 bytes (moved to the page, not copied).
fn post_done(done: &FromWorker, files: DatasetFiles) {
    let t0 = stages::now();
    let bytes: Vec<Uint8Array> = files
        .into_texts()
        .iter()
        .map(|t| Uint8Array::from(t.as_bytes()))
        .collect();
    let message: Array = std::iter::once(JsValue::from(done.to_json()))
        .chain(bytes.iter().map(JsValue::from))
        .collect();
    let moved: Array = bytes.iter().map(Uint8Array::buffer).collect();
    if scope()
        .post_message_with_transfer(&message, &moved)
        .is_err()
    {
        fail(words(LANG.get()).t(Msg::WorkerSentNoDataset));
    }
    stages::record(|s| s.post += stages::now() - t0);
    // The page reads the first six items; the benchmark reads this one.
    post_items(&["stages".into(), stages::to_json().into()]);
}

fn add(files: Array) {
    let reader = match FileSource::reader() {
        Ok(reader) => reader,
        Err(message) => {
            let w = words(LANG.get());
            fail(w.f(Msg::CannotReadFilesHere, &[("why", &message)]));
            return;
        }
    };
    let t0 = now();
    SESSION.with_borrow_mut(|slot| {
        let session = slot.get_or_insert_with(LoadSession::new);
        for value in files.iter() {
            if let Ok(file) = value.dyn_into::<File>() {
                let name = file.name();
                session.add(&name, FileSource::new(file, reader.clone()));
            }
        }
        let w = words(LANG.get());
        post(&FromWorker::added(&session.files(), &session.choices(), w));
    });
    stages::record(|s| s.add += now() - t0);
    // The page has the files table; the reader now looks at it and
    // chooses, while this worker warms up (a `start` meanwhile waits).
    if !WARM.replace(true) {
        stages::timed(|s| &mut s.warm_up, || warm_up::run(words(LANG.get())));
    }
}

fn start(level: &str, within: &str, query: &str) {
    let Some(mut session) = SESSION.with_borrow_mut(Option::take) else {
        fail(words(LANG.get()).t(Msg::NoFilesGiven));
        return;
    };
    let began = now();
    session.set_step_bytes(STEP_BYTES);
    let level = LEVELS.into_iter().find(|l| l.name() == level);
    let within = Some(within).filter(|w| !w.is_empty());
    let started = stages::timed(|s| &mut s.start, || session.start(level, within));
    if let Err(e) = started {
        fail(e.text().in_words(words(LANG.get())));
        // The files stay: the page may choose again.
        SESSION.with_borrow_mut(|slot| *slot = Some(session));
        return;
    }
    let query = query.to_string();
    wasm_bindgen_futures::spawn_local(async move { run_load(session, began, &query).await });
}

/// Steps through the files (waiting between steps for the slice read
/// meanwhile by the reader), then sends the dataset and its report.
async fn run_load(mut session: LoadSession, began: f64, query: &str) {
    let mut last = began;
    loop {
        let waiting = now();
        file_source::next_slice().await;
        stages::record(|s| s.wait += now() - waiting);
        match stages::timed(|s| &mut s.steps, || session.step()) {
            Ok(true) => break,
            Ok(false) => {}
            Err(e) => {
                fail(e.text().in_words(words(LANG.get())));
                return;
            }
        }
        if now() - last >= PROGRESS_EVERY_MS {
            last = now();
            let p = session.progress();
            post(&FromWorker::Progress {
                done: p.bytes_done,
                total: p.bytes_total,
                text: progress_text(p, words(LANG.get())),
            });
        }
    }
    let bytes = session.progress().bytes_total;
    let finishing = now();
    match session.finish() {
        Ok(loaded) => {
            let files = loaded.dataset_files();
            let timing = Timing {
                ms: now() - began,
                bytes,
            };
            let mut view = ViewState::from_query(query);
            view.page = Page::Overview;
            view.period = periods::for_loaded(&loaded.data.dataset.cube, view.period);
            let done = FromWorker::Done {
                summary: Box::new(summary(&loaded, timing, words(view.lang))),
                query: view.to_query(),
            };
            stages::record(|s| s.finish += now() - finishing);
            post_done(&done, files);
        }
        Err(e) => fail(e.text().in_words(words(LANG.get()))),
    }
}

fn on_message(event: MessageEvent) {
    let items = Array::from(&event.data());
    let json = items.get(0).as_string().unwrap_or_default();
    match ToWorker::from_json(&json) {
        Ok(ToWorker::Add { lang, catalogue }) => {
            let lang = Lang::from_code(&lang).unwrap_or_default();
            if !catalogue.is_empty() {
                install(lang, catalogue);
            }
            LANG.set(lang);
            add(Array::from(&items.get(1)))
        }
        Ok(ToWorker::Start {
            level,
            within,
            query,
        }) => start(&level, &within, &query),
        Err(message) => fail(message),
    }
}

/// Starts listening to the page.
pub fn run() {
    // The report's words are this bundle's, not the explorer's.
    crate::i18n::with_load_messages();
    let handler = Closure::<dyn Fn(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    file_source::start_reader_early();
    post(&FromWorker::Ready);
}
