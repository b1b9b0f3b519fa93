//! SSO118 sso-cookie-allowlist: `AppCookieSSOAllowList` used, or an entry of it not covered
//! by `AppPrefixAllowList`.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::SsoExtension;

pub const RULE: Rule = Rule {
    code: "SSO118",
    check: Check::Sso(check),
};

const COOKIE: &str = "AppCookieSSOAllowList";
const PREFIX: &str = "AppPrefixAllowList";

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    let prefixes: Vec<String> = ext
        .list_items(PREFIX)
        .map(|p| p.value.to_ascii_lowercase())
        .collect();
    for entry in ext.entries_named(COOKIE) {
        out.push(
            Finding::new(
                "SSO118",
                format!("`{COOKIE}` is used: SSO through cookies isn't compatible with Conditional Access and supports a single account"),
                entry.key.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help("remove it unless Microsoft engineering or support recommended it for these apps"),
        );
        for item in &entry.items {
            let lower = item.value.to_ascii_lowercase();
            if prefixes.iter().any(|p| lower.starts_with(p.as_str())) {
                continue;
            }
            out.push(
                Finding::new(
                    "SSO118",
                    format!("`{}` is in `{COOKIE}` but not covered by `{PREFIX}`, which it must also be added to", item.value),
                    item.loc.clone(),
                )
                .with_object(Some(ext.object.clone()))
                .with_help(format!("add `{}` (or a prefix of it) to `{PREFIX}`", item.value)),
            );
        }
    }
}
