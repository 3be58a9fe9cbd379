//! The typed proposal and its reader: front matter split from the body
//! (`frontmatter`), the YAML tree read into the model (`model`) with one
//! finding per bad field, and the model described for editors (`schema`).
//!
//! The reader is split by concern: `document` reads the root and the
//! file's settings, `funding` and `lines` their parts, `amount` every
//! amount, number and currency, over what `reader` shares; `keys` is the
//! one list of field names.

mod amount;
mod document;
pub mod frontmatter;
mod funding;
pub mod keys;
mod lines;
mod model;
mod reader;
pub mod schema;

pub use model::{BudgetLine, Field, Funding, LineSpots, MAX_BUDGET_DEPTH, OtherSource, Proposal};

use crate::diagnostic::Findings;
use crate::yaml::Node;

/// Reads the front matter's tree into a proposal, pushing a finding for
/// every problem; `None` (with a `frontmatter` finding) when it is not a
/// mapping at all. `default_id` is the id when it states none.
pub fn read(root: Node, default_id: &str, out: &mut Findings) -> Option<Proposal> {
    document::read_proposal(root, default_id, out)
}

/// The file name without `.md`: a proposal's id when it states none.
pub fn default_id(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
