//! PRF504 prf-duplicate-uuid: a `PayloadUUID` used twice, in one profile or by two
//! profiles of the linted tree.

use super::{describe, loc, object_of};
use intune_lint_core::finding::Finding;
use intune_lint_core::location::Loc;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::Located;
use intune_lint_core::views::tenant::{ProfileFacts, Tenant};
use std::collections::HashMap;

pub const RULE: Rule = Rule {
    code: "PRF504",
    check: Check::Tenant(check),
};

fn uuids(p: &ProfileFacts) -> impl Iterator<Item = &Located<String, Loc>> {
    p.uuid.iter().chain(&p.payload_uuids)
}

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    // Apple compares UUIDs without regard to case.
    let key = |u: &Located<String, Loc>| u.value.trim().to_ascii_lowercase();
    let mut first: HashMap<String, (usize, &Located<String, Loc>)> = HashMap::new();
    for (i, p) in t.profiles.iter().enumerate() {
        let mut here: HashMap<String, &Located<String, Loc>> = HashMap::new();
        let mut reported_other = false;
        for u in uuids(p) {
            let k = key(u);
            if k.is_empty() {
                continue;
            }
            if let Some(prev) = here.get(&k) {
                out.push(
                    Finding::new(
                        "PRF504",
                        format!("PayloadUUID \"{}\" is used twice in this profile", u.value),
                        u.loc.clone(),
                    )
                    .with_object(object_of(p))
                    .with_related("first used here", prev.loc.clone())
                    .with_help("give every payload and the profile its own UUID (`uuidgen`)"),
                );
                continue;
            }
            here.insert(k.clone(), u);
            match first.get(&k) {
                // The same content in two forms (a copy) is one profile, not two.
                Some((j, prev)) if !reported_other && t.profiles[*j].digest != p.digest => {
                    reported_other = true;
                    out.push(
                        Finding::new(
                            "PRF504",
                            format!(
                                "PayloadUUID \"{}\" is also used by profile {}",
                                u.value,
                                describe(&t.profiles[*j])
                            ),
                            u.loc.clone(),
                        )
                        .with_object(object_of(p))
                        .with_related("the other profile uses it here", prev.loc.clone())
                        .with_related("the other profile", loc(&t.profiles[*j]).clone())
                        .with_help("a copied profile needs new UUIDs for the profile and every payload (`uuidgen`)"),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert(k, (i, u));
                }
            }
        }
    }
}
