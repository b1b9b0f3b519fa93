//! ASG403 asg-included-and-excluded: one group both included and excluded on a policy.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "ASG403",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in t.policies() {
        for ex in p.excludes() {
            let Some(key) = ex.group_key() else { continue };
            let Some(inc) = p.includes().find(|i| i.group_key().as_ref() == Some(&key)) else {
                continue;
            };
            out.push(
                Finding::new(
                    "ASG403",
                    format!(
                        "{} is both included and excluded: the exclusion wins, so the inclusion has no effect",
                        t.describe(ex)
                    ),
                    ex.loc.clone(),
                )
                .with_object(Some(p.object.clone()))
                .with_related("the same group is included here", inc.loc.clone())
                .with_help("remove either the inclusion or the exclusion"),
            );
        }
    }
}
