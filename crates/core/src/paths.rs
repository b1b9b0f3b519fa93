//! Path arithmetic without touching the file system: the files may be gone (a baseline's
//! fixed entries) and symbolic links keep the names the user gave.

use std::path::{Component, Path, PathBuf};

/// Removes `.` and resolves `..` lexically; a `..` above the start is kept.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` made absolute against the current folder, with `.` and `..` resolved lexically:
/// `../x`, `./x` and `/abs/x` name one file however the command line spells it.
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return normalize(path);
    }
    // Asked once: configuration lookup and excludes ask for every file of an export, and
    // the process never changes its folder.
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) => normalize(&cwd.join(path)),
        None => normalize(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_dots_lexically() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("../x/./y")), PathBuf::from("../x/y"));
    }
}
