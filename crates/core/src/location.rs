//! Where a finding points: a file, a pointer into its value tree and, when the format has
//! lines, the 1-based line and column range resolved from the node's byte span.

use crate::intern::Interned;
use crate::node::Span;
use serde::Serialize;
use std::sync::Arc;

/// 1-based line and column; the column counts Unicode scalar values, so it is right
/// whatever encoding the file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The path as the user gave it (relative paths stay relative), `/` separated.
    pub path: Arc<str>,
    /// JSON Pointer (or plist key path in the same syntax) of the offending key or value;
    /// interned, as the same pointers recur in every file.
    pub pointer: Interned,
    /// Byte span in the decoded text; `None` for binary formats.
    #[serde(skip)]
    pub span: Option<Span>,
    pub start: Option<LineCol>,
    pub end: Option<LineCol>,
    /// The file on disk the text was read from (`None` for standard input and findings
    /// not tied to one read): `--fix` writes by this, never by the display path, which
    /// two files can share.
    #[serde(skip)]
    pub file: Option<Arc<SourceFile>>,
}

/// Where a fact of the tenant index came from: a [`Location`] without the parts only a
/// reported finding needs (lines, columns, the file to fix), in 32 bytes instead of 104:
/// the index holds one per policy, assignment and target of the export. Rules report it
/// as a `Location` (`Finding::new` takes either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub path: Arc<str>,
    pub pointer: Interned,
    /// Byte span in the decoded text; `start == NO_SPAN` for none (binary formats, and
    /// offsets past 4 GiB).
    start: u32,
    end: u32,
}

const NO_SPAN: u32 = u32::MAX;

impl Loc {
    pub fn span(&self) -> Option<Span> {
        (self.start != NO_SPAN).then_some(self.start as usize..self.end as usize)
    }

    /// Orders locations by file, then position (as [`Location::order_key`]).
    pub fn order_key(&self) -> (&str, Option<usize>) {
        (&self.path, self.span().map(|s| s.start))
    }
}

impl From<&Location> for Loc {
    fn from(l: &Location) -> Self {
        let span = l.span.as_ref().and_then(|s| {
            Some((
                u32::try_from(s.start).ok().filter(|&s| s != NO_SPAN)?,
                u32::try_from(s.end).ok()?,
            ))
        });
        let (start, end) = span.unwrap_or((NO_SPAN, 0));
        Loc {
            path: l.path.clone(),
            pointer: l.pointer.clone(),
            start,
            end,
        }
    }
}

impl From<Location> for Loc {
    fn from(l: Location) -> Self {
        Loc::from(&l)
    }
}

impl From<&Loc> for Location {
    fn from(l: &Loc) -> Self {
        Location {
            path: l.path.clone(),
            pointer: l.pointer.clone(),
            span: l.span(),
            start: None,
            end: None,
            file: None,
        }
    }
}

impl From<Loc> for Location {
    fn from(l: Loc) -> Self {
        Location::from(&l)
    }
}

/// A file as it was read for linting: its path and a digest of its bytes, so `--fix`
/// can refuse to write when the file changed since (another `--fix` run, an editor).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceFile {
    pub path: std::path::PathBuf,
    pub len: u64,
    pub digest: u64,
}

impl SourceFile {
    pub fn new(path: std::path::PathBuf, bytes: &[u8]) -> Self {
        SourceFile {
            path,
            len: bytes.len() as u64,
            digest: digest(bytes),
        }
    }
}

/// A digest to compare one file's bytes within a run, never stored. Every file linted is
/// hashed, so speed matters: foldhash ran 64 MiB in 2–14 ms on our shared machines, std's
/// SipHash in 32 ms (a few percent of reading and parsing them). Not collision-resistant
/// against an adversary, who would also have to win a race against `--fix`; the length is
/// compared too.
pub fn digest(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).hash_one(bytes)
}

impl Location {
    /// A location for a whole file, with no position (unreadable, binary, ...).
    pub fn file(path: Arc<str>) -> Self {
        Location {
            path,
            pointer: Interned::default(),
            span: None,
            start: None,
            end: None,
            file: None,
        }
    }
}

impl Location {
    /// A location for a span of decoded text whose line and column are filled in later
    /// ([`Location::resolve`]): most locations a run records (the tenant index holds
    /// thousands) never reach a report, and a column costs a scan of its line.
    pub fn deferred(path: Arc<str>, pointer: &str, span: Span) -> Self {
        Location {
            path,
            pointer: Interned::new(pointer),
            span: Some(span),
            start: None,
            end: None,
            file: None,
        }
    }

    /// Orders locations by file, then position, whether or not lines are worked out yet.
    pub fn order_key(&self) -> (&str, Option<usize>) {
        (&self.path, self.span.as_ref().map(|s| s.start))
    }

    /// Has a span whose line and column are not worked out yet.
    pub fn is_unresolved(&self) -> bool {
        self.span.is_some() && self.start.is_none()
    }

    /// Works out line and column from the span, in the text the span was taken from.
    pub fn resolve(&mut self, text: &str, idx: &LineIndex) {
        if let Some(span) = &self.span
            && self.start.is_none()
        {
            let (start, end) = idx.range(text, span);
            self.start = Some(start);
            self.end = Some(end);
        }
    }

    /// A location for a span of decoded text, with its lines and columns.
    pub fn in_text(path: Arc<str>, pointer: &str, text: &str, idx: &LineIndex, span: Span) -> Self {
        let (start, end) = idx.range(text, &span);
        Location {
            path,
            pointer: Interned::new(pointer),
            span: Some(span),
            start: Some(start),
            end: Some(end),
            file: None,
        }
    }
}

/// Byte offsets of line starts, for offset → line/column.
///
/// Columns count characters, and a minified Graph page is one line of megabytes: counting
/// from the line start for every location made lint time quadratic in line length. So the
/// index also keeps the number of characters before every `BLOCK`-th byte, and a column
/// costs at most two `BLOCK`-sized counts, whatever the line length.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `chars_before[b]`: characters in `text[..b * BLOCK]`; empty for ASCII text.
    chars_before: Vec<usize>,
}

const BLOCK: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()));
        // ASCII text (most exports) counts a character per byte: no table.
        let mut chars_before = Vec::new();
        if !text.is_ascii() {
            chars_before.reserve_exact(text.len() / BLOCK + 1);
            let mut total = 0;
            chars_before.push(0);
            for block in text.as_bytes().chunks_exact(BLOCK) {
                total += count_chars(block);
                chars_before.push(total);
            }
        }
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// Characters in `text[..offset]`.
    fn chars_to(&self, bytes: &[u8], offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return offset;
        }
        let block = offset / BLOCK;
        self.chars_before[block] + count_chars(&bytes[block * BLOCK..offset])
    }

    /// The line and column of a byte offset. A `\r` before `\n` belongs to its line, so
    /// CRLF files get the same numbers as LF files.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let bytes = text.as_bytes();
        LineCol {
            line: line + 1,
            column: self.chars_to(bytes, end) - self.chars_to(bytes, start) + 1,
        }
    }

    /// `(start, end)` positions of a span; the end column is exclusive-of-last-char + 1,
    /// the convention SARIF and editors use (end column points after the last character).
    pub fn range(&self, text: &str, span: &Span) -> (LineCol, LineCol) {
        (
            self.line_col(text, span.start),
            self.line_col(text, span.end),
        )
    }

    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character starts one
/// (so a block may begin or end inside a character).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_and_ignore_cr() {
        let text = "{\r\n  \"é\": 1,\r\n  \"k\": 2\r\n}";
        let idx = LineIndex::new(text);
        let off = text.find("\"k\"").unwrap();
        assert_eq!(idx.line_col(text, off), LineCol { line: 3, column: 3 });
        let off = text.find('1').unwrap();
        // `é` is two bytes but one column.
        assert_eq!(idx.line_col(text, off), LineCol { line: 2, column: 8 });
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(
            idx.line_col(text, text.len()),
            LineCol { line: 4, column: 2 }
        );
    }

    /// Columns on lines longer than a block, with multi-byte characters straddling block
    /// edges, agree with counting from the line start.
    #[test]
    fn deferred_locations_resolve_to_what_in_text_gives() {
        let text = "{\r\n  \"é\": 1,\r\n  \"k\": 2\r\n}";
        let idx = LineIndex::new(text);
        let span = text.find("\"k\"").unwrap()..text.find('2').unwrap() + 1;
        let mut loc = Location::deferred("f.json".into(), "/k", span.clone());
        assert!(loc.is_unresolved());
        loc.resolve(text, &idx);
        assert!(!loc.is_unresolved());
        assert_eq!(
            loc,
            Location::in_text("f.json".into(), "/k", text, &idx, span)
        );
    }

    /// The index's compact locations report as the deferred location they were made from.
    #[test]
    fn compact_locations_round_trip() {
        let loc = Location::deferred("f.json".into(), "/assignments/0/target", 10..42);
        let back = Location::from(Loc::from(&loc));
        assert_eq!(back, loc);
        assert_eq!(
            Location::from(Loc::from(Location::file("g.json".into()))),
            Location::file("g.json".into())
        );
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let mut text = String::from("x\n");
        for i in 0..3 * BLOCK {
            text.push(['a', 'é', '€', '😀'][i % 4]);
        }
        text.push_str("\nend");
        let idx = LineIndex::new(&text);
        for offset in (0..=text.len()).step_by(13).chain([text.len()]) {
            let mut end = offset;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
            let expected = text[line_start..end].chars().count() + 1;
            assert_eq!(
                idx.line_col(&text, offset).column,
                expected,
                "offset {offset}"
            );
        }
    }
}
