//! `cargo xtask bench`: figures, never pass/fail. Each line says what was
//! measured and how.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::shell::{Result, root};
use crate::{build, setup};

pub fn all() -> Result {
    setup::all()?;
    build::release()?;
    download_size()
}

/// What a browser downloads to start the app: the wasm module and its JS
/// glue, raw and gzip-compressed (level 9, as a static pre-compressor would).
fn download_size() -> Result {
    let dist = root().join("dist");
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(&dist).map_err(|e| format!("dist/: {e}"))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let is_app =
            name.starts_with("frontdesk-") && (name.ends_with(".wasm") || name.ends_with(".js"));
        if is_app {
            let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
            rows.push((name, bytes.len(), gzip_len(&bytes)));
        }
    }
    rows.sort();
    println!("\nApp download (release build in dist/, gzip level 9)");
    for (name, raw, gz) in &rows {
        println!(
            "  {name:<44} {:>8.1} kB raw {:>8.1} kB gzip",
            kb(*raw),
            kb(*gz)
        );
    }
    let (raw, gz) = rows
        .iter()
        .fold((0, 0), |(r, g), (_, raw, gz)| (r + raw, g + gz));
    println!(
        "  {:<44} {:>8.1} kB raw {:>8.1} kB gzip (target < 250 kB gzip)",
        "wasm + js",
        kb(raw),
        kb(gz)
    );
    Ok(())
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1000.0
}
