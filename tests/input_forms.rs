//! Every JSON shape and encoding real Graph exports use gives the same finding, at the
//! position of the planted key in the decoded text (fixtures/formats/graph/, written by
//! fixtures/formats/generate_graph.py).

mod common;

use intune_lint_core::source::decode;
use std::path::PathBuf;

#[test]
fn every_graph_form_reports_the_planted_key_where_it_is() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/formats/graph");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
    for name in names {
        let path = dir.join(&name);
        let text = decode(&std::fs::read(&path).unwrap()).text;
        // The expected position, found independently of the parser.
        let offset = text.find("\"device_registration \"").unwrap();
        let line = text[..offset].matches('\n').count() + 1;
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;

        let run = common::lint_with_defaults(&path);
        let found: Vec<(&str, usize, usize)> = run
            .findings
            .iter()
            .map(|f| {
                let p = f.location.start.unwrap();
                (f.code, p.line, p.column)
            })
            .collect();
        assert_eq!(found, [("SSO101", line, column)], "{name}");
        assert_eq!(run.summary.objects, 1, "{name}");
        let unknown = usize::from(name == "bare-array.json" || name == "collection-page.json");
        assert_eq!(run.summary.unknown_objects, unknown, "{name}");
    }
}
