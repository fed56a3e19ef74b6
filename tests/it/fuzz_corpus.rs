//! Replays the committed fuzz seed corpus and every input a fuzzer once
//! crashed on (`fuzz/regressions/<target>/`) through the same checks the
//! fuzz targets run. Fuzzing itself runs outside CI (see README).

#[path = "../../fuzz/fuzz_targets/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            check(&std::fs::read(&p).unwrap());
            n += 1;
        }
    }
    assert!(n > 0, "no inputs for {target}");
}

#[test]
fn page_inputs() {
    replay("page", checks::page);
}

#[test]
fn labelled_inputs() {
    replay("labelled", checks::labelled);
}

#[test]
fn model_inputs() {
    replay("model", checks::model);
}

#[test]
fn jsonl_inputs() {
    replay("jsonl", checks::jsonl);
}

/// Regression (found by fuzzing): a text field holding a lone UTF-16
/// surrogate escape (`\uDDDD`) is valid raw JSON but not a string; the
/// record must be passed through with an error field.
#[test]
fn jsonl_lone_surrogate_is_passed_through_with_an_error() {
    replay("jsonl", checks::jsonl);
    let line = br#"{"id":5,"text":"Home\uDDDD more"}"#;
    let d = newschaff::Detector::builtin().unwrap();
    let o = newschaff::stream::jsonl::process_line(&d, &Default::default(), line);
    let e = o.error.unwrap();
    assert!(e.contains("not a valid string"), "{e}");
}

#[test]
fn wet_inputs() {
    replay("wet", checks::wet);
}
