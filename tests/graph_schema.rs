//! The Graph schema checks (GRF) on real exports: silent where the exports are right.

mod common;

use std::path::PathBuf;

#[test]
fn real_graph_exports_have_no_schema_findings() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/graph");
    if !corpus.is_dir() {
        eprintln!(
            "SKIPPED: {} is absent, so the real exports cannot be checked",
            corpus.display()
        );
        return;
    }
    let run = common::lint_with_defaults(&corpus);
    assert!(run.summary.objects > 0, "no objects read from the corpus");
    let grf: Vec<String> = run
        .findings
        .iter()
        .filter(|f| f.code.starts_with("GRF"))
        .map(|f| format!("{}: {} {}", f.location.path, f.code, f.message))
        .collect();
    assert!(grf.is_empty(), "{grf:#?}");
}

#[test]
fn version_names_the_graph_typings() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_intune-lint"))
        .arg("--version")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!(
            "Microsoft Graph beta typings {}",
            intune_lint_rules::GRAPH_TYPINGS_VERSION
        )),
        "{text}"
    );
    assert!(!intune_lint_rules::GRAPH_TYPINGS_VERSION.is_empty());
}
