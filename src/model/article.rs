//! The article's edges: its title line and its last paragraph are kept even
//! when the furniture beside them (a menu, a share bar, a tag list, a footer)
//! pulls their scores towards noise, and teaser rivers after it are dropped.
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
//! not pulled in line by line.
//!
//! The step has five versions ([`ArticleStep`]); a model carries the version
//! it was trained with, so older models score as they always did:
//! - [`ArticleStep::LastParagraph`] (model format 4): the steps above, where a
//!   paragraph is a line of 12 or more words on which no detector fired.
//! - [`ArticleStep::Edges`] (model format 5) adds three things:
//!   - in step 1, a detector that is not an end-of-article cue (a URL, a
//!     field label, a camel-glued word) no longer stops the paragraph from
//!     being kept;
//!   - the page's title line: the first line, when a later line near the
//!     article echoes its headline (the page's own heading,
//!     `PageAnalysis::is_headline`), is the article's title, which our
//!     labelling convention makes content; menus after it pull it towards
//!     noise, so its `p_noise` is halved when it is 0.5 or more;
//!   - the article's first paragraph: the first paragraph at most six
//!     lines under that heading (across a byline, a date, a share bar) is
//!     kept when no end-of-article cue fired on it and its `p_noise` is
//!     below [`DIRECT`]; its `p_noise` is halved;
//!   - after the article a *teaser river* is dropped: three or more units
//!     in a row of one or two short lines that do not end like a sentence
//!     (a headline, a date) followed by exactly one paragraph (its teaser).
//!     Each such teaser's `p_noise` `p` becomes `0.5 + p / 2`, the mirror
//!     of the halving above. The river is looked for after the main block
//!     of the page (the kept lines, joined across gaps of at most
//!     [`BLOCK_GAP`] lines, with the most words), because a list article
//!     inside the main block (a heading, then its paragraph, repeated) has
//!     the same shape, and right after a section header;
//!   - the paragraph right after the page's main block, the article's end,
//!     is kept like the last paragraph of step 1 with a looser bound,
//!     [`MAIN_END`] (0.99): a run's end may be a teaser's, the main block's
//!     end is the article's. The main block is taken after the other
//!     steps, so the article may reach two paragraphs past a run's end
//!     (one by step 1, one by this), never more;
//!   - after the main block, *reader comments* are dropped: when two or
//!     more kept paragraphs there have a date line at most three lines
//!     above them (a commenter's name, a date, the comment, `Reply`), each
//!     such paragraph's `p_noise` becomes `0.5 + p / 2`.
//! - [`ArticleStep::Furniture`] (model format 6) does all of version 2, and
//!   before it, where the HMM smooths the page, a short line on which a
//!   furniture detector fired keeps its own score ([`keeps_own_score`]):
//!   the header block of a short article (breadcrumb, product line, date,
//!   source line) is no longer pulled into the article.
//! - [`ArticleStep::Comments`] (model format 7) does all of version 3 and
//!   then drops a *comment section*: once three paragraphs have been kept,
//!   a short line of at most [`COMMENT_HEADER_WORDS`] words that is not
//!   prose and does not end like a sentence, on which comment furniture or
//!   a counter fired and which names comments (`Comments (12)`, `Reader
//!   comments`, `Kommentare`, `评论`; [`COMMENT_STEMS`]) and is no prompt to
//!   comment (`Leave a comment`, [`COMMENT_PROMPTS`]: a call to action, which
//!   a post may carry in its body), starts the page's comment section, and
//!   every line kept after it is pushed towards noise. Not when the line right after it is a kept
//!   paragraph: a comment button between two paragraphs of the article
//!   (`Comments` under a share bar) is followed by the article, a comment
//!   section by a commenter's name, a date or a count. Reader comments are
//!   told by their place, not by their words: they are prose, and many are
//!   short and undated, which version 2's dated paragraphs missed.
//! - [`ArticleStep::Inline`] (model format 8) does all of version 4 and
//!   then pushes towards noise a short line that is not prose, on which
//!   ad, share-bar, read-more or comment furniture fired
//!   ([`INLINE_FURNITURE`]), and that was kept with a `p_noise` of
//!   [`INLINE_FLOOR`] or more ([`drop_inline_furniture`]): an
//!   `Advertisement` between two paragraphs.
//! - [`ArticleStep::Paired`] (model format 9) does all of version 5 with
//!   another notion of the page's *main block*, which versions 2 to 5 take
//!   to be the block of kept lines with the most words: here a paragraph of
//!   prose that stands right beside another kept one counts four times its
//!   words ([`block_weight`]). An article is paragraphs in a row; a teaser
//!   river is paragraphs one by one, each between a headline, an author and
//!   a date. A long river after a shorter article outweighed it, so the
//!   river was taken for the article: its teasers were kept and the
//!   article's end was looked for after it. And of a teaser river (after
//!   the main block or a section header) the units' headlines are dropped
//!   with their teasers; a
//!   unit may have three short lines before its teaser when a date or a
//!   byline is among them (a headline, its author, its date).

use serde::{Deserialize, Serialize};

use crate::features::context::PageAnalysis;
use crate::features::detectors::{self, Fired};

/// Which version of the article step a model carries (stored in the model
/// file as one byte: 0 to 6).
///
/// Each version does what the versions before it do (the order of the
/// variants), so a step of version `v` or later is asked as `rule >= v`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub(crate) enum ArticleStep {
    /// No article step (models before format 4, `train --no-article-end`).
    Off,
    /// Keep the last paragraph of each run (model format 4).
    LastParagraph,
    /// Also keep it when only detectors that are not end cues fired, keep
    /// the page's title line, the first paragraph under its heading and the
    /// paragraph after the main block, and drop teaser rivers and reader
    /// comments after the article (model format 5).
    Edges,
    /// Also let a short furniture line keep its score from before the
    /// smoothing ([`keeps_own_score`]; model format 6).
    Furniture,
    /// Also drop the comment section that a comment header starts
    /// ([`drop_comment_section`]; model format 7).
    Comments,
    /// Also push towards noise a short line of ad, share-bar, read-more or
    /// comment furniture that the article kept around it
    /// ([`drop_inline_furniture`]; model format 8).
    Inline,
    /// Also weigh the main block by its paragraphs in a row
    /// ([`block_weight`]; model format 9).
    Paired,
}

impl ArticleStep {
    /// The version a model trained by this build carries.
    pub(crate) const NEWEST: ArticleStep = ArticleStep::Paired;

    /// The newest version a model file of format `format` may carry.
    pub(crate) fn newest_of_format(format: u32) -> ArticleStep {
        match format {
            ..=3 => ArticleStep::Off,
            4 => ArticleStep::LastParagraph,
            5 => ArticleStep::Edges,
            6 => ArticleStep::Furniture,
            7 => ArticleStep::Comments,
            8 => ArticleStep::Inline,
            _ => ArticleStep::Paired,
        }
    }
}

impl From<ArticleStep> for u8 {
    fn from(a: ArticleStep) -> u8 {
        match a {
            ArticleStep::Off => 0,
            ArticleStep::LastParagraph => 1,
            ArticleStep::Edges => 2,
            ArticleStep::Furniture => 3,
            ArticleStep::Comments => 4,
            ArticleStep::Inline => 5,
            ArticleStep::Paired => 6,
        }
    }
}

impl TryFrom<u8> for ArticleStep {
    type Error = String;
    fn try_from(v: u8) -> Result<ArticleStep, String> {
        match v {
            0 => Ok(ArticleStep::Off),
            1 => Ok(ArticleStep::LastParagraph),
            2 => Ok(ArticleStep::Edges),
            3 => Ok(ArticleStep::Furniture),
            4 => Ok(ArticleStep::Comments),
            5 => Ok(ArticleStep::Inline),
            6 => Ok(ArticleStep::Paired),
            _ => Err(format!("unknown article step {v}")),
        }
    }
}

/// A paragraph right after a run of content is kept when its `p_noise` is
/// below this.
pub(crate) const DIRECT: f32 = 0.95;
/// The paragraph right after the page's main block, the article's end, is
/// kept when its `p_noise` is below this (version 2): the end of the main
/// block is surer than any run's end, where a looser bound pulls teasers in.
pub(crate) const MAIN_END: f32 = 0.99;
/// A paragraph one short line after a run of content is kept when its
/// `p_noise` is below this.
pub(crate) const ACROSS: f32 = 0.9;
/// Words that make a line a paragraph.
const PARAGRAPH_WORDS: usize = crate::eval::PARAGRAPH_WORDS;
/// Kept lines separated by at most this many dropped lines are one block
/// when the main block is looked for.
pub(crate) const BLOCK_GAP: usize = 3;
/// How many times its words a paragraph of prose beside another weighs
/// in its block, when the main block is looked for (version 6). On the
/// dev pages two found the same main blocks as four but on two pages,
/// eight the same as four.
pub(crate) const PAIRED_WEIGHT: usize = 4;
/// Units in a row that make a teaser river.
pub(crate) const RIVER_UNITS: usize = 3;
/// How many lines under the page's heading its first paragraph may start.
pub(crate) const HEADING_WINDOW: usize = 6;
/// Dated paragraphs after the article that make a comment section.
pub(crate) const COMMENT_UNITS: usize = 2;
/// How far above a comment its date line may stand.
const COMMENT_DATE_LINES: usize = 3;
/// The most words of a line that starts a comment section (version 4).
pub(crate) const COMMENT_HEADER_WORDS: usize = 4;
/// Paragraphs kept before a comment section starts (version 4): the
/// article comes first.
pub(crate) const COMMENT_AFTER_PARAGRAPHS: usize = 3;
/// Stems that name comments, lower case (version 4): `comment` (English,
/// French, Italian), `komment` (German, Scandinavian), `koment` (Polish,
/// Czech), `coment` (Spanish, Portuguese), `reactie` (Dutch), and Chinese,
/// Japanese and Korean words.
pub(crate) const COMMENT_STEMS: &[&str] = &[
    "comment",
    "komment",
    "koment",
    "coment",
    "reactie",
    "评论",
    "評論",
    "留言",
    "コメント",
    "댓글",
];
/// First words of a prompt to comment (`Leave a comment`, `Join the
/// discussion`, `Schreiben Sie einen Kommentar`, `Laisser un commentaire`,
/// `发表评论`), lower case (version 4): a call to action, which a post may
/// carry in its body, not the list of comments.
pub(crate) const COMMENT_PROMPTS: &[&str] = &[
    "leave",
    "post",
    "add",
    "write",
    "join",
    "have",
    "schreiben",
    "hinterlass",
    "laisser",
    "écrire",
    "ajouter",
    "deja",
    "escribe",
    "lascia",
    "scrivi",
    "deixe",
    "escreva",
    "发表",
    "我要",
    "写",
];
/// The most short lines before a teaser in one unit of a river; from
/// version 6 one more when a date or a byline is among them (a headline,
/// its author and its date).
const RIVER_HEAD_LINES: usize = 2;
/// A river after a section header starts at most this many lines below it.
const RIVER_AFTER_HEADER: usize = 2;

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

/// Whether non-blank line `k` is a paragraph in the sense of the reader
/// figures: 12 or more words.
fn is_paragraph(analysis: &PageAnalysis, k: usize) -> bool {
    analysis.infos[k].stats.words >= PARAGRAPH_WORDS
}

/// Whether non-blank line `k` reads as a paragraph of the article: a
/// paragraph on which no detector fired.
pub(crate) fn is_article_paragraph(analysis: &PageAnalysis, k: usize) -> bool {
    analysis.infos[k].fired == 0 && is_paragraph(analysis, k)
}

/// Whether non-blank line `k` is a paragraph with no end-of-article cue
/// fired on it (the version 2 test of step 1).
fn is_paragraph_without_end_cue(analysis: &PageAnalysis, k: usize) -> bool {
    analysis.infos[k].fired & END_CUES == 0 && is_paragraph(analysis, k)
}

/// Pulls a line towards content: its `p_noise` is halved.
fn toward_content(p: &mut f32) {
    *p /= 2.0;
}

/// Pushes a line towards noise, the mirror of [`toward_content`]: `p` becomes
/// `0.5 + p / 2`.
fn toward_noise(p: &mut f32) {
    *p = 0.5 + *p / 2.0;
}

/// Whether line `k` (an index of `analysis.infos`) keeps its score from
/// before the HMM's smoothing, by the step of version `rule`: from version
/// 3 a line that is not prose, shorter than a paragraph, on which a
/// furniture detector fired ([`detectors::FURNITURE`]: a date, a byline, a
/// breadcrumb, a brand or product line, a source field, a share bar, ...).
/// The smoothing closes gaps in runs of content, and so pulled the header
/// block above a short article (breadcrumb, product line, date, source)
/// into it, whatever the line's own evidence said.
pub(crate) fn keeps_own_score(rule: ArticleStep, analysis: &PageAnalysis, k: usize) -> bool {
    let li = &analysis.infos[k];
    rule >= ArticleStep::Furniture
        && li.fired & detectors::FURNITURE != 0
        && !li.stats.is_prose()
        && li.stats.words < PARAGRAPH_WORDS
}

/// Applies the step of version `rule` to the probabilities `p` of the
/// page's non-blank lines (indexed as `analysis.infos`).
pub(crate) fn apply(rule: ArticleStep, analysis: &PageAnalysis, p: &mut [f32]) {
    match rule {
        ArticleStep::Off => {}
        ArticleStep::LastParagraph => keep_last_paragraph(analysis, p, is_article_paragraph),
        // Version 2 ([`ArticleStep::Edges`]) and later.
        _ => {
            keep_last_paragraph(analysis, p, is_paragraph_without_end_cue);
            keep_title_line(analysis, p);
            keep_first_paragraph(analysis, p);
            drop_teaser_rivers(rule, analysis, p);
            drop_comments(rule, analysis, p);
            keep_article_end(rule, analysis, p);
            if rule >= ArticleStep::Comments {
                drop_comment_section(analysis, p);
            }
            if rule >= ArticleStep::Inline {
                drop_inline_furniture(analysis, p);
            }
        }
    }
}

/// Whether non-blank line `k` starts a comment section (version 4): a short
/// line that is not prose and does not end like a sentence, on which
/// comment furniture or a counter fired, which names comments and is no
/// prompt to comment.
fn is_comment_header(analysis: &PageAnalysis, k: usize) -> bool {
    let li = &analysis.infos[k];
    let lower = li.lower.trim_start();
    li.stats.words <= COMMENT_HEADER_WORDS
        && !li.stats.is_prose()
        && !li.stats.end.is_some_and(|e| e.is_terminal())
        && li.fired & (detectors::COMMENT | detectors::COUNTER) != 0
        && COMMENT_STEMS.iter().any(|w| lower.contains(w))
        && !COMMENT_PROMPTS.iter().any(|w| lower.starts_with(w))
}

/// Drops the comment section (version 4): every line kept after the first
/// comment header ([`is_comment_header`]) that follows
/// [`COMMENT_AFTER_PARAGRAPHS`] kept paragraphs, unless the line right
/// after the header is a kept paragraph (the article going on past a
/// comment button).
fn drop_comment_section(analysis: &PageAnalysis, p: &mut [f32]) {
    let n = p.len();
    let mut paragraphs = 0;
    for k in 0..n {
        if p[k] < 0.5 && is_paragraph(analysis, k) {
            paragraphs += 1;
            continue;
        }
        if paragraphs < COMMENT_AFTER_PARAGRAPHS || !is_comment_header(analysis, k) {
            continue;
        }
        if k + 1 < n && p[k + 1] < 0.5 && is_paragraph(analysis, k + 1) {
            continue;
        }
        for pj in &mut p[k + 1..] {
            if *pj < 0.5 {
                toward_noise(pj);
            }
        }
        return;
    }
}

/// Furniture that marks no part of an article (version 5): an ad marker,
/// a share bar, a read-more link, comment furniture. Not dates, bylines,
/// counters or prompts, which some benchmarks keep with the article or
/// which fire on its tables and sentences.
pub(crate) const INLINE_FURNITURE: Fired =
    detectors::AD | detectors::SHARE | detectors::READ_MORE | detectors::COMMENT;

/// A kept line whose `p_noise` is at least this is not held firmly by the
/// article: [`drop_inline_furniture`] may push it towards noise.
pub(crate) const INLINE_FLOOR: f32 = 0.2;

/// Pushes towards noise (version 5) every short line that is not prose,
/// on which [`INLINE_FURNITURE`] fired, and that was kept with a
/// `p_noise` of [`INLINE_FLOOR`] or more: the second pass and the HMM
/// pull an `Advertisement` or a share bar between two paragraphs into the
/// article, whatever its own evidence says. Not the page's title line
/// (when the page has its heading) nor its heading.
fn drop_inline_furniture(analysis: &PageAnalysis, p: &mut [f32]) {
    let titled = analysis.heading().is_some();
    for (k, pk) in p.iter_mut().enumerate() {
        let li = &analysis.infos[k];
        // Never the title line that step 2 kept, nor the page's heading:
        // a headline may hold a furniture word (`Watchdog report ...`).
        if (k == 0 && titled) || analysis.is_headline(k) {
            continue;
        }
        if (INLINE_FLOOR..0.5).contains(pk)
            && li.fired & INLINE_FURNITURE != 0
            && !li.stats.is_prose()
            && li.stats.words < PARAGRAPH_WORDS
        {
            toward_noise(pk);
        }
    }
}

/// Steps 1 and 2; `direct` says which line may be kept right after a run.
fn keep_last_paragraph(
    analysis: &PageAnalysis,
    p: &mut [f32],
    direct: fn(&PageAnalysis, usize) -> bool,
) {
    let n = p.len();
    let before = p.to_vec();
    let mut k = 1;
    while k < n {
        if before[k - 1] < 0.5 && before[k] >= 0.5 {
            if direct(analysis, k) && p[k] < DIRECT {
                toward_content(&mut p[k]);
            } else if k + 1 < n
                && !is_paragraph(analysis, k)
                && analysis.infos[k].fired & END_CUES == 0
                && is_article_paragraph(analysis, k + 1)
                && analysis.infos[k + 1]
                    .stats
                    .end
                    .is_some_and(|e| e.is_terminal())
                && p[k + 1] >= 0.5
                && p[k + 1] < ACROSS
            {
                toward_content(&mut p[k + 1]);
                k += 1;
            }
        }
        k += 1;
    }
}

/// Keeps the page's title line (version 2): the first line, when the page
/// has its own heading (a later line that echoes the first line's headline).
fn keep_title_line(analysis: &PageAnalysis, p: &mut [f32]) {
    if analysis.heading().is_some() && p.first().is_some_and(|&p0| p0 >= 0.5) {
        toward_content(&mut p[0]);
    }
}

/// Keeps the article's first paragraph (version 2): the first paragraph
/// at most [`HEADING_WINDOW`] lines under the page's heading (across a
/// byline, a date, a share bar), when no end-of-article cue fired on it and
/// its `p_noise` is below [`DIRECT`], as for the last paragraph.
fn keep_first_paragraph(analysis: &PageAnalysis, p: &mut [f32]) {
    let Some(h) = analysis.heading() else {
        return;
    };
    let first = (h + 1..(h + 1 + HEADING_WINDOW).min(p.len())).find(|&k| is_paragraph(analysis, k));
    if let Some(k) = first {
        if is_paragraph_without_end_cue(analysis, k) && p[k] >= 0.5 && p[k] < DIRECT {
            toward_content(&mut p[k]);
        }
    }
}

/// Keeps the paragraph right after the page's main block (version 2) when
/// no end-of-article cue fired on it and its `p_noise` is below
/// [`MAIN_END`].
fn keep_article_end(rule: ArticleStep, analysis: &PageAnalysis, p: &mut [f32]) {
    let Some(k) = main_block_end(rule, analysis, p).map(|e| e + 1) else {
        return;
    };
    if k < p.len() && is_paragraph_without_end_cue(analysis, k) && p[k] >= 0.5 && p[k] < MAIN_END {
        toward_content(&mut p[k]);
    }
}

/// The last line of the page's main block: kept lines joined across gaps
/// of at most [`BLOCK_GAP`] lines; of the blocks, the first with the most
/// weight ([`block_weight`]: the words of its lines, and from version 6
/// more for paragraphs in a row).
fn main_block_end(rule: ArticleStep, analysis: &PageAnalysis, p: &[f32]) -> Option<usize> {
    // (weight, last line) of the best block so far and of the current one.
    let mut best: Option<(usize, usize)> = None;
    let mut current: Option<(usize, usize)> = None;
    for (k, &pk) in p.iter().enumerate() {
        if pk >= 0.5 {
            continue;
        }
        let words = block_weight(rule, analysis, p, k);
        current = match current {
            Some((w, last)) if k - last - 1 <= BLOCK_GAP => Some((w + words, k)),
            Some(done) => {
                if best.is_none_or(|b| done.0 > b.0) {
                    best = Some(done);
                }
                Some((words, k))
            }
            None => Some((words, k)),
        };
    }
    if let Some(done) = current {
        if best.is_none_or(|b| done.0 > b.0) {
            best = Some(done);
        }
    }
    best.map(|(_, last)| last)
}

/// What kept line `k` weighs in its block when the main block is looked
/// for: its words; from version 6 ([`ArticleStep::Paired`]) four times
/// its words when it is prose ([`LineStats::is_prose`]) and the line
/// right above or below it is kept prose too. The paragraphs of an article
/// stand in a row; a river's teasers stand one by one between headlines,
/// authors and dates, and a long river outweighed a shorter article by
/// words alone.
///
/// [`LineStats::is_prose`]: crate::features::shape::LineStats::is_prose
fn block_weight(rule: ArticleStep, analysis: &PageAnalysis, p: &[f32], k: usize) -> usize {
    let words = analysis.infos[k].stats.words;
    if rule < ArticleStep::Paired {
        return words;
    }
    let kept_prose = |j: usize| p[j] < 0.5 && analysis.infos[j].stats.is_prose();
    let paired = analysis.infos[k].stats.is_prose()
        && ((k > 0 && kept_prose(k - 1)) || (k + 1 < p.len() && kept_prose(k + 1)));
    if paired {
        PAIRED_WEIGHT * words
    } else {
        words
    }
}

/// The teaser of the river unit that starts at line `i`, if one does: one
/// or two short lines that do not end like a sentence (a headline, a date),
/// then one paragraph that the next line does not continue. From version 6
/// the short lines may be three when a date or a byline fired on one of
/// them (a headline, its author and its date).
fn unit_at(rule: ArticleStep, analysis: &PageAnalysis, i: usize) -> Option<usize> {
    let n = analysis.infos.len();
    let paragraph = |k: usize| is_paragraph(analysis, k);
    let sentence_end = |k: usize| analysis.infos[k].stats.end.is_some_and(|e| e.is_terminal());
    let most = RIVER_HEAD_LINES + usize::from(rule >= ArticleStep::Paired);
    let mut j = i;
    while j < n && j - i < most && !paragraph(j) && !sentence_end(j) {
        j += 1;
    }
    let dated = |k: usize| analysis.infos[k].fired & (detectors::DATETIME | detectors::BYLINE) != 0;
    if j - i > RIVER_HEAD_LINES && !(i..j).any(dated) {
        return None;
    }
    (j > i && j < n && paragraph(j) && (j + 1 >= n || !paragraph(j + 1))).then_some(j)
}

/// The teasers of the units in a row from line `i` on.
fn river_at(rule: ArticleStep, analysis: &PageAnalysis, mut i: usize) -> Vec<usize> {
    let mut teasers = Vec::new();
    while let Some(t) = unit_at(rule, analysis, i) {
        teasers.push(t);
        i = t + 1;
    }
    teasers
}

/// Drops teaser rivers (version 2): those after the main block, and those
/// that start one or two lines after a section header (`More from ...`,
/// `Related`) anywhere on the page. From version 6 every kept line of a
/// river is dropped, its units' headlines too, not only its teasers.
fn drop_teaser_rivers(rule: ArticleStep, analysis: &PageAnalysis, p: &mut [f32]) {
    let n = p.len();
    let mut teasers: Vec<usize> = Vec::new();
    if let Some(end) = main_block_end(rule, analysis, p) {
        let mut i = end + 1;
        while i < n {
            let river = river_at(rule, analysis, i);
            match river.last() {
                Some(&last) => {
                    if river.len() >= RIVER_UNITS {
                        if rule >= ArticleStep::Paired {
                            // The headlines too (version 6).
                            teasers.extend(i..=last);
                        } else {
                            teasers.extend(&river);
                        }
                    }
                    i = last + 1;
                }
                None => i += 1,
            }
        }
    }
    for k in 0..n {
        if analysis.infos[k].fired & detectors::SECTION_HEADER == 0 {
            continue;
        }
        let Some((start, river)) = (k + 1..(k + 1 + RIVER_AFTER_HEADER).min(n))
            .map(|i| (i, river_at(rule, analysis, i)))
            .max_by_key(|(_, river)| river.len())
        else {
            continue;
        };
        if let (true, Some(&last)) = (river.len() >= RIVER_UNITS, river.last()) {
            if rule >= ArticleStep::Paired {
                // The headlines too (version 6).
                teasers.extend(start..=last);
            } else {
                teasers.extend(river);
            }
        }
    }
    teasers.sort_unstable();
    teasers.dedup();
    for t in teasers {
        if p[t] < 0.5 {
            toward_noise(&mut p[t]);
        }
    }
}

/// Drops reader comments after the main block (version 2): kept
/// paragraphs after it with a date line at most [`COMMENT_DATE_LINES`]
/// lines above them (a comment's `12 March 2026 at 8:14 am`), when there
/// are at least [`COMMENT_UNITS`] of them.
fn drop_comments(rule: ArticleStep, analysis: &PageAnalysis, p: &mut [f32]) {
    let Some(end) = main_block_end(rule, analysis, p) else {
        return;
    };
    let dated = |k: usize| analysis.infos[k].fired & detectors::DATETIME != 0;
    let comments: Vec<usize> = (end + 1..p.len())
        .filter(|&k| {
            p[k] < 0.5
                && is_paragraph(analysis, k)
                && (k.saturating_sub(COMMENT_DATE_LINES).max(end + 1)..k).any(dated)
        })
        .collect();
    if comments.len() >= COMMENT_UNITS {
        for k in comments {
            toward_noise(&mut p[k]);
        }
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

    /// The probabilities `before` of a page of `lines` after the step of
    /// version `rule`.
    /// Every case of version 2 holds for version 3 too, which differs only
    /// before the step, where the HMM smooths.
    fn stepped(rule: ArticleStep, lines: &[&str], before: &[f32]) -> Vec<f32> {
        let analysis = analyse(lines);
        let mut p = before.to_vec();
        apply(rule, &analysis, &mut p);
        if rule == ArticleStep::Edges {
            let mut v3 = before.to_vec();
            apply(ArticleStep::Furniture, &analysis, &mut v3);
            assert_eq!(v3, p, "version 3 differs from version 2 on {lines:?}");
        }
        p
    }

    const LINK: &str = "The full plans for the bridge are at www.example.org/bridge and the council will add more in May.";
    const TEASER: &str =
        "A short look at another story from elsewhere on the site, told in one sentence.";

    /// Four paragraphs of an article and a share bar: rivers after it are
    /// more than [`BLOCK_GAP`] lines away, so not part of its block.
    const ARTICLE_THEN_SHARE: [&str; 8] = [
        PARA,
        PARA,
        PARA,
        PARA,
        "Share",
        "Email",
        "Print",
        "More news",
    ];

    use ArticleStep::{Edges as V2, LastParagraph as V1};

    /// Version 3 leaves short furniture lines out of the smoothing; older
    /// versions leave none out. (line, kept out by version 3)
    #[test]
    fn short_furniture_lines_keep_their_own_score_from_version_3() {
        let cases: &[(&str, bool)] = &[
            ("9 hours ago", true),
            ("14 March 2026 09:12", true),
            ("By Lena Ostrova", true),
            ("Source: Coastline Wire", true),
            ("Home > Business > Transport", true),
            ("Share this article", true),
            // Article text: a paragraph with a date in it, a subheading.
            ("The council met on 14 March 2026 and voted to keep the night buses running through the winter months.", false),
            ("What happens next", false),
        ];
        for (line, want) in cases {
            let a = analyse(&[PARA, line, PARA]);
            assert_eq!(
                keeps_own_score(ArticleStep::Furniture, &a, 1),
                *want,
                "{line}"
            );
            for old in [ArticleStep::Off, V1, V2] {
                assert!(!keeps_own_score(old, &a, 1), "{line}: {old:?}");
            }
        }
    }

    /// Version 4 drops the comment section that a comment header starts
    /// after the article; older versions leave it. (lines, p before, p
    /// after by version 4)
    #[test]
    fn a_comment_header_after_the_article_drops_what_follows_from_version_4() {
        const NOTE: &str =
            "I would like to know who is actually paying for all of this in the end, and when.";
        let cases: &[(&[&str], &[f32], &[f32])] = &[
            // A header with a count, a commenter, a comment, `Reply`.
            (
                &[
                    PARA,
                    PARA,
                    PARA,
                    "Comments (12)",
                    "harbourdad",
                    NOTE,
                    "Reply",
                    "Same here.",
                ],
                &[0.1, 0.1, 0.1, 0.9, 0.4, 0.2, 0.9, 0.4],
                &[0.1, 0.1, 0.1, 0.9, 0.7, 0.6, 0.9, 0.7],
            ),
            // Another language's header, an undated comment.
            (
                &[PARA, PARA, PARA, "Kommentare", "leser_aus_lindau", NOTE],
                &[0.1, 0.1, 0.1, 0.8, 0.4, 0.2],
                &[0.1, 0.1, 0.1, 0.8, 0.7, 0.6],
            ),
            // A comment button inside the article: a kept paragraph right
            // after it, the article goes on.
            (
                &[PARA, PARA, PARA, "Comments", PARA, NOTE],
                &[0.1, 0.1, 0.1, 0.9, 0.2, 0.2],
                &[0.1, 0.1, 0.1, 0.9, 0.2, 0.2],
            ),
            // Before the article's third paragraph: a counter under the
            // headline, not the comment section.
            (
                &[PARA, PARA, "12 comments", "harbourdad", NOTE],
                &[0.1, 0.1, 0.9, 0.4, 0.2],
                &[0.1, 0.1, 0.9, 0.4, 0.2],
            ),
            // A prompt to comment inside a post, before its sponsor note.
            (
                &[PARA, PARA, PARA, "Leave a comment", "Share", NOTE],
                &[0.1, 0.1, 0.1, 0.9, 0.9, 0.3],
                &[0.1, 0.1, 0.1, 0.9, 0.9, 0.3],
            ),
            // A sentence or a subheading that names comments.
            (
                &[
                    PARA,
                    PARA,
                    PARA,
                    "We turned the comments off.",
                    "Muting the group chat",
                    NOTE,
                ],
                &[0.1, 0.1, 0.1, 0.6, 0.4, 0.2],
                &[0.1, 0.1, 0.1, 0.6, 0.4, 0.2],
            ),
            (
                &[
                    PARA,
                    PARA,
                    PARA,
                    "Margin comments become shared posts",
                    NOTE,
                ],
                &[0.1, 0.1, 0.1, 0.6, 0.2],
                &[0.1, 0.1, 0.1, 0.6, 0.2],
            ),
        ];
        for (lines, before, want) in cases {
            let got = stepped(ArticleStep::Comments, lines, before);
            assert_eq!(&got, want, "{lines:?}");
            // Version 3 leaves the comment section as it was.
            let v3 = stepped(ArticleStep::Furniture, lines, before);
            if want == before {
                assert_eq!(&v3, want, "{lines:?}");
            } else {
                assert_eq!(&v3, before, "{lines:?}");
            }
        }
    }

    /// A row of the table: the versions it holds for, lines, p before, p
    /// after.
    type Case<'a> = (&'a [ArticleStep], &'a [&'a str], &'a [f32], &'a [f32]);

    #[test]
    fn table_of_run_ends() {
        const BOTH: &[ArticleStep] = &[V1, V2];
        let cases: &[Case] = &[
            // The last paragraph before a share bar is kept.
            (
                BOTH,
                &[PARA, PARA, "Share"],
                &[0.1, 0.8, 0.99],
                &[0.1, 0.4, 0.99],
            ),
            // Not when the model is sure it is noise (version 2 is looser
            // at the main block's end: see its own test).
            (
                &[V1],
                &[PARA, PARA, "Share"],
                &[0.1, 0.97, 0.99],
                &[0.1, 0.97, 0.99],
            ),
            (
                BOTH,
                &[PARA, PARA, "Share"],
                &[0.1, 0.995, 0.99],
                &[0.1, 0.995, 0.99],
            ),
            // Not a short line.
            (
                BOTH,
                &[PARA, "Tags: bridge", "Share"],
                &[0.1, 0.8, 0.99],
                &[0.1, 0.8, 0.99],
            ),
            // Across one short subheading.
            (
                BOTH,
                &[PARA, "What comes next", PARA, "Share"],
                &[0.1, 0.9, 0.8, 0.99],
                &[0.1, 0.9, 0.4, 0.99],
            ),
            // Not across a section header.
            (
                BOTH,
                &[PARA, "Related", PARA, "Share"],
                &[0.1, 0.9, 0.8, 0.99],
                &[0.1, 0.9, 0.8, 0.99],
            ),
            // One line per run end: a river of paragraphs is not pulled in.
            (
                &[V1],
                &[PARA, TEASER, TEASER, TEASER],
                &[0.1, 0.8, 0.8, 0.8],
                &[0.1, 0.4, 0.8, 0.8],
            ),
            // Version 2 keeps one more, the paragraph after the main block
            // that the first one extended; no further.
            (
                &[V2],
                &[PARA, TEASER, TEASER, TEASER],
                &[0.1, 0.8, 0.8, 0.8],
                &[0.1, 0.4, 0.4, 0.8],
            ),
            // A last paragraph with a link: version 1 wants no detector at
            // all, version 2 only no end-of-article cue.
            (
                &[V1],
                &[PARA, LINK, "Share"],
                &[0.1, 0.8, 0.99],
                &[0.1, 0.8, 0.99],
            ),
            (
                &[V2],
                &[PARA, LINK, "Share"],
                &[0.1, 0.8, 0.99],
                &[0.1, 0.4, 0.99],
            ),
        ];
        for (rules, lines, before, after) in cases {
            for rule in *rules {
                assert_eq!(&stepped(*rule, lines, before), after, "{rule:?} {lines:?}");
            }
        }
    }

    #[test]
    fn teaser_rivers_after_the_main_block_are_dropped_in_version_2() {
        // The river is more than BLOCK_GAP lines away from the article:
        // nearer, its teasers would belong to the main block.
        let river = [
            "Ferry returns",
            TEASER,
            "Market hall reopens",
            "2 hours ago",
            TEASER,
            "Rain for the weekend",
            TEASER,
        ];
        let page: Vec<&str> = ARTICLE_THEN_SHARE.iter().chain(&river).copied().collect();
        let before = [
            0.1, 0.1, 0.1, 0.1, 0.99, 0.99, 0.99, 0.99, 0.9, 0.2, 0.9, 0.9, 0.3, 0.9, 0.0,
        ];
        assert_eq!(
            stepped(V2, &page, &before),
            [0.1, 0.1, 0.1, 0.1, 0.99, 0.99, 0.99, 0.99, 0.9, 0.6, 0.9, 0.9, 0.65, 0.9, 0.5]
        );
        // Version 1 leaves rivers alone.
        assert_eq!(stepped(V1, &page, &before), before);
        // Two units are not a river.
        assert_eq!(stepped(V2, &page[..13], &before[..13]), before[..13]);
        // Version 6 drops the river's kept headlines too; version 5 keeps
        // them.
        let mut kept_heads = before;
        for k in [8, 10, 11, 13] {
            kept_heads[k] = 0.3;
        }
        let v6 = stepped(ArticleStep::Paired, &page, &kept_heads);
        assert_eq!(
            &v6[8..],
            [0.65, 0.6, 0.65, 0.65, 0.65, 0.65, 0.5],
            "version 6"
        );
        let v5 = stepped(ArticleStep::Inline, &page, &kept_heads);
        assert_eq!(&v5[8..], [0.3, 0.6, 0.3, 0.3, 0.65, 0.3, 0.5], "version 5");
    }

    /// From version 6 a river unit may have three short lines before its
    /// teaser when a date or a byline is among them (a headline, its
    /// author, its desk); three short lines without one are no unit.
    /// Version 5 takes neither for a river.
    #[test]
    fn river_units_with_an_author_line_from_version_6() {
        let river = |heads: [&'static str; 3]| {
            let mut page: Vec<&str> = ARTICLE_THEN_SHARE.to_vec();
            let mut before = vec![0.1, 0.1, 0.1, 0.1, 0.99, 0.99, 0.99, 0.99];
            for _ in 0..3 {
                page.extend(heads);
                page.push(TEASER);
                before.extend([0.3, 0.3, 0.3, 0.2]);
            }
            (page, before)
        };
        let (page, before) = river(["Ferry fares frozen", "By Mara Lind", "Transport desk"]);
        let v6 = stepped(ArticleStep::Paired, &page, &before);
        assert!(v6[8..].iter().all(|&p| p >= 0.5), "version 6: {v6:?}");
        assert_eq!(&v6[..8], &before[..8]);
        let v5 = stepped(ArticleStep::Inline, &page, &before);
        assert!(v5[8..].iter().any(|&p| p < 0.5), "version 5: {v5:?}");
        let (page, before) = river(["Ferry fares frozen", "Transport", "Harbour news"]);
        assert_eq!(stepped(ArticleStep::Paired, &page, &before), before);
    }

    /// A river right after a section header, anywhere on the page (here
    /// above the article): version 6 drops its headlines with its
    /// teasers, version 5 its teasers only.
    #[test]
    fn a_river_after_a_section_header_is_dropped_whole_from_version_6() {
        let mut page = vec!["Top stories"];
        let mut before = vec![0.9];
        for _ in 0..3 {
            page.extend(["Ferry fares frozen", TEASER]);
            before.extend([0.1, 0.1]);
        }
        page.extend(["Advertisement", PARA, PARA, PARA]);
        before.extend([0.99, 0.1, 0.1, 0.1]);
        let v6 = stepped(ArticleStep::Paired, &page, &before);
        assert!(v6[1..7].iter().all(|&p| p >= 0.5), "version 6: {v6:?}");
        assert_eq!(&v6[7..], &before[7..], "the article is kept");
        let v5 = stepped(ArticleStep::Inline, &page, &before);
        assert_eq!(&v5[1..7], [0.1, 0.55, 0.1, 0.55, 0.1, 0.55], "version 5");
    }

    /// Guards against a teaser river that outweighs the article by words
    /// being taken for the page's main block: from version 6 the article's
    /// paragraphs in a row weigh more, the river's teasers (each alone
    /// between a headline, an author and a date) are dropped as dated
    /// paragraphs after the article; version 5 kept them all.
    #[test]
    fn a_river_longer_than_the_article_is_not_its_main_block_from_version_6() {
        const LONG_TEASER: &str = "The harbour board said on Monday that the ferry would return to the island route next month after repairs to its engines took longer than the yard had first planned for.";
        let mut page = vec![PARA, PARA, PARA, "Share", "Email", "Print", "More news"];
        let mut before = vec![0.1, 0.1, 0.1, 0.99, 0.99, 0.99, 0.9];
        for _ in 0..5 {
            page.extend([
                "Ferry returns to the island",
                "Mara Lind",
                "2 hours ago",
                LONG_TEASER,
            ]);
            before.extend([0.3, 0.3, 0.9, 0.1]);
        }
        let a = analyse(&page);
        let river_words: usize = (7..page.len()).map(|k| a.infos[k].stats.words).sum();
        assert!(
            river_words > 3 * a.infos[0].stats.words,
            "the river has more words"
        );
        let teasers = || (0..5).map(|u| 7 + 4 * u + 3);
        let v6 = stepped(ArticleStep::Paired, &page, &before);
        assert_eq!(&v6[..7], &before[..7], "the article is left as it was");
        for t in teasers() {
            assert!(v6[t] >= 0.5, "teaser {t}: {}", v6[t]);
        }
        let v5 = stepped(ArticleStep::Inline, &page, &before);
        for t in teasers() {
            assert!(v5[t] < 0.5, "version 5 keeps teaser {t}");
        }
        // A page whose article is the longer block comes out as before.
        let short: Vec<&str> = page[..7 + 4].to_vec();
        assert_eq!(
            stepped(ArticleStep::Paired, &short, &before[..11]),
            stepped(ArticleStep::Inline, &short, &before[..11])
        );
    }

    /// Version 5 pushes a kept short line of ad, share, read-more or
    /// comment furniture towards noise, from `p_noise` 0.2; not a date, a
    /// byline, a prompt or a paragraph, not a line the article holds
    /// firmly, and not in version 4. (line, p before, p after version 5)
    #[test]
    fn inline_furniture_is_dropped_from_version_5() {
        let cases: &[(&str, f32, f32)] = &[
            ("Advertisement", 0.3, 0.65),
            ("Advertisement", 0.45, 0.725),
            ("Share this article", 0.2, 0.6),
            ("Read more", 0.4, 0.7),
            ("Reply", 0.25, 0.625),
            // Held firmly by the article, or noise already.
            ("Advertisement", 0.1, 0.1),
            ("Advertisement", 0.7, 0.7),
            // Other furniture, which benchmarks keep or which fires on
            // the article's own lines.
            ("12 March 2026", 0.3, 0.3),
            ("By Rosa Lind", 0.3, 0.3),
            ("Sign up for our newsletter", 0.3, 0.3),
            // No detector.
            ("The bridge", 0.3, 0.3),
        ];
        for &(line, before, after) in cases {
            let page = [PARA, PARA, line, PARA, PARA];
            let p = [0.1, 0.1, before, 0.1, 0.1];
            let got = stepped(ArticleStep::Inline, &page, &p);
            assert!((got[2] - after).abs() < 1e-6, "{line:?} {before}: {got:?}");
            let v4 = stepped(ArticleStep::Comments, &page, &p);
            assert_eq!(v4[2], before, "version 4 changed {line:?}");
        }
    }

    /// Regression: version 5 pushed a headline with a furniture word
    /// (`report`, a comment phrase) back to noise, the title line that
    /// step 2 had just kept and the page's heading.
    #[test]
    fn inline_furniture_leaves_the_title_line_and_the_heading() {
        let page = [
            "Watchdog report slams hospital - The Valley Courier",
            "Home",
            "News",
            "Watchdog report slams hospital",
            PARA,
            PARA,
        ];
        let before = [0.8, 0.99, 0.99, 0.3, 0.1, 0.1];
        assert_eq!(analyse(&page).heading(), Some(3));
        assert_eq!(
            stepped(ArticleStep::Inline, &page, &before),
            stepped(ArticleStep::Comments, &page, &before)
        );
    }

    #[test]
    fn the_title_line_is_kept_in_version_2_when_the_page_has_its_heading() {
        let page = [
            "Valley bridge to open in spring - The Valley Courier",
            "Home",
            "News",
            "Valley bridge to open in spring",
            PARA,
            PARA,
        ];
        let before = [0.8, 0.99, 0.99, 0.2, 0.1, 0.1];
        assert_eq!(analyse(&page).heading(), Some(3));
        assert_eq!(
            stepped(V2, &page, &before),
            [0.4, 0.99, 0.99, 0.2, 0.1, 0.1]
        );
        assert_eq!(stepped(V1, &page, &before), before);
        // No line echoes the first: it is not known to be the title.
        let page = [
            "The Valley Courier",
            "Home",
            "News",
            "Valley bridge to open in spring",
            PARA,
            PARA,
        ];
        assert_eq!(analyse(&page).heading(), None);
        assert_eq!(stepped(V2, &page, &before), before);
    }

    #[test]
    fn the_first_paragraph_under_the_heading_is_kept_in_version_2() {
        let page = [
            "Valley bridge to open in spring - The Valley Courier",
            "Home",
            "Valley bridge to open in spring",
            "By Rosa Lind",
            "12 March 2026",
            PARA,
            PARA,
        ];
        assert_eq!(analyse(&page).heading(), Some(2));
        for (before, after) in [
            // Pulled to noise by the byline and date above it: kept.
            (
                [0.2, 0.99, 0.1, 0.99, 0.99, 0.9, 0.1],
                [0.2, 0.99, 0.1, 0.99, 0.99, 0.45, 0.1],
            ),
            // Not when the model is sure it is noise.
            (
                [0.2, 0.99, 0.1, 0.99, 0.99, 0.97, 0.1],
                [0.2, 0.99, 0.1, 0.99, 0.99, 0.97, 0.1],
            ),
        ] {
            assert_eq!(stepped(V2, &page, &before), after);
            assert_eq!(stepped(V1, &page, &before), before);
        }
    }

    #[test]
    fn the_paragraph_after_the_main_block_is_kept_below_a_looser_bound_in_version_2() {
        let page = [PARA, PARA, PARA, TEASER, "Share"];
        // 0.97: over a run end's bound, under the main block end's.
        let before = [0.1, 0.1, 0.1, 0.97, 0.99];
        assert_eq!(stepped(V2, &page, &before), [0.1, 0.1, 0.1, 0.485, 0.99]);
        assert_eq!(stepped(V1, &page, &before), before);
        // Not when the model is surer still.
        let sure = [0.1, 0.1, 0.1, 0.995, 0.99];
        assert_eq!(stepped(V2, &page, &sure), sure);
        // Nor at the end of a smaller block before the main one.
        let page = [PARA, TEASER, "Share", "Email", "Print", "More", PARA, PARA];
        let before = [0.1, 0.97, 0.99, 0.99, 0.99, 0.99, 0.1, 0.1];
        assert_eq!(stepped(V2, &page, &before), before);
    }

    #[test]
    fn dated_paragraphs_after_the_article_are_comments_in_version_2() {
        const COMMENT: &str = "Lovely to read about the bridge at last, we have waited for it for years in the valley.";
        let page = [
            PARA,
            PARA,
            PARA,
            "Share",
            "Email",
            "Print",
            "2 Comments",
            "Rosa Lind",
            "12 March 2026 at 8:14 am",
            COMMENT,
            "Reply",
            "Tom Abel",
            "13 March 2026 at 9:02 pm",
            COMMENT,
            "Reply",
        ];
        let before = [
            0.1, 0.1, 0.1, 0.99, 0.99, 0.99, 0.99, 0.9, 0.9, 0.2, 0.99, 0.9, 0.9, 0.4, 0.99,
        ];
        let mut want = before;
        want[9] = 0.6;
        want[13] = 0.7;
        assert_eq!(stepped(V2, &page, &before), want);
        // One dated paragraph is not a comment section.
        assert_eq!(stepped(V2, &page[..11], &before[..11]), before[..11]);
        // Version 1 leaves comments alone.
        assert_eq!(stepped(V1, &page, &before), before);
    }

    #[test]
    fn a_list_article_inside_the_main_block_is_not_a_river() {
        let page = [
            PARA,
            "First stop",
            TEASER,
            "Second stop",
            TEASER,
            "Third stop",
            TEASER,
            "Share",
        ];
        let before = [0.1, 0.3, 0.2, 0.3, 0.2, 0.3, 0.2, 0.99];
        assert_eq!(stepped(V2, &page, &before), before);
    }
}
