//! Domain views: what rules read, normalized from every source format.

pub mod profile;
pub mod sso;
pub mod tenant;
