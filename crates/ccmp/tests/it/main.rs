//! The `ccmp` crate's integration tests, in one binary.

mod errors;
mod examples;
mod fixtures;
mod leniency;
mod registry;
mod roundtrip;
mod schema;
mod support;
