//! SSO109 sso-extension-type: the JIT keys are configured on an extension that is not the
//! Microsoft Entra ID extension.

use super::{BROWSER_SSO, DEVICE_REGISTRATION, describe_whitespace};
use intune_lint_core::finding::Finding;
use intune_lint_core::location::Location;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{
    ExtensionType, IOS_EXTENSION_ID, MACOS_EXTENSION_ID, MACOS_TEAM_ID, Platform, Source,
    SsoExtension, non_ascii_note, shown, trim,
};

pub const RULE: Rule = Rule {
    code: "SSO109",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    if ext.truncated {
        return;
    }
    let jit: Vec<_> = ext
        .entries
        .iter()
        .filter(|e| matches!(e.trimmed_key(), DEVICE_REGISTRATION | BROWSER_SSO))
        .collect();
    // Meant as Microsoft's extension: it carries the JIT keys, or one of Microsoft's
    // identifiers (in any case or spacing), which must then fit the platform.
    let microsoft_id = ext.extension_identifier.as_ref().is_some_and(|id| {
        let id = trim(&id.value);
        id.eq_ignore_ascii_case(IOS_EXTENSION_ID) || id.eq_ignore_ascii_case(MACOS_EXTENSION_ID)
    });
    if jit.is_empty() && !microsoft_id {
        return;
    }
    let reasons = reasons(ext);
    let Some((_, loc)) = reasons.first() else {
        return;
    };
    let what: Vec<&str> = reasons.iter().map(|(r, _)| r.as_str()).collect();
    let message = match jit.first() {
        Some(e) => format!(
            "`{}` is configured on an extension that is not Microsoft Entra ID: {}",
            e.trimmed_key(),
            what.join("; ")
        ),
        None => format!(
            "the Microsoft Enterprise SSO extension is not set up as documented for {}: {}",
            platform_name(ext.platform),
            what.join("; ")
        ),
    };
    let mut finding = Finding::new("SSO109", message, loc.clone())
        .with_object(Some(ext.object.clone()))
        .with_help(match (ext.source, ext.platform) {
            (Source::GraphTemplate, _) => "set the SSO app extension type to Microsoft Entra ID",
            (_, Platform::Ios) => "use Type `Redirect` with the iOS/iPadOS extension identifier `com.microsoft.azureauthenticator.ssoextension` (iOS/iPadOS needs no Team ID)",
            (_, Platform::Macos) => "use Type `Redirect` with the macOS extension identifier `com.microsoft.CompanyPortalMac.ssoextension` and Team ID `UBF8T346G9`",
            _ => "use Type `Redirect` with Microsoft's extension identifier (`com.microsoft.azureauthenticator.ssoextension` on iOS/iPadOS; `com.microsoft.CompanyPortalMac.ssoextension` and Team ID `UBF8T346G9` on macOS)",
        });
    for e in &jit {
        finding = finding.with_related(
            format!("`{}` configured here", e.trimmed_key()),
            e.key.loc.clone(),
        );
    }
    out.push(finding);
}

fn platform_name(p: Platform) -> &'static str {
    match p {
        Platform::Ios => "iOS/iPadOS",
        Platform::Macos => "macOS",
        Platform::Unknown => "its platform",
    }
}

/// Why the extension is not Microsoft's, each with where it shows.
fn reasons(ext: &SsoExtension) -> Vec<(String, Location)> {
    let mut reasons = Vec::new();
    // Graph's Entra ID type carries Microsoft's identifier implicitly.
    if ext.extension_type == ExtensionType::EntraId {
        return reasons;
    }
    let type_loc = || {
        ext.type_decl
            .as_ref()
            .map_or_else(|| ext.loc.clone(), |t| t.loc.clone())
    };
    match (&ext.extension_type, &ext.type_decl) {
        (ExtensionType::Redirect, Some(t))
            if ext.source != Source::Profile || t.value == "Redirect" => {}
        (ExtensionType::Credential | ExtensionType::Kerberos, Some(t)) => reasons.push((
            format!("its type is {}, not Redirect", shown(&t.value)),
            t.loc.clone(),
        )),
        (_, Some(t)) => reasons.push((
            format!("its `Type` is {}, not exactly `Redirect`", shown(&t.value)),
            t.loc.clone(),
        )),
        (_, None) => reasons.push(("it declares no type".to_string(), type_loc())),
    }
    let (expected, team) = match ext.platform {
        Platform::Ios => (IOS_EXTENSION_ID, false),
        Platform::Macos => (MACOS_EXTENSION_ID, true),
        Platform::Unknown => match ext.extension_identifier.as_ref() {
            Some(id) if id.value.eq_ignore_ascii_case(MACOS_EXTENSION_ID) => {
                (MACOS_EXTENSION_ID, true)
            }
            _ => (IOS_EXTENSION_ID, false),
        },
    };
    let platform = if team { "macOS" } else { "iOS/iPadOS" };
    match &ext.extension_identifier {
        None => reasons.push((
            format!("it has no extension identifier (Microsoft's on {platform} is `{expected}`)"),
            type_loc(),
        )),
        Some(id) if id.value != expected => reasons.push((
            format!(
                "its extension identifier is {}{}, not `{expected}`{}",
                shown(&id.value),
                non_ascii_note(&id.value),
                identifier_hint(&id.value, expected, platform)
            ),
            id.loc.clone(),
        )),
        Some(_) => {}
    }
    if team {
        match &ext.team_identifier {
            None => reasons.push((
                format!("it has no Team ID (the macOS extension needs `{MACOS_TEAM_ID}`)"),
                ext.extension_identifier
                    .as_ref()
                    .map_or_else(type_loc, |i| i.loc.clone()),
            )),
            Some(t) if t.value != MACOS_TEAM_ID => reasons.push((
                format!("its Team ID is {}, not `{MACOS_TEAM_ID}`", shown(&t.value)),
                t.loc.clone(),
            )),
            Some(_) => {}
        }
    }
    reasons
}

fn identifier_hint(actual: &str, expected: &str, platform: &str) -> String {
    let trimmed = trim(actual);
    if trimmed == expected {
        format!(" (it has {})", describe_whitespace(actual))
    } else if trimmed.eq_ignore_ascii_case(expected) {
        " (identifiers are case-sensitive)".into()
    } else if trimmed.eq_ignore_ascii_case(IOS_EXTENSION_ID)
        || trimmed.eq_ignore_ascii_case(MACOS_EXTENSION_ID)
    {
        format!(" (that is the other platform's extension; this policy is for {platform})")
    } else {
        String::new()
    }
}
