//! Explanations in words a user reads.
//!
//! [`Model::explain`](crate::Model::explain) lists every feature's push on a
//! line (`det=share`, `main=after:3-5`, `pass2:window_max`, ...). This module
//! maps those raw contributions to a few phrases (`detector: share bar`,
//! `after the article`, `neighbours are menu items`), sums the contributions
//! that say the same thing, and keeps the strongest: see
//! [`PageReport::evidence`](crate::PageReport::evidence).
//!
//! Values are contributions to the log-odds of noise before the HMM
//! smoothing: positive towards noise, negative towards content. Where the
//! model has a second pass, the first pass's features reach the verdict
//! through the second pass's weight on the line's own first-pass score, so
//! they are scaled by it, and that score itself (`pass2:self`) is not shown
//! again. The second pass's features are not centred (almost every line
//! has a noise-like line within two, so `window_max` pushes nearly every
//! line towards noise, and the bias and `pass2:self` make up for it); their
//! contributions are therefore measured against the page's average line:
//! they say what sets this line apart from the rest of its page.

use std::collections::HashMap;

use serde::Serialize;

use crate::labelled::Label;
use crate::model::Contribution;

/// One piece of evidence on a line, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// What it is: `detector: share bar`, `after the article`, `short line`.
    pub words: &'static str,
    /// Which way it pushes the line.
    pub towards: Label,
    /// The summed contributions to the log-odds of noise (positive: towards
    /// noise, negative: towards content).
    pub value: f32,
}

/// Evidence whose summed contribution is smaller than this is left out.
const MIN_VALUE: f32 = 0.05;

/// Detector names, the phrase for a line the detector fired on, and the
/// phrase for a line next to one.
const DETECTORS: &[(&str, &str, &str)] = &[
    ("breadcrumb", "detector: breadcrumb", "next to a breadcrumb"),
    (
        "datetime",
        "detector: date or time",
        "next to a date or time",
    ),
    ("counter", "detector: counter", "next to a counter"),
    (
        "section_header",
        "detector: section header",
        "next to a section header",
    ),
    ("brand_line", "detector: brand name", "next to a brand name"),
    (
        "glued_title",
        "detector: title with a site name",
        "next to a title with a site name",
    ),
    ("prompt", "detector: prompt", "next to a prompt"),
    ("footer", "detector: footer", "next to a footer"),
    ("share", "detector: share bar", "next to a share bar"),
    ("ad", "detector: advert", "next to an advert"),
    ("byline", "detector: byline", "next to a byline"),
    ("menu", "detector: menu", "neighbours are menu items"),
    (
        "camel_glued",
        "detector: glued words",
        "next to glued words",
    ),
    (
        "read_more",
        "detector: read more",
        "next to a read-more link",
    ),
    (
        "pagination",
        "detector: page numbers",
        "next to page numbers",
    ),
    (
        "comment",
        "detector: comment furniture",
        "next to comment furniture",
    ),
    (
        "photo_credit",
        "detector: photo credit",
        "next to a photo credit",
    ),
    ("url", "detector: web address", "next to a web address"),
    (
        "punct_only",
        "detector: punctuation only",
        "next to punctuation",
    ),
    ("field", "detector: field label", "next to a field label"),
    ("list_mark", "detector: list mark", "next to a list mark"),
    ("bio", "detector: author's bio", "next to an author's bio"),
];

/// What a raw feature says, before the contributions are summed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Phrase {
    /// Words that say what the feature is, whichever way it pushes.
    Fixed(&'static str),
    /// The number of detectors that fired: shared among those that did.
    Fired,
    /// Where the line sits relative to the article and other content: all
    /// such features are summed under one phrase, `inside`, `before` or
    /// `after the article` (see [`article_phrase`]).
    Article,
    /// Not shown (the second pass's copy of the first-pass score).
    Hidden,
}

/// The phrase for one raw feature of a group (`tokens`, `shape`,
/// `detectors`, `context`, `pass2`).
pub(crate) fn phrase(group: &str, feature: &str) -> Phrase {
    use Phrase::*;
    let f = feature;
    match group {
        "tokens" if f.starts_with("line=") => Fixed("its exact text"),
        "tokens" => Fixed("its words"),
        "shape" => shape_phrase(f),
        "detectors" => match f {
            "fired=0" => Fixed("no detector fired"),
            _ if f.starts_with("fired=") => Fired,
            _ => f
                .strip_prefix("det=")
                .and_then(detector)
                .map_or(Fixed("detector: other"), |(own, _)| Fixed(own)),
        },
        "context" => context_phrase(f),
        "pass2" => match f.strip_prefix("pass2:").unwrap_or(f) {
            "self" => Hidden,
            // How the lines around scored in the first pass. The weights of
            // these correlated features differ in sign, so only their sum
            // means something: it is named without saying what they are.
            "prev1" | "next1" | "prev2" | "next2" | "window_mean" | "window_min" | "window_max"
            | "short_x_neighbours" => Fixed("the lines around it"),
            "in_main_run"
            | "distance_to_main_run"
            | "distance_to_content_above"
            | "distance_to_content_below"
            | "content_share_within_10"
            | "in_content_block"
            | "distance_to_content_block" => Article,
            "short_line" => Fixed("short line"),
            "page_content_share" => Fixed("the page's share of content"),
            "position" => Fixed("position on the page"),
            "in_figure_table" => Fixed("a cell of a table of figures"),
            "headline" => Fixed("the page's headline"),
            _ => Fixed("other evidence"),
        },
        _ => Fixed("other evidence"),
    }
}

fn detector(name: &str) -> Option<(&'static str, &'static str)> {
    DETECTORS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, own, next)| (*own, *next))
}

fn shape_phrase(f: &str) -> Phrase {
    use Phrase::*;
    let (key, value) = f.split_once('=').unwrap_or((f, ""));
    Fixed(match key {
        "prose" => "reads like a sentence",
        "short" => "short line",
        "huge" => "very long line",
        "len" | "words" => "its length",
        "avgword" => "the length of its words",
        "end" => match value {
            "period" | "bang" | "question" | "quotedstop" => "ends like a sentence",
            "colon" => "ends with a colon",
            _ => "does not end like a sentence",
        },
        "caps" | "allcaps" => "capitalised words",
        "stop" => match value {
            "0" | "lt20" => "few small words (the, of, and)",
            _ => "many small words (the, of, and)",
        },
        "digits" => match value {
            "0" => "no digits",
            _ => "digits",
        },
        "symbols" | "commas" | "breaks" => "punctuation and symbols",
        "seps" => "separators such as | or /",
        "camel" => "words glued together",
        "first" => match value {
            "bullet" => "starts with a bullet",
            "quote" => "starts with a quote",
            "digit" => "starts with a digit",
            "lower" => "starts in lower case",
            _ => "how it starts",
        },
        _ => "other evidence",
    })
}

fn context_phrase(f: &str) -> Phrase {
    use Phrase::*;
    // Neighbour features: `p1:` .. `p5:` above, `n1:` .. `n5:` below.
    let b = f.as_bytes();
    if b.len() > 3 && (b[0] == b'p' || b[0] == b'n') && b[1].is_ascii_digit() && b[2] == b':' {
        let rest = &f[3..];
        return Fixed(match rest {
            "edge" if b[0] == b'p' => "near the top of the page",
            "edge" => "near the bottom of the page",
            "prose" => "sentences nearby",
            "short" => "neighbours are short lines",
            // The length and ending of a neighbour.
            _ => match rest.strip_prefix("det=").and_then(detector) {
                Some((_, next)) => next,
                None => "the lines around it",
            },
        });
    }
    let (key, value) = f.split_once('=').unwrap_or((f, ""));
    let near = matches!(value, "0" | "1" | "2" | "3-5");
    Fixed(match key {
        "first_line" => "near the top of the page",
        "from_start" if near => "near the top of the page",
        "from_end" if near => "near the bottom of the page",
        "pos" | "from_start" | "from_end" => "position on the page",
        "main" => return Article,
        "near_prose" => match value {
            "0" => "no sentences nearby",
            _ => "sentences nearby",
        },
        "vocab" => match value {
            "na" => "no content words",
            "0" | "lt20" => "few words in common with the article",
            _ => "words in common with the article",
        },
        "title" => match value {
            "0" | "lt20" => "few words in common with the title",
            _ => "words in common with the title",
        },
        "echo" if value == "again" => "a copy of the headline",
        "echo" => "the page's headline",
        "dup" => match value {
            "first" => "first copy of a repeated line",
            _ => "repeated on the page",
        },
        "shortrun" => "in a run of short lines",
        "brand" => match value {
            "brand-splice" => "brand spliced",
            "brand-prefix" => "brand before the title",
            "brand-suffix" => "brand after the title",
            "brand-line" => "a brand name alone",
            _ => "brand",
        },
        "after_header" => "under a section header (Related, Most read)",
        "above_heading" => "between the title and the page's headline",
        _ => "other evidence",
    })
}

/// The one phrase for where a line sits relative to the article: the
/// second pass's main run of content decides inside or outside where the
/// model has one; the page context's main run of prose says before or after.
fn article_phrase(contributions: &[Contribution]) -> &'static str {
    let has = |f: &str| {
        contributions
            .iter()
            .any(|c| c.feature == f && c.value != 0.0)
    };
    let context = contributions
        .iter()
        .find(|c| c.group == "context" && c.feature.starts_with("main="))
        .map(|c| &c.feature[5..]);
    let side = match context {
        Some(v) if v.starts_with("before:") => Some("before the article"),
        Some(v) if v.starts_with("after:") => Some("after the article"),
        _ => None,
    };
    if has("pass2:in_main_run") {
        "inside the article"
    } else if has("pass2:distance_to_main_run") {
        side.unwrap_or("outside the article")
    } else {
        match context {
            Some("in" | "edge") => "inside the article",
            Some("none") => "no article found on the page",
            _ => side.unwrap_or("outside the article"),
        }
    }
}

/// Maps raw contributions (all of a line's, as [`Model::explain`] gives
/// them) to evidence in words, strongest first, at most `k`. First-pass
/// contributions are multiplied by `first_pass_scale` (the second pass's
/// weight on the line's own score, over its scale; 1 without a second
/// pass). From each second-pass contribution its `baseline` (by
/// [`SEQ_NAMES`], the page's average; empty: none) is taken away.
///
/// [`Model::explain`]: crate::Model::explain
/// [`SEQ_NAMES`]: crate::model::sequence::SEQ_NAMES
pub(crate) fn evidence(
    contributions: &[Contribution],
    first_pass_scale: f32,
    baseline: &[f32],
    k: usize,
) -> Vec<Evidence> {
    let fired_detectors: Vec<&'static str> = contributions
        .iter()
        .filter(|c| c.group == "detectors")
        .filter_map(|c| match phrase(c.group, &c.feature) {
            Phrase::Fixed(p) if c.feature.starts_with("det=") => Some(p),
            _ => None,
        })
        .collect();
    let article = article_phrase(contributions);

    // Sums per phrase, in order of first appearance.
    let mut order: Vec<&'static str> = Vec::new();
    let mut sums: HashMap<&'static str, f32> = HashMap::new();
    let mut add = |words: &'static str, v: f32| {
        if !sums.contains_key(words) {
            order.push(words);
        }
        *sums.entry(words).or_default() += v;
    };
    for c in contributions {
        let v = if c.group == "pass2" {
            let name = c.feature.strip_prefix("pass2:").unwrap_or(&c.feature);
            let j = crate::model::sequence::SEQ_NAMES
                .iter()
                .position(|s| *s == name);
            c.value - j.and_then(|j| baseline.get(j)).copied().unwrap_or(0.0)
        } else {
            c.value * first_pass_scale
        };
        if v == 0.0 || !v.is_finite() {
            continue;
        }
        match phrase(c.group, &c.feature) {
            Phrase::Hidden => {}
            Phrase::Fired if fired_detectors.is_empty() => add("detectors fired", v),
            Phrase::Fired => {
                let share = v / fired_detectors.len() as f32;
                for d in &fired_detectors {
                    add(d, share);
                }
            }
            Phrase::Article => add(article, v),
            Phrase::Fixed(words) => add(words, v),
        }
    }
    let mut out: Vec<Evidence> = order
        .into_iter()
        .filter_map(|words| {
            let value = sums[words];
            (value.abs() >= MIN_VALUE).then_some(Evidence {
                words,
                towards: if value > 0.0 {
                    Label::Noise
                } else {
                    Label::Content
                },
                value,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.value
            .abs()
            .total_cmp(&a.value.abs())
            .then_with(|| a.words.cmp(b.words))
    });
    out.truncate(k);
    out
}

/// Evidence as one line of text: `towards noise: detector: share bar 2.10,
/// after the article 1.30; towards content: reads like a sentence 0.80`.
pub fn describe(evidence: &[Evidence]) -> String {
    let side = |label: Label| -> Option<String> {
        let items: Vec<String> = evidence
            .iter()
            .filter(|e| e.towards == label)
            .map(|e| format!("{} {:.2}", e.words, e.value.abs()))
            .collect();
        (!items.is_empty()).then(|| format!("towards {label}: {}", items.join(", ")))
    };
    [side(Label::Noise), side(Label::Content)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(group: &'static str, feature: &str, value: f32) -> Contribution {
        Contribution {
            group,
            feature: feature.to_string(),
            value,
        }
    }

    #[test]
    fn raw_features_map_to_phrases() {
        use Phrase::*;
        // (group, raw feature, phrase)
        let cases: &[(&str, &str, Phrase)] = &[
            ("tokens", "w=share", Fixed("its words")),
            ("tokens", "b=read more", Fixed("its words")),
            ("tokens", "line=share this story", Fixed("its exact text")),
            ("shape", "prose", Fixed("reads like a sentence")),
            ("shape", "short", Fixed("short line")),
            ("shape", "len=4-10", Fixed("its length")),
            ("shape", "words=13-20", Fixed("its length")),
            ("shape", "end=period", Fixed("ends like a sentence")),
            ("shape", "end=none", Fixed("does not end like a sentence")),
            ("shape", "stop=0", Fixed("few small words (the, of, and)")),
            (
                "shape",
                "stop=lt40",
                Fixed("many small words (the, of, and)"),
            ),
            ("shape", "seps=2-3", Fixed("separators such as | or /")),
            ("shape", "first=bullet", Fixed("starts with a bullet")),
            ("detectors", "det=share", Fixed("detector: share bar")),
            ("detectors", "det=menu", Fixed("detector: menu")),
            ("detectors", "det=no_such", Fixed("detector: other")),
            ("detectors", "fired=0", Fixed("no detector fired")),
            ("detectors", "fired=2", Fired),
            ("context", "main=after:3-5", Article),
            ("context", "main=in", Article),
            ("context", "p1:det=menu", Fixed("neighbours are menu items")),
            ("context", "n1:det=share", Fixed("next to a share bar")),
            ("context", "p2:prose", Fixed("sentences nearby")),
            ("context", "n3:short", Fixed("neighbours are short lines")),
            ("context", "p1:edge", Fixed("near the top of the page")),
            ("context", "n4:len=4-10", Fixed("the lines around it")),
            ("context", "n1:end=period", Fixed("the lines around it")),
            ("context", "near_prose=0", Fixed("no sentences nearby")),
            (
                "context",
                "from_end=1",
                Fixed("near the bottom of the page"),
            ),
            ("context", "from_end=50+", Fixed("position on the page")),
            ("context", "pos=3", Fixed("position on the page")),
            ("context", "dup=later", Fixed("repeated on the page")),
            ("context", "dup", Fixed("repeated on the page")),
            ("context", "echo=full", Fixed("the page's headline")),
            ("context", "echo=before:1-3", Fixed("the page's headline")),
            ("context", "echo=again", Fixed("a copy of the headline")),
            (
                "context",
                "above_heading",
                Fixed("between the title and the page's headline"),
            ),
            ("context", "brand=brand-splice", Fixed("brand spliced")),
            ("context", "brand=brand-line", Fixed("a brand name alone")),
            (
                "context",
                "after_header=2-3",
                Fixed("under a section header (Related, Most read)"),
            ),
            ("context", "shortrun=6-10", Fixed("in a run of short lines")),
            ("pass2", "pass2:self", Hidden),
            ("pass2", "pass2:window_max", Fixed("the lines around it")),
            ("pass2", "pass2:prev1", Fixed("the lines around it")),
            ("pass2", "pass2:in_main_run", Article),
            ("pass2", "pass2:distance_to_main_run", Article),
            ("pass2", "pass2:distance_to_content_above", Article),
            ("pass2", "pass2:in_content_block", Article),
            ("pass2", "pass2:short_line", Fixed("short line")),
            ("pass2", "pass2:headline", Fixed("the page's headline")),
            ("pass2", "pass2:something_new", Fixed("other evidence")),
        ];
        for (group, feature, want) in cases {
            assert_eq!(phrase(group, feature), *want, "{group} {feature}");
        }
    }

    #[test]
    fn every_detector_has_words() {
        for (_, name) in crate::features::detectors::ALL {
            assert!(detector(name).is_some(), "{name}");
        }
    }

    #[test]
    fn contributions_of_a_kind_are_summed_and_signed() {
        let raw = [
            c("detectors", "det=share", 1.0),
            c("detectors", "fired=1", 0.5),
            c("context", "main=after:3-5", 0.25),
            c("pass2", "pass2:distance_to_main_run", 0.5),
            c("pass2", "pass2:self", 9.0),
            c("pass2", "pass2:prev1", -0.25),
            c("pass2", "pass2:next1", -0.5),
            c("shape", "prose", -0.1),
            c("shape", "short", 0.01),
            c("tokens", "w=share", 0.5),
            c("tokens", "w=this", 0.25),
        ];
        let got = evidence(&raw, 2.0, &[], 10);
        let want = [
            ("detector: share bar", Label::Noise, 3.0),
            ("its words", Label::Noise, 1.5),
            ("after the article", Label::Noise, 1.0),
            ("the lines around it", Label::Content, -0.75),
            ("reads like a sentence", Label::Content, -0.2),
        ];
        let got: Vec<_> = got.iter().map(|e| (e.words, e.towards, e.value)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn fired_count_is_shared_and_top_k_kept() {
        let raw = [
            c("detectors", "det=share", 1.0),
            c("detectors", "det=menu", 1.0),
            c("detectors", "fired=2", 1.0),
            c("pass2", "pass2:distance_to_main_run", 0.3),
        ];
        let got = evidence(&raw, 1.0, &[], 2);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].words, "detector: menu");
        assert_eq!(got[0].value, 1.5);
        assert_eq!(got[1].words, "detector: share bar");
        let all = evidence(&raw, 1.0, &[], 9);
        assert_eq!(all[2].words, "outside the article");
    }

    #[test]
    fn where_it_sits_is_one_phrase() {
        // (contributions, phrase)
        let cases: [(&[Contribution], &str); 5] = [
            (
                &[
                    c("context", "main=after:1", 0.5),
                    c("pass2", "pass2:in_main_run", -1.5),
                    c("pass2", "pass2:in_content_block", 0.75),
                ],
                "inside the article",
            ),
            (
                &[
                    c("context", "main=before:2", -0.5),
                    c("pass2", "pass2:distance_to_main_run", -1.0),
                    c("pass2", "pass2:distance_to_content_block", 2.0),
                ],
                "before the article",
            ),
            (
                &[
                    c("context", "main=in", -0.5),
                    c("pass2", "pass2:distance_to_main_run", 1.0),
                ],
                "outside the article",
            ),
            (&[c("context", "main=edge", -0.5)], "inside the article"),
            (
                &[c("context", "main=none", 0.5)],
                "no article found on the page",
            ),
        ];
        for (raw, want) in cases {
            let got = evidence(raw, 1.0, &[], 9);
            assert_eq!(got.len(), 1, "{raw:?}");
            assert_eq!(got[0].words, want, "{raw:?}");
            let sum: f32 = raw.iter().map(|c| c.value).sum();
            assert!((got[0].value - sum).abs() < 1e-6);
        }
    }

    #[test]
    fn second_pass_is_measured_against_the_baseline() {
        let names = crate::model::sequence::SEQ_NAMES;
        let mut base = vec![0.0; names.len()];
        let at = |n: &str| names.iter().position(|s| *s == n).unwrap();
        base[at("window_max")] = 1.0;
        base[at("in_main_run")] = -0.5;
        let raw = [
            c("pass2", "pass2:window_max", 1.25),
            c("pass2", "pass2:distance_to_main_run", 0.5),
            c("context", "main=after:1", 0.25),
        ];
        // The line is outside the main run, though its baseline for
        // in_main_run is not zero: the phrase follows the raw features.
        let got = evidence(&raw, 1.0, &base, 9);
        let got: Vec<_> = got.iter().map(|e| (e.words, e.value)).collect();
        assert_eq!(
            got,
            [("after the article", 0.75), ("the lines around it", 0.25)]
        );
    }

    #[test]
    fn description_reads_both_sides() {
        let e = [
            Evidence {
                words: "detector: share bar",
                towards: Label::Noise,
                value: 2.0,
            },
            Evidence {
                words: "reads like a sentence",
                towards: Label::Content,
                value: -0.5,
            },
        ];
        assert_eq!(
            describe(&e),
            "towards noise: detector: share bar 2.00; towards content: reads like a sentence 0.50"
        );
        assert_eq!(describe(&[]), "");
    }
}
