//! APP203 app-authenticator-uninstall: Authenticator uninstalled where SSO applies.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{Tenant, may_overlap};

pub const RULE: Rule = Rule {
    code: "APP203",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    let sso: Vec<_> = t.ios_entra_sso().collect();
    if sso.is_empty() {
        return;
    }
    for app in t.authenticators() {
        for a in app
            .policy
            .assignments
            .iter()
            .flatten()
            .filter(|a| a.intent_is("uninstall") && a.target.is_include())
        {
            let mut hit = None;
            for s in &sso {
                if s.policy.assignments.is_none() {
                    t.not_run(
                        "APP203",
                        format!(
                            "the assignments of SSO policy {} were not exported",
                            s.policy.describe()
                        ),
                    );
                    continue;
                }
                let excluded = a.target.group_key().is_some_and(|k| {
                    s.policy
                        .excludes()
                        .any(|x| x.group_key() == Some(k.clone()))
                });
                if excluded {
                    continue;
                }
                if let Some(target) = s.policy.includes().find(|x| may_overlap(&a.target, x)) {
                    hit = Some((s, target));
                    break;
                }
            }
            let Some((s, target)) = hit else { continue };
            let loc = a
                .intent
                .as_ref()
                .map_or_else(|| a.target.loc.clone(), |i| i.loc.clone());
            out.push(
                Finding::new(
                    "APP203",
                    format!(
                        "Microsoft Authenticator is assigned with intent `uninstall` to {}, which the SSO extension policy {} also targets: the extension is removed with the app",
                        t.describe(&a.target),
                        s.policy.describe()
                    ),
                    loc,
                )
                .with_object(Some(app.policy.object.clone()))
                .with_related(
                    format!("the SSO policy targets {} here", t.describe(target)),
                    target.loc.clone(),
                )
                .with_help("remove the `uninstall` assignment, or exclude its group from the SSO policy's targets"),
            );
        }
    }
}
