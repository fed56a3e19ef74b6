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
    main_vocab: HashMap<u64, u32>,
    title_vocab: HashSet<u64>,
    norm_count: HashMap<u64, u32>,
    short_run: Vec<usize>,
    figure_table: Vec<bool>,
    header_dist: Vec<Option<usize>>,
}

impl PageAnalysis {
    /// Analyses a page; lines are featurised from at most `max_line_bytes`
    /// bytes and `max_words` words; `multilingual` selects features version
    /// 3 over version 2 (see [`LineStats::with_words`]).
    pub fn new(
        page: &Page,
        max_line_bytes: usize,
        max_words: usize,
        multilingual: bool,
    ) -> PageAnalysis {
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
            let mut vocab = Vec::new();
            let mut words = String::with_capacity(text.len() + 1);
            let stats =
                LineStats::with_words(&text, line.body.len(), max_words, multilingual, |w| {
                    words.push_str(w);
                    words.push(' ');
                    // A content word: 3+ letters, or (version 3) a Chinese
                    // character or kana, and not a function word.
                    let content = if multilingual {
                        let mut chars = w.chars();
                        let cjk = chars.next().is_some_and(is_cjk) && chars.next().is_none();
                        (cjk || w.chars().count() >= 3) && !is_function_word(w)
                    } else {
                        w.chars().count() >= 3 && !is_stop_word(w)
                    };
                    if content {
                        vocab.push(xxh3_64(w.as_bytes()));
                    }
                });
            let fired = detectors::detect(&text, &lower, &stats);
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
        let brands = crate::artefacts::discover(&texts);
        if !brands.is_empty() {
            for li in &mut infos {
                li.spans = crate::artefacts::spans(&li.text, &brands);
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
        let mut norm_count: HashMap<u64, u32> = HashMap::default();
        for li in &infos {
            *norm_count.entry(li.norm).or_default() += 1;
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
            main_vocab,
            title_vocab,
            norm_count,
            short_run,
            figure_table,
            header_dist,
        }
    }

    /// Whether non-blank line `k` (an `infos` index) is in a table of
    /// figures written one cell per line: a run of 6 or more short lines
    /// in which lines with and without a digit alternate with a period of
    /// 2 to 8 lines (standings, prices, specifications).
    pub fn in_figure_table(&self, k: usize) -> bool {
        self.figure_table[k]
    }

    /// Emits the context features of non-blank line `k` (an `infos` index).
    pub fn emit_context(&self, k: usize, window: usize, emit: &mut dyn FnMut(&str, &str, &str)) {
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
        if self.norm_count.get(&li.norm).copied().unwrap_or(0) > 1 {
            emit("dup", "", "");
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

    fn analyse(text: &str) -> PageAnalysis {
        PageAnalysis::new(&Page::from_text(text), 4096, 256, true)
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

    #[test]
    fn blank_lines_are_skipped() {
        let p = analyse("a\n\n b\n   \n");
        assert_eq!(p.index, [Some(0), None, Some(1), None]);
    }

    #[test]
    fn context_mentions_header_and_duplicates() {
        let p = analyse("Related\nOne story here\nTwo story here\nOne story here\n");
        let mut names = Vec::new();
        p.emit_context(1, 2, &mut |a, b, c| names.push(format!("{a}{b}{c}")));
        assert!(names.contains(&"after_header=1".to_string()), "{names:?}");
        assert!(names.contains(&"dup".to_string()), "{names:?}");
        assert!(
            names.contains(&"p1:det=section_header".to_string()),
            "{names:?}"
        );
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
