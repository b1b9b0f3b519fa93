//! XML property lists, walked with quick-xml so every key and value keeps its byte span
//! and duplicate `<key>`s in a `<dict>` survive (the plist crate collapses them).

use super::ParseError;
use crate::node::Node;

pub fn parse(_text: &str) -> Result<Node, ParseError> {
    Err(ParseError::new(
        "XML plist parsing is not implemented yet",
        None,
    ))
}
