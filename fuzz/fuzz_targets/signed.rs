//! The CMS (PKCS#7) envelope walker of signed profiles, then what is inside it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = intune_lint_core::formats::signed::unwrap(data);
    intune_lint_fuzz::lint("signed.mobileconfig", data);
});
