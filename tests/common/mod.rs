//! Shared by the end-to-end tests that lint through the engine directly.

use intune_lint_core::engine::{self, Run};
use intune_lint_core::settings::Settings;
use std::path::Path;

/// Lints a file or folder with every rule at its default severity (no configuration
/// files); walking it must report nothing.
pub fn lint_with_defaults(path: &Path) -> Run {
    let (inputs, walk) = engine::discover(&[path.to_path_buf()]);
    assert!(walk.is_empty(), "walking {}: {walk:?}", path.display());
    engine::run(
        inputs,
        intune_lint_rules::all(),
        &Settings::defaults(intune_lint_rules::catalog()),
    )
}
