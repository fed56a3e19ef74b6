//! The lexicon: words of the languages our training pages are written in.
//!
//! Brand discovery asks whether a token is a word of the language (a
//! farm's invented brand is not; `Free`, `Money`, `Sunday` are) and whether
//! the word a token is glued to is one (`Brandordered`). The page's own
//! words answer part of that; the lexicon answers the rest. It is built
//! from `training-data/` alone (our own writing, in English, German,
//! French, Spanish, Italian, Portuguese, Dutch, Polish, Russian, Ukrainian,
//! Chinese and Japanese) by [`build`]: every run of letters of two or more
//! on a line, lower-cased, except the words of `noise:brand` lines and any
//! word that contains one of them (a glued splice such as `brandwho`).
//!
//! The list is committed as `lexicon.txt` beside this file; the test
//! `lexicon_is_built_from_training_data` checks that it is current, and
//! `NEWSCHAFF_WRITE_LEXICON=1 cargo test --lib lexicon` rewrites it after
//! the training pages change.

use std::sync::LazyLock;

use rustc_hash::FxHashSet as HashSet;

static WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("lexicon.txt").lines().collect());

/// Whether a lower-cased word is in the lexicon.
pub fn contains(lower: &str) -> bool {
    WORDS.contains(lower)
}

/// The runs of letters of a line (no digits), as the lexicon splits them.
fn letter_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
}

/// Builds the lexicon from labelled pages' `(label, text)` lines: sorted,
/// one word per line.
pub fn build<'a>(lines: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> String {
    let written_lower: HashSet<&str> = lines
        .clone()
        .flat_map(|(_, t)| letter_runs(t))
        .filter(|w| w.chars().all(char::is_lowercase))
        .collect();
    let brand_words: HashSet<String> = lines
        .clone()
        .filter(|(label, _)| *label == "noise:brand")
        .flat_map(|(_, t)| letter_runs(t).map(str::to_lowercase))
        .filter(|w| w.chars().count() >= 4 && !written_lower.contains(w.as_str()))
        .collect();
    let mut words: Vec<String> = lines
        .filter(|(label, _)| *label != "noise:brand")
        .flat_map(|(_, t)| letter_runs(t).map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|w| !brand_words.contains(w) && !brand_words.iter().any(|b| w.contains(b.as_str())))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    words.sort();
    let mut out = words.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn training_lines() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("training-data");
        let files = crate::labelled::expand_paths(&[root]).unwrap();
        let mut out = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for l in text.lines() {
                if let Some((label, t)) = l.split_once('\t') {
                    out.push((label.to_string(), t.to_string()));
                }
            }
        }
        out
    }

    #[test]
    fn lexicon_is_built_from_training_data() {
        let lines = training_lines();
        let built = build(lines.iter().map(|(a, b)| (a.as_str(), b.as_str())));
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/artefacts/lexicon.txt");
        if std::env::var_os("NEWSCHAFF_WRITE_LEXICON").is_some() {
            std::fs::write(&path, &built).unwrap();
        }
        assert!(
            built == include_str!("lexicon.txt"),
            "src/artefacts/lexicon.txt is not current: run NEWSCHAFF_WRITE_LEXICON=1 cargo test --lib lexicon"
        );
    }

    #[test]
    fn words_in_and_out() {
        for (w, want) in [
            ("free", true),
            ("sunday", true),
            ("money", true),
            ("the", true),
            ("quorvexa", false),
            ("algosensey", false),
        ] {
            assert_eq!(contains(w), want, "{w}");
        }
    }
}
