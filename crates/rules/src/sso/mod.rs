//! SSO: the Microsoft Entra SSO app extension (JIT registration keys, bundle ID lists).

mod sso101_jit_key_whitespace;
mod sso102_device_registration_value;
mod sso103_device_registration_type;
mod sso104_device_registration_missing;
mod sso105_browser_sso_missing;
mod sso106_browser_sso_value;
mod sso107_microsoft_bundle_id;
mod sso108_authenticator_bundle_id;
mod sso115_url_not_unique;
mod sso119_shared_device_mode_mismatch;
mod sso120_not_assigned;

use intune_lint_core::rule::Rule;

pub const DEVICE_REGISTRATION: &str = "device_registration";
pub const BROWSER_SSO: &str = "browser_sso_interaction_enabled";
pub const DEVICE_REGISTRATION_TOKEN: &str = "{{DEVICEREGISTRATION}}";

pub const RULES: &[Rule] = &[
    sso101_jit_key_whitespace::RULE,
    sso102_device_registration_value::RULE,
    sso103_device_registration_type::RULE,
    sso104_device_registration_missing::RULE,
    sso105_browser_sso_missing::RULE,
    sso106_browser_sso_value::RULE,
    sso107_microsoft_bundle_id::RULE,
    sso108_authenticator_bundle_id::RULE,
    sso115_url_not_unique::RULE,
    sso119_shared_device_mode_mismatch::RULE,
    sso120_not_assigned::RULE,
];

/// Names the whitespace around `s` for a message: "a trailing space",
/// "a leading no-break space (U+00A0) and a trailing tab".
pub fn describe_whitespace(s: &str) -> String {
    fn name(c: char) -> String {
        match c {
            ' ' => "space".into(),
            '\t' => "tab".into(),
            '\r' => "carriage return".into(),
            '\n' => "line feed".into(),
            '\u{a0}' => "no-break space (U+00A0)".into(),
            c => format!("U+{:04X}", c as u32),
        }
    }
    let mut parts = Vec::new();
    if let Some(c) = s.chars().next().filter(|c| c.is_whitespace()) {
        parts.push(format!("a leading {}", name(c)));
    }
    if let Some(c) = s.chars().next_back().filter(|c| c.is_whitespace())
        && s.trim().len() + c.len_utf8() <= s.len()
        && (s.chars().count() != 1 || parts.is_empty())
    {
        parts.push(format!("a trailing {}", name(c)));
    }
    parts.join(" and ")
}

#[cfg(test)]
mod tests {
    use super::describe_whitespace;

    #[test]
    fn names_whitespace() {
        assert_eq!(describe_whitespace("k "), "a trailing space");
        assert_eq!(
            describe_whitespace("\u{a0}v\t"),
            "a leading no-break space (U+00A0) and a trailing tab"
        );
        assert_eq!(describe_whitespace(" "), "a leading space");
        assert_eq!(describe_whitespace("v"), "");
    }
}
