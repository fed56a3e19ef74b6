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

criterion_group!(benches, bench);
criterion_main!(benches);
