//! APP210 app-authenticator-required-elsewhere: Microsoft Authenticator is required, but
//! not for a group the SSO extension policy targets (heuristic).

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{Target, TargetKind, Tenant};

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
    let required: Vec<&Target> = apps
        .iter()
        .flat_map(|a| a.policy.assignments.iter().flatten())
        .filter(|a| a.intent_is("required"))
        .map(|a| &a.target)
        .filter(|t| t.is_include())
        .collect();
    // No required assignment at all is APP202's; a broad one covers everyone.
    if required.is_empty()
        || required
            .iter()
            .any(|r| matches!(r.kind, TargetKind::AllUsers | TargetKind::AllDevices))
    {
        return;
    }
    let app = apps[0];
    for s in &sso {
        for target in s.policy.includes() {
            let covered = target
                .group_key()
                .is_some_and(|k| required.iter().any(|r| r.group_key().as_ref() == Some(&k)));
            if covered || matches!(target.kind, TargetKind::Other(_)) {
                continue;
            }
            out.push(
                Finding::new(
                    "APP210",
                    format!(
                        "the SSO extension policy {} targets {}, but Microsoft Authenticator is required only for other groups: unless those groups hold the same users or devices, some devices get the extension without Authenticator",
                        s.policy.describe(),
                        t.describe(target)
                    ),
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
                .with_help(format!(
                    "add a `required` assignment of Microsoft Authenticator for {}, or confirm that its required groups contain {}'s members",
                    t.describe(target),
                    t.describe(target)
                )),
            );
        }
    }
}
