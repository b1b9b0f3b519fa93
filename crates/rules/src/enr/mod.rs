//! ENR: enrollment — ADE profiles and enrollment types (ENR301–ENR305) and the
//! account-driven enrollment discovery file (ENR310–ENR314).

mod enr301_ade_company_portal_auth;
mod enr302_ade_legacy_setup_assistant;
mod enr303_ade_auth_ambiguous;
mod enr304_user_enrollment_device_target;
mod enr305_shared_ipad;
mod enr310_discovery_placeholder;
mod enr311_discovery_version;
mod enr312_discovery_base_url;
mod enr313_discovery_file_name;
mod enr314_discovery_shape;

use intune_lint_core::classify::{Kind, Object};
use intune_lint_core::node::{Node, join};
use intune_lint_core::rule::Rule;

pub const RULES: &[Rule] = &[
    enr301_ade_company_portal_auth::RULE,
    enr302_ade_legacy_setup_assistant::RULE,
    enr303_ade_auth_ambiguous::RULE,
    enr304_user_enrollment_device_target::RULE,
    enr305_shared_ipad::RULE,
    enr310_discovery_placeholder::RULE,
    enr311_discovery_version::RULE,
    enr312_discovery_base_url::RULE,
    enr313_discovery_file_name::RULE,
    enr314_discovery_shape::RULE,
];

/// The discovery file's server entries that are objects, with their pointers. Anything
/// else about the file's shape is ENR314's.
pub fn servers<'a>(objects: &'a [Object<'a>]) -> Vec<(String, &'a Node)> {
    let mut out = Vec::new();
    for o in objects.iter().filter(|o| o.kind == Kind::Discovery) {
        let servers_ptr = join(&o.pointer, "Servers");
        let items = o.node.get("Servers").map(Node::items).unwrap_or_default();
        for (i, item) in items.iter().enumerate() {
            if item.is_object() {
                out.push((join(&servers_ptr, i), item));
            }
        }
    }
    out
}

/// Intune's account-driven user enrollment server version.
pub const INTUNE_VERSION: &str = "mdm-byod";

/// The server entries that are Intune's: those whose `Version` is `mdm-byod` (ignoring
/// case and whitespace, which ENR311 reports). Apple's format lets the file list other
/// servers beside it (`mdm-adde`, say), which are not Intune's to judge; when no entry
/// names `mdm-byod`, a single entry is taken as the one meant for Intune.
pub fn intune_servers<'a>(objects: &'a [Object<'a>]) -> Vec<(String, &'a Node)> {
    let all = servers(objects);
    let is_intune = |n: &Node| {
        n.get("Version")
            .and_then(Node::as_str)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(INTUNE_VERSION))
    };
    if all.iter().any(|(_, n)| is_intune(n)) {
        all.into_iter().filter(|(_, n)| is_intune(n)).collect()
    } else if all.len() == 1 {
        all
    } else {
        Vec::new()
    }
}

/// A server entry's `BaseURL` string, its node and pointer.
pub fn base_url<'a>(entry: &'a Node, entry_ptr: &str) -> Option<(&'a str, &'a Node, String)> {
    let node = entry.get("BaseURL")?;
    Some((node.as_str()?, node, join(entry_ptr, "BaseURL")))
}

/// A URL cut into its parts, each with its byte range in the URL.
pub struct UrlParts<'a> {
    pub scheme: &'a str,
    pub host: &'a str,
    pub path: &'a str,
    /// `(name, value, value's range)` of each query parameter.
    pub params: Vec<(&'a str, &'a str, std::ops::Range<usize>)>,
}

pub fn split_url(url: &str) -> Option<UrlParts<'_>> {
    let (scheme, rest) = url.split_once("://")?;
    let rest_start = scheme.len() + 3;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let after = &rest[host_end..];
    let path_end = after.find(['?', '#']).unwrap_or(after.len());
    let path = &after[..path_end];
    let mut params = Vec::new();
    if let Some(query) = after[path_end..].strip_prefix('?') {
        let query = query.split('#').next().unwrap_or_default();
        let mut offset = rest_start + host_end + path_end + 1;
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value_start = offset + pair.len() - value.len();
            params.push((name, value, value_start..value_start + value.len()));
            offset += pair.len() + 1;
        }
    }
    Some(UrlParts {
        scheme,
        host,
        path,
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::split_url;

    #[test]
    fn splits_urls_with_value_ranges() {
        let url = "https://manage.microsoft.com/EnrollmentServer/PostReportDeviceInfoForUEV2?x=1&aadTenantId=abc#f";
        let u = split_url(url).unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.host, "manage.microsoft.com");
        assert_eq!(u.path, "/EnrollmentServer/PostReportDeviceInfoForUEV2");
        assert_eq!(u.params.len(), 2);
        let (name, value, range) = &u.params[1];
        assert_eq!((*name, *value), ("aadTenantId", "abc"));
        assert_eq!(&url[range.clone()], "abc");
        assert!(split_url("manage.microsoft.com").is_none());
    }
}
