//! Hostile input (issue 7): crashes, inputs that grow without bound, special files.
//!
//! The big inputs here are sized so that the quadratic algorithms they once hit would
//! take minutes (the suite would visibly hang); the speed itself is measured outside the
//! tests (bench/, and the figures in the issue's closing note).

use assert_cmd::Command;
use intune_lint_core::classify::Object;
use intune_lint_core::document::Document;
use intune_lint_core::engine::{self, Input, MAX_FINDINGS_PER_RULE_PER_FILE};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn bin() -> Command {
    let mut c = Command::cargo_bin("intune-lint").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn tmp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("intune-lint-robust-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdin(name: &str, text: &str) -> Input {
    Input::Stdin {
        name: Arc::from(name),
        bytes: text.as_bytes().to_vec(),
    }
}

fn lint(inputs: Vec<Input>, rules: &[Rule]) -> engine::Run {
    engine::run(
        inputs,
        rules,
        &Settings::defaults(intune_lint_rules::catalog()),
    )
}

/// A rule with a bug: it panics on one file name.
fn panics_on_boom(doc: &Document, _: &[Object<'_>], _: &Settings, _: &mut Vec<Finding>) {
    if doc.path.contains("boom") {
        panic!("a rule with a bug");
    }
}

#[test]
fn a_panic_while_checking_a_file_costs_only_that_file() {
    let mut rules = intune_lint_rules::all().to_vec();
    // Under a real code so the settings enable it.
    rules.push(Rule {
        code: "EXP904",
        check: Check::Document(panics_on_boom),
    });
    let dup = r#"{"a": 1, "a": 2}"#;
    let run = lint(
        vec![
            stdin("before.json", dup),
            stdin("boom.json", dup),
            stdin("after.json", dup),
        ],
        &rules,
    );
    let on = |path: &str| -> Vec<&Finding> {
        run.findings
            .iter()
            .filter(|f| &*f.location.path == path)
            .collect()
    };
    for path in ["before.json", "after.json"] {
        let codes: Vec<&str> = on(path).iter().map(|f| f.code).collect();
        assert_eq!(codes, ["EXP904"], "{path}");
    }
    let boom = on("boom.json");
    assert_eq!(boom.len(), 1, "{boom:?}");
    assert_eq!(boom[0].code, "EXP906");
    assert!(
        boom[0].message.contains("internal error") && boom[0].message.contains("a rule with a bug"),
        "{}",
        boom[0].message
    );
    assert!(
        boom[0]
            .help
            .as_deref()
            .unwrap()
            .contains(engine::REPORT_BUGS_AT)
    );
}

fn panicking_tenant_check(
    _: &intune_lint_core::views::tenant::Tenant,
    _: &Settings,
    _: &mut Vec<Finding>,
) {
    panic!("a tenant check with a bug");
}

#[test]
fn a_panic_in_a_tenant_check_costs_only_that_check() {
    let mut rules = intune_lint_rules::all().to_vec();
    rules.push(Rule {
        code: "ASG401",
        check: Check::Tenant(panicking_tenant_check),
    });
    let run = lint(vec![stdin("dup.json", r#"{"a": 1, "a": 2}"#)], &rules);
    assert!(
        run.findings.iter().any(|f| f.code == "EXP904"),
        "{:?}",
        run.findings
    );
    let crashed: Vec<_> = run
        .summary
        .not_run
        .iter()
        .filter(|n| n.reason.contains("a tenant check with a bug"))
        .collect();
    assert_eq!(crashed.len(), 1, "{:?}", run.summary.not_run);
    assert_eq!(crashed[0].code, "ASG401");
    assert!(crashed[0].reason.contains(engine::REPORT_BUGS_AT));
}

#[test]
fn an_internal_error_exits_2_and_says_where_to_report_it() {
    let out = bin()
        .env("INTUNE_LINT_TEST_PANIC", "1")
        .args([
            "check",
            "--isolated",
            "fixtures/rules/EXP906/pass_small.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("internal error"), "{err}");
    assert!(err.contains(engine::REPORT_BUGS_AT), "{err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
}

/// Smart quotes, a no-break space and an umlaut outside the quotes of a dynamic group's
/// rule once panicked the tenant index in every output format.
#[test]
fn non_ascii_in_a_membership_rule_is_read_in_every_format() {
    let fixture = "fixtures/rules/ENR304/fail_smart_quotes_rule";
    for format in [
        "human", "concise", "json", "sarif", "github", "azure", "junit",
    ] {
        let out = bin()
            .args(["check", "--isolated", "--format", format, fixture])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {out:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("ENR304"), "{format}: {text}");
    }
}

#[test]
fn a_minified_page_of_100000_objects_on_one_line() {
    // Column resolution once counted characters from the line start for every object:
    // 300,000 `{}` on one line took 22 s (0.27 s with newlines). Here the line is 10 MB,
    // which would take minutes that way.
    let n = 100_000;
    let object = format!(r#"{{"p":"{}"}},"#, "x".repeat(90));
    let mut text = String::from("[");
    for _ in 0..n {
        text.push_str(&object);
    }
    // One finding at the very end, to check its column too.
    text.push_str(r#"{"é": 1, "é": 2}]"#);
    let run = lint(vec![stdin("page.json", &text)], intune_lint_rules::all());
    let dup: Vec<&Finding> = run.findings.iter().filter(|f| f.code == "EXP904").collect();
    assert_eq!(dup.len(), 1, "{:?}", run.findings);
    let start = dup[0].location.start.unwrap();
    assert_eq!(
        (start.line, start.column),
        (1, 1 + object.len() * n + 1 + 9)
    );
    assert_eq!(run.summary.objects + run.summary.unknown_objects, n + 1);
}

fn duplicates(count: usize) -> String {
    let mut text = String::from("{");
    for i in 0..count {
        if i > 0 {
            text.push(',');
        }
        // Keys long enough that the file stays under the parsers' value budget (one
        // value per 16 bytes): this is about duplicate detection, not that bound.
        text.push_str("\"abcdefghijklmnop\":1");
    }
    text.push('}');
    text
}

fn assert_capped(run: &engine::Run, code: &str, total: usize) {
    let found: Vec<&Finding> = run.findings.iter().filter(|f| f.code == code).collect();
    assert_eq!(found.len(), MAX_FINDINGS_PER_RULE_PER_FILE + 1);
    let more = total - MAX_FINDINGS_PER_RULE_PER_FILE;
    assert!(
        found.iter().any(|f| f
            .message
            .starts_with(&format!("and {more} more {code} findings"))),
        "{:?}",
        found.last()
    );
}

#[test]
fn a_million_duplicate_keys_in_json() {
    // Detection once compared every key with every earlier one: 100,000 duplicates took
    // 9 s and 966 MB, a million never finished.
    let text = duplicates(1_000_000);
    let run = lint(vec![stdin("dup.json", &text)], intune_lint_rules::all());
    assert_capped(&run, "EXP904", 1_000_000 - 1);
}

#[test]
fn a_hundred_thousand_duplicate_keys_in_a_plist() {
    let mut text =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict>");
    for _ in 0..100_000 {
        text.push_str("<key>a</key><integer>1</integer>");
    }
    text.push_str("</dict></plist>\n");
    let run = lint(vec![stdin("dup.plist", &text)], intune_lint_rules::all());
    assert_capped(&run, "EXP904", 100_000 - 1);
}

/// A 60 MB array of zeros once took 4.3 GB; past one value per 16 bytes a file is
/// refused where it goes over (EXP901), and the other files are still checked.
#[test]
fn a_file_of_tiny_values_is_refused_not_built() {
    let zeros = format!("[{}0]", "0,".repeat(1_500_000));
    let run = lint(
        vec![
            stdin("zeros.json", &zeros),
            stdin("dup.json", r#"{"a": 1, "a": 2}"#),
        ],
        intune_lint_rules::all(),
    );
    let codes: Vec<(&str, &str)> = run
        .findings
        .iter()
        .map(|f| (&*f.location.path, f.code))
        .collect();
    assert_eq!(codes, [("dup.json", "EXP904"), ("zeros.json", "EXP901")]);
    let refused = &run.findings[1];
    assert!(
        refused.message.contains("values in 3000003 bytes"),
        "{}",
        refused.message
    );
    assert!(refused.location.start.is_some_and(|p| p.column > 200_000));
}

#[test]
fn findings_of_every_rule_are_capped_per_file() {
    let path: Arc<str> = Arc::from("a.json");
    let many: Vec<Finding> = (0..250)
        .map(|i| {
            Finding::new(
                "SSO101",
                format!("{i}"),
                intune_lint_core::location::Location::file(path.clone()),
            )
        })
        .chain([Finding::new(
            "SSO102",
            "one",
            intune_lint_core::location::Location::file(path.clone()),
        )])
        .collect();
    let capped = engine::cap_findings(many);
    assert_eq!(capped.len(), MAX_FINDINGS_PER_RULE_PER_FILE + 2);
    assert_eq!(capped[0].message, "0");
    assert!(
        capped
            .iter()
            .any(|f| f.message.starts_with("and 150 more SSO101"))
    );
    // Exactly the limit plus one is shown whole: a summary would save nothing.
    let few: Vec<Finding> = (0..=MAX_FINDINGS_PER_RULE_PER_FILE)
        .map(|i| {
            Finding::new(
                "SSO101",
                format!("{i}"),
                intune_lint_core::location::Location::file(path.clone()),
            )
        })
        .collect();
    assert_eq!(engine::cap_findings(few.clone()), few);
}

/// Runs `check` on a clean file with extra arguments; must end with exit 2 and `needle`
/// in the error.
fn refused(args: &[&str], needle: &str) {
    let out = bin()
        .args(["check", "fixtures/rules/EXP906/pass_small.json"])
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: {err}");
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo {}", path.display());
}

/// A file that reports `len` bytes but takes no disk space.
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

#[cfg(unix)]
#[test]
fn baselines_are_regular_files_of_bounded_size() {
    let dir = tmp("baseline");
    let fifo = dir.join("fifo.json");
    mkfifo(&fifo);
    let big = dir.join("big.json");
    sparse(&big, intune_lint_core::source::MAX_BASELINE_SIZE + 1);
    let dangling = dir.join("dangling.json");
    std::os::unix::fs::symlink(dir.join("missing.json"), &dangling).unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_string();
    refused(
        &["--baseline", "/dev/zero"],
        "is a device, not a regular file",
    );
    refused(
        &["--baseline", &s(&fifo)],
        "is a FIFO (named pipe), not a regular file",
    );
    refused(&["--baseline", &s(&dir)], "is a folder, not a regular file");
    refused(
        &["--baseline", &s(&dangling)],
        "symbolic link to a file that does not exist",
    );
    refused(
        &["--baseline", &s(&big)],
        "larger than the limit of 67108864 bytes",
    );
}

#[cfg(unix)]
#[test]
fn configurations_are_regular_files_of_bounded_size() {
    let dir = tmp("config");
    let fifo = dir.join("fifo.toml");
    mkfifo(&fifo);
    let big = dir.join("big.toml");
    sparse(&big, intune_lint_core::source::MAX_CONFIG_SIZE + 1);
    let dangling = dir.join("dangling.toml");
    std::os::unix::fs::symlink(dir.join("missing.toml"), &dangling).unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_string();
    for (config, needle) in [
        ("/dev/zero".to_string(), "is a device"),
        (s(&fifo), "is a FIFO"),
        (s(&dir), "is a folder"),
        (s(&dangling), "symbolic link to a file that does not exist"),
        (s(&big), "larger than the limit of 4194304 bytes"),
    ] {
        refused(&["--config", &config], needle);
        // The same through `extend`.
        let extending = dir.join("extending.toml");
        std::fs::write(&extending, format!("extend = {config:?}\n")).unwrap();
        refused(&["--config", &s(&extending)], needle);
    }
}

/// A folder, a FIFO or a dangling link named like a configuration file was once skipped
/// silently, and the run went on under other settings.
#[cfg(unix)]
#[test]
fn a_discovered_configuration_that_is_not_a_file_is_an_error() {
    for kind in ["folder", "fifo", "dangling"] {
        let dir = tmp(&format!("found-{kind}"));
        std::fs::copy("fixtures/rules/EXP906/pass_small.json", dir.join("p.json")).unwrap();
        let config = dir.join("intune-lint.toml");
        match kind {
            "folder" => std::fs::create_dir(&config).unwrap(),
            "fifo" => mkfifo(&config),
            _ => std::os::unix::fs::symlink(dir.join("gone.toml"), &config).unwrap(),
        }
        let out = bin()
            .arg("check")
            .arg(&dir)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{kind}: {err}");
        assert!(err.contains("intune-lint.toml"), "{kind}: {err}");
    }
}

/// The walker reads `.gitignore` files: a FIFO under that name once blocked the run
/// forever. Its folder is reported and skipped; the rest is checked.
#[cfg(unix)]
#[test]
fn a_fifo_named_gitignore_is_reported_not_read() {
    let dir = tmp("gitignore");
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.join(sub)).unwrap();
        std::fs::copy(
            "fixtures/rules/EXP904/fail_json.json",
            dir.join(sub).join("p.json"),
        )
        .unwrap();
    }
    mkfifo(&dir.join("b/.gitignore"));
    let out = bin()
        .args(["check", "--isolated", "--format", "concise"])
        .arg(&dir)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("a/p.json") && text.contains("EXP904"),
        "{text}"
    );
    assert!(!text.contains("b/p.json"), "{text}");
    assert!(
        text.contains("b/.gitignore: error EXP906 ignore file is a FIFO (named pipe)"),
        "{text}"
    );
}
