//! Where things are: the workspace root, the cargo target directory, the project's own tools.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Project {
    /// The workspace root (the panel's package).
    pub root: PathBuf,
    /// `CARGO_TARGET_DIR` when set (engineers sharing a checkout each use their own), else `<root>/target`.
    pub target: PathBuf,
}

impl Project {
    pub fn locate() -> Project {
        // `cargo run` names the checkout it runs from; the path compiled in is only a fallback, because a
        // shared target directory reuses an xtask binary built from another checkout (a removed worktree).
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let root = manifest_dir.parent().map(Path::to_path_buf).unwrap_or(manifest_dir);
        let target = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) if !dir.is_empty() => {
                let dir = PathBuf::from(dir);
                // cargo resolves a relative CARGO_TARGET_DIR against the directory it was started in.
                std::env::current_dir().map(|cwd| cwd.join(&dir)).unwrap_or(dir)
            }
            _ => root.join("target"),
        };
        Project { root, target }
    }

    /// `cargo` in the workspace root.
    pub fn cargo(&self) -> Command {
        let mut cmd = Command::new("cargo");
        cmd.current_dir(&self.root);
        cmd
    }

    /// Git-ignored folder for tools the project installs itself (wasm-opt from npm).
    pub fn tools(&self) -> PathBuf {
        self.root.join("tools")
    }

    /// The release build of the panel used by tests and benches, kept apart from `dist/` (which
    /// `cargo xtask run` and the panel engineers' `trunk` use) so that parallel builds don't clobber it.
    pub fn test_dist(&self) -> PathBuf {
        self.target.join("panel-dist")
    }

    /// The server binary as `cargo build -p ccmp-server [--release]` leaves it.
    pub fn server_binary(&self, release: bool) -> PathBuf {
        self.target.join(if release { "release" } else { "debug" }).join("ccmp-server")
    }
}
