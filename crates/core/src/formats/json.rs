//! Strict JSON (RFC 8259) straight into spanned [`Node`]s.
//!
//! A small hand-written parser replaced jsonc-parser here: building its AST and then
//! converting it cost more than half of a whole-tenant run (callgrind on the benchmark
//! tenant), while one pass over bytes builds the tree directly. It keeps byte spans and
//! duplicate keys, caps nesting at [`MAX_DEPTH`], and reports errors where a reader would
//! look: an unterminated string or container at its opening character, a missing comma
//! just after the value that needs one.

use super::ParseError;
use crate::node::{Member, Node, Value};

pub const MAX_DEPTH: usize = 512;

/// Bytes that end a run of plain string characters: the quote, the backslash and the
/// control characters JSON forbids unescaped.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        values_left: super::max_values(text.len()),
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
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// See [`super::max_values`].
    values_left: usize,
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

    /// A string literal at `self.pos` (the opening quote), unescaped.
    fn string(&mut self) -> Result<String, ParseError> {
        let open = self.pos;
        self.pos += 1;
        let run_start = self.pos;
        // Fast path: no escapes, which is nearly every string in an export.
        self.pos += self.bytes[self.pos..]
            .iter()
            .position(|&b| SPECIAL[b as usize])
            .unwrap_or(self.bytes.len() - self.pos);
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
            self.pos += self.bytes[self.pos..]
                .iter()
                .position(|&b| SPECIAL[b as usize])
                .unwrap_or(self.bytes.len() - self.pos);
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
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node::new(Value::Array(items), Some(start..self.pos)));
        }
        loop {
            self.skip_ws();
            if self.peek().is_none() {
                return Err(self.error("unterminated array", start));
            }
            items.push(self.value()?);
            let after_value = self.pos;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Node::new(Value::Array(items), Some(start..self.pos)));
                }
                None => return Err(self.error("unterminated array", start)),
                Some(_) => return Err(self.error("expected comma", after_value)),
            }
        }
    }

    fn object(&mut self, start: usize) -> Result<Node, ParseError> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node::new(Value::Object(members), Some(start..self.pos)));
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
            let key = self.string()?;
            let key_span = key_start..self.pos;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected colon after the property name", self.pos));
            }
            self.pos += 1;
            self.skip_ws();
            let node = self.value()?;
            members.push(Member {
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
