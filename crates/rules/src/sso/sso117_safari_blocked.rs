//! SSO117 sso-safari-blocked: Safari or Safari View Service in `AppBlockList`.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::SsoExtension;

pub const RULE: Rule = Rule {
    code: "SSO117",
    check: Check::Sso(check),
};

const SAFARI: &[(&str, &str)] = &[
    ("com.apple.mobilesafari", "Safari"),
    ("com.apple.SafariViewService", "Safari View Service"),
];

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    for item in ext.list_items("AppBlockList") {
        let Some((id, name)) = SAFARI
            .iter()
            .find(|(id, _)| item.value.eq_ignore_ascii_case(id))
        else {
            continue;
        };
        out.push(
            Finding::new(
                "SSO117",
                format!("`AppBlockList` holds `{id}`: {name} no longer gets single sign-on from the plug-in"),
                item.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help(format!("remove `{}` from `AppBlockList` unless you mean to turn SSO off in {name}", item.value)),
        );
    }
}
