//! `json`: one object with the findings and the summary, for scripts.

use crate::{Context, Reporter};
use intune_lint_core::engine::Run;
use intune_lint_core::finding::Finding;
use serde::Serialize;
use std::io::{self, Write};

pub struct Json;

/// The version of this JSON shape; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

impl Reporter for Json {
    fn report(&self, run: &Run, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let s = &run.summary;
        let card = run.jit_readiness();
        // Serialized straight from the run (no intermediate `Value` tree: a big audit has
        // thousands of findings).
        let doc = Doc {
            version: SCHEMA_VERSION,
            tool: Tool {
                name: "intune-lint",
                version: ctx.tool_version,
            },
            findings: Findings(&run.findings, ctx),
            summary: SummaryOut {
                files: s.files,
                objects: s.objects,
                unknown_objects: s.unknown_objects,
                signed_profiles: &s.signed,
                not_run: &s.not_run,
                findings: Counts {
                    error: s.errors,
                    warning: s.warnings,
                    info: s.infos,
                },
                baseline: &s.baseline,
                jit_readiness: card.as_ref().map(ScorecardOut::of),
            },
        };
        // Printed to a CI log, a value must not read as a command (see escape::json).
        let mut w = crate::escape::JsonWriter::new(&mut *out);
        serde_json::to_writer_pretty(&mut w, &doc).map_err(io::Error::other)?;
        w.finish()?;
        writeln!(out)
    }
}

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool<'a>,
    findings: Findings<'a>,
    summary: SummaryOut<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct SummaryOut<'a> {
    files: usize,
    objects: usize,
    unknown_objects: usize,
    signed_profiles: &'a [std::sync::Arc<str>],
    not_run: &'a [intune_lint_core::views::tenant::NotRun],
    findings: Counts,
    baseline: &'a Option<intune_lint_core::baseline::BaselineSummary>,
    jit_readiness: Option<ScorecardOut<'a>>,
}

/// [`intune_lint_core::readiness::Scorecard`] as it serializes, its policy cards (one per
/// SSO policy of every tenant) rendered on every core.
#[derive(Serialize)]
struct ScorecardOut<'a> {
    verdict: intune_lint_core::readiness::Verdict,
    steps: &'a [intune_lint_core::readiness::StepResult],
    policies: crate::PrettyInParallel<
        'a,
        intune_lint_core::readiness::PolicyCard,
        fn(&intune_lint_core::readiness::PolicyCard) -> serde_json::Result<String>,
    >,
}

impl<'a> ScorecardOut<'a> {
    fn of(c: &'a intune_lint_core::readiness::Scorecard) -> Self {
        ScorecardOut {
            verdict: c.verdict,
            steps: &c.steps,
            policies: crate::PrettyInParallel {
                items: &c.policies,
                // `summary.jit_readiness.policies[i]`: four levels deep.
                depth: 4,
                render: serde_json::to_string_pretty,
            },
        }
    }
}

#[derive(Serialize)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

struct Findings<'a>(&'a [Finding], &'a Context<'a>);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::PrettyInParallel {
            items: self.0,
            // The items of `findings` are two levels deep.
            depth: 2,
            render: |f: &Finding| serde_json::to_string_pretty(&finding(f, self.1)),
        }
        .serialize(s)
    }
}

#[derive(Serialize)]
struct FindingOut<'a> {
    code: &'a str,
    name: Option<&'a str>,
    severity: intune_lint_core::finding::Severity,
    message: &'a str,
    path: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    pointer: &'a str,
    object: &'a Option<intune_lint_core::finding::ObjectRef>,
    help: Option<&'a str>,
    url: Option<String>,
    fix: Option<FixOut<'a>>,
    related: Vec<RelatedOut<'a>>,
}

#[derive(Serialize)]
struct FixOut<'a> {
    applicability: intune_lint_core::finding::Applicability,
    message: &'a str,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    message: &'a str,
    path: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    pointer: &'a str,
}

fn finding<'a>(f: &'a Finding, ctx: &'a Context<'_>) -> FindingOut<'a> {
    let meta = ctx.meta(f.code);
    let l = &f.location;
    FindingOut {
        code: f.code,
        name: meta.map(|m| m.name.as_str()),
        severity: f.severity,
        message: &f.message,
        path: &l.path,
        line: l.start.map(|p| p.line),
        column: l.start.map(|p| p.column),
        end_line: l.end.map(|p| p.line),
        end_column: l.end.map(|p| p.column),
        pointer: &l.pointer,
        object: &f.object,
        help: f
            .help
            .as_deref()
            .or_else(|| meta.map(|m| m.summary.as_str())),
        url: meta.map(|m| m.url()),
        fix: f.fix.as_ref().map(|x| FixOut {
            applicability: x.applicability,
            message: &x.message,
        }),
        related: f
            .related
            .iter()
            .map(|r| RelatedOut {
                message: &r.message,
                path: &r.location.path,
                line: r.location.start.map(|p| p.line),
                column: r.location.start.map(|p| p.column),
                pointer: &r.location.pointer,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use intune_lint_core::readiness::{PolicyCard, Scorecard, Step, StepResult, Verdict};

    /// `ScorecardOut` restates `Scorecard`'s fields: it must serialize to the same JSON.
    #[test]
    fn scorecard_out_serializes_as_the_scorecard() {
        let step = StepResult {
            step: Step::SsoExtension,
            title: "SSO",
            verdict: Verdict::Ok,
            detail: "fine".into(),
            findings: Vec::new().into(),
        };
        let card = |n: usize| PolicyCard {
            name: Some(format!("p{n}")),
            id: None,
            path: format!("T{n}/p.json").into(),
            tenant: (n % 2 == 0).then(|| format!("T{n}").into()),
            verdict: Verdict::CouldNotCheck,
            steps: vec![step.clone()],
        };
        let c = Scorecard {
            verdict: Verdict::CouldNotCheck,
            steps: vec![step.clone()],
            policies: (0..1500).map(card).collect(),
        };
        let out = ScorecardOut::of(&c);
        let compact = |v: serde_json::Value| serde_json::to_string(&v).unwrap();
        assert_eq!(
            compact(serde_json::to_value(&out).unwrap()),
            compact(serde_json::to_value(&c).unwrap())
        );
    }
}
