//! APP210 app-authenticator-required-elsewhere: Microsoft Authenticator is required, but
//! not for a group the SSO extension policy targets (heuristic).

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{TargetKind, Tenant};

pub const RULE: Rule = Rule {
    code: "APP210",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    let sso: Vec<_> = t.ios_entra_sso().collect();
    let apps: Vec<_> = t.authenticators().collect();
    if sso.is_empty() || apps.is_empty() {
        return;
    }
    let required = t.authenticator_required_targets();
    // No required assignment at all is APP202's.
    if required.is_empty() {
        return;
    }
    // A group excluded from the required assignment doesn't get Authenticator, however
    // broad the inclusion: Intune's exclusions take precedence over inclusions.
    // Sets: an SSO policy's every target is looked up in both.
    let excluded: std::collections::HashSet<String> = apps
        .iter()
        .flat_map(|a| a.policy.assignments.iter().flatten())
        .filter(|a| a.intent_is("required") && !a.target.is_include())
        .filter_map(|a| a.target.group_key())
        .collect();
    let broad = required
        .iter()
        .any(|r| matches!(r.kind, TargetKind::AllUsers | TargetKind::AllDevices));
    let required_keys: std::collections::HashSet<String> =
        required.iter().filter_map(|r| r.group_key()).collect();
    let app = apps[0];
    for s in &sso {
        for target in s.policy.includes() {
            let key = target.group_key();
            let is_excluded = key.as_ref().is_some_and(|k| excluded.contains(k));
            let named = key.as_ref().is_some_and(|k| required_keys.contains(k));
            // A group the required assignment names is covered, or, when it is excluded too,
            // ASG403's (one mistake, one finding); a broad one covers all but the excluded.
            if named || (broad && !is_excluded) || matches!(target.kind, TargetKind::Other(_)) {
                continue;
            }
            let (message, help) = if is_excluded {
                (
                    format!(
                        "the SSO extension policy {} targets {}, which is excluded from Microsoft Authenticator's required assignment: its devices get the extension without Authenticator",
                        s.policy.describe(),
                        t.describe(target)
                    ),
                    format!(
                        "remove the exclusion of {} from Microsoft Authenticator's required assignment, or exclude the group from the SSO policy too",
                        t.describe(target)
                    ),
                )
            } else {
                (
                    format!(
                        "the SSO extension policy {} targets {}, but Microsoft Authenticator is required only for other groups: unless those groups hold the same users or devices, some devices get the extension without Authenticator",
                        s.policy.describe(),
                        t.describe(target)
                    ),
                    format!(
                        "add a `required` assignment of Microsoft Authenticator for {}, or confirm that its required groups contain {}'s members",
                        t.describe(target),
                        t.describe(target)
                    ),
                )
            };
            out.push(
                Finding::new(
                    "APP210",
                    message,
                    app.policy
                        .assignments_loc
                        .clone()
                        .unwrap_or_else(|| app.policy.loc.clone()),
                )
                .with_object(Some(app.policy.object.clone()))
                .with_related(
                    format!("the SSO policy targets {} here", t.describe(target)),
                    target.loc.clone(),
                )
                .with_help(help),
            );
        }
    }
}
