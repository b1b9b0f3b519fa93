//! SSO106 sso-browser-sso-value: `browser_sso_interaction_enabled` is not the Integer 1.

use super::BROWSER_SSO;
use intune_lint_core::finding::Finding;
use intune_lint_core::node::Value;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::sso::{EntryType, SsoExtension};

pub const RULE: Rule = Rule {
    code: "SSO106",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, out: &mut Vec<Finding>) {
    for entry in ext.entries_named(BROWSER_SSO) {
        let value = entry.value.as_ref();
        if entry.declared == EntryType::Integer
            && value.is_some_and(|v| v.value == Value::Integer(1))
        {
            continue;
        }
        let shown = match value.map(|v| &v.value) {
            Some(Value::String(s)) => format!("the {} \"{s}\"", entry.declared.name()),
            Some(Value::Integer(i)) => format!("the {} {i}", entry.declared.name()),
            Some(Value::Bool(b)) => format!("the {} {b}", entry.declared.name()),
            _ => format!("typed {} without a usable value", entry.declared.name()),
        };
        let loc = value.map_or_else(|| entry.type_loc.clone(), |v| v.loc.clone());
        out.push(
            Finding::new(
                "SSO106",
                format!("`{BROWSER_SSO}` is {shown}; it should be the Integer 1"),
                loc,
            )
            .with_object(Some(ext.object.clone()))
            .with_help("make it an Integer entry with the value 1"),
        );
    }
}
