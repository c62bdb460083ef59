//! The toolchain self-install. Each requirement is checked first and installed only when missing, so a
//! second run installs nothing and takes a second or two; each failure names what is missing and the
//! command that fixes it. `spec/TOOLCHAIN.md` says why these exact tools and versions.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::project::Project;
use crate::sh;

/// trunk 0.22 needs a newer rustc than 1.95.
pub const TRUNK_VERSION: &str = "0.21.14";
/// wasm-opt from npm's binaryen; Debian's binaryen 108 yields a module that dies at start-up.
const BINARYEN_VERSION: &str = "123.0.0";
const BINARYEN_BANNER: &str = "version 123";
/// axe-core from npm: the accessibility checker the end-to-end tests run in each page of the panel.
const AXE_VERSION: &str = "4.14.1";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian packages and the program by which each is recognised.
const APT_PACKAGES: &[(&str, &str)] =
    &[("chromium", "chromium"), ("chromium-driver", "chromedriver"), ("libxml2-utils", "xmllint"), ("npm", "npm")];

pub struct Toolchain<'a> {
    project: &'a Project,
    cargo_bin: PathBuf,
    /// PATH for every program the xtask starts: the project's wasm-opt first (before Debian's), then cargo's
    /// bin (trunk, wasm-bindgen, wasm-bindgen-test-runner), then the inherited PATH.
    pub path: OsString,
}

impl<'a> Toolchain<'a> {
    pub fn project(&self) -> &'a Project {
        self.project
    }

    /// Where the tools are or will be; checks nothing.
    pub fn locate(project: &'a Project) -> Toolchain<'a> {
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"));
        let cargo_bin = cargo_home.join("bin");
        let wasm_opt_dir = binaryen_dir(project).join("node_modules/.bin");
        let inherited = std::env::var_os("PATH").unwrap_or_default();
        let dirs = [wasm_opt_dir, cargo_bin.clone()].into_iter().chain(std::env::split_paths(&inherited));
        let path = std::env::join_paths(dirs).unwrap_or(inherited);
        Toolchain { project, cargo_bin, path }
    }

    /// `name` resolved on the toolchain's PATH, with that PATH in its environment.
    pub fn command(&self, name: &str) -> Command {
        let program = sh::which(name, &self.path).unwrap_or_else(|| PathBuf::from(name));
        let mut cmd = Command::new(program);
        cmd.env("PATH", &self.path).current_dir(&self.project.root);
        cmd
    }

    /// `cargo` in the workspace root with the toolchain's PATH (so trunk and the wasm test runner are found).
    pub fn cargo(&self) -> Command {
        let mut cmd = self.project.cargo();
        cmd.env("PATH", &self.path);
        cmd
    }

    pub fn chromedriver(&self) -> PathBuf {
        sh::which("chromedriver", &self.path).unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"))
    }

    pub fn chromium(&self) -> PathBuf {
        sh::which("chromium", &self.path).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
    }

    /// Checks every requirement and installs what is missing.
    pub fn ensure(&self) -> Result<()> {
        eprintln!("toolchain: checking (installs only what is missing)");
        self.rust_components()?;
        self.wasm_target()?;
        self.apt_packages()?;
        self.browser_versions()?;
        self.trunk()?;
        self.wasm_bindgen()?;
        self.wasm_opt()?;
        self.axe()?;
        Ok(())
    }

    fn rust_components(&self) -> Result<()> {
        let present = |sub: &str| sh::read(self.cargo().args([sub, "--version"])).is_some();
        if !(present("fmt") && present("clippy")) {
            install("rustfmt and clippy", Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]))?;
        }
        ok("rustfmt and clippy");
        Ok(())
    }

    fn wasm_target(&self) -> Result<()> {
        let installed = || {
            sh::read(Command::new("rustc").args(["--print", "sysroot"]))
                .is_some_and(|root| PathBuf::from(root).join("lib/rustlib").join(WASM_TARGET).join("lib").is_dir())
        };
        if !installed() {
            install(WASM_TARGET, Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
        }
        ok(&format!("rust target {WASM_TARGET}"));
        Ok(())
    }

    fn apt_packages(&self) -> Result<()> {
        let missing = || -> Vec<&str> {
            APT_PACKAGES
                .iter()
                .filter(|(_, program)| sh::which(program, &self.path).is_none())
                .map(|(p, _)| *p)
                .collect()
        };
        let wanted = missing();
        if !wanted.is_empty() {
            let fix = format!("apt-get install -y {}", wanted.join(" "));
            // SAFETY: geteuid has no preconditions and cannot fail.
            if unsafe { libc::geteuid() } != 0 {
                bail!("missing Debian packages {}: run `sudo {fix}`, then retry", wanted.join(", "));
            }
            let apt_install = || sh::run(Command::new("apt-get").args(["install", "-y"]).args(&wanted));
            if apt_install().is_err() {
                eprintln!("toolchain: apt-get install failed; refreshing the package lists and trying again");
                sh::run(Command::new("apt-get").arg("update")).context("`apt-get update` failed")?;
                apt_install().with_context(|| format!("missing Debian packages; `{fix}` failed"))?;
            }
            if !missing().is_empty() {
                bail!("`{fix}` ran but {} still missing from PATH", missing().join(", "));
            }
        }
        ok("chromium, chromedriver, xmllint, npm (Debian)");
        Ok(())
    }

    /// chromedriver drives only the Chromium of its own major version.
    fn browser_versions(&self) -> Result<()> {
        let version = |program: PathBuf| {
            sh::read(Command::new(&program).arg("--version"))
                .and_then(|v| v.split_whitespace().nth(1).map(str::to_string))
                .with_context(|| format!("`{} --version` failed", program.display()))
        };
        let browser = version(self.chromium())?;
        let driver = version(self.chromedriver())?;
        let major = |v: &str| v.split('.').next().unwrap_or_default().to_string();
        if major(&browser) != major(&driver) {
            bail!(
                "chromium {browser} and chromedriver {driver} differ in major version: \
                 run `apt-get install -y chromium chromium-driver` to bring both to the same release"
            );
        }
        ok(&format!("chromium {browser} with chromedriver {driver}"));
        Ok(())
    }

    fn trunk(&self) -> Result<()> {
        let wanted = format!("trunk {TRUNK_VERSION}");
        let current = || sh::read(self.command("trunk").arg("--version"));
        if current().as_deref() != Some(wanted.as_str()) {
            let spec = format!("trunk@{TRUNK_VERSION}");
            eprintln!("toolchain: {wanted} not found (found: {}); installing, about 9 minutes", describe(current()));
            install(&wanted, &mut self.cargo_install(&["--locked", &spec]))?;
            if current().as_deref() != Some(wanted.as_str()) {
                bail!(
                    "installed {wanted} into {} but `trunk --version` says {}",
                    self.cargo_bin.display(),
                    describe(current())
                );
            }
        }
        ok(&wanted);
        Ok(())
    }

    /// wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock (trunk runs offline and uses it).
    fn wasm_bindgen(&self) -> Result<()> {
        let version = self.locked_version("wasm-bindgen")?;
        let tools = ["wasm-bindgen", "wasm-bindgen-test-runner"];
        let matches = |tool: &str| {
            sh::read(self.command(tool).arg("--version")).is_some_and(|v| v.split_whitespace().last() == Some(&version))
        };
        if !tools.iter().all(|t| matches(t)) {
            let spec = format!("wasm-bindgen-cli@{version}");
            eprintln!("toolchain: wasm-bindgen-cli {version} (the version in Cargo.lock) not found; installing");
            // The locked install fails on registry mirrors that lack a crate of its lock file
            // (webpki-roots 1.0.11 on these machines); the unlocked install resolves anew and works.
            if sh::run(&mut self.cargo_install(&["--locked", &spec])).is_err() {
                eprintln!("toolchain: the --locked install failed; trying without --locked");
                install(&format!("wasm-bindgen-cli {version}"), &mut self.cargo_install(&[&spec]))?;
            }
            if let Some(tool) = tools.iter().find(|t| !matches(t)) {
                bail!("installed {spec} but `{tool} --version` does not report {version}");
            }
        }
        ok(&format!("wasm-bindgen-cli {version}"));
        Ok(())
    }

    fn wasm_opt(&self) -> Result<()> {
        let dir = binaryen_dir(self.project);
        let wasm_opt = dir.join("node_modules/.bin/wasm-opt");
        let current = || sh::read(Command::new(&wasm_opt).arg("--version"));
        if !current().is_some_and(|v| v.contains(BINARYEN_BANNER)) {
            let spec = format!("binaryen@{BINARYEN_VERSION}");
            let mut npm = self.command("npm");
            npm.args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(&dir).arg(&spec);
            install(&format!("wasm-opt ({spec} from npm)"), &mut npm)?;
            if !current().is_some_and(|v| v.contains(BINARYEN_BANNER)) {
                bail!("installed {spec} but `{} --version` says {}", wasm_opt.display(), describe(current()));
            }
        }
        ok(&format!("wasm-opt {BINARYEN_BANNER} ({})", wasm_opt.display()));
        Ok(())
    }

    fn axe(&self) -> Result<()> {
        let dir = self.project.tools().join("axe");
        let manifest = dir.join("node_modules/axe-core/package.json");
        let wanted = format!("\"version\": \"{AXE_VERSION}\"");
        let current = || std::fs::read_to_string(&manifest).is_ok_and(|m| m.contains(&wanted));
        if !current() {
            let spec = format!("axe-core@{AXE_VERSION}");
            let mut npm = self.command("npm");
            npm.args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(&dir).arg(&spec);
            install(&format!("{spec} from npm"), &mut npm)?;
            if !current() {
                bail!("installed {spec} but {} does not say version {AXE_VERSION}", manifest.display());
            }
        }
        ok(&format!("axe-core {AXE_VERSION} ({})", self.axe_script().display()));
        Ok(())
    }

    /// The axe-core script the end-to-end tests inject into the panel's pages.
    pub fn axe_script(&self) -> PathBuf {
        self.project.tools().join("axe/node_modules/axe-core/axe.min.js")
    }

    /// `cargo install` with its own temporary target dir: a CARGO_TARGET_DIR shared with builds would mix
    /// the tools' release artifacts into it and contend for its lock.
    fn cargo_install(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("cargo");
        cmd.arg("install").args(args).env_remove("CARGO_TARGET_DIR");
        cmd
    }

    /// The version of `package` recorded in Cargo.lock.
    pub fn locked_version(&self, package: &str) -> Result<String> {
        let lock_path = self.project.root.join("Cargo.lock");
        let lock = std::fs::read_to_string(&lock_path).with_context(|| format!("reading {}", lock_path.display()))?;
        let name_line = format!("name = \"{package}\"");
        let mut lines = lock.lines();
        let mut versions = Vec::new();
        while let Some(line) = lines.next() {
            if line.trim() == name_line {
                if let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                    versions.push(v.trim_end_matches('"').to_string());
                }
            }
        }
        match versions.as_slice() {
            [one] => Ok(one.clone()),
            [] => bail!("{package} is not in Cargo.lock; run `cargo generate-lockfile`"),
            many => bail!("Cargo.lock holds several versions of {package} ({}); keep one", many.join(", ")),
        }
    }
}

fn binaryen_dir(project: &Project) -> PathBuf {
    project.tools().join("binaryen")
}

fn install(what: &str, cmd: &mut Command) -> Result<()> {
    let fix = sh::display(cmd);
    eprintln!("toolchain: installing {what}");
    sh::run(cmd).with_context(|| format!("{what} is missing and could not be installed; fix: `{fix}`"))
}

fn ok(what: &str) {
    eprintln!("  ok  {what}");
}

fn describe(version: Option<String>) -> String {
    version.unwrap_or_else(|| "nothing".into())
}
