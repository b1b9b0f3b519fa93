//! SSO101 sso-jit-key-whitespace: whitespace around the JIT keys or their string values.

use super::{
    BROWSER_SSO, DEVICE_REGISTRATION, NOT_EDITABLE, describe_whitespace, inner_span,
    key_whitespace_finding, replace,
};
use intune_lint_core::finding::{Applicability, Finding};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{SsoExtension, trim};

pub const RULE: Rule = Rule {
    code: "SSO101",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    for entry in &ext.entries {
        let key = entry.trimmed_key();
        if key != DEVICE_REGISTRATION && key != BROWSER_SSO {
            continue;
        }
        if entry.key.value != key {
            out.push(key_whitespace_finding(
                "SSO101",
                ext,
                &entry.key,
                key,
                "just-in-time registration won't work",
            ));
        }
        // A value of nothing but whitespace has nothing to trim to: it is a wrong value
        // (SSO102, SSO106), not a right one with spaces around it.
        if let Some(value) = entry.string_value()
            && trim(value) != value
            && !trim(value).is_empty()
        {
            let loc = entry
                .value
                .as_ref()
                .map(|v| v.loc.clone())
                .unwrap_or_else(|| entry.key.loc.clone());
            let trimmed = trim(value);
            let fix = inner_span(ext.source, &loc, value, "string").map(|span| {
                replace(
                    Applicability::Safe,
                    format!("trim the value to `{trimmed}`"),
                    span,
                    trimmed,
                )
            });
            let note = if loc.span.is_none() { NOT_EDITABLE } else { "" };
            let mut finding = Finding::new(
                "SSO101",
                format!(
                    "value of `{key}` has {}: just-in-time registration won't work",
                    describe_whitespace(value)
                ),
                loc,
            )
            .with_object(Some(ext.object.clone()))
            .with_help(format!("write the value as exactly `{trimmed}`{note}"));
            finding.fix = fix;
            out.push(finding);
        }
    }
}
