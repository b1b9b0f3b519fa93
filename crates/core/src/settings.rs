//! Resolved settings for a run: which rules are on, at what severity, and limits.

use crate::catalog::RuleMeta;
use crate::finding::Severity;
use crate::source::DEFAULT_MAX_FILE_SIZE;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Effective severity per rule code; absent means the rule is off. Asked for every
    /// rule of every file: a fast hash, not SipHash.
    severities: foldhash::HashMap<String, Severity>,
    pub max_file_size: u64,
    /// The Microsoft cloud the tenant lives in (`cloud` / `--cloud`); `None` accepts any
    /// documented cloud.
    pub cloud: Option<Cloud>,
    /// Extra bundle IDs the organization treats as Microsoft apps.
    pub microsoft_bundle_ids: Vec<String>,
    /// Bundle IDs the organization allows wherever rules would flag them.
    pub allowed_bundle_ids: Vec<String>,
}

/// The Microsoft cloud instance, for rules whose documented values differ per cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cloud {
    Public,
    Usgov,
    China,
}

/// The documented table of Microsoft app bundle IDs (`rules/data/microsoft-bundle-ids.txt`,
/// with its source), embedded at build time.
pub fn microsoft_bundle_ids() -> impl Iterator<Item = &'static str> {
    include_str!("../../../rules/data/microsoft-bundle-ids.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Settings {
    /// Every rule on at its default severity.
    pub fn defaults(catalog: &[RuleMeta]) -> Self {
        Settings {
            severities: catalog
                .iter()
                .map(|m| (m.code.clone(), m.severity))
                .collect(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            cloud: None,
            microsoft_bundle_ids: Vec::new(),
            allowed_bundle_ids: Vec::new(),
        }
    }

    /// The organization allows this bundle ID wherever a rule would flag it.
    pub fn is_allowed_bundle_id(&self, bundle_id: &str) -> bool {
        let id = bundle_id.trim();
        self.allowed_bundle_ids
            .iter()
            .any(|a| a.trim().eq_ignore_ascii_case(id))
    }

    /// A Microsoft app: `com.microsoft.*`, in Intune's list of Microsoft apps
    /// ([`microsoft_bundle_ids`]), or listed by the organization as Microsoft's.
    pub fn is_microsoft_bundle_id(&self, bundle_id: &str) -> bool {
        let id = bundle_id.trim();
        id.to_ascii_lowercase().starts_with("com.microsoft.")
            || microsoft_bundle_ids().any(|m| m.eq_ignore_ascii_case(id))
            || self
                .microsoft_bundle_ids
                .iter()
                .any(|m| m.trim().eq_ignore_ascii_case(id))
    }

    pub fn severity(&self, code: &str) -> Option<Severity> {
        self.severities.get(code).copied()
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        self.severities.contains_key(code)
    }

    pub fn set(&mut self, code: &str, severity: Option<Severity>) {
        match severity {
            Some(s) => self.severities.insert(code.to_string(), s),
            None => self.severities.remove(code),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::Settings;

    #[test]
    fn microsoft_apps_come_from_the_namespace_the_table_and_the_config() {
        let mut s = Settings::defaults(&[]);
        assert!(s.is_microsoft_bundle_id("com.Microsoft.Office.Word"));
        assert!(
            s.is_microsoft_bundle_id(" WEFWEF "),
            "Viva Engage, from the table"
        );
        assert!(!s.is_microsoft_bundle_id("com.veradocs.ios.appstore.intune"));
        assert!(!s.is_microsoft_bundle_id("com.contoso.app"));
        s.microsoft_bundle_ids = vec!["com.contoso.app".into()];
        assert!(s.is_microsoft_bundle_id("com.contoso.app"));
    }
}
