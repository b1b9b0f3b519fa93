//! Source text for human snippets: files are read again and decoded only when a finding
//! needs them, so a run holds no text in memory for clean files.

use intune_lint_core::source::{self, decode};
use intune_lint_report::Sources;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub struct DiskSources {
    /// Display path → path on disk.
    paths: HashMap<Arc<str>, PathBuf>,
    max_size: u64,
    cache: Mutex<HashMap<String, Option<Arc<String>>>>,
}

impl DiskSources {
    pub fn new(
        paths: HashMap<Arc<str>, PathBuf>,
        stdin: Option<(Arc<str>, &[u8])>,
        max_size: u64,
    ) -> Self {
        let mut cache = HashMap::new();
        if let Some((name, bytes)) = stdin {
            cache.insert(name.to_string(), Some(Arc::new(decode(bytes).text)));
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
        let mut cache = self.cache.lock().ok()?;
        cache
            .entry(path.to_string())
            .or_insert_with(|| {
                // Findings in configuration files (EXP907) point at files not linted.
                let fs_path = match self.paths.get(path) {
                    Some(p) => p.clone(),
                    None => Some(PathBuf::from(path)).filter(|p| p.is_file())?,
                };
                let bytes = source::read_file(&fs_path, self.max_size).ok()?;
                Some(Arc::new(decode(&bytes).text))
            })
            .clone()
    }
}
