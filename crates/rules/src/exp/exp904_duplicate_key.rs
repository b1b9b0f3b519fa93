//! EXP904 exp-duplicate-key: the same key twice in one JSON object or plist dictionary.

use intune_lint_core::classify::Object;
use intune_lint_core::document::Document;
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Step, Value, pointer_of};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;

pub const RULE: Rule = Rule {
    code: "EXP904",
    check: Check::Document(check),
};

fn check(doc: &Document, _objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    doc.root.walk(|steps, node| {
        let Value::Object(members) = &node.value else {
            return;
        };
        // Sorting the keys tells whether any repeats without hashing every key of every
        // object; the rare object with a duplicate is then scanned in order.
        let mut keys: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
        keys.sort_unstable();
        if !keys.windows(2).any(|w| w[0] == w[1]) {
            return;
        }
        for (i, m) in members.iter().enumerate() {
            let Some(first) = members[..i].iter().find(|f| f.key == m.key) else {
                continue;
            };
            let ptr = pointer_of("", &[steps, &[Step::Key(&m.key)]].concat());
            out.push(
                Finding::new(
                    "EXP904",
                    format!(
                        "key `{}` appears twice in this object; parsers silently keep only one of them",
                        m.key
                    ),
                    doc.locate_span(&ptr, m.key_span.clone()),
                )
                .with_related("first defined here", doc.locate_span(&ptr, first.key_span.clone()))
                .with_help("remove one of the two, keeping the value you mean"),
            );
        }
    });
}
