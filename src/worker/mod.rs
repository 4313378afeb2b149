//! The loading worker (wasm32 only; its own bundle, `src/bin/loader.rs`):
//! runs a [`LoadSession`] on the user's files off the page's thread and
//! answers the page with text ([`crate::view::load::wire`]).
//!
//! Messages are arrays. The worker first says `["ready"]`. From the page: `["add", [File…]]`, then
//! `["start", level, area, view query]`. To the page: `["added", files, levels,
//! default level, areas]`; `["progress", bytes done, bytes to read, rows,
//! files done, files, current file, the line to show]`; then `["done", manifest, counts,
//! areas, boundaries, report, [ms, bytes, rows], view query]` (the page's
//! view on the overview, with periods the data covers) or `["failed", message,
//! files]`. A worker serves one load: the page starts a new one to load
//! again or to cancel.

mod file_source;

use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

use crate::data::lookup::LEVELS;
use crate::data::session::LoadSession;
use crate::state::{Page, ViewState};
use crate::view::load::wire::{choices_to_wire, table_to_wire};
use crate::view::load::{files_table, progress_text, summary, Timing};
use crate::view::periods;

use file_source::FileSource;

/// Bytes read per step: a browser reads a `File` in big slices much faster
/// than in small ones (16 MiB: ~0.2 s for 218 MB; 1 MiB: ~0.6 s), and a
/// step of 16 MiB still reports progress every few tens of ms.
const STEP_BYTES: usize = 16 << 20;

/// Milliseconds between progress messages.
const PROGRESS_EVERY_MS: f64 = 50.0;

thread_local! {

    static SESSION: RefCell<Option<LoadSession>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(items: &[JsValue]) {
    let message: Array = items.iter().collect();
    // Posting a plain array of strings and numbers cannot fail.
    let _ = scope().post_message(&message);
}

fn files_wire(session: &LoadSession) -> JsValue {
    table_to_wire(&files_table(&session.files())).into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn add(files: Array) {
    let reader = match FileSource::reader() {
        Ok(reader) => reader,
        Err(message) => {
            let message = format!("This browser cannot read files here: {message}");
            post(&["failed".into(), message.into(), "".into()]);
            return;
        }
    };
    SESSION.with_borrow_mut(|slot| {
        let session = slot.get_or_insert_with(LoadSession::new);
        for value in files.iter() {
            if let Ok(file) = value.dyn_into::<File>() {
                let name = file.name();
                session.add(&name, FileSource::new(file, reader.clone()));
            }
        }
        let choices = session.choices();
        let (levels, areas) = choices_to_wire(&choices);
        let default = choices.default_level.name();
        post(&[
            "added".into(),
            files_wire(session),
            levels.into(),
            default.into(),
            areas.into(),
        ]);
    });
}

fn start(level: &str, within: &str, query: &str) {
    let Some(mut session) = SESSION.with_borrow_mut(Option::take) else {
        post(&["failed".into(), "No files were given.".into(), "".into()]);
        return;
    };
    let began = now();
    session.set_step_bytes(STEP_BYTES);
    let level = LEVELS.into_iter().find(|l| l.name() == level);
    let within = Some(within).filter(|w| !w.is_empty());
    if let Err(e) = session.start(level, within) {
        post(&["failed".into(), e.to_string().into(), files_wire(&session)]);
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
        file_source::next_slice().await;
        match session.step() {
            Ok(true) => break,
            Ok(false) => {}
            Err(e) => {
                post(&["failed".into(), e.to_string().into(), files_wire(&session)]);
                return;
            }
        }
        if now() - last >= PROGRESS_EVERY_MS {
            last = now();
            let p = session.progress();
            post(&[
                "progress".into(),
                (p.bytes_done as f64).into(),
                (p.bytes_total as f64).into(),
                (p.rows as f64).into(),
                (p.files_done as f64).into(),
                (p.files_total as f64).into(),
                p.current.clone().unwrap_or_default().into(),
                progress_text(p).into(),
            ]);
        }
    }
    let bytes = session.progress().bytes_total;
    let files = files_wire(&session);
    match session.finish() {
        Ok(loaded) => {
            let dataset = loaded.dataset_files();
            let ms = now() - began;
            let report = summary(&loaded, Timing { ms, bytes });
            let mut view = ViewState::from_query(query);
            view.page = Page::Overview;
            view.period = periods::for_loaded(&loaded.bundle.dataset.cube, view.period);
            let stats: Array = [ms, bytes as f64, loaded.report.rows_read as f64]
                .iter()
                .map(|&n| JsValue::from(n))
                .collect();
            post(&[
                "done".into(),
                dataset.manifest.into(),
                dataset.counts.into(),
                dataset.areas.unwrap_or_default().into(),
                dataset.boundaries.unwrap_or_default().into(),
                report.to_wire().into(),
                stats.into(),
                view.to_query().into(),
                dataset.categories.unwrap_or_default().into(),
            ]);
        }
        Err(e) => post(&["failed".into(), e.to_string().into(), files]),
    }
}

fn on_message(event: MessageEvent) {
    let message = Array::from(&event.data());
    let tag = message.get(0).as_string().unwrap_or_default();
    let text = |i: u32| message.get(i).as_string().unwrap_or_default();
    match tag.as_str() {
        "add" => add(Array::from(&message.get(1))),
        "start" => start(&text(1), &text(2), &text(3)),
        _ => post(&["failed".into(), format!("unknown message {tag:?}").into()]),
    }
}

/// Starts listening to the page.
pub fn run() {
    let handler = Closure::<dyn Fn(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&["ready".into()]);
}
