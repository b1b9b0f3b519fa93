//! APP202 app-authenticator-not-required: Authenticator is not required where SSO applies.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{Target, TargetKind, Tenant};

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
    let required: Vec<&Target> = apps
        .iter()
        .flat_map(|a| a.policy.assignments.iter().flatten())
        .filter(|a| a.intent_is("required"))
        .map(|a| &a.target)
        .filter(|t| t.is_include())
        .collect();
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
        s.ios_entra().map_or(&s.policy.loc, |e| &e.loc).clone()
    };
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
        return;
    }
    let broad = required
        .iter()
        .any(|r| matches!(r.kind, TargetKind::AllUsers | TargetKind::AllDevices));
    if broad {
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
                    "APP202",
                    format!(
                        "the SSO extension policy {} targets {}, but no `required` assignment of Microsoft Authenticator does",
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
                    "add a `required` assignment of Microsoft Authenticator for {}",
                    t.describe(target)
                )),
            );
        }
    }
}
