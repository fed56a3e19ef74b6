//! A crawler-side use of newschaff: one `Detector`, built once, shared by
//! worker threads that clean pages as they arrive.
//!
//! Run: `cargo run --release --example crawler -- examples/page.txt tests/fixtures/farm/*.txt`

use std::sync::mpsc;

use newschaff::{Detector, Page};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let detector = Detector::builtin()?; // Send + Sync: share it by reference
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|s| {
        for chunk in paths.chunks(paths.len().div_ceil(4).max(1)) {
            let (detector, tx) = (&detector, tx.clone());
            s.spawn(move || {
                for path in chunk {
                    let Ok(bytes) = std::fs::read(path) else {
                        eprintln!("{path}: cannot read");
                        continue;
                    };
                    let page = Page::from_bytes(bytes);
                    let mut kept = Vec::new();
                    let report = detector
                        .clean_repaired(&page, &mut kept)
                        .expect("Vec write");
                    tx.send((path.clone(), kept.len(), report.summary))
                        .expect("receiver alive");
                }
            });
        }
        drop(tx);
        for (path, kept, summary) in rx {
            println!(
                "{path}: kept {kept} bytes, {} of {} lines noise, content farm: {} {:?}, spam score {:.2}",
                summary.noise_lines, summary.lines, summary.content_farm, summary.brands, summary.spam_score
            );
        }
    });
    Ok(())
}
