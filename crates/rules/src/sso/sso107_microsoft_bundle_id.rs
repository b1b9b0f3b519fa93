//! SSO107 sso-microsoft-bundle-id: a Microsoft app in the SSO extension's bundle ID list.

use super::bundle_id_finding;
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{
    AUTHENTICATOR_BUNDLE_ID, Platform, SsoExtension, trim, visible,
};

pub const RULE: Rule = Rule {
    code: "SSO107",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, settings: &Settings, out: &mut Vec<Finding>) {
    // The guidance is the iOS/iPadOS JIT article's; macOS documents no such advice.
    if !ext.is_entra() || ext.platform != Platform::Ios {
        return;
    }
    for id in &ext.bundle_ids {
        let lower = trim(&id.value).to_ascii_lowercase();
        // The Authenticator is SSO108's.
        if lower == AUTHENTICATOR_BUNDLE_ID
            || !settings.is_microsoft_bundle_id(&id.value)
            || settings.is_allowed_bundle_id(&id.value)
        {
            continue;
        }
        out.push(bundle_id_finding(
            "SSO107",
            ext,
            id,
            format!(
                "Microsoft app `{}` is in the bundle ID list: Microsoft apps get SSO automatically, and Microsoft says not to list them, to avoid authentication problems",
                visible(trim(&id.value))
            ),
            "remove Microsoft bundle IDs; list only non-Microsoft apps that don't use MSAL",
        ));
    }
}
