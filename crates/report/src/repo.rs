//! Paths relative to the repository root, for the formats CI services resolve against the
//! checkout (SARIF, GitHub annotations, Azure DevOps issues).

use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct RepoRoot {
    cwd: PathBuf,
    root: PathBuf,
}

impl RepoRoot {
    /// The nearest folder at or above the current directory that holds `.git` (a folder,
    /// or a file in a worktree or submodule); the current directory when there is none.
    pub fn detect() -> Self {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let root = cwd
            .ancestors()
            .find(|d| d.join(".git").exists())
            .unwrap_or(&cwd)
            .to_path_buf();
        RepoRoot { cwd, root }
    }

    /// Fixed folders, for tests: paths are resolved against `cwd`, made relative to `root`.
    pub fn new(cwd: impl Into<PathBuf>, root: impl Into<PathBuf>) -> Self {
        RepoRoot {
            cwd: cwd.into(),
            root: root.into(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` (as shown to users: relative to the current directory, or absolute) relative
    /// to the root and `/`-separated, when it lies inside the root.
    pub fn relative(&self, path: &str) -> Option<String> {
        let abs = intune_lint_core::paths::normalize(&self.cwd.join(path));
        let rel = abs
            .strip_prefix(intune_lint_core::paths::normalize(&self.root))
            .ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    /// The path to show CI services: relative to the root when inside it, else as given.
    pub fn display(&self, path: &str) -> String {
        self.relative(path).unwrap_or_else(|| path.to_string())
    }

    /// `file:///…/` URI of the root (with the trailing slash SARIF base URIs need).
    pub fn root_uri(&self) -> String {
        let mut s = intune_lint_core::paths::normalize(&self.root)
            .to_string_lossy()
            .replace('\\', "/");
        if !s.starts_with('/') {
            s.insert(0, '/');
        }
        if !s.ends_with('/') {
            s.push('/');
        }
        format!("file://{}", percent_encode(&s))
    }

    /// `file://` URI of a path outside the root.
    pub fn file_uri(&self, path: &str) -> String {
        let mut s = intune_lint_core::paths::normalize(&self.cwd.join(path))
            .to_string_lossy()
            .replace('\\', "/");
        if !s.starts_with('/') {
            s.insert(0, '/');
        }
        format!("file://{}", percent_encode(&s))
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, `/` and `:`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_to_root() {
        let r = RepoRoot::new("/repo/sub", "/repo");
        assert_eq!(r.relative("a/b.json").as_deref(), Some("sub/a/b.json"));
        assert_eq!(r.relative("../x.json").as_deref(), Some("x.json"));
        assert_eq!(r.relative("./y.json").as_deref(), Some("sub/y.json"));
        assert_eq!(r.relative("/elsewhere/z.json"), None);
        assert_eq!(r.relative("/repo/z.json").as_deref(), Some("z.json"));
        assert_eq!(r.root_uri(), "file:///repo/");
        assert_eq!(
            percent_encode("My Policy (1).json"),
            "My%20Policy%20%281%29.json"
        );
    }
}
