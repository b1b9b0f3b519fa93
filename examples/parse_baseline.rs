//! The benchmark's yardstick: read every file under the given folders and parse it with
//! serde_json, in parallel, doing nothing else. `bench/run.sh` compares intune-lint to it.

use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    for root in std::env::args().skip(1) {
        for e in ignore::WalkBuilder::new(root)
            .hidden(false)
            .build()
            .flatten()
        {
            if e.file_type().is_some_and(|t| t.is_file()) {
                files.push(e.into_path());
            }
        }
    }
    let parsed: usize = files
        .par_iter()
        .filter(|p| {
            let Ok(bytes) = std::fs::read(p) else {
                return false;
            };
            // Decode as intune-lint must (BOM sniffing: UTF-16 exports are common).
            let enc = encoding_rs::Encoding::for_bom(&bytes).map_or(encoding_rs::UTF_8, |(e, _)| e);
            let (text, _) = enc.decode_with_bom_removal(&bytes);
            serde_json::from_str::<serde_json::Value>(&text).is_ok()
        })
        .count();
    println!("{parsed} of {} files parsed", files.len());
}
