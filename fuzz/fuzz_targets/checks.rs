//! The checks each fuzz target runs; shared with `tests/it/fuzz_corpus.rs`,
//! which replays the committed corpus and every regression input in CI.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use newschaff::labelled::parse_labelled;
use newschaff::stream::wet::{process_item, WarcItem, WarcOutput, WarcReader};
use newschaff::stream::{jsonl, FilterConfig};
use newschaff::{Detector, Label, Model, Page};

fn detector() -> &'static Detector {
    static D: OnceLock<Detector> = OnceLock::new();
    D.get_or_init(|| Detector::builtin().expect("built-in model"))
}

/// Page reader, featuriser, model, spans and repair on arbitrary bytes.
pub fn page(data: &[u8]) {
    let page = Page::from_bytes(data.to_vec());
    let d = detector();
    let mut out = Vec::new();
    let report = d.clean_repaired(&page, &mut out).expect("Vec write");
    assert_eq!(report.verdicts.len(), page.len(), "one verdict per line");
    assert!(out.len() <= data.len(), "repair only deletes");
    let mut exact = Vec::new();
    let verdicts = d.clean(&page, &mut exact).expect("Vec write");
    let mut want = Vec::new();
    for (i, v) in verdicts.iter().enumerate() {
        assert!(v.p_noise.is_finite() && (0.0..=1.0).contains(&v.p_noise));
        if v.label == Label::Content {
            want.extend_from_slice(page.raw(i));
        }
    }
    assert_eq!(exact, want, "clean is a subsequence of the input");
    for (i, spans) in report.spans.iter().enumerate() {
        if let Some(fixed) = report.repaired(&page, i) {
            assert!(fixed.len() <= page.body(i).len());
            assert!(!spans.is_empty());
        }
    }
}

/// The labelled-file reader on arbitrary bytes.
pub fn labelled(data: &[u8]) {
    if let Ok(p) = parse_labelled(Path::new("fuzz.txt"), data) {
        assert_eq!(p.labels.len(), p.page.len());
        assert_eq!(p.kinds.len(), p.page.len());
    }
}

/// The model loader on arbitrary bytes, and on the built-in model with the
/// input's bytes XOR-ed in at positions the input chooses.
pub fn model(data: &[u8]) {
    let _ = Model::from_bytes(Path::new("fuzz.model"), data);
    static REAL: OnceLock<Vec<u8>> = OnceLock::new();
    let real = REAL.get_or_init(|| Detector::builtin().unwrap().model().to_bytes().unwrap());
    let mut m = real.clone();
    for chunk in data.chunks(5) {
        if chunk.len() < 5 {
            break;
        }
        let pos = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) as usize % m.len();
        m[pos] ^= chunk[4];
    }
    if data.len() % 7 == 3 {
        m.truncate(data.len() % m.len());
    }
    // Half the time, make the checksum and length agree with the mutated
    // payload, so the payload decoder and the checks after it are reached.
    if data.first().is_some_and(|b| b & 1 == 1) && m.len() >= 24 {
        let payload_len = (m.len() - 24) as u64;
        m[16..24].copy_from_slice(&payload_len.to_le_bytes());
        let crc = crc32fast::hash(&m[24..]);
        m[12..16].copy_from_slice(&crc.to_le_bytes());
    }
    if let Ok(model) = Model::from_bytes(Path::new("fuzz.model"), &m) {
        let scores = model.score_page(&Page::from_text(
            "Home\nThe council met on Tuesday to agree the plan.\n",
        ));
        assert!(scores.iter().all(|s| s.p_noise.is_finite()));
    }
}

/// The JSON Lines filter on arbitrary bytes (one record).
pub fn jsonl(data: &[u8]) {
    let line = data.split(|&b| b == b'\n').next().unwrap_or(b"");
    let o = jsonl::process_line(detector(), &FilterConfig::default(), line);
    assert!(o.bytes.ends_with(b"\n"));
    if o.error.is_some() {
        // Passed through: unchanged, or (a JSON object) with an error field added.
        let body = &o.bytes[..o.bytes.len() - 1];
        let marker: &[u8] = b"\"newschaff_error\"";
        assert!(
            body == line || body.windows(marker.len()).any(|w| w == marker),
            "a failed record is passed through"
        );
    }
}

/// The WARC/WET reader and filter on arbitrary bytes: nothing is lost.
pub fn wet(data: &[u8]) {
    let mut total = Vec::new();
    for item in WarcReader::new(data) {
        let item = item.expect("reading a slice cannot fail");
        match &item {
            WarcItem::Record(r) => total.extend(r.to_bytes()),
            WarcItem::Invalid(b, _) => total.extend_from_slice(b),
        }
        let _ = process_item(
            detector(),
            &FilterConfig::default(),
            item.clone(),
            WarcOutput::Wet,
        );
        let _ = process_item(
            detector(),
            &FilterConfig::default(),
            item,
            WarcOutput::Jsonl,
        );
    }
    // Only blank lines between records may be dropped.
    assert!(total.len() <= data.len());
    let dropped = data.len() - total.len();
    if dropped > 0 {
        let n_ws = data.iter().filter(|b| b.is_ascii_whitespace()).count();
        assert!(
            dropped <= n_ws,
            "only white space between records is dropped"
        );
    }
}
