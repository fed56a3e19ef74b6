//! The article's end: the last paragraph of a run of content is kept even
//! when the furniture after it (a share bar, a tag list, a footer) pulls its
//! score towards noise.
//!
//! The second pass and the HMM smooth a line towards its neighbours. At the
//! end of the article that is the wrong way round: the last paragraph has
//! the article on one side and a run of furniture on the other, and on
//! about one page in six it was lost to the furniture. This step runs after
//! the smoothing and looks only at the first line after each run of content
//! (lines with `p_noise < 0.5`):
//!
//! 1. If that line is a paragraph ([`is_article_paragraph`]) and its
//!    `p_noise` is below [`DIRECT`], it is the article's last paragraph: its
//!    `p_noise` is halved.
//! 2. Otherwise, if it is a short line (a subheading or a caption, fewer
//!    than 12 words) on which no end-of-article detector fired ([`END_CUES`]:
//!    section header, share bar, prompt, comment furniture, read more,
//!    pagination, footer, byline, counter), and the line after it is a
//!    paragraph ending like a sentence with `p_noise` below [`ACROSS`],
//!    that paragraph's `p_noise` is halved.
//!
//! One line at most per run end, so a river of teasers after the article is
//! not pulled in line by line. Models of format 4 on carry the step
//! (`TrainerParams::article_end`); older models score as they always did.

use crate::features::context::PageAnalysis;
use crate::features::detectors::{self, Fired};

/// A paragraph right after a run of content is kept when its `p_noise` is
/// below this.
pub(crate) const DIRECT: f32 = 0.95;
/// A paragraph one short line after a run of content is kept when its
/// `p_noise` is below this.
pub(crate) const ACROSS: f32 = 0.9;
/// Words that make a line a paragraph.
const PARAGRAPH_WORDS: usize = crate::eval::PARAGRAPH_WORDS;

/// Detectors that mark the end of an article: a paragraph is never pulled
/// in across a line on which one of them fired.
pub(crate) const END_CUES: Fired = detectors::SECTION_HEADER
    | detectors::SHARE
    | detectors::PROMPT
    | detectors::COMMENT
    | detectors::READ_MORE
    | detectors::PAGINATION
    | detectors::FOOTER
    | detectors::BYLINE
    | detectors::COUNTER;

/// Whether non-blank line `k` reads as a paragraph of the article: 12 or
/// more words and no detector fired on it.
pub(crate) fn is_article_paragraph(analysis: &PageAnalysis, k: usize) -> bool {
    let li = &analysis.infos[k];
    li.fired == 0 && li.stats.words >= PARAGRAPH_WORDS
}

/// Applies the step to the probabilities `p` of the page's non-blank lines
/// (indexed as `analysis.infos`).
pub(crate) fn keep_last_paragraph(analysis: &PageAnalysis, p: &mut [f32]) {
    let n = p.len();
    let before = p.to_vec();
    let mut k = 1;
    while k < n {
        if before[k - 1] < 0.5 && before[k] >= 0.5 {
            if is_article_paragraph(analysis, k) && p[k] < DIRECT {
                p[k] /= 2.0;
            } else if k + 1 < n
                && analysis.infos[k].stats.words < PARAGRAPH_WORDS
                && analysis.infos[k].fired & END_CUES == 0
                && is_article_paragraph(analysis, k + 1)
                && analysis.infos[k + 1]
                    .stats
                    .end
                    .is_some_and(|e| e.is_terminal())
                && p[k + 1] >= 0.5
                && p[k + 1] < ACROSS
            {
                p[k + 1] /= 2.0;
                k += 1;
            }
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::FeaturiserParams;
    use crate::page::Page;

    const PARA: &str = "The council said the new bridge would open in the spring after two years of work on the river banks.";

    fn analyse(lines: &[&str]) -> PageAnalysis {
        let f = FeaturiserParams::default().build().unwrap();
        f.analyse(&Page::from_text(&lines.join("\n")))
    }

    #[test]
    fn table_of_run_ends() {
        // (lines, p before, p after)
        let cases: &[(&[&str], &[f32], &[f32])] = &[
            // The last paragraph before a share bar is kept.
            (&[PARA, PARA, "Share"], &[0.1, 0.8, 0.99], &[0.1, 0.4, 0.99]),
            // Not when the model is sure it is noise.
            (
                &[PARA, PARA, "Share"],
                &[0.1, 0.97, 0.99],
                &[0.1, 0.97, 0.99],
            ),
            // Not a short line.
            (
                &[PARA, "Tags: bridge", "Share"],
                &[0.1, 0.8, 0.99],
                &[0.1, 0.8, 0.99],
            ),
            // Across one short subheading.
            (
                &[PARA, "What comes next", PARA, "Share"],
                &[0.1, 0.9, 0.8, 0.99],
                &[0.1, 0.9, 0.4, 0.99],
            ),
            // Not across a section header.
            (
                &[PARA, "Related", PARA, "Share"],
                &[0.1, 0.9, 0.8, 0.99],
                &[0.1, 0.9, 0.8, 0.99],
            ),
            // One line per run end: a river of paragraphs is not pulled in.
            (
                &[PARA, PARA, PARA, PARA],
                &[0.1, 0.8, 0.8, 0.8],
                &[0.1, 0.4, 0.8, 0.8],
            ),
        ];
        for (lines, before, after) in cases {
            let a = analyse(lines);
            let mut p = before.to_vec();
            keep_last_paragraph(&a, &mut p);
            assert_eq!(&p, after, "{lines:?}");
        }
    }
}
