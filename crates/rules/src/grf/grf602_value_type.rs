//! GRF602 grf-value-type: a value of the wrong JSON type for the member's declared type.

use intune_lint_core::document::Document;
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Node, Value};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_graph_schema::{MemberType, Scalar};

pub const RULE: Rule = Rule {
    code: "GRF602",
    check: Check::Document(|d, o, s, out| super::check_as("GRF602", d, o, s, out)),
};

fn json_kind(node: &Node) -> &'static str {
    match node.value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Integer(_) | Value::Real(_) => "a number",
        Value::String(_) | Value::Date(_) => "a string",
        Value::Data(_) => "binary data",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(super) fn finding(
    doc: &Document,
    ptr: &str,
    node: &Node,
    mt: MemberType,
    key: &str,
    in_collection: bool,
) -> Finding {
    let declared = if in_collection {
        MemberType {
            collection: false,
            ..mt
        }
        .describe()
    } else {
        mt.describe()
    };
    let message = match (node.is_null(), in_collection) {
        (true, _) => {
            format!("`{key}` is declared `{declared}`, not nullable, but the value is null")
        }
        (false, false) => format!(
            "`{key}` is declared `{declared}`, but the value is {}",
            json_kind(node)
        ),
        (false, true) => format!(
            "items of `{key}` are declared `{declared}`, but this one is {}",
            json_kind(node)
        ),
    };
    let help = match (&node.value, mt.scalar) {
        (Value::String(s), Scalar::Boolean) if matches!(s.trim(), "true" | "false") => {
            format!("write `{}` without quotes", s.trim())
        }
        (Value::String(s), Scalar::Number) if s.trim().parse::<f64>().is_ok() => {
            format!("write `{}` without quotes", s.trim())
        }
        (Value::Integer(i), Scalar::String) => quote(i),
        (Value::Real(r), Scalar::String) => quote(r),
        (Value::Bool(b), Scalar::String) => quote(b),
        (Value::Null, _) => "remove the member, or give it a value".to_string(),
        (_, _) if mt.collection && !in_collection => "wrap the value in `[...]`".to_string(),
        _ => format!("write {}", describe_expected(mt.scalar)),
    };
    Finding::new("GRF602", message, doc.locate_span(ptr, node.span.clone())).with_help(help)
}

fn quote(v: impl std::fmt::Display) -> String {
    format!("quote it: `\"{v}\"` (YAML reads an unquoted `{v}` as a number or boolean)")
}

fn describe_expected(s: Scalar) -> String {
    match s {
        Scalar::String => "a JSON string".into(),
        Scalar::Number => "a JSON number".into(),
        Scalar::Boolean => "`true` or `false`".into(),
        Scalar::Enum(e) => format!("one of the `{}` values, as a string", e.name()),
        Scalar::Type(t) => format!("a `{}` object", t.name()),
        Scalar::Any => "any value".into(),
    }
}
