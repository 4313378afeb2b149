//! Files on disk as the data layer's [`ReadAt`], read by position (`pread`
//! on Unix), so that `explorer-cli prepare` reads them through the same
//! [`LoadSession`](crate::data::session::LoadSession) as the page. The
//! sources of one run share one open file: a file is opened when read and
//! closed when another is, so that thousands of inputs never hold
//! thousands of descriptors.

use std::cell::RefCell;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::data::zip::ReadAt;

/// The file open now, shared by the sources of a run: (its source's id, it).
#[derive(Clone, Default)]
pub struct OpenFile(Rc<RefCell<Option<(usize, File)>>>);

/// One file on disk.
pub struct FileSource {
    path: PathBuf,
    id: usize,
    size: u64,
    open: OpenFile,
}

impl FileSource {
    /// The file at `path`, its size taken now; `id` must differ from the
    /// other sources sharing `open`. Fails (with a message naming it) when
    /// it cannot be opened.
    pub fn new(path: &Path, id: usize, open: &OpenFile) -> Result<FileSource, String> {
        let name = path.display();
        let file = File::open(path).map_err(|e| format!("{name}: cannot open: {e}"))?;
        let size = file
            .metadata()
            .map_err(|e| format!("{name}: cannot read its size: {e}"))?
            .len();
        if let Ok(mut slot) = open.0.try_borrow_mut() {
            *slot = Some((id, file));
        }
        Ok(FileSource {
            path: path.to_path_buf(),
            id,
            size,
            open: open.clone(),
        })
    }
}

#[cfg(unix)]
fn read_exact_at(file: &mut File, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_exact_at(file: &mut File, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

impl ReadAt for FileSource {
    fn size(&self) -> u64 {
        self.size
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<(), String> {
        let mut slot = self
            .open
            .0
            .try_borrow_mut()
            .map_err(|_| "the file is being read elsewhere".to_string())?;
        if slot.as_ref().is_none_or(|(id, _)| *id != self.id) {
            // Close the file open now before opening this one.
            *slot = None;
            let file = File::open(&self.path).map_err(|e| format!("cannot open: {e}"))?;
            *slot = Some((self.id, file));
        }
        let Some((_, file)) = slot.as_mut() else {
            return Err("cannot open".to_string());
        };
        read_exact_at(file, offset, buf).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => format!(
                "it ends before byte {} (it was {} bytes when first opened: did it change?)",
                offset + buf.len() as u64,
                self.size
            ),
            _ => e.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_by_position_and_shares_one_open_file() {
        let dir = std::env::temp_dir().join(format!("cse-file-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a"), dir.join("b"));
        std::fs::write(&a, b"0123456789").unwrap();
        std::fs::write(&b, b"abcdef").unwrap();
        let open = OpenFile::default();
        let mut fa = FileSource::new(&a, 0, &open).unwrap();
        let mut fb = FileSource::new(&b, 1, &open).unwrap();
        assert_eq!((fa.size(), fb.size()), (10, 6));
        let mut buf = [0u8; 3];
        fa.read_at(4, &mut buf).unwrap();
        assert_eq!(&buf, b"456");
        fb.read_at(1, &mut buf).unwrap();
        assert_eq!(&buf, b"bcd");
        assert_eq!(open.0.borrow().as_ref().map(|(id, _)| *id), Some(1));
        fa.read_at(7, &mut buf).unwrap();
        assert_eq!(&buf, b"789");
        let e = fa.read_at(8, &mut buf).unwrap_err();
        assert!(e.contains("ends before byte 11"), "{e}");
        let e = FileSource::new(&dir.join("none"), 2, &open).err().unwrap();
        assert!(e.contains("none: cannot open"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
