//! SSO122 sso-url-maybe-not-unique: one URL domain in several SSO extension profiles whose
//! assignments are unknown, so they can only be assumed to meet on a device.

use super::sso115_url_not_unique::{Meet, describe, shared_domains};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "SSO122",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for (i, j, m, shared) in shared_domains(t) {
        let why = match m {
            Meet::Known => continue,
            Meet::Assumed => {
                let unknown: Vec<String> = [i, j]
                    .iter()
                    .filter(|k| t.sso[**k].policy.assignments.is_none())
                    .map(|k| t.sso[*k].policy.describe())
                    .collect();
                format!(
                    "the assignments of {} are not in the export",
                    unknown.join(" and ")
                )
            }
            Meet::ExclusionsUnknown => "both are assigned to a common target, but an excluded group may keep them apart (the export doesn't say who is in it)".to_string(),
        };
        let (url, first) = &shared[0];
        let verb = if shared.len() == 1 { "is" } else { "are" };
        out.push(
            Finding::new(
                "SSO122",
                format!(
                    "{} {verb} also in SSO extension profile {}; {why}, so whether both reach one device is unknown: if they do, the domain is repeated, which SSO app extension profiles don't allow",
                    describe(&shared),
                    t.sso[j].policy.describe(),
                ),
                url.loc.clone(),
            )
            .with_object(Some(t.sso[i].policy.object.clone()))
            .with_related("the same domain is here", first.loc.clone())
            .with_help("if both profiles can be installed on one device, keep each domain in one of them; lint an export that includes assignments to know"),
        );
    }
}
