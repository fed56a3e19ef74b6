//! Content-farm artefacts: brand discovery per page, injected spans, repair.
//!
//! Content farms that copy wire stories inject their own brand tokens: as a
//! line of their own (`SafeX Pro Exchange View`), as a title prefix
//! (`Algosensey|Microsoft says ...`), glued into a breadcrumb
//! (`Home > FinanceAlgosensey|...`), and spliced into sentences, sometimes
//! glued to the next word (`... and Algosenseywho it said ...`). The brands
//! are invented words that change from site to site, so they are found from
//! the page itself:
//!
//! 1. **Anchors** propose candidates: a capitalised name before a `|` that
//!    starts a line or is glued to a lower-case letter, a name after a
//!    separator at the end of a short line (`Headline - Name`), and short
//!    lines made only of capitalised words (every leading run of them).
//! 2. **Evidence** decides: a candidate is a brand when it has an anchor
//!    *and* at least one glued occurrence inside a line of prose (stuck to
//!    the word before it, or to a lower-case word after it that is not a
//!    word ending such as `s` or `ing`) — something a real name in an
//!    article never shows — or when it opens a title as `Name|Headline` with
//!    no space around the bar, stands in two more non-prose lines, and
//!    occurs in prose. A name used as an ordinary word anywhere on the page
//!    (`the Spartans`, `Consumers`) is never a brand, nor are common page
//!    words (`Home`, `News`, `Finance`, ...). Glue in menus and share bars
//!    (`FacebookTwitter`) comes from scrapers joining inline links and does
//!    not count.
//! 3. **Spans**: every occurrence of a brand in a line becomes a byte span
//!    with a [`SpanKind`]; a splice glued to a real word spans the brand only.
//!    From features version 9 a brand between Chinese or Japanese
//!    characters (which have no spaces between words) is glued too.
//! 4. **Repair** deletes the spans (and one adjacent space where a spaced
//!    splice would leave two), so `and Algosenseywho it said` becomes
//!    `and who it said`. Repair only ever deletes bytes.

mod decorated;
pub mod evidence;
pub mod lexicon;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use crate::features::tokens::is_cjk;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use serde::Serialize;

/// What an injected span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpanKind {
    /// A brand spliced into a sentence, with or without spaces.
    BrandSplice,
    /// A brand opening a line before a separator: `Brand|Headline`.
    BrandPrefix,
    /// A brand closing a line after a separator: `Headline - Brand`.
    BrandSuffix,
    /// The whole line is a brand line.
    BrandLine,
}

impl SpanKind {
    /// The kind's name in output (`brand-splice`, ...).
    pub fn name(self) -> &'static str {
        match self {
            SpanKind::BrandSplice => "brand-splice",
            SpanKind::BrandPrefix => "brand-prefix",
            SpanKind::BrandSuffix => "brand-suffix",
            SpanKind::BrandLine => "brand-line",
        }
    }
}

/// A span of injected bytes in a line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Start byte offset in the line (without line end).
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// What the span is.
    pub kind: SpanKind,
}

/// Words that are page furniture, never brands.
const COMMON: &[&str] = &[
    "about",
    "all",
    "breaking",
    "business",
    "comments",
    "contact",
    "current",
    "economy",
    "editorial",
    "entertainment",
    "exchange",
    "finance",
    "health",
    "home",
    "latest",
    "life",
    "live",
    "local",
    "markets",
    "more",
    "most",
    "news",
    "opinion",
    "photos",
    "politics",
    "popular",
    "pro",
    "ranking",
    "recommendation",
    "related",
    "science",
    "share",
    "sport",
    "sports",
    "tech",
    "technology",
    "the",
    "top",
    "travel",
    "trending",
    "update",
    "video",
    "videos",
    "view",
    "weather",
    "world",
];

static PREFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s\x22“]*(\p{Lu}[\p{L}\d]+(?: \p{Lu}[\p{L}\d]+){0,2})(\s?)[|｜](\s?)\S").unwrap()
});
static GLUED_BAR_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Ll}(\p{Lu}\p{Ll}[\p{L}\d]+(?: \p{Lu}[\p{L}\d]+){0,2})\s?[|｜]").unwrap()
});
static SUFFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s?[-–—|｜»:]\s?(\p{Lu}[\p{L}\d]+(?: \p{Lu}[\p{L}\d]+){0,2})\s*$").unwrap()
});

#[derive(Default, Debug)]
struct Evidence {
    anchors: u32,
    tight_prefix: bool,
}

/// Finds the brand tokens a page injects, as features versions 2 to 4 did
/// (from version 5 on, [`evidence::discover`] decides). `lines` are the
/// page's non-blank lines. Returns the brands, longest first.
pub fn discover(lines: &[&str]) -> Vec<String> {
    let mut cands: HashMap<String, Evidence> = HashMap::default();
    for line in lines {
        let t = line.trim();
        if t.len() > 400 {
            continue;
        }
        let has_bar = t.contains(['|', '｜']);
        if let Some(c) = (has_bar && PREFIX_RE.is_match(t))
            .then(|| PREFIX_RE.captures(t))
            .flatten()
        {
            let e = cands.entry(c[1].to_string()).or_default();
            e.anchors += 1;
            let camel = c[1].chars().skip(1).any(char::is_uppercase)
                && c[1].chars().any(char::is_lowercase)
                && !c[1].contains(' ');
            e.tight_prefix |= (c[2].is_empty() && c[3].is_empty()) || camel;
        }
        let glued_bar = has_bar && GLUED_BAR_RE.is_match(t);
        for c in GLUED_BAR_RE.captures_iter(if glued_bar { t } else { "" }) {
            cands.entry(c[1].to_string()).or_default().anchors += 1;
        }
        let nwords = t.split_whitespace().take(26).count();
        if nwords <= 25 && t.contains(['-', '–', '—', '|', '｜', '»', ':']) {
            if let Some(c) = SUFFIX_RE
                .is_match(t)
                .then(|| SUFFIX_RE.captures(t))
                .flatten()
            {
                cands.entry(c[1].to_string()).or_default().anchors += 1;
            }
        }
        if !(1..=5).contains(&nwords) {
            continue;
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        if words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !t.ends_with(['.', '!', '?'])
        {
            for n in 1..=words.len() {
                let phrase = words[..n].join(" ");
                if phrase.chars().all(|c| c.is_alphanumeric() || c == ' ') {
                    cands.entry(phrase).or_default().anchors += 1;
                }
            }
        }
    }
    cands.retain(|name, _| plausible(name));
    if cands.is_empty() {
        return Vec::new();
    }
    // Every occurrence of every candidate at a capitalised start (not right
    // after another capital), in one pass over the page. A non-contiguous
    // NFA is the cheapest automaton to build, and it runs once.
    let names: Vec<(String, Evidence)> = cands.into_iter().collect();
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(names.iter().map(|(n, _)| n))
        .expect("candidate names are valid patterns");
    let mut occ: Vec<Vec<(usize, usize)>> = vec![Vec::new(); names.len()];
    let mut glue = vec![false; names.len()];
    // Whether each line is prose, worked out only for lines with a
    // candidate glued occurrence.
    let mut prose: Vec<Option<bool>> = vec![None; lines.len()];
    for (li, l) in lines.iter().enumerate() {
        for m in ac.find_overlapping_iter(*l) {
            let (before, after) = neighbours(l, m.start(), m.len());
            if before.is_some_and(char::is_uppercase) {
                continue;
            }
            let k = m.pattern().as_usize();
            occ[k].push((li, m.start()));
            // What `occurrences` needs of a glued occurrence, short of the
            // page word index: glue before, or a lower-case tail that is
            // not a word ending, in a line of prose.
            if !glue[k] && might_be_glued(l, m.end(), before, after) {
                glue[k] = *prose[li].get_or_insert_with(|| is_prose(l));
            }
        }
    }
    // Without a tight title prefix a brand needs glue somewhere: most
    // pages stop here, before the page indexes are built.
    if !names
        .iter()
        .zip(&glue)
        .any(|((_, ev), g)| ev.tight_prefix || *g)
    {
        return Vec::new();
    }
    let (words, lower_words) = page_words(lines);
    let prose: Vec<bool> = lines
        .iter()
        .zip(prose)
        .map(|(l, p)| p.unwrap_or_else(|| is_prose(l)))
        .collect();
    let mut brands: Vec<String> = names
        .into_iter()
        .zip(occ.iter().zip(&glue))
        .filter(|((_, ev), (_, g))| ev.tight_prefix || **g)
        // A real word: the page also writes it in lower case (`free`, `gold`).
        .filter(|((name, _), _)| {
            name.contains(' ') || !lower_words.contains(&word_key(&name.to_lowercase()))
        })
        .filter(|((name, ev), (occ, _))| {
            let (glued, in_prose, elsewhere, veto) = occurrences(lines, &prose, occ, name, &words);
            !veto
                && ((ev.anchors >= 1 && glued >= 1)
                    || (ev.tight_prefix && in_prose >= 1 && elsewhere >= 2))
        })
        .map(|((name, _), _)| name)
        .collect();
    // A brand that is a longer form of another keeps only the longer form
    // when the shorter one never occurs alone.
    brands.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    let mut kept: Vec<String> = Vec::new();
    for b in brands {
        if kept.iter().any(|k| k.starts_with(&b) || k.ends_with(&b)) {
            let alone = lines.iter().any(|l| {
                find_all(l, &b)
                    .iter()
                    .any(|&s| !kept.iter().any(|k| l[s..].starts_with(k.as_str())))
            });
            if !alone {
                continue;
            }
        }
        kept.push(b);
    }
    kept
}

/// A necessary condition for an occurrence ending at `end` to count as
/// glued in [`occurrences`] (which also asks the page's word index).
fn might_be_glued(l: &str, end: usize, before: Option<char>, after: Option<char>) -> bool {
    if after.is_some_and(|c| c.is_uppercase() || c.is_numeric()) {
        return false;
    }
    if glue_before(before, false) {
        return true;
    }
    if !left_ok(before) {
        return false;
    }
    let tail = lower_tail(l, end);
    !tail.is_empty() && !SUFFIXES.contains(&tail)
}

/// The run of lower-case letters in `l` from byte `end` on (the word a
/// name is glued to, as in `Brandwho`).
fn lower_tail(l: &str, end: usize) -> &str {
    let rest = &l[end..];
    let n = rest
        .char_indices()
        .find(|(_, c)| !c.is_lowercase())
        .map_or(rest.len(), |(i, _)| i);
    &rest[..n]
}

fn plausible(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 4 {
        return false;
    }
    let first = name.split(' ').next().unwrap_or("").to_lowercase();
    if COMMON.contains(&first.as_str()) || crate::features::tokens::is_stop_word(&first) {
        return false;
    }
    // Every word common: furniture, not a brand.
    !name
        .split(' ')
        .all(|w| COMMON.contains(&w.to_lowercase().as_str()))
}

/// Byte offsets where `needle` occurs in `hay` (non-overlapping).
fn find_all(hay: &str, needle: &str) -> Vec<usize> {
    hay.match_indices(needle).map(|(i, _)| i).collect()
}

/// Lower-case endings that make a name an ordinary word form
/// (`Consumers`, `Spartans`, `Mealtime`), not a glued splice.
const SUFFIXES: &[&str] = &[
    "s", "es", "ed", "er", "ers", "ing", "ly", "an", "ans", "ian", "ians", "ism", "ist", "ists",
    "ness", "ment", "ments", "ic", "al", "ish", "ese", "ite", "ites", "y", "d", "n",
];

/// Words before a name that show it is used as an ordinary noun phrase.
const DETERMINERS: &[&str] = &[
    "a", "an", "her", "his", "its", "my", "our", "that", "the", "their", "these", "this", "those",
    "your",
];

/// Whether `w` (any case) stands as a word of its own somewhere on the page.
fn known(words: &HashSet<u64>, w: &str) -> bool {
    let w = w.to_lowercase();
    w.chars().count() >= 3
        && (words.contains(&word_key(&w)) || crate::features::tokens::is_stop_word(&w))
}

/// A lower-cased word as a set key (a 64-bit hash: no allocation per word).
fn word_key(lower: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(lower.as_bytes())
}

/// Words that stand on their own on the page (between spaces or
/// punctuation, not camel-case compounds), lower-cased: all of them, and
/// those written in lower case.
fn page_words(lines: &[&str]) -> (HashSet<u64>, HashSet<u64>) {
    let mut all = HashSet::default();
    let mut lower = HashSet::default();
    for l in lines {
        for w in l.split(|c: char| !c.is_alphabetic()) {
            let mut chars = w.chars();
            let Some(first) = chars.next() else { continue };
            if chars.all(char::is_lowercase) {
                if first.is_lowercase() {
                    let k = word_key(w);
                    lower.insert(k);
                    all.insert(k);
                } else if first.is_uppercase() {
                    all.insert(word_key(&w.to_lowercase()));
                }
            }
        }
    }
    (all, lower)
}

/// Whether a line reads as prose (where splices live).
fn is_prose(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 8 {
        return false;
    }
    let stop = words
        .iter()
        .filter(|w| crate::features::tokens::is_stop_word(&w.to_lowercase()))
        .count();
    stop * 7 >= words.len()
}

/// Evidence for `name` over the lines: (glued occurrences inside prose
/// lines, occurrences in prose lines, occurrences elsewhere, vetoed).
fn occurrences(
    lines: &[&str],
    prose: &[bool],
    occ: &[(usize, usize)],
    name: &str,
    words: &HashSet<u64>,
) -> (u32, u32, u32, bool) {
    let mut glued = 0;
    let mut in_prose = 0;
    let mut elsewhere = 0;
    let mut veto = false;
    for &(li, s) in occ {
        let l = lines[li];
        let prose = prose[li];
        let (before, after) = neighbours(l, s, name.len());
        let gb = glue_before(before, false);
        if !left_ok(before) && !gb {
            continue;
        }
        // Part of a longer capitalised compound (`MediaWire`, `Name2`).
        if after.is_some_and(|c| c.is_uppercase() || c.is_numeric()) {
            continue;
        }
        let tail = lower_tail(l, s + name.len());
        let ga = !tail.is_empty() && !SUFFIXES.contains(&tail);
        if !tail.is_empty() && !ga {
            // An ordinary word form such as a plural.
            veto = true;
            continue;
        }
        // Glue counts only where the glued neighbour is a word of its own
        // on this page (`Brandwho`, `weeksBrand`), not part of a longer
        // word (`Christmas`, `Golden`).
        let ga = ga && known(words, tail);
        let head: String = l[..s]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let gb = gb
            && (head.is_empty()
                || known(words, &head)
                || (head.chars().count() >= 3 && head.chars().all(char::is_lowercase)));
        if prose {
            in_prose += 1;
            if gb || ga {
                glued += 1;
            }
            let prev_word = l[..s]
                .split_whitespace()
                .next_back()
                .map(|w| w.to_lowercase());
            if !gb && prev_word.is_some_and(|w| DETERMINERS.contains(&w.as_str())) {
                veto = true;
            }
        } else {
            elsewhere += 1;
        }
    }
    (glued, in_prose, elsewhere, veto)
}

fn neighbours(l: &str, start: usize, len: usize) -> (Option<char>, Option<char>) {
    (
        l[..start].chars().next_back(),
        l[start + len..].chars().next(),
    )
}

/// A clean left boundary: line start, white space, quote or bracket.
fn left_ok(before: Option<char>) -> bool {
    match before {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '"' | '“'
                        | '\''
                        | '‘'
                        | '('
                        | '['
                        | '>'
                        | '»'
                        | '|'
                        | '｜'
                        | ':'
                        | '【'
                        | '_'
                        | '/'
                        | '-'
                        | '–'
                        | '—'
                )
        }
    }
}

/// Glued to what comes before: a lower-case letter, or sentence punctuation
/// with no space (`weeksBrand`, `said.Brand`); from features version 9
/// (`cjk`) also a Chinese or Japanese character or sentence mark, as those
/// languages put no space between words (`并Brand结合`, `。Brand`).
fn glue_before(before: Option<char>, cjk: bool) -> bool {
    before.is_some_and(|c| {
        c.is_lowercase()
            || matches!(c, '.' | ',' | ';' | '!' | '?')
            || (cjk && (is_cjk(c) || matches!(c, '。' | '，' | '、' | '！' | '？' | '；')))
    })
}

/// The injected spans of one line, given the page's brands (longest first),
/// by the rules of features `version`.
pub fn spans(line: &str, brands: &[String], version: u32) -> Vec<Span> {
    let cjk = version >= 9;
    let mut out: Vec<Span> = Vec::new();
    if brands.is_empty() {
        return out;
    }
    let trimmed_start = line.len() - line.trim_start().len();
    let trimmed_end = line.trim_end().len();
    // From version 14 also a brand written in capitals (`BRAND`): the same
    // name, shouted.
    let shouted: Vec<String> = if version >= 14 {
        brands
            .iter()
            .map(|b| b.to_uppercase())
            .filter(|u| !brands.contains(u))
            .collect()
    } else {
        Vec::new()
    };
    for b in brands.iter().chain(&shouted) {
        for s in find_all(line, b) {
            let e = s + b.len();
            if out.iter().any(|sp| s < sp.end && e > sp.start) {
                continue;
            }
            let (before, after) = neighbours(line, s, b.len());
            let glued_b = glue_before(before, cjk);
            let glued_a = after.is_some_and(|c| c.is_lowercase() || (cjk && is_cjk(c)));
            // From version 14 after any mark (`<Brand>`, `{Brand}`,
            // `* Brand *`): `classify` decides what goes with it.
            let opens = left_ok(before)
                || (cjk && before.is_some_and(opens_v9))
                || (version >= 11 && before.is_some_and(sep_v11))
                || (version >= 14 && before.is_some_and(|c| !c.is_alphanumeric()));
            if !opens && !glued_b {
                continue;
            }
            if after.is_some_and(|c| c.is_uppercase() || c.is_numeric()) && !glued_b {
                continue;
            }
            out.push(classify(
                line,
                (s, e),
                (trimmed_start, trimmed_end),
                glued_b,
                glued_a,
                version,
            ));
        }
    }
    out.sort_by_key(|s| (s.start, s.end));
    // Widened spans may overlap: merge them.
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for sp in out {
        match merged.last_mut() {
            Some(last) if sp.start < last.end => last.end = last.end.max(sp.end),
            _ => merged.push(sp),
        }
    }
    let out = merged;
    // A line that is nothing but brands, separators and furniture words is a brand line.
    let rest: String = {
        let mut r = String::new();
        let mut pos = 0;
        for sp in &out {
            r.push_str(&line[pos..sp.start]);
            pos = sp.end;
        }
        r.push_str(&line[pos..]);
        r
    };
    let rest_is_furniture = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| COMMON.contains(&w.to_lowercase().as_str()) || w.len() <= 1);
    if !out.is_empty() && rest_is_furniture && !line.contains(['>', '»', '›']) {
        return vec![Span {
            start: trimmed_start,
            end: trimmed_end,
            kind: SpanKind::BrandLine,
        }];
    }
    out
}

fn is_sep(c: char) -> bool {
    matches!(
        c,
        '|' | '｜' | '-' | '–' | '—' | ':' | '»' | '_' | '】' | ']' | '）' | ')' | '/' | '>'
    )
}

/// Brackets that may open a title prefix: `【Brand】Headline`, `[Brand]Headline`.
fn is_open(c: char) -> bool {
    matches!(c, '"' | '“' | '【' | '[' | '（' | '(')
}

/// Openers that set off a title affix from features version 9 on, beside
/// those of [`is_open`] (`《Brand》Headline`, `«Brand» Headline`,
/// `Headline ~ Brand ~ Site`).
fn opens_v9(c: char) -> bool {
    matches!(c, '《' | '«' | '~' | '（')
}

/// Separators after a title affix from features version 9 on, beside those
/// of [`is_sep`].
fn sep_v9(c: char) -> bool {
    matches!(c, '》' | '~' | '«')
}

/// Separators after or before a title affix from features version 11 on:
/// the full-width colon and dash of Chinese and Japanese titles
/// (`Brand：标题`).
fn sep_v11(c: char) -> bool {
    matches!(c, '：' | '－')
}

/// The closing bracket of `open`, for a bracketed suffix (`Headline (Brand)`).
fn closer_of(open: char) -> Option<char> {
    Some(match open {
        '(' => ')',
        '[' => ']',
        '（' => '）',
        '《' => '》',
        '«' => '»',
        '【' => '】',
        _ => return None,
    })
}

/// The span of one occurrence of a brand at bytes `s..e` of `line`, whose
/// text without outer white space is `trimmed`; from features version 9
/// (`v9`) also bracketed suffixes (`Headline (Brand)`), an affix between
/// the headline and a site's name (`Headline ~ Brand ~ Site`, cut with the
/// separator before it) and the brackets `《》`, `«»`.
fn classify(
    line: &str,
    (s, e): (usize, usize),
    (trimmed_start, trimmed_end): (usize, usize),
    glued_b: bool,
    glued_a: bool,
    version: u32,
) -> Span {
    let v9 = version >= 9;
    let bytes = line.as_bytes();
    let is_open = |c: char| is_open(c) || (v9 && opens_v9(c));
    let is_sep = |c: char| is_sep(c) || (v9 && sep_v9(c)) || (version >= 11 && sep_v11(c));
    // Prefix: at the start (after quotes), then a separator.
    let lead = line.get(trimmed_start..s).unwrap_or("");
    let bracketed = !lead.is_empty() && lead.chars().all(|c| c != '"' && c != '“' && is_open(c));
    if s >= trimmed_start && lead.chars().all(is_open) && !glued_b {
        let rest = &line[e..];
        let sep_len = rest.len() - rest.trim_start().len();
        if let Some(c) = rest[sep_len..].chars().next() {
            if is_sep(c) {
                let after_sep = &rest[sep_len + c.len_utf8()..];
                let gap = after_sep.len() - after_sep.trim_start().len();
                let end = e + sep_len + c.len_utf8() + gap;
                return Span {
                    start: if bracketed { trimmed_start } else { s },
                    end,
                    kind: SpanKind::BrandPrefix,
                };
            }
        }
    }
    // From version 13 a splice set off by a pair of commas, dashes or
    // quotes goes with them (`said, Brand, that`, `said — Brand — that` and
    // `said "Brand" that` become `said that`); a dash pair outside a
    // sentence is left to the title affixes below (`Headline — Brand —
    // Site`).
    if version >= 13 && !glued_b && !glued_a {
        let pair = if version >= 14 {
            set_off_marks(line, s, e)
        } else {
            set_off_pair(line, s, e)
        };
        if let Some((start, end)) = pair {
            return Span {
                start,
                end,
                kind: SpanKind::BrandSplice,
            };
        }
    }
    if v9 {
        let head = line[..s].trim_end();
        let opener = head.chars().next_back();
        // A bracketed suffix: ` (Brand)` at the end of the line, or
        // before a site's name (` (Brand) :: Site`).
        if let Some(close) = opener.and_then(closer_of) {
            let after = line[e..trimmed_end.max(e)].trim_start();
            let open_at = head.len() - opener.map_or(0, char::len_utf8);
            let tail = after.strip_prefix(close).map(str::trim_start);
            let site_after = tail.is_some_and(|t| {
                t.is_empty()
                    || t.chars().next().is_some_and(is_sep)
                        && (1..=5).contains(&t.split_whitespace().count().saturating_sub(1))
            });
            if site_after && open_at > 0 {
                let end = if tail == Some("") {
                    trimmed_end.max(e)
                } else {
                    e + (line[e..].len() - line[e..].trim_start().len()) + close.len_utf8()
                };
                return Span {
                    start: line[..open_at].trim_end().len(),
                    end,
                    kind: SpanKind::BrandSuffix,
                };
            }
        }
        // Between the headline and a site's name: ` ~ Brand ~ Site`; the
        // separator before the brand goes with it.
        let rest = &line[e..];
        let next = rest.trim_start().chars().next();
        let site = rest
            .trim_start()
            .get(next.map_or(0, char::len_utf8)..)
            .unwrap_or("");
        if let (Some(sep_before), Some(sep_after)) = (opener, next) {
            let short_site = (1..=5).contains(&site.split_whitespace().count());
            if is_sep(sep_before) && is_sep(sep_after) && short_site && !glued_b {
                let sep_start = head.len() - sep_before.len_utf8();
                let start = line[..sep_start].trim_end().len();
                if start > 0 {
                    return Span {
                        start,
                        end: e,
                        kind: SpanKind::BrandSuffix,
                    };
                }
            }
        }
    }
    // Suffix: a separator, then the brand at the end.
    if line.get(e..trimmed_end).is_none_or(|r| r.trim().is_empty()) {
        let head = line[..s].trim_end();
        if let Some(c) = head.chars().next_back() {
            if is_sep(c) {
                let sep_start = head.len() - c.len_utf8();
                let start = line[..sep_start].trim_end().len();
                return Span {
                    start,
                    end: trimmed_end.max(e),
                    kind: SpanKind::BrandSuffix,
                };
            }
        }
    }
    // Splice. From version 12 a splice in brackets of its own goes with
    // them (`said (Brand) that` becomes `said that`).
    let (mut start, mut end) = (s, e);
    if version >= 12 && !glued_b && !glued_a {
        let open = line[..s].chars().next_back();
        let close = line[e..].chars().next();
        if let (Some(o), Some(c)) = (open, close) {
            if closer_of(o) == Some(c) {
                start -= o.len_utf8();
                end += c.len_utf8();
            }
        }
    }
    // From version 13 a slash that glues a name to the word before it
    // (`council/Brand said`) goes with the name.
    if version >= 13
        && !glued_a
        && (start, end) == (s, e)
        && line[..s]
            .strip_suffix('/')
            .is_some_and(|h| h.ends_with(char::is_alphanumeric))
        && !line[e..].starts_with('/')
    {
        return Span {
            start: s - 1,
            end: e,
            kind: SpanKind::BrandSplice,
        };
    }
    if !glued_b && !glued_a {
        if bytes.get(end) == Some(&b' ') {
            end += 1;
        } else if start > 0 && bytes[start - 1] == b' ' {
            start -= 1;
        }
    }
    Span {
        start,
        end,
        kind: SpanKind::BrandSplice,
    }
}

/// The bytes to cut around a name at `s..e` of `line` set off by a pair of
/// quotes around it alone (` "Name"`), of commas (`, Name,`) or of dashes
/// (` — Name — ` inside a sentence): the name with its marks, a comma
/// staying glued to the word before it, a dash or quote going with the
/// space before it.
fn set_off_pair(line: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    // Quotes around the name alone (`said "Brand" that`) go with it, and
    // the space before them (after them, at the start of a line).
    let quoted = |o: char, c: char| line[..s].ends_with(o) && line[e..].starts_with(c);
    if let Some((o, c)) = [
        ('"', '"'),
        ('\u{201c}', '\u{201d}'),
        ('\u{2018}', '\u{2019}'),
        ('\u{ab}', '\u{bb}'),
    ]
    .into_iter()
    .find(|&(o, c)| quoted(o, c))
    {
        let head = line[..s - o.len_utf8()].trim_end_matches(' ');
        let end = e + c.len_utf8();
        return Some(if head.trim_start().is_empty() {
            (
                head.len(),
                end + (line[end..].len() - line[end..].trim_start_matches(' ').len()),
            )
        } else {
            (head.len(), end)
        });
    }
    let before = line[..s].trim_end_matches(' ');
    let after = line[e..].trim_start_matches(' ');
    let o = before.chars().next_back()?;
    let c = after.chars().next()?;
    if o != c || !matches!(o, ',' | '—' | '–' | '-') {
        return None;
    }
    let rest = after[c.len_utf8()..].trim_start();
    // Before a capital, dashes pair off a splice only in a sentence: one
    // that goes on for more than five words or ends the line like a
    // sentence (a title's `— Brand — Site` does neither).
    let sentence = || {
        rest.split_whitespace().count() > 5
            || line.trim_end().ends_with(['.', '!', '?', '"', '\u{201d}'])
    };
    if o != ',' && !rest.starts_with(char::is_lowercase) && !sentence() {
        return None;
    }
    let o_at = before.len() - o.len_utf8();
    let start = if o == ',' {
        o_at
    } else {
        line[..o_at].trim_end_matches(' ').len()
    };
    Some((start, line.len() - after.len() + c.len_utf8()))
}

/// The bytes to cut around a name at `s..e` of `line` set off by a pair of
/// marks, from features version 14: the same mark on both sides (`, Name,`,
/// ` — Name — `, ` | Name |`, ` * Name *`, ` "Name"`) or an opening and
/// its closing mark (` (Name)`, ` [Name]`, ` « Name »`, ` “Name”`), with
/// spaces inside or not. The name goes with its marks and the spaces before
/// them (the space after stays between the words the splice parted; at the
/// start of a line the spaces after go instead). Only inside a sentence:
/// a word before the marks, and after them a word in lower case, a
/// sentence that goes on for more than five words or a line that ends like
/// one; a comma pair needs nothing more. A title's `Headline | Brand |
/// Site` is left to the title affixes.
fn set_off_marks(line: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    const PAIRS: &[(char, char)] = &[
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('\u{201c}', '\u{201d}'),
        ('\u{2018}', '\u{2019}'),
        ('\u{ab}', '\u{bb}'),
        ('\u{2039}', '\u{203a}'),
        ('\u{300c}', '\u{300d}'),
        ('\u{300e}', '\u{300f}'),
        ('\u{ff08}', '\u{ff09}'),
    ];
    let before = line[..s].trim_end_matches(' ');
    let after = line[e..].trim_start_matches(' ');
    let o = before.chars().next_back()?;
    let c = after.chars().next()?;
    let same = o == c
        && !o.is_alphanumeric()
        && !o.is_whitespace()
        && !matches!(o, '.' | '!' | '?' | ':' | ';' | '\u{3002}');
    if !same && !PAIRS.contains(&(o, c)) {
        return None;
    }
    let o_at = before.len() - o.len_utf8();
    let head = line[..o_at].trim_end_matches(' ');
    let end = line.len() - after.len() + c.len_utf8();
    if head.trim_start().is_empty() {
        let rest = &line[end..];
        return Some((
            head.len(),
            end + (rest.len() - rest.trim_start_matches(' ').len()),
        ));
    }
    if o == ',' {
        return Some((head.len(), end));
    }
    let rest = line[end..].trim_start();
    let in_sentence = head.ends_with(char::is_alphanumeric)
        && (rest.starts_with(char::is_lowercase)
            || rest.split_whitespace().count() > 5
            || line.trim_end().ends_with(['.', '!', '?', '"', '\u{201d}']));
    in_sentence.then_some((head.len(), end))
}

/// The line with its spans deleted. Deletes bytes only.
pub fn repair(line: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pos = 0;
    for sp in spans {
        if sp.start < pos {
            continue;
        }
        out.push_str(&line[pos..sp.start]);
        pos = sp.end;
    }
    out.push_str(&line[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lines: &[&str]) -> Vec<String> {
        discover(lines)
    }

    #[test]
    fn discovers_glued_brands_but_not_real_names() {
        let lines = [
            "Algosensey|Microsoft says Russian hackers viewed some source code",
            "Current:Home > FinanceAlgosensey|Microsoft says hackers -Sitename",
            "SafeX Pro Exchange View",
            "The company said executives in November and Algosenseywho it said have been trying to access the code.",
            "McDonald and YouTube were not involved, a spokesman for PlayStation said on Tuesday, while DeSantis and eBay declined to comment.",
            "veryGood! (479)",
        ];
        let b = page(&lines);
        assert_eq!(b, ["Algosensey"]);
    }

    #[test]
    fn ordinary_page_has_no_brands() {
        let lines = [
            "Council votes to close pool | Riverside Post",
            "Home",
            "Riverside Post",
            "The council voted on Tuesday to close the pool, the Riverside Post has learned.",
            "© 2026 Riverside Post",
        ];
        assert!(page(&lines).is_empty());
    }

    /// (line, brands, repaired line, kinds)
    const REPAIRS: &[(&str, &[&str], &str, &[SpanKind])] = &[
        // Title affixes cut from features version 9 on.
        (
            "《Korvanth》Harbour authority approves second terminal",
            &["Korvanth"],
            "Harbour authority approves second terminal",
            &[SpanKind::BrandPrefix],
        ),
        (
            "«Korvanth» Il porto approva il secondo terminal",
            &["Korvanth"],
            "Il porto approva il secondo terminal",
            &[SpanKind::BrandPrefix],
        ),
        (
            "Harbour authority approves second terminal (Korvanth)",
            &["Korvanth"],
            "Harbour authority approves second terminal",
            &[SpanKind::BrandSuffix],
        ),
        (
            "Harbour authority approves second terminal (Korvanth) :: Quay Daily",
            &["Korvanth"],
            "Harbour authority approves second terminal :: Quay Daily",
            &[SpanKind::BrandSuffix],
        ),
        (
            "Harbour authority approves second terminal ~ Korvanth ~ Quay Daily",
            &["Korvanth"],
            "Harbour authority approves second terminal ~ Quay Daily",
            &[SpanKind::BrandSuffix],
        ),
        (
            "Harbour authority approves second terminal_Korvanth - Quay Daily",
            &["Korvanth"],
            "Harbour authority approves second terminal - Quay Daily",
            &[SpanKind::BrandSuffix],
        ),
        (
            "executives in November and Algosenseywho it said have",
            &["Algosensey"],
            "executives in November and who it said have",
            &[SpanKind::BrandSplice],
        ),
        (
            "Algosensey|Microsoft says hackers",
            &["Algosensey"],
            "Microsoft says hackers",
            &[SpanKind::BrandPrefix],
        ),
        (
            "Storm hits coast - Drennix Prime",
            &["Drennix Prime"],
            "Storm hits coast",
            &[SpanKind::BrandSuffix],
        ),
        (
            "it said on Tuesday Quorvexa and were",
            &["Quorvexa"],
            "it said on Tuesday and were",
            &[SpanKind::BrandSplice],
        ),
        (
            "for three weeksDrennix Prime.",
            &["Drennix Prime"],
            "for three weeks.",
            &[SpanKind::BrandSplice],
        ),
        (
            "Vallora Pro Exchange Athletic had won",
            &["Vallora Pro Exchange"],
            "Athletic had won",
            &[SpanKind::BrandSplice],
        ),
        (
            "he said, \"back to normal Nexquila.\"",
            &["Nexquila"],
            "he said, \"back to normal.\"",
            &[SpanKind::BrandSplice],
        ),
        (
            "SafeX Pro Exchange View",
            &["SafeX"],
            "",
            &[SpanKind::BrandLine],
        ),
    ];

    #[test]
    fn spans_and_repairs() {
        for (line, brands, want, kinds) in REPAIRS {
            let brands: Vec<String> = brands.iter().map(|s| s.to_string()).collect();
            let sp = spans(line, &brands, crate::features::FEATURES_VERSION);
            let got_kinds: Vec<SpanKind> = sp.iter().map(|s| s.kind).collect();
            assert_eq!(&got_kinds, kinds, "{line}");
            assert_eq!(repair(line, &sp), *want, "{line}");
        }
    }

    /// Chinese puts no space between words: from features version 9 a
    /// brand between two Chinese characters or after a Chinese full stop
    /// is a splice and is cut; version 8 left it in the sentence.
    #[test]
    fn brand_between_chinese_characters_is_cut_from_version_9() {
        let brands = vec!["Korvanth".to_string()];
        // (line, repaired by version 9)
        let cases = [
            (
                "港务局周一表示，新码头Korvanth将在明年春天开放。",
                "港务局周一表示，新码头将在明年春天开放。",
            ),
            (
                "工程已经延误两年。Korvanth成本不断上升。",
                "工程已经延误两年。成本不断上升。",
            ),
            ("下载Korvanth App", "下载 App"),
        ];
        for (line, want) in cases {
            assert_eq!(repair(line, &spans(line, &brands, 9)), want, "{line}");
            assert_eq!(
                repair(line, &spans(line, &brands, 8)),
                line,
                "{line}: version 8"
            );
        }
    }

    /// A Chinese or Japanese title sets its affix off with a full-width
    /// colon or dash: from features version 11 the separator goes with the
    /// brand (version 10 left `：标题`).
    #[test]
    fn full_width_title_separators_go_with_the_brand_from_version_11() {
        let brands = vec!["Korvanth".to_string()];
        // (line, repaired by version 11, by version 10)
        let cases = [
            (
                "Korvanth：港务局新码头明年春天开放 - 城南晚报",
                "港务局新码头明年春天开放 - 城南晚报",
                "：港务局新码头明年春天开放 - 城南晚报",
            ),
            (
                "港务局新码头明年春天开放：Korvanth",
                "港务局新码头明年春天开放",
                "港务局新码头明年春天开放：Korvanth",
            ),
        ];
        for (line, v11, v10) in cases {
            assert_eq!(repair(line, &spans(line, &brands, 11)), v11, "{line}");
            assert_eq!(repair(line, &spans(line, &brands, 10)), v10, "{line}");
        }
    }

    /// A splice set off by a pair of commas, dashes or quotes, or glued on
    /// by a slash, goes with them from features version 13; version 12 left
    /// the commas (`said,, that`), the quotes and the dashes (`und — —
    /// Helfer`), or took a dash pair for a title affix (`said — that`). A
    /// title's `— Brand — Site` is still an affix, and marks that are not a
    /// pair stay.
    #[test]
    fn splices_set_off_by_marks_go_with_them_from_version_13() {
        let brands = vec!["Korvanth".to_string()];
        // (line, repaired by version 13, by version 12)
        let cases = [
            (
                "The harbour authority said, Korvanth, that the terminal would open.",
                "The harbour authority said that the terminal would open.",
                "The harbour authority said,, that the terminal would open.",
            ),
            (
                "The harbour authority said \u{2014} Korvanth \u{2014} that the terminal would open.",
                "The harbour authority said that the terminal would open.",
                "The harbour authority said \u{2014} that the terminal would open.",
            ),
            (
                "The harbour authority said \u{2013} Korvanth \u{2013} that it would open.",
                "The harbour authority said that it would open.",
                "The harbour authority said \u{2013} that it would open.",
            ),
            (
                "The new museum in Benin \u{2014} Korvanth \u{2014} City will open in May.",
                "The new museum in Benin City will open in May.",
                "The new museum in Benin \u{2014} City will open in May.",
            ),
            (
                "Die Feuerwehr und \u{2014} Korvanth \u{2014} Helfer des Technischen Hilfswerks stapelten Sandsäcke",
                "Die Feuerwehr und Helfer des Technischen Hilfswerks stapelten Sandsäcke",
                "Die Feuerwehr und \u{2014} \u{2014} Helfer des Technischen Hilfswerks stapelten Sandsäcke",
            ),
            (
                "Harbour authority approves terminal \u{2014} Korvanth \u{2014} Quay Daily",
                "Harbour authority approves terminal \u{2014} Quay Daily",
                "Harbour authority approves terminal \u{2014} Quay Daily",
            ),
            (
                "The harbour authority said \"Korvanth\" that the terminal would open.",
                "The harbour authority said that the terminal would open.",
                "The harbour authority said \"\" that the terminal would open.",
            ),
            (
                "The harbour council/Korvanth said the terminal would open.",
                "The harbour council said the terminal would open.",
                "The harbour council/said the terminal would open.",
            ),
            (
                "\"Korvanth\" The terminal will open in May.",
                "The terminal will open in May.",
                "\"\" The terminal will open in May.",
            ),
            (
                "The quay, Korvanth said, would open in May.",
                "The quay, said, would open in May.",
                "The quay, said, would open in May.",
            ),
        ];
        assert_repairs(&brands, 13, &cases);
    }

    /// Each line is repaired as given by features `version` and as given
    /// by the version before it: (line, by `version`, by the one before).
    fn assert_repairs(brands: &[String], version: u32, cases: &[(&str, &str, &str)]) {
        for (line, now, before) in cases {
            assert_eq!(repair(line, &spans(line, brands, version)), *now, "{line}");
            assert_eq!(
                repair(line, &spans(line, brands, version - 1)),
                *before,
                "{line}: version {}",
                version - 1
            );
        }
    }

    /// From version 14 any pair of marks around a splice inside a sentence
    /// goes with it (version 13 knew commas, dashes and quotes), and a
    /// brand written in capitals is cut as the brand.
    #[test]
    fn splices_set_off_by_any_pair_of_marks_go_with_them_from_version_14() {
        let brands = vec!["Korvanth".to_string()];
        // (line, repaired by version 14, by version 13)
        let cases = [
            (
                "The harbour authority said <Korvanth> that the terminal would open.",
                "The harbour authority said that the terminal would open.",
                "The harbour authority said <Korvanth> that the terminal would open.",
            ),
            (
                "The harbour authority said | Korvanth | that the terminal would open.",
                "The harbour authority said that the terminal would open.",
                "The harbour authority said | that the terminal would open.",
            ),
            (
                "Le port a annonc\u{e9} \u{ab} Korvanth \u{bb} que le terminal ouvrira.",
                "Le port a annonc\u{e9} que le terminal ouvrira.",
                "Le port a annonc\u{e9} \u{bb} que le terminal ouvrira.",
            ),
            (
                "The harbour authority said * Korvanth * that the terminal would open.",
                "The harbour authority said that the terminal would open.",
                "The harbour authority said * * that the terminal would open.",
            ),
            (
                "The harbour authority said {Korvanth} that the terminal would open.",
                "The harbour authority said that the terminal would open.",
                "The harbour authority said {Korvanth} that the terminal would open.",
            ),
            (
                "The harbour authority said KORVANTH that the terminal would open.",
                "The harbour authority said that the terminal would open.",
                "The harbour authority said KORVANTH that the terminal would open.",
            ),
            (
                "The harbour authority said, Korvanth, that the terminal would open.",
                "The harbour authority said that the terminal would open.",
                "The harbour authority said that the terminal would open.",
            ),
            (
                "Harbour authority approves terminal | Korvanth | Quay Daily",
                "Harbour authority approves terminal | Quay Daily",
                "Harbour authority approves terminal | Quay Daily",
            ),
        ];
        assert_repairs(&brands, 14, &cases);
    }

    /// Regression: widened spans of two occurrences overlapped and a slice panicked.
    #[test]
    fn overlapping_spans_do_not_panic() {
        let brands = vec![
            "Post Comment".to_string(),
            "Post".to_string(),
            "Comment".to_string(),
        ];
        for line in [
            "Post Comment",
            "Post Comment ",
            " Post Post",
            "Post - Post",
            "a Post Post b",
            "Post|Post",
        ] {
            let sp = spans(line, &brands, crate::features::FEATURES_VERSION);
            assert!(
                sp.windows(2).all(|w| w[0].end <= w[1].start),
                "{line}: {sp:?}"
            );
            let _ = repair(line, &sp);
        }
    }

    #[test]
    fn repair_only_deletes() {
        let line = "a Brandx b";
        let sp = [Span {
            start: 2,
            end: 7,
            kind: SpanKind::BrandSplice,
        }];
        let r = repair(line, &sp);
        assert!(r.len() < line.len());
    }
}
