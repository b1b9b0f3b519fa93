//! JSON in strict mode (no comments, no trailing commas), through jsonc-parser's AST,
//! which keeps byte ranges and duplicate keys and caps nesting depth at 512.

use super::ParseError;
use crate::node::{Member, Node, Value};
use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

const STRICT: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

pub fn parse(text: &str) -> Result<Node, ParseError> {
    let collect = CollectOptions {
        comments: jsonc_parser::CommentCollectionStrategy::Off,
        tokens: false,
    };
    let result = parse_to_ast(text, &collect, &STRICT)
        .map_err(|e| ParseError::new(e.kind().to_string(), Some(e.range().start)))?;
    match result.value {
        Some(v) => Ok(convert(v)),
        None => Err(ParseError::new("the file holds no JSON value", Some(0))),
    }
}

fn convert(v: ast::Value<'_>) -> Node {
    match v {
        ast::Value::StringLit(s) => Node::new(
            Value::String(s.value.into_owned()),
            Some(s.range.start..s.range.end),
        ),
        ast::Value::NumberLit(n) => {
            let value = match n.value.parse::<i64>() {
                Ok(i) => Value::Integer(i),
                Err(_) => Value::Real(n.value.parse::<f64>().unwrap_or(f64::NAN)),
            };
            Node::new(value, Some(n.range.start..n.range.end))
        }
        ast::Value::BooleanLit(b) => {
            Node::new(Value::Bool(b.value), Some(b.range.start..b.range.end))
        }
        ast::Value::NullKeyword(n) => Node::new(Value::Null, Some(n.range.start..n.range.end)),
        ast::Value::Array(a) => Node::new(
            Value::Array(a.elements.into_iter().map(convert).collect()),
            Some(a.range.start..a.range.end),
        ),
        ast::Value::Object(o) => {
            let span = o.range.start..o.range.end;
            let members = o
                .properties
                .into_iter()
                .map(|p| {
                    let (key, key_span) = match p.name {
                        ast::ObjectPropName::String(s) => {
                            (s.value.into_owned(), s.range.start..s.range.end)
                        }
                        ast::ObjectPropName::Word(w) => {
                            (w.value.to_string(), w.range.start..w.range.end)
                        }
                    };
                    Member {
                        key,
                        key_span: Some(key_span),
                        node: convert(p.value),
                    }
                })
                .collect();
            Node::new(Value::Object(members), Some(span))
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
    }

    #[test]
    fn is_strict_and_bounded() {
        assert!(parse("{\"a\": 1,}").is_err());
        assert!(parse("// c\n{}").is_err());
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("depth"), "{}", err.message);
        let err = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!(err.offset, Some(9)); // the `t` of `tru`
    }
}
