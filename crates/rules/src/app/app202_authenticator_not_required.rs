//! APP202 app-authenticator-not-required: Authenticator is not required where SSO applies.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "APP202",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    let sso: Vec<_> = t.ios_entra_sso().collect();
    let apps: Vec<_> = t.authenticators().collect();
    if sso.is_empty() || apps.is_empty() {
        return;
    }
    let required = t.authenticator_required_targets();
    if apps.iter().any(|a| a.policy.assignments.is_none()) {
        if required.is_empty() {
            t.not_run(
                "APP202",
                "Microsoft Authenticator's assignments were not exported",
            );
        }
        return;
    }
    let sso_loc = |s: &intune_lint_core::views::tenant::SsoPolicy| {
        s.ios_entra()
            .map_or_else(|| s.policy.loc.clone().into(), |e| e.loc.clone())
    };
    // Required for some groups only: whether they cover the SSO policy's targets is
    // APP210's (a heuristic, so a warning).
    if required.is_empty() {
        for app in &apps {
            let mut f = Finding::new(
                "APP202",
                "Microsoft Authenticator has no assignment with intent `required`: devices the SSO extension policy targets may not get it, and the extension does not run without it",
                app.policy
                    .assignments_loc
                    .clone()
                    .unwrap_or_else(|| app.policy.loc.clone()),
            )
            .with_object(Some(app.policy.object.clone()))
            .with_help("assign Microsoft Authenticator as a required app to the groups the SSO policy targets");
            for s in &sso {
                f = f.with_related(format!("SSO policy {}", s.policy.describe()), sso_loc(s));
            }
            out.push(f);
        }
    }
}
