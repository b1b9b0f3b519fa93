//! The checked-in table matches what the generator makes from ../shared/graph-schema.

#[path = "../generate/generator.rs"]
mod generator;

use std::path::PathBuf;

#[test]
fn generated_table_is_up_to_date() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../../../shared");
    if !shared.join("graph-schema/microsoft-graph.d.ts").is_file() {
        eprintln!(
            "SKIPPED: {} is absent, so the Graph schema table cannot be checked for staleness",
            shared.join("graph-schema").display()
        );
        return;
    }
    let fresh = generator::generate(&shared).unwrap();
    let checked_in = std::fs::read_to_string(root.join("src/generated.rs")).unwrap();
    assert!(
        fresh == checked_in,
        "src/generated.rs is stale: run `cargo run -p intune-lint-graph-schema-generate`"
    );
}
