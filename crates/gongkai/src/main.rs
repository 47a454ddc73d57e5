//! The `gongkai` command line: the only part of gongkai that touches files, the clock and
//! the environment.
//!
//! Exit codes: 0 = done (warnings allowed), 1 = the budget has errors, 2 = usage or IO.

// The CLI is the one crate that talks to the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod batch;
mod check_cmd;
mod cmd;
mod convert;
mod diff_cmd;
mod init;
mod load;
mod messages;
mod paths;
mod pipeline;
mod profile_cmd;
mod profiles;
mod read;
mod registry;
mod report;
mod usage;
mod write;

use std::io::Write as _;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: laying out, templating and writing a
/// department allocate small strings and vectors by the hundred thousand, and glibc's
/// malloc/free were a fifth of a batch's instructions. Output does not depend on it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a command found, mapped to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Done; at most warnings.
    Ok,
    /// The input has errors; nothing was written.
    InputErrors,
    /// `diff`: the documents differ (exit 1, as diff(1)).
    Differ,
}

fn main() -> ExitCode {
    let cli = match usage::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cmd::dispatch(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::InputErrors | Outcome::Differ) => ExitCode::from(1),
        // A closed pipe (`gongkai tables … | head`) is not a failure: the reader has what
        // it wanted. Nothing to say, and no one to say it to.
        Err(err) if messages::is_broken_pipe(&err) => ExitCode::SUCCESS,
        // A user's template that fails is bad input: its place, and exit 1.
        Err(err) => {
            if let Some(found) = err.downcast_ref::<report::Findings>() {
                let _ = report::human(&mut std::io::stderr().lock(), &found.name, &found.diagnostics);
                return ExitCode::from(1);
            }
            let text = messages::describe(&err);
            let _ = writeln!(std::io::stderr(), "gongkai：错误：{}", messages::visible_lines(&text));
            ExitCode::from(2)
        }
    }
}
