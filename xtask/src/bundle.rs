//! The release bundle's compressed copies, and its sizes (wasm, js, css; raw, gzipped, and as served)
//! against the panel's budget.

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;

/// Issue 5: wasm, js and css together, gzipped, at most 250 KB (1 KB = 1000 bytes here).
pub const BUDGET_GZIP_BYTES: u64 = 250_000;
const KINDS: [&str; 3] = ["wasm", "js", "css"];

/// Writes a brotli and a gzip copy (`.br`, `.gz`) beside each wasm, js and css file of `dist`, at the best
/// compression: the server sends one to a browser that accepts it (tower-http's precompressed files),
/// so the bytes on the wire cost nothing per request. config.json and index.html are left alone: `cargo
/// xtask run` rewrites the first after the build, and a stale copy would be served in its place.
///
/// Brotli at its best takes seconds, and trunk empties `dist` at every build; the copies are kept in
/// `cache` under the content's hash, so a build that changed nothing does not pay for them again.
pub fn precompress(dist: &Path, cache: &Path) -> Result<()> {
    std::fs::create_dir_all(cache).with_context(|| format!("creating {}", cache.display()))?;
    let mut used = Vec::new();
    for file in files(dist)? {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !KINDS.contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        let key = format!("{:016x}", hasher.finish());
        for (suffix, compress) in [("gz", gzip_best as fn(&[u8]) -> Result<Vec<u8>>), ("br", brotli_best)] {
            let cached = cache.join(format!("{key}.{suffix}"));
            let compressed = match std::fs::read(&cached) {
                Ok(compressed) => compressed,
                Err(_) => {
                    let compressed = compress(&bytes)?;
                    std::fs::write(&cached, &compressed).with_context(|| format!("writing {}", cached.display()))?;
                    compressed
                }
            };
            write_beside(&file, suffix, &compressed)?;
            used.push(cached);
        }
    }
    // Copies of earlier builds go.
    for old in files(cache)?.into_iter().filter(|f| !used.contains(f)) {
        std::fs::remove_file(&old).with_context(|| format!("removing {}", old.display()))?;
    }
    Ok(())
}

fn gzip_best(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(bytes)?;
    Ok(gz.finish()?)
}

fn brotli_best(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params)?;
    Ok(br)
}

fn write_beside(file: &Path, suffix: &str, bytes: &[u8]) -> Result<()> {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    std::fs::write(&name, bytes).with_context(|| format!("writing {}", Path::new(&name).display()))
}

pub struct Bundle {
    /// Per kind, in `KINDS` order: raw bytes, gzipped bytes, bytes as served (the `.br` copy when there
    /// is one).
    sizes: [(u64, u64, u64); 3],
}

impl Bundle {
    pub fn measure(dist: &Path) -> Result<Bundle> {
        let mut sizes = [(0, 0, 0); 3];
        for file in files(dist)? {
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
            if let Some(i) = KINDS.iter().position(|k| *k == ext) {
                let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
                sizes[i].0 += bytes.len() as u64;
                sizes[i].1 += gzip_len(&bytes)?;
                let mut br = file.as_os_str().to_owned();
                br.push(".br");
                sizes[i].2 += std::fs::metadata(&br).map_or(bytes.len() as u64, |m| m.len());
            }
        }
        if sizes[0].0 == 0 {
            bail!("no .wasm file in {}: is it a trunk build?", dist.display());
        }
        Ok(Bundle { sizes })
    }

    pub fn total_gzip(&self) -> u64 {
        self.sizes.iter().map(|s| s.1).sum()
    }

    fn total_raw(&self) -> u64 {
        self.sizes.iter().map(|s| s.0).sum()
    }

    fn total_served(&self) -> u64 {
        self.sizes.iter().map(|s| s.2).sum()
    }

    fn verdict(&self) -> String {
        let total = self.total_gzip();
        let percent = total * 100 / BUDGET_GZIP_BYTES;
        let within = if total <= BUDGET_GZIP_BYTES { "within" } else { "OVER" };
        format!("{percent}% of the {} budget, {within}", kb(BUDGET_GZIP_BYTES))
    }

    /// A plain-text table for the terminal.
    pub fn table(&self) -> String {
        let mut out = format!("release bundle      {:>10}  {:>10}  {:>10}\n", "raw", "gzip -6", "served (br)");
        for (kind, (raw, gz, served)) in KINDS.iter().zip(self.sizes) {
            out += &format!("  {kind:<16}  {:>10}  {:>10}  {:>10}\n", kb(raw), kb(gz), kb(served));
        }
        out += &format!(
            "  {:<16}  {:>10}  {:>10}  {:>10}   {}",
            "total",
            kb(self.total_raw()),
            kb(self.total_gzip()),
            kb(self.total_served()),
            self.verdict()
        );
        out
    }

    /// A markdown table for BENCHMARKS.md.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| file | raw | gzipped (gzip -6) | as served (brotli, to a browser that accepts it) |\n|---|---:|---:|---:|\n",
        );
        for (kind, (raw, gz, served)) in KINDS.iter().zip(self.sizes) {
            out += &format!("| {kind} | {} | {} | {} |\n", kb(raw), kb(gz), kb(served));
        }
        out += &format!(
            "| **total** | {} | **{}** | {} |\n\n",
            kb(self.total_raw()),
            kb(self.total_gzip()),
            kb(self.total_served())
        );
        out += &format!(
            "Budget (issue 5): {} gzipped for wasm, js and css together: {}.\n",
            kb(BUDGET_GZIP_BYTES),
            self.verdict()
        );
        out
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn gzip_len(bytes: &[u8]) -> Result<u64> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(bytes)?;
    Ok(gz.finish()?.len() as u64)
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path);
            }
        }
    }
    Ok(out)
}
