//! The account-driven enrollment discovery file, through the ENR rules that read it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    intune_lint_fuzz::lint(".well-known/com.apple.remotemanagement", data);
});
