//! Reading files with a size cap, and decoding bytes into text whatever the encoding.

use std::io::Read;
use std::path::Path;

/// 64 MiB: far above any real Intune object or profile, far below what would hurt.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    TooLarge { size: u64, limit: u64 },
    Io(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge { size, limit } => write!(
                f,
                "file is {size} bytes, over the size limit of {limit} bytes (`max-file-size`)"
            ),
            ReadError::Io(e) => write!(f, "cannot read file: {e}"),
        }
    }
}

/// Reads at most `limit` bytes; a file that grows past the limit while being read is
/// still refused, so nothing is ever read without bound.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_nonblocking(path).map_err(|e| ReadError::Io(e.to_string()))?;
    // Looked at through the open handle: a second lookup of the path by name cost more
    // than the read of a typical export file.
    let meta = file.metadata().map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadError::Io("not a regular file".into()));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    read_regular(file, limit, meta.len())
}

/// Reads a regular file whose metadata gave `size`: into a buffer of that size and one
/// byte more, so that one read brings the whole file. A read of a regular file comes back
/// short only at the end, so one that stops at `size` needs no second read to find the
/// end (that empty read was one system call in three). A file that grew since is read on,
/// up to `limit`.
#[cfg(unix)]
fn read_regular(file: std::fs::File, limit: u64, size: u64) -> Result<Vec<u8>, ReadError> {
    let too_large = |size: usize| ReadError::TooLarge {
        size: size as u64,
        limit,
    };
    // Never more than one byte over the limit, which is how a file over it is told.
    let cap = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let mut bytes: Vec<u8> = Vec::with_capacity((size as usize).saturating_add(1).min(cap));
    loop {
        if bytes.len() == bytes.capacity() {
            if bytes.len() >= cap {
                return Err(too_large(bytes.len()));
            }
            bytes.reserve_exact(bytes.len().max(8192).min(cap - bytes.len()));
        }
        let n = match rustix::io::read(&file, rustix::buffer::spare_capacity(&mut bytes)) {
            Ok(n) => n,
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(ReadError::Io(std::io::Error::from(e).to_string())),
        };
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len()));
        }
        if n == 0 || (bytes.len() as u64 == size && bytes.len() < bytes.capacity()) {
            return Ok(bytes);
        }
    }
}

#[cfg(not(unix))]
fn read_regular(file: std::fs::File, limit: u64, size: u64) -> Result<Vec<u8>, ReadError> {
    // Sized from the metadata: one read instead of a growing buffer's many.
    read_bounded_with_capacity(file, limit, size as usize + 1)
}

/// Opening a FIFO for reading would block until a writer comes, and a terminal would
/// become ours; non-blocking and without a controlling terminal, the open returns at
/// once and the caller refuses what is not a regular file before reading a byte.
///
/// Each thread keeps the last folder it read from open and opens files relative to it:
/// the kernel then looks up one name instead of every folder of the path again, which
/// cost as much as reading a typical export file (files come folder by folder).
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    use std::cell::RefCell;
    use std::os::fd::OwnedFd;
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Ok(rustix::fs::open(path, flags, Mode::empty())?.into());
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    thread_local! {
        static FOLDER: RefCell<Option<(std::path::PathBuf, OwnedFd)>> = const { RefCell::new(None) };
    }
    FOLDER.with_borrow_mut(|folder| {
        if folder
            .as_ref()
            .is_none_or(|(open, _)| open.as_os_str() != dir.as_os_str())
        {
            #[cfg(any(target_os = "linux", target_os = "android"))]
            let dir_flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            #[cfg(not(any(target_os = "linux", target_os = "android")))]
            let dir_flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            *folder = rustix::fs::open(dir, dir_flags, Mode::empty())
                .ok()
                .map(|fd| (dir.to_path_buf(), fd));
        }
        match folder {
            Some((_, fd)) => Ok(rustix::fs::openat(&*fd, name, flags, Mode::empty())?.into()),
            // Not a folder one can open: the whole path gets the error it deserves.
            None => Ok(rustix::fs::open(path, flags, Mode::empty())?.into()),
        }
    })
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    // No FIFOs to block on here; look before opening all the same.
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    std::fs::File::open(path)
}

/// Size bounds of the files intune-lint reads besides exports (which have `max-file-size`).
/// A configuration is a few kilobytes; a baseline holds about 200 bytes per accepted
/// finding, so 64 MiB is some 300,000 of them.
pub const MAX_CONFIG_SIZE: u64 = 4 * 1024 * 1024;
pub const MAX_BASELINE_SIZE: u64 = 64 * 1024 * 1024;

/// Reads a UTF-8 file the user named as a setting (a configuration, a baseline), with a
/// size bound. Anything but a regular file (or a link to one) is refused with a message
/// that says what it is: a folder, a FIFO (which would block), a device (`/dev/zero`
/// would never end), a dangling link.
pub fn read_setting_file(path: &Path, limit: u64) -> Result<String, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(if std::fs::symlink_metadata(path).is_ok() {
                "is a symbolic link to a file that does not exist".into()
            } else {
                "no such file".into()
            });
        }
        Err(e) => return Err(e.to_string()),
    };
    if !meta.is_file() {
        return Err(format!("is {}, not a regular file", file_kind(&meta)));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let bytes = read_bounded(file, limit).map_err(|e| match e {
        ReadError::TooLarge { limit, .. } => {
            format!("is larger than the limit of {limit} bytes")
        }
        ReadError::Io(e) => e,
    })?;
    String::from_utf8(bytes).map_err(|_| "is not UTF-8 text".into())
}

/// What a file that is not a regular file is, for messages ("a FIFO (named pipe)").
pub fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

pub fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_bounded_with_capacity(reader, limit, 0)
}

fn read_bounded_with_capacity(
    reader: impl Read,
    limit: u64,
    capacity: usize,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le { bom: bool },
    Utf16Be { bom: bool },
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le { bom: true } => "UTF-16LE with BOM",
            TextEncoding::Utf16Le { bom: false } => "UTF-16LE",
            TextEncoding::Utf16Be { bom: true } => "UTF-16BE with BOM",
            TextEncoding::Utf16Be { bom: false } => "UTF-16BE",
        }
    }

    pub fn has_bom(self) -> bool {
        matches!(
            self,
            TextEncoding::Utf8Bom
                | TextEncoding::Utf16Le { bom: true }
                | TextEncoding::Utf16Be { bom: true }
        )
    }

    /// Encodes text back into this encoding (BOM included), for fixes that must keep
    /// the file as it was.
    pub fn encode(self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 3);
        match self {
            TextEncoding::Utf8 => out.extend_from_slice(text.as_bytes()),
            TextEncoding::Utf8Bom => {
                out.extend_from_slice(b"\xEF\xBB\xBF");
                out.extend_from_slice(text.as_bytes());
            }
            TextEncoding::Utf16Le { bom } => {
                if bom {
                    out.extend_from_slice(&[0xFF, 0xFE]);
                }
                text.encode_utf16()
                    .for_each(|u| out.extend(u.to_le_bytes()));
            }
            TextEncoding::Utf16Be { bom } => {
                if bom {
                    out.extend_from_slice(&[0xFE, 0xFF]);
                }
                text.encode_utf16()
                    .for_each(|u| out.extend(u.to_be_bytes()));
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    /// Byte offset (in `text`) of the first replacement character inserted for bytes that
    /// were invalid in the encoding; `None` when the bytes were clean.
    pub first_invalid: Option<usize>,
}

/// Decodes by BOM, then by the NUL pattern of BOM-less UTF-16 (text formats here start
/// with ASCII), else as UTF-8 with replacement of invalid bytes.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, bom) = sniff_encoding(bytes);
    decode_as(encoding, &bytes[bom..])
}

/// [`decode`], taking over the bytes: valid UTF-8 (nearly every export file) becomes the
/// text in place, without a copy of the file. With the text, the length and digest of the
/// bytes ([`crate::location::SourceFile`]) when the text is not those very bytes (a BOM,
/// UTF-16, invalid bytes replaced); `None` when it is, and the text digests alike.
pub fn decode_owned(mut bytes: Vec<u8>) -> (Decoded, Option<(u64, u64)>) {
    let len = bytes.len() as u64;
    let read = |bytes: &[u8]| Some((len, crate::location::digest(bytes)));
    let (encoding, bom) = sniff_encoding(&bytes);
    if !matches!(encoding, TextEncoding::Utf8 | TextEncoding::Utf8Bom) {
        return (decode_as(encoding, &bytes[bom..]), read(&bytes));
    }
    let with_bom = (bom > 0).then(|| read(&bytes)).flatten();
    bytes.drain(..bom);
    match String::from_utf8(bytes) {
        Ok(text) => (
            Decoded {
                text,
                encoding,
                first_invalid: None,
            },
            with_bom,
        ),
        // Without a BOM, these are the bytes as read.
        Err(e) => (
            decode_as(encoding, e.as_bytes()),
            with_bom.or_else(|| read(e.as_bytes())),
        ),
    }
}

/// The encoding by BOM, then by the NUL pattern of BOM-less UTF-16, and the BOM's length.
fn sniff_encoding(bytes: &[u8]) -> (TextEncoding, usize) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        (TextEncoding::Utf8Bom, 3)
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        (TextEncoding::Utf16Le { bom: true }, 2)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        (TextEncoding::Utf16Be { bom: true }, 2)
    } else if bytes.len() >= 2 && bytes[0] == 0 && bytes[1] != 0 {
        (TextEncoding::Utf16Be { bom: false }, 0)
    } else if bytes.len() >= 2 && bytes[0] != 0 && bytes[1] == 0 {
        (TextEncoding::Utf16Le { bom: false }, 0)
    } else {
        (TextEncoding::Utf8, 0)
    }
}

/// Decodes `body` (the bytes after any BOM), replacing what is not valid.
fn decode_as(encoding: TextEncoding, body: &[u8]) -> Decoded {
    let enc = match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => encoding_rs::UTF_8,
        TextEncoding::Utf16Le { .. } => encoding_rs::UTF_16LE,
        TextEncoding::Utf16Be { .. } => encoding_rs::UTF_16BE,
    };
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    let text = text.into_owned();
    let first_invalid = if had_errors {
        text.find('\u{FFFD}')
    } else {
        None
    };
    Decoded {
        text,
        encoding,
        first_invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_supported_encoding_and_round_trips() {
        let text = "{\r\n  \"k\": \"é\"\r\n}";
        for enc in [
            TextEncoding::Utf8,
            TextEncoding::Utf8Bom,
            TextEncoding::Utf16Le { bom: true },
            TextEncoding::Utf16Be { bom: true },
            TextEncoding::Utf16Le { bom: false },
            TextEncoding::Utf16Be { bom: false },
        ] {
            let d = decode(&enc.encode(text));
            assert_eq!(d.text, text, "{}", enc.name());
            assert_eq!(d.encoding, enc);
            assert_eq!(d.first_invalid, None);
            let bytes = enc.encode(text);
            let (owned, read) = decode_owned(bytes.clone());
            // Only plain UTF-8 is its own text; the rest is digested as read.
            let digest = (enc != TextEncoding::Utf8)
                .then(|| (bytes.len() as u64, crate::location::digest(&bytes)));
            assert_eq!(read, digest, "{}", enc.name());
            assert_eq!(
                (owned.text, owned.encoding, owned.first_invalid),
                (d.text, d.encoding, d.first_invalid)
            );
        }
    }

    #[test]
    fn invalid_bytes_are_replaced_and_located() {
        let d = decode(b"{\"k\": \"caf\xE9\"}");
        assert_eq!(d.encoding, TextEncoding::Utf8);
        assert_eq!(d.first_invalid, Some(10));
        // UTF-16 with an odd byte count leaves a dangling byte.
        let mut odd = TextEncoding::Utf16Le { bom: true }.encode("{}");
        odd.push(b'x');
        assert!(decode(&odd).first_invalid.is_some());
        // Taking the bytes over gives the same, with and without a BOM.
        for bytes in [
            &b"{\"k\": \"caf\xE9\"}"[..],
            b"\xEF\xBB\xBF{\"k\": \"\xE9\"}",
        ] {
            let (a, (b, _)) = (decode(bytes), decode_owned(bytes.to_vec()));
            assert_eq!(
                (a.text, a.encoding, a.first_invalid),
                (b.text, b.encoding, b.first_invalid)
            );
        }
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let data = [b'a'; 100];
        assert!(matches!(
            read_bounded(&data[..], 10),
            Err(ReadError::TooLarge { .. })
        ));
        assert_eq!(read_bounded(&data[..], 100).unwrap().len(), 100);
    }

    #[test]
    fn a_regular_file_is_read_whole_whatever_its_metadata_said() {
        let dir = std::env::temp_dir().join(format!("il-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.json");
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let open = || std::fs::File::open(&path).unwrap();
        let len = data.len() as u64;
        assert_eq!(read_file(&path, len).unwrap(), data);
        // Grown since the metadata was read, shrunk since, or empty then.
        for stale in [0, 1, 4096, len - 1, len + 1, 2 * len] {
            assert_eq!(read_regular(open(), len, stale).unwrap(), data, "{stale}");
        }
        // Over the limit, whatever the metadata said: refused, never read past it.
        for stale in [0, 10, len] {
            match read_regular(open(), 10, stale) {
                Err(ReadError::TooLarge { size, limit: 10 }) => assert_eq!(size, 11),
                other => panic!("{stale}: {other:?}"),
            }
        }
        assert!(matches!(
            read_file(&path, len - 1),
            Err(ReadError::TooLarge { .. })
        ));
        std::fs::write(&path, b"").unwrap();
        assert_eq!(read_file(&path, 10).unwrap(), b"");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
