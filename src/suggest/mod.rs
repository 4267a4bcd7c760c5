//! Suggesting pairs: scoring each student–ambassador pair, solving the assignment, and
//! explaining the result.

pub mod assignment;
