//! Property tests through the library with the built-in model.

use newschaff::{Detector, Label, Page};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Home",
    "Share (12)",
    "Related",
    "The council met on Tuesday and agreed the plan after a long and sometimes angry debate.",
    "By Jane Doe",
    "Published 3 May 2026",
    "© 2026 Example News",
    "Residents said they would appeal against the decision at the next meeting of the board.",
    "",
    "   ",
    "caf\u{e9}",
];

fn line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::sample::select(PIECES).prop_map(|s| s.as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..80),
    ]
}

fn page_bytes() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec((line(), prop_oneof!["\n", "\r\n", "\r"]), 0..40),
        any::<bool>(),
    )
        .prop_map(|(lines, trailing)| {
            let mut out = Vec::new();
            let n = lines.len();
            for (i, (l, end)) in lines.into_iter().enumerate() {
                out.extend(l);
                if i + 1 < n || trailing {
                    out.extend(end.as_bytes());
                }
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// `clean` output is the concatenation of a subsequence of the input's
    /// raw lines, in order, and `score` gives one verdict per line.
    #[test]
    fn clean_output_is_a_subsequence_of_input_lines(bytes in page_bytes()) {
        let detector = Detector::builtin().unwrap();
        let page = Page::from_bytes(bytes.clone());
        let mut out = Vec::new();
        let verdicts = detector.clean(&page, &mut out).unwrap();
        prop_assert_eq!(verdicts.len(), page.len());
        let mut want = Vec::new();
        for (i, v) in verdicts.iter().enumerate() {
            prop_assert!(v.p_noise.is_finite() && (0.0..=1.0).contains(&v.p_noise));
            if v.label == Label::Content {
                want.extend_from_slice(page.raw(i));
            }
        }
        prop_assert_eq!(&out, &want);
        // Raw lines rebuild the input exactly.
        let all: Vec<u8> = (0..page.len()).flat_map(|i| page.raw(i).to_vec()).collect();
        prop_assert_eq!(all, bytes);
    }

    /// Featurising is deterministic.
    #[test]
    fn scoring_is_deterministic(bytes in page_bytes()) {
        let detector = Detector::builtin().unwrap();
        let page = Page::from_bytes(bytes);
        prop_assert_eq!(detector.score(&page), detector.score(&page));
    }
}

/// Content-farm-like pages: brand lines, brand prefixes, and brands spliced
/// into sentences with and without spaces, in random places.
fn farm_page() -> impl Strategy<Value = String> {
    let brand =
        proptest::sample::select(vec!["Quenvora", "Zentrivo", "Kalmora Markets", "Vexlora"]);
    let piece = proptest::sample::select(vec![
        "{B}|Port reopens after the storm passes",
        "{B} Pro Exchange View",
        "Current:Home > Finance{B}|Port reopens",
        "The port reopened on Monday and {B}who it said was safe again for ships.",
        "Officials said the repairs took three weeks{B}.",
        "The council met on Tuesday {B} and agreed the plan after a long debate.",
        "Residents said they would appeal against the decision at the next meeting.",
        "veryGood! (12)",
        "Related",
        "",
    ]);
    (brand, proptest::collection::vec(piece, 1..30)).prop_map(|(b, pieces)| {
        pieces
            .iter()
            .map(|p| p.replace("{B}", b))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Whether `small` can be made from `big` by deleting bytes.
fn is_byte_subsequence(small: &[u8], big: &[u8]) -> bool {
    let mut it = big.iter();
    small.iter().all(|b| it.any(|c| c == b))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// `clean --repair` only ever deletes bytes: each repaired line is a
    /// byte subsequence of its original line, and the repaired output is a
    /// subsequence of the byte-exact output.
    #[test]
    fn repair_only_deletes_bytes(text in farm_page()) {
        let detector = Detector::builtin().unwrap();
        let page = Page::from_text(&text);
        let mut exact = Vec::new();
        detector.clean(&page, &mut exact).unwrap();
        let mut repaired = Vec::new();
        let report = detector.clean_repaired(&page, &mut repaired).unwrap();
        prop_assert!(is_byte_subsequence(&repaired, &exact));
        for i in 0..page.len() {
            if let Some(fixed) = report.repaired(&page, i) {
                prop_assert!(is_byte_subsequence(fixed.as_bytes(), page.body(i)));
            }
        }
    }
}

/// A line of 2,000 words must not give NaN (linfa's predict_proba underflows there).
#[test]
fn two_thousand_token_line_gives_a_finite_score() {
    let detector = Detector::builtin().unwrap();
    for text in [
        "the council ".repeat(2000),
        "Home | ".repeat(2000),
        "x".repeat(100_000),
    ] {
        let v = detector.score(&Page::from_text(&text));
        assert_eq!(v.len(), 1);
        assert!(v[0].p_noise.is_finite(), "{}", v[0].p_noise);
    }
}
