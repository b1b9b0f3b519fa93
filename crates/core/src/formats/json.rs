//! Strict JSON (RFC 8259) straight into spanned [`Node`]s.
//!
//! A small hand-written parser replaced jsonc-parser here: building its AST and then
//! converting it cost more than half of a whole-tenant run (callgrind on the benchmark
//! tenant), while one pass over bytes builds the tree directly. It keeps byte spans and
//! duplicate keys, caps nesting at [`MAX_DEPTH`], and reports errors where a reader would
//! look: an unterminated string or container at its opening character, a missing comma
//! just after the value that needs one.

use super::{ParseError, TreeFacts};
use crate::node::{Key, Member, Node, Value, keys_may_repeat};
use crate::views::sso::is_truncation_marker;

pub const MAX_DEPTH: usize = 512;

/// A mask with the high bit set in the lowest byte of `word` (little-endian) that is a
/// quote, a backslash or a control character, and possibly in higher bytes (a borrow
/// only carries upwards from a flagged byte), so its lowest set bit is exact.
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\'))) | below_space
}

/// A finished container's items or members, off the top of their stack: copied into a
/// vector of exact size, or, when they are the whole stack (a container with no enclosing
/// one pending), the stack itself, so that a container of a million members is never held
/// twice.
fn take_from<T>(stack: &mut Vec<T>, base: usize) -> Vec<T> {
    if base == 0 {
        std::mem::take(stack)
    } else {
        stack.split_off(base)
    }
}

pub fn parse(text: &str) -> Result<Node, ParseError> {
    parse_noting(text).map(|(node, _)| node)
}

/// [`parse`], noting [`TreeFacts`] on the way: every object's keys and every string are
/// at hand (and in cache) as they are read.
pub fn parse_noting(text: &str) -> Result<(Node, TreeFacts), ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        values_left: super::max_values(text.len()),
        items: Vec::new(),
        members: Vec::new(),
        facts: TreeFacts::default(),
        hashes: Vec::new(),
    };
    p.skip_ws();
    if p.pos == p.bytes.len() {
        return Err(ParseError::new("the file holds no JSON value", Some(0)));
    }
    let node = p.value()?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("text after the end of the JSON value", p.pos));
    }
    Ok((node, p.facts))
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// See [`super::max_values`].
    values_left: usize,
    /// The items and members of the containers being read, innermost last: each container
    /// takes its own off the top ([`take_from`]) instead of growing a vector of its own.
    items: Vec<Node>,
    members: Vec<Member>,
    facts: TreeFacts,
    /// Scratch for [`keys_may_repeat`].
    hashes: Vec<u64>,
}

impl Parser<'_> {
    fn error(&self, message: &str, at: usize) -> ParseError {
        ParseError::new(message, Some(at.min(self.bytes.len())))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        if self.values_left == 0 {
            return Err(super::too_many_values(self.bytes.len(), start));
        }
        self.values_left -= 1;
        match self.peek() {
            Some(b'{') => self.nested(|p| p.object(start)),
            Some(b'[') => self.nested(|p| p.array(start)),
            Some(b'"') => {
                let s = self.string()?;
                self.facts.truncation_marker |= is_truncation_marker(&s);
                Ok(Node::new(Value::String(s), Some(start..self.pos)))
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected token", start)),
            None => Err(self.error("unexpected end of file, a value was expected", start)),
        }
    }

    fn nested(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<Node, ParseError>,
    ) -> Result<Node, ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("maximum nesting depth (512) exceeded", self.pos));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Node, ParseError> {
        let start = self.pos;
        if self.bytes[start..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(Node::new(value, Some(start..self.pos)))
        } else {
            Err(self.error("unexpected token", start))
        }
    }

    fn digits(&mut self) -> usize {
        let from = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - from
    }

    fn number(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = self.digits();
        if n == 0 || (n > 1 && self.bytes[int_start] == b'0') {
            return Err(self.error("invalid number", start));
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integral = false;
            if self.digits() == 0 {
                return Err(self.error("invalid number: digits expected after `.`", start));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            integral = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number: digits expected in the exponent", start));
            }
        }
        let raw = &self.text[start..self.pos];
        let value = match raw.parse::<i64>() {
            Ok(i) if integral => Value::Integer(i),
            // Integers beyond i64 and anything with a fraction or exponent.
            _ => Value::Real(raw.parse::<f64>().unwrap_or(f64::NAN)),
        };
        Ok(Node::new(value, Some(start..self.pos)))
    }

    /// Moves past plain string characters, to the first quote, backslash or control
    /// character JSON forbids unescaped (or the end). Keys and most values are short: a
    /// word at a time, inline. A long run (a base64 icon or script) goes to memchr for the
    /// quote or backslash and is then checked for control characters without an early
    /// exit, so that check vectorizes.
    fn plain_run(&mut self) {
        const SHORT: usize = 64;
        let rest = &self.bytes[self.pos..];
        let mut i = 0;
        while let Some(word) = rest.get(i..i + 8) {
            let m = special_bytes(u64::from_le_bytes(word.try_into().unwrap_or_default()));
            if m != 0 {
                self.pos += i + (m.trailing_zeros() / 8) as usize;
                return;
            }
            i += 8;
            if i >= SHORT {
                let tail = &rest[i..];
                let end = memchr::memchr2(b'"', b'\\', tail).unwrap_or(tail.len());
                let run = &tail[..end];
                let end = if run.iter().fold(0u8, |acc, &b| acc | u8::from(b < 0x20)) != 0 {
                    run.iter().position(|&b| b < 0x20).unwrap_or(end)
                } else {
                    end
                };
                self.pos += i + end;
                return;
            }
        }
        // Fewer than 8 bytes before the end of the text.
        let tail = &rest[i..];
        self.pos += i + tail
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(tail.len());
    }

    /// A string literal at `self.pos` (the opening quote), unescaped.
    fn string(&mut self) -> Result<String, ParseError> {
        let open = self.pos;
        self.pos += 1;
        let run_start = self.pos;
        // Fast path: no escapes, which is nearly every string in an export.
        self.plain_run();
        match self.peek() {
            Some(b'"') => {
                let s = self.text[run_start..self.pos].to_string();
                self.pos += 1;
                return Ok(s);
            }
            Some(b'\\') => {}
            Some(_) => {
                return Err(self.error("control character in a string (escape it)", self.pos));
            }
            None => return Err(self.error("unterminated string literal", open)),
        }
        let mut out = String::from(&self.text[run_start..self.pos]);
        loop {
            let run = self.pos;
            self.plain_run();
            out.push_str(&self.text[run..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape(esc)?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in a string", esc)),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => {
                    return Err(self.error("control character in a string (escape it)", self.pos));
                }
                None => return Err(self.error("unterminated string literal", open)),
            }
        }
    }

    /// A member name at `self.pos` (its opening quote): shared with every equal name
    /// ([`Key`]), straight from the text when it has no escapes.
    fn key(&mut self) -> Result<Key, ParseError> {
        let open = self.pos;
        self.pos += 1;
        self.plain_run();
        if self.peek() == Some(b'"') {
            let key = Key::new(&self.text[open + 1..self.pos]);
            self.pos += 1;
            return Ok(key);
        }
        self.pos = open;
        Ok(Key::from(self.string()?))
    }

    fn hex4(&mut self, esc: usize) -> Result<u32, ParseError> {
        let hex = self
            .text
            .get(self.pos..self.pos + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .filter(|_| {
                self.bytes[self.pos..self.pos + 4]
                    .iter()
                    .all(u8::is_ascii_hexdigit)
            })
            .ok_or_else(|| self.error("invalid \\u escape", esc))?;
        self.pos += 4;
        Ok(hex)
    }

    /// After `\u`: four hex digits, and a low surrogate's `\uXXXX` when a high one came
    /// first. A lone surrogate becomes U+FFFD rather than failing the file.
    fn unicode_escape(&mut self, esc: usize) -> Result<char, ParseError> {
        let hi = self.hex4(esc)?;
        if (0xD800..0xDC00).contains(&hi) && self.bytes[self.pos..].starts_with(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            let lo = self.hex4(esc)?;
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            self.pos = save;
        }
        Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'))
    }

    fn array(&mut self, start: usize) -> Result<Node, ParseError> {
        self.pos += 1;
        let base = self.items.len();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node::new(Value::Array(Vec::new()), Some(start..self.pos)));
        }
        loop {
            self.skip_ws();
            if self.peek().is_none() {
                return Err(self.error("unterminated array", start));
            }
            let item = self.value()?;
            self.items.push(item);
            let after_value = self.pos;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    let items = take_from(&mut self.items, base);
                    return Ok(Node::new(Value::Array(items), Some(start..self.pos)));
                }
                None => return Err(self.error("unterminated array", start)),
                Some(_) => return Err(self.error("expected comma", after_value)),
            }
        }
    }

    fn object(&mut self, start: usize) -> Result<Node, ParseError> {
        self.pos += 1;
        let base = self.members.len();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node::new(Value::Object(Vec::new()), Some(start..self.pos)));
        }
        loop {
            self.skip_ws();
            let key_start = self.pos;
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("unterminated object", start)),
                Some(_) => {
                    return Err(self.error("expected a property name in double quotes", key_start));
                }
            }
            let key = self.key()?;
            let key_span = key_start..self.pos;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected colon after the property name", self.pos));
            }
            self.pos += 1;
            self.skip_ws();
            let node = self.value()?;
            self.members.push(Member {
                key,
                key_span: Some(key_span),
                node,
            });
            let after_value = self.pos;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    if !self.facts.keys_may_repeat {
                        self.facts.keys_may_repeat =
                            keys_may_repeat(&self.members[base..], &mut self.hashes);
                    }
                    let members = take_from(&mut self.members, base);
                    return Ok(Node::new(Value::Object(members), Some(start..self.pos)));
                }
                None => return Err(self.error("unterminated object", start)),
                Some(_) => return Err(self.error("expected comma", after_value)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_notes_repeated_keys_and_cuts() {
        let facts = |t: &str| parse_noting(t).unwrap().1;
        assert_eq!(
            facts(r#"{"a": [1, {"b": "x"}], "c": "@{}"}"#),
            TreeFacts::default()
        );
        assert!(facts(r#"[{"a": 1}, {"b": 1, "b": 2}]"#).keys_may_repeat);
        let wide: String = (0..40).map(|i| format!("\"k{i}\": 1, ")).collect();
        assert!(!facts(&format!("{{{wide}\"z\": 0}}")).keys_may_repeat);
        assert!(facts(&format!("{{{wide}\"k7\": 0}}")).keys_may_repeat);
        // Names too long to pool, and the empty name, repeat all the same.
        let long = "k".repeat(200);
        assert!(facts(&format!("{{{wide}\"{long}\": 0, \"{long}\": 1}}")).keys_may_repeat);
        assert!(!facts(&format!("{{{wide}\"{long}\": 0, \"{long}x\": 1}}")).keys_may_repeat);
        assert!(facts(&format!("{{{wide}\"\": 0, \"\": 1}}")).keys_may_repeat);
        assert!(facts(r#"{"": 0, "": 1}"#).keys_may_repeat);
        assert!(facts(r#"{"a": {"b": ["System.Object[]"]}}"#).truncation_marker);
        assert!(facts(r#"{"a": "@{x=1}"}"#).truncation_marker);
        // Keys are not values.
        assert!(!facts(r#"{"System.Object[]": 1}"#).truncation_marker);
    }

    #[test]
    fn keeps_spans_and_duplicates() {
        let text = r#"{"a": [1, 2.5, "x"], "a": null}"#;
        let n = parse(text).unwrap();
        assert_eq!(n.members().len(), 2);
        let (first, _) = n.pointer("/a").unwrap();
        assert!(first.is_null());
        let a0 = &n.members()[0];
        assert_eq!(&text[a0.key_span.clone().unwrap()], "\"a\"");
        assert_eq!(a0.node.items()[1].value, Value::Real(2.5));
        assert_eq!(&text[a0.node.items()[2].span.clone().unwrap()], "\"x\"");
        assert_eq!(&text[n.span.clone().unwrap()], text);
    }

    #[test]
    fn special_bytes_finds_the_first_quote_backslash_or_control() {
        let naive = |w: &[u8; 8]| w.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        let fast = |w: &[u8; 8]| {
            let m = special_bytes(u64::from_le_bytes(*w));
            (m != 0).then(|| (m.trailing_zeros() / 8) as usize)
        };
        // Every byte value at every position, over plain text and over bytes that borrow.
        for fill in [b'a', 0xFF, 0x20, 0x80, b'#'] {
            for pos in 0..8 {
                for b in 0..=255u8 {
                    let mut w = [fill; 8];
                    w[pos] = b;
                    assert_eq!(fast(&w), naive(&w), "{w:?}");
                    // A second special byte above the first must not move the answer.
                    for above in pos + 1..8 {
                        let mut w2 = w;
                        w2[above] = 0;
                        assert_eq!(fast(&w2), naive(&w2), "{w2:?}");
                    }
                }
            }
        }
        // Strings around the 8-byte words and the long-run switch end where they should.
        for len in 0..200 {
            let body = "é".repeat(len / 2) + &"x".repeat(len % 2);
            let n = parse(&format!("[\"{body}\", \"{body}\\n\"]")).unwrap();
            assert_eq!(n.items()[0].as_str(), Some(body.as_str()));
            assert_eq!(n.items()[1].as_str(), Some(format!("{body}\n").as_str()));
            assert!(parse(&format!("[\"{body}\t\"]")).is_err(), "{len}");
            assert_eq!(
                parse(&format!("\"{body}")).unwrap_err().offset,
                Some(0),
                "{len}"
            );
        }
    }

    #[test]
    fn unescapes_strings() {
        let n = parse(r#"["a\"b\\c\/d\n\u0027\u00e9\ud83d\ude00\ud800x", "é"]"#).unwrap();
        assert_eq!(n.items()[0].as_str(), Some("a\"b\\c/d\n'é😀\u{FFFD}x"));
        assert_eq!(n.items()[1].as_str(), Some("é"));
    }

    #[test]
    fn numbers_follow_the_grammar() {
        let n = parse("[0, -1, 1.5e3, 1E-2, 99999999999999999999]").unwrap();
        let v: Vec<&Value> = n.items().iter().map(|i| &i.value).collect();
        assert_eq!(v[0], &Value::Integer(0));
        assert_eq!(v[1], &Value::Integer(-1));
        assert_eq!(v[2], &Value::Real(1500.0));
        assert_eq!(v[3], &Value::Real(0.01));
        assert!(matches!(v[4], Value::Real(_)));
        for bad in ["01", "-", "1.", ".5", "1e", "+1", "0x10", "NaN"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn is_strict_and_bounded() {
        for bad in [
            "{\"a\": 1,}",
            "[1,]",
            "// c\n{}",
            "{'a': 1}",
            "{a: 1}",
            "\"tab\there\"",
            "{} {}",
            "",
            "   ",
            "[\"\\x\"]",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("depth"), "{}", err.message);
        assert!(parse(&("[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH))).is_ok());
    }

    #[test]
    fn errors_point_where_a_reader_looks() {
        // The `t` of `tru`.
        assert_eq!(parse("{\n  \"a\": tru\n}").unwrap_err().offset, Some(9));
        // Just after the value that lacks its comma.
        let e = parse("{\"a\": \"x\"\n \"b\": 1}").unwrap_err();
        assert_eq!((e.message.as_str(), e.offset), ("expected comma", Some(9)));
        // An unterminated string at its opening quote, a container at its bracket.
        assert_eq!(parse("{\"a\": \"xy").unwrap_err().offset, Some(6));
        assert_eq!(parse("[1, 2").unwrap_err().offset, Some(0));
    }
}
