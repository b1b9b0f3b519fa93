//! Helpers shared by the integration tests.

#![allow(dead_code)]

use intune_lint_core::document::{Document, Loaded, load_bytes};
use intune_lint_core::node::{Member, Node, Value};
use std::path::Path;

/// The same tree with every value and key span removed, for comparing what a file says
/// independently of where it says it (or of whether its format has positions at all).
pub fn strip_spans(node: &Node) -> Node {
    let value = match &node.value {
        Value::Array(items) => Value::Array(items.iter().map(strip_spans).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|m| Member {
                    key: m.key.clone(),
                    key_span: None,
                    node: strip_spans(&m.node),
                })
                .collect(),
        ),
        other => other.clone(),
    };
    Node::new(value, None)
}

/// [`strip_spans`], with the members of every dictionary sorted by key (binary plist
/// writers such as Python's plistlib sort keys).
pub fn sorted(node: &Node) -> Node {
    let mut n = strip_spans(node);
    sort_members(&mut n);
    n
}

fn sort_members(node: &mut Node) {
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(sort_members),
        Value::Object(members) => {
            members.sort_by(|a, b| a.key.cmp(&b.key));
            members.iter_mut().for_each(|m| sort_members(&mut m.node));
        }
        _ => {}
    }
}

pub fn load(path: &Path) -> Loaded {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    load_bytes(path.to_string_lossy().replace('\\', "/").into(), &bytes)
}

/// Loads a file that must parse cleanly.
pub fn document(path: &Path) -> Document {
    let loaded = load(path);
    let codes: Vec<_> = loaded
        .findings
        .iter()
        .map(|f| (f.code, &f.message))
        .collect();
    assert!(codes.is_empty(), "{}: {codes:?}", path.display());
    loaded
        .document
        .unwrap_or_else(|| panic!("{}: no document", path.display()))
}

pub fn codes(loaded: &Loaded) -> Vec<&'static str> {
    loaded.findings.iter().map(|f| f.code).collect()
}
