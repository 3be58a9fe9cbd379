//! How a run ends, as the contract's exit codes.

use std::process::ExitCode;

/// How a run ended (§4): 0 clean, 1 findings that fail the run, 2 the tool
/// itself could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Failure,
    Error,
}

impl ExitStatus {
    /// Failure when there are errors, or warnings under `--deny-warnings`.
    pub fn from_counts(errors: usize, warnings: usize, deny_warnings: bool) -> Self {
        if errors > 0 || (deny_warnings && warnings > 0) {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::from(0),
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}
