//! XML property lists, walked with quick-xml so every key and value keeps its byte span
//! and duplicate `<key>`s in a `<dict>` survive (the plist crate collapses them).
//!
//! Spans: a member's `key_span` covers the whole `<key>…</key>` element and its node's
//! `span` the whole value element (`<string>…</string>`, `<true/>`, `<dict>…</dict>`).
//!
//! Tolerated: whitespace before `<?xml`, a DOCTYPE, comments and processing instructions
//! anywhere, CRLF, an `encoding="UTF-16"` declaration (the text is already decoded),
//! `<integer>`/`<real>`/`<date>` content with surrounding whitespace, whitespace inside
//! `<data>`. Rejected, with the byte offset: malformed XML, a root other than `<plist>`,
//! unknown elements, text where an element belongs, a `<key>` without a value, nesting
//! deeper than [`MAX_DEPTH`], and text with no `<plist>` at all.
//!
//! One exception to "the root is `<plist>`": an Intune *preference file* (the macOS
//! "Preference file" profile type) is bare `<key>`/value pairs with no `<plist>` and no
//! `<dict>`. It parses as the dictionary it stands for, spanning from its first `<key>` to
//! its last value; that it is not a configuration profile (no `<plist` in the text) is for
//! the classifier to say, not a parse error.
//!
//! String content is kept exactly, leading and trailing whitespace included; only line
//! ends are normalized (CRLF and CR → LF) as XML 1.0 §2.11 requires of every parser, so a
//! profile reads the same whether or not `openssl smime` canonicalized it to CRLF.

use super::ParseError;
use crate::node::{Member, Node, Span, Value};
use base64::Engine;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Deepest nesting of `<dict>`/`<array>` accepted; deeper input is an error, not a crash.
pub const MAX_DEPTH: usize = 512;

pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut p = Parser::new(text);
    p.document()
}

/// A start tag: its element name, whether it was self-closing (`<x/>`), and its span.
struct Open {
    name: &'static str,
    empty: bool,
    span: Span,
}

/// The plist vocabulary; anything else is rejected.
const ELEMENTS: [&str; 11] = [
    "plist", "dict", "array", "key", "string", "integer", "real", "true", "false", "date", "data",
];

fn err(message: impl Into<String>, offset: usize) -> ParseError {
    ParseError::new(message, Some(offset))
}

struct Parser<'a> {
    reader: Reader<&'a [u8]>,
    /// Reading a preference-file fragment: the end of the file closes the implicit dict.
    fragment: bool,
    len: usize,
    /// See [`super::max_values`].
    values_left: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Parser {
            reader,
            fragment: false,
            len: text.len(),
            values_left: super::max_values(text.len()),
        }
    }

    fn pos(&self) -> usize {
        self.reader.buffer_position() as usize
    }

    /// The next XML event and the byte span it covers.
    fn raw(&mut self) -> Result<(Event<'a>, Span), ParseError> {
        let start = self.pos();
        match self.reader.read_event() {
            Ok(ev) => Ok((ev, start..self.pos())),
            Err(e) => Err(err(
                format!("malformed XML: {e}"),
                self.reader.error_position() as usize,
            )),
        }
    }

    /// Skips whitespace, comments and processing instructions; returns the next start tag
    /// or end tag (quick-xml has already checked that end tags match), or the end of a
    /// fragment file. Text or anything else there is an error; `context` says where.
    fn next_markup(&mut self, context: &str) -> Result<Markup, ParseError> {
        loop {
            let (ev, span) = self.raw()?;
            match ev {
                Event::Start(e) => {
                    return Ok(Markup::Open(self.open(&e, false, span)?));
                }
                Event::Empty(e) => return Ok(Markup::Open(self.open(&e, true, span)?)),
                Event::End(_) => return Ok(Markup::Close(span)),
                Event::Text(t) => {
                    if !t.chars().all(|c| c.is_ascii_whitespace()) {
                        let lead = t.len() - t.trim_start().len();
                        return Err(err(format!("unexpected text {context}"), span.start + lead));
                    }
                }
                Event::GeneralRef(_) | Event::CData(_) => {
                    return Err(err(format!("unexpected text {context}"), span.start));
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Decl(_) | Event::DocType(_) => {
                    return Err(err("misplaced XML declaration or DOCTYPE", span.start));
                }
                Event::Eof if self.fragment => return Ok(Markup::Eof(span.start)),
                Event::Eof => {
                    return Err(err(format!("unexpected end of file {context}"), span.start));
                }
            }
        }
    }

    fn open(&self, e: &BytesStart<'_>, empty: bool, span: Span) -> Result<Open, ParseError> {
        let raw = e.name().0;
        match ELEMENTS.iter().find(|n| **n == raw) {
            Some(name) => Ok(Open { name, empty, span }),
            None => Err(err(format!("unknown plist element <{raw}>"), span.start)),
        }
    }

    fn document(&mut self) -> Result<Node, ParseError> {
        // Prologue: declaration, DOCTYPE, comments, whitespace.
        let plist = loop {
            let (ev, span) = self.raw()?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::Decl(_) | Event::DocType(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if t.chars().all(|c| c.is_ascii_whitespace()) => {}
                Event::Text(t) => {
                    let lead = t.len() - t.trim_start().len();
                    return Err(err(
                        "not a property list: text where <plist> should start",
                        span.start + lead,
                    ));
                }
                Event::Start(e) | Event::Empty(e) if e.name().0 == "key" => {
                    // An Intune preference file: bare <key>/value pairs, no <plist> and no
                    // <dict>. Read it as the dictionary it stands for; telling it apart from
                    // a profile (no `<plist` in the text) is the classifier's job.
                    let open = self.open(&e, empty, span)?;
                    self.fragment = true;
                    let (key, end) = if open.empty {
                        (String::new(), open.span.end)
                    } else {
                        self.content("key", open.span.start)?
                    };
                    let frame = Frame::Dict {
                        start: open.span.start,
                        members: Vec::new(),
                        key: Some((key, open.span.start..end)),
                    };
                    return self.tree(None, vec![frame]);
                }
                Event::Start(e) | Event::Empty(e) if e.name().0 != "plist" => {
                    let name = e.name().0.to_string();
                    return Err(err(
                        format!(
                            "the root element is <{name}>, not <plist> (a fragment, not a property list)"
                        ),
                        span.start,
                    ));
                }
                Event::Start(_) => break span,
                Event::Empty(_) => return Err(err("<plist> holds no value", span.start)),
                Event::Eof => {
                    return Err(err("not a property list: no <plist> element", span.start));
                }
                _ => {
                    return Err(err("not a property list: expected <plist>", span.start));
                }
            }
        };
        let root = match self.next_markup("inside <plist>")? {
            Markup::Open(open) => self.tree(Some(open), Vec::new())?,
            Markup::Close(_) | Markup::Eof(_) => {
                return Err(err("<plist> holds no value", plist.start));
            }
        };
        match self.next_markup("after the root value")? {
            Markup::Close(_) | Markup::Eof(_) => {}
            Markup::Open(open) => {
                return Err(err(
                    format!(
                        "<plist> holds more than one value (second: <{}>)",
                        open.name
                    ),
                    open.span.start,
                ));
            }
        }
        // Epilogue: only whitespace, comments and processing instructions.
        loop {
            let (ev, span) = self.raw()?;
            match ev {
                Event::Eof => break,
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if t.chars().all(|c| c.is_ascii_whitespace()) => {}
                _ => return Err(err("content after </plist>", span.start)),
            }
        }
        Ok(root)
    }

    /// Parses the value whose start tag is `open`, with an explicit stack instead of
    /// recursion so that deep input cannot exhaust the thread's stack.
    ///
    /// `first` is the value to start with; `None` when `stack` already holds the open
    /// container (a fragment's implicit dict).
    fn tree(&mut self, first: Option<Open>, mut stack: Vec<Frame>) -> Result<Node, ParseError> {
        let mut next = first;
        loop {
            if let Some(open) = next.take() {
                match self.start(open, stack.len())? {
                    Started::Node(node) => {
                        if let Some(root) = attach(&mut stack, node) {
                            return Ok(root);
                        }
                    }
                    Started::Frame(frame) => stack.push(frame),
                }
            }
            // Read until the next value starts, closing finished containers on the way.
            next = Some(loop {
                let markup = match stack.last_mut() {
                    None => return Err(err("internal error: empty stack", self.pos())),
                    Some(Frame::Array { .. }) => self.next_markup("inside <array>")?,
                    Some(Frame::Dict { key: None, .. }) => self.next_markup("inside <dict>")?,
                    Some(Frame::Dict {
                        key: Some((key, key_span)),
                        ..
                    }) => match self.next_markup("after <key>")? {
                        Markup::Open(open) if open.name != "key" => break open,
                        _ => {
                            return Err(err(
                                format!("<key>{key}</key> has no value"),
                                key_span.start,
                            ));
                        }
                    },
                };
                match markup {
                    Markup::Close(end) => {
                        let Some(done) = stack.pop() else {
                            return Err(err("unexpected end tag", end.start));
                        };
                        if let Some(root) = attach(&mut stack, done.finish(end.end)) {
                            return Ok(root);
                        }
                    }
                    Markup::Open(open) => {
                        let Some(Frame::Dict { key, .. }) = stack.last_mut() else {
                            break open;
                        };
                        if open.name != "key" {
                            return Err(err(
                                format!("expected <key> in <dict>, found <{}>", open.name),
                                open.span.start,
                            ));
                        }
                        let (k, end) = if open.empty {
                            (String::new(), open.span.end)
                        } else {
                            self.content("key", open.span.start)?
                        };
                        *key = Some((k, open.span.start..end));
                    }
                    Markup::Eof(at) => {
                        // Only a fragment's implicit dict ends at the end of the file.
                        if let [Frame::Dict { key: None, .. }] = stack.as_slice()
                            && let Some(done) = stack.pop()
                        {
                            let end = done.last_end().unwrap_or(at);
                            return Ok(done.finish(end));
                        }
                        return Err(err("unexpected end of file", at));
                    }
                }
            });
        }
    }

    /// Starts the value whose start tag is `open`: scalars are read whole, containers
    /// become a frame. `depth` counts the enclosing containers.
    fn start(&mut self, open: Open, depth: usize) -> Result<Started, ParseError> {
        let start = open.span.start;
        if self.values_left == 0 {
            return Err(super::too_many_values(self.len, start));
        }
        self.values_left -= 1;
        let node = |value: Value, end: usize| Ok(Started::Node(Node::new(value, Some(start..end))));
        if matches!(open.name, "dict" | "array") && !open.empty {
            if depth >= MAX_DEPTH {
                return Err(err(
                    format!("nesting deeper than {MAX_DEPTH} levels"),
                    start,
                ));
            }
            return Ok(Started::Frame(if open.name == "dict" {
                Frame::Dict {
                    start,
                    members: Vec::new(),
                    key: None,
                }
            } else {
                Frame::Array {
                    start,
                    items: Vec::new(),
                }
            }));
        }
        if open.empty {
            let end = open.span.end;
            return match open.name {
                "dict" => node(Value::Object(Vec::new()), end),
                "array" => node(Value::Array(Vec::new()), end),
                "string" => node(Value::String(String::new()), end),
                "data" => node(Value::Data(Vec::new()), end),
                "true" => node(Value::Bool(true), end),
                "false" => node(Value::Bool(false), end),
                "key" => Err(err("<key> outside a <dict>", start)),
                "plist" => Err(err("nested <plist>", start)),
                other => Err(err(format!("empty <{other}/>"), start)),
            };
        }
        match open.name {
            "string" => {
                let (s, end) = self.content("string", start)?;
                node(Value::String(s), end)
            }
            "integer" => {
                let (s, end) = self.content("integer", start)?;
                let value = parse_integer(s.trim())
                    .ok_or_else(|| err(format!("invalid <integer> {:?}", s.trim()), start))?;
                node(value, end)
            }
            "real" => {
                let (s, end) = self.content("real", start)?;
                let r = s
                    .trim()
                    .parse::<f64>()
                    .map_err(|_| err(format!("invalid <real> {:?}", s.trim()), start))?;
                node(Value::Real(r), end)
            }
            "date" => {
                let (s, end) = self.content("date", start)?;
                if !is_date(s.trim()) {
                    return Err(err(format!("invalid <date> {:?}", s.trim()), start));
                }
                node(Value::Date(s.trim().to_string()), end)
            }
            "data" => {
                let (s, end) = self.content("data", start)?;
                let bytes =
                    decode_base64(&s).ok_or_else(|| err("invalid base64 in <data>", start))?;
                node(Value::Data(bytes), end)
            }
            "true" | "false" => {
                let (s, end) = self.content(open.name, start)?;
                if !s.trim().is_empty() {
                    return Err(err(format!("<{}> must be empty", open.name), start));
                }
                node(Value::Bool(open.name == "true"), end)
            }
            "key" => Err(err("<key> outside a <dict>", start)),
            "plist" => Err(err("nested <plist>", start)),
            other => Err(err(format!("unknown plist element <{other}>"), start)),
        }
    }

    /// The text of a scalar element up to its end tag: entities resolved, CDATA kept,
    /// comments dropped, line ends normalized. Returns the text and the end tag's end.
    /// `open` is the offset of the element's start tag, where errors about its content
    /// point (the mistake is usually on that line, not where the parser noticed it).
    fn content(&mut self, element: &str, open: usize) -> Result<(String, usize), ParseError> {
        let mut out = String::new();
        loop {
            let (ev, span) = self.raw()?;
            match ev {
                Event::Text(t) => out.push_str(&t.xml10_content()),
                Event::CData(c) => out.push_str(&c.xml10_content()),
                Event::GeneralRef(r) => match r.resolve_char_ref() {
                    Ok(Some(c)) => out.push(c),
                    Ok(None) => match quick_xml::escape::resolve_xml_entity(&r) {
                        Some(s) => out.push_str(s),
                        None => {
                            return Err(err(format!("unknown entity &{};", &*r), span.start));
                        }
                    },
                    Err(e) => return Err(err(format!("bad character reference: {e}"), span.start)),
                },
                Event::Comment(_) | Event::PI(_) => {}
                Event::End(_) => return Ok((out, span.end)),
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name().0.to_string();
                    return Err(err(
                        format!(
                            "<{element}> is not closed before <{name}> (is a `<` missing before `/{element}>`?)"
                        ),
                        open,
                    ));
                }
                Event::Decl(_) | Event::DocType(_) => {
                    return Err(err("misplaced XML declaration or DOCTYPE", span.start));
                }
                Event::Eof => {
                    return Err(err(format!("unclosed <{element}>"), open));
                }
            }
        }
    }
}

/// An open container whose children are being read.
enum Frame {
    Array {
        start: usize,
        items: Vec<Node>,
    },
    Dict {
        start: usize,
        members: Vec<Member>,
        /// The key just read, waiting for its value.
        key: Option<(String, Span)>,
    },
}

impl Frame {
    fn last_end(&self) -> Option<usize> {
        match self {
            Frame::Array { items, .. } => items.last()?.span.as_ref().map(|s| s.end),
            Frame::Dict { members, .. } => members.last()?.node.span.as_ref().map(|s| s.end),
        }
    }

    fn finish(self, end: usize) -> Node {
        match self {
            Frame::Array { start, items } => Node::new(Value::Array(items), Some(start..end)),
            Frame::Dict { start, members, .. } => {
                Node::new(Value::Object(members), Some(start..end))
            }
        }
    }
}

enum Started {
    Node(Node),
    Frame(Frame),
}

/// Adds a finished value to the container on top of the stack; returns it back when
/// there is no container (it was the root).
fn attach(stack: &mut [Frame], node: Node) -> Option<Node> {
    match stack.last_mut() {
        None => Some(node),
        Some(Frame::Array { items, .. }) => {
            items.push(node);
            None
        }
        Some(Frame::Dict { members, key, .. }) => {
            let (key, key_span) = key.take().unwrap_or_default();
            members.push(Member {
                key: key.into(),
                key_span: Some(key_span),
                node,
            });
            None
        }
    }
}

enum Markup {
    Open(Open),
    Close(Span),
    /// The end of a fragment file.
    Eof(usize),
}

/// ISO 8601 in UTC as plists write it, `2024-01-02T03:04:05Z`; like Python's `plistlib`,
/// the trailing parts may be left off (`2024-01-02Z`). Anything else is not a date to the
/// device's parser either.
fn is_date(s: &str) -> bool {
    let Some(body) = s.strip_suffix('Z') else {
        return false;
    };
    let b = body.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    // Year, then each optional part: its separator and two digits.
    if b.len() < 4 || !digits(0..4) {
        return false;
    }
    let mut i = 4;
    for sep in [b'-', b'-', b'T', b':', b':'] {
        if i == b.len() {
            return true;
        }
        if b.len() < i + 3 || b[i] != sep || !digits(i + 1..i + 3) {
            return false;
        }
        i += 3;
    }
    i == b.len()
}

/// Decimal or `0x` hexadecimal, optionally signed. Integers above `i64::MAX` (plists allow
/// unsigned 64-bit) become reals rather than failing the whole file.
fn parse_integer(s: &str) -> Option<Value> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let magnitude: u64 =
        if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            u64::from_str_radix(hex, 16).ok()?
        } else if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
            body.parse().ok()?
        } else {
            return None;
        };
    if neg {
        if magnitude <= i64::MAX as u64 + 1 {
            Some(Value::Integer((magnitude as i128).wrapping_neg() as i64))
        } else {
            None
        }
    } else if let Ok(i) = i64::try_from(magnitude) {
        Some(Value::Integer(i))
    } else {
        Some(Value::Real(magnitude as f64))
    }
}

/// Standard base64 with any whitespace (plists wrap `<data>` at 68 columns) and lenient
/// padding.
pub(crate) fn decode_base64(s: &str) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const ENGINE: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let compact: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    ENGINE.decode(compact.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SSO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>ExtensionData</key>
	<dict>
		<!-- Intune replaces the variable -->
		<key>device_registration</key>
		<string>{{DEVICEREGISTRATION}} </string>
		<key>browser_sso_interaction_enabled</key>
		<integer> 1 </integer>
	</dict>
	<key>Type</key>
	<string>Redirect</string>
	<key>Type</key>
	<string>Credential</string>
</dict>
</plist>
"#;

    fn span_text<'t>(text: &'t str, span: &Option<Span>) -> &'t str {
        &text[span.clone().unwrap()]
    }

    #[test]
    fn spans_cover_whole_elements_and_whitespace_is_kept() {
        let n = parse(SSO).unwrap();
        let (v, m) = n.pointer("/ExtensionData/device_registration").unwrap();
        assert_eq!(v.as_str(), Some("{{DEVICEREGISTRATION}} "));
        assert_eq!(
            span_text(SSO, &v.span),
            "<string>{{DEVICEREGISTRATION}} </string>"
        );
        assert_eq!(
            span_text(SSO, &m.unwrap().key_span),
            "<key>device_registration</key>"
        );
        let (i, _) = n
            .pointer("/ExtensionData/browser_sso_interaction_enabled")
            .unwrap();
        assert_eq!(i.value, Value::Integer(1));
        assert_eq!(span_text(SSO, &i.span), "<integer> 1 </integer>");
        let ext = n.get("ExtensionData").unwrap();
        assert!(span_text(SSO, &ext.span).starts_with("<dict>"));
        assert!(span_text(SSO, &ext.span).ends_with("</dict>"));
        assert!(span_text(SSO, &n.span).starts_with("<dict>\n\t<key>ExtensionData"));
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let n = parse(SSO).unwrap();
        let types: Vec<_> = n.members().iter().filter(|m| m.key == "Type").collect();
        assert_eq!(types.len(), 2);
        assert_eq!(types[0].node.as_str(), Some("Redirect"));
        assert_eq!(n.get("Type").unwrap().as_str(), Some("Credential"));
    }

    #[test]
    fn scalars_entities_and_empty_elements() {
        let text = "\r\n  <?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<plist><array>\r\n\
            <string>a &amp; b &#x41;&#66; <![CDATA[<c>]]><!-- x --> </string>\r\n\
            <string>line1\r\nline2</string><string/><integer>-0x10</integer>\
            <integer>18446744073709551615</integer><real> 2.5 </real><true/><false></false>\
            <date>2024-01-02T03:04:05Z</date><data>\r\n  aGVs\r\n  bG8=\r\n</data><data/>\
            <dict/><array/><integer>-9223372036854775808</integer></array></plist>  <!-- end -->\r\n";
        let n = parse(text).unwrap();
        let v: Vec<&Value> = n.items().iter().map(|i| &i.value).collect();
        assert_eq!(v[0], &Value::String("a & b AB <c> ".into()));
        assert_eq!(v[1], &Value::String("line1\nline2".into()));
        assert_eq!(v[2], &Value::String(String::new()));
        assert_eq!(v[3], &Value::Integer(-16));
        assert_eq!(v[4], &Value::Real(18446744073709551615.0));
        assert_eq!(v[5], &Value::Real(2.5));
        assert_eq!(v[6], &Value::Bool(true));
        assert_eq!(v[7], &Value::Bool(false));
        assert_eq!(v[8], &Value::Date("2024-01-02T03:04:05Z".into()));
        assert!(is_date("2024-01-02Z") && is_date("2024Z"));
        for bad in [
            "not a date",
            "2024-01-02T03:04:05",
            "2024-1-2T03:04:05Z",
            "2024-01-02 03:04:05Z",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        assert_eq!(v[9], &Value::Data(b"hello".to_vec()));
        assert_eq!(v[10], &Value::Data(Vec::new()));
        assert_eq!(v[11], &Value::Object(Vec::new()));
        assert_eq!(v[12], &Value::Array(Vec::new()));
        assert_eq!(v[13], &Value::Integer(i64::MIN));
        assert_eq!(span_text(text, &n.items()[2].span), "<string/>");
        assert_eq!(span_text(text, &n.items()[7].span), "<false></false>");
    }

    fn offset_of(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap()
    }

    #[test]
    fn errors_carry_offsets() {
        let broken = "<plist><dict><key>A</key><string>page/string>\n<key>B</key></dict></plist>";
        let e = parse(broken).unwrap_err();
        assert_eq!(e.offset, Some(offset_of(broken, "<string>")), "{e:?}");
        assert!(
            e.message.contains("<string> is not closed before <key>"),
            "{e:?}"
        );

        let cases: &[(&str, &str)] = &[
            ("<dict><key>a</key><true/></dict>", "<dict>"),
            ("<key>a</key><true/><key>b</key>", "<key>b"),
            ("<plist><dict><key>a</key><foo/></dict></plist>", "<foo/>"),
            ("<plist><dict><key>a</key></dict></plist>", "<key>a"),
            (
                "<plist><dict><key>a</key><key>b</key><true/></dict></plist>",
                "<key>a",
            ),
            ("<plist><dict><string>x</string></dict></plist>", "<string>"),
            ("<plist><dict>oops</dict></plist>", "oops"),
            ("<plist><integer>12a</integer></plist>", "<integer>"),
            ("<plist><data>!!!</data></plist>", "<data>"),
            ("<plist><string>x</strin></plist>", "</strin>"),
            ("<plist><true/><true/></plist>", "<true/><true/>"),
            ("<plist><true/></plist><x/>", "<x/>"),
            ("<plist></plist>", "<plist>"),
            ("<plist><string>&bogus;</string></plist>", "&bogus;"),
            ("<plist><array><string>unclosed</array></plist>", "</array>"),
            ("<plist><string>x", "<string>"),
        ];
        for (text, at) in cases {
            let e = parse(text).unwrap_err();
            let want = if *at == "<true/><true/>" {
                offset_of(text, at) + "<true/>".len()
            } else {
                offset_of(text, at)
            };
            assert_eq!(e.offset, Some(want), "{text}: {e:?}");
        }
        for text in [
            "",
            "   \n",
            "This is not a valid plist file.\r\n",
            "<?xml version=\"1.0\"?>",
            "<plist><array>",
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.offset.is_some(), "{text:?}: {e:?}");
        }
    }

    #[test]
    fn preference_file_fragments_are_an_implicit_dict() {
        let text = "<key>SkipSetupItems</key>\n<array>\n\t<string>Welcome</string>\n</array>\n\
                    <key>InstallExcel</key>\n<true/>\n<!-- c -->\n";
        let n = parse(text).unwrap();
        assert_eq!(n.members().len(), 2);
        assert_eq!(n.get("InstallExcel").unwrap().as_bool(), Some(true));
        assert!(span_text(text, &n.span).starts_with("<key>SkipSetupItems"));
        assert!(span_text(text, &n.span).ends_with("<true/>"));
        for bad in [
            "<key>a</key>",
            "<key>a</key><true/><string>x</string>",
            "<key>a</key><true/></dict>",
            "<dict><key>a</key><true/></dict>",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let n = 100_000;
        let deep = format!(
            "<plist>{}{}</plist>",
            "<array>".repeat(n),
            "</array>".repeat(n)
        );
        let t = std::time::Instant::now();
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("deeper"), "{e:?}");
        assert_eq!(e.offset, Some(7 + MAX_DEPTH * 7));
        assert!(t.elapsed().as_secs() < 5);
        // Exactly at the limit is fine.
        let ok = format!(
            "<plist>{}{}</plist>",
            "<array>".repeat(MAX_DEPTH),
            "</array>".repeat(MAX_DEPTH)
        );
        assert!(parse(&ok).is_ok());
        let dicts = format!(
            "<plist>{}<true/>{}</plist>",
            "<dict><key>k</key>".repeat(n),
            "</dict>".repeat(n)
        );
        assert!(parse(&dicts).is_err());
    }
}
