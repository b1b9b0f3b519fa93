//! The just-in-time (JIT) registration readiness scorecard.
//!
//! Microsoft's JIT setup (memdocs `set-up-just-in-time-registration.md`) is a checklist.
//! [`Facts`] keeps what the tenant index knows about each step (taken once every file is
//! read; a few strings per object, never the documents), and [`Facts::evaluate`] turns the
//! facts plus the run's final findings (after waivers and baselines) into one verdict per
//! step and one per iOS SSO policy. Nothing is read from file or folder names.

use crate::finding::Finding;
use crate::views::tenant::{Policy, Tenant};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// One step's (or one policy's) verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    /// The export does not hold what the step needs: unknown, never guessed.
    CouldNotCheck,
    /// The export holds the objects the step reads, and none sets the step up.
    NotConfigured,
    /// Findings (or facts) show that the step is set up wrongly.
    Problem,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::CouldNotCheck => "could not check",
            Verdict::NotConfigured => "not configured",
            Verdict::Problem => "problem",
        }
    }
}

/// The checklist, in Microsoft's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    SsoExtension,
    SsoAssigned,
    Authenticator,
    Enrollment,
    DiscoveryFile,
    Compliance,
}

pub const STEPS: [Step; 6] = [
    Step::SsoExtension,
    Step::SsoAssigned,
    Step::Authenticator,
    Step::Enrollment,
    Step::DiscoveryFile,
    Step::Compliance,
];

impl Step {
    pub fn title(self) -> &'static str {
        match self {
            Step::SsoExtension => {
                "SSO app extension: Microsoft Entra ID type, device_registration and browser_sso_interaction_enabled"
            }
            Step::SsoAssigned => "SSO app extension policy assigned",
            Step::Authenticator => "Microsoft Authenticator deployed as a required app",
            Step::Enrollment => "An enrollment path that supports JIT, assigned correctly",
            Step::DiscoveryFile => "Discovery file for account-driven user enrollment",
            Step::Compliance => "Compliance policies for JIT compliance remediation",
        }
    }

    /// The rules whose findings block the step.
    pub fn codes(self) -> &'static [&'static str] {
        match self {
            Step::SsoExtension => &[
                "SSO101", "SSO102", "SSO103", "SSO104", "SSO105", "SSO106", "SSO108", "SSO109",
                "SSO113",
            ],
            Step::SsoAssigned => &["SSO120", "ASG402", "ASG403", "ASG404"],
            Step::Authenticator => &["APP201", "APP202", "APP203"],
            Step::Enrollment => &["ENR301", "ENR302", "ENR303", "ENR304", "ENR305", "APP206"],
            Step::DiscoveryFile => &["ENR310", "ENR311", "ENR312", "ENR313", "ENR314"],
            Step::Compliance => &["ASG405"],
        }
    }
}

/// An object the scorecard names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Obj {
    pub name: Option<String>,
    pub id: Option<String>,
    pub path: Arc<str>,
    /// `None`: the export does not hold its assignments; else whether it has any.
    pub assigned: Option<bool>,
}

impl Obj {
    fn of(p: &Policy) -> Self {
        Obj {
            name: p.name().map(str::to_string),
            id: p.id().map(str::to_string),
            path: p.loc.path.clone(),
            assigned: p
                .assignments
                .as_ref()
                .map(|a| a.iter().any(|a| a.target.is_include())),
        }
    }

    fn describe(&self) -> String {
        match &self.name {
            Some(n) => format!("\"{n}\""),
            None => self.path.to_string(),
        }
    }

    /// Whether a finding is about this object: same file, and the same object when the
    /// file holds several (a Graph page).
    fn owns(&self, f: &Finding) -> bool {
        *f.location.path == *self.path
            && match (f.object.as_ref().and_then(|o| o.id()), &self.id) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => true,
            }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SsoFacts {
    pub policy: Obj,
    pub device_registration: bool,
}

/// What the tenant index tells about each step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// iOS/iPadOS policies holding the Microsoft Entra SSO extension.
    pub sso: Vec<SsoFacts>,
    pub apps_exported: bool,
    /// Microsoft Authenticator apps, `assigned` meaning "has a required assignment".
    pub authenticators: Vec<Obj>,
    pub enrollment_exported: bool,
    /// ADE profiles using Setup Assistant with modern authentication.
    pub ade_modern: Vec<Obj>,
    /// Enrollment type profiles offering account-driven user enrollment.
    pub account_driven: Vec<Obj>,
    /// Enrollment type profiles offering web-based device enrollment.
    pub web_device: Vec<Obj>,
    pub discovery_files: Vec<Arc<str>>,
    pub compliance_exported: bool,
    pub ios_compliance: Vec<Obj>,
    /// The tenant these facts describe, when a run audits several (see
    /// [`crate::tenants`]): its folder and the files read for it. `None`: the whole run.
    #[serde(skip)]
    pub tenant: Option<TenantScope>,
}

/// Which findings belong to one tenant of a multi-tenant run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantScope {
    /// The tenant's folder, as shown in messages.
    pub name: Arc<str>,
    /// The display paths of the tenant's linted files.
    pub files: Arc<HashSet<Arc<str>>>,
}

impl Facts {
    pub fn from_index(t: &Tenant) -> Self {
        let offers = |ty: &str| -> Vec<Obj> {
            t.user_enrollments
                .iter()
                .filter(|u| {
                    u.enrollment_types
                        .iter()
                        .any(|e| e.value.trim().eq_ignore_ascii_case(ty))
                })
                .map(|u| Obj::of(&u.policy))
                .collect()
        };
        Facts {
            sso: t
                .ios_entra_sso()
                .map(|s| SsoFacts {
                    policy: Obj::of(&s.policy),
                    device_registration: s
                        .ios_entra()
                        .is_some_and(|e| e.has_entry("device_registration")),
                })
                .collect(),
            apps_exported: t.holds_apps(),
            authenticators: t
                .authenticators()
                .map(|a| Obj {
                    assigned: a.policy.assignments.as_ref().map(|list| {
                        list.iter()
                            .any(|x| x.intent_is("required") && x.target.is_include())
                    }),
                    ..Obj::of(&a.policy)
                })
                .collect(),
            enrollment_exported: !t.ade_profiles.is_empty() || !t.user_enrollments.is_empty(),
            ade_modern: t
                .ade_profiles
                .iter()
                .filter(|a| a.uses_modern_auth())
                // ADE profiles reach devices through enrollment program tokens, not
                // group assignments.
                .map(|a| Obj {
                    assigned: Some(true),
                    ..Obj::of(&a.policy)
                })
                .collect(),
            account_driven: offers("accountDrivenUserEnrollment"),
            web_device: offers("webDeviceEnrollment"),
            discovery_files: t.discovery_files.clone(),
            compliance_exported: !t.compliance.is_empty(),
            ios_compliance: t
                .compliance
                .iter()
                .filter(|c| c.ios)
                .map(|c| Obj::of(&c.policy))
                .collect(),
            tenant: None,
        }
    }

    /// Adds the facts of a run under another configuration, in the same tenant.
    pub fn merge(&mut self, other: Facts) {
        self.sso.extend(other.sso);
        self.apps_exported |= other.apps_exported;
        self.authenticators.extend(other.authenticators);
        self.enrollment_exported |= other.enrollment_exported;
        self.ade_modern.extend(other.ade_modern);
        self.account_driven.extend(other.account_driven);
        self.web_device.extend(other.web_device);
        self.discovery_files.extend(other.discovery_files);
        self.compliance_exported |= other.compliance_exported;
        self.ios_compliance.extend(other.ios_compliance);
    }

    /// The scorecard for the final findings.
    pub fn evaluate(&self, findings: &[Finding]) -> Scorecard {
        self.evaluate_indexed(&StepFindings::new(findings.iter()))
    }

    fn evaluate_indexed(&self, findings: &StepFindings<'_>) -> Scorecard {
        let shared: Vec<StepResult> = STEPS
            .iter()
            .filter_map(|&s| self.shared_step(s, findings))
            .collect();
        let policies: Vec<PolicyCard> = self
            .sso
            .iter()
            .map(|p| {
                let mut steps = vec![
                    sso_extension(p, findings),
                    sso_assigned(&p.policy, findings),
                ];
                steps.extend(shared.iter().cloned());
                PolicyCard {
                    name: p.policy.name.clone(),
                    id: p.policy.id.clone(),
                    path: p.policy.path.clone(),
                    tenant: self.tenant.as_ref().map(|t| t.name.clone()),
                    verdict: overall(&steps),
                    steps,
                }
            })
            .collect();
        // The tenant's view of each step: the worst over its policies.
        let steps: Vec<StepResult> = STEPS
            .iter()
            .map(|&s| {
                if let Some(r) = shared.iter().find(|r| r.step == s) {
                    return r.clone();
                }
                let mut results = policies
                    .iter()
                    .filter_map(|p| p.steps.iter().find(|r| r.step == s));
                let Some(first) = results.next() else {
                    return StepResult::new(
                        s,
                        Verdict::NotConfigured,
                        "the export holds no iOS/iPadOS policy with the Microsoft Entra SSO app extension".into(),
                    );
                };
                let mut worst = first.clone();
                let mut refs = worst.findings.to_vec();
                let mut matching = 1;
                for r in results {
                    refs.extend(r.findings.iter().cloned());
                    if r.verdict > worst.verdict {
                        worst.verdict = r.verdict;
                        worst.detail = r.detail.clone();
                        matching = 1;
                    } else if r.verdict == worst.verdict {
                        matching += 1;
                    }
                }
                worst.findings = refs.into();
                if policies.len() > 1 {
                    worst.detail = format!(
                        "{} for {} of {} iOS SSO policies, e.g.: {}",
                        worst.verdict.label(),
                        matching,
                        policies.len(),
                        worst.detail
                    )
                    .into();
                }
                worst
            })
            .collect();
        let verdict = if policies.is_empty() {
            Verdict::NotConfigured
        } else {
            policies
                .iter()
                .map(|p| p.verdict)
                .max()
                .unwrap_or(Verdict::Ok)
        };
        Scorecard {
            verdict,
            steps,
            policies,
        }
    }

    /// A step shared by every policy (`None` for the per-policy ones): any finding of its
    /// rules blocks it.
    fn shared_step(&self, step: Step, findings: &StepFindings<'_>) -> Option<StepResult> {
        let refs: Vec<FindingRef> = findings
            .all
            .iter()
            .filter(|f| step.codes().contains(&f.code))
            .map(|f| FindingRef::of(f))
            .collect();
        let (verdict, detail) = match step {
            Step::Authenticator => {
                let required: Vec<&Obj> = self
                    .authenticators
                    .iter()
                    .filter(|a| a.assigned == Some(true))
                    .collect();
                if !refs.is_empty() {
                    (Verdict::Problem, "Microsoft Authenticator is missing or not required where the SSO policy applies".into())
                } else if !self.apps_exported {
                    (Verdict::CouldNotCheck, "the export holds no apps".into())
                } else if let Some(a) = required.first() {
                    (
                        Verdict::Ok,
                        format!("{} is assigned as required", a.describe()),
                    )
                } else if self.authenticators.is_empty() {
                    (
                        Verdict::NotConfigured,
                        "apps are exported, and none is Microsoft Authenticator".into(),
                    )
                } else if self.authenticators.iter().all(|a| a.assigned.is_none()) {
                    (
                        Verdict::CouldNotCheck,
                        "the export does not hold Microsoft Authenticator's assignments".into(),
                    )
                } else {
                    (
                        Verdict::Problem,
                        "Microsoft Authenticator has no required assignment".into(),
                    )
                }
            }
            Step::Enrollment => {
                let capable: Vec<(&str, &Obj)> = self
                    .ade_modern
                    .iter()
                    .map(|o| ("ADE with Setup Assistant with modern authentication", o))
                    .chain(
                        self.account_driven
                            .iter()
                            .map(|o| ("account-driven user enrollment", o)),
                    )
                    .chain(
                        self.web_device
                            .iter()
                            .map(|o| ("web-based device enrollment", o)),
                    )
                    .collect();
                let assigned = capable.iter().find(|(_, o)| o.assigned == Some(true));
                if !refs.is_empty() {
                    (Verdict::Problem, "an enrollment profile is set up in a way that breaks or does not support JIT".into())
                } else if !self.enrollment_exported {
                    (Verdict::CouldNotCheck, "the export holds no enrollment profiles (ADE profiles or enrollment types)".into())
                } else if let Some((how, o)) = assigned {
                    (Verdict::Ok, format!("{how}: {}", o.describe()))
                } else if capable.is_empty() {
                    (Verdict::NotConfigured, "no enrollment profile uses ADE with modern authentication, account-driven user enrollment or web-based device enrollment".into())
                } else if capable.iter().any(|(_, o)| o.assigned.is_none()) {
                    (
                        Verdict::CouldNotCheck,
                        format!(
                            "the export does not hold the assignments of {}",
                            capable[0].1.describe()
                        ),
                    )
                } else {
                    (
                        Verdict::Problem,
                        format!(
                            "{} ({}) is assigned to no one",
                            capable[0].1.describe(),
                            capable[0].0
                        ),
                    )
                }
            }
            Step::DiscoveryFile => {
                if !refs.is_empty() {
                    (Verdict::Problem, "the discovery file is malformed".into())
                } else if let Some(p) = self.discovery_files.first() {
                    (Verdict::Ok, p.to_string())
                } else if self.account_driven.is_empty() {
                    (Verdict::NotConfigured, "no account-driven user enrollment profile in the export; only that path needs the file".into())
                } else {
                    (Verdict::CouldNotCheck, "account-driven user enrollment is offered, and the export does not hold the discovery file (it is served from your domain's web server; add it to the linted folder to check it)".into())
                }
            }
            Step::Compliance => {
                let assigned = self
                    .ios_compliance
                    .iter()
                    .find(|c| c.assigned == Some(true));
                if !refs.is_empty() {
                    (
                        Verdict::Problem,
                        "no iOS compliance policy is assigned".into(),
                    )
                } else if !self.compliance_exported {
                    (
                        Verdict::CouldNotCheck,
                        "the export holds no compliance policies".into(),
                    )
                } else if let Some(c) = assigned {
                    (Verdict::Ok, format!("{} is assigned", c.describe()))
                } else if self.ios_compliance.is_empty() {
                    (
                        Verdict::NotConfigured,
                        "compliance policies are exported, and none is for iOS/iPadOS".into(),
                    )
                } else if self.ios_compliance.iter().any(|c| c.assigned.is_none()) {
                    (
                        Verdict::CouldNotCheck,
                        "the export does not hold the iOS compliance policies' assignments".into(),
                    )
                } else {
                    (
                        Verdict::Problem,
                        "no iOS compliance policy is assigned".into(),
                    )
                }
            }
            Step::SsoExtension | Step::SsoAssigned => return None,
        };
        Some(StepResult {
            step,
            title: step.title(),
            verdict,
            detail: detail.into(),
            findings: refs.into(),
        })
    }
}

/// The scorecard of a run. A run over several tenants (an MSP export, see
/// [`crate::tenants`]) evaluates each tenant on its own facts and findings, and shows
/// each step's worst result over the tenants, with every tenant's policies.
pub fn scorecard(tenants: &[Facts], findings: &[Finding]) -> Option<Scorecard> {
    if let [one] = tenants {
        return Some(one.evaluate(findings));
    }
    let all = StepFindings::new(findings.iter());
    // Each tenant's findings, in the run's order (a scope's file set has none).
    let mut tenant_of: foldhash::HashMap<&str, usize> = Default::default();
    tenant_of.reserve(
        tenants
            .iter()
            .flat_map(|t| &t.tenant)
            .map(|s| s.files.len())
            .sum(),
    );
    for (i, t) in tenants.iter().enumerate() {
        for p in t.tenant.iter().flat_map(|s| s.files.iter()) {
            tenant_of.insert(p, i);
        }
    }
    let mut own: Vec<Vec<&Finding>> = vec![Vec::new(); tenants.len()];
    for f in &all.all {
        if let Some(&i) = tenant_of.get(&*f.location.path) {
            own[i].push(f);
        }
    }
    // Tenants are evaluated on every core: an MSP export has hundreds.
    use rayon::prelude::*;
    let cards: Vec<(Option<&str>, Scorecard)> = tenants
        .par_iter()
        .zip(own)
        .map(|(t, own)| match &t.tenant {
            Some(scope) => (
                Some(&*scope.name),
                t.evaluate_indexed(&StepFindings::new(own.into_iter())),
            ),
            None => (None, t.evaluate_indexed(&all)),
        })
        .collect();
    side_by_side(cards)
}

fn side_by_side(cards: Vec<(Option<&str>, Scorecard)>) -> Option<Scorecard> {
    let n = cards.len();
    let verdict = cards.iter().map(|(_, c)| c.verdict).max()?;
    let steps = STEPS
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let mut worst: Option<(Option<&str>, StepResult)> = None;
            let mut matching = 0;
            let mut refs = Vec::new();
            for (tenant, card) in &cards {
                let r = &card.steps[i];
                refs.extend(r.findings.iter().cloned());
                match &worst {
                    Some((_, w)) if r.verdict < w.verdict => {}
                    Some((_, w)) if r.verdict == w.verdict => matching += 1,
                    _ => {
                        worst = Some((*tenant, r.clone()));
                        matching = 1;
                    }
                }
            }
            let (tenant, mut step) = worst.expect("one card at least");
            step.findings = refs.into();
            step.detail = format!(
                "{} in {} of {} tenants, e.g. {}: {}",
                step.verdict.label(),
                matching,
                n,
                tenant.unwrap_or("files outside the tenant folders"),
                step.detail
            )
            .into();
            step
        })
        .collect();
    Some(Scorecard {
        verdict,
        steps,
        policies: cards.into_iter().flat_map(|(_, c)| c.policies).collect(),
    })
}

/// The findings that block a step, and the same by file: a policy's own findings are a
/// lookup, not a scan of every finding per policy (quadratic on a big export).
struct StepFindings<'f> {
    all: Vec<&'f Finding>,
    by_path: HashMap<&'f str, Vec<&'f Finding>>,
}

impl<'f> StepFindings<'f> {
    fn new(findings: impl Iterator<Item = &'f Finding>) -> Self {
        let all: Vec<&Finding> = findings
            .filter(|f| STEPS.iter().any(|s| s.codes().contains(&f.code)))
            .collect();
        let mut by_path: HashMap<&str, Vec<&Finding>> = HashMap::new();
        for f in &all {
            by_path.entry(&f.location.path).or_default().push(f);
        }
        StepFindings { all, by_path }
    }
}

fn own_findings(step: Step, o: &Obj, findings: &StepFindings<'_>) -> Vec<FindingRef> {
    findings
        .by_path
        .get(&*o.path)
        .into_iter()
        .flatten()
        .filter(|f| step.codes().contains(&f.code) && o.owns(f))
        .map(|f| FindingRef::of(f))
        .collect()
}

fn sso_extension(p: &SsoFacts, findings: &StepFindings<'_>) -> StepResult {
    let refs = own_findings(Step::SsoExtension, &p.policy, findings);
    let (verdict, detail) = if !refs.is_empty() {
        (
            Verdict::Problem,
            format!("{} is set up wrongly for JIT", p.policy.describe()),
        )
    } else if !p.device_registration {
        (
            Verdict::Problem,
            format!("{} has no device_registration entry", p.policy.describe()),
        )
    } else {
        (
            Verdict::Ok,
            format!(
                "{} is the Microsoft Entra type with the JIT keys",
                p.policy.describe()
            ),
        )
    };
    StepResult {
        step: Step::SsoExtension,
        title: Step::SsoExtension.title(),
        verdict,
        detail: detail.into(),
        findings: refs.into(),
    }
}

fn sso_assigned(o: &Obj, findings: &StepFindings<'_>) -> StepResult {
    let refs = own_findings(Step::SsoAssigned, o, findings);
    let (verdict, detail) = match o.assigned {
        _ if !refs.is_empty() => (
            Verdict::Problem,
            format!("the assignments of {} are wrong", o.describe()),
        ),
        None => (
            Verdict::CouldNotCheck,
            format!(
                "the export does not hold the assignments of {}",
                o.describe()
            ),
        ),
        Some(false) => (
            Verdict::Problem,
            format!("{} is assigned to no one", o.describe()),
        ),
        Some(true) => (Verdict::Ok, format!("{} is assigned", o.describe())),
    };
    StepResult {
        step: Step::SsoAssigned,
        title: Step::SsoAssigned.title(),
        verdict,
        detail: detail.into(),
        findings: refs.into(),
    }
}

/// A policy's verdict: any problem; else a required step not configured; else a required
/// step that could not be checked; else ok. The discovery file counts only when
/// account-driven user enrollment is offered, compliance only when it has a problem
/// (remediation is optional for JIT itself).
fn overall(steps: &[StepResult]) -> Verdict {
    steps
        .iter()
        .filter(|r| match r.step {
            Step::Compliance => r.verdict == Verdict::Problem,
            Step::DiscoveryFile => r.verdict != Verdict::NotConfigured,
            _ => true,
        })
        .map(|r| r.verdict)
        .max()
        .unwrap_or(Verdict::Ok)
}

/// A finding a step names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRef {
    pub code: &'static str,
    pub path: Arc<str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl FindingRef {
    fn of(f: &Finding) -> Self {
        FindingRef {
            code: f.code,
            path: f.location.path.clone(),
            line: f.location.start.map(|p| p.line),
            column: f.location.start.map(|p| p.column),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepResult {
    pub step: Step,
    pub title: &'static str,
    pub verdict: Verdict,
    /// Shared, as are the findings: every policy card of a tenant repeats the tenant-wide
    /// steps.
    pub detail: Arc<str>,
    pub findings: Arc<[FindingRef]>,
}

impl StepResult {
    fn new(step: Step, verdict: Verdict, detail: String) -> Self {
        StepResult {
            step,
            title: step.title(),
            verdict,
            detail: detail.into(),
            findings: Arc::new([]),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyCard {
    pub name: Option<String>,
    pub id: Option<String>,
    pub path: Arc<str>,
    /// The tenant folder, in a run over several tenants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Arc<str>>,
    pub verdict: Verdict,
    pub steps: Vec<StepResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scorecard {
    /// The worst policy verdict; `not_configured` when there is no iOS SSO policy.
    pub verdict: Verdict,
    /// The tenant's view of each step (the worst over its policies for per-policy steps).
    pub steps: Vec<StepResult>,
    pub policies: Vec<PolicyCard>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;

    fn obj(path: &str, assigned: Option<bool>) -> Obj {
        Obj {
            name: Some(path.into()),
            id: None,
            path: path.into(),
            assigned,
        }
    }

    fn finding(code: &'static str, path: &str) -> Finding {
        Finding::new(code, "m", Location::file(path.into()))
    }

    fn ready() -> Facts {
        Facts {
            sso: vec![SsoFacts {
                policy: obj("sso.json", Some(true)),
                device_registration: true,
            }],
            apps_exported: true,
            authenticators: vec![obj("auth.json", Some(true))],
            enrollment_exported: true,
            ade_modern: vec![obj("ade.json", Some(true))],
            compliance_exported: true,
            ios_compliance: vec![obj("c.json", Some(true))],
            ..Facts::default()
        }
    }

    fn verdicts(c: &Scorecard) -> Vec<Verdict> {
        c.steps.iter().map(|s| s.verdict).collect()
    }

    #[test]
    fn a_complete_setup_is_ok_and_the_discovery_file_is_not_needed() {
        let c = ready().evaluate(&[]);
        use Verdict::*;
        assert_eq!(verdicts(&c), [Ok, Ok, Ok, Ok, NotConfigured, Ok]);
        assert_eq!(c.verdict, Ok);
        assert_eq!(c.policies.len(), 1);
    }

    #[test]
    fn findings_block_the_step_of_their_policy_only() {
        let mut f = ready();
        f.sso.push(SsoFacts {
            policy: obj("other.json", Some(true)),
            device_registration: true,
        });
        let c = f.evaluate(&[
            finding("SSO101", "sso.json"),
            finding("SSO110", "other.json"),
        ]);
        assert_eq!(c.policies[0].verdict, Verdict::Problem);
        assert_eq!(c.policies[0].steps[0].findings[0].code, "SSO101");
        // SSO110 blocks no step.
        assert_eq!(c.policies[1].verdict, Verdict::Ok);
        assert_eq!(c.steps[0].verdict, Verdict::Problem);
        assert_eq!(c.verdict, Verdict::Problem);
    }

    #[test]
    fn missing_objects_are_could_not_check_never_ok() {
        let f = Facts {
            sso: vec![SsoFacts {
                policy: obj("sso.json", None),
                device_registration: true,
            }],
            ..Facts::default()
        };
        let c = f.evaluate(&[]);
        use Verdict::*;
        assert_eq!(
            verdicts(&c),
            [
                Ok,
                CouldNotCheck,
                CouldNotCheck,
                CouldNotCheck,
                NotConfigured,
                CouldNotCheck
            ]
        );
        assert_eq!(c.verdict, CouldNotCheck);
    }

    #[test]
    fn no_sso_policy_is_not_configured() {
        let c = Facts::default().evaluate(&[]);
        assert_eq!(c.verdict, Verdict::NotConfigured);
        assert!(c.policies.is_empty());
        assert_eq!(c.steps[0].verdict, Verdict::NotConfigured);
    }

    #[test]
    fn account_driven_enrollment_needs_the_discovery_file() {
        let mut f = ready();
        f.ade_modern.clear();
        f.account_driven = vec![obj("ue.json", Some(true))];
        let c = f.evaluate(&[]);
        assert_eq!(c.steps[4].verdict, Verdict::CouldNotCheck);
        assert_eq!(c.verdict, Verdict::CouldNotCheck);
        f.discovery_files
            .push("d/com.apple.remotemanagement".into());
        let c = f.evaluate(&[finding("ENR311", "d/com.apple.remotemanagement")]);
        assert_eq!(c.steps[4].verdict, Verdict::Problem);
    }

    #[test]
    fn authenticator_without_required_assignment_is_a_problem() {
        let mut f = ready();
        f.authenticators[0].assigned = Some(false);
        assert_eq!(f.evaluate(&[]).steps[2].verdict, Verdict::Problem);
        f.authenticators.clear();
        assert_eq!(f.evaluate(&[]).steps[2].verdict, Verdict::NotConfigured);
        f.apps_exported = false;
        assert_eq!(f.evaluate(&[]).steps[2].verdict, Verdict::CouldNotCheck);
    }
}
