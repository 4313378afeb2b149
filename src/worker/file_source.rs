//! A browser `File` read by slices with `FileReaderSync` (workers only):
//! the file is never held whole in memory.
//!
//! Measured: reading the slice asynchronously while the worker parses the
//! previous one does not overlap (the browser delivers the bytes through
//! the worker's own event loop), so reads stay synchronous.

use js_sys::Uint8Array;
use wasm_bindgen::JsValue;
use web_sys::{File, FileReaderSync};

use crate::data::zip::ReadAt;

/// A `File` as a [`ReadAt`].
pub struct FileSource {
    file: File,
    reader: FileReaderSync,
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
        FileSource { file, reader }
    }

    /// A reader for the worker's files.
    pub fn reader() -> Result<FileReaderSync, String> {
        FileReaderSync::new().map_err(message)
    }
}

impl ReadAt for FileSource {
    fn size(&self) -> u64 {
        self.file.size() as u64
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<(), String> {
        let end = offset + buf.len() as u64;
        if end > self.size() {
            return Err(format!("{} bytes at {offset} lie past the end", buf.len()));
        }
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
}
