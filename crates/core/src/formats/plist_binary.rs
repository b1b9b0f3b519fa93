//! Binary property lists (`bplist00`), through the plist crate. No spans: binary files have
//! no lines, so findings carry only the key path.

use super::ParseError;
use crate::node::Node;

pub fn parse(_bytes: &[u8]) -> Result<Node, ParseError> {
    Err(ParseError::new(
        "binary plist parsing is not implemented yet",
        None,
    ))
}
