//! Any file through the whole engine, named by its first byte the way exports come:
//! JSON, YAML, a profile (XML, binary or signed).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = match data.first() {
        Some(b'{' | b'[') => "export/Policies/policy.json",
        Some(b'<' | 0x30) => "profiles/profile.mobileconfig",
        Some(b'b') => "profiles/profile.plist",
        _ => "export/policy.yaml",
    };
    intune_lint_fuzz::lint(name, data);
});
