//! The baseline reader, then applying it to a few findings.
#![no_main]
use intune_lint_core::baseline::Baseline;
use intune_lint_core::finding::Finding;
use intune_lint_core::location::Location;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = intune_lint_fuzz::temp_file("baseline.json", data);
    if let Ok(b) = Baseline::read(&path) {
        let findings = vec![
            Finding::new("SSO101", "m", Location::file("policy.json".into())),
            Finding::new("EXP904", "m", Location::file("a/b.json".into())),
        ];
        let (_kept, _summary) = b.apply(findings);
    }
});
