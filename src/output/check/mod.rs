//! `check`'s renderers, one file per format.

pub(super) mod github;
pub(super) mod human;
pub(super) mod json;
pub(super) mod sarif;
