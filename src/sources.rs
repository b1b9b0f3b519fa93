//! Source text for human snippets: files are read again and decoded only when a finding
//! needs them, so a run holds no text in memory for clean files.

use intune_lint_core::location::{Location, SourceFile, digest};
use intune_lint_core::source::{self, decode};
use intune_lint_report::Sources;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub struct DiskSources {
    /// Display path → path on disk.
    paths: HashMap<Arc<str>, PathBuf>,
    max_size: u64,
    cache: Mutex<HashMap<Key, Option<Arc<String>>>>,
}

/// Texts are cached by the file read for linting when known, else by display path.
#[derive(PartialEq, Eq, Hash)]
enum Key {
    File(Arc<SourceFile>),
    Display(String),
}

impl DiskSources {
    pub fn new(
        paths: HashMap<Arc<str>, PathBuf>,
        stdin: Option<(Arc<str>, &[u8])>,
        max_size: u64,
    ) -> Self {
        let mut cache = HashMap::new();
        if let Some((name, bytes)) = stdin {
            cache.insert(
                Key::Display(name.to_string()),
                Some(Arc::new(decode(bytes).text)),
            );
        }
        DiskSources {
            paths,
            max_size,
            cache: Mutex::new(cache),
        }
    }
}

impl Sources for DiskSources {
    fn text(&self, path: &str) -> Option<Arc<String>> {
        // Findings in configuration files (EXP907) point at files not linted.
        let fs_path = match self.paths.get(path) {
            Some(p) => Some(p.clone()),
            None => Some(PathBuf::from(path)).filter(|p| p.is_file()),
        };
        self.read(Key::Display(path.to_string()), fs_path.as_deref(), None)
    }

    fn text_at(&self, location: &Location) -> Option<Arc<String>> {
        match &location.file {
            Some(file) => self.read(Key::File(file.clone()), Some(&file.path), Some(file)),
            None => self.text(&location.path),
        }
    }
}

impl DiskSources {
    /// The text cached under `key` (standard input's is there from the start), else the
    /// decoded text of `fs_path`; `None` when unreadable or, given `linted`, no longer the
    /// bytes the findings were computed from (their spans would point at other text).
    fn read(
        &self,
        key: Key,
        fs_path: Option<&std::path::Path>,
        linted: Option<&SourceFile>,
    ) -> Option<Arc<String>> {
        let mut cache = self.cache.lock().ok()?;
        cache
            .entry(key)
            .or_insert_with(|| {
                let bytes = source::read_file(fs_path?, self.max_size).ok()?;
                if let Some(f) = linted
                    && (bytes.len() as u64 != f.len || digest(&bytes) != f.digest)
                {
                    return None;
                }
                Some(Arc::new(decode(&bytes).text))
            })
            .clone()
    }
}
