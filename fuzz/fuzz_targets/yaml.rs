//! The YAML reader (IntuneCD exports), then every rule over what it built.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = intune_lint_core::formats::yaml::parse(text);
        // The fast path for block YAML must read what saphyr reads, or leave it to saphyr.
        assert!(intune_lint_core::formats::yaml::fast_path_agrees(text));
    }
    intune_lint_fuzz::lint("policy.yaml", data);
});
