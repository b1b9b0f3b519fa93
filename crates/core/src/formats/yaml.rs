//! YAML (IntuneCD `-o yaml` backups, written by PyYAML's `yaml.dump(sort_keys=False)`),
//! with spans.
//!
//! Built on `saphyr-parser`'s event stream rather than `saphyr`'s loader: the loader keeps
//! mappings in a hash map (duplicate keys are lost or fatal), takes keys of any type, and
//! its default feature pins `encoding_rs` below the version we use. From events we build
//! [`Node`]s ourselves, without recursion: duplicate keys are kept in order, every key and
//! value keeps its byte span, nesting is capped at [`MAX_DEPTH`] and aliases are resolved
//! within a budget of copied nodes (a "billion laughs" file fails fast instead of eating
//! memory).
//!
//! Scalars follow the YAML 1.2 core schema: plain `true`/`false` (any of the three
//! capitalizations) → Bool, `null`/`~`/empty → Null, integers (decimal, `0x`, `0o`) →
//! Integer, floats (and `.inf`/`.nan`) → Real, anything else and every quoted or block
//! scalar → String. A core-schema tag (`!!str`, `!!int`, …) overrides the guess. Keys are
//! strings: a scalar key is taken as written (`1: a` has the key `"1"`); a collection as a
//! key is an error.

use super::ParseError;
use crate::node::{Member, Node, Span, Value};
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use std::collections::BTreeMap;

/// Deepest nesting accepted, as for JSON and plists.
pub const MAX_DEPTH: usize = 512;

/// Nodes that may be copied to resolve anchors and aliases, in all.
pub const MAX_ALIAS_NODES: usize = 100_000;

pub fn parse(text: &str) -> Result<Node, ParseError> {
    if let Some(node) = super::yaml_block::parse(text) {
        return Ok(node);
    }
    parse_events(text)
}

/// The fast path for block YAML either gives up or builds exactly the tree saphyr's events
/// build, spans included (for the tests and the fuzz target).
#[doc(hidden)]
pub fn fast_path_agrees(text: &str) -> bool {
    match super::yaml_block::parse(text) {
        None => true,
        Some(fast) => parse_events(text).ok().as_ref() == Some(&fast),
    }
}

/// [`parse`] through saphyr's events: the whole of YAML, and every error message.
pub(super) fn parse_events(text: &str) -> Result<Node, ParseError> {
    let offsets = CharOffsets::new(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: BTreeMap<usize, Node> = BTreeMap::new();
    let mut budget = MAX_ALIAS_NODES;
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut values_left = super::max_values(text.len());

    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| {
            ParseError::new(e.info().to_string(), Some(offsets.byte(e.marker().index())))
        })?;
        let span = offsets.byte(span.start.index())..offsets.byte(span.end.index());
        // Every event that builds a node; a key is part of its member, as in JSON.
        let builds = match event {
            Event::SequenceStart(..) | Event::MappingStart(..) | Event::Alias(_) => true,
            Event::Scalar(..) => !awaiting_key(&stack),
            _ => false,
        };
        if builds {
            if values_left == 0 {
                return Err(super::too_many_values(text.len(), span.start));
            }
            values_left -= 1;
        }
        let node = match event {
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(ParseError::new(
                        "more than one YAML document in the file",
                        Some(span.start),
                    ));
                }
                continue;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if awaiting_key(&stack) {
                    return Err(ParseError::new(
                        "a mapping key must be a scalar, not a collection",
                        Some(span.start),
                    ));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::new(
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                        Some(span.start),
                    ));
                }
                let (kind, start) = if matches!(event, Event::SequenceStart(..)) {
                    // A block sequence's event starts after its first `- `: include it.
                    let start = if span.is_empty() {
                        dash_before(text, span.start)
                    } else {
                        span.start
                    };
                    (Kind::Sequence(Vec::new()), start)
                } else {
                    (Kind::Mapping(Vec::new(), None), span.start)
                };
                stack.push(Frame {
                    start,
                    start_end: span.end,
                    anchor,
                    kind,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else {
                    return Err(ParseError::new("unbalanced YAML events", Some(span.start)));
                };
                let anchor = frame.anchor;
                let node = frame.finish(&span);
                if anchor != 0 {
                    register(&mut anchors, &mut budget, anchor, &node, span.start)?;
                }
                node
            }
            Event::Scalar(value, style, anchor, tag) => {
                if let Some(Frame {
                    kind: Kind::Mapping(_, key @ None),
                    ..
                }) = stack.last_mut()
                {
                    // A key: taken as written, whatever it looks like.
                    if anchor != 0 {
                        let node = Node::new(Value::String(value.to_string()), Some(span.clone()));
                        register(&mut anchors, &mut budget, anchor, &node, span.start)?;
                    }
                    *key = Some((value.into_owned(), span));
                    continue;
                }
                let typed = scalar(&value, style, tag.as_deref())
                    .map_err(|m| ParseError::new(m, Some(span.start)))?;
                let node = Node::new(typed, Some(span.clone()));
                if anchor != 0 {
                    register(&mut anchors, &mut budget, anchor, &node, span.start)?;
                }
                node
            }
            Event::Alias(id) => {
                let Some(target) = anchors.get(&id) else {
                    return Err(ParseError::new(
                        "alias to an unknown anchor",
                        Some(span.start),
                    ));
                };
                let depth = charge(target, &mut budget).ok_or_else(|| {
                    ParseError::new(
                        format!(
                            "aliases expand to more than {MAX_ALIAS_NODES} nodes (a \"billion laughs\" file?)"
                        ),
                        Some(span.start),
                    )
                })?;
                if stack.len() + depth > MAX_DEPTH {
                    return Err(ParseError::new(
                        format!("nesting deeper than {MAX_DEPTH} levels through an alias"),
                        Some(span.start),
                    ));
                }
                if let Some(Frame {
                    kind: Kind::Mapping(_, key @ None),
                    ..
                }) = stack.last_mut()
                {
                    let Some(text) = scalar_text(&target.value) else {
                        return Err(ParseError::new(
                            "a mapping key must be a scalar, not a collection",
                            Some(span.start),
                        ));
                    };
                    *key = Some((text, span));
                    continue;
                }
                let mut node = target.clone();
                node.span = Some(span);
                node
            }
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(frame) => frame.push(node),
        }
    }
    root.ok_or_else(|| ParseError::new("the file holds no YAML document", Some(0)))
}

struct Frame {
    start: usize,
    /// End of the start event's own span (`[` or `{` in flow style).
    start_end: usize,
    anchor: usize,
    kind: Kind,
}

enum Kind {
    Sequence(Vec<Node>),
    /// Members so far, and a key waiting for its value.
    Mapping(Vec<Member>, Option<(String, Span)>),
}

impl Frame {
    fn push(&mut self, node: Node) {
        match &mut self.kind {
            Kind::Sequence(items) => items.push(node),
            Kind::Mapping(members, key) => {
                let (key, key_span) = key.take().unwrap_or_default();
                members.push(Member {
                    key: key.into(),
                    key_span: Some(key_span),
                    node,
                });
            }
        }
    }

    /// The finished collection. Its span runs to the closing `]`/`}` in flow style; a
    /// block collection has no closing token, so it ends with its last value.
    fn finish(self, end_event: &Span) -> Node {
        let last_end = match &self.kind {
            Kind::Sequence(items) => items.last().and_then(|n| n.span.clone()),
            Kind::Mapping(members, _) => members.last().and_then(|m| m.node.span.clone()),
        }
        .map(|s| s.end);
        let end = if end_event.end > end_event.start {
            end_event.end
        } else {
            last_end.unwrap_or(self.start_end).max(self.start_end)
        };
        let value = match self.kind {
            Kind::Sequence(items) => Value::Array(items),
            // A key with no value event cannot happen: the parser emits an empty scalar.
            Kind::Mapping(members, _) => Value::Object(members),
        };
        Node::new(value, Some(self.start..end))
    }
}

fn awaiting_key(stack: &[Frame]) -> bool {
    matches!(
        stack.last(),
        Some(Frame {
            kind: Kind::Mapping(_, None),
            ..
        })
    )
}

/// The offset of the `-` that precedes `at` across spaces, or `at` itself.
fn dash_before(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or_default();
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.ends_with('-') {
        trimmed.len() - 1
    } else {
        at
    }
}

/// Keeps a copy of an anchored node, paying for it from the budget.
fn register(
    anchors: &mut BTreeMap<usize, Node>,
    budget: &mut usize,
    id: usize,
    node: &Node,
    at: usize,
) -> Result<(), ParseError> {
    if charge(node, budget).is_none() {
        return Err(ParseError::new(
            format!("anchors copy more than {MAX_ALIAS_NODES} nodes"),
            Some(at),
        ));
    }
    anchors.insert(id, node.clone());
    Ok(())
}

/// Takes the node count of `node` from `budget`; returns the node's depth, or `None` (and
/// leaves the budget spent) when it does not fit. Stops counting as soon as it overflows.
fn charge(node: &Node, budget: &mut usize) -> Option<usize> {
    let mut depth = 0;
    let mut pending: Vec<(&Node, usize)> = vec![(node, 1)];
    while let Some((n, d)) = pending.pop() {
        *budget = budget.checked_sub(1)?;
        depth = depth.max(d);
        match &n.value {
            Value::Array(items) => pending.extend(items.iter().map(|i| (i, d + 1))),
            Value::Object(members) => pending.extend(members.iter().map(|m| (&m.node, d + 1))),
            _ => {}
        }
    }
    Some(depth - 1)
}

/// A scalar node's text, for an alias used as a key.
fn scalar_text(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::String(s) | Value::Date(s) => s.clone(),
        Value::Data(_) | Value::Array(_) | Value::Object(_) => return None,
    })
}

/// Types a scalar by the core schema, or by its core-schema tag.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    if let Some(tag) = tag.filter(|t| t.is_yaml_core_schema()) {
        let v = plain(text);
        let ok = match tag.suffix.as_str() {
            "str" => return Ok(Value::String(text.to_string())),
            "null" => matches!(v, Value::Null),
            "bool" => matches!(v, Value::Bool(_)),
            "int" => matches!(v, Value::Integer(_)),
            "float" => {
                if let Value::Integer(i) = v {
                    return Ok(Value::Real(i as f64));
                }
                matches!(v, Value::Real(_))
            }
            // !!map, !!seq on a scalar, !!binary, !!timestamp…: keep the text.
            _ => return Ok(Value::String(text.to_string())),
        };
        return if ok {
            Ok(v)
        } else {
            Err(format!("{text:?} is not a valid !!{}", tag.suffix))
        };
    }
    Ok(match style {
        ScalarStyle::Plain => plain(text),
        _ => Value::String(text.to_string()),
    })
}

/// YAML 1.2 core schema resolution of a plain scalar.
pub(super) fn plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Real(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Real(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Real(f64::NAN),
        _ => {}
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse::<i64>() {
            Ok(i) => Value::Integer(i),
            // Beyond i64: keep the magnitude, like the JSON parser.
            Err(_) => s
                .parse::<f64>()
                .map_or(Value::String(s.into()), Value::Real),
        };
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(digits) = s.strip_prefix(prefix)
            && !digits.is_empty()
            && let Ok(i) = i64::from_str_radix(digits, radix)
        {
            return Value::Integer(i);
        }
    }
    if is_core_float(unsigned)
        && let Ok(f) = s.parse::<f64>()
    {
        return Value::Real(f);
    }
    Value::String(s.to_string())
}

/// `( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?` (sign already removed).
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => digits(frac),
        Some((int, frac)) => digits(int) && (frac.is_empty() || digits(frac)),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// Character index → byte offset (saphyr counts characters). Exact for ASCII text; for
/// other text, a checkpoint every 64 characters and a short walk.
struct CharOffsets<'a> {
    text: &'a str,
    /// Byte offset of every 64th character; empty when the text is ASCII.
    checkpoints: Vec<usize>,
}

impl<'a> CharOffsets<'a> {
    const STEP: usize = 64;

    fn new(text: &'a str) -> Self {
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(Self::STEP)
                .map(|(b, _)| b)
                .collect()
        };
        CharOffsets { text, checkpoints }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.checkpoints.is_empty() {
            return char_index.min(self.text.len());
        }
        let slot = (char_index / Self::STEP).min(self.checkpoints.len() - 1);
        let from = self.checkpoints[slot];
        let skip = char_index - slot * Self::STEP;
        self.text[from..]
            .char_indices()
            .nth(skip)
            .map_or(self.text.len(), |(b, _)| from + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What IntuneCD writes for an iOS SSO extension policy (trimmed).
    const INTUNECD: &str = "'@odata.type': '#microsoft.graph.iosSingleSignOnExtension'\n\
displayName: Entra SSO – iOS\n\
extensionIdentifier: com.microsoft.azureauthenticator.ssoextension\n\
teamIdentifier: null\n\
configurations:\n\
- key: device_registration\n  \
  valueType: string\n  \
  value: '{{DEVICEREGISTRATION}} '\n\
- key: browser_sso_interaction_enabled\n  \
  valueType: integer\n  \
  value: 1\n\
enabled: true\n\
ratio: 1.5\n\
empty:\n\
list: []\n\
map: {a: 1, b: [x, y]}\n\
note: |\n  line one\n  line two\n\
displayName: duplicate\n";

    fn text_of<'t>(text: &'t str, span: &Option<Span>) -> &'t str {
        &text[span.clone().unwrap()]
    }

    #[test]
    fn intunecd_yaml_with_spans_and_types() {
        let n = parse(INTUNECD).unwrap();
        assert_eq!(
            n.get("@odata.type").unwrap().as_str(),
            Some("#microsoft.graph.iosSingleSignOnExtension")
        );
        let m = n.member("@odata.type").unwrap();
        assert_eq!(text_of(INTUNECD, &m.key_span), "'@odata.type'");
        let (v, m) = n.pointer("/configurations/0/value").unwrap();
        assert_eq!(v.as_str(), Some("{{DEVICEREGISTRATION}} "));
        assert_eq!(text_of(INTUNECD, &v.span), "'{{DEVICEREGISTRATION}} '");
        assert_eq!(text_of(INTUNECD, &m.unwrap().key_span), "value");
        let (one, _) = n.pointer("/configurations/1/value").unwrap();
        assert_eq!(one.value, Value::Integer(1));
        assert_eq!(text_of(INTUNECD, &one.span), "1");
        assert!(n.get("teamIdentifier").unwrap().is_null());
        assert_eq!(n.get("enabled").unwrap().as_bool(), Some(true));
        assert_eq!(n.get("ratio").unwrap().value, Value::Real(1.5));
        assert!(n.get("empty").unwrap().is_null());
        assert_eq!(n.get("list").unwrap().value, Value::Array(vec![]));
        assert_eq!(text_of(INTUNECD, &n.get("list").unwrap().span), "[]");
        let map = n.get("map").unwrap();
        assert_eq!(text_of(INTUNECD, &map.span), "{a: 1, b: [x, y]}");
        assert_eq!(
            text_of(INTUNECD, &n.pointer("/map/b/1").unwrap().0.span),
            "y"
        );
        assert_eq!(
            n.get("note").unwrap().as_str(),
            Some("line one\nline two\n")
        );
        // Non-ASCII before a span: offsets are bytes, not characters.
        let name = n.members().iter().find(|m| m.key == "displayName").unwrap();
        assert_eq!(text_of(INTUNECD, &name.node.span), "Entra SSO – iOS");
        // Block collections end with their last value.
        let configs = n.get("configurations").unwrap();
        let t = text_of(INTUNECD, &configs.span);
        assert!(t.starts_with("- key: device_registration"), "{t:?}");
        assert!(t.ends_with("value: 1"), "{t:?}");
        let first = &configs.items()[0];
        assert_eq!(
            text_of(INTUNECD, &first.span),
            "key: device_registration\n  valueType: string\n  value: '{{DEVICEREGISTRATION}} '"
        );
    }

    #[test]
    fn duplicate_keys_are_kept_and_keys_are_strings() {
        let n = parse(INTUNECD).unwrap();
        let names: Vec<_> = n
            .members()
            .iter()
            .filter(|m| m.key == "displayName")
            .collect();
        assert_eq!(names.len(), 2);
        assert_eq!(n.get("displayName").unwrap().as_str(), Some("duplicate"));
        let n = parse("1: a\ntrue: b\n~: c\n1.50: d\n\"q\": e\n").unwrap();
        let keys: Vec<&str> = n.members().iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["1", "true", "~", "1.50", "q"]);
        assert!(parse("? [a, b]\n: c\n").is_err());
        assert!(parse("{[a]: 1}").is_err());
    }

    #[test]
    fn core_schema_typing() {
        let n = parse(
            "- 12\n- -3\n- +4\n- 0x1F\n- 0o17\n- 1e3\n- .5\n- -.inf\n- .nan\n- True\n- FALSE\n\
             - ~\n- Null\n- yes\n- '12'\n- \"true\"\n- !!str 12\n- !!float 2\n- 1.2.3\n\
             - 99999999999999999999\n- 2024-01-02\n- !!int '7'\n",
        )
        .unwrap();
        let v: Vec<&Value> = n.items().iter().map(|i| &i.value).collect();
        assert_eq!(v[0], &Value::Integer(12));
        assert_eq!(v[1], &Value::Integer(-3));
        assert_eq!(v[2], &Value::Integer(4));
        assert_eq!(v[3], &Value::Integer(31));
        assert_eq!(v[4], &Value::Integer(15));
        assert_eq!(v[5], &Value::Real(1000.0));
        assert_eq!(v[6], &Value::Real(0.5));
        assert_eq!(v[7], &Value::Real(f64::NEG_INFINITY));
        assert!(matches!(v[8], Value::Real(r) if r.is_nan()));
        assert_eq!(v[9], &Value::Bool(true));
        assert_eq!(v[10], &Value::Bool(false));
        assert_eq!(v[11], &Value::Null);
        assert_eq!(v[12], &Value::Null);
        assert_eq!(v[13], &Value::String("yes".into())); // YAML 1.2: not a boolean
        assert_eq!(v[14], &Value::String("12".into()));
        assert_eq!(v[15], &Value::String("true".into()));
        assert_eq!(v[16], &Value::String("12".into()));
        assert_eq!(v[17], &Value::Real(2.0));
        assert_eq!(v[18], &Value::String("1.2.3".into()));
        assert_eq!(v[19], &Value::Real(99999999999999999999.0));
        assert_eq!(v[20], &Value::String("2024-01-02".into()));
        assert_eq!(v[21], &Value::Integer(7));
        assert!(parse("- !!int abc\n").is_err());
    }

    #[test]
    fn aliases_resolve_within_a_budget() {
        let n = parse("base: &b {x: 1}\ncopy: *b\nkey: &k name\n*k : v\n").unwrap();
        assert_eq!(n.pointer("/copy/x").unwrap().0.as_i64(), Some(1));
        assert_eq!(n.get("name").unwrap().as_str(), Some("v"));
        let text = "base: &b {x: 1}\ncopy: *b\n";
        assert_eq!(text_of(text, &n.get("copy").unwrap().span), "*b");

        // Billion laughs: 10 levels of 10 aliases each = 10^10 nodes.
        let mut lol = String::from("a0: &a0 [lol]\n");
        for i in 1..=10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            lol.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let t = std::time::Instant::now();
        let e = parse(&lol).unwrap_err();
        assert!(
            e.message.contains("billion") || e.message.contains("anchors"),
            "{e:?}"
        );
        assert!(e.offset.is_some());
        assert!(t.elapsed().as_secs() < 2);
        assert!(parse("a: *nope\n").is_err());
    }

    #[test]
    fn errors_carry_byte_offsets_and_depth_is_bounded() {
        let text = "é: 1\nkey: [unclosed\nnext: 2\n";
        let e = parse(text).unwrap_err();
        let off = e.offset.unwrap();
        assert!(text.is_char_boundary(off) && off > "é: 1\n".len(), "{e:?}");
        let e = parse("a: 1\n  b: 2\n").unwrap_err();
        assert!(e.offset.is_some(), "{e:?}");
        assert!(parse("").is_err());
        assert!(parse("# only a comment\n").is_err());
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
        assert!(parse("---\na: 1\n...\n").is_ok());
        assert_eq!(parse("just text").unwrap().as_str(), Some("just text"));

        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(parse(&deep).is_err());
        let mut block = String::new();
        for i in 0..2000 {
            block.push_str(&" ".repeat(i));
            block.push_str("k:\n");
        }
        let t = std::time::Instant::now();
        let e = parse(&block).unwrap_err();
        assert!(e.message.contains("deeper"), "{e:?}");
        assert!(t.elapsed().as_secs() < 5);
    }

    #[test]
    fn crlf_and_offsets() {
        let text = "a: 1\r\nb: 'x '\r\n";
        let n = parse(text).unwrap();
        assert_eq!(text_of(text, &n.get("b").unwrap().span), "'x '");
        assert_eq!(n.get("b").unwrap().as_str(), Some("x "));
    }
}
