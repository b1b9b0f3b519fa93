//! SSO110 sso-key-whitespace: whitespace around any other ExtensionData key or String value
//! of the Microsoft Entra extension.

use super::{
    BROWSER_SSO, DEVICE_REGISTRATION, NOT_EDITABLE, describe_whitespace, inner_span,
    is_variant_of_another_key, key_whitespace_finding, replace,
};
use intune_lint_core::finding::{Applicability, Finding};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{SsoExtension, trim};

pub const RULE: Rule = Rule {
    code: "SSO110",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    // Other vendors' extensions read their data their own way (a Kerberos help text may
    // well end in a newline).
    if !ext.is_entra() {
        return;
    }
    for (i, entry) in ext.entries.iter().enumerate() {
        let key = entry.trimmed_key();
        // The JIT keys are SSO101's; a key of nothing but whitespace has no name to fix.
        if key == DEVICE_REGISTRATION || key == BROWSER_SSO || key.is_empty() {
            continue;
        }
        // A spaced copy of another entry's key is a duplicate: SSO113's.
        if entry.key.value != key && !is_variant_of_another_key(ext, i) {
            out.push(key_whitespace_finding(
                "SSO110",
                ext,
                &entry.key,
                key,
                "the plug-in matches keys exactly and won't see it",
            ));
        }
        if let (Some(value), Some(located)) = (entry.string_value(), entry.value.as_ref())
            && trim(value) != value
        {
            let trimmed = trim(value);
            let fix = inner_span(ext.source, &located.loc, value, "string").map(|span| {
                replace(
                    Applicability::Safe,
                    format!("trim the value of `{key}`"),
                    span,
                    trimmed,
                )
            });
            let note = if located.loc.span.is_none() {
                NOT_EDITABLE
            } else {
                ""
            };
            let mut finding = Finding::new(
                "SSO110",
                format!("value of `{key}` has {}", describe_whitespace(value)),
                located.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help(format!("write the value without it{note}"));
            finding.fix = fix;
            out.push(finding);
        }
    }
}
