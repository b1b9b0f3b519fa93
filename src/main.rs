//! intune-lint: the command line. Parsing arguments, running a command, exit status.

mod cli;
mod commands;
mod lint_run;
mod sources;

use clap::Parser;
use std::process::ExitCode;

/// Exit statuses (a contract with CI scripts): 0 clean, 1 findings at or above
/// `--fail-on`, 2 usage, configuration or internal error.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Writes to standard output. A reader that went away (`| head`) is not an error of
/// ours and must not become a panic, as `println!` would make it.
pub fn print_out(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

/// A whole-tenant run allocates and frees a value tree per file on two threads; mimalloc
/// took it from 1.64x to about 1.45x the time of a bare read-and-parse in bench/run.sh
/// (glibc malloc spent the difference in page faults and arena contention).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    install_panic_hook();
    let cli = cli::Cli::parse();
    // A panic is a bug of ours: exit 2 (an internal error, by the contract above), never
    // Rust's 101. A panic while checking one file is caught closer, in the engine, and
    // costs only that file; this catches the rest (reporting, tenant checks).
    let result = std::panic::catch_unwind(move || {
        test_panic_seam();
        match cli.command {
            cli::Command::Check(args) => commands::check::run(*args),
            cli::Command::Rules(args) => commands::rules::run(args),
            cli::Command::Explain(args) => commands::explain::run(args),
            cli::Command::Init(args) => commands::init::run(args),
        }
    });
    match result {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(e)) => {
            // Errors quote paths and file contents: each line is escaped like a report.
            let lines: Vec<_> = e.lines().map(intune_lint_report::escape::text).collect();
            eprintln!(
                "intune-lint: error: {}",
                lines.join(
                    "
"
                )
            );
            ExitCode::from(EXIT_ERROR)
        }
        Err(_) => ExitCode::from(EXIT_ERROR),
    }
}

/// Replaces Rust's "thread panicked" text with one that says what happened and where to
/// report it. It runs for every panic, caught or not.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        // A panic message may quote file contents: escaped like any error.
        let message = intune_lint_report::escape::text(intune_lint_core::engine::panic_message(
            info.payload(),
        ));
        let at = info
            .location()
            .map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
        eprintln!(
            "intune-lint: internal error: {message}{at}\n\
             This is a bug in intune-lint {}. Please report it at {} with the command you \
             ran and, if you can share it, the file being checked.",
            env!("CARGO_PKG_VERSION"),
            intune_lint_core::engine::REPORT_BUGS_AT,
        );
    }));
}

/// Debug builds only: `INTUNE_LINT_TEST_PANIC=1` panics outside any file's checks, so the
/// CLI tests can see the hook and the exit status (no release build reads it).
fn test_panic_seam() {
    if cfg!(debug_assertions) && std::env::var_os("INTUNE_LINT_TEST_PANIC").is_some() {
        panic!("INTUNE_LINT_TEST_PANIC is set");
    }
}
