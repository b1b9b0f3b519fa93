//! The configuration reader: TOML parsing, then loading it (rule selectors, severities,
//! waivers, globs) as `--config` does.
#![no_main]
use intune_lint_core::config::{self, CliOverrides, Resolver};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if config::parse(Path::new("intune-lint.toml"), text).is_err() {
        return;
    }
    // `extend` would read other files: only self-contained configurations go further.
    if text.contains("extend") {
        return;
    }
    let path = intune_lint_fuzz::temp_file("intune-lint.toml", data);
    let resolver = Resolver::new(
        intune_lint_rules::catalog(),
        CliOverrides::default(),
        Some(&path),
        false,
    );
    if let Ok(mut r) = resolver {
        let _ = r.for_path(Path::new("export/policy.json"));
    }
});
