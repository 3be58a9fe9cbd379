//! Reviews (§5): reviewers' scores read from CSV files, calibrated for
//! each reviewer's leniency, and how far reviewers agree.

mod agreement;
mod calibrate;
mod read;

pub use agreement::{is_split, krippendorff_alpha};
pub use calibrate::{Calibration, ProposalReviews, RIDGE, ReviewerOffset, calibrate};
pub use read::{Review, ReviewError, duplicate_across, parse_reviews};
