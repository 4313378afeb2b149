//! The stepping load: one chunk of one file per step, with progress and
//! cancel.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::data::counts::read_counts_bytes;
use crate::data::policeuk::FeedError;
use crate::data::report::LoadReport;
use crate::data::zip::EntryReader;

use super::beside::item_bytes;
use super::files::FileStatus;
use super::{Current, LoadSession, SessionError, Sink};

/// How far the load has gone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes read of the files being loaded (unpacked, for an archive's
    /// entries).
    pub bytes_done: u64,
    /// Bytes to read in all.
    pub bytes_total: u64,
    /// Rows read so far.
    pub rows: u64,
    /// Files finished.
    pub files_done: usize,
    /// Files to read.
    pub files_total: usize,
    /// The file being read.
    pub current: Option<String>,
}

/// Rows of `after` not in `before` (reports of one running load).
fn difference(after: &LoadReport, before: &LoadReport) -> LoadReport {
    LoadReport {
        rows_read: after.rows_read - before.rows_read,
        accepted: after.accepted - before.accepted,
        not_allocated: after.not_allocated - before.not_allocated,
        outside_area: after.outside_area - before.outside_area,
        unknown_code: after.unknown_code - before.unknown_code,
        rejected: after.rejected - before.rejected,
        rejections: after
            .rejections
            .get(before.rejections.len()..)
            .unwrap_or(&[])
            .to_vec(),
        windows_1252: after
            .windows_1252
            .get(before.windows_1252.len()..)
            .unwrap_or(&[])
            .to_vec(),
    }
}

impl LoadSession {
    /// Asks the load to stop; the next [`step`](Self::step) says so and
    /// [`finish`](Self::finish) gives [`SessionError::Cancelled`].
    pub fn cancel(&mut self) {
        self.cancelled = true;
    }

    /// How far the load has gone.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Reads the next chunk (up to the step size: [`set_step_bytes`](Self::set_step_bytes),
    /// by default [`STEP_BYTES`](super::STEP_BYTES)) of the next file.
    /// `Ok(true)` when every file has been read.
    pub fn step(&mut self) -> Result<bool, SessionError> {
        if self.cancelled {
            return Err(SessionError::Cancelled);
        }
        let LoadSession {
            sources,
            items,
            plan,
            progress,
            step_bytes,
            ..
        } = self;
        let step_bytes = *step_bytes;
        let Some(plan) = plan.as_mut() else {
            return Err(SessionError::NotStarted);
        };
        if plan.current.is_none() {
            let Some(next) = plan.queue.pop_front() else {
                progress.current = None;
                return Ok(true);
            };
            let Some(item) = items.get_mut(next) else {
                return Ok(false);
            };
            let Some(source) = sources.get_mut(item.source) else {
                return Ok(false);
            };
            let name = item.report.name.clone();
            progress.current = Some(name.clone());
            match &mut plan.sink {
                Sink::Counts(counts) => {
                    let (builder, total) = &mut **counts;
                    let bytes = item_bytes(source.as_mut(), item);
                    let result = bytes.and_then(|b| {
                        read_counts_bytes(&name, &b, builder).map_err(|e| e.to_string())
                    });
                    match result {
                        Ok(rows) => {
                            total.merge(rows.clone());
                            progress.rows = total.rows_read;
                            item.report.rows = rows;
                            item.report.status = FileStatus::Read;
                        }
                        Err(m) => item.report.status = FileStatus::Failed(m),
                    }
                    progress.bytes_done += item.report.size;
                    progress.files_done += 1;
                    return Ok(false);
                }
                Sink::Police(agg) => {
                    let before = agg.report().clone();
                    let current = match &item.entry {
                        None => Current::Plain {
                            item: next,
                            offset: 0,
                        },
                        Some(entry) => {
                            let archive_name = name
                                .strip_suffix(entry.name.as_str())
                                .and_then(|a| a.strip_suffix('/'))
                                .unwrap_or(&name);
                            match EntryReader::new(archive_name, entry, source.as_mut()) {
                                Ok(reader) => Current::Entry {
                                    item: next,
                                    reader: Box::new(reader),
                                },
                                Err(e) => {
                                    item.report.status = FileStatus::Failed(e.to_string());
                                    progress.bytes_done += item.report.size;
                                    progress.files_done += 1;
                                    return Ok(false);
                                }
                            }
                        }
                    };
                    if let Err(e) = agg.start_file(&name) {
                        item.report.status = FileStatus::Failed(e.to_string());
                    }
                    plan.current = Some((current, before));
                }
            }
        }
        let Sink::Police(agg) = &mut plan.sink else {
            return Ok(false);
        };
        let Some((current, before)) = plan.current.as_mut() else {
            return Ok(false);
        };
        // Read one chunk; `finished` is the file's final status when done.
        let (index, finished) = match current {
            Current::Plain { item, offset } => {
                let index = *item;
                let Some(it) = items.get(index) else {
                    plan.current = None;
                    return Ok(false);
                };
                let Some(source) = sources.get_mut(it.source) else {
                    plan.current = None;
                    return Ok(false);
                };
                let size = it.report.size;
                let n = (size - *offset).min(step_bytes as u64) as usize;
                // Read straight into the aggregator's buffer (no buffer
                // allocated and zeroed per step).
                let at = *offset;
                let fed = agg.feed_from(n, |buf| source.read_at(at, buf).map(|()| buf.len()));
                let finished = match fed {
                    Err(FeedError::Read(m)) => {
                        let _ = agg.end_file();
                        let rows = agg.report().rows_read - before.rows_read;
                        Some(FileStatus::Partly(format!(
                            "{}: cannot be read to its end: {m} (its {rows} rows read before are counted)",
                            it.report.name
                        )))
                    }
                    Err(FeedError::File(e)) => Some(FileStatus::Failed(e.to_string())),
                    Ok(_) => {
                        *offset += n as u64;
                        progress.bytes_done += n as u64;
                        (*offset >= size).then(|| match agg.end_file() {
                            Ok(()) => FileStatus::Read,
                            Err(e) => FileStatus::Failed(e.to_string()),
                        })
                    }
                };
                (index, finished)
            }
            Current::Entry { item, reader } => {
                let index = *item;
                let Some(source) = items.get(index).and_then(|it| sources.get_mut(it.source))
                else {
                    plan.current = None;
                    return Ok(false);
                };
                let done_before = reader.unpacked_done();
                let mut feed_error = None;
                let result = reader.step(source.as_mut(), step_bytes, &mut |piece| {
                    if feed_error.is_none() {
                        if let Err(e) = agg.feed(piece) {
                            feed_error = Some(e);
                        }
                    }
                });
                progress.bytes_done += reader.unpacked_done() - done_before;
                let finished = match (result, feed_error) {
                    (_, Some(e)) => Some(FileStatus::Failed(e.to_string())),
                    (Err(e), None) => {
                        let _ = agg.end_file();
                        let rows = agg.report().rows_read - before.rows_read;
                        Some(FileStatus::Partly(format!(
                            "{e} (its {rows} rows read before the damage was found are counted)"
                        )))
                    }
                    (Ok(false), None) => None,
                    (Ok(true), None) => Some(match agg.end_file() {
                        Ok(()) => FileStatus::Read,
                        Err(e) => FileStatus::Failed(e.to_string()),
                    }),
                };
                (index, finished)
            }
        };
        progress.rows = agg.report().rows_read;
        if let Some(status) = finished {
            if let Some(it) = items.get_mut(index) {
                it.report.rows = difference(agg.report(), before);
                if it.report.status == FileStatus::Waiting {
                    it.report.status = status;
                }
                // Bytes of a file abandoned part way still count as handled.
                let read = match current {
                    Current::Plain { offset, .. } => *offset,
                    Current::Entry { reader, .. } => reader.unpacked_done(),
                };
                progress.bytes_done += it.report.size.saturating_sub(read);
            }
            progress.files_done += 1;
            plan.current = None;
        }
        Ok(false)
    }

    /// Steps until done, calling `on_progress` after each step; stops
    /// (with [`SessionError::Cancelled`]) once `cancel` is set.
    pub fn run(
        &mut self,
        cancel: &AtomicBool,
        on_progress: &mut dyn FnMut(&Progress),
    ) -> Result<(), SessionError> {
        loop {
            if cancel.load(Ordering::Relaxed) {
                self.cancel();
            }
            let done = self.step()?;
            on_progress(&self.progress);
            if done {
                return Ok(());
            }
        }
    }
}
