//! The XML plist reader (`.mobileconfig`), then every rule over what it built.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = intune_lint_core::formats::plist_xml::parse(text);
    }
    intune_lint_fuzz::lint("profile.mobileconfig", data);
});
