//! The benchmark's floor: the least work `compare --format csv` must do per
//! proposal — read the file, parse its front matter into a
//! `serde_yaml::Value`, run pulldown-cmark over its body — single-threaded,
//! with no checks, no scoring and no output. `benches/run` times grantctl
//! against it on the same files.
//!
//! Usage: cargo bench --bench floor -- DIR...

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let roots: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--")) // `cargo bench` adds `--bench`
        .map(PathBuf::from)
        .collect();
    let mut files = Vec::new();
    for root in &roots {
        for entry in ignore::WalkBuilder::new(root)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build()
            .flatten()
        {
            if entry.path().extension().is_some_and(|e| e == "md") {
                files.push(entry.into_path());
            }
        }
    }
    let start = Instant::now();
    let (mut bytes, mut keys, mut events) = (0usize, 0usize, 0usize);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        bytes += text.len();
        let (yaml, body) = split(&text);
        if let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(yaml)
        {
            keys += map.len();
        }
        events += pulldown_cmark::Parser::new(body).count();
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "floor: {} files, {} bytes, {:.3} s, {:.1} MB/s, {:.0} proposals/s ({keys} keys, {events} events)",
        files.len(),
        bytes,
        seconds,
        bytes as f64 / seconds / 1e6,
        files.len() as f64 / seconds,
    );
}

/// The front matter and the body: the text between the first `---` line and
/// the next, and what follows. A file without front matter is all body.
fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    match rest.find("\n---\n") {
        Some(end) => (&rest[..end + 1], &rest[end + 5..]),
        None => ("", text),
    }
}
