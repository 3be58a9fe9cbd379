//! The commands: each reads its inputs, runs the pure checks and hands the
//! results to a renderer. These and `main` are the only places that do I/O.

pub mod check;
