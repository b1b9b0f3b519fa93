//! Embeds the rule pages (`rules/*.md` at the workspace root) into the binary.

use std::{env, fs, path::PathBuf};

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut pages: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("rules/ folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md") && p.file_stem().is_some_and(|s| s != "README")
        })
        .collect();
    pages.sort();
    let mut out = String::from("pub static PAGES: &[&str] = &[\n");
    for p in &pages {
        println!("cargo:rerun-if-changed={}", p.display());
        let abs = fs::canonicalize(p).unwrap();
        out.push_str(&format!(
            "    include_str!({:?}),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("pages.rs"),
        out,
    )
    .unwrap();
}
