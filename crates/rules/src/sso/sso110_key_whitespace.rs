//! SSO110 sso-key-whitespace: whitespace around any other ExtensionData key or String value.

use super::{BROWSER_SSO, DEVICE_REGISTRATION, describe_whitespace, is_variant_of_another_key};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{SsoExtension, trim};

pub const RULE: Rule = Rule {
    code: "SSO110",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    for (i, entry) in ext.entries.iter().enumerate() {
        let key = entry.trimmed_key();
        // The JIT keys are SSO101's; a key of nothing but whitespace has no name to fix.
        if key == DEVICE_REGISTRATION || key == BROWSER_SSO || key.is_empty() {
            continue;
        }
        // A spaced copy of another entry's key is a duplicate: SSO113's.
        if entry.key.value != key && !is_variant_of_another_key(ext, i) {
            out.push(
                Finding::new(
                    "SSO110",
                    format!(
                        "key `{key}` has {}: the plug-in matches keys exactly and won't see it",
                        describe_whitespace(&entry.key.value)
                    ),
                    entry.key.loc.clone(),
                )
                .with_object(Some(ext.object.clone()))
                .with_help(format!("write the key as exactly `{key}`")),
            );
        }
        if let (Some(value), Some(located)) = (entry.string_value(), entry.value.as_ref())
            && trim(value) != value
        {
            out.push(
                Finding::new(
                    "SSO110",
                    format!("value of `{key}` has {}", describe_whitespace(value)),
                    located.loc.clone(),
                )
                .with_object(Some(ext.object.clone()))
                .with_help(format!("write the value as exactly `{}`", trim(value))),
            );
        }
    }
}
