//! The rule mechanism: a code and the one check it runs, typed by what it reads.

use crate::classify::Object;
use crate::document::Document;
use crate::finding::Finding;
use crate::settings::Settings;
use crate::views::sso::SsoExtension;
use crate::views::tenant::Tenant;

#[derive(Clone, Copy)]
pub struct Rule {
    pub code: &'static str,
    pub check: Check,
}

#[derive(Clone, Copy)]
pub enum Check {
    /// Reported while loading a file (read, decode and parse errors): nothing to run.
    Loader,
    /// Reads a whole parsed document and the objects found in it.
    Document(fn(&Document, &[Object<'_>], &Settings, &mut Vec<Finding>)),
    /// Reads one SSO app extension, from whichever source format.
    Sso(fn(&SsoExtension, &Settings, &mut Vec<Finding>)),
    /// Reads the tenant index once every file is read (cross-object rules). A check that
    /// lacks the objects it needs says so with [`Tenant::not_run`] and reports nothing.
    Tenant(fn(&Tenant, &Settings, &mut Vec<Finding>)),
}
