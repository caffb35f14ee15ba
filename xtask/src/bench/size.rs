//! The size of what a browser downloads to start the app.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::shell::{Result, root};

/// What a browser downloads to start each bundle: the wasm module and its
/// JS glue, raw and gzip-compressed (level 9, as a static pre-compressor
/// would). The staff app and the booking widget are separate downloads.
pub fn download() -> Result {
    bundle("Staff app download (dist/)", "", Some(250.0))?;
    bundle(
        "Booking widget download (dist/widget/, what embed.js loads)",
        "widget",
        None,
    )
}

fn bundle(title: &str, dir: &str, target_kb: Option<f64>) -> Result {
    let dist = root().join("dist").join(dir);
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(&dist).map_err(|e| format!("{}: {e}", dist.display()))? {
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
    println!("\n{title}, release build, gzip level 9");
    for (name, raw, gz) in &rows {
        println!(
            "  {name:<48} {:>8.1} kB raw {:>8.1} kB gzip",
            kb(*raw),
            kb(*gz)
        );
    }
    let (raw, gz) = rows
        .iter()
        .fold((0, 0), |(r, g), (_, raw, gz)| (r + raw, g + gz));
    let target = target_kb
        .map(|t| format!(" (target < {t:.0} kB gzip)"))
        .unwrap_or_default();
    println!(
        "  {:<48} {:>8.1} kB raw {:>8.1} kB gzip{target}",
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
