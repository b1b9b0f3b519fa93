//! Multi-tenant exports: which tenant each file belongs to.
//!
//! Consultants and MSPs keep one export folder per tenant side by side (IntuneManagement
//! even writes `<root>/<tenant name>/<object type>/` when "Add company name" is set).
//! Tenant rules join objects across files: two tenants' SSO policies do not claim the same
//! URL, and one tenant's Authenticator does not deploy in another. So a run over such a
//! folder audits each tenant on its own.
//!
//! A tenant folder is recognized by what the export tools write, never by its name: it
//! directly holds one of their category folders (`DeviceConfiguration`, `Settings
//! Catalog`, `Client Apps`, ...; `reference/export-layouts.md`). When two or more tenant
//! folders share a parent, every folder beside them is a tenant too (an export of raw
//! Graph pages has no category folders), and files directly in that parent make one more
//! group. A tenant folder inside another one (IntuneCD's `Entra/Applications`) is part of
//! it. A run with fewer than two tenant folders is one tenant, as before.

use crate::paths::normalize;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// The folders Micke-K/IntuneManagement (object type ids), almenscorner/IntuneCD (root
/// categories) and jseerden/IntuneBackupAndRestore write at the top of a tenant export.
const CATEGORY_FOLDERS: &[&str] = &[
    // IntuneManagement
    "DeviceConfiguration",
    "SettingsCatalog",
    "CompliancePolicies",
    "CompliancePoliciesV2",
    "AppConfigurationManagedDevice",
    "AppConfigurationManagedApp",
    "AppProtection",
    "Applications",
    "AppleEnrollmentTypes",
    "EnrollmentRestrictions",
    "EnrollmentStatusPage",
    "CoManagementSettings",
    "AssignmentFilters",
    "ConditionalAccess",
    "NamedLocations",
    "EndpointSecurity",
    "PolicySets",
    "ScopeTags",
    "RoleDefinitions",
    "UpdatePolicies",
    "FeatureUpdates",
    "QualityUpdates",
    "DriverUpdateProfiles",
    "DeviceHealthScripts",
    "PowerShellScripts",
    "MacScripts",
    "MacCustomAttributes",
    "AdministrativeTemplates",
    "ADMXFiles",
    "ReusableSettings",
    "TermsAndConditions",
    "TermsOfUse",
    "IntuneBranding",
    "AzureBranding",
    "AutoPilot",
    "W365ProvisioningPolicies",
    "W365UserSettings",
    "AuthenticationStrengths",
    "AuthenticationContext",
    "InventoryPolicies",
    "HardwareConfigurations",
    "DeviceCategories",
    "AndroidOEMConfig",
    "ComplianceScripts",
    "AppleVPPTokens",
    "AppleEnrollmentTokens",
    "TenantSettings",
    // IntuneCD
    "Device Configurations",
    "Settings Catalog",
    "Compliance Policies",
    "App Configuration",
    "App Protection",
    "Enrollment Profiles",
    "Enrollment Configurations",
    "Conditional Access",
    "Scope Tags",
    "Apple VPP Tokens",
    "Apple Push Notification",
    "Management Intents",
    "Group Policy Configurations",
    "Proactive Remediations",
    "Custom Attributes",
    "Device Categories",
    "Device Management Settings",
    "Feature Updates",
    "Quality Updates",
    "Driver Updates",
    "Partner Connections",
    "Managed Google Play",
    // IntuneBackupAndRestore
    "Device Compliance Policies",
    "Client Apps",
    "App Protection Policies",
    "Administrative Templates",
    "Autopilot Deployment Profiles",
    "Device Management Scripts",
    "Device Health Scripts",
    "Device Management Intents",
];

fn is_category(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    CATEGORY_FOLDERS
        .iter()
        .any(|c| c.eq_ignore_ascii_case(&name))
}

/// How a run's files split into tenants.
#[derive(Debug, Default)]
pub struct Partition {
    /// The tenant folders, as the run spells them; empty when the run is one tenant.
    pub roots: Vec<PathBuf>,
    /// Per folder (in the order given): the index of its tenant folder in `roots`, or
    /// `None` for a folder outside every tenant folder.
    pub of_folder: Vec<Option<usize>>,
}

impl Partition {
    /// The tenant of a path outside the run's files (a walk error's folder).
    pub fn of(&self, path: &Path) -> Option<usize> {
        normalize(path)
            .ancestors()
            .skip(1)
            .find_map(|a| self.roots.iter().position(|r| r == a))
    }

    /// More than one tenant: the run must be split.
    pub fn is_split(&self) -> bool {
        !self.roots.is_empty()
    }
}

/// Finds the tenant folders of the files in `folders` (their folders as walked, which
/// share their spelling; a file's tenant is its folder's) by path alone, without touching
/// the file system.
pub fn partition(folders: &[&Path]) -> Partition {
    let mut dir_of: Vec<usize> = Vec::with_capacity(folders.len());
    let mut raw_dirs: Vec<&Path> = Vec::new();
    let mut seen: foldhash::HashMap<&[u8], usize> = Default::default();
    for &d in folders {
        let n = *seen
            .entry(d.as_os_str().as_encoded_bytes())
            .or_insert_with(|| {
                raw_dirs.push(d);
                raw_dirs.len() - 1
            });
        dir_of.push(n);
    }
    // `TenantA/x.json` (named) and `./TenantA/y.json` (walked from `.`) share a tenant.
    let normalized: Vec<std::borrow::Cow<'_, Path>> = raw_dirs
        .iter()
        .map(|d| {
            // Walked paths rarely hold `.` or `..`: copy only those that do.
            if d.components()
                .any(|c| matches!(c, Component::CurDir | Component::ParentDir))
            {
                normalize(d).into()
            } else {
                std::borrow::Cow::Borrowed(*d)
            }
        })
        .collect();
    let dirs: Vec<&Path> = normalized.iter().map(|p| p.as_ref()).collect();
    // Folders that directly hold a category folder, outermost first.
    let mut found: HashSet<&Path> = HashSet::new();
    for d in &dirs {
        let mut dir = Some(*d);
        while let Some(d) = dir {
            if d.file_name().is_some_and(is_category)
                && let Some(p) = d.parent()
            {
                found.insert(p);
            }
            dir = d.parent();
        }
    }
    let mut roots: Vec<&Path> = found
        .iter()
        .copied()
        .filter(|r| !r.ancestors().skip(1).any(|a| found.contains(a)))
        .collect();
    // Beside two tenant folders, every folder is a tenant.
    let mut by_parent: HashMap<&Path, usize> = HashMap::new();
    for r in &roots {
        if let Some(p) = r.parent() {
            *by_parent.entry(p).or_default() += 1;
        }
    }
    let parents: HashSet<&Path> = by_parent
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(p, _)| p)
        .collect();
    let mut siblings: HashSet<&Path> = HashSet::new();
    for d in &dirs {
        for a in d.ancestors() {
            if let Some(p) = a.parent()
                && parents.contains(p)
            {
                siblings.insert(a);
                break;
            }
        }
    }
    roots.extend(siblings);
    roots.sort();
    roots.dedup();
    if roots.len() < 2 {
        return Partition {
            roots: Vec::new(),
            of_folder: vec![None; folders.len()],
        };
    }
    let index: HashMap<&Path, usize> = roots.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let of_dir: Vec<Option<usize>> = dirs
        .iter()
        .map(|d| d.ancestors().find_map(|a| index.get(a).copied()))
        .collect();
    Partition {
        roots: roots.into_iter().map(Path::to_path_buf).collect(),
        of_folder: dir_of.into_iter().map(|n| of_dir[n]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(files: &[&str]) -> Vec<Option<String>> {
        let folders: Vec<&Path> = files
            .iter()
            .map(|f| Path::new(f).parent().unwrap_or(Path::new("")))
            .collect();
        let p = partition(&folders);
        p.of_folder
            .iter()
            .map(|i| i.map(|i| p.roots[i].to_string_lossy().into_owned()))
            .collect()
    }

    #[test]
    fn one_tenant_is_not_split() {
        let s = split(&[
            "t/DeviceConfiguration/a.json",
            "t/Applications/b.json",
            "t/.well-known/com.apple.remotemanagement",
            "t/Entra/Applications/c.json",
        ]);
        assert!(s.iter().all(Option::is_none), "{s:?}");
    }

    #[test]
    fn tenant_folders_side_by_side_are_split() {
        let s = split(&[
            "msp/A/DeviceConfiguration/a.json",
            "msp/A/.well-known/com.apple.remotemanagement",
            "msp/A/Entra/Applications/x.json",
            "msp/B/Device Configurations/b.json",
            "msp/B/Device Configurations/mobileconfig/p.mobileconfig",
            // Raw Graph pages: no category folder, but beside tenant folders.
            "msp/C/GraphPages/deviceConfigurations.page1.json",
            "msp/notes.json",
        ]);
        let want = |t: &str| Some(format!("msp/{t}"));
        assert_eq!(
            s,
            [
                want("A"),
                want("A"),
                want("A"),
                want("B"),
                want("B"),
                want("C"),
                None
            ]
        );
    }

    #[test]
    fn spellings_of_one_folder_are_one_tenant() {
        let s = split(&[
            "A/DeviceConfiguration/named.json",
            "./A/DeviceConfiguration/walked.json",
            "./B/DeviceConfiguration/walked.json",
        ]);
        assert_eq!(s, [Some("A".into()), Some("A".into()), Some("B".into())]);
    }

    #[test]
    fn category_names_match_without_case() {
        let s = split(&["x/a/compliancepolicies/1.json", "x/b/CLIENT APPS/2.json"]);
        assert_eq!(s, [Some("x/a".into()), Some("x/b".into())]);
    }
}
