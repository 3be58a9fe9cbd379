//! The progress bar for long runs: on stderr only, so stdout stays clean
//! CSV or JSON, and only once a run has lasted long enough to need one.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A run shorter than this never shows a bar, so small folders print no flicker.
const SHOW_AFTER: Duration = Duration::from_millis(500);

/// Counts files done; safe to share between worker threads.
pub struct Progress {
    bar: ProgressBar,
    /// Whether the bar may appear at all (stderr is a terminal).
    enabled: bool,
    shown: AtomicBool,
}

impl Progress {
    /// A hidden bar over `total` files; `enabled` lets it appear on stderr
    /// once the run passes `SHOW_AFTER`.
    pub fn new(total: usize, enabled: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{wide_bar} {pos}/{len} proposals, eta {eta}")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            enabled,
            shown: AtomicBool::new(false),
        }
    }

    /// Marks one file done. A bar that can never appear is not counted:
    /// every worker calls this once per file, and counting means a shared
    /// counter, a rate limiter and a clock read each time.
    pub fn inc(&self) {
        if !self.enabled {
            return;
        }
        self.bar.inc(1);
        if !self.shown.load(Ordering::Relaxed)
            && self.bar.elapsed() >= SHOW_AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Removes the bar, leaving stderr as it was.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
