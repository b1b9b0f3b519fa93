//! EXP: the export files themselves (parse errors, encodings, truncation, partial pages).

mod exp901_parse_error;
mod exp902_truncated_export;
mod exp903_partial_collection;
mod exp904_duplicate_key;
mod exp905_encoding;
mod exp906_unreadable;
mod exp907_expired_waiver;

use intune_lint_core::rule::Rule;

pub const RULES: &[Rule] = &[
    exp901_parse_error::RULE,
    exp902_truncated_export::RULE,
    exp903_partial_collection::RULE,
    exp904_duplicate_key::RULE,
    exp905_encoding::RULE,
    exp906_unreadable::RULE,
    exp907_expired_waiver::RULE,
];
