//! The `gongkai` command line: the only part of gongkai that touches files, the clock and
//! the environment.
//!
//! Exit codes: 0 = done (warnings allowed), 1 = the budget has errors, 2 = usage or IO.

// The CLI is the one crate that talks to the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod batch;
mod cmd;
mod convert;
mod init;
mod load;
mod pipeline;
mod registry;
mod report;
mod write;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

/// What a command found, mapped to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Done; at most warnings.
    Ok,
    /// The input has errors; nothing was written.
    InputErrors,
}

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cmd::dispatch(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::InputErrors) => ExitCode::from(1),
        Err(err) => {
            // A closed pipe (`gongkai tables … | head`) is not a failure.
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "gongkai: 错误：{err:#}");
            ExitCode::from(2)
        }
    }
}
