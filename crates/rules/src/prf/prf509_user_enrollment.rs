//! PRF509 prf-user-enrollment: a payload or key that Apple forbids under user enrollment
//! (or allows only on supervised devices), in a custom profile assigned to the users of
//! an account-driven user enrollment profile.

use super::describe;
use intune_lint_core::classify::Kind;
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{Tenant, may_overlap};

pub const RULE: Rule = Rule {
    code: "PRF509",
    check: Check::Tenant(check),
};

const ACCOUNT_DRIVEN: &str = "accountDrivenUserEnrollment";

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    // Account-driven user enrollment in Intune is an iOS/iPadOS enrollment type.
    let profiles: Vec<_> = t
        .profiles
        .iter()
        .filter(|p| !p.restricted.is_empty())
        .filter_map(|p| Some((p, p.owner.as_ref()?)))
        .filter(|(_, o)| o.kind == Kind::CustomProfile { macos: false })
        .collect();
    if profiles.is_empty() {
        return;
    }
    let enrollments: Vec<_> = t
        .user_enrollments
        .iter()
        .filter(|e| {
            e.enrollment_types
                .iter()
                .any(|ty| ty.value.trim().eq_ignore_ascii_case(ACCOUNT_DRIVEN))
        })
        .collect();
    if t.user_enrollments.is_empty() {
        t.not_run(
            "PRF509",
            "the export holds no enrollment type profiles: whether custom profiles reach user-enrolled devices is unknown",
        );
        return;
    }
    for e in &enrollments {
        if e.policy.assignments.is_none() {
            t.not_run(
                "PRF509",
                format!(
                    "the assignments of {} were not exported",
                    e.policy.describe()
                ),
            );
            continue;
        }
        for (p, owner) in &profiles {
            if owner.assignments.is_none() {
                t.not_run(
                    "PRF509",
                    format!("the assignments of {} were not exported", owner.describe()),
                );
                continue;
            }
            let Some(shared) = owner
                .includes()
                .find(|a| e.policy.includes().any(|b| may_overlap(a, b)))
            else {
                continue;
            };
            // A payload that cannot be installed makes its keys moot: one finding for it.
            let payloads: Vec<&str> = p
                .restricted
                .iter()
                .filter(|r| r.payload)
                .filter_map(|r| r.loc.pointer.strip_suffix("/PayloadType"))
                .collect();
            let inside_restricted_payload = |pointer: &str| {
                payloads.iter().any(|prefix| {
                    pointer
                        .strip_prefix(prefix)
                        .is_some_and(|rest| rest.starts_with('/') && rest != "/PayloadType")
                })
            };
            for r in &p.restricted {
                if !r.payload && inside_restricted_payload(&r.loc.pointer) {
                    continue;
                }
                let what = if r.payload {
                    format!("payload type `{}`", r.what)
                } else {
                    format!("key `{}`", r.what)
                };
                let why = if r.forbidden_in_user_enrollment {
                    "Apple does not allow it under user enrollment"
                } else {
                    "Apple allows it only on supervised devices, and user-enrolled devices are never supervised"
                };
                out.push(
                    Finding::new(
                        "PRF509",
                        format!(
                            "{what} in {} reaches {} through account-driven user enrollment profile {}: {why}",
                            describe(p),
                            t.describe(shared),
                            e.policy.describe()
                        ),
                        r.loc.clone(),
                    )
                    .with_object(Some(owner.object.clone()))
                    .with_related("the user enrollment profile", e.policy.loc.clone())
                    .with_help("exclude user-enrolled devices (an assignment filter on enrollment type), or remove the payload or key"),
                );
            }
        }
    }
}
