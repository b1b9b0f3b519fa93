//! Loads every file of the shared research corpus (`shared/corpus` beside the repository;
//! not part of it, since some files are GPL) and checks what the parsers make of it. When
//! the corpus is absent each test prints `SKIPPED` where `cargo test` shows it, and passes;
//! when it is read, the first test leaves `corpus-read` in the target's tmp folder, which
//! `.ci/run` requires whenever `../shared/corpus` exists.

mod common;

use common::{codes, document, load, sorted, strip_spans};
use intune_lint_core::formats::{Format, is_lintable_name};
use std::path::{Path, PathBuf};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if is_lintable_name(&name(&path)) {
            out.push(path);
        }
    }
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Files that are broken on purpose.
fn must_fail(file_name: &str) -> bool {
    file_name.contains("not-a-plist")
        || (file_name.contains("Prevent_proceeding_from_the_SSL_warning_page")
            && file_name.ends_with(".mobileconfig"))
}

/// Says so on the real standard error: `eprintln!` output of a passing test is captured
/// and never shown, which made a skip look like a pass.
fn skipped() {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: ../shared/corpus not found beside the repository; the corpus tests did not run"
    );
}

macro_rules! corpus_or_skip {
    () => {
        match corpus_dir() {
            Some(dir) => dir,
            None => {
                skipped();
                return;
            }
        }
    };
}

#[test]
fn every_corpus_file_parses_except_the_broken_ones() {
    let dir = corpus_or_skip!();
    let mut all = Vec::new();
    files(&dir, &mut all);
    assert!(
        all.len() > 50,
        "only {} files in {}",
        all.len(),
        dir.display()
    );
    std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-read"),
        format!("{} files\n", all.len()),
    )
    .unwrap();
    let mut failures = Vec::new();
    let mut expected_failures = 0;
    for path in &all {
        let loaded = load(path);
        let failed = codes(&loaded).contains(&"EXP901");
        if must_fail(&name(path)) {
            expected_failures += 1;
            if !failed {
                failures.push(format!("{}: parsed, but it is broken", path.display()));
            }
        } else if failed {
            let msgs: Vec<_> = loaded.findings.iter().map(|f| &f.message).collect();
            failures.push(format!("{}: {msgs:?}", path.display()));
        }
    }
    assert_eq!(
        expected_failures, 2,
        "the two broken samples were not found"
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn signed_profiles_unwrap_to_the_unsigned_original() {
    let dir = corpus_or_skip!();
    let original =
        document(&dir.join("apple/rtrouton__profiles/BlockAirDrop__BlockAirDrop.mobileconfig"));
    let expected = strip_spans(&original.root);
    let mut seen = 0;
    for entry in std::fs::read_dir(dir.join("apple/_derived")).unwrap() {
        let path = entry.unwrap().path();
        if !name(&path).contains("signed") {
            continue;
        }
        seen += 1;
        let d = document(&path);
        assert!(d.signed, "{}", path.display());
        assert_eq!(d.format, Format::Signed);
        assert_eq!(strip_spans(&d.root), expected, "{}", path.display());
    }
    assert_eq!(seen, 2);

    // Real-world signed profiles (DER, ECDSA) unwrap too.
    for entry in std::fs::read_dir(dir.join("apple/paulmillr__encrypted-dns")).unwrap() {
        let path = entry.unwrap().path();
        if name(&path).starts_with("signed__") {
            let d = document(&path);
            assert!(d.signed, "{}", path.display());
            assert!(d.root.get("PayloadContent").is_some(), "{}", path.display());
        }
    }
}

#[test]
fn encoding_variants_read_like_the_original() {
    let dir = corpus_or_skip!();
    let original =
        document(&dir.join("apple/rtrouton__profiles/BlockAirDrop__BlockAirDrop.mobileconfig"));
    let expected = strip_spans(&original.root);
    let mut seen = 0;
    for entry in std::fs::read_dir(dir.join("apple/_derived")).unwrap() {
        let path = entry.unwrap().path();
        let n = name(&path);
        if n.starts_with("rtrouton__BlockAirDrop.")
            && ["utf16", "utf8-bom", "leading-ws"]
                .iter()
                .any(|v| n.contains(v))
        {
            seen += 1;
            let d = document(&path);
            assert_eq!(d.format, Format::XmlPlist, "{n}");
            assert_eq!(strip_spans(&d.root), expected, "{n}");
        }
    }
    assert!(seen >= 3, "{seen}");

    // Graph JSON re-encoded as UTF-16LE with BOM and CRLF.
    let mut json = Vec::new();
    files(&dir.join("graph"), &mut json);
    let mut pairs = 0;
    for path in &json {
        let n = name(path);
        if let Some(stem) = n.strip_suffix(".DERIVED-utf16le-bom-crlf.json") {
            pairs += 1;
            let derived = document(path);
            let source = document(&path.with_file_name(format!("{stem}.json")));
            assert_eq!(strip_spans(&derived.root), strip_spans(&source.root), "{n}");
        }
    }
    assert!(pairs >= 1);
}

#[test]
fn binary_plists_read_like_their_xml_original() {
    let dir = corpus_or_skip!();
    let mut all = Vec::new();
    files(&dir.join("apple"), &mut all);
    let mut seen = 0;
    for path in &all {
        let n = name(path);
        let Some(stem) = n.strip_suffix(".binary.mobileconfig") else {
            continue;
        };
        // `_derived/<owner>__<name>.binary.mobileconfig` ← `<owner>__<repo>/…__<name>.mobileconfig`
        let (owner, base) = stem.split_once("__").unwrap();
        let original = all
            .iter()
            .find(|p| {
                let pn = name(p);
                !p.to_string_lossy().contains("_derived")
                    && p.parent()
                        .is_some_and(|d| name(d).starts_with(&format!("{owner}__")))
                    && pn.ends_with(&format!("__{base}.mobileconfig"))
            })
            .unwrap_or_else(|| panic!("no original for {n}"));
        seen += 1;
        let binary = document(path);
        assert_eq!(binary.format, Format::BinaryPlist, "{n}");
        let xml = document(original);
        assert_eq!(sorted(&binary.root), sorted(&xml.root), "{n}");
    }
    assert_eq!(seen, 2);
}
