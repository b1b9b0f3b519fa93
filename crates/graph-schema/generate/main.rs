//! Regenerates `src/generated.rs` from Microsoft's Graph beta typings:
//! `cargo run -p intune-lint-graph-schema-generate [SHARED_DIR]` (default `../shared`,
//! next to the workspace root).

mod generator;

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let shared = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../../../shared"));
    let out = root.join("src/generated.rs");
    match generator::generate(&shared) {
        Ok(text) => {
            if let Err(e) = std::fs::write(&out, text) {
                eprintln!("cannot write {}: {e}", out.display());
                std::process::exit(1);
            }
            println!("wrote {}", out.display());
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
