//! Renderers: one file per output format, `check`'s in `check/` and
//! `compare`'s in `compare/`, each set behind one `match`. Renderers only
//! print; every decision was made before they run. `printable` makes
//! user text safe for a terminal.

mod check;
pub mod compare;
mod csv_record;
mod format;
pub mod printable;
pub mod report;
pub mod reviews;
pub mod shortlist;
mod table;

pub use check::summary::{Manners, Skipped, Summary};
pub use check::{CHECK_FORMATS, CheckFormat, render_check};
pub use format::FormatRow;
