//! Scoring throughput on committed inputs: every page of `training-data/`
//! with its labels stripped. Compared in the same run with a C4-style line
//! rule (keep lines that end in `.?!"'` and have at least 3 words).
//!
//! Run: `cargo bench --bench throughput`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use newschaff::labelled::{expand_paths, read_labelled_file};
use newschaff::{Detector, Page};

fn pages() -> Vec<Page> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("training-data");
    expand_paths(&[root])
        .expect("training-data/ is committed")
        .iter()
        .map(|p| {
            let lp = read_labelled_file(p).expect("valid labelled file");
            Page::from_bytes(lp.page.bytes().to_vec())
        })
        .collect()
}

fn c4_rule(page: &Page) -> usize {
    (0..page.len())
        .filter(|&i| {
            let t = page.text(i);
            let t = t.trim_end();
            t.ends_with(['.', '?', '!', '"', '\'']) && t.split_whitespace().count() >= 3
        })
        .count()
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(|p| p.bytes().len()).sum();
    let lines: usize = pages.iter().map(Page::len).sum();
    let detector = Detector::builtin().expect("built-in model");
    let mut g = c.benchmark_group("score");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(
        BenchmarkId::new("newschaff", format!("{lines} lines")),
        |b| b.iter(|| pages.iter().map(|p| detector.score(p).len()).sum::<usize>()),
    );
    g.bench_function(BenchmarkId::new("c4-rule", format!("{lines} lines")), |b| {
        b.iter(|| pages.iter().map(c4_rule).sum::<usize>())
    });
    g.finish();
}

/// Lines built to be slow, at growing sizes: the time per byte must stay
/// flat (linear time). Lines past 16 KiB are featurised from a prefix.
fn adversarial(c: &mut Criterion) {
    let detector = Detector::builtin().expect("built-in model");
    type Maker = fn(usize) -> String;
    let kinds: [(&str, Maker); 6] = [
        ("ordinary", |n| {
            "The council met on Tuesday and agreed the plan. ".repeat(n / 48 + 1)
        }),
        ("pipes", |n| "|".repeat(n)),
        ("punctuation", |n| ".,;:!?-»".repeat(n / 8 + 1)),
        ("repeated-token", |n| "Algosensey ".repeat(n / 11 + 1)),
        ("huge-number", |n| "9".repeat(n)),
        ("glued-caps", |n| "HomeNewsSport|".repeat(n / 14 + 1)),
    ];
    let mut g = c.benchmark_group("adversarial");
    for (name, make) in kinds {
        for size in [1024usize, 4096, 16384] {
            // A page of 64 such lines.
            let text = (0..64).map(|_| make(size)).collect::<Vec<_>>().join("\n");
            let page = Page::from_text(&text);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(BenchmarkId::new(name, size), |b| {
                b.iter(|| detector.score(&page).len())
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench, adversarial);
criterion_main!(benches);
