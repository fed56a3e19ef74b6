//! Page analysis: what a line's neighbours are, where the page's main run of
//! prose is, which words the article uses, which lines repeat.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use xxhash_rust::xxh3::xxh3_64;

use super::detectors::{self, Fired};
use super::shape::{bucket, share_bucket, LineStats};
#[cfg(doc)]
use super::tokens::normalise_word;
use super::tokens::{is_cjk, is_function_word, is_stop_word};
use crate::page::Page;

/// What the featuriser knows about one line before it emits features.
#[derive(Debug, Clone)]
pub struct LineInfo {
    /// The featurised text (a bounded prefix of the line, lossily decoded).
    pub text: String,
    /// `text` lower-cased.
    pub lower: String,
    /// Counts over the text.
    pub stats: LineStats,
    /// Detectors that fired.
    pub fired: Fired,
    /// The line's words (at most `max_words`), normalised
    /// ([`normalise_word`]), each followed by a space.
    pub words: String,
    /// Hashes of the line's content words (no stop words, 3+ letters).
    pub vocab: Vec<u64>,
    /// Hash of the whole normalised line.
    pub norm: u64,
    /// Injected brand spans in `text` (offsets valid for the line's bytes
    /// only when the line is valid UTF-8 and not cut).
    pub spans: Vec<crate::artefacts::Span>,
}

/// A page, analysed once: every line's info and the page-level facts that
/// context features read.
#[derive(Debug)]
pub struct PageAnalysis {
    /// Info per non-blank line, in order.
    pub infos: Vec<LineInfo>,
    /// For each line of the page, its index in `infos` (None for blank lines).
    pub index: Vec<Option<usize>>,
    /// The main run of prose, as an inclusive range of `infos` indices.
    pub main_run: Option<(usize, usize)>,
    /// Brand tokens the page injects (content-farm pages), longest first.
    pub brands: Vec<String>,
    /// The evidence for each brand (features version 5 on; empty before).
    pub brand_evidence: Vec<crate::artefacts::evidence::BrandEvidence>,
    main_vocab: HashMap<u64, u32>,
    title_vocab: HashSet<u64>,
    /// Per normalised line: how often it occurs and its first index.
    norm_count: HashMap<u64, (u32, usize)>,
    version: u32,
    short_run: Vec<usize>,
    figure_table: Vec<bool>,
    header_dist: Vec<Option<usize>>,
    /// Per line (features version 4 on): how closely it echoes the
    /// headline in the page title; empty before version 4.
    echo: Vec<Echo>,
    headline: Option<usize>,
}

/// How closely a line repeats the headline part of the page's first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Echo {
    None,
    /// Most of the line's content words are the headline's, and most of
    /// the headline's are the line's.
    Part,
    /// Nine tenths both ways: the headline itself.
    Full,
}

impl PageAnalysis {
    /// Analyses a page; lines are featurised from at most `max_line_bytes`
    /// bytes and `max_words` words, with the features of `version` (2 to
    /// [`super::FEATURES_VERSION`]; from 3 on, words are split and counted
    /// multilingually, see [`LineStats::with_words`]). `known` are brands
    /// that a site memory knows for the page's host: from version 5 each is
    /// taken where the page shows it out of place
    /// (`evidence::known_evidence`).
    pub fn new(
        page: &Page,
        max_line_bytes: usize,
        max_words: usize,
        version: u32,
        known: &[String],
    ) -> PageAnalysis {
        let multilingual = version >= 3;
        let mut infos = Vec::with_capacity(page.len());
        let mut index = Vec::with_capacity(page.len());
        for (i, line) in page.lines().iter().enumerate() {
            if line.blank {
                index.push(None);
                continue;
            }
            index.push(Some(infos.len()));
            let text = page.feature_text(i, max_line_bytes).into_owned();
            let lower = text.to_lowercase();
            // Room for a word per five bytes: no regrowing on most lines.
            let mut vocab = Vec::with_capacity((text.len() / 5 + 1).min(max_words));
            let mut words = String::with_capacity(text.len() + 1);
            let stats =
                LineStats::with_words(&text, line.body.len(), max_words, multilingual, |w, f| {
                    words.push_str(w);
                    words.push(' ');
                    if let Some(h) = content_word_of(w, f, multilingual) {
                        vocab.push(h);
                    }
                });
            let fired = detectors::detect_version(&text, &lower, &stats, version);
            let norm = xxh3_64(lower.trim().as_bytes());
            infos.push(LineInfo {
                text,
                lower,
                stats,
                fired,
                words,
                vocab,
                norm,
                spans: Vec::new(),
            });
        }
        let n = infos.len();
        let texts: Vec<&str> = infos.iter().map(|li| li.text.as_str()).collect();
        let (brands, brand_evidence) = if version >= 5 {
            let prose: Vec<bool> = infos.iter().map(|li| li.stats.is_prose()).collect();
            let found = crate::artefacts::evidence::discover(&texts, &prose, version);
            let ev = crate::artefacts::evidence::with_known(found, &texts, &prose, version, known);
            (ev.iter().map(|e| e.name.clone()).collect(), ev)
        } else {
            (crate::artefacts::discover(&texts), Vec::new())
        };
        if !brands.is_empty() {
            for li in &mut infos {
                li.spans = crate::artefacts::spans(&li.text, &brands, version);
            }
        }

        // The main run: the segment with the largest sum of prose gains.
        let gain = |li: &LineInfo| {
            if li.stats.is_prose() {
                1.0 + (li.stats.words as f32 / 20.0).min(3.0)
            } else if li.stats.is_short() {
                -0.25
            } else {
                -0.5
            }
        };
        let main_run = max_sum_segment(infos.iter().map(gain));

        let mut main_vocab: HashMap<u64, u32> = HashMap::default();
        if let Some((a, b)) = main_run {
            for li in &infos[a..=b] {
                if li.stats.is_prose() {
                    for w in &li.vocab {
                        *main_vocab.entry(*w).or_default() += 1;
                    }
                }
            }
        }
        let title_vocab: HashSet<u64> = infos
            .first()
            .map(|li| li.vocab.iter().copied().collect())
            .unwrap_or_default();
        let mut norm_count: HashMap<u64, (u32, usize)> = HashMap::default();
        for (k, li) in infos.iter().enumerate() {
            norm_count.entry(li.norm).or_insert((0, k)).0 += 1;
        }

        // Length of the run of short lines each line belongs to.
        let mut short_run = vec![0; n];
        let mut k = 0;
        while k < n {
            if infos[k].stats.is_short() {
                let start = k;
                while k < n && infos[k].stats.is_short() {
                    k += 1;
                }
                for r in &mut short_run[start..k] {
                    *r = k - start;
                }
            } else {
                k += 1;
            }
        }

        let figure_table = figure_tables(&infos, &short_run);
        let echo = if version >= 4 {
            headline_echoes(&infos, max_words, multilingual)
        } else {
            Vec::new()
        };
        // The page's own heading: the copy of the headline nearest above
        // the main run (at most 10 lines above), else the first inside it.
        let is_echo = |k: &usize| echo.get(*k).is_some_and(|&e| e != Echo::None);
        let headline = main_run.and_then(|(a, b)| {
            (a.saturating_sub(10).max(1)..a)
                .rev()
                .find(is_echo)
                .or_else(|| (a..=b).find(is_echo))
        });

        // Distance to a section header above, through non-prose lines only.
        let mut header_dist = vec![None; n];
        let mut last_header: Option<usize> = None;
        for (k, li) in infos.iter().enumerate() {
            if li.fired & detectors::SECTION_HEADER != 0 {
                last_header = Some(k);
                continue;
            }
            if li.stats.is_prose() && li.stats.words > 30 {
                last_header = None;
            }
            if let Some(h) = last_header {
                if k - h <= 30 {
                    header_dist[k] = Some(k - h);
                } else {
                    last_header = None;
                }
            }
        }

        PageAnalysis {
            infos,
            index,
            main_run,
            brands,
            brand_evidence,
            main_vocab,
            title_vocab,
            norm_count,
            version,
            short_run,
            figure_table,
            header_dist,
            echo,
            headline,
        }
    }

    /// Whether non-blank line `k` (an `infos` index) is in a table of
    /// figures written one cell per line: a run of 6 or more short lines
    /// in which lines with and without a digit alternate with a period of
    /// 2 to 8 lines (standings, prices, specifications).
    pub fn in_figure_table(&self, k: usize) -> bool {
        self.figure_table[k]
    }

    /// Whether non-blank line `k` (an `infos` index) is the page's own
    /// heading (features version 4 on): of the lines after the title that
    /// echo the title's headline, the nearest above the main run of prose
    /// (at most 10 lines above it), else the first inside it.
    pub fn is_headline(&self, k: usize) -> bool {
        self.headline == Some(k)
    }

    /// The page's own heading, if it has one (see [`Self::is_headline`]);
    /// always a line after the first, whose headline it echoes.
    pub(crate) fn heading(&self) -> Option<usize> {
        self.headline
    }

    /// Emits the context features of non-blank line `k` (an `infos` index).
    pub fn emit_context(&self, k: usize, window: usize, emit: &mut impl FnMut(&str, &str, &str)) {
        let n = self.infos.len();
        let li = &self.infos[k];
        emit("pos=", decile(k, n), "");
        emit("from_start=", distance_bucket(k), "");
        emit("from_end=", distance_bucket(n - 1 - k), "");

        const BEFORE: [&str; 5] = ["p1:", "p2:", "p3:", "p4:", "p5:"];
        const AFTER: [&str; 5] = ["n1:", "n2:", "n3:", "n4:", "n5:"];
        for d in 1..=window.min(5) {
            for (prefix, j) in [
                (BEFORE[d - 1], k.checked_sub(d)),
                (AFTER[d - 1], (k + d < n).then_some(k + d)),
            ] {
                let Some(j) = j else {
                    emit(prefix, "edge", "");
                    continue;
                };
                let nb = &self.infos[j];
                emit(prefix, "len=", nb.stats.len_bucket());
                emit(prefix, "end=", nb.stats.end.map_or("none", |e| e.name()));
                if nb.stats.is_prose() {
                    emit(prefix, "prose", "");
                }
                if nb.stats.is_short() {
                    emit(prefix, "short", "");
                }
                if d == 1 {
                    for (bit, name) in detectors::ALL {
                        if nb.fired & bit != 0 {
                            emit(prefix, "det=", name);
                        }
                    }
                }
            }
        }

        match self.main_run {
            None => emit("main=", "none", ""),
            Some((a, _)) if k < a => emit("main=before:", distance_bucket(a - k), ""),
            Some((_, b)) if k > b => emit("main=after:", distance_bucket(k - b), ""),
            Some((a, b)) => {
                emit("main=in", "", "");
                if k == a || k == b {
                    emit("main=edge", "", "");
                }
            }
        }

        // Prose among the neighbours.
        let lo = k.saturating_sub(3);
        let hi = (k + 3).min(n - 1);
        let near = (lo..=hi)
            .filter(|&j| j != k && self.infos[j].stats.is_prose())
            .count();
        emit(
            "near_prose=",
            bucket(near, &[(0, "0"), (1, "1"), (2, "2"), (4, "3-4")], "5+"),
            "",
        );

        // Vocabulary shared with the article and the title.
        if li.vocab.is_empty() {
            emit("vocab=", "na", "");
        } else {
            let own =
                li.stats.is_prose() && self.main_run.is_some_and(|(a, b)| (a..=b).contains(&k));
            let shared = li
                .vocab
                .iter()
                .filter(|w| {
                    let c = self.main_vocab.get(w).copied().unwrap_or(0);
                    let c = if own { c.saturating_sub(1) } else { c };
                    c > 0
                })
                .count();
            emit(
                "vocab=",
                share_bucket(shared as f32 / li.vocab.len() as f32),
                "",
            );
            if k > 0 && !self.title_vocab.is_empty() {
                let t = li
                    .vocab
                    .iter()
                    .filter(|w| self.title_vocab.contains(w))
                    .count();
                emit("title=", share_bucket(t as f32 / li.vocab.len() as f32), "");
            }
        }
        if k == 0 {
            emit("first_line", "", "");
        }
        if let Some(&e) = self.echo.get(k) {
            if self.headline == Some(k) {
                emit("echo=", if e == Echo::Full { "full" } else { "part" }, "");
                match self.main_run {
                    Some((a, _)) if k < a => {
                        emit("echo=before:", bucket(a - k, &[(3, "1-3")], "4-10"), "")
                    }
                    _ => emit("echo=in", "", ""),
                }
            } else if e != Echo::None {
                // Other copies of the headline sit in breadcrumbs, lists
                // of stories, share texts and footers.
                emit("echo=again", "", "");
            }
        }
        if self.version >= 16
            && k > 0
            && self
                .headline
                .is_some_and(|h| k < h && h <= HEADER_BLOCK_LINES)
        {
            // Between the title line and the page's own heading near the
            // top: the site's name, a breadcrumb, a product line.
            emit("above_heading", "", "");
        }
        let (copies, first) = self.norm_count.get(&li.norm).copied().unwrap_or((1, k));
        if copies > 1 {
            if self.version < 4 {
                emit("dup", "", "");
            } else if first == k {
                emit("dup=first", "", "");
            } else {
                emit("dup=later", "", "");
            }
        }
        let run = self.short_run[k];
        if run > 0 {
            emit(
                "shortrun=",
                bucket(
                    run,
                    &[(1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (30, "11-30")],
                    "30+",
                ),
                "",
            );
        }
        for sp in &li.spans {
            emit("brand=", sp.kind.name(), "");
        }
        if let Some(d) = self.header_dist[k] {
            emit(
                "after_header=",
                bucket(d, &[(1, "1"), (3, "2-3"), (8, "4-8")], "9+"),
                "",
            );
        }
    }
}

/// A page's header block (features version 16): the lines between the
/// title line and the page's own heading, when the heading is at most
/// this many non-blank lines from the top.
const HEADER_BLOCK_LINES: usize = 10;

/// The hash of `w` (a normalised word) when it is a content word: 3 or more
/// letters, or (version 3 on) a Chinese character or kana, and not a
/// function word.
fn content_word(w: &str, multilingual: bool) -> Option<u64> {
    let function_word = if multilingual {
        is_function_word(w)
    } else {
        is_stop_word(w)
    };
    content_word_of(w, function_word, multilingual)
}

/// [`content_word`] of a word whose function-word test is known (as
/// [`LineStats::with_words`] hands it over).
fn content_word_of(w: &str, function_word: bool, multilingual: bool) -> Option<u64> {
    let cjk = multilingual && {
        let mut chars = w.chars();
        chars.next().is_some_and(is_cjk) && chars.next().is_none()
    };
    ((cjk || w.chars().count() >= 3) && !function_word).then(|| xxh3_64(w.as_bytes()))
}

/// The headline's content words: the part of the page's first line (its
/// title) with the most of them, between separators such as ` | `, ` - `
/// or `_` that set off the site's name and sections.
fn headline_vocab(title: &str, max_words: usize, multilingual: bool) -> HashSet<u64> {
    const SEPARATORS: &[&str] = &[
        "|", "｜", " - ", " – ", " — ", " :: ", " · ", " » ", "_", " / ",
    ];
    let mut parts = vec![title];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let mut best = HashSet::default();
    let mut buf = String::new();
    for part in parts {
        let mut vocab = HashSet::default();
        super::tokens::split_words(part, max_words, multilingual, |w| {
            super::tokens::normalise_word(w, &mut buf);
            if let Some(h) = content_word(&buf, multilingual) {
                vocab.insert(h);
            }
        });
        if vocab.len() > best.len() {
            best = vocab;
        }
    }
    best
}

/// How closely each line echoes the headline of the page's first line
/// (a headline of fewer than 3 content words echoes nowhere).
fn headline_echoes(infos: &[LineInfo], max_words: usize, multilingual: bool) -> Vec<Echo> {
    let mut out = vec![Echo::None; infos.len()];
    let Some(first) = infos.first() else {
        return out;
    };
    let headline = headline_vocab(&first.text, max_words, multilingual);
    if headline.len() < 3 {
        return out;
    }
    let mut own = HashSet::default();
    let need = (headline.len() as f32 * 0.6).ceil() as usize;
    for (k, li) in infos.iter().enumerate().skip(1) {
        // Most lines share too few words with the headline to echo it,
        // counted without building their word set.
        if li.vocab.iter().filter(|w| headline.contains(w)).count() < need {
            continue;
        }
        own.clear();
        own.extend(li.vocab.iter().copied());
        let shared = own.iter().filter(|w| headline.contains(w)).count() as f32;
        let (cover, precision) = (shared / headline.len() as f32, shared / own.len() as f32);
        out[k] = if cover >= 0.9 && precision >= 0.9 {
            Echo::Full
        } else if cover >= 0.6 && precision >= 0.6 {
            Echo::Part
        } else {
            Echo::None
        };
    }
    out
}

/// Marks the lines of tables of figures written one cell per line, which
/// converters make of HTML tables (standings, prices, specifications): a
/// run of short lines in which lines with and without a digit alternate
/// with a period of 2 to 8 lines, the period matching at least 80%
/// of the run (and better than any other period), 30% or more of the lines
/// holding a digit. A run of one kind (period 1) is a menu or a list, not a
/// table. A run needs at least 6 lines, and two periods plus two lines.
fn figure_tables(infos: &[LineInfo], short_run: &[usize]) -> Vec<bool> {
    let n = infos.len();
    let mut out = vec![false; n];
    let mut k = 0;
    while k < n {
        let len = short_run[k];
        if len < 6 {
            k += len.max(1);
            continue;
        }
        let run = &infos[k..k + len];
        let kinds: Vec<u8> = run.iter().map(|li| u8::from(li.stats.digits > 0)).collect();
        let mut best = (0.0f32, 0);
        for p in (1..=8).take_while(|p| len >= 2 * p + 2) {
            let same = (0..len - p).filter(|&i| kinds[i] == kinds[i + p]).count();
            let rate = same as f32 / (len - p) as f32;
            if rate > best.0 {
                best = (rate, p);
            }
        }
        let digits = kinds.iter().filter(|&&d| d == 1).count();
        if best.0 >= 0.8 && best.1 >= 2 && digits * 10 >= len * 3 {
            out[k..k + len].fill(true);
        }
        k += len;
    }
    out
}

/// The contiguous segment with the largest positive sum (Kadane), as an
/// inclusive index range; `None` when no element is positive.
pub fn max_sum_segment(gains: impl Iterator<Item = f32>) -> Option<(usize, usize)> {
    let mut best = 0.0f32;
    let mut run = None;
    let mut cur = 0.0f32;
    let mut start = 0;
    for (k, g) in gains.enumerate() {
        if cur <= 0.0 {
            cur = 0.0;
            start = k;
        }
        cur += g;
        if cur > best {
            best = cur;
            run = Some((start, k));
        }
    }
    run
}

fn decile(k: usize, n: usize) -> &'static str {
    const D: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    D[(k * 10 / n.max(1)).min(9)]
}

fn distance_bucket(d: usize) -> &'static str {
    bucket(
        d,
        &[
            (0, "0"),
            (1, "1"),
            (2, "2"),
            (5, "3-5"),
            (10, "6-10"),
            (20, "11-20"),
            (50, "21-50"),
        ],
        "50+",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The context features of line `k`, as `prefix + name + suffix`.
    fn context_names(p: &PageAnalysis, k: usize) -> Vec<String> {
        let mut names = Vec::new();
        p.emit_context(k, 2, &mut |a, b, c| names.push(format!("{a}{b}{c}")));
        names
    }

    fn analyse(text: &str) -> PageAnalysis {
        PageAnalysis::new(
            &Page::from_text(text),
            4096,
            256,
            super::super::FEATURES_VERSION,
            &[],
        )
    }

    #[test]
    fn main_run_covers_the_prose() {
        let p = analyse(
            "Home\nWorld\nSport\n\
             The council voted on Tuesday to close the old pool, which has been leaking for years.\n\
             Swimmers said they were angry about the decision and would protest at the next meeting.\n\
             Share\n\
             The pool will shut in May and a new one is planned for the east side of the town.\n\
             Related\nOther story one\nOther story two\n",
        );
        assert_eq!(p.main_run, Some((3, 6)));
    }

    /// Features version 16: the header block between the title line and
    /// the page's own heading near the top says so; a heading far down
    /// makes no header block, and older versions never do.
    #[test]
    fn lines_between_the_title_and_a_heading_near_the_top_are_the_header_block() {
        let story = "Ferry service to the islands resumes after storm repairs\n\
             The ferry service to the northern islands resumed on Friday after three weeks of repairs to the harbour wall.\n\
             Operators said the first crossing was full and more sailings would be added over the weekend.\n\
             The harbour master thanked the crews who had worked through the night to finish the job.\n";
        let page = format!(
            "Ferry service to the islands resumes after storm repairs | Coastline Post\n\
             Coastline Post\nHome > Travel\n{story}"
        );
        let at = |version: u32| PageAnalysis::new(&Page::from_text(&page), 4096, 256, version, &[]);
        let has =
            |p: &PageAnalysis, k: usize| context_names(p, k).contains(&"above_heading".to_string());
        let p = at(16);
        assert_eq!(p.heading(), Some(3));
        assert_eq!(
            (0..p.infos.len())
                .filter(|&k| has(&p, k))
                .collect::<Vec<_>>(),
            [1, 2]
        );
        let old = at(15);
        assert!((0..old.infos.len()).all(|k| !has(&old, k)));

        let menu: String = (1..=HEADER_BLOCK_LINES)
            .map(|i| format!("Section {i}\n"))
            .collect();
        let far = format!("Ferry service to the islands resumes after storm repairs | Coastline Post\n{menu}{story}");
        let p = PageAnalysis::new(&Page::from_text(&far), 4096, 256, 16, &[]);
        assert_eq!(p.heading(), Some(HEADER_BLOCK_LINES + 1));
        assert!((0..p.infos.len()).all(|k| !has(&p, k)));
    }

    #[test]
    fn blank_lines_are_skipped() {
        let p = analyse("a\n\n b\n   \n");
        assert_eq!(p.index, [Some(0), None, Some(1), None]);
    }

    #[test]
    fn context_mentions_header_and_duplicates() {
        let p = analyse("Related\nOne story here\nTwo story here\nOne story here\n");
        let names = context_names(&p, 1);
        assert!(names.contains(&"after_header=1".to_string()), "{names:?}");
        assert!(names.contains(&"dup=first".to_string()), "{names:?}");
        assert!(
            names.contains(&"p1:det=section_header".to_string()),
            "{names:?}"
        );
        let later = context_names(&p, 3);
        assert!(later.contains(&"dup=later".to_string()), "{later:?}");
    }

    #[test]
    fn version_3_features_keep_one_dup_feature() {
        let p = PageAnalysis::new(
            &Page::from_text("One story\nOne story\n"),
            4096,
            256,
            3,
            &[],
        );
        let names = context_names(&p, 0);
        assert!(names.contains(&"dup".to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("echo")), "{names:?}");
    }

    #[test]
    fn lines_echo_the_headline_part_of_the_title() {
        // (title, line, echo)
        let cases: [(&str, &str, Echo); 8] = [
            (
                "Council closes the old harbour pool | Westmoor Herald",
                "Council closes the old harbour pool",
                Echo::Full,
            ),
            // The site's name is not the headline.
            (
                "Council closes the old harbour pool | Westmoor Herald",
                "Westmoor Herald",
                Echo::None,
            ),
            (
                "Council closes the old harbour pool - News - Westmoor Herald",
                "Council closes old harbour pool after years of leaks",
                Echo::Part,
            ),
            (
                "Westmoor Herald :: Council closes the old harbour pool",
                "Council closes the old harbour pool",
                Echo::Full,
            ),
            (
                "Council closes the old harbour pool_English_Westmoor",
                "Council closes the old harbour pool",
                Echo::Full,
            ),
            // A line on another story shares a word or two.
            (
                "Council closes the old harbour pool | Westmoor Herald",
                "Harbour festival returns with a bigger stage",
                Echo::None,
            ),
            // A headline of fewer than three content words echoes nowhere.
            ("Home | Westmoor", "Home", Echo::None),
            // A sentence of the article that contains the headline's words
            // among many others.
            (
                "Council closes the old harbour pool | Westmoor Herald",
                "The council said on Tuesday that it closes the old harbour pool in May, \
                 after years of leaks, and that swimmers can use the school's pool instead.",
                Echo::None,
            ),
        ];
        for (title, line, want) in cases {
            let p = analyse(&format!("{title}\n{line}\n"));
            assert_eq!(p.echo[1], want, "{title:?} / {line:?}");
        }
    }

    #[test]
    fn the_page_heading_is_the_echo_nearest_above_the_article() {
        // The breadcrumb (line 2) echoes the headline too, farther up.
        let p = analyse(
            "Council closes the old harbour pool | Westmoor Herald\n\
             Home\nNews > Council closes the old harbour pool\nSport\n\
             Council closes the old harbour pool\n\
             By Ada Brennan\n\
             Share\n\
             The council voted on Tuesday to close the old pool, which has been leaking for years.\n\
             Swimmers said they were angry about the decision and would protest at the next meeting.\n\
             Most read\n\
             Council closes the old harbour pool\n",
        );
        let heading: Vec<usize> = (0..p.infos.len()).filter(|&k| p.is_headline(k)).collect();
        assert_eq!(heading, [4]);
        for copy in [2, 10] {
            let names = context_names(&p, copy);
            assert!(
                names.contains(&"echo=again".to_string()),
                "{copy}: {names:?}"
            );
        }
        let names = context_names(&p, 4);
        assert!(names.contains(&"echo=full".to_string()), "{names:?}");
        assert!(names.contains(&"echo=before:1-3".to_string()), "{names:?}");
    }

    #[test]
    fn no_heading_far_from_the_article() {
        let mut text = String::from("Council closes the old harbour pool | Westmoor Herald\n");
        text.push_str("Council closes the old harbour pool\n");
        for i in 0..15 {
            text.push_str(&format!("Menu item {i}\n"));
        }
        text.push_str(
            "The council voted on Tuesday to close the old pool, which has been leaking for years.\n",
        );
        let p = analyse(&text);
        assert!((0..p.infos.len()).all(|k| !p.is_headline(k)));
    }

    #[test]
    fn figure_tables_are_found_and_menus_are_not() {
        // (page, whether its short lines are a table of figures)
        let cases: [(&str, bool); 6] = [
            // Standings: position, name, points, one cell per line.
            (
                "Pos\nDriver\nPoints\n1\nAnna Berg\n412\n2\nLuis Ortega\n398\n3\nMei Tan\n377\n\
                 4\nJon Park\n350\n5\nEva Lind\n341\n6\nOla Sand\n330\n",
                true,
            ),
            // Specifications: label, value.
            (
                "Weight\n1.2 kg\nBattery\n5000 mAh\nScreen\n6.1 in\nPrice\n499 EUR\n",
                true,
            ),
            // A menu: one kind of line.
            (
                "Home\nNews\nSport\nWeather\nCulture\nContact\nJobs\nShop\n",
                false,
            ),
            // A column of figures alone: period 1, a list, not a table.
            ("12\n14\n19\n23\n27\n31\n", false),
            // Too short a run to tell.
            ("Weight\n1.2 kg\nBattery\n5000 mAh\n", false),
            // Alternating labels without a digit: not a table of figures.
            (
                "Weight\nLight\nBattery\nLarge\nScreen\nWide\nPrice\nLow\n",
                false,
            ),
        ];
        for (text, want) in cases {
            let p = analyse(text);
            let got: Vec<bool> = (0..p.infos.len()).map(|k| p.in_figure_table(k)).collect();
            assert!(got.iter().all(|&g| g == want), "{text:?}: {got:?}");
        }
    }

    #[test]
    fn a_figure_table_ends_at_the_prose_around_it() {
        let p = analyse(
            "The club published the final table after the last race of the season on Sunday.\n\
             Pos\nTeam\nPts\n1\nRed Kites\n61\n2\nHarbour Town\n58\n3\nMill Lane\n55\n\
             4\nOld Bridge\n49\n5\nNorth End\n41\n\
             Harbour Town said they would appeal against the penalty that cost them the title.\n",
        );
        let got: Vec<bool> = (0..p.infos.len()).map(|k| p.in_figure_table(k)).collect();
        let mut want = vec![true; 20];
        want[0] = false;
        want[19] = false;
        assert_eq!(got, want);
    }
}
