//! The binary plist reader, then every rule over what it built.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = intune_lint_core::formats::plist_binary::parse(data);
    // Seeds start with `bplist`; keep mutations that lost the magic on this path too.
    let mut bytes = b"bplist00".to_vec();
    bytes.extend_from_slice(data.strip_prefix(b"bplist00").unwrap_or(data));
    intune_lint_fuzz::lint("profile.plist", &bytes);
});
