//! Applying fixes: edits are byte spans in a document's decoded text; the fixed text is
//! encoded back into the file's own encoding (BOM included) and written atomically.
//! Everything outside the edits, line endings included, is left byte for byte.

use crate::finding::{Applicability, Edit, Finding};
use crate::formats;
use crate::source::{self, Decoded};
use std::collections::BTreeMap;
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
    pub path: Arc<str>,
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

/// The fixable findings of `findings`, grouped by file, in file order.
fn by_file(findings: &[Finding], mode: Mode) -> BTreeMap<Arc<str>, Vec<&Finding>> {
    let mut map: BTreeMap<Arc<str>, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if let Some(fix) = &f.fix
            && mode.allows(fix.applicability)
            && !fix.edits.is_empty()
        {
            map.entry(f.location.path.clone()).or_default().push(f);
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

/// Computes the fixes for every file; `read` returns a file's current bytes by its
/// display path (`None` for standard input, which is never fixed).
pub fn plan(
    findings: &[Finding],
    mode: Mode,
    read: impl Fn(&str) -> Option<std::io::Result<Vec<u8>>>,
) -> (Vec<FileFix>, Vec<Skipped>) {
    let mut fixes = Vec::new();
    let mut skipped = Vec::new();
    for (path, list) in by_file(findings, mode) {
        let skip = |reason: &str| Skipped {
            path: path.clone(),
            reason: reason.to_string(),
        };
        let bytes = match read(&path) {
            None => {
                skipped.push(skip("standard input is not fixed in place"));
                continue;
            }
            Some(Err(e)) => {
                skipped.push(skip(&format!("cannot read: {e}")));
                continue;
            }
            Some(Ok(b)) => b,
        };
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

/// Writes a fixed file in place (atomically, keeping its permissions).
pub fn write(fix: &FileFix, fs_path: &Path) -> std::io::Result<()> {
    crate::atomic::write_atomic(fs_path, &fix.new_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Fix;
    use crate::location::Location;
    use crate::source::TextEncoding;

    fn finding(span: std::ops::Range<usize>, replacement: &str, a: Applicability) -> Finding {
        Finding::new("SSO101", "m", Location::file(Arc::from("f.json"))).with_fix(Fix {
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
        let findings = vec![
            finding(at..at + 2, "v", Applicability::Safe),
            finding(at..at + 2, "w", Applicability::Safe),
            finding(0..1, "[", Applicability::Unsafe),
        ];
        let (fixes, skipped) = plan(&findings, Mode::Safe, |_| Some(Ok(bytes.clone())));
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
        let f = vec![finding(0..1, "x", Applicability::Safe)];
        let (fixes, skipped) = plan(&f, Mode::Safe, |_| Some(Ok(b"bplist00\x00".to_vec())));
        assert!(fixes.is_empty());
        assert!(skipped[0].reason.contains("binary plist"));
        let (fixes, skipped) = plan(&f, Mode::Safe, |_| Some(Ok(b"{\"k\": \"\xE9\"}".to_vec())));
        assert!(fixes.is_empty());
        assert!(skipped[0].reason.contains("not valid UTF-8"));
        let (fixes, skipped) = plan(&f, Mode::Safe, |_| None);
        assert!(fixes.is_empty());
        assert!(skipped[0].reason.contains("standard input"));
    }
}
