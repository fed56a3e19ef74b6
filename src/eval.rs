//! Metrics: precision, recall, F1 per class, macro-F1, the confusion matrix,
//! and the reader figures ([`Reader`]): what a person reading the output of
//! `clean` notices (paragraphs lost, the article's last paragraph cut, prose
//! junk kept).

use serde::Serialize;

use crate::labelled::Label;

/// Counts of (gold label, predicted label) pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// Gold content, predicted content.
    pub content_as_content: u64,
    /// Gold content, predicted noise (lost content).
    pub content_as_noise: u64,
    /// Gold noise, predicted content (kept junk).
    pub noise_as_content: u64,
    /// Gold noise, predicted noise.
    pub noise_as_noise: u64,
}

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClassScores {
    /// Of the lines predicted this class, the share that are.
    pub precision: f64,
    /// Of the lines that are this class, the share predicted so.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Confusion {
    /// Counts one line.
    pub fn add(&mut self, gold: Label, predicted: Label) {
        match (gold, predicted) {
            (Label::Content, Label::Content) => self.content_as_content += 1,
            (Label::Content, Label::Noise) => self.content_as_noise += 1,
            (Label::Noise, Label::Content) => self.noise_as_content += 1,
            (Label::Noise, Label::Noise) => self.noise_as_noise += 1,
        }
    }

    /// Adds another matrix.
    pub fn merge(&mut self, o: &Confusion) {
        self.content_as_content += o.content_as_content;
        self.content_as_noise += o.content_as_noise;
        self.noise_as_content += o.noise_as_content;
        self.noise_as_noise += o.noise_as_noise;
    }

    /// Lines counted.
    pub fn total(&self) -> u64 {
        self.content_as_content
            + self.content_as_noise
            + self.noise_as_content
            + self.noise_as_noise
    }

    /// Scores of one class.
    pub fn class(&self, label: Label) -> ClassScores {
        let (tp, fp, fn_) = match label {
            Label::Content => (
                self.content_as_content,
                self.noise_as_content,
                self.content_as_noise,
            ),
            Label::Noise => (
                self.noise_as_noise,
                self.content_as_noise,
                self.noise_as_content,
            ),
        };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        ClassScores {
            precision,
            recall,
            f1,
        }
    }

    /// Mean of content-F1 and noise-F1.
    pub fn macro_f1(&self) -> f64 {
        (self.class(Label::Content).f1 + self.class(Label::Noise).f1) / 2.0
    }

    /// Share of lines labelled right.
    pub fn accuracy(&self) -> f64 {
        ratio(self.content_as_content + self.noise_as_noise, self.total())
    }
}

/// The fewest words (runs of non-space characters) that make a line a
/// paragraph for the reader figures.
pub const PARAGRAPH_WORDS: usize = 12;

/// Whether a line is a paragraph for the reader figures: at least
/// [`PARAGRAPH_WORDS`] words, where a Chinese character or Japanese kana
/// counts as a word of its own (so a CJK sentence of 12 or more characters
/// is a paragraph too).
pub fn is_paragraph(text: &str) -> bool {
    let mut words = 0;
    for w in text.split_whitespace() {
        let cjk = w
            .chars()
            .filter(|c| crate::features::tokens::is_cjk(*c))
            .count();
        words += cjk.max(1);
        if words >= PARAGRAPH_WORDS {
            return true;
        }
    }
    false
}

/// Whether a content line is a closing credit rather than the article's last
/// paragraph. Our labelling convention calls bylines, datelines, agency and
/// credit lines `noise:meta` and author bios noise; benchmarks disagree (some
/// label such lines content), so the last-paragraph figure skips them when it
/// looks for a page's last paragraph. `eval` counts the pages where this moved
/// the last paragraph (`last_credit_skipped`).
///
/// A line is a closing credit when it is
/// - a legal notice: it holds `©`, `copyright`, `all rights reserved`,
///   `trademarks of` or `registered trademark`;
/// - a reporting credit: it starts with `Reporting by`, `Additional reporting
///   by`, `Editing by`, `Writing by` or `Compiled by` (an opening bracket
///   allowed), or holds `contributed to this report`, `contributed to this
///   story` or `contributed reporting`;
/// - a contact line: it starts with `To contact the` or holds `can be reached
///   at`, `may be reached at` or `can be contacted at`;
/// - a syndication notice: it holds `news agency`, `news feeds`, `wire
///   service` or `third party` together with `provided by`, `sourced` or
///   `supplied by`;
/// - an author bio: at most six capitalised words, then `is` or `was`, then,
///   among the next four words, one that starts with writer, editor,
///   reporter, correspondent, journalist, columnist, author, contributor or
///   freelance (`Ana Ferreira is a senior reporter ...`, `Tom Reyes is
///   managing editor of ...`).
pub fn is_closing_credit(text: &str) -> bool {
    const LEGAL: [&str; 5] = [
        "©",
        "copyright",
        "all rights reserved",
        "trademarks of",
        "registered trademark",
    ];
    const CREDIT_OPENINGS: [&str; 5] = [
        "reporting by",
        "additional reporting by",
        "editing by",
        "writing by",
        "compiled by",
    ];
    const CREDITS: [&str; 6] = [
        "contributed to this report",
        "contributed to this story",
        "contributed reporting",
        "can be reached at",
        "may be reached at",
        "can be contacted at",
    ];
    const SYNDICATORS: [&str; 4] = ["news agency", "news feeds", "wire service", "third party"];
    const SYNDICATED: [&str; 3] = ["provided by", "sourced", "supplied by"];
    const ROLES: [&str; 9] = [
        "writer",
        "editor",
        "reporter",
        "correspondent",
        "journalist",
        "columnist",
        "author",
        "contributor",
        "freelance",
    ];
    let lower = text.to_lowercase();
    let opening = lower.trim_start().trim_start_matches(['(', '[']);
    if LEGAL.iter().any(|w| lower.contains(w))
        || CREDITS.iter().any(|w| lower.contains(w))
        || CREDIT_OPENINGS.iter().any(|w| opening.starts_with(w))
        || opening.starts_with("to contact the")
        || (SYNDICATORS.iter().any(|w| lower.contains(w))
            && SYNDICATED.iter().any(|w| lower.contains(w)))
    {
        return true;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(is) = words.iter().take(7).position(|w| *w == "is" || *w == "was") else {
        return false;
    };
    if is == 0
        || !words[..is]
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    lower
        .split_whitespace()
        .skip(is + 1)
        .take(4)
        .any(|w| ROLES.iter().any(|r| w.starts_with(r)))
}

/// Reader figures over pages: how the output of `clean` reads.
///
/// A *paragraph* is a line of [`PARAGRAPH_WORDS`] or more words
/// ([`is_paragraph`]). Counted per page with [`Reader::add_page`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Reader {
    /// Pages counted.
    pub pages: u64,
    /// Content paragraphs.
    pub content_paragraphs: u64,
    /// Content paragraphs kept.
    pub content_paragraphs_kept: u64,
    /// Noise paragraphs kept (teasers, comments, promos, bios).
    pub noise_paragraphs_kept: u64,
    /// Pages that have a last content paragraph (closing credits skipped).
    pub pages_with_last: u64,
    /// Of those, pages whose last content paragraph is kept.
    pub last_kept: u64,
    /// Pages whose last content paragraph is a different line because
    /// [`is_closing_credit`] skipped a credit, copyright or bio line after it.
    pub last_credit_skipped: u64,
    /// Pages where every content paragraph is kept and no noise paragraph is.
    pub pages_whole: u64,
}

impl Reader {
    /// Counts one page: `lines` gives, per line, its text, gold label and
    /// predicted label.
    pub fn add_page<'a>(&mut self, lines: impl IntoIterator<Item = (&'a str, Label, Label)>) {
        let mut page = Reader {
            pages: 1,
            ..Reader::default()
        };
        let mut last: Option<bool> = None;
        let mut last_any: Option<usize> = None;
        let mut last_idx: Option<usize> = None;
        for (i, (text, gold, predicted)) in lines.into_iter().enumerate() {
            if !is_paragraph(text) {
                continue;
            }
            let kept = predicted == Label::Content;
            match gold {
                Label::Content => {
                    page.content_paragraphs += 1;
                    page.content_paragraphs_kept += kept as u64;
                    last_any = Some(i);
                    if !is_closing_credit(text) {
                        last = Some(kept);
                        last_idx = Some(i);
                    }
                }
                Label::Noise => page.noise_paragraphs_kept += kept as u64,
            }
        }
        if let Some(kept) = last {
            page.pages_with_last = 1;
            page.last_kept = kept as u64;
            page.last_credit_skipped = (last_idx != last_any) as u64;
        }
        page.pages_whole = (page.content_paragraphs_kept == page.content_paragraphs
            && page.noise_paragraphs_kept == 0) as u64;
        self.merge(&page);
    }

    /// Adds another page's or set's counts.
    pub fn merge(&mut self, o: &Reader) {
        self.pages += o.pages;
        self.content_paragraphs += o.content_paragraphs;
        self.content_paragraphs_kept += o.content_paragraphs_kept;
        self.noise_paragraphs_kept += o.noise_paragraphs_kept;
        self.pages_with_last += o.pages_with_last;
        self.last_kept += o.last_kept;
        self.last_credit_skipped += o.last_credit_skipped;
        self.pages_whole += o.pages_whole;
    }

    /// Paragraph recall: content paragraphs kept / content paragraphs.
    pub fn paragraph_recall(&self) -> f64 {
        ratio(self.content_paragraphs_kept, self.content_paragraphs)
    }

    /// Last-paragraph recall: pages whose last content paragraph is kept /
    /// pages that have one.
    pub fn last_paragraph_recall(&self) -> f64 {
        ratio(self.last_kept, self.pages_with_last)
    }

    /// Kept prose noise: noise paragraphs kept / paragraphs kept.
    pub fn kept_prose_noise(&self) -> f64 {
        ratio(
            self.noise_paragraphs_kept,
            self.noise_paragraphs_kept + self.content_paragraphs_kept,
        )
    }

    /// Pages whole: every content paragraph kept and no noise paragraph kept.
    pub fn pages_whole_share(&self) -> f64 {
        ratio(self.pages_whole, self.pages)
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_match_a_hand_computation() {
        let mut c = Confusion::default();
        for _ in 0..8 {
            c.add(Label::Content, Label::Content);
        }
        for _ in 0..2 {
            c.add(Label::Content, Label::Noise);
        }
        for _ in 0..4 {
            c.add(Label::Noise, Label::Content);
        }
        for _ in 0..86 {
            c.add(Label::Noise, Label::Noise);
        }
        let content = c.class(Label::Content);
        assert!((content.precision - 8.0 / 12.0).abs() < 1e-12);
        assert!((content.recall - 0.8).abs() < 1e-12);
        let noise = c.class(Label::Noise);
        assert!((noise.recall - 86.0 / 90.0).abs() < 1e-12);
        let f1c = 2.0 * (8.0 / 12.0) * 0.8 / (8.0 / 12.0 + 0.8);
        let f1n = 2.0 * (86.0 / 88.0) * (86.0 / 90.0) / (86.0 / 88.0 + 86.0 / 90.0);
        assert!((c.macro_f1() - (f1c + f1n) / 2.0).abs() < 1e-12);
        assert_eq!(c.total(), 100);
    }

    #[test]
    fn paragraphs_are_twelve_words_or_twelve_cjk_characters() {
        for (text, want) in [
            (
                "one two three four five six seven eight nine ten eleven twelve",
                true,
            ),
            (
                "one two three four five six seven eight nine ten eleven",
                false,
            ),
            ("Share this story", false),
            ("市政府周一宣布将在明年春天开放新的公园和图书馆", true),
            ("", false),
        ] {
            assert_eq!(is_paragraph(text), want, "{text}");
        }
    }

    #[test]
    fn closing_credits_are_copyright_agency_and_bio_lines() {
        for (text, want) in [
            ("© 2026 Valley News. All rights reserved.", true),
            (
                "Copyright 2008 The Daily Ledger. This material may not be published.",
                true,
            ),
            (
                "Ana Ferreira is a senior reporter covering the valley for the paper.",
                true,
            ),
            (
                "Tom Reyes was a correspondent in Lisbon for a decade before joining us.",
                true,
            ),
            (
                "The river is a danger to the town, officials said on Monday.",
                false,
            ),
            (
                "Officials said the bridge is an important link for the town.",
                false,
            ),
            (
                "Tom Reyes is managing editor of the Harbour Gazette and its blogs.",
                true,
            ),
            (
                "Brightmark is a registered trademark of Brightmark Tools Ltd.",
                true,
            ),
            (
                "Staff writer Lena Marsh can be reached at lmarsh@example.org or by phone.",
                true,
            ),
            (
                "To contact the reporter on this story: Lena Marsh in Porto at lm@example.org",
                true,
            ),
            (
                "Wire writer Omar Hale in Tunis contributed to this report.",
                true,
            ),
            (
                "(Reporting by Lena Marsh; Editing by Omar Hale and Pia Lund)",
                true,
            ),
            (
                "This story was sourced from a news agency and appears as it was filed.",
                true,
            ),
            (
                "Reporting from the harbour, she saw the boats come in one after another.",
                false,
            ),
            (
                "The mayor said anyone can reach the office at the town hall on Fridays.",
                false,
            ),
            (
                "Officials said the third party in the talks had not yet replied to them.",
                false,
            ),
            (
                "The council is the editor of its own minutes, the clerk said on Monday.",
                false,
            ),
        ] {
            assert_eq!(is_closing_credit(text), want, "{text}");
        }
    }

    #[test]
    fn reader_counts_last_paragraph_after_skipping_credits() {
        let p = "word ".repeat(14);
        let credit = format!("© 2026 Valley News. {p}");
        let (c, n) = (Label::Content, Label::Noise);
        let mut r = Reader::default();
        // Page 1: last paragraph kept, a credit after it dropped.
        r.add_page([
            ("Headline", c, c),
            (p.as_str(), c, c),
            (p.as_str(), c, c),
            (credit.as_str(), c, n),
        ]);
        // Page 2: last paragraph dropped, a noise paragraph kept.
        r.add_page([(p.as_str(), c, c), (p.as_str(), c, n), (p.as_str(), n, c)]);
        assert_eq!(r.pages, 2);
        assert_eq!(r.content_paragraphs, 5);
        assert_eq!(r.content_paragraphs_kept, 3);
        assert_eq!(r.last_kept, 1);
        assert_eq!(r.pages_with_last, 2);
        assert_eq!(r.last_credit_skipped, 1);
        assert_eq!(r.noise_paragraphs_kept, 1);
        assert_eq!(r.pages_whole, 0);
        assert!((r.kept_prose_noise() - 0.25).abs() < 1e-12);
    }

    #[test]
    fn empty_matrix_gives_zeros_not_nan() {
        let c = Confusion::default();
        assert_eq!(c.macro_f1(), 0.0);
        assert_eq!(c.accuracy(), 0.0);
    }
}
