//! SSO108 sso-authenticator-bundle-id: the Authenticator in the SSO extension's bundle ID list.

use super::bundle_id_finding;
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{
    AUTHENTICATOR_BUNDLE_ID, Platform, SsoExtension, trim, visible,
};

pub const RULE: Rule = Rule {
    code: "SSO108",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, settings: &Settings, out: &mut Vec<Finding>) {
    // The guidance is the iOS/iPadOS JIT article's, and only there does the Authenticator
    // host the extension (on macOS it is the Company Portal's): SSO107's scope.
    if !ext.is_entra() || ext.platform != Platform::Ios {
        return;
    }
    for id in &ext.bundle_ids {
        if !trim(&id.value).eq_ignore_ascii_case(AUTHENTICATOR_BUNDLE_ID)
            || settings.is_allowed_bundle_id(&id.value)
        {
            continue;
        }
        out.push(bundle_id_finding(
            "SSO108",
            ext,
            id,
            format!(
                "Microsoft Authenticator (`{}`) is in the bundle ID list; it hosts the SSO extension and must not be listed",
                visible(trim(&id.value))
            ),
            "remove it; deploy Authenticator as a required app instead",
        ));
    }
}
