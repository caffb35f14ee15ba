//! Brotli and gzip copies of the app's static files, made once at start,
//! so a cold load of the 1 MB widget does not wait for on-the-fly
//! compression. `ServeDir` picks them by `Accept-Encoding`.

use std::io::Write;
use std::path::{Path, PathBuf};

const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "css", "html", "svg", "webmanifest"];

/// Writes `name.br` and `name.gz` beside every compressible file of `dist`
/// that lacks fresh ones. A read-only `dist` is fine: the server then
/// compresses on the fly.
pub fn dist(dist: &Path) {
    let mut done = 0;
    for file in files(dist) {
        match compress(&file) {
            Ok(true) => done += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(file = %file.display(), error = %e, "could not write compressed copies");
                return;
            }
        }
    }
    if done > 0 {
        tracing::info!(files = done, "wrote compressed copies of the app");
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e))
        {
            out.push(path);
        }
    }
    out
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn fresh(copy: &Path, source: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    matches!((modified(copy), modified(source)), (Some(c), Some(s)) if c >= s)
}

fn compress(path: &Path) -> std::io::Result<bool> {
    let br = with_suffix(path, ".br");
    let gz = with_suffix(path, ".gz");
    if fresh(&br, path) && fresh(&gz, path) {
        return Ok(false);
    }
    let bytes = std::fs::read(path)?;
    let mut brotli_out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut brotli_out, 64 * 1024, 11, 22);
        w.write_all(&bytes)?;
    }
    std::fs::write(&br, brotli_out)?;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes)?;
    std::fs::write(&gz, gzip.finish()?)?;
    Ok(true)
}
