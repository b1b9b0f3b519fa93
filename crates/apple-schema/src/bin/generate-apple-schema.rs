//! Regenerates `crates/apple-schema/src/generated.rs` from Apple's YAML.
//!
//! Usage: `generate-apple-schema [SCHEMA_DIR]` (default `../shared/apple-schema`, the folder
//! holding `mdm/profiles`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/apple-schema"));
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/generated.rs");
    match intune_lint_apple_schema::generate::generate(&dir) {
        Ok(src) => match std::fs::write(&out, src) {
            Ok(()) => {
                println!("wrote {}", out.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {e}", out.display());
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
