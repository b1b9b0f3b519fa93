//! SSO108 sso-authenticator-bundle-id: the Authenticator in the SSO extension's bundle ID list.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::sso::{AUTHENTICATOR_BUNDLE_ID, SsoExtension, trim};

pub const RULE: Rule = Rule {
    code: "SSO108",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, out: &mut Vec<Finding>) {
    if !ext.is_entra() {
        return;
    }
    for id in &ext.bundle_ids {
        if !trim(&id.value).eq_ignore_ascii_case(AUTHENTICATOR_BUNDLE_ID) {
            continue;
        }
        out.push(
            Finding::new(
                "SSO108",
                format!(
                    "Microsoft Authenticator (`{}`) is in the bundle ID list; it hosts the SSO extension and must not be listed",
                    trim(&id.value)
                ),
                id.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help("remove it; deploy Authenticator as a required app instead"),
        );
    }
}
