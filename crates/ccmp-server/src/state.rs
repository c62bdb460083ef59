//! What every request handler shares.

use std::sync::Arc;

use crate::auth::Passwords;
use crate::store::Store;
use crate::Config;

/// The server's shared state: cheap to clone, no globals.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub config: Config,
    pub store: Store,
    pub passwords: Passwords,
}

impl AppState {
    pub fn new(config: Config, store: Store) -> AppState {
        AppState(Arc::new(Shared { config, store, passwords: Passwords::default() }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}
