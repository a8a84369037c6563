//! Runs verification case files (the format of `../shared/vectors/CASES.md`):
//!
//! ```text
//! cargo run -p jwt-core --example conformance -- FILE.json [FILE.json ...]
//! ```
//!
//! Prints `FAIL <id>: expected <x>, got <y>` for each mismatch, `ERROR ...` for each file or
//! case that cannot be run, then `N passed, N failed`; exits 0 only when nothing failed.

#[path = "../tests/support/cases.rs"]
mod cases;

use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: conformance FILE.json [FILE.json ...]");
        return ExitCode::from(2);
    }
    let summary = cases::run_files(&paths);
    println!("{summary}");
    if summary.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
