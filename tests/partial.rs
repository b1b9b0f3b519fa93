//! Partial runs (pre-commit, `check FILE`): a file named inside an export gets exactly the
//! findings the whole-export run gives it, and a file named twice is linted once.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    let mut c = Command::cargo_bin("intune-lint").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A fresh copy of a fixture export, marked as one export by an (empty) configuration
/// file at its root; in place, the nearest marker would be this repository's root.
fn export_copy(fixture: &str, tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("il-partial-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture), &dir);
    std::fs::write(dir.join("intune-lint.toml"), "# marks the export root\n").unwrap();
    dir
}

/// Every finding of a run, as its JSON object (paths are as shown, relative to `cwd`).
fn findings(cwd: &Path, args: &[&str]) -> Vec<Value> {
    let out = bin()
        .current_dir(cwd)
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

/// The files a walk of `dir` reads.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if intune_lint_core::formats::is_lintable_name(
            &p.file_name().unwrap().to_string_lossy(),
        ) {
            out.push(p);
        }
    }
}

/// For each file F of the export: `check F` == the whole-export run restricted to F.
fn partial_equals_whole(fixture: &str, tag: &str) {
    let root = export_copy(fixture, tag);
    let whole = findings(&root, &["."]);
    assert!(!whole.is_empty() || fixture.ends_with("clean"), "{fixture}");
    let mut all = Vec::new();
    files(&root, &mut all);
    let mut reported = 0;
    for file in &all {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let expected: Vec<&Value> = whole.iter().filter(|f| f["path"] == rel.as_str()).collect();
        let got = findings(&root, &[&rel]);
        let got: Vec<&Value> = got.iter().collect();
        assert_eq!(
            got, expected,
            "{fixture}: `check {rel}` differs from the whole run"
        );
        reported += got.len();
    }
    // Every finding of the whole run belongs to some file named alone.
    assert_eq!(reported, whole.len(), "{fixture}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn demo_tenant_file_by_file() {
    partial_equals_whole("fixtures/demo-tenant", "demo");
}

#[test]
fn fixture_tenants_file_by_file() {
    for t in ["backup", "clean", "graph", "intunecd", "intunemanagement"] {
        partial_equals_whole(&format!("fixtures/tenants/{t}"), t);
    }
}

/// The five fixture tenants side by side are an MSP export: a whole run audits them tenant
/// by tenant, and a file named alone (spelled `intunecd/...` while its context is walked
/// as `./intunecd/...`) is judged against its own tenant only.
#[test]
fn msp_export_file_by_file() {
    partial_equals_whole("fixtures/tenants", "msp");
}

/// Without a configuration file, the repository root (`.git`) is the export; a file named
/// from a subfolder, with `../`, keeps the cross-object findings of the whole export.
#[test]
fn repository_root_is_the_export_without_a_configuration() {
    let root = export_copy("fixtures/demo-tenant", "git");
    std::fs::remove_file(root.join("intune-lint.toml")).unwrap();
    std::fs::create_dir(root.join(".git")).unwrap();
    let whole = findings(&root, &["."]);
    let enr: Vec<&Value> = whole.iter().filter(|f| f["code"] == "ENR304").collect();
    assert_eq!(enr.len(), 1);
    let sub = root.join("DeviceConfiguration");
    let got = findings(
        &sub,
        &["../AppleEnrollmentTypes/iOS - Enrollment type - BYOD account-driven.json"],
    );
    let codes: Vec<&str> = got.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["ENR304"]);
    std::fs::remove_dir_all(&root).unwrap();
}

/// The example: one SSO policy and one app named, Authenticator elsewhere in the
/// export; no APP201 ("none of the exported apps is Microsoft Authenticator").
#[test]
fn committing_a_fragment_invents_nothing() {
    let root = export_copy("fixtures/demo-tenant", "fragment");
    let got = findings(
        &root,
        &[
            "Profiles/iOS - Entra SSO extension - Pilot.mobileconfig",
            "Applications/Microsoft Teams.json",
        ],
    );
    assert!(got.iter().all(|f| f["code"] != "APP201"), "{got:#?}");
    assert!(got.iter().any(|f| f["code"] == "SSO102"), "{got:#?}");
    std::fs::remove_dir_all(&root).unwrap();
}

/// `check P P` and `check . ./Profiles` lint each file once: no SSO115 between a profile
/// and itself, and the summary counts it once.
#[test]
fn a_file_named_twice_is_linted_once() {
    let root = export_copy("fixtures/demo-tenant", "twice");
    let p = "Profiles/iOS - Entra SSO extension - Pilot.mobileconfig";
    let once = findings(&root, &[p]);
    assert_eq!(findings(&root, &[p, &format!("./{p}")]), once);
    let abs = root.join(p);
    assert_eq!(
        findings(&root, &[p, abs.to_str().unwrap()]).len(),
        once.len()
    );
    let whole = findings(&root, &["."]);
    assert_eq!(findings(&root, &[".", "./Profiles"]), whole);
    let out = bin()
        .current_dir(&root)
        .args(["check", "--format", "json", ".", "./Profiles"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let counted = v["summary"]["files"].as_u64().unwrap();
    let mut all = Vec::new();
    files(&root, &mut all);
    assert_eq!(counted as usize, all.len());
    std::fs::remove_dir_all(&root).unwrap();
}

/// Named from inside a folder of the export, with bare names: the findings are those of
/// the whole export, whatever the spelling (tenant rules must not order by path text).
#[test]
fn named_from_a_subfolder_with_bare_names() {
    let root = export_copy("fixtures/demo-tenant", "subfolder");
    let whole = findings(&root, &["."]);
    let key = |f: &Value| {
        (
            f["code"].clone(),
            f["line"].clone(),
            f["column"].clone(),
            f["pointer"].clone(),
        )
    };
    for sub in [
        "DeviceConfiguration",
        "SettingsCatalog",
        "Profiles",
        "Applications",
    ] {
        let dir = root.join(sub);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let rel = format!("{sub}/{name}");
            let expected: Vec<_> = whole
                .iter()
                .filter(|f| f["path"] == rel.as_str())
                .map(key)
                .collect();
            let got: Vec<_> = findings(&dir, &[&name]).iter().map(key).collect();
            assert_eq!(got, expected, "`cd {sub} && check {name}`");
        }
    }
    std::fs::remove_dir_all(&root).unwrap();
}

/// `--show-files` says which files a partial run reads as context.
#[test]
fn show_files_lists_the_context() {
    let root = export_copy("fixtures/demo-tenant", "show");
    let p = "Profiles/iOS - Entra SSO extension - Pilot.mobileconfig";
    let out = bin()
        .current_dir(&root)
        .args(["check", "--show-files", p])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut all = Vec::new();
    files(&root, &mut all);
    assert_eq!(text.lines().count(), all.len(), "{text}");
    assert!(text.lines().any(|l| l == format!("lint     {p}")), "{text}");
    let context = text.lines().filter(|l| l.starts_with("context  ")).count();
    assert_eq!(context, all.len() - 1, "{text}");
    std::fs::remove_dir_all(&root).unwrap();
}
