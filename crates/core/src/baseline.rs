//! Baselines: accept the findings a tenant has today, report only new ones.
//!
//! Entries are keyed by (path relative to the baseline file, object id — or the JSON
//! Pointer when the finding has no object id —, rule code) with a count, never by line,
//! so edits elsewhere in a file do not invalidate them (the ESLint/oxlint bulk-suppression
//! format). The file is JSON with a `version`, sorted, so it diffs well in reviews.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const VERSION: u32 = 1;

/// The largest count an entry may have (`u32::MAX`).
pub const MAX_COUNT: usize = u32::MAX as usize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub version: u32,
    pub tool: String,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    pub rule: String,
    pub count: usize,
}

/// What applying a baseline did, for the summaries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BaselineSummary {
    /// Findings accepted by the baseline (not reported).
    pub suppressed: usize,
    /// Baselined findings that no longer occur (fixed since the baseline was written).
    pub fixed: usize,
}

type Key = (String, Option<String>, Option<String>, String);

/// Keys findings relative to the folder of the baseline file.
pub struct Baseline {
    dir: PathBuf,
    counts: BTreeMap<Key, usize>,
}

/// `path` relative to `base` (both absolute), with `..` where needed; `None` across
/// drives.
pub fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let p: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    if p.first() != b.first() {
        return None;
    }
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c);
    }
    Some(out)
}

fn absolute(p: &Path) -> PathBuf {
    crate::paths::absolute(p)
}

impl Baseline {
    /// A shown path relative to the baseline's folder, as entries store it.
    fn relative(&self, shown: &str) -> String {
        relative_to(&absolute(Path::new(shown)), &self.dir)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|| shown.to_string())
    }

    /// Keeps only the entries of these files (shown paths): a run that lints some files
    /// of an export (pre-commit) must not count the other files' entries as fixed.
    pub fn only_files(&mut self, shown: &[std::sync::Arc<str>]) {
        let keep: std::collections::HashSet<String> =
            shown.iter().map(|p| self.relative(p)).collect();
        self.counts.retain(|k, _| keep.contains(&k.0));
    }

    fn key(&self, f: &Finding) -> Key {
        let rel = self.relative(&f.location.path);
        let id = f.object.as_ref().and_then(|o| o.id().map(str::to_string));
        let pointer = if id.is_none() {
            Some(f.location.pointer.to_string())
        } else {
            None
        };
        (rel, id, pointer, f.code.to_string())
    }

    /// A baseline of `findings`, to be written to `path`.
    pub fn from_findings(path: &Path, findings: &[Finding]) -> Self {
        let mut b = Baseline {
            dir: absolute(path)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            counts: BTreeMap::new(),
        };
        for f in findings {
            let n = b.counts.entry(b.key(f)).or_default();
            *n = n.saturating_add(1);
        }
        b
    }

    pub fn to_file(&self) -> BaselineFile {
        BaselineFile {
            version: VERSION,
            tool: "intune-lint".into(),
            entries: self
                .counts
                .iter()
                .map(|((path, object, pointer, rule), count)| Entry {
                    path: path.clone(),
                    object: object.clone(),
                    pointer: pointer.clone(),
                    rule: rule.clone(),
                    count: *count,
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.to_file()).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = crate::source::read_setting_file(path, crate::source::MAX_BASELINE_SIZE)
            .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a baseline file: {e}", path.display()))?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (this intune-lint writes version {VERSION})",
                path.display(),
                file.version
            ));
        }
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for e in file.entries {
            // No run has this many findings: a count above it is a damaged or crafted
            // file, and summing such counts would overflow.
            if e.count > MAX_COUNT {
                return Err(format!(
                    "{}: not a baseline file: entry for `{}` ({}) has count {}, more than {MAX_COUNT}",
                    path.display(),
                    e.path,
                    e.rule,
                    e.count
                ));
            }
            let n = counts
                .entry((e.path, e.object, e.pointer, e.rule))
                .or_default();
            *n = n.saturating_add(e.count);
        }
        Ok(Baseline {
            dir: absolute(path)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            counts,
        })
    }

    /// Removes the findings the baseline accepts (up to each entry's count) and counts
    /// the baselined findings that are gone.
    pub fn apply(&self, findings: Vec<Finding>) -> (Vec<Finding>, BaselineSummary) {
        let mut left = self.counts.clone();
        let mut summary = BaselineSummary::default();
        let kept = findings
            .into_iter()
            .filter(|f| match left.get_mut(&self.key(f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    summary.suppressed = summary.suppressed.saturating_add(1);
                    false
                }
                _ => true,
            })
            .collect();
        summary.fixed = left.values().fold(0, |a, n| a.saturating_add(*n));
        (kept, summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(name: &str, text: &str) -> Result<Baseline, String> {
        let dir = std::env::temp_dir().join(format!("il-baseline-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("baseline.json");
        std::fs::write(&p, text).unwrap();
        let b = Baseline::read(&p);
        std::fs::remove_dir_all(&dir).unwrap();
        b
    }

    fn entry(path: &str, count: &str) -> String {
        format!(r#"{{"path": "{path}", "pointer": "", "rule": "SSO101", "count": {count}}}"#)
    }

    #[test]
    fn absurd_counts_are_refused_and_sums_never_overflow() {
        let huge = format!(
            r#"{{"version": 1, "tool": "intune-lint", "entries": [{}]}}"#,
            entry("a.json", "18446744073709551615")
        );
        let err = read_text("huge", &huge).err().unwrap();
        assert!(err.contains("count 18446744073709551615"), "{err}");

        let max = MAX_COUNT.to_string();
        let twice = format!(
            r#"{{"version": 1, "tool": "intune-lint", "entries": [{}, {}, {}]}}"#,
            entry("a.json", &max),
            entry("a.json", &max),
            entry("b.json", &max)
        );
        let b = read_text("twice", &twice).unwrap();
        let (kept, summary) = b.apply(Vec::new());
        assert!(kept.is_empty());
        assert_eq!(summary.fixed, MAX_COUNT.saturating_mul(3));
    }
}
