//! The demo tenant end to end: every rule at its default severity finds exactly the
//! problems planted in `fixtures/demo-tenant/`, each where the README's table puts it.
//!
//! `fixtures/demo-tenant.py` writes the tenant and the table of planted problems in its
//! README. The list below is that table's first row of each code (the primary location);
//! keep the two in sync.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

/// `(code, path inside the tenant, line, column)`, in the README's order.
const EXPECTED: &[(&str, &str, usize, usize)] = &[
    (
        "SSO101",
        "DeviceConfiguration/iOS - Entra SSO extension - JIT registration.json",
        54,
        73,
    ),
    (
        "SSO107",
        "DeviceConfiguration/iOS - Entra SSO extension - JIT registration.json",
        48,
        72,
    ),
    (
        "SSO106",
        "SettingsCatalog/iOS - SC - Enterprise SSO plug-in - Pilot.json",
        146,
        42,
    ),
    (
        "SSO108",
        "Profiles/iOS - Entra SSO extension - Pilot.mobileconfig",
        11,
        34,
    ),
    (
        "SSO102",
        "Profiles/iOS - Entra SSO extension - Pilot.mobileconfig",
        15,
        5,
    ),
    (
        "EXP903",
        "GraphPages/deviceConfigurations.page1.json",
        1,
        102,
    ),
    (
        "EXP901",
        "DeviceConfiguration/iOS - Wi-Fi - Contoso Corp.json",
        39,
        43,
    ),
    (
        "ENR304",
        "AppleEnrollmentTypes/iOS - Enrollment type - BYOD account-driven.json",
        44,
        40,
    ),
    ("APP202", "Applications/Microsoft Authenticator.json", 61, 3),
    (
        "SSO122",
        "SettingsCatalog/iOS - SC - Enterprise SSO plug-in - Pilot.json",
        279,
        30,
    ),
    // The second SSO122 finding (the `.mobileconfig` with the Graph JIT policy).
    (
        "SSO122",
        "Profiles/iOS - Entra SSO extension - Pilot.mobileconfig",
        35,
        5,
    ),
];

type Found = (String, String, usize, usize);

#[test]
fn demo_tenant_findings_are_the_planted_problems() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-tenant");
    let run = common::lint_with_defaults(&root);

    let base = format!("{}/", root.display());
    let found: Vec<Found> = run
        .findings
        .iter()
        .map(|f| {
            let path = f.location.path.strip_prefix(&base).unwrap_or_else(|| {
                panic!("{} outside the demo tenant", f.location.path);
            });
            let start = f
                .location
                .start
                .unwrap_or_else(|| panic!("{} in {path} has no position", f.code));
            (
                f.code.to_string(),
                path.to_string(),
                start.line,
                start.column,
            )
        })
        .collect();
    let found_set: BTreeSet<Found> = found.iter().cloned().collect();
    assert_eq!(
        found.len(),
        found_set.len(),
        "duplicate findings: {found:?}"
    );

    let expected: BTreeSet<Found> = EXPECTED
        .iter()
        .map(|&(code, path, line, column)| (code.to_string(), path.to_string(), line, column))
        .collect();
    assert_eq!(found_set, expected);

    // Everything else ran: IntuneManagement doesn't export ADE profiles, so only APP206
    // can't run.
    let not_run: Vec<&str> = run.summary.not_run.iter().map(|n| n.code).collect();
    assert_eq!(not_run, ["APP206"]);
}
