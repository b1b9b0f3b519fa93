//! Hostile exports (issue 7): keys, values, display names and file names that carry
//! newlines, terminal escapes, bidi overrides and CI commands must come out of every
//! format as text, never as a command; a finding far into a minified line must render
//! (no panic past column 65,535) in a bounded amount of output.

use intune_lint_core::engine::{Run, Summary};
use intune_lint_core::finding::{Finding, ObjectRef, Severity};
use intune_lint_core::location::{LineIndex, Location};
use intune_lint_report::{Context, FORMATS, Sources};
use std::collections::HashMap;
use std::sync::Arc;

/// Everything an export could use to break out of its field.
const PAYLOAD: &str = "x\n::error::pwned\r::add-mask::m \u{1b}]0;title\u{7}\u{1b}[2J \
    ##vso[task.complete result=Succeeded;] ##VSO[task.setvariable variable=a]b ##[error]e \
    \u{202e}gnp.exe\u{2066}\u{85}\t";

const PAGE_PATH: &str = "Graph/page.json";

/// A minified Graph page: one line, the finding past column 65,535, the payload in it.
fn page() -> (String, usize) {
    let mut s = String::from("{\"value\": [");
    for _ in 0..40_000 {
        s.push_str("{}, ");
    }
    let at = s.len();
    s.push_str(
        &serde_json::to_string(PAYLOAD)
            .unwrap()
            .replace("\\u001b", "\u{1b}"),
    );
    for _ in 0..40_000 {
        s.push_str(", {}");
    }
    s.push_str("]}");
    (s, at)
}

fn run(page: &str, at: usize) -> Run {
    let object = Some(ObjectRef::new(
        "iosDeviceFeaturesConfiguration".into(),
        Some(PAYLOAD),
        Some(PAYLOAD),
    ));
    let in_page = Location::in_text(
        Arc::from(PAGE_PATH),
        &format!("/value/{PAYLOAD}"),
        page,
        &LineIndex::new(page),
        at..at + 40,
    );
    let mut findings = Vec::new();
    for (i, severity) in [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .enumerate()
    {
        let mut f = Finding::new("SSO101", format!("key `{PAYLOAD}` {i}"), in_page.clone())
            .with_object(object.clone())
            .with_help(format!("help {PAYLOAD}"))
            .with_related(
                format!("related {PAYLOAD}"),
                Location::file(Arc::from(format!("{PAYLOAD}.json"))),
            );
        f.severity = severity;
        findings.push(f);
    }
    // A file name that is itself a command, with a key path and no lines.
    for severity in [Severity::Error, Severity::Info] {
        let mut f = Finding::new(
            "EXP901",
            PAYLOAD,
            Location {
                pointer: format!("/{PAYLOAD}").into(),
                ..Location::file(Arc::from(format!("::error::{PAYLOAD}.plist")))
            },
        );
        f.severity = severity;
        findings.push(f);
    }
    Run {
        summary: Summary {
            files: 2,
            paths: vec![Arc::from(PAGE_PATH), Arc::from("::error::x.plist")],
            signed: vec![Arc::from(PAYLOAD)],
            errors: 2,
            warnings: 1,
            infos: 2,
            ..Summary::default()
        },
        findings,
    }
}

struct Texts(HashMap<&'static str, Arc<String>>);

impl Sources for Texts {
    fn text(&self, path: &str) -> Option<Arc<String>> {
        self.0.get(path).cloned()
    }
}

fn render(format: &str) -> String {
    let (page, at) = page();
    let sources = Texts(HashMap::from([(PAGE_PATH, Arc::new(page.clone()))]));
    let ctx = Context {
        catalog: &[],
        sources: &sources,
        color: false,
        tool_version: "0.0.0-test",
        quiet: false,
    };
    let mut out = Vec::new();
    intune_lint_report::by_name(format)
        .unwrap()
        .report(&run(&page, at), &ctx, &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// Whether `line` is a command the tool itself wrote for `format`.
fn own_command(format: &str, line: &str) -> bool {
    match format {
        "github" => ["::error file=", "::warning file=", "::notice file="]
            .iter()
            .any(|p| line.starts_with(p)),
        "azure" => line.starts_with("##vso[task.logissue type="),
        _ => false,
    }
}

#[test]
fn no_format_lets_an_export_write_a_command_or_an_escape() {
    for format in FORMATS {
        let out = render(format);
        for c in out.chars() {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            assert!(
                (!c.is_control() || c == '\n') && !bidi,
                "{format}: raw {c:?} in the output"
            );
        }
        for line in out.lines() {
            let lower = line.to_ascii_lowercase();
            let ours = own_command(format, line);
            let commands = lower.matches("##vso[").count() + lower.matches("##[").count();
            let allowed = usize::from(ours && *format == "azure");
            assert_eq!(commands, allowed, "{format}: command in {line:?}");
            if line.trim_start().starts_with("::") {
                assert!(ours, "{format}: line starts a command: {line:?}");
                // The properties end at the tool's own `::`: none may come from the data.
                let props = &line[2..line[2..].find("::").unwrap() + 2];
                assert!(!props.contains(':'), "{format}: {props:?}");
            }
        }
    }
}

#[test]
fn machine_formats_keep_the_data_exactly() {
    let json: serde_json::Value = serde_json::from_str(&render("json")).unwrap();
    assert_eq!(json["findings"][0]["object"]["name"], PAYLOAD);
    assert_eq!(json["findings"][3]["message"], PAYLOAD);
    let sarif: serde_json::Value = serde_json::from_str(&render("sarif")).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["properties"]["object"]["name"], PAYLOAD);
}

#[test]
fn a_finding_deep_in_a_minified_line_renders_a_bounded_window() {
    let (page, at) = page();
    let out = render("human");
    // The header gives the real place, past column 65,535.
    let column = page[..at].chars().count() + 1;
    assert!(column > 65_535);
    assert!(
        out.contains(&format!("[{PAGE_PATH}:1:{column}]")),
        "{}",
        &out[..2000.min(out.len())]
    );
    // Five findings, three with a snippet of a 320 KB line: a few KB in all.
    assert!(out.len() < 16_000, "{} bytes", out.len());
    assert!(out.contains("…{}, {}"));
}

#[test]
fn a_span_over_a_whole_minified_page_stays_small_in_every_format() {
    let (page, _) = page();
    let whole = Location::in_text(
        Arc::from(PAGE_PATH),
        "",
        &page,
        &LineIndex::new(&page),
        0..page.len(),
    );
    let mut f = Finding::new("SSO105", "the whole page", whole);
    f.severity = Severity::Warning;
    let run = Run {
        summary: Summary {
            files: 1,
            paths: vec![Arc::from(PAGE_PATH)],
            warnings: 1,
            ..Summary::default()
        },
        findings: vec![f],
    };
    let sources = Texts(HashMap::from([(PAGE_PATH, Arc::new(page.clone()))]));
    let ctx = Context {
        catalog: &[],
        sources: &sources,
        color: false,
        tool_version: "0.0.0-test",
        quiet: false,
    };
    let empty = Run {
        findings: Vec::new(),
        summary: run.summary.clone(),
    };
    for format in FORMATS {
        let size = |run: &Run| {
            let mut out = Vec::new();
            intune_lint_report::by_name(format)
                .unwrap()
                .report(run, &ctx, &mut out)
                .unwrap();
            out.len()
        };
        // Beyond what the format writes for no finding at all (the HTML report's inline
        // stylesheet and script).
        let fixed = size(&empty);
        let out = size(&run);
        assert!(out < fixed + 8_000, "{format}: {out} bytes ({fixed} fixed)");
    }
}

#[test]
fn human_output_per_finding_is_bounded_whatever_the_values() {
    let huge = "k".repeat(1 << 20);
    let mut f = Finding::new(
        "SSO101",
        format!("key `{huge}` has a trailing space"),
        Location::file(Arc::from(format!("{huge}.json"))),
    )
    .with_object(Some(ObjectRef::new(
        "iosDeviceFeaturesConfiguration".into(),
        Some(huge.as_str()),
        None,
    )))
    .with_help(huge.clone())
    .with_related(huge.clone(), Location::file(Arc::from(huge.as_str())));
    f.severity = Severity::Error;
    let run = Run {
        summary: Summary {
            files: 1,
            errors: 1,
            ..Summary::default()
        },
        findings: vec![f],
    };
    let sources = Texts(HashMap::new());
    let ctx = Context {
        catalog: &[],
        sources: &sources,
        color: false,
        tool_version: "0.0.0-test",
        quiet: false,
    };
    let mut out = Vec::new();
    intune_lint_report::by_name("human")
        .unwrap()
        .report(&run, &ctx, &mut out)
        .unwrap();
    assert!(out.len() < 16_000, "{} bytes", out.len());
}
