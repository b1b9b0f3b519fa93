//! ENR310 enr-discovery-placeholder: the discovery file's `BaseURL` still holds the
//! `YourAADTenantID` placeholder, or its `aadTenantId` is not a GUID.

use super::{base_url, servers, split_url};
use intune_lint_core::classify::Object;
use intune_lint_core::document::Document;
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{is_blank, visible};

pub const RULE: Rule = Rule {
    code: "ENR310",
    check: Check::Document(check),
};

const PLACEHOLDER: &str = "youraadtenantid";

fn check(doc: &Document, objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    for (ptr, entry) in servers(objects) {
        let Some((url, node, url_ptr)) = base_url(entry, &ptr) else {
            continue;
        };
        let at = |range: std::ops::Range<usize>| {
            doc.locate_in_string(&url_ptr, node.span.as_ref(), url, range)
        };
        if let Some(i) = url.to_ascii_lowercase().find(PLACEHOLDER) {
            out.push(
                Finding::new(
                    "ENR310",
                    format!(
                        "`BaseURL` still holds the placeholder `{}` from Microsoft's sample",
                        &url[i..i + PLACEHOLDER.len()]
                    ),
                    at(i..i + PLACEHOLDER.len()),
                )
                .with_help("replace it with your Microsoft Entra tenant ID (a GUID)"),
            );
            continue;
        }
        // A missing parameter, and whitespace around the URL, are ENR312's.
        let Some(parts) = split_url(url.trim_end_matches(is_blank)) else {
            continue;
        };
        let Some((_, value, range)) = parts
            .params
            .iter()
            .find(|(name, _, _)| name.eq_ignore_ascii_case("aadTenantId"))
        else {
            continue;
        };
        if is_guid(value) {
            continue;
        }
        let message = if value.is_empty() {
            "`aadTenantId` in `BaseURL` is empty; it must be your Microsoft Entra tenant ID (a GUID)".to_string()
        } else {
            format!(
                "`aadTenantId` in `BaseURL` is `{}`, not a tenant ID (a GUID)",
                visible(value)
            )
        };
        let loc = if value.is_empty() {
            doc.locate(&url_ptr, intune_lint_core::document::Part::Value)
        } else {
            at(range.clone())
        };
        out.push(
            Finding::new("ENR310", message, loc).with_help(
                "use the Tenant ID from the Microsoft Entra admin center's Overview page",
            ),
        );
    }
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hexadecimal digits, any case.
fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::is_guid;

    #[test]
    fn guids() {
        assert!(is_guid("7dbc8268-5fe9-40c8-891f-414a8ff45619"));
        assert!(is_guid("7DBC8268-5FE9-40C8-891F-414A8FF45619"));
        assert!(!is_guid("{7dbc8268-5fe9-40c8-891f-414a8ff45619}"));
        assert!(!is_guid("contoso.onmicrosoft.com"));
        assert!(!is_guid("7dbc82685fe940c8891f414a8ff45619"));
    }
}
