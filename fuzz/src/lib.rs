//! What the fuzz targets share: linting bytes through the whole engine, as `check` does
//! for a file of that name (decode, sniff, parse, classify, views, every rule).

use intune_lint_core::engine::{self, Input};
use intune_lint_core::settings::Settings;
use std::sync::Arc;

pub fn lint(name: &str, bytes: &[u8]) {
    let input = Input::Stdin {
        name: Arc::from(name),
        bytes: bytes.to_vec(),
    };
    let settings = Settings::defaults(intune_lint_rules::catalog());
    let run = engine::run(vec![input], intune_lint_rules::all(), &settings);
    // The engine turns a panic while checking a file into an EXP906 finding so a run
    // goes on; for the fuzzer that is still a crash.
    if let Some(f) = run
        .findings
        .iter()
        .find(|f| f.message.starts_with("internal error"))
    {
        panic!("{}", f.message);
    }
}

/// Writes `bytes` to a file of this process's own (for readers that take a path).
pub fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "intune-lint-fuzz-{}-{name}",
        std::process::id()
    ));
    std::fs::write(&path, bytes).expect("temporary file");
    path
}
