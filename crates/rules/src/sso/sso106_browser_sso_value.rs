//! SSO106 sso-browser-sso-value: `browser_sso_interaction_enabled` is not the Integer 1.

use super::{BROWSER_SSO, NOT_EDITABLE};
use intune_lint_core::finding::{Applicability, Edit, Finding, Fix};
use intune_lint_core::node::Value;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{Entry, EntryType, Source, SsoExtension, visible};

pub const RULE: Rule = Rule {
    code: "SSO106",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    for entry in ext.entries_named(BROWSER_SSO) {
        let value = entry.value.as_ref();
        if entry.declared == EntryType::Integer
            && value.is_some_and(|v| v.value == Value::Integer(1))
        {
            continue;
        }
        // The value as written, with its own type; a declared type it doesn't match (a
        // `keyIntegerValuePair` holding `"1"` in a hand-edited export) is named too.
        let written = match value.map(|v| &v.value) {
            Some(Value::String(s)) => Some(("String", format!("\"{}\"", visible(s)))),
            Some(Value::Integer(i)) => Some(("Integer", i.to_string())),
            Some(Value::Bool(b)) => Some(("Boolean", b.to_string())),
            Some(Value::Real(r)) => Some(("Real", r.to_string())),
            _ => None,
        };
        // `untyped`: no type picked in the catalog (SSO112 reports that for other keys).
        let declared = match &entry.declared {
            EntryType::Other(t) if t == "untyped" => None,
            t => Some(t.name()),
        };
        let shown = match (written, declared) {
            (Some((ty, lit)), Some(d)) if ty == d => format!("the {ty} {lit}"),
            (Some((ty, lit)), Some(d)) => format!("typed {d} but holds the {ty} {lit}"),
            (Some((ty, lit)), None) => format!("the {ty} {lit}, with no declared type"),
            (None, Some(d)) => format!("typed {d} without a usable value"),
            (None, None) => "missing its type and its value".to_string(),
        };
        let loc = value.map_or_else(|| entry.type_loc.clone(), |v| v.loc.clone());
        let fix = retype(ext.source, entry);
        let note = if loc.span.is_none() && ext.source == Source::Profile {
            NOT_EDITABLE
        } else {
            ""
        };
        let mut finding = Finding::new(
            "SSO106",
            format!("`{BROWSER_SSO}` is {shown}; it should be the Integer 1"),
            loc,
        )
        .with_object(Some(ext.object.clone()))
        .with_help(format!("make it an Integer entry with the value 1{note}"));
        finding.fix = fix;
        out.push(finding);
    }
}

/// Unsafe (it changes what the extension does): a Graph pair becomes a
/// `keyIntegerValuePair` with the value 1, a profile value becomes `<integer>1</integer>`.
/// Settings Catalog entries nest the type in a choice setting: no automatic fix.
fn retype(source: Source, entry: &Entry) -> Option<Fix> {
    let value_span = entry.value.as_ref()?.loc.span.clone()?;
    let mut edits = Vec::new();
    match source {
        Source::GraphTemplate => {
            if entry.declared != EntryType::Integer {
                if !entry.type_loc.pointer.ends_with("/@odata.type") {
                    return None;
                }
                edits.push(Edit {
                    span: entry.type_loc.span.clone()?,
                    replacement: "\"#microsoft.graph.keyIntegerValuePair\"".into(),
                });
            }
            edits.push(Edit {
                span: value_span,
                replacement: "1".into(),
            });
        }
        Source::Profile => edits.push(Edit {
            span: value_span,
            replacement: "<integer>1</integer>".into(),
        }),
        Source::SettingsCatalog => return None,
    }
    Some(Fix {
        applicability: Applicability::Unsafe,
        message: format!("make `{BROWSER_SSO}` the Integer 1"),
        edits,
    })
}
