//! EXP902 exp-truncated-export: `ConvertTo-Json -Depth` cut objects off into strings.

use intune_lint_core::classify::Object;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Value, pointer_of};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::is_truncation_marker;

pub const RULE: Rule = Rule {
    code: "EXP902",
    check: Check::Document(check),
};

fn check(doc: &Document, objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    // One finding per object, at the first cut, with the count: a shallow export cuts
    // dozens of places in one policy and they share one cause.
    // The JSON reader already looked at every string.
    if doc.tree_facts.is_some_and(|f| !f.truncation_marker) {
        return;
    }
    for obj in objects {
        // Nearly every object has no cut: found without tracking paths first.
        if !obj.node.any_string(is_truncation_marker) {
            continue;
        }
        let mut first = None;
        let mut count = 0;
        obj.node.walk(|steps, node| {
            if let Value::String(s) = &node.value
                && is_truncation_marker(s)
            {
                count += 1;
                first.get_or_insert_with(|| (pointer_of(&obj.pointer, steps), s.clone()));
            }
        });
        let Some((ptr, text)) = first else { continue };
        let more = match count {
            1 => String::new(),
            n => format!(" ({} more places in this object)", n - 1),
        };
        out.push(
            Finding::new(
                "EXP902",
                format!("the export was truncated: `{text}` stands where an object belongs{more}; rules skip what is missing"),
                doc.locate(&ptr, Part::Value),
            )
            .with_object(Some(obj.reference.clone()))
            .with_help("export again with a deeper `ConvertTo-Json -Depth` (IntuneManagement uses 50)"),
        );
    }
}
