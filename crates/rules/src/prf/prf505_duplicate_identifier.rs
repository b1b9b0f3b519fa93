//! PRF505 prf-duplicate-identifier: a `PayloadIdentifier` used by two profiles of the
//! linted tree, or by two payloads of one profile.

use super::{describe, loc, object_of};
use intune_lint_core::finding::Finding;
use intune_lint_core::location::Loc;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::Located;
use intune_lint_core::views::tenant::Tenant;
use std::collections::HashMap;

pub const RULE: Rule = Rule {
    code: "PRF505",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, p) in t.profiles.iter().enumerate() {
        let mut here: HashMap<&str, &Located<String, Loc>> = HashMap::new();
        for id in &p.payload_identifiers {
            let k = id.value.as_str();
            if let Some(prev) = here.get(k) {
                out.push(
                    Finding::new(
                        "PRF505",
                        format!("two payloads of this profile share PayloadIdentifier \"{k}\""),
                        id.loc.clone(),
                    )
                    .with_object(object_of(p))
                    .with_related("first used here", prev.loc.clone())
                    .with_help("make each payload's identifier unique within the profile (append a component)"),
                );
            } else {
                here.insert(k, id);
            }
        }
        let Some(id) = &p.identifier else { continue };
        if id.value.trim().is_empty() {
            continue;
        }
        match first.get(id.value.as_str()) {
            Some(&j) if t.profiles[j].digest != p.digest => {
                let other = &t.profiles[j];
                out.push(
                    Finding::new(
                        "PRF505",
                        format!(
                            "PayloadIdentifier \"{}\" is also the identifier of profile {}: installing one replaces the other",
                            id.value,
                            describe(other)
                        ),
                        id.loc.clone(),
                    )
                    .with_object(object_of(p))
                    .with_related("the other profile", loc(other).clone())
                    .with_help("give each profile its own reverse-DNS PayloadIdentifier"),
                );
            }
            Some(_) => {}
            None => {
                first.insert(&id.value, i);
            }
        }
    }
}
