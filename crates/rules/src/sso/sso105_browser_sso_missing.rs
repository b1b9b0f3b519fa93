//! SSO105 sso-browser-sso-missing: an Entra SSO extension without `browser_sso_interaction_enabled`.

use super::{BROWSER_SSO, has_entry_or_near_miss};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::SsoExtension;

pub const RULE: Rule = Rule {
    code: "SSO105",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    if !ext.is_entra() || ext.truncated || has_entry_or_near_miss(ext, BROWSER_SSO) {
        return;
    }
    out.push(
        Finding::new(
            "SSO105",
            format!("the Entra SSO extension has no `{BROWSER_SSO}` key (recommended: Integer 1)"),
            ext.loc.clone(),
        )
        .with_object(Some(ext.object.clone()))
        .with_help("add the Integer key `browser_sso_interaction_enabled` with the value 1"),
    );
}
