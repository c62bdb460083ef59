//! The `ccmp` crate's integration tests, in one binary.

mod examples;
mod support;
