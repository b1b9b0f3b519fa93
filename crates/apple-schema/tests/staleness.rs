//! The checked-in table matches what the generator writes from `../shared/apple-schema`.

use std::path::PathBuf;

#[test]
fn generated_table_is_up_to_date() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let schema = manifest.join("../../../shared/apple-schema");
    if !schema.join("mdm/profiles").is_dir() {
        eprintln!(
            "skipped: {} is absent, the staleness of generated.rs cannot be checked",
            schema.display()
        );
        return;
    }
    let fresh = intune_lint_apple_schema::generate::generate(&schema).expect("generator runs");
    let checked_in = std::fs::read_to_string(manifest.join("src/generated.rs")).unwrap();
    assert!(
        fresh == checked_in,
        "crates/apple-schema/src/generated.rs is stale: run \
         `cargo run -p intune-lint-apple-schema --bin generate-apple-schema`"
    );
}
