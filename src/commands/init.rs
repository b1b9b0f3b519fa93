//! `intune-lint init`: write a commented starter configuration.

use crate::cli::InitArgs;
use intune_lint_core::atomic;
use intune_lint_core::config::STARTER;

pub fn run(args: InitArgs) -> Result<u8, String> {
    let path = &args.path;
    if path.exists() {
        return Err(format!(
            "`{}` already exists; not overwriting it",
            path.display()
        ));
    }
    atomic::create_atomic(path, STARTER.as_bytes()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("`{}` already exists; not overwriting it", path.display())
        } else {
            format!("cannot write `{}`: {e}", path.display())
        }
    })?;
    eprintln!("Wrote {}", path.display());
    Ok(0)
}
