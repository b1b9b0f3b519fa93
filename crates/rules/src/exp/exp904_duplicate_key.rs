//! EXP904 exp-duplicate-key: the same key twice in one JSON object or plist dictionary.

use intune_lint_core::classify::Object;
use intune_lint_core::document::Document;
use intune_lint_core::engine::{MAX_FINDINGS_PER_RULE_PER_FILE, more_findings};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Member, Step, Value, keys_may_repeat, pointer_of};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use std::collections::HashMap;

pub const RULE: Rule = Rule {
    code: "EXP904",
    check: Check::Document(check),
};

fn check(doc: &Document, _objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    // Findings are built up to the per-file limit and only counted past it: a file of a
    // million duplicate keys costs a count, not a million findings.
    // The JSON reader already looked at every object's keys.
    if doc.tree_facts.is_some_and(|f| !f.keys_may_repeat) {
        return;
    }
    let (mut shown, mut more) = (0, 0);
    let mut hashes: Vec<u64> = Vec::new();
    doc.root.walk_containers(|steps, node| {
        let Value::Object(members) = &node.value else {
            return;
        };
        let may_repeat = keys_may_repeat(members, &mut hashes);
        if !may_repeat {
            return;
        }
        let mut first_of: HashMap<&str, &Member> = HashMap::with_capacity(members.len());
        for m in members {
            let first = *first_of.entry(m.key.as_str()).or_insert(m);
            if std::ptr::eq(first, m) {
                continue;
            }
            if shown == MAX_FINDINGS_PER_RULE_PER_FILE {
                more += 1;
                continue;
            }
            shown += 1;
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
    if more > 0 {
        out.push(more_findings("EXP904", doc.path.clone(), more));
    }
}
