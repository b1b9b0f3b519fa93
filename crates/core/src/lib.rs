//! intune-lint core: everything between the paths a user names and the findings rules report.
//!
//! `source` reads and decodes bytes, `formats` parses them into one spanned [`node::Node`]
//! tree, `classify` recognizes Graph objects and Apple profiles, `views` normalizes what
//! rules read, and `engine` runs the registered rules in parallel.

pub mod discovery;
pub mod document;
pub mod finding;
pub mod formats;
pub mod location;
pub mod node;
pub mod source;
