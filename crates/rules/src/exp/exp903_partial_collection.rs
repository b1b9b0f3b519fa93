//! EXP903 exp-partial-collection: a Graph page with `@odata.nextLink` is one page of many.

use intune_lint_core::classify::Object;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;

pub const RULE: Rule = Rule {
    code: "EXP903",
    check: Check::Document(check),
};

fn check(doc: &Document, _objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    if doc.root.get("value").is_none() || doc.root.get("@odata.nextLink").is_none() {
        return;
    }
    out.push(
        Finding::new(
            "EXP903",
            "the collection page has `@odata.nextLink`: the export holds only the first page, and tenant checks see part of the tenant",
            doc.locate("/@odata.nextLink", Part::Member),
        )
        .with_help("follow `@odata.nextLink` until it is absent and export every page"),
    );
}
