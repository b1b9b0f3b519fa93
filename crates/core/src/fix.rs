//! Applying fixes: edits are byte spans in a document's decoded text; the fixed text is
//! encoded back into the file's own encoding (BOM included) and written atomically.
//! Everything outside the edits, line endings included, is left byte for byte.
//!
//! Fixes are grouped by the file the findings were read from ([`SourceFile`]), never by
//! the display path. A file is written only if it still holds the bytes the findings
//! were computed from: checked when planning, and again under an exclusive lock on the
//! file right before writing, so two `--fix` runs on one tree cannot apply edits to text
//! they were not computed on. Read-only files are refused; a symbolic link's target is
//! written; links, owner, mode and extended attributes are kept ([`crate::atomic`]).

use crate::finding::{Applicability, Edit, Finding};
use crate::formats;
use crate::location::{SourceFile, digest};
use crate::source::{self, Decoded};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `--fix`: safe fixes only.
    Safe,
    /// `--fix --unsafe-fixes`: safe and unsafe fixes.
    Unsafe,
}

impl Mode {
    pub fn allows(self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self == Mode::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }
}

/// The fixes for one file, applied in memory.
#[derive(Debug, Clone)]
pub struct FileFix {
    /// The display path, for messages.
    pub path: Arc<str>,
    /// The file the findings were read from, and what it held then.
    pub file: Arc<SourceFile>,
    pub old_text: String,
    pub new_text: String,
    /// The bytes to write: `new_text` in the original encoding.
    pub new_bytes: Vec<u8>,
    /// `(code, message)` of each applied fix.
    pub applied: Vec<(&'static str, String)>,
}

/// Why a file with fixes was left alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: Arc<str>,
    pub reason: String,
}

/// The fixable findings of `findings`, grouped by the file they were read from, in path
/// order; fixable findings from no file (standard input) under `None`.
type ByFile<'a> = BTreeMap<Option<Arc<SourceFile>>, (Arc<str>, Vec<&'a Finding>)>;

fn by_file(findings: &[Finding], mode: Mode) -> ByFile<'_> {
    let mut map: ByFile<'_> = BTreeMap::new();
    for f in findings {
        if let Some(fix) = &f.fix
            && mode.allows(fix.applicability)
            && !fix.edits.is_empty()
        {
            map.entry(f.location.file.clone())
                .or_insert_with(|| (f.location.path.clone(), Vec::new()))
                .1
                .push(f);
        }
    }
    map
}

/// Applies edits to `text`; `None` when an edit is out of bounds or splits a character.
/// Fixes whose edits overlap an earlier accepted fix are left for the next pass.
fn apply_fixes<'a>(text: &str, fixes: &[&'a Finding]) -> Option<(String, Vec<&'a Finding>)> {
    let mut accepted: Vec<&Finding> = Vec::new();
    let mut edits: Vec<&Edit> = Vec::new();
    let mut sorted: Vec<&Finding> = fixes.to_vec();
    sorted.sort_by_key(|f| {
        f.fix
            .as_ref()
            .and_then(|x| x.edits.iter().map(|e| e.span.start).min())
    });
    for f in sorted {
        let fix = f.fix.as_ref()?;
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let overlaps = fix.edits.iter().any(|e| {
            edits
                .iter()
                .any(|o| e.span.start < o.span.end && o.span.start < e.span.end || e.span == o.span)
        });
        if !valid || overlaps {
            continue;
        }
        edits.extend(fix.edits.iter());
        accepted.push(f);
    }
    if accepted.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    Some((out, accepted))
}

/// A file's current bytes, reading at most one byte more than the `len` it had when
/// linted (more means it changed, and the file may have grown without bound).
pub fn read_current(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    std::fs::File::open(path)?
        .take(len.saturating_add(1))
        .read_to_end(&mut out)?;
    Ok(out)
}

/// Computes the fixes for every file; `read` returns a file's current bytes (as
/// [`read_current`] does, given the path and the length it had when linted).
pub fn plan(
    findings: &[Finding],
    mode: Mode,
    read: impl Fn(&Path, u64) -> std::io::Result<Vec<u8>>,
) -> (Vec<FileFix>, Vec<Skipped>) {
    let mut fixes = Vec::new();
    let mut skipped = Vec::new();
    for (file, (path, list)) in by_file(findings, mode) {
        let skip = |reason: &str| Skipped {
            path: path.clone(),
            reason: reason.to_string(),
        };
        let Some(file) = file else {
            skipped.push(skip("standard input is not fixed in place"));
            continue;
        };
        let bytes = match read(&file.path, file.len) {
            Err(e) => {
                skipped.push(skip(&format!("cannot read: {e}")));
                continue;
            }
            Ok(b) => b,
        };
        if bytes.len() as u64 != file.len || digest(&bytes) != file.digest {
            skipped.push(skip(CHANGED));
            continue;
        }
        match formats::sniff_binary(&bytes) {
            Some(formats::Format::Signed) => {
                skipped.push(skip("signed profile: editing it would break the signature"));
                continue;
            }
            Some(_) => {
                skipped.push(skip("binary plist: not edited"));
                continue;
            }
            None => {}
        }
        let Decoded {
            text,
            encoding,
            first_invalid,
        } = source::decode(&bytes);
        if first_invalid.is_some() {
            skipped.push(skip(&format!(
                "holds bytes that are not valid {}: writing it back would change them",
                encoding.name()
            )));
            continue;
        }
        let Some((new_text, applied)) = apply_fixes(&text, &list) else {
            continue;
        };
        if new_text == text {
            continue;
        }
        fixes.push(FileFix {
            path: path.clone(),
            file: file.clone(),
            new_bytes: encoding.encode(&new_text),
            old_text: text,
            new_text,
            applied: applied
                .iter()
                .map(|f| {
                    (
                        f.code,
                        f.fix
                            .as_ref()
                            .map(|x| x.message.clone())
                            .unwrap_or_default(),
                    )
                })
                .collect(),
        });
    }
    (fixes, skipped)
}

const CHANGED: &str =
    "changed since it was read (another `--fix` run, or an editor?): not written; run again";

/// Writes a fixed file, if it still holds the bytes the fixes were computed from. The
/// error says why not, for the "Not fixed" list.
pub fn write(fix: &FileFix) -> Result<(), String> {
    let target = crate::atomic::resolve_links(&fix.file.path).map_err(|e| e.to_string())?;
    // A writer that replaced the file (by rename) while we waited for the lock leaves us
    // holding the lock of a file no longer at the path: take the new one's.
    for _ in 0..16 {
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&target)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::PermissionDenied => {
                    "not writable (read-only or another owner's): not changed".to_string()
                }
                _ => format!("cannot open for writing: {e}"),
            })?;
        let meta = file.metadata().map_err(|e| e.to_string())?;
        // Root may write anything: a read-only mode is the owner's wish all the same.
        if meta.permissions().readonly() {
            return Err("read-only: not changed".into());
        }
        match file.lock() {
            // A file system without locks still gets the check below.
            Err(e) if e.kind() != std::io::ErrorKind::Unsupported => {
                return Err(format!("cannot lock: {e}"));
            }
            _ => {}
        }
        let now = std::fs::metadata(&target).map_err(|e| e.to_string())?;
        if !same_file(&meta, &now) {
            continue;
        }
        let mut current = Vec::new();
        (&mut file)
            .take(fix.file.len.saturating_add(1))
            .read_to_end(&mut current)
            .map_err(|e| format!("cannot read: {e}"))?;
        if current.len() as u64 != fix.file.len || digest(&current) != fix.file.digest {
            return Err(CHANGED.into());
        }
        return crate::atomic::replace(&target, &meta, &fix.new_bytes, Some(&mut file))
            .map_err(|e| format!("cannot write: {e}"));
    }
    Err(CHANGED.into())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Fix;
    use crate::location::Location;
    use crate::source::TextEncoding;
    use std::path::PathBuf;

    /// A fixable finding in `path` (display `shown`) as read with `bytes` (`None`: stdin).
    fn finding(
        file: Option<(&str, &[u8])>,
        shown: &str,
        span: std::ops::Range<usize>,
        replacement: &str,
        a: Applicability,
    ) -> Finding {
        let mut loc = Location::file(Arc::from(shown));
        loc.file = file.map(|(p, b)| Arc::new(SourceFile::new(PathBuf::from(p), b)));
        Finding::new("SSO101", "m", loc).with_fix(Fix {
            applicability: a,
            message: "fix".into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        })
    }

    #[test]
    fn applies_in_the_original_encoding_and_skips_overlaps() {
        let text = "{\r\n  \"k\": \"v \"\r\n}";
        let bytes = TextEncoding::Utf16Le { bom: true }.encode(text);
        let at = text.find("v ").unwrap();
        let file = Some(("f.json", &bytes[..]));
        let findings = vec![
            finding(file, "f.json", at..at + 2, "v", Applicability::Safe),
            finding(file, "f.json", at..at + 2, "w", Applicability::Safe),
            finding(file, "f.json", 0..1, "[", Applicability::Unsafe),
        ];
        let (fixes, skipped) = plan(&findings, Mode::Safe, |_, _| Ok(bytes.clone()));
        assert!(skipped.is_empty());
        assert_eq!(fixes.len(), 1);
        assert_eq!(fixes[0].new_text, "{\r\n  \"k\": \"v\"\r\n}");
        assert_eq!(fixes[0].applied.len(), 1);
        let back = source::decode(&fixes[0].new_bytes);
        assert_eq!(back.encoding, TextEncoding::Utf16Le { bom: true });
        assert_eq!(back.text, fixes[0].new_text);
    }

    #[test]
    fn never_edits_binary_plists_invalid_bytes_or_stdin() {
        let plist = b"bplist00\x00";
        let f = vec![finding(
            Some(("p", plist)),
            "p",
            0..1,
            "x",
            Applicability::Safe,
        )];
        let (fixes, skipped) = plan(&f, Mode::Safe, |_, _| Ok(plist.to_vec()));
        assert!(fixes.is_empty());
        assert!(skipped[0].reason.contains("binary plist"));
        let latin = b"{\"k\": \"\xE9\"}";
        let f = vec![finding(
            Some(("l", latin)),
            "l",
            0..1,
            "x",
            Applicability::Safe,
        )];
        let (fixes, skipped) = plan(&f, Mode::Safe, |_, _| Ok(latin.to_vec()));
        assert!(fixes.is_empty());
        assert!(skipped[0].reason.contains("not valid UTF-8"));
        let f = vec![finding(None, "<stdin>", 0..1, "x", Applicability::Safe)];
        let (fixes, skipped) = plan(&f, Mode::Safe, |_, _| unreachable!());
        assert!(fixes.is_empty());
        assert!(skipped[0].reason.contains("standard input"));
    }

    #[test]
    fn files_sharing_a_display_path_keep_their_own_edits() {
        let a = b"{\"k\": \"a \"}".to_vec();
        let b = b"{\"k\": \"bb \"}".to_vec();
        let findings = vec![
            finding(Some(("x/a", &a)), "x/a", 7..9, "a", Applicability::Safe),
            finding(Some(("x\\a", &b)), "x/a", 7..10, "bb", Applicability::Safe),
        ];
        let read = |p: &Path, _| {
            Ok(if p == Path::new("x/a") {
                a.clone()
            } else {
                b.clone()
            })
        };
        let (fixes, skipped) = plan(&findings, Mode::Safe, read);
        assert!(skipped.is_empty(), "{skipped:?}");
        let by_path: Vec<(&Path, &str)> = fixes
            .iter()
            .map(|f| (f.file.path.as_path(), f.new_text.as_str()))
            .collect();
        assert_eq!(
            by_path,
            [
                (Path::new("x/a"), "{\"k\": \"a\"}"),
                (Path::new("x\\a"), "{\"k\": \"bb\"}")
            ]
        );
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_planned_or_written() {
        let dir = std::env::temp_dir().join(format!("il-fix-changed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("p.json");
        let old = b"{\"k\": \"v \"}";
        std::fs::write(&p, old).unwrap();
        let p_str = p.to_str().unwrap();
        let f = vec![finding(
            Some((p_str, old)),
            "p.json",
            7..9,
            "v",
            Applicability::Safe,
        )];

        // Changed before planning (the other run already fixed it).
        std::fs::write(&p, b"{\"k\": \"v\"}").unwrap();
        let (fixes, skipped) = plan(&f, Mode::Safe, read_current);
        assert!(fixes.is_empty());
        assert!(skipped[0].reason.contains("changed since it was read"));

        // Changed between planning and writing: the write is refused, the file kept.
        std::fs::write(&p, old).unwrap();
        let (fixes, _) = plan(&f, Mode::Safe, read_current);
        std::fs::write(&p, b"{\"k\": \"w \"}").unwrap();
        let err = write(&fixes[0]).unwrap_err();
        assert!(err.contains("changed since it was read"), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"{\"k\": \"w \"}");

        // Unchanged: written.
        std::fs::write(&p, old).unwrap();
        write(&fixes[0]).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"{\"k\": \"v\"}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
