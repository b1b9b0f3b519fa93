//! A fast path for the plain block YAML that IntuneCD writes (PyYAML's block style):
//! mappings and sequences by indentation, one-line plain, single- and double-quoted
//! scalars. saphyr's scanner costs some 130 instructions per byte (a base64 script on one
//! line is tens of kilobytes); this reads such files about as fast as JSON.
//!
//! It builds exactly the tree [`super::yaml::parse`] builds from saphyr's events, spans
//! included, or gives up (`None`) at the first thing outside that subset: flow
//! collections, anchors, aliases, tags, block and multi-line scalars, comments, document
//! markers, directives, tabs, carriage returns, empty values, errors of any kind. The
//! caller then parses the file with saphyr, so every message still comes from there.

use super::yaml::plain;
use crate::node::{Member, Node, Value};

/// Deeper files are left to saphyr, which reports its own depth limit.
const MAX_DEPTH: usize = 100;

pub(super) fn parse(text: &str) -> Option<Node> {
    let bytes = text.as_bytes();
    if memchr::memchr2(b'\t', b'\r', bytes).is_some() {
        return None;
    }
    let mut p = Block {
        text,
        bytes,
        pos: 0,
        depth: 0,
        values_left: super::max_values(text.len()),
    };
    let Line::At(indent) = p.peek()? else {
        return None;
    };
    let node = p.block(indent)?;
    match p.peek()? {
        Line::Eof => Some(node),
        Line::At(_) => None,
    }
}

enum Line {
    Eof,
    /// A line with content, at this indentation; the reader is at its start.
    At(usize),
}

struct Block<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// At the start of a line between values, else inside one.
    pos: usize,
    depth: usize,
    values_left: usize,
}

impl Block<'_> {
    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// Skips blank lines to the next line with content. `None`: a comment or a document
    /// marker, which the fast path leaves to saphyr.
    fn peek(&mut self) -> Option<Line> {
        loop {
            let mut i = self.pos;
            while self.byte(i) == Some(b' ') {
                i += 1;
            }
            match self.byte(i) {
                None => {
                    self.pos = i;
                    return Some(Line::Eof);
                }
                Some(b'\n') => self.pos = i + 1,
                Some(b'#') => return None,
                Some(b'-' | b'.') if i == self.pos && self.bytes[i..].starts_with(b"---") => {
                    return None;
                }
                Some(b'.') if i == self.pos && self.bytes[i..].starts_with(b"...") => {
                    return None;
                }
                Some(b'%') if i == self.pos => return None,
                Some(_) => return Some(Line::At(i - self.pos)),
            }
        }
    }

    /// One more value, within the budget the other parsers keep.
    fn count(&mut self) -> Option<()> {
        self.values_left = self.values_left.checked_sub(1)?;
        Some(())
    }

    /// Is a sequence entry (`- ` or a lone `-`) at `at`?
    fn is_dash(&self, at: usize) -> bool {
        self.byte(at) == Some(b'-') && matches!(self.byte(at + 1), None | Some(b' ' | b'\n'))
    }

    /// One level deeper, within [`MAX_DEPTH`].
    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Option<Node>) -> Option<Node> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let node = read(self);
        self.depth -= 1;
        node
    }

    /// The collection whose first line starts here, indented by `indent`.
    fn block(&mut self, indent: usize) -> Option<Node> {
        self.pos += indent;
        self.nested(|p| {
            if p.is_dash(p.pos) {
                p.sequence(indent)
            } else {
                p.mapping(indent)
            }
        })
    }

    /// A block mapping whose keys are at column `indent`; the reader is at its first key.
    fn mapping(&mut self, indent: usize) -> Option<Node> {
        self.count()?;
        let start = self.pos;
        let mut members = Vec::new();
        loop {
            if self.is_dash(self.pos) {
                return None;
            }
            let (key, key_span) = self.key()?;
            let node = self.value(indent)?;
            members.push(Member {
                key: key.into(),
                key_span: Some(key_span),
                node,
            });
            match self.peek()? {
                Line::At(i) if i == indent => self.pos += i,
                Line::At(i) if i > indent => return None,
                _ => break,
            }
        }
        let end = members.last()?.node.span.as_ref()?.end;
        Some(Node::new(Value::Object(members), Some(start..end)))
    }

    /// A block sequence whose dashes are at column `indent`; the reader is at the first.
    fn sequence(&mut self, indent: usize) -> Option<Node> {
        self.count()?;
        let start = self.pos;
        let mut items = Vec::new();
        loop {
            // Past the dash and the spaces after it.
            self.pos += 1;
            while self.byte(self.pos) == Some(b' ') {
                self.pos += 1;
            }
            let item = match self.byte(self.pos) {
                None | Some(b'\n') => match self.peek()? {
                    Line::At(i) if i > indent => self.block(i)?,
                    _ => return None,
                },
                _ if self.is_dash(self.pos) => return None,
                _ if self.is_key_here()? => {
                    // `- key: value`: a mapping whose keys line up after the dash.
                    let column = self.pos - self.line_start();
                    self.nested(|p| p.mapping(column))?
                }
                _ => self.inline_scalar()?,
            };
            items.push(item);
            match self.peek()? {
                Line::At(i) if i == indent && self.is_dash(self.pos + i) => self.pos += i,
                Line::At(i) if i > indent => return None,
                _ => break,
            }
        }
        let end = items.last()?.span.as_ref()?.end;
        Some(Node::new(Value::Array(items), Some(start..end)))
    }

    fn line_start(&self) -> usize {
        self.bytes[..self.pos]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
    }

    /// Does a mapping key start here? Looks ahead without moving.
    fn is_key_here(&mut self) -> Option<bool> {
        let save = self.pos;
        let is_key = match self.byte(self.pos) {
            Some(q @ (b'"' | b'\'')) => {
                self.quoted(q)?;
                self.byte(self.pos) == Some(b':')
            }
            _ => plain_key_end(&self.bytes[self.pos..self.line_end()]).is_some(),
        };
        self.pos = save;
        Some(is_key)
    }

    fn line_end(&self) -> usize {
        memchr::memchr(b'\n', &self.bytes[self.pos..]).map_or(self.bytes.len(), |i| self.pos + i)
    }

    /// A key and its colon; the reader ends just past the colon.
    fn key(&mut self) -> Option<(String, std::ops::Range<usize>)> {
        let start = self.pos;
        let key = match self.byte(self.pos) {
            Some(q @ (b'"' | b'\'')) => self.quoted(q)?,
            Some(b) if is_indicator(b) => return None,
            _ => {
                let len = plain_key_end(&self.bytes[self.pos..self.line_end()])?;
                self.pos += len;
                self.text[start..self.pos].to_string()
            }
        };
        let span = start..self.pos;
        if self.byte(self.pos) != Some(b':')
            || !matches!(self.byte(self.pos + 1), None | Some(b' ' | b'\n'))
        {
            return None;
        }
        self.pos += 1;
        Some((key, span))
    }

    /// The value after a key's colon in a mapping at column `indent`.
    fn value(&mut self, indent: usize) -> Option<Node> {
        while self.byte(self.pos) == Some(b' ') {
            self.pos += 1;
        }
        match self.byte(self.pos) {
            None | Some(b'\n') => match self.peek()? {
                Line::At(i) if i > indent => self.block(i),
                // PyYAML writes a mapping's sequences at the mapping's own indentation.
                Line::At(i) if i == indent && self.is_dash(self.pos + i) => {
                    self.pos += i;
                    self.nested(|p| p.sequence(i))
                }
                // An empty value (null): saphyr places it, not us.
                _ => None,
            },
            _ => self.inline_scalar(),
        }
    }

    /// A scalar that ends its line; the reader ends at the next line.
    fn inline_scalar(&mut self) -> Option<Node> {
        self.count()?;
        let start = self.pos;
        let value = match self.byte(self.pos)? {
            q @ (b'"' | b'\'') => Value::String(self.quoted(q)?),
            // PyYAML's empty list and dictionary; any other flow collection is saphyr's.
            b'[' if self.byte(self.pos + 1) == Some(b']') => {
                self.pos += 2;
                Value::Array(Vec::new())
            }
            b'{' if self.byte(self.pos + 1) == Some(b'}') => {
                self.pos += 2;
                Value::Object(Vec::new())
            }
            // `-5` is a plain scalar; `- ` would be a sequence.
            b'-' if !matches!(self.byte(self.pos + 1), None | Some(b' ' | b'\n')) => {
                self.plain_scalar(start)?
            }
            b if is_indicator(b) => return None,
            _ => self.plain_scalar(start)?,
        };
        let span = start..self.pos;
        // saphyr's span of a quoted scalar (or `[]`) takes in the spaces after it: its call.
        if self.byte(self.pos) == Some(b' ')
            && matches!(self.bytes[start], b'"' | b'\'' | b'[' | b'{')
        {
            return None;
        }
        while self.byte(self.pos) == Some(b' ') {
            self.pos += 1;
        }
        match self.byte(self.pos) {
            None => {}
            Some(b'\n') => self.pos += 1,
            Some(_) => return None,
        }
        Some(Node::new(value, Some(span)))
    }

    /// A plain scalar from `start` to the end of its line (trailing spaces excluded).
    fn plain_scalar(&mut self, start: usize) -> Option<Value> {
        let end = self.line_end();
        let raw = self.text[start..end].trim_end_matches(' ');
        let b = raw.as_bytes();
        // A colon or a comment would make it something else; a value that is itself
        // `key: value` is an error saphyr reports.
        if b.windows(2).any(|w| w == b": " || w == b" #") || b.last() == Some(&b':') {
            return None;
        }
        self.pos = start + raw.len();
        Some(plain(raw))
    }

    /// A one-line quoted scalar at the reader, unescaped; the reader ends past its quote.
    fn quoted(&mut self, quote: u8) -> Option<String> {
        let mut out = String::new();
        self.pos += 1;
        loop {
            let rest = &self.bytes[self.pos..];
            let stop = if quote == b'"' {
                memchr::memchr3(b'"', b'\\', b'\n', rest)?
            } else {
                memchr::memchr2(b'\'', b'\n', rest)?
            };
            let run = &self.text[self.pos..self.pos + stop];
            // Without an early exit, so that it vectorizes (a script is one long run).
            if run.bytes().fold(false, |c, b| c | (b < 0x20) | (b == 0x7F)) {
                return None;
            }
            out.push_str(run);
            self.pos += stop;
            match (self.bytes[self.pos], quote) {
                (b'\n', _) => return None,
                (b'\'', b'\'') if self.byte(self.pos + 1) == Some(b'\'') => {
                    out.push('\'');
                    self.pos += 2;
                }
                (b'\\', _) => {
                    out.push(self.escape()?);
                }
                _ => {
                    self.pos += 1;
                    return Some(out);
                }
            }
        }
    }

    /// The escape at the reader (a backslash) in a double-quoted scalar: the common ones
    /// only; anything else goes to saphyr.
    fn escape(&mut self) -> Option<char> {
        let c = match self.byte(self.pos + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'0' => '\0',
            b'u' => {
                let hex = self.text.get(self.pos + 2..self.pos + 6)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                // Surrogates and the like: saphyr's call.
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                self.pos += 6;
                return Some(c);
            }
            _ => return None,
        };
        self.pos += 2;
        Some(c)
    }
}

/// Bytes that cannot start a plain scalar here (or start one the fast path leaves alone).
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b' '
    )
}

/// The length of a plain key on `line` (up to its `: ` or final `:`), if the line is
/// `key: …`; `None` when it holds no such colon or has a comment first.
fn plain_key_end(line: &[u8]) -> Option<usize> {
    if line.first().is_none_or(|&b| is_indicator(b)) {
        return None;
    }
    for (i, &b) in line.iter().enumerate() {
        match b {
            b':' if matches!(line.get(i + 1), None | Some(b' ')) => {
                // A key with trailing spaces before its colon: saphyr's span differs.
                return (line[i - 1] != b' ').then_some(i);
            }
            b'#' if line[i - 1] == b' ' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::yaml::fast_path_agrees as agrees;

    fn fixtures() -> Vec<(std::path::PathBuf, String)> {
        let mut out = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures"
        ))];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                    && let Ok(t) = std::fs::read_to_string(&p)
                {
                    out.push((p, t));
                }
            }
        }
        out
    }

    #[test]
    fn builds_what_saphyr_builds_or_gives_up() {
        let cases = [
            "a: 1\nb: two words\nc: 'q''s'\nd: \"e\\\"\\u00e9\\n\"\n",
            "'@odata.type': '#x'\nlist:\n- a\n- b: 1\n  c: -2.5e3\n- -x\nm:\n  n: null\n  s:\n    - ~\n    -\n      k: v\nz: true\n",
            "- a\n-\n  - b\n- c: [1]\n",
            "a:\n  b:\n  - 1\n  - 2\n  c: 3\nd: 0x1F\n",
            "url: https://login.microsoftonline.com/x?y=1#frag\nrule: (user.a -eq \"b\") and c\n",
            "a:   spaced   \n\n\nb: 1   \n",
            "  indented: root\n  more: 1\n",
            "Some Key: a#b c\nk2: 'x: y # z'\nk3: \"\\u00e9\\x41\"\nk4: é ü\nk5: 2025-01-20T09:41:12Z\n",
            "Some Key: a#b c\nk2: 'x: y # z'\nk4: é ü\n",
            "k: -\nk2: - a\n? complex\n: v\n",
            "a:\n- b:\n  - c\n  d: ~\n- - e\n",
            "a: 'it''s'\nb: \"tab\\tnew\\nline\"\nc: 0o17\nd: .inf\ne: +1\nf: 1_000\n",
            "list:\n  - 1\n  -  2\n  -   k: v\n      w: x\n",
            // Outside the subset, or errors: saphyr decides.
            "a: 1 # comment\n",
            "# comment\na: 1\n",
            "---\na: 1\n",
            "a: &x 1\nb: *x\n",
            "a: [1, 2]\n",
            "a: []\nb: {}  \nc:\n- []\n- {}\n",
            "a: |\n  text\n",
            "a: long\n  continued\n",
            "a:\nb: 1\n",
            "a: 1\n b: 2\n",
            "a: \"open\n",
            "a: b: c\n",
            "a:\tb\n",
            "a: 1\r\nb: 2\r\n",
            "key : v\n",
            "- - a\n",
            "a: 1\n- b\n",
            "",
            "plain",
        ];
        for c in cases {
            assert!(agrees(c), "{c:?}");
        }
        for accepted in [1, 3, 8, 11, 12] {
            assert!(parse(cases[accepted]).is_some(), "{:?}", cases[accepted]);
        }
        // Past its depth the fast path leaves the file to saphyr.
        let nest = |n: usize| {
            (0..n)
                .map(|i| format!("{}k:\n", "  ".repeat(i)))
                .collect::<String>()
                + &"  ".repeat(n)
                + "v: 1\n"
        };
        assert!(parse(&nest(MAX_DEPTH - 2)).is_some());
        assert!(parse(&nest(MAX_DEPTH + 1)).is_none());
        assert!(agrees(&nest(MAX_DEPTH + 1)));
        assert!(parse("a: 1 # comment\n").is_none());
    }

    #[test]
    fn agrees_with_saphyr_on_every_fixture_and_mutations_of_them() {
        let files = fixtures();
        assert!(!files.is_empty());
        let mut fast = 0;
        for (p, t) in &files {
            assert!(agrees(t), "{}", p.display());
            fast += usize::from(parse(t).is_some());
        }
        // IntuneCD's files are what the fast path is for.
        assert!(fast * 2 > files.len(), "{fast} of {}", files.len());
        // Small edits at random places: whatever the fast path accepts, it reads as saphyr.
        const PIECES: [&str; 17] = [
            " ", "  ", "\n", "- ", "-", ": ", ":", "'", "\"", "#", "a", "\\", "1", "\n  ", "[]",
            "{}", "[",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n.max(1)
        };
        let mut accepted = 0;
        for round in 0..6000 {
            let (_, t) = &files[round % files.len()];
            let mut s = t.clone();
            for _ in 0..1 + next(3) {
                let mut at = next(s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                if next(2) == 0 {
                    s.insert_str(at, PIECES[next(PIECES.len())]);
                } else {
                    let mut end = (at + 1 + next(4)).min(s.len());
                    while !s.is_char_boundary(end) {
                        end += 1;
                    }
                    s.replace_range(at..end, "");
                }
            }
            if !agrees(&s) {
                let (a, b) = (parse(&s), crate::formats::yaml::parse_events(&s));
                let a = format!("{a:#?}");
                let b = format!("{b:#?}");
                let d = a
                    .lines()
                    .zip(b.lines())
                    .position(|(x, y)| x != y)
                    .unwrap_or(0);
                let ctx = |t: &str| {
                    t.lines()
                        .skip(d.saturating_sub(12))
                        .take(16)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                panic!("{s:?}\nFAST:\n{}\nSAPHYR:\n{}", ctx(&a), ctx(&b));
            }
            accepted += usize::from(parse(&s).is_some());
        }
        assert!(accepted > 100, "{accepted}");
    }
}
