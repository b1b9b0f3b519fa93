//! SSO102 sso-device-registration-value: `device_registration` is not `{{DEVICEREGISTRATION}}`.

use super::{DEVICE_REGISTRATION, DEVICE_REGISTRATION_TOKEN};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::sso::{EntryType, SsoExtension, trim};

pub const RULE: Rule = Rule {
    code: "SSO102",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, out: &mut Vec<Finding>) {
    for entry in ext.entries_named(DEVICE_REGISTRATION) {
        // A value of another type is SSO103's; whitespace around it is SSO101's.
        if entry.declared != EntryType::String {
            continue;
        }
        let (Some(value), Some(located)) = (entry.string_value(), entry.value.as_ref()) else {
            continue;
        };
        let trimmed = trim(value);
        if trimmed == DEVICE_REGISTRATION_TOKEN {
            continue;
        }
        let hint = if trimmed.eq_ignore_ascii_case(DEVICE_REGISTRATION_TOKEN) {
            " (Microsoft documents the token in upper case)"
        } else {
            ""
        };
        out.push(
            Finding::new(
                "SSO102",
                format!("`{DEVICE_REGISTRATION}` is `{trimmed}`, not `{DEVICE_REGISTRATION_TOKEN}`{hint}"),
                located.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help(format!("set the value to exactly `{DEVICE_REGISTRATION_TOKEN}`")),
        );
    }
}
