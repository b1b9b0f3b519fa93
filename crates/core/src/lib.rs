//! intune-lint core: everything between the paths a user names and the findings rules report.
//!
//! `source` reads and decodes bytes, `formats` parses them into one spanned [`node::Node`]
//! tree, `classify` recognizes Graph objects and Apple profiles, `views` normalizes what
//! rules read, and `engine` runs the registered rules in parallel.

pub mod atomic;
pub mod baseline;
pub mod catalog;
pub mod classify;
pub mod config;
pub mod discovery;
pub mod document;
pub mod engine;
pub mod export;
pub mod finding;
pub mod fix;
pub mod formats;
pub mod intern;
pub mod lint;
pub mod location;
pub mod node;
pub mod paths;
pub mod readiness;
pub mod rule;
pub mod settings;
pub mod source;
pub mod tenants;
pub mod views;
