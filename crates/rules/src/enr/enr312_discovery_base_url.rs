//! ENR312 enr-discovery-base-url: `BaseURL` is not Intune's account-driven enrollment URL
//! (scheme, host, path, tenant parameter name; the tenant ID itself is ENR310's).

use super::{base_url, intune_servers, split_url};
use crate::sso::describe_whitespace;
use intune_lint_core::classify::Object;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::{Cloud, Settings};
use intune_lint_core::views::sso::{non_ascii_note, trim, visible};

pub const RULE: Rule = Rule {
    code: "ENR312",
    check: Check::Document(check),
};

/// Intune's enrollment host in each cloud: public, US Government (GCC High, DoD) and
/// 21Vianet in China.
const HOSTS: &[(Cloud, &str)] = &[
    (Cloud::Public, "manage.microsoft.com"),
    (Cloud::Usgov, "manage.microsoft.us"),
    (Cloud::China, "manage.microsoft.cn"),
];
const PATH: &str = "/EnrollmentServer/PostReportDeviceInfoForUEV2";
const PARAM: &str = "aadTenantId";

fn check(doc: &Document, objects: &[Object<'_>], settings: &Settings, out: &mut Vec<Finding>) {
    // Other servers the file lists (Apple allows several) are not Intune's.
    for (ptr, entry) in intune_servers(objects) {
        let Some((url, _, url_ptr)) = base_url(entry, &ptr) else {
            continue;
        };
        // Invisible characters (a zero-width space pasted with the URL) break it like spaces.
        let mut problems = problems(trim(url), settings.cloud);
        if trim(url) != url {
            problems.insert(0, format!("it has {}", describe_whitespace(url)));
        }
        if problems.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                "ENR312",
                format!(
                    "`BaseURL` is not Intune's enrollment URL: {}",
                    problems.join("; ")
                ),
                doc.locate(&url_ptr, Part::Value),
            )
            .with_help(format!(
                "use `https://manage.microsoft.com{PATH}?{PARAM}=<tenant ID>` (`manage.microsoft.us` for US Government, `manage.microsoft.cn` for 21Vianet)"
            )),
        );
    }
}

/// What is wrong with the URL. Path and parameter name compare without regard to case:
/// only what is certainly wrong is reported.
/// With a configured cloud, only that cloud's host is right; without, any documented one.
fn problems(url: &str, cloud: Option<Cloud>) -> Vec<String> {
    let Some(parts) = split_url(url) else {
        return vec![format!(
            "`{}` is not an absolute `https://` URL",
            visible(url)
        )];
    };
    let mut problems = Vec::new();
    if !parts.scheme.eq_ignore_ascii_case("https") {
        problems.push(format!("its scheme is `{}`, not `https`", parts.scheme));
    }
    let expected: Vec<&str> = HOSTS
        .iter()
        .filter(|(c, _)| cloud.is_none_or(|want| want == *c))
        .map(|(_, h)| *h)
        .collect();
    if !expected.iter().any(|h| parts.host.eq_ignore_ascii_case(h)) {
        let wanted = match cloud {
            Some(_) => format!("`{}`, the configured cloud's host", expected[0]),
            None => "`manage.microsoft.com` (or a sovereign cloud's `manage.microsoft.us` / `manage.microsoft.cn`)".to_string(),
        };
        // A look-alike letter (Cyrillic `о` for `o`) shows the same as the right host.
        let note = non_ascii_note(parts.host);
        problems.push(format!(
            "its host is `{}`{note}, not {wanted}",
            visible(parts.host)
        ));
    }
    if !parts.path.eq_ignore_ascii_case(PATH) {
        let shown = if parts.path.is_empty() {
            "empty"
        } else {
            parts.path
        };
        problems.push(format!("its path is `{shown}`, not `{PATH}`"));
    }
    if !parts
        .params
        .iter()
        .any(|(name, _, _)| name.eq_ignore_ascii_case(PARAM))
    {
        problems.push(format!("it has no `{PARAM}` parameter"));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::{Cloud, problems};

    #[test]
    fn accepts_the_documented_urls_only() {
        for host in [
            "manage.microsoft.com",
            "manage.microsoft.us",
            "manage.microsoft.cn",
        ] {
            let url = format!(
                "https://{host}/EnrollmentServer/PostReportDeviceInfoForUEV2?aadTenantId=x"
            );
            assert!(problems(&url, None).is_empty(), "{url}");
        }
        assert_eq!(problems("http://manage.microsoft.com/EnrollmentServer/PostReportDeviceInfoForUEV2?aadTenantId=x", None).len(), 1);
        assert_eq!(
            problems(
                "https://manage.microsoft.de/EnrollmentServer/PostReportDeviceInfoForUEV2",
                None
            )
            .len(),
            2
        );
        assert_eq!(problems("https://manage.microsoft.com/EnrollmentServer/PostReportDeviceInfoForUEV2?tenantId=x", None).len(), 1);
        assert_eq!(problems("manage.microsoft.com", None).len(), 1);
    }

    #[test]
    fn a_configured_cloud_accepts_only_its_host() {
        let us = "https://manage.microsoft.us/EnrollmentServer/PostReportDeviceInfoForUEV2?aadTenantId=x";
        assert!(problems(us, Some(Cloud::Usgov)).is_empty());
        let p = problems(us, Some(Cloud::Public));
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("manage.microsoft.com"), "{p:?}");
    }
}
