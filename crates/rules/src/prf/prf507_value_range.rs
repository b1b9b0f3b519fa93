//! PRF507 prf-value-range: a value outside the schema's allowed values or range.

use super::Found;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::Value;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::profile::Issue;

pub const RULE: Rule = Rule {
    code: "PRF507",
    check: Check::Document(|d, o, s, out| super::check_as("PRF507", d, o, s, out)),
};

/// Allowed values listed in a message, at most this many.
const SHOWN: usize = 8;

/// One issue of the shared schema walk (see [`super::check_as`]).
pub(super) fn found(doc: &Document, f: Found<'_, '_>, out: &mut Vec<Finding>) {
    let Issue::OutOfRange {
        def,
        found,
        suggestion,
    } = f.issue
    else {
        return;
    };
    if f.owned_by_sso_rules() {
        return;
    }
    let written = match &found.value {
        Value::String(s) => format!("\"{s}\""),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        _ => found.type_name().to_string(),
    };
    let allowed = if def.rangelist.is_empty() {
        match (def.min, def.max) {
            (Some(a), Some(b)) => format!("outside the range {a} to {b}"),
            (Some(a), None) => format!("below the minimum {a}"),
            (None, Some(b)) => format!("above the maximum {b}"),
            (None, None) => "not allowed".to_string(),
        }
    } else {
        let mut list: Vec<String> = def
            .rangelist
            .iter()
            .take(SHOWN)
            .map(|l| l.to_string())
            .collect();
        if def.rangelist.len() > SHOWN {
            list.push("…".to_string());
        }
        match list.as_slice() {
            [only] => format!("not {only}"),
            _ => format!("not one of {}", list.join(", ")),
        }
    };
    let hint = suggestion.map_or(String::new(), |s| format!("; did you mean {s}?"));
    let mut finding = Finding::new(
        "PRF507",
        format!("{} is {written}, {allowed}{hint}", f.place()),
        doc.locate(&f.pointer(), Part::Value),
    )
    .with_object(f.object());
    if let Some(s) = suggestion {
        finding = finding.with_help(format!("values are case-sensitive: write {s}"));
    }
    out.push(finding);
}
