//! YAML (IntuneCD `-o yaml` backups), with spans from saphyr's marked nodes.

use super::ParseError;
use crate::node::Node;

pub fn parse(_text: &str) -> Result<Node, ParseError> {
    Err(ParseError::new("YAML parsing is not implemented yet", None))
}
