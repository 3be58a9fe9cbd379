//! What the human renderer shows besides findings: how output looks, and
//! the run's totals and what it passed over.

/// How output looks, decided once at the edge (`app::run`) from the flags,
/// the environment and whether stdout is a terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Manners {
    /// Colour the human output with ANSI escapes.
    pub color: bool,
    /// Findings only: no scores, no summary line.
    pub quiet: bool,
}

/// Totals for the closing lines of human output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub skipped: Skipped,
    /// The grantctl.yaml that applied and what it set.
    pub settings: Option<String>,
}

/// What a run passed over, and why: a summary that says "no problems
/// found" must also say what it did not look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Files and folders grantctl.yaml's `exclude` names.
    pub excluded: usize,
    /// Walked `README.md` files without front matter: documentation.
    pub readmes: usize,
}

impl Skipped {
    /// `skipped 3: 2 excluded by grantctl.yaml, 1 README.md without front
    /// matter`, or `None` when nothing was skipped.
    pub fn describe(self) -> Option<String> {
        let mut parts = Vec::new();
        if self.excluded > 0 {
            parts.push(format!("{} excluded by grantctl.yaml", self.excluded));
        }
        if self.readmes > 0 {
            let noun = crate::diagnostic::plural(self.readmes, "README.md");
            parts.push(format!("{noun} without front matter"));
        }
        let total = self.excluded + self.readmes;
        (total > 0).then(|| format!("skipped {total}: {}", parts.join(", ")))
    }
}
