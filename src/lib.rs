//! The CCMP moderator panel. `state` is plain Rust and builds everywhere; the user interface is wasm32
//! only, so that the root package still builds natively for the end-to-end test binary.

pub mod state;
