//! Opening a ZIP archive of the load: each entry is recognised like a file,
//! and the small ones that decide the mapping are unpacked and read at once.

use crate::data::recognise::{recognise, FileKind, SNIFF_BYTES};
use crate::data::zip::{EntryReader, ReadAt, ZipArchive, ZipEntry};

use super::files::{is_reference, not_police, FileStatus};
use super::{LoadSession, STEP_BYTES};

/// The first [`SNIFF_BYTES`] of an archive entry.
fn sniff_entry(archive: &str, src: &mut dyn ReadAt, entry: &ZipEntry) -> Result<Vec<u8>, String> {
    let mut reader = EntryReader::new(archive, entry, src).map_err(|e| e.to_string())?;
    let mut head = Vec::new();
    while head.len() < SNIFF_BYTES {
        let done = reader
            .step(src, 4096, &mut |p| {
                let room = SNIFF_BYTES.saturating_sub(head.len());
                head.extend_from_slice(p.get(..room.min(p.len())).unwrap_or(&[]));
            })
            .map_err(|e| e.to_string())?;
        if done {
            break;
        }
    }
    Ok(head)
}

/// A whole archive entry.
pub(super) fn unpack_entry(
    archive: &str,
    src: &mut dyn ReadAt,
    entry: &ZipEntry,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    crate::data::zip::read_entry(archive, src, entry, STEP_BYTES, &mut |p| {
        out.extend_from_slice(p)
    })
    .map_err(|e| e.to_string())?;
    Ok(out)
}

impl LoadSession {
    pub(super) fn open_zip(&mut self, item: usize, src: usize) {
        let name = self
            .items
            .get(item)
            .map(|i| i.report.name.clone())
            .unwrap_or_default();
        let Some(source) = self.sources.get_mut(src) else {
            return;
        };
        let archive = match ZipArchive::open(&name, source.as_mut()) {
            Ok(a) => a,
            Err(e) => return self.set_status(item, FileStatus::Failed(e.to_string())),
        };
        if let Some(doc) = archive.office_document() {
            let message = format!(
                "{name}: {doc}, not an archive of data files; save the sheet as CSV (UTF-8)"
            );
            return self.set_status(item, FileStatus::Failed(message));
        }
        let mut usable = 0;
        for entry in archive.entries().iter().filter(|e| !e.is_dir()) {
            let full = format!("{name}/{}", entry.name);
            let size = entry.size;
            if entry.name.starts_with("__MACOSX/") || entry.file_name().starts_with("._") {
                let kind = FileKind::Unknown {
                    reason: "macOS metadata".to_string(),
                };
                let status = FileStatus::NotUsed("macOS metadata, not data".to_string());
                self.push(&full, size, kind, src, Some(entry.clone()), status);
                continue;
            }
            let Some(source) = self.sources.get_mut(src) else {
                return;
            };
            let head = match sniff_entry(&name, source.as_mut(), entry) {
                Ok(h) => h,
                Err(m) => {
                    let kind = FileKind::Unknown {
                        reason: "it cannot be unpacked".to_string(),
                    };
                    self.push(
                        &full,
                        size,
                        kind,
                        src,
                        Some(entry.clone()),
                        FileStatus::Failed(m),
                    );
                    continue;
                }
            };
            let kind = recognise(&full, &head);
            let status = match &kind {
                FileKind::Zip => FileStatus::NotUsed(
                    "an archive inside the archive; unzip the outer one and load this one"
                        .to_string(),
                ),
                FileKind::Unknown { .. } => FileStatus::NotUsed(kind.describe()),
                k if self.police_only && !k.is_police() => FileStatus::NotUsed(not_police(k)),
                _ => FileStatus::Waiting,
            };
            let reference = is_reference(&kind) && !self.police_only;
            usable += usize::from(status == FileStatus::Waiting);
            let at = self.push(&full, size, kind, src, Some(entry.clone()), status);
            if reference {
                let bytes = self
                    .sources
                    .get_mut(src)
                    .map(|s| unpack_entry(&name, s.as_mut(), entry));
                match bytes {
                    Some(Ok(bytes)) => self.read_reference(at, &bytes),
                    Some(Err(m)) => self.set_status(at, FileStatus::Failed(m)),
                    None => {}
                }
            }
        }
        if usable == 0 {
            let message = format!("{name}: the archive holds no file the explorer reads");
            self.set_status(item, FileStatus::Failed(message));
        }
    }
}
