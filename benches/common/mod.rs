//! The benches' input: JSON Lines documents built from every page of
//! `training-data/` (labels stripped), repeated up to `NEWSCHAFF_BENCH_MB`
//! megabytes (`default_mb` when unset).

use std::path::Path;

use newschaff::labelled::{expand_paths, read_labelled_file, LabelledPage};

/// Every labelled page of `training-data/`.
pub fn training_pages() -> Vec<LabelledPage> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("training-data");
    expand_paths(&[root])
        .unwrap()
        .iter()
        .map(|p| read_labelled_file(p).unwrap())
        .collect()
}

/// The records of `pages` (one JSON object each, no newline) and their total size in
/// bytes counting one newline each. With `urls`, each record carries a
/// `metadata.url` on one of 50 hosts, for `filter --site-memory`.
pub fn training_records(
    pages: &[LabelledPage],
    default_mb: usize,
    urls: bool,
) -> (Vec<Vec<u8>>, usize) {
    let mb: usize = std::env::var("NEWSCHAFF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_mb);
    let mut records: Vec<Vec<u8>> = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < mb << 20 {
        let lp = &pages[i % pages.len()];
        let text = String::from_utf8_lossy(lp.page.bytes());
        let value = if urls {
            serde_json::json!({"id": i, "text": text, "metadata": {"n": i, "url": format!("https://site{}.example/{i}", i % 50)}})
        } else {
            serde_json::json!({"id": i, "text": text})
        };
        let rec = serde_json::to_vec(&value).unwrap();
        total += rec.len() + 1;
        records.push(rec);
        i += 1;
    }
    (records, total)
}
