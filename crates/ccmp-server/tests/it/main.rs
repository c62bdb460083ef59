//! Integration tests over real HTTP on an ephemeral port: one binary, one module per area.

mod codes;
mod concurrency;
mod crash;
mod liblinphone;
mod random_requests;
mod requests;
mod rfc_examples;
mod schema;
mod startup;
mod support;
mod transport;
mod wire_log;
