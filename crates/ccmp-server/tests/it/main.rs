//! Integration tests over real HTTP on an ephemeral port.

mod support;
mod transport;
