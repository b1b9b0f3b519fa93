//! ASG405 asg-jit-no-compliance: JIT registration configured, no iOS compliance policy assigned.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "ASG405",
    check: Check::Tenant(check),
};

/// Unassigned iOS compliance policies listed by name in one finding.
const MAX_LISTED: usize = 10;

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    // JIT registration: an iOS Entra SSO extension with the `device_registration` key.
    let jit: Vec<_> = t
        .ios_entra_sso()
        .filter_map(|s| {
            let entry = s
                .extensions
                .iter()
                .filter(|e| e.is_entra())
                .find_map(|e| e.entries_named("device_registration").next())?;
            Some((s, entry))
        })
        .collect();
    if jit.is_empty() {
        return;
    }
    if t.compliance.is_empty() {
        t.not_run("ASG405", "the export holds no compliance policies");
        return;
    }
    let ios: Vec<_> = t.compliance.iter().filter(|c| c.ios).collect();
    if ios.iter().any(|c| c.policy.includes().next().is_some()) {
        return;
    }
    if t.compliance_partial {
        t.not_run(
            "ASG405",
            "the compliance policies were exported as one page of a longer Graph collection (`@odata.nextLink`): an assigned iOS/iPadOS policy may be on a page that is not in the export",
        );
        return;
    }
    if ios.iter().any(|c| c.policy.assignments.is_none()) {
        t.not_run(
            "ASG405",
            "the assignments of the iOS compliance policies were not exported",
        );
        return;
    }
    for (s, entry) in jit {
        let what = if ios.is_empty() {
            "none of the exported compliance policies is for iOS/iPadOS"
        } else {
            "no iOS/iPadOS compliance policy is assigned"
        };
        let mut f = Finding::new(
            "ASG405",
            format!(
                "just-in-time registration is configured, but {what}: JIT compliance remediation needs compliance policies assigned to the devices"
            ),
            entry.key.loc.clone(),
        )
        .with_object(Some(s.policy.object.clone()))
        .with_help("assign an iOS/iPadOS compliance policy to the users or devices that enroll");
        // Each JIT policy lists the policies: a bound keeps an export with many of both
        // from reporting every pair.
        for c in ios.iter().take(MAX_LISTED) {
            f = f.with_related(
                format!(
                    "iOS compliance policy {} has no included target",
                    c.policy.describe()
                ),
                c.policy.loc.clone(),
            );
        }
        if let Some(next) = ios.get(MAX_LISTED) {
            f = f.with_related(
                format!(
                    "and {} more iOS compliance policies without an included target",
                    ios.len() - MAX_LISTED
                ),
                next.policy.loc.clone(),
            );
        }
        out.push(f);
    }
}
