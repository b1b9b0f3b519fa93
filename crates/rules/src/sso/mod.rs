//! SSO: the Microsoft Entra SSO app extension (JIT registration keys, bundle ID lists).

mod sso101_jit_key_whitespace;
mod sso102_device_registration_value;
mod sso103_device_registration_type;
mod sso104_device_registration_missing;
mod sso105_browser_sso_missing;
mod sso106_browser_sso_value;
mod sso107_microsoft_bundle_id;
mod sso108_authenticator_bundle_id;
mod sso109_extension_type;
mod sso110_key_whitespace;
mod sso111_key_typo;
mod sso112_key_type;
mod sso113_duplicate_key;
mod sso114_redirect_urls;
mod sso115_url_not_unique;
mod sso116_admin_debug_mode;
mod sso117_safari_blocked;
mod sso118_cookie_allowlist;
mod sso119_shared_device_mode_mismatch;
mod sso120_not_assigned;
mod sso121_native_prompt_with_app_protection;
mod sso122_url_maybe_not_unique;

use intune_lint_core::finding::{Applicability, Edit, Finding, Fix};
use intune_lint_core::location::Location;
use intune_lint_core::node::Span;
use intune_lint_core::rule::Rule;
use intune_lint_core::views::sso::{
    LIST_KEYS, Located, Source, SsoExtension, is_blank, is_invisible, trim,
};

pub const DEVICE_REGISTRATION: &str = "device_registration";
pub const BROWSER_SSO: &str = "browser_sso_interaction_enabled";
pub const DEVICE_REGISTRATION_TOKEN: &str = "{{DEVICEREGISTRATION}}";
pub const ADMIN_DEBUG_MODE: &str = "admin_debug_mode_enabled";
pub const USE_MOST_SECURE_STORAGE: &str = "use_most_secure_storage";

/// The plug-in flags documented as Integer 1/0 (the JIT keys aside: SSO103/SSO106).
pub const INTEGER_FLAGS: &[&str] = &[
    "disable_explicit_app_prompt",
    "disable_explicit_app_prompt_and_autologin",
    "disable_explicit_native_app_prompt",
    "disable_explicit_native_app_prompt_and_autologin",
    "disable_inapp_sso_signin",
    "Enable_SSO_On_All_ManagedApps",
    ADMIN_DEBUG_MODE,
];

/// The documented keys that are neither Integer flags nor lists. Only keys the Microsoft
/// Enterprise SSO plug-in page documents: keys seen only in samples (such as
/// `browser_sso_disable_mfa`) are not here.
const OTHER_KEYS: &[&str] = &[DEVICE_REGISTRATION, BROWSER_SSO, USE_MOST_SECURE_STORAGE];

/// Every ExtensionData key the Microsoft Enterprise SSO plug-in documents.
pub fn documented_keys() -> impl Iterator<Item = &'static str> {
    OTHER_KEYS
        .iter()
        .chain(INTEGER_FLAGS)
        .chain(LIST_KEYS)
        .copied()
}

pub const RULES: &[Rule] = &[
    sso101_jit_key_whitespace::RULE,
    sso102_device_registration_value::RULE,
    sso103_device_registration_type::RULE,
    sso104_device_registration_missing::RULE,
    sso105_browser_sso_missing::RULE,
    sso106_browser_sso_value::RULE,
    sso107_microsoft_bundle_id::RULE,
    sso108_authenticator_bundle_id::RULE,
    sso109_extension_type::RULE,
    sso110_key_whitespace::RULE,
    sso111_key_typo::RULE,
    sso112_key_type::RULE,
    sso113_duplicate_key::RULE,
    sso114_redirect_urls::RULE,
    sso116_admin_debug_mode::RULE,
    sso117_safari_blocked::RULE,
    sso118_cookie_allowlist::RULE,
    sso115_url_not_unique::RULE,
    sso119_shared_device_mode_mismatch::RULE,
    sso120_not_assigned::RULE,
    sso121_native_prompt_with_app_protection::RULE,
    sso122_url_maybe_not_unique::RULE,
];

/// The extension has an entry for `key`, or one SSO111 reports as a misspelling of it (one
/// problem, one finding: the misspelled key is SSO111's, not a missing key).
pub fn has_entry_or_near_miss(ext: &SsoExtension, key: &str) -> bool {
    ext.has_entry(key)
        || ext
            .entries
            .iter()
            .any(|e| sso111_key_typo::intended_key(e.trimmed_key()) == Some(key))
}

/// Entry `i`'s key equals another entry's key after trimming, but is written differently
/// (whitespace): a duplicate SSO113 reports, so SSO110 leaves it alone. Keys that differ in
/// case are different keys to the plug-in: SSO111's, not duplicates.
pub fn is_variant_of_another_key(ext: &SsoExtension, i: usize) -> bool {
    let entry = &ext.entries[i];
    ext.entries.iter().enumerate().any(|(j, e)| {
        j != i && e.key.value != entry.key.value && e.trimmed_key() == entry.trimmed_key()
    })
}

/// Said in help when a fix exists but the file cannot be edited (no text spans).
pub const NOT_EDITABLE: &str = " (not fixed automatically: the file is a signed or binary profile, which intune-lint never edits)";

/// The span of a string's characters inside its source span, when the source writes them
/// literally: `"…"` in JSON and quoted YAML (any escape makes the raw text longer than two
/// quotes), a plain YAML scalar, or, for profiles, the text between `<tag>` and `</tag>`
/// (entities make it longer). `None` when the text is escaped or the file has no spans.
pub fn inner_span(source: Source, loc: &Location, value: &str, tag: &str) -> Option<Span> {
    let span = loc.span.clone()?;
    let extra = span.len().checked_sub(value.len())?;
    let (open, close) = match (source, extra) {
        (_, 0) => (0, 0),
        (Source::Profile, n) if n == 2 * tag.len() + 5 => (tag.len() + 2, tag.len() + 3),
        (Source::GraphTemplate | Source::SettingsCatalog, 2) => (1, 1),
        _ => return None,
    };
    Some(span.start + open..span.end - close)
}

/// A finding about a bundle ID that should leave its list, with the (unsafe: it changes
/// which apps get SSO) fix that removes it, or a note why it can't be removed here.
pub fn bundle_id_finding(
    code: &'static str,
    ext: &SsoExtension,
    id: &Located<String>,
    message: String,
    help: &str,
) -> Finding {
    let note = if id.loc.span.is_none() {
        NOT_EDITABLE
    } else {
        ""
    };
    let mut finding = Finding::new(code, message, id.loc.clone())
        .with_object(Some(ext.object.clone()))
        .with_help(format!("{help}{note}"));
    finding.fix = remove_bundle_id(ext, id).map(|edit| Fix {
        applicability: Applicability::Unsafe,
        message: format!("remove `{}` from the list", trim(&id.value)),
        edits: vec![edit],
    });
    finding
}

/// A finding about whitespace around an ExtensionData key, with the safe fix that trims it
/// (or a note why the file can't be edited). `consequence` ends the message.
pub fn key_whitespace_finding(
    code: &'static str,
    ext: &SsoExtension,
    key_loc: &Located<String>,
    key: &str,
    consequence: &str,
) -> Finding {
    let fix = inner_span(ext.source, &key_loc.loc, &key_loc.value, "key").map(|span| {
        replace(
            Applicability::Safe,
            format!("trim the key to `{key}`"),
            span,
            key,
        )
    });
    let note = if key_loc.loc.span.is_none() {
        NOT_EDITABLE
    } else {
        ""
    };
    let mut finding = Finding::new(
        code,
        format!(
            "key `{key}` has {}: {consequence}",
            describe_whitespace(&key_loc.value)
        ),
        key_loc.loc.clone(),
    )
    .with_object(Some(ext.object.clone()))
    .with_help(format!("write the key as exactly `{key}`{note}"));
    finding.fix = fix;
    finding
}

/// A one-edit fix.
pub fn replace(applicability: Applicability, message: String, span: Span, with: &str) -> Fix {
    Fix {
        applicability,
        message,
        edits: vec![Edit {
            span,
            replacement: with.to_string(),
        }],
    }
}

/// The pointer of the list a bundle ID belongs to: the array for
/// `bundleIdAccessControlList` items, the `AppAllowList` value for its comma-separated
/// items.
fn container(id: &Located<String>) -> &str {
    let p = id.loc.pointer.as_str();
    match p.rsplit_once('/') {
        Some((parent, last)) if last.bytes().all(|b| b.is_ascii_digit()) && !last.is_empty() => {
            parent
        }
        _ => p,
    }
}

/// An edit removing one bundle ID from its list with its separator: up to the next item
/// (`"a", ` or `a, `), or, for the last item, from the end of the previous one.
fn remove_bundle_id(ext: &SsoExtension, target: &Located<String>) -> Option<Edit> {
    let span = target.loc.span.clone()?;
    let list = container(target);
    // One of several IDs written into one array item: removing it alone is not an edit
    // of the array the sibling logic below knows how to make.
    if list != target.loc.pointer
        && ext
            .bundle_ids
            .iter()
            .filter(|b| b.loc.pointer == target.loc.pointer)
            .count()
            > 1
    {
        return None;
    }
    // An AppAllowList item's span is exactly its trimmed text (set by the view only when
    // the value is written without escapes).
    if list == target.loc.pointer && span.len() != trim(&target.value).len() {
        return None;
    }
    let mut siblings: Vec<Span> = ext
        .bundle_ids
        .iter()
        .filter(|b| container(b) == list)
        .filter_map(|b| b.loc.span.clone())
        .collect();
    siblings.sort_by_key(|s| s.start);
    let i = siblings.iter().position(|s| *s == span)?;
    let edit = if let Some(next) = siblings.get(i + 1) {
        span.start..next.start
    } else if i > 0 {
        siblings[i - 1].end..span.end
    } else {
        span
    };
    Some(Edit {
        span: edit,
        replacement: String::new(),
    })
}

/// Names the whitespace or invisible characters around `s` for a message ("a trailing
/// space", "a leading zero-width space (U+200B) and a trailing tab"): never printed raw,
/// since they show nothing.
pub fn describe_whitespace(s: &str) -> String {
    fn name(c: char) -> String {
        let what = match c {
            ' ' => return "space".into(),
            '\t' => return "tab".into(),
            '\r' => return "carriage return".into(),
            '\n' => return "line feed".into(),
            '\u{a0}' => "no-break space",
            '\u{ad}' => "soft hyphen",
            '\u{200b}' => "zero-width space",
            '\u{200c}' => "zero-width non-joiner",
            '\u{200d}' => "zero-width joiner",
            '\u{200e}' => "left-to-right mark",
            '\u{200f}' => "right-to-left mark",
            '\u{2060}' => "word joiner",
            '\u{feff}' => "zero-width no-break space (byte order mark)",
            c if is_invisible(c) => "invisible format character",
            _ => "whitespace character",
        };
        format!("{what} (U+{:04X})", c as u32)
    }
    let leading: Vec<char> = s.chars().take_while(|c| is_blank(*c)).collect();
    let rest = &s[leading.iter().map(|c| c.len_utf8()).sum::<usize>()..];
    let mut trailing: Vec<char> = rest.chars().rev().take_while(|c| is_blank(*c)).collect();
    trailing.reverse();
    let describe = |side: &str, chars: &[char]| {
        let mut names: Vec<String> = Vec::new();
        for c in chars {
            let n = name(*c);
            if !names.contains(&n) {
                names.push(n);
            }
        }
        match names.as_slice() {
            [] => None,
            [one] if chars.len() == 1 => Some(format!("a {side} {one}")),
            [one] if one.ends_with(')') => Some(format!("{} {side} {one} characters", chars.len())),
            [one] => Some(format!("{} {side} {one}s", chars.len())),
            many => Some(format!("{side} {}", many.join(", "))),
        }
    };
    [
        describe("leading", &leading),
        describe("trailing", &trailing),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" and ")
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
        assert_eq!(
            describe_whitespace("\u{200b}k"),
            "a leading zero-width space (U+200B)"
        );
        assert_eq!(
            describe_whitespace("k \u{feff}"),
            "trailing space, zero-width no-break space (byte order mark) (U+FEFF)"
        );
        assert_eq!(describe_whitespace("k  "), "2 trailing spaces");
    }
}
