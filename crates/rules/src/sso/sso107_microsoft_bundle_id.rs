//! SSO107 sso-microsoft-bundle-id: a Microsoft app in the SSO extension's bundle ID list.

use super::{NOT_EDITABLE, remove_bundle_id};
use intune_lint_core::finding::{Applicability, Finding, Fix};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{AUTHENTICATOR_BUNDLE_ID, SsoExtension, trim};

pub const RULE: Rule = Rule {
    code: "SSO107",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, settings: &Settings, out: &mut Vec<Finding>) {
    if !ext.is_entra() {
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
        let fix = remove_bundle_id(ext, id).map(|edit| Fix {
            applicability: Applicability::Unsafe,
            message: format!("remove `{}` from the list", trim(&id.value)),
            edits: vec![edit],
        });
        let note = if id.loc.span.is_none() {
            NOT_EDITABLE
        } else {
            ""
        };
        let mut finding = Finding::new(
                "SSO107",
                format!(
                    "Microsoft app `{}` is in the bundle ID list: Microsoft apps get SSO automatically, and Microsoft says not to list them, to avoid authentication problems",
                    trim(&id.value)
                ),
                id.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help(format!("{}{note}", "remove Microsoft bundle IDs; list only non-Microsoft apps that don't use MSAL"));
        finding.fix = fix;
        out.push(finding);
    }
}
