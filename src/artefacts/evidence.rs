//! Brand discovery from evidence (features version 5 on).
//!
//! A content farm's brand is a token that the page's own text does not use
//! as a word. It is found from what the token *does* on the page, whatever
//! the page's layout:
//!
//! - **Candidates** are capitalised tokens of four or more letters (also a
//!   camel-case piece glued to a word: `FinanceAlgosensey`, `QuorvexaFi`),
//!   which the page never writes in lower case and which are not words of
//!   the language: not in the [lexicon](super::lexicon), not words of page
//!   furniture, not function words.
//! - **Occurrences** are found on every line. Each is given one role:
//!   - *glued*: inside a line of prose, stuck to a lower-case word before
//!     it (three letters or more) or after it (a function word, or a word
//!     the page also writes in lower case on its own: not the tail of a
//!     German compound such as `Patienten|akte`) (`and Algosenseywho`,
//!     `weeksAlgosensey`, `said.Algosensey`), where the compound does not
//!     recur (`WordPress` is a word);
//!   - *inserted*: inside prose, spaced, where the sentence does not need a
//!     name: after a word that is not a determiner or preposition, and not
//!     followed by a verb, a possessive or another capitalised word
//!     (`on Tuesday Quorvexa and were`);
//!   - *framed*: inside prose, where a real name stands: after a
//!     preposition or conjunction (`with Microsoft`), before a verb or a
//!     possessive (`Microsoft said`, `Google's`);
//!   - *determined*: after a determiner (`the Spartans`): an ordinary noun;
//!   - *affix*: at the start or end of a line, set off by a separator or
//!     bracket (`Brand|Headline`, `【Brand】Headline`, `Headline_Brand`,
//!     `Home / Tech / Brand`, `Home >> TechBrand`);
//!   - *alone*: a short line that is the token and at most three other
//!     words (`Brand`, `Brand Pro Exchange`, `BrandFi Official Site`);
//!   - anything else (a headline's own word, a menu item) is neutral.
//! - **Decision** (a documented rule, checked on our generated farm pages
//!   and counted for false alarms on real news pages): a candidate is a
//!   brand when it occurs at least three times, at least once as a token of
//!   its own, is framed like a name no more often than it is glued, is
//!   never used after a determiner, and
//!   either is glued inside prose and also stands as an affix or alone on a
//!   line, or is glued inside prose at least twice, in three or more
//!   different compounds, and more often glued than not. Glue is the
//!   evidence a real name never gives; a site's own name in its title and
//!   footer is never glued, so it is never a brand. *Inserted* occurrences
//!   are counted and shown but do not decide: on real pages a name after a
//!   verb (`hit London on Monday`) reads the same.
//! - A brand that is followed by the same capitalised word at every
//!   occurrence (`Kalmora Markets`) is that two-word name.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Serialize;

use crate::features::tokens::{is_alphanumeric, is_cjk, is_stop_word};

/// What discovery found out about one brand (or candidate).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BrandEvidence {
    /// The brand as it is written.
    pub name: String,
    /// Occurrences glued to a word inside prose.
    pub glued: u32,
    /// Occurrences inserted where the sentence does not need them.
    pub inserted: u32,
    /// Occurrences where a real name stands (after a preposition, before a verb).
    pub framed: u32,
    /// Occurrences after a determiner.
    pub determined: u32,
    /// Occurrences as a title or breadcrumb affix.
    pub affix: u32,
    /// Lines that are the brand alone or with a few product words.
    pub alone: u32,
    /// Occurrences that are none of the above (sentence starts, words of a
    /// headline, menu items).
    pub neutral: u32,
    /// All occurrences counted.
    pub occurrences: u32,
    /// Whether it stands somewhere as a token of its own.
    pub standalone: bool,
    /// Different compounds (runs of word characters) it occurs in.
    pub compounds: u32,
}

impl BrandEvidence {
    /// Whether the evidence makes the candidate a brand (see the module docs).
    pub fn is_brand(&self) -> bool {
        let glued_and_shown = self.glued >= 1 && (self.affix >= 1 || self.alone >= 1);
        let glued_often = self.glued >= 2
            && self.compounds >= 3
            && self.glued >= self.inserted + self.framed + self.neutral;
        self.occurrences >= 3
            && self.standalone
            && self.framed <= self.glued
            && self.determined == 0
            && (glued_and_shown || glued_often)
    }

    /// The evidence in words, for explanations.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (n, what) in [
            (self.glued, "glued to a word in prose"),
            (self.inserted, "inserted into a sentence"),
            (self.affix, "title or breadcrumb affix"),
            (self.alone, "alone on a line"),
            (self.framed, "used like a name"),
            (self.determined, "after a determiner"),
        ] {
            if n > 0 {
                parts.push(format!("{what} x{n}"));
            }
        }
        format!("{}: {}", self.name, parts.join(", "))
    }
}

/// Words of product lines, never brands themselves (lower case); with the
/// page-furniture words of `COMMON` in the parent module.
const PRODUCT_WORDS: &[&str] = &["app", "download", "group", "official", "site"];

/// Whether a lower-cased word is page furniture or a product word.
fn is_furniture(lower: &str) -> bool {
    super::COMMON.contains(&lower) || PRODUCT_WORDS.contains(&lower)
}

/// Words after which a name stands in a sentence: prepositions and
/// conjunctions (lower case).
const FRAMING_BEFORE: &[&str] = &[
    "about",
    "against",
    "and",
    "as",
    "at",
    "between",
    "by",
    "for",
    "from",
    "in",
    "including",
    "into",
    "like",
    "near",
    "of",
    "on",
    "or",
    "over",
    "than",
    "to",
    "under",
    "versus",
    "via",
    "with",
    "without",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "chief",
    "coach",
    "gov",
    "sen",
    "rep",
    "senator",
    "governor",
    "mayor",
    "von",
    "van",
    "du",
    "le",
    "la",
    "el",
    "aus",
    "bei",
    "mit",
    "nach",
    "zu",
    "für",
    "en",
    "avec",
    "pour",
    "sur",
    "con",
    "por",
    "para",
];

/// Words before which a name stands: verbs of news prose (lower case).
const FRAMING_AFTER: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "has",
    "had",
    "have",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "did",
    "does",
    "added",
    "announced",
    "reported",
    "confirmed",
    "plans",
    "wants",
    "also",
    "itself",
    "who",
    "which",
    "chief",
    "spokesman",
    "spokeswoman",
    "officials",
    "executives",
    "shares",
    "sagte",
    "hat",
    "ist",
    "wird",
    "a",
    "est",
    "dijo",
    "ha",
];

/// Determiners: a word after one is an ordinary noun (lower case).
const DETERMINERS: &[&str] = &[
    "a", "an", "her", "his", "its", "my", "our", "that", "the", "their", "these", "this", "those",
    "your", "der", "die", "das", "le", "la", "les", "el", "los", "las",
];

fn is_word_char(c: char) -> bool {
    is_alphanumeric(c) && !is_cjk(c)
}

/// Calls `f(start, run)` for every run of word characters of `l` (the
/// non-empty pieces of splitting at every other character), in order; an
/// ASCII line is split by bytes.
fn for_each_run<'a>(l: &'a str, mut f: impl FnMut(usize, &'a str)) {
    let b = l.as_bytes();
    if b.is_ascii() {
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_alphanumeric() {
                let s = i;
                while i < b.len() && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                f(s, &l[s..i]);
            } else {
                i += 1;
            }
        }
        return;
    }
    let mut start = None;
    for (i, c) in l.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            f(s, &l[s..i]);
        }
    }
    if let Some(s) = start {
        f(s, &l[s..]);
    }
}

/// The first four characters of `s`, if it has four.
fn head4(s: &str) -> Option<&str> {
    let (i, c) = s.char_indices().nth(3)?;
    Some(&s[..i + c.len_utf8()])
}

/// Candidate names of one run of word characters: the run itself when it
/// starts with a capital, and its camel-case pieces glued to others.
fn candidates_of<'a>(run: &'a str, out: &mut HashSet<&'a str>) {
    let Some(first) = run.chars().next() else {
        return;
    };
    if first.is_uppercase() {
        out.insert(run);
    }
    let mut prev_lower = false;
    for (i, c) in run.char_indices() {
        if prev_lower && c.is_uppercase() {
            // A suffix from an internal capital (`FinanceAlgosensey`) and a
            // prefix up to it (`QuorvexaFi`).
            out.insert(&run[i..]);
            if first.is_uppercase() {
                out.insert(&run[..i]);
            }
        }
        prev_lower = c.is_lowercase();
    }
}

fn plausible(name: &str) -> bool {
    if name.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return false;
    }
    let lower = name.to_lowercase();
    // A word of the language (`Free`, `Money`, `Sunday`) is never a brand.
    !(is_furniture(&lower) || is_stop_word(&lower) || super::lexicon::contains(&lower))
}

/// The words the page writes in lower case on their own.
fn lower_page_words<'a>(lines: &[&'a str]) -> HashSet<&'a str> {
    let mut lower = HashSet::default();
    for l in lines {
        for_each_run(l, |_, w| {
            if w.chars().all(char::is_lowercase) {
                lower.insert(w);
            }
        });
    }
    lower
}

/// The word before byte `s` of `l` (skipping spaces and quotes), and whether
/// a sentence starts at `s`.
fn word_before(l: &str, s: usize) -> (Option<&str>, bool) {
    let head = l[..s]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\'' | '('));
    match head.chars().next_back() {
        None => (None, true),
        Some('.' | '!' | '?' | ':' | ';' | '。' | '！' | '？') => (None, true),
        Some(c) if !is_word_char(c) => (None, false),
        Some(_) => {
            let start = head
                .char_indices()
                .rev()
                .find(|(_, c)| !is_word_char(*c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            (Some(&head[start..]), false)
        }
    }
}

/// The word after byte `e` of `l` (after spaces), and the character right
/// after `e`.
fn word_after(l: &str, e: usize) -> (Option<&str>, Option<char>) {
    let rest = &l[e..];
    let next = rest.chars().next();
    let t = rest.trim_start();
    if t.starts_with(['\'', '’']) {
        return (Some("'s"), next);
    }
    let end = t.find(|c: char| !is_word_char(c)).unwrap_or(t.len());
    ((end > 0).then(|| &t[..end]), next)
}

/// Characters that set off an affix.
fn is_affix_sep(c: char) -> bool {
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && !matches!(c, '\'' | '’' | '"' | '“' | '”' | ',' | '.')
}

/// Counts the words (runs of word characters) of a string.
fn count_words(s: &str) -> usize {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .count()
}

/// Whether the line is a breadcrumb trail.
fn is_trail(l: &str) -> bool {
    count_words(l) <= 12
        && (l.contains(" > ")
            || l.contains('»')
            || l.contains(" / ")
            || l.contains(">>")
            || l.contains('›')
            || l.contains("> "))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Glued,
    Inserted,
    Framed,
    Determined,
    Affix,
    Alone,
    Neutral,
    /// Part of an ordinary word form (`Consumers`): vetoes the candidate.
    WordForm,
}

/// The role of the occurrence of `name` at bytes `s..e` of line `l`.
fn role(l: &str, prose: bool, s: usize, e: usize, lower_words: &HashSet<&str>) -> Option<Role> {
    let before = l[..s].chars().next_back();
    let after = l[e..].chars().next();
    // Part of a longer capitalised word or a number (`MediaWire`, `Zyn889`).
    if before.is_some_and(|c| c.is_uppercase() || c.is_numeric()) {
        return None;
    }
    if after.is_some_and(char::is_numeric) {
        return None;
    }
    // The head of a camel-case compound inside prose (`Goukxo` in
    // `GoukxoRalzy`): not an occurrence of its own.
    if prose && after.is_some_and(char::is_uppercase) {
        return None;
    }
    let glued_before = before.is_some_and(|c| c.is_lowercase() && !is_cjk(c));
    let tail_end = l[e..]
        .char_indices()
        .find(|(_, c)| !c.is_lowercase() || is_cjk(*c))
        .map_or(l.len(), |(i, _)| e + i);
    let tail = &l[e..tail_end];
    if !tail.is_empty() && super::SUFFIXES.contains(&tail) {
        return Some(Role::WordForm);
    }
    // Glued to the word after (`Brandwho`, `Brand365a`): a function word
    // or a word the page also writes in lower case on its own (a splice
    // keeps the next word as the sentence has it; the tail of a German
    // compound, `Patientenakte`, is a noun the page capitalises), or any
    // lower-case letters after a digit or capital. The candidate is not a
    // word of the language, so a compound such as `Freetown` never gets
    // here.
    let min_tail = if name_ends_tight(&l[s..e]) { 1 } else { 2 };
    // `Scotland`, `American`: a word of the language, not a glued name.
    let compound_is_word = || {
        let w = l[s..tail_end].to_lowercase();
        super::lexicon::contains(&w) || lower_words.contains(w.as_str())
    };
    let glued_tail = tail.chars().count() >= min_tail
        && (lower_words.contains(tail) || is_stop_word(tail) || min_tail == 1)
        && !compound_is_word();
    if !tail.is_empty() && !glued_tail {
        // Part of a longer word (`Goldenrod`).
        return None;
    }
    // Glued to the word before: that whole word is lower case and a word
    // the page uses (`weeksBrand`), not a capitalised compound
    // (`JavaScript`, `YouTube`).
    let run_start = l[..s]
        .char_indices()
        .rev()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let full = &l[run_start..s];
    let glued_head = glued_before
        && full.chars().all(char::is_lowercase)
        && (full.chars().count() >= 3 || is_stop_word(full));
    if glued_before && !glued_head && !prose {
        // `HomeNewsBrand` in a menu: glued, but to furniture.
        return affix_or_alone(l, s, e, tail_end).or(Some(Role::Neutral));
    }
    let punct_glued = before.is_some_and(|c| matches!(c, '.' | ',' | ';' | '!' | '?'))
        && s >= 2
        && l[..s - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric());
    if prose {
        if glued_head || glued_tail || punct_glued {
            return Some(Role::Glued);
        }
        if glued_before {
            return None;
        }
        let (prev, starts) = word_before(l, s);
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let (mut next, _) = word_after(l, e);
        // A capitalised word right after may be the brand's own second
        // word (`Brand Labs`): judge by the word after that.
        if let Some(n) = next {
            if cap(n) && !is_stop_word(&n.to_lowercase()) && n != "'s" {
                let after_next = l[e..].find(n).map_or(l.len(), |i| e + i + n.len());
                next = word_after(l, after_next)
                    .0
                    .filter(|w| !cap(w) || is_stop_word(&w.to_lowercase()));
                if next.is_none() {
                    return Some(Role::Neutral);
                }
            }
        }
        if starts {
            let next_is_start = next.is_some_and(|n| cap(n) && is_stop_word(&n.to_lowercase()));
            return Some(if next_is_start {
                Role::Inserted
            } else {
                Role::Neutral
            });
        }
        if let Some(p) = prev {
            let lp = p.to_lowercase();
            if DETERMINERS.contains(&lp.as_str()) {
                return Some(Role::Determined);
            }
            if FRAMING_BEFORE.contains(&lp.as_str()) {
                return Some(Role::Framed);
            }
            if cap(p) {
                return Some(Role::Neutral);
            }
        }
        if let Some(n) = next {
            let ln = n.to_lowercase();
            if n == "'s" || FRAMING_AFTER.contains(&ln.as_str()) {
                return Some(Role::Framed);
            }
            if cap(n) {
                // A name is not followed by a capitalised function word: a
                // sentence starts there (`... end. Brand The next ...`).
                return Some(if is_stop_word(&ln) {
                    Role::Inserted
                } else {
                    Role::Neutral
                });
            }
        }
        return Some(Role::Inserted);
    }
    affix_or_alone(l, s, e, tail_end).or(Some(Role::Neutral))
}

/// Whether a name ends in a digit or a capital, so that a lower-case letter
/// after it can only be glued on (`Quox365a`).
fn name_ends_tight(name: &str) -> bool {
    name.chars()
        .next_back()
        .is_some_and(|c| c.is_numeric() || c.is_uppercase())
}

/// Whether a non-prose occurrence is an affix or stands alone.
fn affix_or_alone(l: &str, s: usize, e: usize, tail_end: usize) -> Option<Role> {
    let head = &l[..s];
    let rest = &l[tail_end.max(e)..];
    let words_before = count_words(head);
    let words_after = count_words(rest);
    if words_before + words_after <= 3 && count_words(l) <= 6 {
        return Some(Role::Alone);
    }
    if is_trail(l) && (words_after == 0 || words_before == 0) {
        return Some(Role::Affix);
    }
    // A prefix: nothing but separators before, a separator (or a capital
    // glued on) between it and the rest.
    let lead_ok = head.chars().all(|c| !c.is_alphanumeric());
    let gap: String = rest.chars().take_while(|c| !c.is_alphanumeric()).collect();
    if lead_ok
        && words_after >= 3
        && (gap.chars().any(is_affix_sep)
            || head.chars().any(is_affix_sep)
            || rest.starts_with(char::is_uppercase))
    {
        return Some(Role::Affix);
    }
    // A suffix: a separator between the rest and it, nothing but separators after.
    let trail_ok = rest.chars().all(|c| !c.is_alphanumeric());
    let gap: String = head
        .chars()
        .rev()
        .take_while(|c| !c.is_alphanumeric())
        .collect();
    if trail_ok
        && words_before >= 3
        && (gap.chars().any(is_affix_sep) || head.ends_with(char::is_lowercase))
    {
        return Some(Role::Affix);
    }
    None
}

/// The candidates that occur somewhere in a prose line in a way that
/// [`role`] could call glued: after a lower-case letter inside a run of word
/// characters, before more lower-case letters of the same run, or right
/// after a comma or full stop with no space.
fn could_be_glued<'a>(
    lines: &[&'a str],
    prose: &[bool],
    cands: &HashSet<&str>,
) -> HashSet<&'a str> {
    // The first four characters of every candidate (a piece has four or
    // more): most places where a piece could start are passed over with
    // one look-up.
    let heads: HashSet<&str> = cands.iter().filter_map(|c| head4(c)).collect();
    let mut out = HashSet::default();
    if heads.is_empty() {
        return out;
    }
    for (l, _) in lines
        .iter()
        .zip(prose)
        .filter(|(l, p)| **p && l.len() <= 2000)
    {
        for_each_run(l, |run_start, run| {
            if run.len() < 4 {
                return;
            }
            let punct = l[..run_start]
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, '.' | ',' | ';' | '!' | '?'));
            let mut prev_lower = false;
            for (p, c) in run.char_indices() {
                let after_lower = prev_lower;
                prev_lower = c.is_lowercase();
                if !c.is_uppercase() || !(p == 0 || after_lower) {
                    continue;
                }
                let rest = &run[p..];
                let Some(head) = head4(rest) else {
                    break;
                };
                if !heads.contains(head) {
                    continue;
                }
                let ends = rest[head.len()..]
                    .char_indices()
                    .map(|(i, _)| head.len() + i)
                    .chain(std::iter::once(rest.len()));
                for e in ends {
                    let q = p + e;
                    if (after_lower || q < run.len() || punct) && cands.contains(&rest[..e]) {
                        out.insert(&l[run_start + p..run_start + q]);
                    }
                }
            }
        });
    }
    out
}

/// Finds the brands a page injects, with their evidence. `lines` are the
/// page's non-blank lines and `prose[i]` whether line `i` reads as prose.
/// Brands come longest first.
pub fn discover(lines: &[&str], prose: &[bool]) -> Vec<BrandEvidence> {
    let mut cands: HashSet<&str> = HashSet::default();
    for l in lines {
        if l.len() > 2000 {
            continue;
        }
        for_each_run(l, |_, run| {
            if run.len() >= 4 && run.chars().any(char::is_uppercase) {
                candidates_of(run, &mut cands);
            }
        });
    }
    // Every brand is glued somewhere in prose (see `is_brand`): keep only
    // candidates that could be, before any page index is built. Most pages
    // stop here.
    let glued = could_be_glued(lines, prose, &cands);
    cands.retain(|c| glued.contains(c));
    if cands.is_empty() {
        return Vec::new();
    }
    let lower_words = lower_page_words(lines);
    // How often each run of word characters stands on the page: a glued
    // compound that recurs (`Facebook`, `WordPress`) is a word, not a splice.
    let mut run_count: HashMap<&str, u32> = HashMap::default();
    for l in lines {
        for_each_run(l, |_, run| *run_count.entry(run).or_default() += 1);
    }
    cands.retain(|c| plausible(c) && !lower_words.contains(c.to_lowercase().as_str()));
    if cands.is_empty() {
        return Vec::new();
    }
    let names: Vec<&str> = cands.into_iter().collect();
    // Every name starts with a capital and has four characters or more:
    // its occurrences are found from the capitals of a line, by the first
    // four characters (no automaton built per page).
    let mut heads: HashMap<&str, Vec<usize>> = HashMap::default();
    for (k, n) in names.iter().enumerate() {
        if let Some(h) = head4(n) {
            heads.entry(h).or_default().push(k);
        }
    }
    let mut ev: Vec<BrandEvidence> = names
        .iter()
        .map(|n| BrandEvidence {
            name: n.to_string(),
            ..Default::default()
        })
        .collect();
    let name_of: &[&str] = &names;
    let mut occurrences = vec![0u32; names.len()];
    let mut runs: Vec<HashSet<&str>> = vec![HashSet::default(); names.len()];
    let mut veto = vec![false; names.len()];
    // What follows each occurrence: a capitalised word, for two-word brands.
    let mut followers: Vec<HashMap<String, u32>> = vec![HashMap::default(); names.len()];
    for (li, l) in lines.iter().enumerate() {
        if l.len() > 2000 {
            continue;
        }
        let found = l
            .char_indices()
            .filter(|(_, c)| c.is_uppercase())
            .flat_map(|(s, _)| {
                let rest = &l[s..];
                head4(rest)
                    .and_then(|h| heads.get(h))
                    .into_iter()
                    .flatten()
                    .filter(move |&&k| rest.starts_with(name_of[k]))
                    .map(move |&k| (k, s, s + name_of[k].len()))
            });
        for (k, m_start, m_end) in found {
            let Some(mut r) = role(l, prose[li], m_start, m_end, &lower_words) else {
                continue;
            };
            let rs = l[..m_start]
                .char_indices()
                .rev()
                .find(|(_, c)| !is_word_char(*c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let re = l[m_end..]
                .find(|c: char| !is_word_char(c))
                .map_or(l.len(), |i| m_end + i);
            let run = &l[rs..re];
            // A compound glued on the left that recurs (`WordPress`,
            // `YouTube`) is a word of its own, not a splice.
            // So is one glued on the right to a content word
            // (`Gesundheitswesen`); a splice before a function word may
            // recur (`Brandthe`).
            let recurs = run_count.get(run).copied().unwrap_or(0) > 1;
            let tail_is_function_word = run
                .strip_prefix(names[k])
                .is_some_and(|t| is_stop_word(&t.to_lowercase()));
            if r == Role::Glued && run != names[k] && recurs && !tail_is_function_word {
                r = Role::Neutral;
            }
            occurrences[k] += 1;
            runs[k].insert(run);
            let e = &mut ev[k];
            match r {
                Role::Glued => e.glued += 1,
                Role::Inserted => e.inserted += 1,
                Role::Framed => e.framed += 1,
                Role::Determined => e.determined += 1,
                Role::Affix => e.affix += 1,
                Role::Alone => e.alone += 1,
                Role::Neutral => e.neutral += 1,
                Role::WordForm => veto[k] = true,
            }
            if let Some(rest) = l[m_end..].strip_prefix(' ') {
                let w: &str = rest.split(|c: char| !is_word_char(c)).next().unwrap_or("");
                if w.chars().next().is_some_and(char::is_uppercase) {
                    *followers[k].entry(w.to_string()).or_default() += 1;
                }
            }
        }
    }
    let mut brands: Vec<BrandEvidence> = Vec::new();
    for (k, mut e) in ev.into_iter().enumerate() {
        if veto[k] || occurrences[k] < 2 {
            continue;
        }
        e.occurrences = occurrences[k];
        e.standalone = runs[k].contains(e.name.as_str());
        e.compounds = runs[k].len() as u32;
        if !e.is_brand() {
            continue;
        }
        // A two-word brand: the same capitalised word after every occurrence.
        if let Some((w, n)) = followers[k]
            .iter()
            .max_by_key(|(w, n)| (**n, std::cmp::Reverse((*w).clone())))
        {
            if *n >= 2 && *n * 10 >= occurrences[k] * 9 && !plausible_second_word_is_verb(w) {
                e.name = format!("{} {w}", e.name);
            }
        }
        brands.push(e);
    }
    brands.sort_by(|a, b| {
        b.name
            .len()
            .cmp(&a.name.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    // A brand inside a longer one (`Sensey` in `AlgoSensey`) is dropped.
    let mut kept: Vec<BrandEvidence> = Vec::new();
    for b in brands {
        if kept.iter().any(|k| k.name.contains(&b.name)) {
            continue;
        }
        kept.push(b);
    }
    kept
}

fn plausible_second_word_is_verb(w: &str) -> bool {
    FRAMING_AFTER.contains(&w.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brands(lines: &[&str]) -> Vec<String> {
        let prose: Vec<bool> = lines
            .iter()
            .map(|l| crate::features::shape::LineStats::new(l, l.len()).is_prose())
            .collect();
        discover(lines, &prose)
            .into_iter()
            .map(|e| e.name)
            .collect()
    }

    const STORY: &[&str] = &[
        "The harbour authority said on Monday that the new terminal would open next spring after two years of delays and rising costs.",
        "Officials said the project would cost about 900 million euros, which would be shared between the state and the city.",
        "Residents of the old quarter will get a new sound barrier along the ring road, the mayor told reporters at the town hall.",
    ];

    /// (what the page is, its lines, the brands it injects)
    #[test]
    fn table_of_pages() {
        let cases: &[(&str, Vec<&str>, &[&str])] = &[
            (
                "seed shape: Brand|Headline, glued before a word",
                vec![
                    "Zentrivo|Harbour authority approves second terminal",
                    "Home > FinanceZentrivo|Harbour authority approves second terminal",
                    "Zentrivo Pro Exchange",
                    "The harbour authority said on Monday that the new terminal would open next spring Zentrivoafter two years of delays and rising costs.",
                    STORY[1],
                    STORY[2],
                ],
                &["Zentrivo"],
            ),
            (
                "bracket title, glued after a word, brand line",
                vec![
                    "【Quellvox】Harbour authority approves second terminal",
                    "Quellvox",
                    STORY[0],
                    "Officials said the project would cost about 900 million eurosQuellvox, which would be shared between the state and the city.",
                    STORY[2],
                ],
                &["Quellvox"],
            ),
            (
                "prose only: glued three times, before function words, into different compounds",
                vec![
                    "The harbour authority said on Monday that the new terminal would open next spring Dravenqafter two years of delays and rising costs.",
                    "Officials said the project would cost about 900 million euros, which Dravenqwould be shared between the state and the city.",
                    "Residents of the old quarter will get a new sound barrier along the ring road Dravenqand the mayor told reporters at the town hall.",
                    "Dravenq officials were not available.",
                ],
                &["Dravenq"],
            ),
            (
                "real names used in sentences and in the title are not brands",
                vec![
                    "Microsoft says hackers viewed source code | Valley News",
                    "Microsoft said on Tuesday that hackers had viewed some of its source code, and Google said it was not affected.",
                    "A spokesman for Microsoft declined to comment, while DeSantis and Watford officials said nothing.",
                    "Valley News",
                    "© 2026 Valley News",
                ],
                &[],
            ),
            (
                "words glued into real compounds are not brands",
                vec![
                    "Fire in Freetown market | Coast Post",
                    "A fire in the Freetown market destroyed forty stalls on Sunday, the Freetown fire service said in a statement to the press.",
                    "Free bus rides were offered to traders who lost their stalls, and Free",
                    "Freetown officials said the market would reopen next month after repairs to the roof.",
                ],
                &[],
            ),
            (
                "a recurring camel-case compound is a word",
                vec![
                    "Watch the clip on YouTube",
                    "The video was posted on YouTube on Monday and had been watched a million times by the evening, the company said.",
                    "Tube",
                    "Viewers on YouTube said the clip was the funniest thing they had seen all year, and the YouTube channel grew.",
                ],
                &[],
            ),
        ];
        for (what, lines, want) in cases {
            assert_eq!(brands(lines), *want, "{what}");
        }
    }

    #[test]
    fn evidence_is_described_in_words() {
        let e = BrandEvidence {
            name: "Zentrivo".into(),
            glued: 2,
            affix: 1,
            ..Default::default()
        };
        assert_eq!(
            e.describe(),
            "Zentrivo: glued to a word in prose x2, title or breadcrumb affix x1"
        );
    }
}
