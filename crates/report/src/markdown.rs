//! `markdown`: a compact summary for pull-request comments, `$GITHUB_STEP_SUMMARY` and
//! Azure DevOps build summaries: the readiness table, counts, and the first findings.
//!
//! GitHub refuses step summaries over 1 MiB, so the finding list stops at [`MAX_FINDINGS`]
//! lines or [`MAX_BYTES`], whichever comes first, with a line saying how many were left
//! out. Values from the export are escaped: they are text, never Markdown or HTML.

use crate::repo::RepoRoot;
use crate::{Context, Reporter, plural, scorecard, severity_counts};
use intune_lint_core::engine::Run;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

pub const MAX_FINDINGS: usize = 200;
pub const MAX_BYTES: usize = 256 * 1024;
/// Policies named in the readiness section (a real tenant has a handful).
const MAX_POLICIES: usize = 20;

pub struct Markdown {
    repo: RepoRoot,
    /// `https://host/owner/repo/blob/<sha>/` style prefix for file links, when known.
    links: Option<Links>,
}

/// How to link a repository file at a line, for the CI service the run is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Links {
    /// `{base}/{path}#L{line}`: GitHub's `…/blob/<sha>`.
    Github { base: String },
    /// Azure Repos: `{repo}?path=/{path}&version=GC{sha}&line={line}…`.
    Azure { repo: String, sha: String },
}

impl Links {
    /// From the variables GitHub Actions and Azure Pipelines set; `None` elsewhere.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Option<Self> {
        if let (Some(server), Some(repo), Some(sha)) = (
            var("GITHUB_SERVER_URL"),
            var("GITHUB_REPOSITORY"),
            var("GITHUB_SHA"),
        ) {
            return Some(Links::Github {
                base: format!("{}/{repo}/blob/{sha}", server.trim_end_matches('/')),
            });
        }
        let provider = var("BUILD_REPOSITORY_PROVIDER").unwrap_or_default();
        if let (Some(repo), Some(sha)) = (var("BUILD_REPOSITORY_URI"), var("BUILD_SOURCEVERSION"))
            && provider.eq_ignore_ascii_case("TfsGit")
        {
            return Some(Links::Azure { repo, sha });
        }
        None
    }

    fn url(&self, path: &str, line: Option<usize>) -> String {
        let path = crate::repo::percent_encode(path);
        match self {
            Links::Github { base } => match line {
                Some(l) => format!("{base}/{path}#L{l}"),
                None => format!("{base}/{path}"),
            },
            Links::Azure { repo, sha } => {
                let mut u = format!("{repo}?path=/{path}&version=GC{sha}&_a=contents");
                if let Some(l) = line {
                    let _ = write!(u, "&line={l}&lineEnd={l}&lineStartColumn=1&lineEndColumn=1");
                }
                u
            }
        }
    }
}

impl Markdown {
    pub fn detect() -> Self {
        Markdown {
            repo: RepoRoot::detect(),
            links: Links::from_env(|k| std::env::var(k).ok().filter(|v| !v.is_empty())),
        }
    }

    pub fn new(repo: RepoRoot, links: Option<Links>) -> Self {
        Markdown { repo, links }
    }
}

/// Escapes text so Markdown shows it literally (and GitHub renders no HTML from it).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            // `(` and `!` only matter next to `[`, `#` only at a line start: never here.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // Control characters visible, as in the text formats.
            c => crate::escape::push_char(&mut out, c),
        }
    }
    out
}

impl Reporter for Markdown {
    fn report(&self, run: &Run, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let s = &run.summary;
        let mut m = String::new();
        let counts = if run.findings.is_empty() {
            "no findings".to_string()
        } else {
            format!(
                "{} ({})",
                plural(run.findings.len(), "finding"),
                severity_counts(run)
            )
        };
        let _ = writeln!(m, "## intune-lint: {counts}\n");
        let _ = writeln!(
            m,
            "{} read, {} recognized, {} of other types skipped.",
            plural(s.files, "file"),
            plural(s.objects, "object"),
            s.unknown_objects
        );
        if let Some(b) = &s.baseline {
            let _ = writeln!(
                m,
                "Baseline: {} accepted, {} fixed since it was written.",
                plural(b.suppressed, "finding"),
                b.fixed
            );
        }
        if let Some(card) = run.jit_readiness() {
            let _ = writeln!(
                m,
                "\n### JIT readiness: {}\n\n| Step | Verdict | Why |\n| --- | --- | --- |",
                card.verdict.label()
            );
            for st in &card.steps {
                let codes = scorecard::codes(st);
                let why = if codes.is_empty() {
                    esc(&st.detail)
                } else {
                    format!("{} ({})", esc(&st.detail), codes)
                };
                let _ = writeln!(
                    m,
                    "| {} | {} | {} |",
                    esc(st.title),
                    verdict_cell(st.verdict),
                    why
                );
            }
            let mut policies = String::new();
            for p in card.policies.iter().take(MAX_POLICIES) {
                let tenant = match &p.tenant {
                    Some(t) => format!(" in {}", esc(t)),
                    None => String::new(),
                };
                let _ = write!(
                    policies,
                    "\"{}\"{tenant}: **{}**; ",
                    esc(p.name.as_deref().unwrap_or(&p.path)),
                    p.verdict.label()
                );
            }
            if card.policies.len() > MAX_POLICIES {
                let _ = write!(policies, "and {} more", card.policies.len() - MAX_POLICIES);
            }
            if !policies.is_empty() {
                let _ = writeln!(
                    m,
                    "\nPer iOS SSO policy: {}",
                    policies.trim_end_matches("; ")
                );
            }
        }
        if !s.not_run.is_empty() {
            let _ = writeln!(m, "\n{} could not run:\n", plural(s.not_run.len(), "check"));
            for n in &s.not_run {
                let _ = writeln!(m, "- `{}`: {}", n.code, esc(&n.reason));
            }
        }
        if run.findings.is_empty() {
            return out.write_all(m.as_bytes());
        }
        let mut by_rule: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
        for f in &run.findings {
            let e = by_rule.entry(f.code).or_default();
            match f.severity {
                intune_lint_core::finding::Severity::Error => e.0 += 1,
                intune_lint_core::finding::Severity::Warning => e.1 += 1,
                intune_lint_core::finding::Severity::Info => e.2 += 1,
            }
        }
        let _ = writeln!(
            m,
            "\n### Findings by rule\n\n| Rule | Name | Errors | Warnings | Infos |\n| --- | --- | ---: | ---: | ---: |"
        );
        for (code, (e, w, i)) in &by_rule {
            let name = ctx.meta(code).map_or("", |m| m.name.as_str());
            let rule = match ctx.meta(code) {
                Some(meta) => format!("[`{code}`]({})", meta.url()),
                None => format!("`{code}`"),
            };
            let _ = writeln!(m, "| {rule} | {} | {e} | {w} | {i} |", esc(name));
        }
        let _ = writeln!(m, "\n### Findings\n");
        let mut shown = 0;
        for f in &run.findings {
            if shown >= MAX_FINDINGS || m.len() >= MAX_BYTES {
                break;
            }
            let l = &f.location;
            let line = l.start.map(|p| p.line);
            let path = self.repo.display(&l.path);
            let at = match line {
                Some(n) => format!("{path}:{n}"),
                None => path.clone(),
            };
            let place = match (&self.links, self.repo.relative(&l.path)) {
                (Some(links), Some(rel)) => format!("[{}]({})", esc(&at), links.url(&rel, line)),
                _ => format!("`{}`", crate::escape::inline(&at).replace('`', "'")),
            };
            let _ = writeln!(
                m,
                "- **{}** `{}` {place}: {}",
                f.severity,
                f.code,
                esc(&f.message)
            );
            shown += 1;
        }
        let left = run.findings.len() - shown;
        if left > 0 {
            let _ = writeln!(
                m,
                "\n_… and {left} more {} not shown here; see the full report (`--format html=FILE` or `--format json=FILE`)._",
                if left == 1 { "finding" } else { "findings" }
            );
        }
        out.write_all(m.as_bytes())
    }
}

fn verdict_cell(v: intune_lint_core::readiness::Verdict) -> String {
    use intune_lint_core::readiness::Verdict::*;
    let icon = match v {
        Ok => "✅",
        Problem => "❌",
        NotConfigured => "⚠️",
        CouldNotCheck => "❔",
    };
    format!("{icon} {}", v.label())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(
            esc("<script>*x*</script> [a](b) | `c`"),
            "&lt;script&gt;\\*x\\*&lt;/script&gt; \\[a\\](b) \\| \\`c\\`"
        );
    }

    #[test]
    fn links_for_github_and_azure() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(a, _)| *a == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let gh = Links::from_env(env(&[
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "o/r"),
            ("GITHUB_SHA", "abc"),
        ]))
        .unwrap();
        assert_eq!(
            gh.url("a b/c.json", Some(3)),
            "https://github.com/o/r/blob/abc/a%20b/c.json#L3"
        );
        let az = Links::from_env(env(&[
            ("BUILD_REPOSITORY_PROVIDER", "TfsGit"),
            ("BUILD_REPOSITORY_URI", "https://dev.azure.com/o/p/_git/r"),
            ("BUILD_SOURCEVERSION", "abc"),
        ]))
        .unwrap();
        assert_eq!(
            az.url("c.json", Some(3)),
            "https://dev.azure.com/o/p/_git/r?path=/c.json&version=GCabc&_a=contents&line=3&lineEnd=3&lineStartColumn=1&lineEndColumn=1"
        );
        assert_eq!(Links::from_env(|_| None), None);
    }
}
