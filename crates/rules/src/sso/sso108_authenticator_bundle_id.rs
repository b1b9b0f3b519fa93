//! SSO108 sso-authenticator-bundle-id: the Authenticator in the SSO extension's bundle ID list.

use super::{NOT_EDITABLE, remove_bundle_id};
use intune_lint_core::finding::{Applicability, Finding, Fix};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{AUTHENTICATOR_BUNDLE_ID, SsoExtension, trim};

pub const RULE: Rule = Rule {
    code: "SSO108",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, settings: &Settings, out: &mut Vec<Finding>) {
    if !ext.is_entra() {
        return;
    }
    for id in &ext.bundle_ids {
        if !trim(&id.value).eq_ignore_ascii_case(AUTHENTICATOR_BUNDLE_ID)
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
                "SSO108",
                format!(
                    "Microsoft Authenticator (`{}`) is in the bundle ID list; it hosts the SSO extension and must not be listed",
                    trim(&id.value)
                ),
                id.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help(format!("{}{note}", "remove it; deploy Authenticator as a required app instead"));
        finding.fix = fix;
        out.push(finding);
    }
}
