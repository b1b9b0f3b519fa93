//! SSO102 sso-device-registration-value: `device_registration` is not `{{DEVICEREGISTRATION}}`.

use super::{DEVICE_REGISTRATION, DEVICE_REGISTRATION_TOKEN, NOT_EDITABLE, inner_span, replace};
use intune_lint_core::finding::{Applicability, Finding};
use intune_lint_core::node::Value;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{EntryType, SsoExtension, non_ascii_note, shown, trim};

pub const RULE: Rule = Rule {
    code: "SSO102",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    for entry in ext.entries_named(DEVICE_REGISTRATION) {
        // A value of another type is SSO103's; whitespace around it is SSO101's.
        if entry.declared != EntryType::String {
            continue;
        }
        // A null or missing value is no token: the key is there, the registration isn't.
        let located = match entry.value.as_ref() {
            Some(v) if v.value != Value::Null => v,
            _ if ext.truncated => continue,
            v => {
                let loc = v.map_or_else(|| entry.key.loc.clone(), |v| v.loc.clone());
                out.push(
                    Finding::new(
                        "SSO102",
                        format!(
                            "`{DEVICE_REGISTRATION}` has no value (null), not `{DEVICE_REGISTRATION_TOKEN}`"
                        ),
                        loc,
                    )
                    .with_object(Some(ext.object.clone()))
                    .with_help(format!("set the value to exactly `{DEVICE_REGISTRATION_TOKEN}`")),
                );
                continue;
            }
        };
        let Some(value) = entry.string_value() else {
            continue;
        };
        let trimmed = trim(value);
        if trimmed == DEVICE_REGISTRATION_TOKEN {
            continue;
        }
        let case_only = trimmed.eq_ignore_ascii_case(DEVICE_REGISTRATION_TOKEN);
        let hint = if case_only {
            " (Microsoft documents the token in upper case)"
        } else {
            ""
        };
        // Only a casing difference is fixed: any other value may be deliberate.
        let fix = if case_only {
            inner_span(ext.source, &located.loc, value, "string").map(|span| {
                replace(
                    Applicability::Safe,
                    format!("write `{DEVICE_REGISTRATION_TOKEN}` in its exact casing"),
                    span,
                    DEVICE_REGISTRATION_TOKEN,
                )
            })
        } else {
            None
        };
        let note = if case_only && located.loc.span.is_none() {
            NOT_EDITABLE
        } else {
            ""
        };
        let mut finding = Finding::new(
            "SSO102",
            format!(
                "`{DEVICE_REGISTRATION}` is {}{}, not `{DEVICE_REGISTRATION_TOKEN}`{hint}",
                if trimmed.is_empty() && !value.is_empty() {
                    "only whitespace".to_string()
                } else {
                    shown(trimmed)
                },
                non_ascii_note(trimmed)
            ),
            located.loc.clone(),
        )
        .with_object(Some(ext.object.clone()))
        .with_help(format!(
            "set the value to exactly `{DEVICE_REGISTRATION_TOKEN}`{note}"
        ));
        finding.fix = fix;
        out.push(finding);
    }
}
