//! A browser `File` as [`ReadAt`] (workers only): the file is never held
//! whole in memory.
//!
//! Reading and parsing overlap: from a big read (a load's step) on, a
//! second worker (`reader.js`, started with this one) reads the following
//! slices on its own thread, beside that read, and hands them over; the loop waits for the next one between
//! steps ([`next_slice`]). Any read that is not the next slice, and every
//! read when that worker cannot start, is made here with `FileReaderSync`.
//! (Reading asynchronously on this thread does not overlap: the bytes
//! arrive through this thread's event loop, busy parsing.)

use std::cell::RefCell;
use std::collections::VecDeque;

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileReaderSync, MessageEvent, Worker};

use crate::data::zip::ReadAt;

use super::stages;

/// Reads at least this big are read ahead by the reader.
const AHEAD_FROM: usize = 1 << 20;

/// The reader's current job and what it has handed over.
#[derive(Default)]
struct Feed {
    /// The reader, once started (`None` inside: it could not start).
    reader: Option<Option<Worker>>,
    /// The job's number, the source it reads (0: none), the offset the
    /// next step reads, and where the reader stops.
    job: u32,
    source: u32,
    next: u64,
    end: u64,
    slices: VecDeque<(u64, Uint8Array)>,
    /// Resolves the wait for the next slice.
    waker: Option<Function>,
}

impl Feed {
    fn waiting(&self) -> bool {
        self.source != 0 && self.slices.is_empty() && self.next < self.end
    }

    fn stop(&mut self) {
        self.source = 0;
        self.slices.clear();
        if let Some(w) = self.waker.take() {
            let _ = w.call0(&JsValue::NULL);
        }
    }

    /// Gives up on the reader for the rest of the load: every read is then
    /// made here.
    fn give_up(&mut self) {
        if let Some(Some(w)) = self.reader.take() {
            w.terminate();
        }
        self.reader = Some(None);
        self.stop();
    }
}

/// How long a slice may keep the load waiting before the reader is given
/// up (it should come in a few milliseconds).
const PATIENCE_MS: i32 = 10_000;

thread_local! {
    static FEED: RefCell<Feed> = RefCell::new(Feed::default());
    static SOURCES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn on_reader_message(ev: MessageEvent) {
    let m = Array::from(&ev.data());
    let id = m.get(1).as_f64().unwrap_or(-1.0) as u32;
    FEED.with_borrow_mut(|f| {
        if id != f.job || f.source == 0 {
            return;
        }
        match m.get(0).as_string().as_deref() {
            Some("slice") => {
                let at = m.get(2).as_f64().unwrap_or(-1.0) as u64;
                f.slices.push_back((at, Uint8Array::new(&m.get(3))));
                let read_ms = m.get(4).as_f64().unwrap_or(0.0);
                stages::record(|s| {
                    s.reader += read_ms;
                    s.slices += 1;
                });
                if let Some(w) = f.waker.take() {
                    let _ = w.call0(&JsValue::NULL);
                }
            }
            // The slices will be read here, and the error reported then.
            _ => f.stop(),
        }
    });
}

fn start_reader() -> Option<Worker> {
    let worker = Worker::new("reader.js").ok()?;
    let handler = Closure::<dyn Fn(MessageEvent)>::new(on_reader_message);
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    let on_error = Closure::<dyn Fn(JsValue)>::new(|_| FEED.with_borrow_mut(Feed::give_up));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both live as long as the worker, that is the load.
    handler.forget();
    on_error.forget();
    Some(worker)
}

/// Starts the reader now (when the worker starts), so that it is ready
/// by the time a load reads its first big slice.
pub fn start_reader_early() {
    FEED.with_borrow_mut(|f| {
        f.reader.get_or_insert_with(start_reader);
    });
}

/// Waits until the slice the next step reads has arrived (at once when no
/// read-ahead is under way). A reader that stays silent for
/// [`PATIENCE_MS`] is given up.
pub async fn next_slice() {
    let promise = FEED.with_borrow_mut(|f| {
        f.waiting().then(|| {
            Promise::new(&mut |resolve, _| {
                let global = js_sys::global();
                if let Ok(set_timeout) = js_sys::Reflect::get(&global, &"setTimeout".into())
                    .and_then(|t| t.dyn_into::<Function>())
                {
                    let _ = set_timeout.call2(&global, &resolve, &PATIENCE_MS.into());
                }
                f.waker = Some(resolve);
            })
        })
    });
    if let Some(p) = promise {
        let _ = JsFuture::from(p).await;
        FEED.with_borrow_mut(|f| {
            if f.waiting() {
                f.give_up();
            }
        });
    }
}

/// A `File` as a [`ReadAt`].
pub struct FileSource {
    file: File,
    reader: FileReaderSync,
    id: u32,
}

fn message(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "the browser could not read it".to_string())
}

impl FileSource {
    /// Wraps `file`, read with `reader`.
    pub fn new(file: File, reader: FileReaderSync) -> FileSource {
        let id = SOURCES.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        FileSource { file, reader, id }
    }

    /// A reader for the worker's files.
    pub fn reader() -> Result<FileReaderSync, String> {
        FileReaderSync::new().map_err(message)
    }

    fn read_now(&self, offset: u64, buf: &mut [u8]) -> Result<(), String> {
        let end = offset + buf.len() as u64;
        let slice = self
            .file
            .slice_with_f64_and_f64(offset as f64, end as f64)
            .map_err(message)?;
        let bytes = self.reader.read_as_array_buffer(&slice).map_err(message)?;
        let bytes = Uint8Array::new(&bytes);
        if bytes.length() as usize != buf.len() {
            return Err(format!(
                "read {} bytes at {offset} where {} were expected (has the file changed?)",
                bytes.length(),
                buf.len()
            ));
        }
        bytes.copy_to(buf);
        Ok(())
    }

    /// The next slice, when the reader has it.
    fn take_slice(&self, offset: u64, buf: &mut [u8]) -> bool {
        FEED.with_borrow_mut(|f| {
            if f.source != self.id {
                return false;
            }
            match f.slices.front() {
                Some((at, bytes)) if *at == offset && bytes.length() as usize == buf.len() => {
                    stages::timed(|s| &mut s.copy, || bytes.copy_to(buf));
                    // The slice's buffer goes back to the reader (moved, not
                    // copied), which reads a later slice into it.
                    let buffer = bytes.buffer();
                    f.slices.pop_front();
                    f.next = offset + buf.len() as u64;
                    if let Some(Some(w)) = &f.reader {
                        let message = Array::of3(&"more".into(), &f.job.into(), &buffer);
                        let _ = w.post_message_with_transfer(&message, &Array::of1(&buffer));
                    }
                    true
                }
                _ => false,
            }
        })
    }

    /// Asks the reader for the slices after `[offset, offset + len)`.
    fn read_ahead(&self, offset: u64, len: usize) {
        let next = offset + len as u64;
        let size = self.size();
        FEED.with_borrow_mut(|f| {
            f.stop();
            if len < AHEAD_FROM || next >= size || matches!(f.reader, Some(None)) {
                return;
            }
            let Some(reader) = f.reader.get_or_insert_with(start_reader).clone() else {
                return;
            };
            f.job += 1;
            f.source = self.id;
            f.next = next;
            f.end = size;
            let message: Array = [
                JsValue::from("read"),
                f.job.into(),
                self.file.clone().into(),
                (next as f64).into(),
                (size as f64).into(),
                (len as f64).into(),
            ]
            .into_iter()
            .collect();
            let _ = reader.post_message(&message);
        });
    }
}

impl ReadAt for FileSource {
    fn size(&self) -> u64 {
        self.file.size() as u64
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<(), String> {
        if offset + buf.len() as u64 > self.size() {
            return Err(format!("{} bytes at {offset} lie past the end", buf.len()));
        }
        if self.take_slice(offset, buf) {
            return Ok(());
        }
        // The reader starts on the slices after this one while this one
        // is read here.
        self.read_ahead(offset, buf.len());
        stages::timed(|s| &mut s.read_here, || self.read_now(offset, buf))
    }
}
