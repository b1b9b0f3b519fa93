//! The `.well-known/com.apple.remotemanagement` discovery file for account-driven enrollment.

/// Its exact file name (it has no extension).
pub const FILE_NAME: &str = "com.apple.remotemanagement";

/// A discovery file by name: the exact name, or the same name with an extension or in
/// another case (`com.apple.remotemanagement.json`), so ENR313 can say what is wrong.
pub fn is_discovery_file_name(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower == FILE_NAME
        || lower
            .strip_prefix(FILE_NAME)
            .is_some_and(|rest| rest.starts_with('.') && rest.len() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_the_name_with_and_without_an_extension() {
        assert!(is_discovery_file_name("com.apple.remotemanagement"));
        assert!(is_discovery_file_name("com.apple.remotemanagement.json"));
        assert!(is_discovery_file_name("Com.Apple.RemoteManagement"));
        assert!(!is_discovery_file_name("com.apple.remotemanagement."));
        assert!(!is_discovery_file_name("com.apple.remotemanagementd"));
        assert!(!is_discovery_file_name("remotemanagement.json"));
    }
}
