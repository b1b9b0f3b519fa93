//! SSO104 sso-device-registration-missing: an iOS Entra SSO extension without `device_registration`.

use super::{DEVICE_REGISTRATION, has_entry_or_near_miss};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{Platform, SsoExtension};

pub const RULE: Rule = Rule {
    code: "SSO104",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    // A truncated export may hold the key in the part that was cut off.
    if ext.platform != Platform::Ios
        || !ext.is_entra()
        || ext.truncated
        || has_entry_or_near_miss(ext, DEVICE_REGISTRATION)
    {
        return;
    }
    out.push(
        Finding::new(
            "SSO104",
            format!("the iOS/iPadOS Entra SSO extension has no `{DEVICE_REGISTRATION}` key, which just-in-time registration requires"),
            ext.loc.clone(),
        )
        .with_object(Some(ext.object.clone()))
        .with_help("add the String key `device_registration` with the value `{{DEVICEREGISTRATION}}`"),
    );
}
