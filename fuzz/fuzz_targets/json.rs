//! The JSON reader, then every rule over what it built (through the whole engine).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = intune_lint_core::formats::json::parse(text);
    }
    intune_lint_fuzz::lint("policy.json", data);
});
