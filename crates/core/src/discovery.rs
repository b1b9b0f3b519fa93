//! The `.well-known/com.apple.remotemanagement` discovery file for account-driven enrollment.

/// Its exact file name (it has no extension).
pub const FILE_NAME: &str = "com.apple.remotemanagement";
