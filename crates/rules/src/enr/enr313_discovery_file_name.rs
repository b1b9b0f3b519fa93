//! ENR313 enr-discovery-file-name: the discovery file has an extension (or another case)
//! in its name, or starts with a byte order mark.

use intune_lint_core::classify::{Kind, Object};
use intune_lint_core::discovery::FILE_NAME;
use intune_lint_core::document::Document;
use intune_lint_core::finding::Finding;
use intune_lint_core::location::Location;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;

pub const RULE: Rule = Rule {
    code: "ENR313",
    check: Check::Document(check),
};

fn check(doc: &Document, objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    if !objects.iter().any(|o| o.kind == Kind::Discovery) {
        return;
    }
    let name = doc.file_name();
    if name != FILE_NAME {
        let why = if name.len() > FILE_NAME.len() {
            "an extension"
        } else {
            "another case"
        };
        out.push(
            Finding::new(
                "ENR313",
                format!("the discovery file is named `{name}`, with {why}: devices request exactly `.well-known/{FILE_NAME}`"),
                Location::file(doc.path.clone()),
            )
            .with_help(format!("rename the file to `{FILE_NAME}`, without an extension")),
        );
    }
    if doc.has_bom() {
        let encoding = doc.encoding.map_or("", |e| e.name());
        out.push(
            Finding::new(
                "ENR313",
                format!("the discovery file starts with a byte order mark ({encoding}); JSON served to devices must not"),
                Location::file(doc.path.clone()),
            )
            .with_help("save the file as UTF-8 without a BOM"),
        );
    }
}
