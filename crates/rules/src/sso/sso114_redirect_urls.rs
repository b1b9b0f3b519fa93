//! SSO114 sso-redirect-urls: a Redirect-type Microsoft configuration lacks Entra's sign-in
//! URLs, or lists a URL the system refuses.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{ExtensionType, SsoExtension, trim, visible};

pub const RULE: Rule = Rule {
    code: "SSO114",
    check: Check::Sso(check),
};

/// The public-cloud URLs every Microsoft Redirect configuration lists.
const REQUIRED: &[&str] = &[
    "https://login.microsoftonline.com",
    "https://login.microsoft.com",
    "https://sts.windows.net",
];

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    // Graph's Entra ID type fills the URLs in itself.
    if ext.extension_type != ExtensionType::Redirect || !ext.is_entra() || ext.truncated {
        return;
    }
    for url in &ext.urls {
        if let Some(problem) = url_problem(&url.value) {
            out.push(
                Finding::new(
                    "SSO114",
                    format!("URL `{}` {problem}", visible(&url.value)),
                    url.loc.clone(),
                )
                .with_object(Some(ext.object.clone()))
                .with_help("list URL prefixes as `https://host`, without query or fragment"),
            );
        }
    }
    let listed: Vec<String> = ext.urls.iter().map(|u| normalize(&u.value)).collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|r| !listed.iter().any(|l| l == *r))
        .copied()
        .collect();
    if missing.is_empty() {
        return;
    }
    let shown: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
    out.push(
        Finding::new(
            "SSO114",
            format!(
                "the Microsoft Redirect extension's URLs lack {}: the plug-in doesn't handle sign-ins there",
                shown.join(", ")
            ),
            ext.urls_loc.clone().unwrap_or_else(|| ext.loc.clone()),
        )
        .with_object(Some(ext.object.clone()))
        .with_help(format!("add {}", shown.join(", "))),
    );
}

/// The `scheme://host` a URL lists, lower-cased. A URL reported for its form (no scheme, a
/// query, a fragment) or written with a path still counts as listing its host, so one
/// mistake is one finding.
fn normalize(url: &str) -> String {
    let url = trim(url).to_ascii_lowercase();
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", &url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{host}")
}

fn url_problem(url: &str) -> Option<&'static str> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        Some("doesn't begin with `http://` or `https://`")
    } else if url.contains('?') {
        Some("has a query, which the system doesn't allow")
    } else if url.contains('#') {
        Some("has a fragment, which the system doesn't allow")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn a_url_lists_its_scheme_and_host() {
        assert_eq!(
            normalize(" https://Login.MicrosoftOnline.com/common?x=1 "),
            "https://login.microsoftonline.com"
        );
        assert_eq!(normalize("sts.windows.net/"), "https://sts.windows.net");
        assert_eq!(normalize("http://a.b#f"), "http://a.b");
    }
}
