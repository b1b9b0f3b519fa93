//! EXP902 exp-truncated-export: `ConvertTo-Json -Depth` cut objects off into strings.

use intune_lint_core::classify::Object;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Node, Value, join};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::sso::is_truncation_marker;

pub const RULE: Rule = Rule {
    code: "EXP902",
    check: Check::Document(check),
};

fn check(doc: &Document, objects: &[Object<'_>], out: &mut Vec<Finding>) {
    // One finding per object, at the first cut, with the count: a shallow export cuts
    // dozens of places in one policy and they share one cause.
    for obj in objects {
        let mut hits = Vec::new();
        markers(obj.node, &obj.pointer, &mut hits);
        let Some((first, text)) = hits.first() else {
            continue;
        };
        let more = match hits.len() {
            1 => String::new(),
            n => format!(" ({} more places in this object)", n - 1),
        };
        out.push(
            Finding::new(
                "EXP902",
                format!("the export was truncated: `{text}` stands where an object belongs{more}; rules skip what is missing"),
                doc.locate(first, Part::Value),
            )
            .with_object(Some(obj.reference.clone()))
            .with_help("export again with a deeper `ConvertTo-Json -Depth` (IntuneManagement uses 50)"),
        );
    }
}

fn markers(node: &Node, ptr: &str, hits: &mut Vec<(String, String)>) {
    match &node.value {
        Value::String(s) if is_truncation_marker(s) => hits.push((ptr.to_string(), s.clone())),
        Value::Array(items) => {
            for (i, n) in items.iter().enumerate() {
                markers(n, &join(ptr, i), hits);
            }
        }
        Value::Object(members) => {
            for m in members {
                markers(&m.node, &join(ptr, &m.key), hits);
            }
        }
        _ => {}
    }
}
