//! Where `filter`'s time goes, stage by stage, on one thread: JSON Lines
//! records built from every page of `training-data/` (labels stripped),
//! repeated up to `NEWSCHAFF_BENCH_MB` megabytes (default 20), as in
//! `benches/pipeline.rs`.
//!
//! Stages (each timed over all records, in one run, so their shares can
//! be compared): read (JSON parsing and splitting the text into lines),
//! the line pass of the page analysis (words, counts, detectors), brand
//! discovery, the rest of the page analysis, the first pass of scoring
//! (features hashed into the experts' tables), the page pass (second
//! pass, smoothing, article end) and the report and JSON out (what
//! `jsonl::process_line` takes beyond the other stages). Then the cost of
//! each detector alone on every line, dearest first, and of all the
//! detectors of each features version that added some.
//!
//! Every figure is the fastest of three rounds (the line pass, timed
//! line by line, of one). Run: `cargo bench --bench stages`.

use std::hint::black_box;
use std::time::Instant;

use newschaff::artefacts::evidence;
use newschaff::features::detectors::{self, detect_only};
use newschaff::features::shape::LineStats;
use newschaff::features::{Group, SumScratch};
use newschaff::stream::{jsonl, FilterConfig};
use newschaff::{Detector, Page};

mod common;

fn main() {
    let pages = common::training_pages();
    let (records, total) = common::training_records(&pages, 20, false);
    let mb_total = total as f64 / 1e6;
    println!(
        "input: {} records, {mb_total:.1} MB of JSON Lines",
        records.len()
    );
    let detector = Detector::builtin().unwrap();
    let model = detector.model();
    let featuriser = model.featuriser();
    let cfg = FilterConfig::default();
    let max_bytes = featuriser.params().max_line_bytes;

    // The fastest of three rounds: the machine may be shared.
    let time = |f: &mut dyn FnMut()| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };

    // Whole: what filter does per record.
    let whole = time(&mut || {
        for r in &records {
            black_box(jsonl::process_line(&detector, &cfg, r));
        }
    });

    let mut read_pages: Vec<Page> = Vec::new();
    let read = time(&mut || {
        read_pages = records
            .iter()
            .map(|r| {
                let v: serde_json::Value = serde_json::from_slice(r).unwrap();
                Page::from_text(v["text"].as_str().unwrap())
            })
            .collect();
    });

    // The line pass: text, lower case, counts and words, detectors.
    let mut line_pass = 0.0;
    let mut detect_time = 0.0;
    let mut lines: Vec<(String, String, LineStats)> = Vec::new();
    let mut prose_lines: Vec<(Vec<String>, Vec<bool>)> = Vec::new();
    for page in &read_pages {
        let t = Instant::now();
        let mut page_lines = Vec::new();
        for (i, line) in page.lines().iter().enumerate() {
            if line.blank {
                continue;
            }
            let text = page.feature_text(i, max_bytes).into_owned();
            let lower = text.to_lowercase();
            let stats = LineStats::with_words(&text, line.body.len(), 300, true, |w, f| {
                black_box((w, f));
            });
            let t2 = Instant::now();
            black_box(detectors::detect(&text, &lower, &stats));
            detect_time += t2.elapsed().as_secs_f64();
            page_lines.push((text, lower, stats));
        }
        line_pass += t.elapsed().as_secs_f64();
        let texts = page_lines.iter().map(|l| l.0.clone()).collect();
        let prose = page_lines.iter().map(|l| l.2.is_prose()).collect();
        prose_lines.push((texts, prose));
        if lines.len() < 200_000 {
            lines.extend(page_lines);
        }
    }
    let discovery = time(&mut || {
        for (texts, prose) in &prose_lines {
            let t: Vec<&str> = texts.iter().map(String::as_str).collect();
            black_box(evidence::discover(
                &t,
                prose,
                newschaff::features::FEATURES_VERSION,
            ));
        }
    });
    let mut analyses = Vec::new();
    let analyse = time(&mut || {
        analyses = read_pages.iter().map(|p| featuriser.analyse(p)).collect();
    });
    let tables = Group::ALL.map(|g| {
        (0..featuriser.dim(g) as u32)
            .map(|s| model.log_ratio(g, s))
            .collect::<Vec<f32>>()
    });
    let first_pass = time(&mut || {
        let t = [0, 1, 2, 3].map(|g| tables[g].as_slice());
        let mut scratch = SumScratch::default();
        for a in &analyses {
            for k in 0..a.infos.len() {
                black_box(featuriser.sums_with(a, k, t, &mut scratch));
            }
        }
    });
    let scoring = time(&mut || {
        for a in &analyses {
            black_box(model.score_analysed(a));
        }
    });

    let rest = analyse - line_pass - discovery;
    let page_pass = scoring - first_pass;
    let write = whole - read - analyse - scoring;
    println!("whole, 1 thread:        {:7.2} MB/s", mb_total / whole);
    for (name, secs) in [
        ("read (JSON, lines)", read),
        ("line pass (words, counts, detectors)", line_pass),
        ("  of which detectors", detect_time),
        ("brand discovery", discovery),
        ("rest of the page analysis", rest),
        ("first pass (features, experts)", first_pass),
        ("page pass (second pass, HMM, article end)", page_pass),
        ("report and JSON out", write),
    ] {
        println!(
            "{name:<42} {:5.1}%  {:8.2} MB/s alone",
            100.0 * secs / whole,
            mb_total / secs
        );
    }

    // Each detector alone, on the same lines.
    let n = lines.len();
    let mut costs: Vec<(&str, f64)> = detectors::ALL
        .iter()
        .map(|&(bit, name)| {
            let secs = time(&mut || {
                for (text, lower, stats) in &lines {
                    black_box(detect_only(text, lower, stats, bit));
                }
            });
            (name, secs)
        })
        .collect();
    let none = time(&mut || {
        for (text, lower, stats) in &lines {
            black_box(detect_only(text, lower, stats, 0));
        }
    });
    costs.sort_by(|a, b| b.1.total_cmp(&a.1));
    // What the detectors of each features version cost (each version
    // runs the older versions' detectors too).
    let by_version: Vec<(u32, f64)> = [2, 9, 10, 14]
        .iter()
        .map(|&v| {
            let secs = time(&mut || {
                for (text, lower, stats) in &lines {
                    black_box(detectors::detect_version(text, lower, stats, v));
                }
            });
            (v, secs)
        })
        .collect();
    println!("detectors of features version v, ns per line ({n} lines):");
    for (v, secs) in by_version {
        println!("  version {v:<3}     {:7.1}", secs * 1e9 / n as f64);
    }
    println!("detectors, ns per line beyond running none ({n} lines):");
    for (name, secs) in costs {
        println!("  {name:<16} {:7.1}", (secs - none) * 1e9 / n as f64);
    }
}
