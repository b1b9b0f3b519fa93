//! The HTML and Markdown reports on hand-built runs: values from the export stay text,
//! every finding is in the HTML, the Markdown summary is capped.

use intune_lint_core::catalog::{RuleMeta, parse_page};
use intune_lint_core::engine::{Run, Summary, finalize};
use intune_lint_core::finding::{Finding, ObjectRef, Severity};
use intune_lint_core::location::{LineIndex, Location};
use intune_lint_report::markdown::{Links, MAX_BYTES, MAX_FINDINGS, Markdown};
use intune_lint_report::repo::RepoRoot;
use intune_lint_report::{Context, Html, Reporter, Sources};
use std::sync::Arc;

const EVIL: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";
const PATH: &str = "Policies/<b>evil</b>.json";

fn policy() -> String {
    format!(
        "{{\n  \"displayName\": \"{}\",\n  \"key\": \"device_registration \"\n}}\n",
        EVIL.replace('"', "\\\"")
    )
}

fn catalog() -> Vec<RuleMeta> {
    vec![
        parse_page(
            "---\ncode: SSO101\nname: sso-jit-key-whitespace\nfamily: SSO\nseverity: error\nsummary: Whitespace <around> a key.\napplies-to: all\nfix: safe\nsources:\n  - https://learn.microsoft.com/example\n---\n# SSO101\n\n## Why it matters\n\nJIT <script>breaks</script>.\n",
        )
        .unwrap(),
    ]
}

struct One(Arc<String>);

impl Sources for One {
    fn text(&self, path: &str) -> Option<Arc<String>> {
        (path == PATH).then(|| self.0.clone())
    }
}

fn finding(text: &str, n: usize) -> Finding {
    let start = text.find("\"device_registration \"").unwrap();
    let mut f = Finding::new(
        "SSO101",
        format!("key `device_registration ` in {EVIL} has a trailing space #{n}"),
        Location::in_text(
            Arc::from(PATH),
            "/key",
            text,
            &LineIndex::new(text),
            start..start + 22,
        ),
    )
    .with_object(Some(ObjectRef::new(
        "iosDeviceFeaturesConfiguration".into(),
        Some(EVIL),
        None,
    )));
    f.severity = Severity::Error;
    f
}

fn render(reporter: &dyn Reporter, findings: Vec<Finding>) -> String {
    let text = Arc::new(policy());
    let catalog = catalog();
    let sources = One(text);
    let ctx = Context {
        catalog: &catalog,
        sources: &sources,
        color: false,
        tool_version: "0.0.0-test",
        quiet: false,
    };
    let run: Run = finalize(
        findings,
        Summary {
            files: 1,
            ..Summary::default()
        },
    );
    let mut out = Vec::new();
    reporter.report(&run, &ctx, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn html_keeps_export_values_as_text() {
    let text = policy();
    let html = render(&Html::new(vec![PATH.into()]), vec![finding(&text, 1)]);
    // The report's own script is the only one, and no element comes from the export.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>evil"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
    );
    assert!(html.contains("Policies/&lt;b&gt;evil&lt;/b&gt;.json:3:10"));
    // The excerpt marks the key, escaped.
    assert!(
        html.contains("<mark>&quot;device_registration &quot;</mark>"),
        "{html}"
    );
    // The embedded rule page's raw HTML is text too.
    assert!(
        html.contains("JIT &lt;script&gt;breaks&lt;/script&gt;."),
        "{html}"
    );
    // Nothing can be fetched.
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn html_holds_every_finding() {
    let text = policy();
    let findings: Vec<Finding> = (0..50).map(|n| finding(&text, n)).collect();
    let html = render(&Html::new(Vec::new()), findings);
    assert_eq!(html.matches("<article class=\"finding\"").count(), 50);
    for n in 0..50 {
        assert!(html.contains(&format!("trailing space #{n}<")), "#{n}");
    }
}

#[test]
fn markdown_escapes_and_links() {
    let text = policy();
    let md = Markdown::new(
        RepoRoot::new("/repo", "/repo"),
        Some(Links::from_env(|k| {
            match k {
                "GITHUB_SERVER_URL" => Some("https://github.com"),
                "GITHUB_REPOSITORY" => Some("o/r"),
                "GITHUB_SHA" => Some("abc"),
                _ => None,
            }
            .map(str::to_string)
        }))
        .flatten(),
    );
    let out = render(&md, vec![finding(&text, 1)]);
    assert!(!out.contains("<script"), "{out}");
    assert!(out.contains("&lt;script&gt;"), "{out}");
    assert!(
        out.contains("(https://github.com/o/r/blob/abc/Policies/%3Cb%3Eevil%3C/b%3E.json#L3)"),
        "{out}"
    );
}

#[test]
fn markdown_is_capped_with_a_count_of_the_rest() {
    let text = policy();
    let total = MAX_FINDINGS + 37;
    let findings: Vec<Finding> = (0..total).map(|n| finding(&text, n)).collect();
    let out = render(
        &Markdown::new(RepoRoot::new("/repo", "/repo"), None),
        findings,
    );
    let listed = out.lines().filter(|l| l.starts_with("- **error**")).count();
    assert_eq!(listed, MAX_FINDINGS);
    assert!(out.contains("and 37 more findings not shown"), "{out}");
    assert!(out.len() < MAX_BYTES + 4096);
}
