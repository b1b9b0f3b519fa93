//! `human`: miette-style snippets with the offending key or value underlined.

use crate::{Context, Reporter, plural, severity_counts};
use intune_lint_core::engine::Run;
use intune_lint_core::finding::{Applicability, Finding, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};
use std::io::{self, Write};

pub struct Human;

impl Reporter for Human {
    fn report(&self, run: &Run, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let theme = if ctx.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_width(100)
            .with_context_lines(1);
        for f in &run.findings {
            let mut rendered = String::new();
            let report = diagnostic(f, ctx);
            // A snippet needs the text; without it (binary plist) the header names the file.
            let _ = handler.render_report(&mut rendered, report.as_ref());
            write!(out, "{rendered}")?;
            writeln!(out)?;
        }
        writeln!(out, "{}", summary_line(run))?;
        if let Some(card) = run.jit_readiness() {
            write!(out, "\n{}", crate::scorecard::text(&card))?;
        }
        Ok(())
    }
}

fn diagnostic(f: &Finding, ctx: &Context<'_>) -> Report {
    let meta = ctx.meta(f.code);
    let name = meta.map_or("", |m| m.name.as_str());
    let mut d = MietteDiagnostic::new(f.message.clone())
        .with_code(format!("{} {}", f.code, name))
        .with_severity(match f.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        });
    if let Some(m) = meta {
        d = d.with_url(m.url());
    }
    let mut help = f
        .help
        .clone()
        .or_else(|| meta.map(|m| m.summary.clone()))
        .unwrap_or_default();
    let loc = &f.location;
    let source = ctx.sources.text(&loc.path);
    let mut snippet = false;
    if let (Some(span), Some(text)) = (&loc.span, &source)
        && span.end <= text.len()
    {
        snippet = true;
        let label = match &f.object {
            Some(o) => match &o.name {
                Some(n) => format!("in {} \"{}\"", o.kind, n),
                None => format!("in {}", o.kind),
            },
            None => "here".to_string(),
        };
        d = d.and_label(LabeledSpan::new_primary_with_span(
            Some(label),
            span.clone(),
        ));
        for r in f.related.iter().filter(|r| r.location.path == loc.path) {
            if let Some(s) = &r.location.span {
                d = d.and_label(LabeledSpan::new_with_span(
                    Some(r.message.clone()),
                    s.clone(),
                ));
            }
        }
    }
    let mut notes = Vec::new();
    if !snippet {
        let at = if loc.pointer.is_empty() {
            String::new()
        } else {
            format!(" at {}", loc.pointer)
        };
        notes.push(format!("in {}{at}", loc.path));
    }
    for r in f
        .related
        .iter()
        .filter(|r| !snippet || r.location.path != loc.path)
    {
        let pos = r
            .location
            .start
            .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
        notes.push(format!("{}: {}{pos}", r.message, r.location.path));
    }
    if !notes.is_empty() {
        help = format!("{}\n{help}", notes.join("\n"));
    }
    d = d.with_help(help);
    let report = Report::new(d);
    match source {
        Some(text) if snippet => {
            report.with_source_code(NamedSource::new(&loc.path, text.to_string()))
        }
        _ => report,
    }
}

fn summary_line(run: &Run) -> String {
    let s = &run.summary;
    let mut line = if run.findings.is_empty() {
        "No findings".to_string()
    } else {
        format!(
            "Found {} ({})",
            plural(run.findings.len(), "finding"),
            severity_counts(run)
        )
    };
    line.push_str(&format!(
        " in {} ({} recognized, {} of other types skipped).",
        plural(s.files, "file"),
        plural(s.objects, "object"),
        s.unknown_objects
    ));
    if !s.signed.is_empty() {
        line.push_str(&format!(
            "\n{} read (signature not verified): {}",
            plural(s.signed.len(), "signed profile"),
            s.signed.join(", ")
        ));
    }
    if !s.not_run.is_empty() {
        line.push_str(&format!(
            "\n{} could not run:",
            plural(s.not_run.len(), "check")
        ));
        for n in &s.not_run {
            line.push_str(&format!("\n  {}: {}", n.code, n.reason));
        }
    }
    let fixable = |a: Applicability| {
        run.findings
            .iter()
            .filter(|f| f.fix.as_ref().is_some_and(|x| x.applicability == a))
            .count()
    };
    let (safe, unsafe_) = (fixable(Applicability::Safe), fixable(Applicability::Unsafe));
    if safe + unsafe_ > 0 {
        line.push_str(&format!(
            "\n{safe} fixable with `--fix` ({unsafe_} more with `--fix --unsafe-fixes`; `--diff` shows them)."
        ));
    }
    if let Some(b) = &s.baseline {
        line.push_str(&format!(
            "\nBaseline: {} accepted, {} fixed since the baseline was written.",
            plural(b.suppressed, "finding"),
            b.fixed
        ));
    }
    line
}
