//! APP209 app-authenticator-licensing: Microsoft Authenticator is not deployed the way
//! shared device mode or account-driven user enrollment needs it (a volume-purchased app;
//! required for All devices in shared device mode; user-licensed for user enrollment).

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{App, TargetKind, Tenant};

pub const RULE: Rule = Rule {
    code: "APP209",
    check: Check::Tenant(check),
};

/// `Some(true)`: a volume-purchased app; `Some(false)`: another iOS app type; `None`: the
/// export doesn't say (no `@odata.type`).
fn is_vpp(app: &App) -> Option<bool> {
    let kind = app.policy.object.kind.as_str();
    if kind.eq_ignore_ascii_case("iosVppApp") {
        Some(true)
    } else if kind.starts_with("ios") || kind.starts_with("managedIOS") {
        Some(false)
    } else {
        None
    }
}

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    let apps: Vec<&App> = t.authenticators().collect();
    if apps.is_empty() {
        return;
    }
    let shared = t
        .ade_profiles
        .iter()
        .find(|p| p.userless_shared_mode.as_ref().is_some_and(|m| m.value));
    let account_driven = t.user_enrollments.iter().find(|p| {
        p.enrollment_types.iter().any(|ty| {
            ty.value
                .trim()
                .eq_ignore_ascii_case("accountDrivenUserEnrollment")
        })
    });
    let (scenario, scenario_loc) = match (shared, account_driven) {
        (Some(p), _) => (
            format!(
                "ADE profile {} enrolls in shared device mode",
                p.policy.describe()
            ),
            p.userless_shared_mode.as_ref().map(|m| m.loc.clone()),
        ),
        (None, Some(p)) => (
            format!(
                "{} offers account-driven user enrollment",
                p.policy.describe()
            ),
            Some(p.policy.loc.clone()),
        ),
        (None, None) => return,
    };
    let related = |f: Finding| match &scenario_loc {
        Some(loc) => f.with_related(scenario.clone(), loc.clone()),
        None => f,
    };
    // Every Authenticator is known not to be volume-purchased.
    if apps.iter().all(|a| is_vpp(a) == Some(false)) {
        for app in &apps {
            out.push(related(
                Finding::new(
                    "APP209",
                    format!(
                        "Microsoft Authenticator is exported as `{}`, not as a volume-purchased app (`iosVppApp`), while {scenario}: {}",
                        app.policy.object.kind,
                        if shared.is_some() {
                            "shared device mode needs Authenticator purchased through Apple's volume-purchase program"
                        } else {
                            "user enrollment supports user-licensed volume-purchased apps, not App Store apps"
                        }
                    ),
                    app.policy.loc.clone(),
                )
                .with_object(Some(app.policy.object.clone()))
                .with_help("add Microsoft Authenticator from Apple Business Manager (volume purchase) and assign that app"),
            ));
        }
        return;
    }
    let vpp: Vec<&&App> = apps.iter().filter(|a| is_vpp(a) == Some(true)).collect();
    // No app known to be volume-purchased (types not exported): nothing more to judge.
    if vpp.is_empty() {
        return;
    }
    if vpp.iter().any(|a| a.policy.assignments.is_none()) {
        t.not_run(
            "APP209",
            "Microsoft Authenticator's assignments were not exported",
        );
        return;
    }
    let required = || {
        vpp.iter()
            .flat_map(|a| a.policy.assignments.iter().flatten().map(move |x| (*a, x)))
            .filter(|(_, x)| x.intent_is("required") && x.target.is_include())
    };
    if shared.is_some() && !required().any(|(_, x)| x.target.kind == TargetKind::AllDevices) {
        let app = vpp[0];
        out.push(related(
            Finding::new(
                "APP209",
                "Microsoft Authenticator is not required for All devices while an ADE profile enrolls in shared device mode: the shared device mode steps assign it as required to All devices, with an assignment filter for the profile",
                app.policy
                    .assignments_loc
                    .clone()
                    .unwrap_or_else(|| app.policy.loc.clone()),
            )
            .with_object(Some(app.policy.object.clone()))
            .with_help("assign Microsoft Authenticator as required to All devices, filtered to the shared device mode enrollment profile"),
        ));
    }
    if account_driven.is_some() {
        let licensed: Vec<_> = required()
            .filter(|(_, x)| x.device_licensing.is_some())
            .collect();
        // Every required assignment is known to be device-licensed.
        if !licensed.is_empty()
            && licensed.len() == required().count()
            && licensed
                .iter()
                .all(|(_, x)| x.device_licensing.as_ref().is_some_and(|d| d.value))
        {
            let (app, x) = licensed[0];
            let loc = x
                .device_licensing
                .as_ref()
                .map_or_else(|| x.target.loc.clone(), |d| d.loc.clone());
            out.push(
                Finding::new(
                    "APP209",
                    "Microsoft Authenticator is required only with device licensing while account-driven user enrollment is offered: user enrollment supports user-licensed volume-purchased apps",
                    loc,
                )
                .with_object(Some(app.policy.object.clone()))
                .with_related(
                    format!(
                        "{} offers account-driven user enrollment",
                        account_driven.map(|p| p.policy.describe()).unwrap_or_default()
                    ),
                    account_driven.map(|p| p.policy.loc.clone()).unwrap_or_else(|| x.target.loc.clone()),
                )
                .with_help("add a required assignment with user licensing (`useDeviceLicensing: false`) for the users who enroll with account-driven user enrollment"),
            );
        }
    }
}
