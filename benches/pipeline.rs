//! Pipeline throughput on a generated input of our own: JSON Lines
//! documents built from every page of `training-data/` (labels stripped),
//! repeated up to `NEWSCHAFF_BENCH_MB` megabytes (default 100).
//!
//! Measures, in one run: `filter`'s record processing on one thread and on
//! all threads (MB/s, pages/s), a C4-style line rule on the same texts, and,
//! where the `fasttext` command is installed (Debian package `fasttext`),
//! `fasttext predict` on the same lines with a model trained on
//! `training-data/`.
//!
//! Run: `cargo bench --bench pipeline`. With `NEWSCHAFF_BENCH_WRITE=PATH`
//! the generated input is also written to PATH (records carry a
//! `metadata.url` on 50 hosts, for `filter --site-memory`).

use std::io::Write;
use std::process::Command;
use std::time::Instant;

use newschaff::stream::{jsonl, FilterConfig};
use newschaff::Detector;

mod common;

fn main() {
    let pages = common::training_pages();
    let (records, total) = common::training_records(&pages, 100, true);
    let mb_total = total as f64 / 1e6;
    if let Ok(path) = std::env::var("NEWSCHAFF_BENCH_WRITE") {
        // The same input as a file, for measuring `newschaff filter` itself.
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for r in &records {
            f.write_all(r).unwrap();
            f.write_all(b"\n").unwrap();
        }
        f.flush().unwrap();
        println!("wrote the input to {path}");
    }
    println!(
        "input: {} records, {:.1} MB of JSON Lines",
        records.len(),
        mb_total
    );

    let detector = Detector::builtin().unwrap();
    let cfg = FilterConfig::default();

    let t = Instant::now();
    let mut out_bytes = 0;
    for r in &records {
        out_bytes += jsonl::process_line(&detector, &cfg, r).bytes.len();
    }
    let one = t.elapsed().as_secs_f64();
    println!(
        "newschaff, 1 thread:   {:7.2} MB/s  {:8.0} pages/s  ({out_bytes} bytes out)",
        mb_total / one,
        records.len() as f64 / one
    );

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t = Instant::now();
    std::thread::scope(|s| {
        for chunk in records.chunks(records.len().div_ceil(threads)) {
            let (d, c) = (&detector, &cfg);
            s.spawn(move || {
                chunk
                    .iter()
                    .map(|r| jsonl::process_line(d, c, r).bytes.len())
                    .sum::<usize>()
            });
        }
    });
    let all = t.elapsed().as_secs_f64();
    println!(
        "newschaff, {threads} threads:  {:7.2} MB/s  {:8.0} pages/s",
        mb_total / all,
        records.len() as f64 / all
    );

    // The same texts, as lines, for the baselines.
    let texts: Vec<String> = records
        .iter()
        .map(|r| {
            serde_json::from_slice::<serde_json::Value>(r).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let t = Instant::now();
    let mut kept = 0usize;
    for text in &texts {
        for l in text.lines() {
            let l = l.trim_end();
            if l.ends_with(['.', '?', '!', '"', '\'']) && l.split_whitespace().count() >= 3 {
                kept += 1;
            }
        }
    }
    let c4 = t.elapsed().as_secs_f64();
    println!(
        "C4-style rule, 1 thread: {:7.2} MB/s  ({kept} lines kept)  newschaff/C4 time ratio {:.1}x",
        mb_total / c4,
        one / c4
    );

    if Command::new("fasttext").arg("help").output().is_ok() {
        let dir = tempfile::TempDir::new().unwrap();
        let train = dir.path().join("train.txt");
        let mut f = std::fs::File::create(&train).unwrap();
        for lp in &pages {
            for (i, label) in lp.labels.iter().enumerate() {
                writeln!(f, "__label__{label} {}", lp.page.text(i)).unwrap();
            }
        }
        let model = dir.path().join("ft");
        let ok = Command::new("fasttext")
            .args(["supervised", "-input"])
            .arg(&train)
            .arg("-output")
            .arg(&model)
            .args([
                "-wordNgrams",
                "2",
                "-epoch",
                "10",
                "-thread",
                "1",
                "-verbose",
                "0",
            ])
            .status()
            .is_ok_and(|s| s.success());
        let lines_path = dir.path().join("lines.txt");
        let mut f = std::fs::File::create(&lines_path).unwrap();
        for text in &texts {
            f.write_all(text.as_bytes()).unwrap();
            f.write_all(b"\n").unwrap();
        }
        drop(f);
        if ok {
            let t = Instant::now();
            let out = Command::new("fasttext")
                .arg("predict")
                .arg(model.with_extension("bin"))
                .arg(&lines_path)
                .output()
                .unwrap();
            let ft = t.elapsed().as_secs_f64();
            println!(
                "fastText predict (1 process): {:7.2} MB/s  ({} predictions)  newschaff/fastText time ratio {:.1}x",
                mb_total / ft,
                out.stdout.split(|&b| b == b'\n').count() - 1,
                one / ft
            );
        }
    } else {
        println!("fastText: not installed (apt-get install fasttext) — skipped");
    }
}
