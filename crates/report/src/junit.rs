//! `junit`: JUnit XML for test-result viewers (Azure DevOps *Publish Test Results*,
//! GitLab, Jenkins). One `<testsuite>` per file linted (named by its path), one failing
//! `<testcase>` per finding (`CODE name @ pointer`), and one passing test case for each
//! clean file, so an audit reads as a test report where every file shows up.
//!
//! Names, messages and descriptions pass through [`escape::text`] like every text format:
//! viewers show them as text, and the XML may be printed to a CI log.
//!
//! Uses `quick-junit` (nextest's, also ruff's): it escapes XML and strips characters XML
//! cannot hold. Measured cost: about 16 s of CPU time for a debug build (chrono, uuid,
//! quick-xml 0.41, strip-ansi-escapes).

use crate::escape;
use crate::{Context, Reporter};
use intune_lint_core::engine::Run;
use intune_lint_core::finding::Finding;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The name of the passing test case of a clean file.
pub const CLEAN_CASE: &str = "no findings";

pub struct Junit;

impl Reporter for Junit {
    fn report(&self, run: &Run, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        // Every linted file, plus files that only have findings from walking (unreadable
        // folders), in path order.
        let mut files: BTreeMap<&str, Vec<&Finding>> = run
            .summary
            .paths
            .iter()
            .map(|p| (&**p, Vec::new()))
            .collect();
        for f in &run.findings {
            files.entry(&f.location.path).or_default().push(f);
        }
        let mut report = Report::new("intune-lint");
        for (path, findings) in files {
            let path = &*escape::text(path);
            let mut suite = TestSuite::new(path);
            if findings.is_empty() {
                let mut case = TestCase::new(CLEAN_CASE, TestCaseStatus::success());
                case.set_classname(path);
                suite.add_test_case(case);
            }
            for f in findings {
                suite.add_test_case(case(f, path, ctx));
            }
            report.add_test_suite(suite);
        }
        report.serialize(&mut *out).map_err(io::Error::other)?;
        writeln!(out)
    }
}

fn case(f: &Finding, path: &str, ctx: &Context<'_>) -> TestCase {
    let meta = ctx.meta(f.code);
    let l = &f.location;
    let mut name = match meta {
        Some(m) => format!("{} {}", f.code, m.name),
        None => f.code.to_string(),
    };
    let pointer = escape::text(&l.pointer);
    let message = escape::text(&f.message);
    if !l.pointer.is_empty() {
        name.push_str(&format!(" @ {pointer}"));
    }
    let mut description = match l.start {
        Some(p) => format!("{path}:{}:{}: ", p.line, p.column),
        None => format!("{path}: "),
    };
    description.push_str(&format!("{} {} {message}\n", f.severity, f.code));
    if !l.pointer.is_empty() {
        description.push_str(&format!("at {pointer}\n"));
    }
    for r in &f.related {
        let pos = r
            .location
            .start
            .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
        description.push_str(&format!(
            "{}: {}{pos}\n",
            escape::text(&r.message),
            escape::text(&r.location.path)
        ));
    }
    if let Some(help) = f.help.clone().or_else(|| meta.map(|m| m.summary.clone())) {
        description.push_str(&format!("help: {}\n", escape::text(&help)));
    }
    if let Some(m) = meta {
        description.push_str(&format!("see {}\n", m.url()));
    }
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    status
        .set_message(message.into_owned())
        .set_type(f.code)
        .set_description(description);
    let mut case = TestCase::new(name, status);
    case.set_classname(path);
    case
}
