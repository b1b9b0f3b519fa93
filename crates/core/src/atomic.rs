//! Writing files the user named (reports, baselines, fixed exports) without breaking what
//! they are:
//! - a symbolic link is followed and its target written (the link stays a link);
//! - a special file (a device such as `/dev/null` or `/dev/stdout`, a FIFO) is written in
//!   place: replacing it with a regular file would break it for everyone;
//! - a regular file with other hard links is rewritten in place, so every name keeps
//!   seeing the same file;
//! - any other regular file is replaced atomically: a temporary file in the same folder,
//!   given the old file's mode, owner and extended attributes, then a rename, so readers
//!   never see half a file and a crash never leaves one. When the owner cannot be kept
//!   (only root may give a file away) or the folder is not writable, the file is
//!   rewritten in place instead.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve_links(path)?;
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => Err(io::Error::other("is a folder")),
        Ok(m) if !m.is_file() => {
            // No truncation: devices and FIFOs have no length.
            let mut f = OpenOptions::new().write(true).open(&target)?;
            f.write_all(bytes)?;
            f.flush()
        }
        Ok(m) => replace(&target, &m, bytes, None),
        Err(e) if e.kind() == io::ErrorKind::NotFound => write_new(&target, bytes, false),
        Err(e) => Err(e),
    }
}

/// Like [`write_atomic`], but fails when `path` already exists (`intune-lint init`).
pub fn create_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_new(path, bytes, true)
}

/// The file a write to `path` lands in: the end of its chain of symbolic links (which
/// may not exist yet).
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    // The limit Linux uses for a path's links (ELOOP).
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Replaces the regular file `target` (with metadata `meta`; `file` when the caller has
/// it open for writing, holding whatever lock it needs) by `bytes`: in place when it has
/// other hard links or its owner cannot be kept, else through a temporary file and a
/// rename.
pub fn replace(
    target: &Path,
    meta: &Metadata,
    bytes: &[u8],
    file: Option<&mut File>,
) -> io::Result<()> {
    let in_place = |file: Option<&mut File>| match file {
        Some(f) => overwrite(f, bytes),
        None => overwrite(&mut OpenOptions::new().write(true).open(target)?, bytes),
    };
    if links(meta) > 1 {
        return in_place(file);
    }
    let (tmp, mut out) = match temp_file(target) {
        // A writable file in a folder we may not create files in: in place it is.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return in_place(file),
        other => other?,
    };
    let result = (|| {
        out.write_all(bytes)?;
        if !keep_owner(&out, meta) {
            return Ok(false);
        }
        out.set_permissions(meta.permissions())?;
        copy_xattrs(target, &tmp);
        out.sync_all()?;
        std::fs::rename(&tmp, target)?;
        Ok(true)
    })();
    match result {
        Ok(true) => Ok(()),
        Ok(false) => {
            let _ = std::fs::remove_file(&tmp);
            in_place(file)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Rewrites `file` in place (truncate, write, sync): keeps its identity, links, owner and
/// attributes, at the cost of atomicity.
pub fn overwrite(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    use std::io::Seek;
    file.set_len(0)?;
    file.seek(io::SeekFrom::Start(0))?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A new file at `path` through a temporary file (`create_new`: fail if `path` exists).
fn write_new(path: &Path, bytes: &[u8], create_new: bool) -> io::Result<()> {
    let (tmp, mut file) = temp_file(path)?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if create_new {
            // A hard link fails if the target exists: no race with another writer.
            match std::fs::hard_link(&tmp, path) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists && !path.exists() => {
                    // File systems without hard links: check, then rename.
                    std::fs::rename(&tmp, path)
                }
                Err(e) => Err(e),
                Ok(()) => std::fs::remove_file(&tmp),
            }
        } else {
            std::fs::rename(&tmp, path)
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A fresh temporary file beside `path`.
fn temp_file(path: &Path) -> io::Result<(PathBuf, File)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("not a file path"))?
        .to_string_lossy();
    let mut n = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(unix)]
fn links(meta: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn links(_: &Metadata) -> u64 {
    1
}

/// Gives `file` the owner and group of `meta`; `false` when that is not allowed.
#[cfg(unix)]
fn keep_owner(file: &File, meta: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(mine) = file.metadata() else {
        return false;
    };
    if (mine.uid(), mine.gid()) == (meta.uid(), meta.gid()) {
        return true;
    }
    std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_ok()
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &Metadata) -> bool {
    true
}

/// Copies the extended attributes (SELinux labels, macOS quarantine and Finder tags,
/// user attributes) of `from` onto `to`. Best effort: an attribute the file system or
/// our privileges refuse is left out rather than failing the write.
#[cfg(unix)]
fn copy_xattrs(from: &Path, to: &Path) {
    let Ok(names) = xattr::list(from) else {
        return;
    };
    for name in names {
        if let Ok(Some(value)) = xattr::get(from, &name) {
            let _ = xattr::set(to, &name, &value);
        }
    }
}

#[cfg(not(unix))]
fn copy_xattrs(_: &Path, _: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("il-atomic-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn replaces_and_refuses() {
        let dir = dir("basic");
        let p = dir.join("a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert!(create_atomic(&p, b"three").is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn links_stay_links_and_special_files_stay_special() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = dir("links");
        let target = dir.join("target.json");
        std::fs::write(&target, b"old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        let _ = xattr::set(&target, "user.intune-lint-test", b"kept");
        let link = dir.join("link.json");
        std::os::unix::fs::symlink("target.json", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let meta = std::fs::metadata(&target).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o640);
        // tmpfs may not support user attributes; when it does, they survive.
        if let Ok(Some(v)) = xattr::get(&target, "user.intune-lint-test") {
            assert_eq!(v, b"kept");
        }

        // A dangling link: the target is created, the link kept.
        let dangling = dir.join("dangling.json");
        std::os::unix::fs::symlink("made.json", &dangling).unwrap();
        write_atomic(&dangling, b"made").unwrap();
        assert!(
            std::fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(dir.join("made.json")).unwrap(), b"made");

        // Hard links keep sharing the file.
        let twin = dir.join("twin.json");
        std::fs::hard_link(&target, &twin).unwrap();
        write_atomic(&target, b"both").unwrap();
        assert_eq!(std::fs::read(&twin).unwrap(), b"both");
        assert_eq!(std::fs::metadata(&twin).unwrap().nlink(), 2);

        // A FIFO is written into, not replaced.
        let fifo = dir.join("fifo");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if status.is_ok_and(|s| s.success()) {
            let reader = {
                let fifo = fifo.clone();
                std::thread::spawn(move || std::fs::read(fifo).unwrap())
            };
            write_atomic(&fifo, b"through").unwrap();
            assert_eq!(reader.join().unwrap(), b"through");
            let ft = std::fs::symlink_metadata(&fifo).unwrap().file_type();
            assert!(std::os::unix::fs::FileTypeExt::is_fifo(&ft));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
