//! `html`: one self-contained report file for people who will not read terminal output.
//!
//! Everything is in the document: findings, excerpts, charts (inline SVG) and rule pages,
//! so it reads with JavaScript off; the script only filters, regroups and collapses. A
//! Content-Security-Policy forbids every fetch. Every value from the export goes through
//! [`esc`]: an export can hold `<script>` in a display name.

use crate::{Context, Reporter, plural};
use intune_lint_core::engine::Run;
use intune_lint_core::finding::{Applicability, Finding};
use intune_lint_core::readiness::{Scorecard, Verdict};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// Lines of context around the offending span, and the longest line shown whole.
const CONTEXT_LINES: usize = 1;
const MAX_SPAN_LINES: usize = 8;
const MAX_LINE: usize = 200;
/// Related places listed per finding (a tenant rule can name every SSO policy), and
/// findings linked per scorecard step.
const MAX_RELATED: usize = 10;

pub struct Html {
    /// What was linted, as given on the command line.
    pub roots: Vec<String>,
    /// When, as shown in the header (UTC).
    pub generated: String,
}

impl Html {
    pub fn new(roots: Vec<String>) -> Self {
        Html {
            roots,
            generated: now_utc(),
        }
    }
}

impl Reporter for Html {
    fn report(&self, run: &Run, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut h = String::with_capacity(64 * 1024 + run.findings.len() * 1200);
        let card = run.jit_readiness();
        head(&mut h);
        header(&mut h, self, run, ctx);
        if let Some(card) = &card {
            readiness(&mut h, card);
        }
        charts(&mut h, run, ctx);
        findings(&mut h, run, ctx);
        rule_pages(&mut h, run, ctx);
        let _ = write!(h, "</main>\n<script>{JS}</script>\n</body>\n</html>\n");
        out.write_all(h.as_bytes())
    }
}

/// Escapes text for element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_esc(&mut out, s);
    out
}

/// Also shows control characters as escapes (`\n`, `\u001b`), as the text formats do: a
/// report printed to a CI log must not carry a line or a command the export controls.
fn push_esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => crate::escape::push_char(out, c),
        }
    }
}

fn head(h: &mut String) {
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<title>intune-lint report</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
    );
}

fn header(h: &mut String, html: &Html, run: &Run, ctx: &Context<'_>) {
    let s = &run.summary;
    h.push_str("<header id=\"top\">\n<h1>intune-lint report</h1>\n<dl class=\"meta\">\n");
    let mut row = |k: &str, v: String| {
        let _ = writeln!(h, "<dt>{k}</dt><dd>{v}</dd>");
    };
    let roots = if html.roots.is_empty() {
        "—".to_string()
    } else {
        html.roots
            .iter()
            .map(|r| format!("<code>{}</code>", esc(r)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    row("Linted", roots);
    row("Generated", esc(&html.generated));
    row("Tool", format!("intune-lint {}", esc(ctx.tool_version)));
    row(
        "Read",
        format!(
            "{}, {} recognized, {} of other types skipped",
            plural(s.files, "file"),
            plural(s.objects, "object"),
            s.unknown_objects
        ),
    );
    row(
        "Findings",
        format!(
            "<span class=\"sev sev-error\">{} error{}</span> <span class=\"sev sev-warning\">{} warning{}</span> <span class=\"sev sev-info\">{} info</span>",
            s.errors,
            if s.errors == 1 { "" } else { "s" },
            s.warnings,
            if s.warnings == 1 { "" } else { "s" },
            s.infos
        ),
    );
    if !s.signed.is_empty() {
        row(
            "Signed profiles",
            format!(
                "{} (read; signature not verified): {}",
                s.signed.len(),
                s.signed
                    .iter()
                    .map(|p| format!("<code>{}</code>", esc(p)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    if !s.not_run.is_empty() {
        let items: String = s
            .not_run
            .iter()
            .map(|n| {
                format!(
                    "<li><a href=\"#rule-{c}\"><code>{c}</code></a>: {}</li>",
                    esc(&n.reason),
                    c = esc(n.code)
                )
            })
            .collect();
        row(
            "Checks that could not run",
            format!("<ul class=\"plain\">{items}</ul>"),
        );
    }
    if let Some(b) = &s.baseline {
        row(
            "Baseline",
            format!(
                "{} accepted, {} fixed since the baseline was written",
                plural(b.suppressed, "finding"),
                b.fixed
            ),
        );
    }
    h.push_str("</dl>\n</header>\n");
}

fn badge(v: Verdict) -> String {
    let class = match v {
        Verdict::Ok => "ok",
        Verdict::CouldNotCheck => "unknown",
        Verdict::NotConfigured => "missing",
        Verdict::Problem => "problem",
    };
    format!("<span class=\"verdict v-{class}\">{}</span>", v.label())
}

fn readiness(h: &mut String, card: &Scorecard) {
    let _ = write!(
        h,
        "<section id=\"readiness\">\n<h2>JIT readiness {}</h2>\n\
<p class=\"lead\">Microsoft's checklist for just-in-time registration, step by step, computed from the findings and the objects in the export.</p>\n\
<table class=\"steps\">\n<thead><tr><th>Step</th><th>Verdict</th><th>Why</th></tr></thead>\n<tbody>\n",
        badge(card.verdict)
    );
    for s in &card.steps {
        let mut links = String::new();
        for f in s.findings.iter().take(MAX_RELATED) {
            let at = f.line.map_or(String::new(), |l| format!(":{l}"));
            let _ = write!(
                links,
                " <a class=\"ref\" href=\"#{}\" title=\"{}{}\"><code>{}</code></a>",
                finding_anchor(f.code, &f.path, f.line, f.column),
                esc(&f.path),
                at,
                esc(f.code)
            );
        }
        if s.findings.len() > MAX_RELATED {
            let _ = write!(links, " and {} more", s.findings.len() - MAX_RELATED);
        }
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}{}</td></tr>",
            esc(s.title),
            badge(s.verdict),
            esc(&s.detail),
            links
        );
    }
    h.push_str("</tbody>\n</table>\n");
    if !card.policies.is_empty() {
        h.push_str(
            "<h3>Per iOS SSO policy</h3>\n<table class=\"policies\">\n<thead><tr><th>Policy</th><th>Overall</th>",
        );
        for s in &card.steps {
            let _ = write!(h, "<th title=\"{}\">{}</th>", esc(s.title), short(s.step));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for p in &card.policies {
            let name = p.name.as_deref().unwrap_or(&p.path);
            let _ = write!(
                h,
                "<tr><td><span class=\"pname\">{}</span><br><code class=\"path\">{}</code></td><td>{}</td>",
                esc(name),
                esc(&p.path),
                badge(p.verdict)
            );
            for s in &p.steps {
                let _ = write!(
                    h,
                    "<td title=\"{}\">{}</td>",
                    esc(&s.detail),
                    badge(s.verdict)
                );
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");
}

fn short(step: intune_lint_core::readiness::Step) -> &'static str {
    use intune_lint_core::readiness::Step::*;
    match step {
        SsoExtension => "SSO extension",
        SsoAssigned => "Assigned",
        Authenticator => "Authenticator",
        Enrollment => "Enrollment",
        DiscoveryFile => "Discovery file",
        Compliance => "Compliance",
    }
}

/// A stable anchor per finding, so the scorecard can link to it.
fn finding_anchor(code: &str, path: &str, line: Option<usize>, column: Option<usize>) -> String {
    // FNV-1a: short, stable, and no characters that need escaping.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!(
        "f-{code}-{hash:016x}-{}-{}",
        line.unwrap_or(0),
        column.unwrap_or(0)
    )
}

fn family(f: &Finding, ctx: &Context<'_>) -> String {
    ctx.meta(f.code)
        .map(|m| m.family.clone())
        .unwrap_or_else(|| {
            f.code
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect()
        })
}

fn kind(f: &Finding) -> &str {
    f.object.as_ref().map_or("file", |o| o.kind.as_str())
}

fn counts<'a>(items: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut m: BTreeMap<&str, usize> = BTreeMap::new();
    for i in items {
        *m.entry(i).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn charts(h: &mut String, run: &Run, ctx: &Context<'_>) {
    if run.findings.is_empty() {
        h.push_str("<section id=\"charts\"><h2>Findings</h2><p>No findings.</p></section>\n");
        return;
    }
    let s = &run.summary;
    h.push_str("<section id=\"charts\">\n<h2>Overview</h2>\n<div class=\"charts\">\n");
    let sev = [
        ("error".to_string(), s.errors),
        ("warning".to_string(), s.warnings),
        ("info".to_string(), s.infos),
    ];
    bar_chart(h, "By severity", &sev, true);
    let families: Vec<String> = run.findings.iter().map(|f| family(f, ctx)).collect();
    bar_chart(
        h,
        "By rule family",
        &counts(families.iter().map(String::as_str)),
        false,
    );
    bar_chart(
        h,
        "By object kind",
        &counts(run.findings.iter().map(kind)),
        false,
    );
    let mut files = counts(run.findings.iter().map(|f| &*f.location.path));
    files.truncate(10);
    bar_chart(h, "Files with the most findings", &files, false);
    h.push_str("</div>\n</section>\n");
}

/// A horizontal bar chart as inline SVG; labels longer than the label column are cut and
/// given in full in a `<title>`.
fn bar_chart(h: &mut String, title: &str, rows: &[(String, usize)], severity: bool) {
    const ROW: usize = 22;
    const LABEL: usize = 200;
    const BAR: usize = 200;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let height = rows.len() * ROW + 4;
    let _ = write!(
        h,
        "<figure class=\"chart\"><figcaption>{}</figcaption>\n<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        esc(title),
        esc(title),
        w = LABEL + BAR + 60
    );
    for (i, (label, n)) in rows.iter().enumerate() {
        let y = i * ROW + 2;
        let len = (n * BAR).div_ceil(max);
        // File names differ at the end: keep the end.
        let shown: String = if label.chars().count() > 28 {
            let tail: Vec<char> = label.chars().rev().take(27).collect();
            format!("…{}", tail.into_iter().rev().collect::<String>())
        } else {
            label.clone()
        };
        let class = if severity {
            format!("bar sev-{}", esc(label))
        } else {
            "bar".to_string()
        };
        let _ = writeln!(
            h,
            "<g><title>{full}: {n}</title><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{shown}</text><rect class=\"{class}\" x=\"{bx}\" y=\"{y}\" width=\"{len}\" height=\"{bh}\" rx=\"2\"/><text x=\"{nx}\" y=\"{ty}\">{n}</text></g>",
            full = esc(label),
            tx = LABEL - 6,
            ty = y + 15,
            shown = esc(&shown),
            bx = LABEL,
            bh = ROW - 6,
            nx = LABEL + len + 6,
        );
    }
    h.push_str("</svg></figure>\n");
}

fn findings(h: &mut String, run: &Run, ctx: &Context<'_>) {
    if run.findings.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<section id=\"findings\">\n<h2>{}</h2>\n",
        plural(run.findings.len(), "finding")
    );
    controls(h, run, ctx);
    // Findings arrive sorted by path, so each file's text is read once, in order.
    let articles: Vec<String> = run.findings.iter().map(|f| article(f, ctx)).collect();
    let mut by_rule: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in run.findings.iter().enumerate() {
        by_rule.entry(f.code).or_default().push(i);
    }
    h.push_str("<div id=\"groups\">\n");
    for (code, idx) in &by_rule {
        let meta = ctx.meta(code);
        let _ = writeln!(
            h,
            "<details class=\"group\" open data-key=\"{c}\"><summary><code>{c}</code> {name} <span class=\"count\">{n}</span> <a class=\"rulelink\" href=\"#rule-{c}\">rule page</a></summary>",
            c = esc(code),
            name = esc(meta.map_or("", |m| m.name.as_str())),
            n = idx.len()
        );
        for &i in idx {
            h.push_str(&articles[i]);
        }
        h.push_str("</details>\n");
    }
    h.push_str("</div>\n<p id=\"none\" hidden>No finding matches the filters.</p>\n</section>\n");
}

fn controls(h: &mut String, run: &Run, ctx: &Context<'_>) {
    let mut families: Vec<String> = run.findings.iter().map(|f| family(f, ctx)).collect();
    families.sort();
    families.dedup();
    let mut codes: Vec<&str> = run.findings.iter().map(|f| f.code).collect();
    codes.sort_unstable();
    codes.dedup();
    // Hidden until the script runs: without it, every finding is shown, grouped by rule.
    h.push_str(
        "<form id=\"controls\" class=\"controls\" hidden>\n<fieldset><legend>Severity</legend>",
    );
    for s in ["error", "warning", "info"] {
        let _ = write!(
            h,
            "<label><input type=\"checkbox\" name=\"sev\" value=\"{s}\" checked> {s}</label>"
        );
    }
    h.push_str(
        "</fieldset>\n<label>Family <select name=\"family\"><option value=\"\">all</option>",
    );
    for f in &families {
        let _ = write!(h, "<option value=\"{0}\">{0}</option>", esc(f));
    }
    h.push_str(
        "</select></label>\n<label>Rule <select name=\"rule\"><option value=\"\">all</option>",
    );
    for c in &codes {
        let _ = write!(h, "<option value=\"{0}\">{0}</option>", esc(c));
    }
    h.push_str(
        "</select></label>\n<label>Text <input type=\"search\" name=\"q\" placeholder=\"path, name, message…\"></label>\n\
<label>Group by <select name=\"group\"><option value=\"rule\">rule</option><option value=\"file\">file</option></select></label>\n\
<label>Sort <select name=\"sort\"><option value=\"place\">by file and line</option><option value=\"severity\">by severity</option></select></label>\n\
<button type=\"button\" id=\"expand\">Expand all</button> <button type=\"button\" id=\"collapse\">Collapse all</button>\n\
<output id=\"shown\"></output>\n</form>\n",
    );
}

fn article(f: &Finding, ctx: &Context<'_>) -> String {
    let meta = ctx.meta(f.code);
    let l = &f.location;
    let mut a = String::with_capacity(1024);
    let pos = l
        .start
        .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
    let _ = write!(
        a,
        "<article class=\"finding\" id=\"{id}\" data-sev=\"{sev}\" data-family=\"{fam}\" data-code=\"{code}\" data-path=\"{path}\" data-line=\"{line}\">\n\
<header><span class=\"sev sev-{sev}\">{sev}</span> <code class=\"code\">{code}</code> <span class=\"name\">{name}</span></header>\n\
<p class=\"msg\">{msg}</p>\n<p class=\"loc\"><code>{path}{pos}</code>",
        id = finding_anchor(
            f.code,
            &l.path,
            l.start.map(|p| p.line),
            l.start.map(|p| p.column)
        ),
        sev = f.severity,
        fam = esc(&family(f, ctx)),
        code = esc(f.code),
        path = esc(&l.path),
        line = l.start.map_or(String::new(), |p| p.line.to_string()),
        name = esc(meta.map_or("", |m| m.name.as_str())),
        msg = esc(&f.message),
    );
    if let Some(o) = &f.object {
        let _ = write!(a, " in {}", esc(&o.kind));
        if let Some(n) = o.name() {
            let _ = write!(a, " <q class=\"obj\">{}</q>", esc(n));
        }
    }
    if l.start.is_none() && !l.pointer.is_empty() {
        let _ = write!(a, " at <code>{}</code>", esc(&l.pointer));
    }
    a.push_str("</p>\n");
    if let (Some(span), Some(text)) = (&l.span, ctx.sources.text(&l.path))
        && let Some(start) = l.start
        && let Some(ex) = excerpt(&text, span.clone(), start.line)
    {
        a.push_str(&ex);
    }
    let help = f.help.clone().or_else(|| meta.map(|m| m.summary.clone()));
    if let Some(help) = help {
        let _ = writeln!(a, "<p class=\"help\"><b>Help:</b> {}</p>", esc(&help));
    }
    let fix = match &f.fix {
        Some(x) if x.applicability == Applicability::Safe => {
            format!(
                "<b>Fix:</b> <code>--fix</code> can fix it: {}",
                esc(&x.message)
            )
        }
        Some(x) if x.applicability == Applicability::Unsafe => format!(
            "<b>Fix:</b> <code>--fix --unsafe-fixes</code> can fix it (changes behaviour): {}",
            esc(&x.message)
        ),
        Some(x) => format!(
            "<b>Suggested fix</b> (not applied automatically): {}",
            esc(&x.message)
        ),
        None => "<b>Fix:</b> by hand (no automatic fix)".to_string(),
    };
    let _ = writeln!(a, "<p class=\"fix\">{fix}</p>");
    if !f.related.is_empty() {
        a.push_str("<ul class=\"related\">");
        for r in f.related.iter().take(MAX_RELATED) {
            let pos = r
                .location
                .start
                .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
            let _ = write!(
                a,
                "<li>{}: <code>{}{pos}</code></li>",
                esc(&r.message),
                esc(&r.location.path)
            );
        }
        if f.related.len() > MAX_RELATED {
            let _ = write!(
                a,
                "<li>and {} more (all in the JSON and SARIF reports)</li>",
                f.related.len() - MAX_RELATED
            );
        }
        a.push_str("</ul>\n");
    }
    // The page (and its link to the published copy) is embedded once per rule, below.
    let _ = write!(
        a,
        "<p class=\"links\"><a href=\"#rule-{}\">Rule page: why it matters, how to fix it</a></p>\n</article>\n",
        esc(f.code)
    );
    a
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The lines around `span` with the span in `<mark>`, as the human output underlines it.
/// Long lines (minified JSON) show a window around the span.
fn excerpt(text: &str, span: std::ops::Range<usize>, start_line: usize) -> Option<String> {
    if span.start > span.end || span.end > text.len() {
        return None;
    }
    let (s, e) = (floor(text, span.start), ceil(text, span.end));
    let line_start = |i: usize| text[..i].rfind('\n').map_or(0, |p| p + 1);
    let line_end = |i: usize| text[i..].find('\n').map_or(text.len(), |p| i + p);
    let mut first = line_start(s);
    let mut first_no = start_line;
    for _ in 0..CONTEXT_LINES {
        if first == 0 {
            break;
        }
        first = line_start(first - 1);
        first_no = first_no.saturating_sub(1);
    }
    let mut lines = Vec::new();
    let mut at = first;
    let mut after = 0;
    loop {
        let end = line_end(at);
        lines.push((at, end));
        let past_span = end >= e.max(s + 1).min(text.len()) || end >= e;
        if past_span {
            after += 1;
        }
        if end >= text.len()
            || after > CONTEXT_LINES
            || lines.len() >= MAX_SPAN_LINES + 2 * CONTEXT_LINES
        {
            break;
        }
        at = end + 1;
    }
    let mut out = String::from("<pre class=\"excerpt\">");
    for (i, (ls, le)) in lines.into_iter().enumerate() {
        let (ls, le) = (ls, le.min(text.len()));
        let line = &text[ls..le];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let le = ls + line.len();
        let (ms, me) = (s.max(ls), e.min(le));
        let marked = ms < me || (ms == me && s == e && ms >= ls && ms <= le && s >= ls);
        // The window shown of a long line: around the span when it is on this line.
        let (ws, we) = if le - ls <= MAX_LINE {
            (ls, le)
        } else if marked {
            let ws = floor(text, ms.saturating_sub(60).max(ls));
            (
                ws,
                ceil(text, (ws + MAX_LINE).max(me.min(ws + 400)).min(le)),
            )
        } else {
            (ls, ceil(text, ls + MAX_LINE))
        };
        let _ = write!(out, "<span class=\"ln\">{:>5}</span> ", first_no + i);
        if ws > ls {
            out.push('…');
        }
        if marked && ms < me {
            let (ms, me) = (ms.max(ws), me.min(we));
            push_esc(&mut out, &text[ws..ms]);
            out.push_str("<mark>");
            push_esc(&mut out, &text[ms..me]);
            out.push_str("</mark>");
            push_esc(&mut out, &text[me..we]);
        } else {
            push_esc(&mut out, &text[ws..we]);
        }
        if we < le {
            out.push('…');
        }
        out.push('\n');
    }
    out.push_str("</pre>\n");
    Some(out)
}

fn rule_pages(h: &mut String, run: &Run, ctx: &Context<'_>) {
    let mut codes: Vec<&str> = run
        .findings
        .iter()
        .map(|f| f.code)
        .chain(run.summary.not_run.iter().map(|n| n.code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    if codes.is_empty() {
        return;
    }
    h.push_str("<section id=\"rules\">\n<h2>Rule pages</h2>\n");
    for code in codes {
        let Some(m) = ctx.meta(code) else { continue };
        let _ = write!(
            h,
            "<details class=\"rulepage\" id=\"rule-{c}\"><summary><code>{c}</code> {name} <span class=\"sev sev-{sev}\">{sev}</span></summary>\n<div class=\"md\">\n{body}</div>\n<p class=\"links\">Sources: {sources} · <a href=\"{url}\" rel=\"noopener noreferrer\">this page online</a></p>\n</details>\n",
            c = esc(&m.code),
            name = esc(&m.name),
            sev = m.severity,
            body = markdown(&m.body),
            sources = m
                .sources
                .iter()
                .map(|s| format!(
                    "<a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>",
                    esc(s)
                ))
                .collect::<Vec<_>>()
                .join(", "),
            url = esc(&m.url()),
        );
    }
    h.push_str("</section>\n");
}

/// A rule page as HTML. Raw HTML in a page is shown as text, never passed through.
fn markdown(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let events = Parser::new_ext(md, Options::ENABLE_TABLES).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        e => e,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// The current time in UTC, `2026-05-04 13:07 UTC`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = intune_lint_core::config::civil_from_days((secs / 86_400) as i64);
    let t = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        t / 3600,
        t % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn excerpt_marks_the_span_with_context() {
        let text = "{\n  \"a\": 1,\n  \"b <x>\": 2\n}\n";
        let s = text.find("\"b").unwrap();
        let ex = excerpt(text, s..s + 7, 3).unwrap();
        assert!(ex.contains("<mark>&quot;b &lt;x&gt;&quot;</mark>"), "{ex}");
        assert!(ex.contains("    2</span>   &quot;a&quot;: 1,"), "{ex}");
        assert!(ex.contains("    4</span> }"), "{ex}");
        assert!(!ex.contains("    5</span>"), "{ex}");
    }

    #[test]
    fn excerpt_of_a_long_line_is_a_window_around_the_span() {
        let text = format!("{}\"bad\"{}", "x".repeat(5000), "y".repeat(5000));
        let ex = excerpt(&text, 5000..5005, 1).unwrap();
        assert!(ex.contains("<mark>&quot;bad&quot;</mark>"), "{ex}");
        assert!(ex.len() < 600, "{}", ex.len());
    }

    #[test]
    fn excerpt_is_safe_on_multibyte_and_bad_spans() {
        let text = "é\"ü\"é";
        assert!(excerpt(text, 1..4, 1).is_some());
        assert!(excerpt(text, 3..100, 1).is_none());
    }

    #[test]
    fn excerpt_never_panics_on_any_span() {
        let text = format!("é\r\n\n{{\"ü\": [1,\n  \"{}\"]}}\n", "x".repeat(300));
        for start in 0..=text.len() + 1 {
            for end in start..=text.len() + 1 {
                let _ = excerpt(&text, start..end, 1);
            }
        }
    }

    #[test]
    fn rule_page_html_is_escaped() {
        let html = markdown("# T\n\n<script>x()</script>\n\ntext <b>bold</b>\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("<h1>T</h1>"), "{html}");
    }
}
