//! SSO101 sso-jit-key-whitespace: whitespace around the JIT keys or their string values.

use super::{BROWSER_SSO, DEVICE_REGISTRATION, describe_whitespace};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::sso::{SsoExtension, trim};

pub const RULE: Rule = Rule {
    code: "SSO101",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, out: &mut Vec<Finding>) {
    for entry in &ext.entries {
        let key = entry.trimmed_key();
        if key != DEVICE_REGISTRATION && key != BROWSER_SSO {
            continue;
        }
        if entry.key.value != key {
            out.push(
                Finding::new(
                    "SSO101",
                    format!(
                        "key `{key}` has {}: just-in-time registration won't work",
                        describe_whitespace(&entry.key.value)
                    ),
                    entry.key.loc.clone(),
                )
                .with_object(Some(ext.object.clone()))
                .with_help(format!("write the key as exactly `{key}`")),
            );
        }
        if let Some(value) = entry.string_value()
            && trim(value) != value
        {
            let loc = entry
                .value
                .as_ref()
                .map(|v| v.loc.clone())
                .unwrap_or_else(|| entry.key.loc.clone());
            out.push(
                Finding::new(
                    "SSO101",
                    format!(
                        "value of `{key}` has {}: just-in-time registration won't work",
                        describe_whitespace(value)
                    ),
                    loc,
                )
                .with_object(Some(ext.object.clone()))
                .with_help(format!("write the value as exactly `{}`", trim(value))),
            );
        }
    }
}
