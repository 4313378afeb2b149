//! Where a load's time goes, stage by stage, for the loading benchmark
//! (`scripts/bench-load` prints it): the worker sends the stages as a last
//! item after `done`'s dataset files, which the page does not read.
//!
//! Times are milliseconds of this worker's clock (`performance.now()`),
//! except `reader`, the reader's own time in `FileReaderSync` (its thread
//! runs beside this one, so it overlaps the others).

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::WorkerGlobalScope;

/// The stages of one load, in milliseconds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stages {
    /// Recognising the files given (`add` to `added`).
    pub add: f64,
    /// Warming up after `added`, while the reader chooses (not part of
    /// the load's time unless `start` comes sooner).
    pub warm_up: f64,
    /// Reading the small files and planning (`start`).
    pub start: f64,
    /// Waiting for the reader's next slice.
    pub wait: f64,
    /// Reading slices on this thread (the first, or all when the reader
    /// could not start).
    pub read_here: f64,
    /// Copying slices into wasm memory.
    pub copy: f64,
    /// Steps in all (reading here, copying, scanning and tallying).
    pub steps: f64,
    /// Finishing: the cube, the dataset's files, the report.
    pub finish: f64,
    /// Posting `done` and the dataset's files to the page.
    pub post: f64,
    /// The reader's own time reading slices (on its thread).
    pub reader: f64,
    /// Slices handed over by the reader.
    pub slices: u32,
}

thread_local! {
    static STAGES: RefCell<Stages> = RefCell::new(Stages::default());
}

/// The worker's clock in milliseconds (sub-millisecond where the browser
/// allows).
pub fn now() -> f64 {
    js_sys::global()
        .dyn_into::<WorkerGlobalScope>()
        .ok()
        .and_then(|scope| scope.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Adds to the load's stages.
pub fn record(add: impl FnOnce(&mut Stages)) {
    STAGES.with_borrow_mut(add);
}

/// Runs `f`, adding its time to the stage `stage` picks.
pub fn timed<T>(stage: impl FnOnce(&mut Stages) -> &mut f64, f: impl FnOnce() -> T) -> T {
    let t0 = now();
    let out = f();
    let ms = now() - t0;
    record(|s| *stage(s) += ms);
    out
}

/// The stages as JSON, scanning and tallying being the steps' time less
/// reading and copying.
pub fn to_json() -> String {
    let s = STAGES.with_borrow(|s| *s);
    let parse = s.steps - s.read_here - s.copy;
    let parts = [
        ("add", s.add),
        ("warm_up", s.warm_up),
        ("start", s.start),
        ("wait", s.wait),
        ("read_here", s.read_here),
        ("copy", s.copy),
        ("parse", parse),
        ("finish", s.finish),
        ("post", s.post),
        ("reader", s.reader),
        ("slices", f64::from(s.slices)),
    ];
    let members: Vec<String> = parts
        .iter()
        .map(|(name, ms)| format!("\"{name}\":{ms:.2}"))
        .collect();
    format!("{{{}}}", members.join(","))
}
