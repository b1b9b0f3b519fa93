//! EXP904 exp-duplicate-key: the same key twice in one JSON object or plist dictionary.

use intune_lint_core::classify::Object;
use intune_lint_core::document::Document;
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Node, Value, join};
use intune_lint_core::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    code: "EXP904",
    check: Check::Document(check),
};

fn check(doc: &Document, _objects: &[Object<'_>], out: &mut Vec<Finding>) {
    let mut stack: Vec<(&Node, String)> = vec![(&doc.root, String::new())];
    while let Some((node, ptr)) = stack.pop() {
        match &node.value {
            Value::Object(members) => {
                for (i, m) in members.iter().enumerate() {
                    let member_ptr = join(&ptr, &m.key);
                    if let Some(first) = members[..i].iter().find(|f| f.key == m.key) {
                        out.push(
                            Finding::new(
                                "EXP904",
                                format!("key `{}` appears twice in this object; parsers silently keep only one of them", m.key),
                                doc.locate_span(&member_ptr, m.key_span.clone()),
                            )
                            .with_related("first defined here", doc.locate_span(&member_ptr, first.key_span.clone()))
                            .with_help("remove one of the two, keeping the value you mean"),
                        );
                    }
                    stack.push((&m.node, member_ptr));
                }
            }
            Value::Array(items) => {
                for (i, n) in items.iter().enumerate() {
                    stack.push((n, join(&ptr, i)));
                }
            }
            _ => {}
        }
    }
}
