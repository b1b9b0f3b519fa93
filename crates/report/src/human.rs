//! `human`: miette-style snippets with the offending key or value underlined. The snippet
//! is a bounded window of the source ([`Excerpt`]); every piece of export data is escaped
//! ([`escape::text`]), and each rendered line once more, as miette wraps long messages.

use crate::escape;
use crate::excerpt::Excerpt;
use crate::{Context, Reporter, plural, severity_counts};
use intune_lint_core::engine::Run;
use intune_lint_core::finding::{Applicability, Finding, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, Report};
use std::io::{self, Write};

pub struct Human;

/// Characters shown of one message, name, path or help text: the output per finding stays
/// bounded whatever the export holds.
const MAX_FIELD: usize = 1000;

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
            // Unwrapped: a path or JSON Pointer broken over two lines can't be clicked or copied.
            .with_wrap_lines(false)
            .with_context_lines(1);
        for f in &run.findings {
            let mut rendered = String::new();
            let report = diagnostic(f, ctx);
            // A snippet needs the text; without it (binary plist) the header names the file.
            let _ = handler.render_report(&mut rendered, report.as_ref());
            for line in rendered.lines() {
                writeln!(out, "{}", escape::line(line))?;
            }
            writeln!(out)?;
        }
        if ctx.quiet {
            return Ok(());
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
    let mut d = MietteDiagnostic::new(escape::capped(&f.message, MAX_FIELD).into_owned())
        .with_code(format!("{} {}", f.code, name))
        .with_severity(match f.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        });
    if let Some(m) = meta {
        d = d.with_url(m.url());
    }
    let help = f
        .help
        .clone()
        .or_else(|| meta.map(|m| m.summary.clone()))
        .unwrap_or_default();
    let mut help = escape::capped(&help, MAX_FIELD).into_owned();
    let loc = &f.location;
    let source = ctx.sources.text_at(loc);
    // Related spans in this file become labels when the excerpt shows them.
    let mut labelled = vec![false; f.related.len()];
    let mut excerpt = None;
    if let (Some(span), Some(text)) = (&loc.span, &source) {
        let same_file: Vec<(usize, std::ops::Range<usize>)> = f
            .related
            .iter()
            .enumerate()
            .filter(|(_, r)| r.location.path == loc.path)
            .filter_map(|(i, r)| Some((i, r.location.span.clone()?)))
            .collect();
        let mut spans = vec![span.clone()];
        spans.extend(same_file.iter().map(|(_, s)| s.clone()));
        let (line, column) = loc.start.map_or((1, 1), |p| (p.line, p.column));
        let name = escape::capped(&loc.path, MAX_FIELD).into_owned();
        if let Some((e, related)) = Excerpt::new(name, text, &spans, line, column) {
            let label = match &f.object {
                Some(o) => match o.name() {
                    Some(n) => format!("in {} \"{}\"", o.kind, escape::capped(n, MAX_FIELD)),
                    None => format!("in {}", o.kind),
                },
                None => "here".to_string(),
            };
            d = d.and_label(LabeledSpan::new_primary_with_span(Some(label), e.primary()));
            for ((i, _), m) in same_file.iter().zip(&related) {
                if let Some(m) = m {
                    let message = escape::capped(&f.related[*i].message, MAX_FIELD).into_owned();
                    d = d.and_label(LabeledSpan::new_with_span(Some(message), *m));
                    labelled[*i] = true;
                }
            }
            excerpt = Some(e);
        }
    }
    let mut notes = Vec::new();
    if excerpt.is_none() {
        let at = if loc.pointer.is_empty() {
            String::new()
        } else {
            format!(" at {}", escape::capped(&loc.pointer, MAX_FIELD))
        };
        notes.push(format!("in {}{at}", escape::capped(&loc.path, MAX_FIELD)));
    }
    for (r, _) in f.related.iter().zip(&labelled).filter(|(_, l)| !**l) {
        let pos = r
            .location
            .start
            .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
        notes.push(format!(
            "{}: {}{pos}",
            escape::capped(&r.message, MAX_FIELD),
            escape::capped(&r.location.path, MAX_FIELD)
        ));
    }
    if !notes.is_empty() {
        help = format!("{}\n{help}", notes.join("\n"));
    }
    d = d.with_help(help);
    let report = Report::new(d);
    match excerpt {
        Some(e) => report.with_source_code(e),
        None => report,
    }
}

pub(crate) fn summary_line(run: &Run) -> String {
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
            escape::text(&s.signed.join(", "))
        ));
    }
    if !s.not_run.is_empty() {
        line.push_str(&format!(
            "\n{} could not run:",
            plural(s.not_run.len(), "check")
        ));
        for n in &s.not_run {
            line.push_str(&format!("\n  {}: {}", n.code, escape::text(&n.reason)));
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
