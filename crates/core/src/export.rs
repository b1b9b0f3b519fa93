//! Partial runs: files named inside an export are judged against the whole export.
//!
//! Tenant rules (an app no policy requires, a URL two profiles claim) need every object
//! of the export. When a run names files (pre-commit, `check FILE FILE`), the other files
//! of the export they belong to are read as *context*: they feed the tenant index, no rule
//! runs on them and nothing is reported for them. The export root of a named file is the
//! folder holding the nearest configuration file (`intune-lint.toml`) at or above it,
//! else the repository root (the nearest folder holding `.git`), else the common folder
//! of the named files that have neither. A named folder is an export on its own unless a
//! configuration file above it marks a larger one.

use crate::config::CONFIG_FILE_NAMES;
use crate::engine::{self, Input};
use crate::paths::absolute;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file of a run: linted and reported, or read only for the tenant index.
pub struct Scoped {
    pub input: Input,
    /// Read for the tenant index only (no rule runs on it, nothing is reported for it).
    pub context: bool,
}

impl Scoped {
    /// A file the run lints and reports.
    pub fn linted(input: Input) -> Self {
        Scoped {
            input,
            context: false,
        }
    }
}

/// The nearest folder at or above `dir` that holds one of `names`.
fn nearest_holding(dir: &Path, names: &[&str]) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| names.iter().any(|n| d.join(n).exists()))
        .map(Path::to_path_buf)
}

/// The export root of a named path (absolute), or `None` when it needs none beyond
/// itself (a folder without a configuration file above it) or has no marker (a file
/// outside any configuration and repository: the caller uses the common folder).
fn marked_root(abs: &Path, is_dir: bool) -> Option<PathBuf> {
    if is_dir {
        return nearest_holding(abs, &CONFIG_FILE_NAMES).filter(|r| r != abs);
    }
    let dir = abs.parent()?;
    nearest_holding(dir, &CONFIG_FILE_NAMES).or_else(|| nearest_holding(dir, &[".git"]))
}

fn common_folder(dirs: &[PathBuf]) -> Option<PathBuf> {
    let mut common = dirs.first()?.clone();
    for d in &dirs[1..] {
        while !d.starts_with(&common) {
            if !common.pop() {
                return None;
            }
        }
    }
    Some(common)
}

/// `root` spelled the way the user spelled `given`: relative to the current folder when
/// `given` was relative, so context files show as a whole-export run from here shows them.
fn spelled(root: &Path, given: &Path, cwd: &Path) -> PathBuf {
    if given.is_absolute() {
        return root.to_path_buf();
    }
    match crate::baseline::relative_to(root, cwd) {
        Some(r) if r.as_os_str().is_empty() => PathBuf::from("."),
        Some(r) => r,
        None => root.to_path_buf(),
    }
}

/// The export roots to read context from, spelled for walking; nested roots are folded
/// into the outer one.
pub fn roots(named: &[PathBuf]) -> Vec<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut roots: Vec<(PathBuf, &Path)> = Vec::new();
    let mut loose: Vec<(PathBuf, &Path)> = Vec::new();
    for given in named.iter().filter(|p| p.as_os_str() != "-") {
        let abs = absolute(given);
        let is_dir = given.is_dir();
        match marked_root(&abs, is_dir) {
            Some(r) => roots.push((r, given)),
            None if !is_dir => {
                if let Some(parent) = abs.parent() {
                    loose.push((parent.to_path_buf(), given));
                }
            }
            None => {}
        }
    }
    let dirs: Vec<PathBuf> = loose.iter().map(|(d, _)| d.clone()).collect();
    if let (Some(common), Some((_, given))) = (common_folder(&dirs), loose.first()) {
        roots.push((common, given));
    }
    roots.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<(PathBuf, &Path)> = Vec::new();
    for (r, given) in roots {
        if !out.iter().any(|(o, _)| r.starts_with(o)) {
            out.push((r, given));
        }
    }
    out.into_iter()
        .map(|(r, given)| spelled(&r, given, &cwd))
        .collect()
}

/// The file's identity: its real path (symbolic links and `..` resolved).
fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path))
}

/// The run's files: `inputs` (what the user named, expanded) once each by real path, and
/// the other files of their exports as context, in the order a whole-export walk reads
/// them (so tenant rules see objects in the same order either way). Named files outside
/// their export's walk (ignored by git, say) follow at the end.
pub fn scope(named: &[PathBuf], inputs: Vec<Input>) -> Vec<Scoped> {
    let roots = roots(named);
    let reported = |inputs: Vec<Input>| inputs.into_iter().map(Scoped::linted).collect();
    // One folder named, and no export around it (a whole-export run): a walk names each
    // file once, and real paths would cost a system call per file for nothing.
    if roots.is_empty() && named.len() <= 1 {
        return reported(inputs);
    }
    let key = |i: &Input| match i {
        Input::File { path, .. } => Some(real(path)),
        Input::Stdin { name, .. } => {
            let p = Path::new(&**name);
            p.exists().then(|| real(p))
        }
    };
    let mut seen = HashSet::new();
    let mut slots: Vec<Option<Input>> = Vec::new();
    let mut by_real: HashMap<PathBuf, usize> = HashMap::new();
    for input in inputs {
        match key(&input) {
            Some(k) if !seen.insert(k.clone()) => continue,
            Some(k) => {
                by_real.insert(k, slots.len());
            }
            None => {}
        }
        slots.push(Some(input));
    }
    if roots.is_empty() {
        return reported(slots.into_iter().flatten().collect());
    }
    // Only walked files that share a name with a named one can be one of them: real paths
    // cost a system call, and an export has thousands of files.
    let names: HashSet<std::ffi::OsString> = by_real
        .keys()
        .filter_map(|p| p.file_name().map(ToOwned::to_owned))
        .collect();
    let mut out = Vec::new();
    let mut walked_context: HashSet<Arc<str>> = HashSet::new();
    let (walked, _) = engine::discover(&roots);
    for w in walked {
        let Input::File { display, path } = w else {
            continue;
        };
        if path.file_name().is_some_and(|n| names.contains(n))
            && let Some(&i) = by_real.get(&real(&path))
        {
            if let Some(input) = slots[i].take() {
                out.push(Scoped::linted(input));
            }
            continue;
        }
        if walked_context.insert(display.clone()) {
            out.push(Scoped {
                input: Input::File { display, path },
                context: true,
            });
        }
    }
    out.extend(slots.into_iter().flatten().map(Scoped::linted));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_folder_of_paths() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(common_folder(&[p("/a/b/c"), p("/a/b/d")]), Some(p("/a/b")));
        assert_eq!(common_folder(&[p("/a/b"), p("/a/b/d")]), Some(p("/a/b")));
        assert_eq!(common_folder(&[p("/x")]), Some(p("/x")));
    }

    #[test]
    fn markers_decide_the_root() {
        let base = std::env::temp_dir().join(format!("il-export-{}", std::process::id()));
        let f = |p: &str| base.join(p);
        for d in ["loose/a", "loose/b", "cfg/x/y", "repo/.git", "repo/z"] {
            std::fs::create_dir_all(f(d)).unwrap();
        }
        for file in [
            "loose/a/1.json",
            "loose/b/2.json",
            "cfg/x/y/3.json",
            "repo/z/4.json",
        ] {
            std::fs::write(f(file), "{}").unwrap();
        }
        std::fs::write(f("cfg/x/intune-lint.toml"), "").unwrap();
        // Neither marker: the common folder of the named files.
        assert_eq!(
            roots(&[f("loose/a/1.json"), f("loose/b/2.json")]),
            [f("loose")]
        );
        // The nearest configuration file wins over everything above it.
        assert_eq!(roots(&[f("cfg/x/y/3.json")]), [f("cfg/x")]);
        // Else the repository root.
        assert_eq!(roots(&[f("repo/z/4.json")]), [f("repo")]);
        // A folder is its own export unless a configuration file above marks a larger one.
        assert!(roots(&[f("loose/a")]).is_empty());
        assert_eq!(roots(&[f("cfg/x/y")]), [f("cfg/x")]);
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn roots_are_spelled_like_the_named_paths() {
        let cwd = Path::new("/r/sub");
        assert_eq!(spelled(Path::new("/r"), Path::new("a.json"), cwd), p(".."));
        assert_eq!(
            spelled(Path::new("/r/sub"), Path::new("a.json"), cwd),
            p(".")
        );
        assert_eq!(
            spelled(Path::new("/r"), Path::new("/r/a.json"), cwd),
            p("/r")
        );
        fn p(s: &str) -> PathBuf {
            PathBuf::from(s)
        }
    }
}
