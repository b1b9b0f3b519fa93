//! Every rule against its fixtures and its page's examples.
//!
//! `fixtures/rules/<CODE>/fail_*` must make CODE fire, `pass_*` must not; each failing
//! fixture's rendered output is snapshotted so reviews show exactly what users see. The
//! bad example on each rule page must fire, the good one must not (biome's executed docs).

use intune_lint_core::config::{CliOverrides, Resolver};
use intune_lint_core::engine::{self, Input, Run};
use intune_lint_core::lint;
use intune_lint_core::settings::Settings;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lints one file (or folder, for tenant fixtures) with every rule at its default
/// severity, under the configuration found above each file (a folder fixture may hold an
/// `intune-lint.toml`, as EXP907's do).
fn lint(path: &Path) -> Run {
    let (inputs, walk) = engine::discover(&[path.to_path_buf()]);
    assert!(walk.is_empty(), "walking {}: {walk:?}", path.display());
    let mut resolver = Resolver::new(
        intune_lint_rules::catalog(),
        CliOverrides::default(),
        None,
        false,
    )
    .unwrap();
    lint::lint(
        inputs,
        Vec::new(),
        &[],
        false,
        &mut resolver,
        intune_lint_rules::all(),
        &|| {},
    )
    .unwrap()
    .run
}

fn lint_text(name: &str, text: &str) -> Run {
    let input = Input::Stdin {
        name: Arc::from(name),
        bytes: text.as_bytes().to_vec(),
    };
    engine::run(
        vec![input],
        intune_lint_rules::all(),
        &Settings::defaults(intune_lint_rules::catalog()),
    )
}

fn concise(run: &Run, strip: &str) -> String {
    run.findings
        .iter()
        .map(|f| {
            let path = f
                .location
                .path
                .strip_prefix(strip)
                .unwrap_or(&f.location.path);
            let pos = f
                .location
                .start
                .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
            format!(
                "{path}{pos}: {} {} {} [{}]",
                f.severity, f.code, f.message, f.location.pointer
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn fixture_cases() -> Vec<(String, PathBuf)> {
    let dir = root().join("fixtures/rules");
    let mut cases = Vec::new();
    for code_dir in std::fs::read_dir(&dir).unwrap().flatten() {
        if !code_dir.path().is_dir() {
            continue;
        }
        let code = code_dir.file_name().to_string_lossy().to_string();
        for f in std::fs::read_dir(code_dir.path()).unwrap().flatten() {
            let name = f.file_name().to_string_lossy().to_string();
            if name.starts_with("fail_") || name.starts_with("pass_") {
                cases.push((code.clone(), f.path()));
            }
        }
    }
    cases.sort();
    cases
}

#[test]
fn every_rule_has_failing_and_passing_fixtures() {
    let cases = fixture_cases();
    for meta in intune_lint_rules::catalog() {
        let has = |prefix: &str| {
            cases.iter().any(|(code, p)| {
                code == &meta.code && p.file_name().unwrap().to_string_lossy().starts_with(prefix)
            })
        };
        assert!(has("fail_"), "{} has no fail_ fixture", meta.code);
        assert!(has("pass_"), "{} has no pass_ fixture", meta.code);
    }
}

#[test]
fn fixtures_fire_exactly_where_expected() {
    let base = format!("{}/", root().join("fixtures/rules").display());
    let mut failures = Vec::new();
    for (code, path) in fixture_cases() {
        let run = lint(&path);
        let fired = run.findings.iter().any(|f| f.code == code);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("fail_") {
            if !fired {
                failures.push(format!(
                    "{code}: {name} does not fire:\n{}",
                    concise(&run, &base)
                ));
            }
            insta::assert_snapshot!(format!("{code}__{name}"), concise(&run, &base));
        } else if fired {
            failures.push(format!("{code}: {name} fires:\n{}", concise(&run, &base)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn page_examples_behave_as_documented() {
    let mut failures = Vec::new();
    for meta in intune_lint_rules::catalog() {
        for (heading, must_fire) in [("Bad example", true), ("Good example", false)] {
            let Some((_, file, text)) = meta.example(heading) else {
                continue;
            };
            let run = lint_text(&file, &text);
            let fired = run.findings.iter().any(|f| f.code == meta.code);
            if fired != must_fire {
                failures.push(format!(
                    "{} {heading}: fired={fired}\n{}",
                    meta.code,
                    concise(&run, "")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
