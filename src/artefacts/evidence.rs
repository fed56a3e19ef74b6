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
//!   furniture, not function words. From version 6 also a lower-case
//!   token of five or more letters (`bazukbe`) that is not a word or
//!   a form of one, stands on its own on a line that is not prose, is
//!   never used in a sentence, and occurs inside a longer run of prose
//!   next to words of the language (`yearsbazukbe`); inside a web address
//!   (`www.portnews.example`) it is not glued.
//! - **Occurrences** are found on every line. Each is given one role:
//!   - *glued*: inside a line of prose, stuck to a lower-case word before
//!     it (three letters or more) or after it (a function word, or a word
//!     the page also writes in lower case on its own: not the tail of a
//!     German compound such as `Patienten|akte`) (`and Algosenseywho`,
//!     `weeksAlgosensey`, `said.Algosensey`), where the compound does not
//!     recur (`WordPress` is a word);
//!     A two-word brand is glued through its second word
//!     (`Brand Labswho`) where the page also writes the two words apart.
//!     A two-letter function word counts as glue only where the page
//!     writes it on its own: elsewhere it is an inflection
//!     (`Einrichtung|en`).
//!     From version 6 also glued to the last crumb of a breadcrumb trail
//!     (`Home >> TechBrand`), where a site's own name stands apart;
//!   - *interposed*: between two sentences of prose, owning neither
//!     (`end. Brand The next`);
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
//!
//!   From version 9 a suffix that a site's name follows counts as an
//!   affix (`Headline | Brand - Daily News`, `Headline_Brand - 东岸日报`),
//!   a suffix joined by a tight hyphen does not (`Raleigh-Durham`), two
//!   Chinese or Japanese characters count as a word when an affix is told
//!   from a line of its own, and a name between a capitalised word and a
//!   verb is framed (`Edda Brand said`).
//! - **Decision** (a documented rule, checked on our generated farm pages
//!   and counted for false alarms on real news pages): a candidate is a
//!   brand when it occurs at least three times, at least once as a token of
//!   its own, is framed like a name no more often than it is glued or interposed, is
//!   never used after a determiner, and
//!   either is glued (or interposed) inside prose and also stands as an
//!   affix or alone on a line, or is glued inside prose at least twice, in
//!   three or more different compounds, and more often glued than not, or
//!   is glued or interposed once and out of place (glued, interposed or
//!   inserted) three times in all. Glue is the evidence a real name never
//!   gives; a site's own name in its title and
//!   footer is never glued, so it is never a brand. *Inserted* occurrences
//!   are counted and shown but do not decide: on real pages a name after a
//!   verb (`hit London on Monday`) reads the same.
//!
//!   From version 8 a name glued twice in two different runs and never
//!   inserted, framed or determined is a brand whatever its count. From
//!   version 9 so is the affix of the page's own headline twice, in the
//!   title (the first line) and on another line that is the same headline
//!   (`Brand: Headline - Site` over `Brand: Headline`), when it is framed
//!   or determined once at most (a splice may fall after `by` or `the` by
//!   chance) and stands on no copyright line. A site's own name affixes
//!   the title only and owns the copyright line; a headline's subject
//!   (`Name: what happened`) is framed in the article's sentences again and
//!   again. A name and the capitalised word after it may be the affix
//!   together (`Brand Media: Headline`).
//!   Such a candidate need not be glued anywhere: from version 9 a run of
//!   the title is a candidate too. Also from version 9, a name that is out
//!   of place wherever it stands (glued or interposed at least once,
//!   spliced or inserted at least twice, never framed, determined or
//!   neutral) is a brand: a page spliced only in its sentences, in mixed
//!   ways (`Brandthe ... the ring Brand road`).
//! - A brand that is followed by the same capitalised word at every
//!   occurrence (`Kalmora Markets`) is that two-word name; from version 7
//!   that word glued to more letters counts as that word (`Kalmora
//!   Marketsold`, `Kalmora MarketsFi`), and the same capitalised word before
//!   every occurrence is the name's first word (`Kelvo Draxi Partners`).

use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use serde::Serialize;

use crate::features::tokens::{is_cjk, is_stop_word};

/// Lines longer than this many bytes are left out of discovery (a page's
/// lines of prose and furniture are shorter; a longer one is a blob).
pub(super) const LONGEST_LINE: usize = 2000;

/// What discovery found out about one brand (or candidate).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BrandEvidence {
    /// The brand as it is written.
    pub name: String,
    /// Occurrences glued to a word inside prose.
    pub glued: u32,
    /// Occurrences inserted where the sentence does not need them.
    pub inserted: u32,
    /// Occurrences between two sentences of prose, owning neither
    /// (`end. Brand The next`).
    pub interposed: u32,
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
    /// Whether it is an affix of the page's own headline twice, in the
    /// title (the first line) and on another line that is the same
    /// headline (from features version 9).
    pub headline_affix: bool,
    /// Occurrences on a copyright line (`© Name 2024`): a site's own name.
    pub copyright: u32,
    /// Occurrences in prose between two Chinese or Japanese characters
    /// (`沿Brand海`), from features version 10. Such text has no spaces, so
    /// a real name stands glued there too: weaker evidence than `glued`,
    /// it counts only with an affix or a line of its own.
    pub cjk_glued: u32,
    /// Occurrences set off by a pair of marks inside a sentence of prose,
    /// between two words in lower case (`said, Brand, that`, `the (Brand)
    /// city`), from features version 14.
    pub set_off: u32,
    /// Whether it was taken because a site memory knows it as a brand of
    /// the page's host ([`crate::SiteMemory`]), on the weaker evidence that
    /// a name the host's other pages proved needs.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub known: bool,
}

impl BrandEvidence {
    /// Whether the evidence makes the candidate a brand (see the module docs).
    pub fn is_brand(&self) -> bool {
        self.decide(crate::features::FEATURES_VERSION)
    }

    /// The decision by the rules of features `version`: version 5 did not
    /// yet count splicing in prose alone (version 6), nor a name glued twice
    /// in two different runs and used nowhere as a name (version 8).
    fn decide(&self, version: u32) -> bool {
        // From version 14 a name set off by marks inside a sentence counts
        // as spliced.
        let set_off = if version >= 14 { self.set_off } else { 0 };
        let spliced = self.glued + self.interposed + set_off;
        // From version 10 a name between Chinese or Japanese characters
        // counts as spliced when it is also shown as an affix or alone.
        let shown_splices = spliced + if version >= 10 { self.cjk_glued } else { 0 };
        let glued_and_shown = shown_splices >= 1 && (self.affix >= 1 || self.alone >= 1);
        // Only in prose, spliced at least once and out of place three times.
        let spliced_in_prose = version >= 6 && spliced >= 1 && spliced + self.inserted >= 3;
        let glued_often = self.glued >= 2
            && self.compounds >= 3
            && self.glued >= self.inserted + self.framed + self.neutral;
        // From version 8: glued twice, written in two different runs (two
        // compounds, or a compound and the name on its own), and never used
        // in a sentence as a name or a noun, even where it stands fewer than
        // three times (`Brandweekend ... issuedBrand` on a short page).
        let glued_twice = version >= 8
            && self.glued >= 2
            && self.compounds >= 2
            && self.inserted + self.framed + self.determined == 0;
        // From version 9: the affix of the page's own headline, in the
        // title and on the page, used in a sentence as a name or a noun
        // once at most (a splice may fall after `by` or `the` by chance)
        // and not the owner of a copyright line. A site's own name affixes
        // the title only; a headline's subject (`Name: what happened`) is
        // a name in the article's sentences, framed again and again.
        // From version 10 a name used in a sentence as a name or a noun
        // must also stand out of place there once: a town that heads its
        // local story (`Town: what happened`, `Home / Local / Town`) is
        // written `in Town` in the story and nowhere else.
        let in_place = self.framed + self.determined;
        let out_of_place = spliced + self.inserted;
        let headline_affix = version >= 9
            && self.headline_affix
            && in_place <= 1
            && (version < 10 || in_place == 0 || out_of_place >= 1)
            && self.copyright == 0;
        // From version 9: out of place wherever it stands in a sentence,
        // glued or interposed at least once and spliced or inserted at
        // least twice, never a name, a noun, a sentence's start or a
        // headline's word (`Brandweekend ... the same Brand day`).
        let never_in_place = version >= 9
            && spliced >= 1
            && spliced + self.inserted >= 2
            && self.framed + self.determined + self.neutral == 0;
        // From version 11: glued (or between sentences) in prose and an
        // affix, and nothing else on the page, however few its
        // occurrences: a site's own name is never glued, and a real name
        // stands somewhere in a sentence as a name.
        let glued_and_affix_only = version >= 11
            && spliced >= 1
            && self.affix >= 1
            && self.inserted + self.framed + self.determined + self.neutral == 0
            && self.copyright == 0;
        glued_twice
            || headline_affix
            || never_in_place
            || glued_and_affix_only
            || (self.occurrences >= 3
                && self.standalone
                && self.framed <= shown_splices
                && self.determined == 0
                && (glued_and_shown || glued_often || spliced_in_prose))
    }

    /// The decision for a name that a site memory knows as a brand of the
    /// page's host (found by [`BrandEvidence::decide`] on enough of the
    /// host's other pages): out of place somewhere on this page (glued,
    /// between sentences, set off, between Chinese characters, inserted, an
    /// affix or alone on a line), used as a name or a noun no more often
    /// than that, and on no copyright line. A site that splices a brand into
    /// most of its pages splices it into the rest, though perhaps in a form
    /// that a page alone does not prove (`Brand word` with spaces, a title
    /// affix and a line of its own).
    fn decide_known(&self) -> bool {
        let out_of_place = self.glued
            + self.interposed
            + self.set_off
            + self.cjk_glued
            + self.inserted
            + self.affix
            + self.alone;
        out_of_place >= 1 && self.framed + self.determined <= out_of_place && self.copyright == 0
    }

    /// Counts one occurrence of role `r` (a two-word name glued through
    /// its second word as glued, a closing name as between sentences, a
    /// word form as neutral; [`discover`] settles those three itself).
    fn count(&mut self, r: Role) {
        match r {
            Role::Glued | Role::GluedPair(_) => self.glued += 1,
            Role::Inserted => self.inserted += 1,
            Role::Interposed | Role::Closing => self.interposed += 1,
            Role::CjkGlued => self.cjk_glued += 1,
            Role::SetOff => self.set_off += 1,
            Role::Framed => self.framed += 1,
            Role::Determined => self.determined += 1,
            Role::Affix => self.affix += 1,
            Role::Alone => self.alone += 1,
            Role::Neutral | Role::WordForm => self.neutral += 1,
        }
    }

    /// The evidence in words, for explanations.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (n, what) in [
            (self.glued, "glued to a word in prose"),
            (self.interposed, "between two sentences"),
            (self.cjk_glued, "between Chinese or Japanese characters"),
            (self.set_off, "set off by marks inside a sentence"),
            (self.inserted, "inserted into a sentence"),
            (self.affix, "title or breadcrumb affix"),
            (
                u32::from(self.headline_affix),
                "affix of the headline in the title and on the page",
            ),
            (self.alone, "alone on a line"),
            (self.framed, "used like a name"),
            (self.determined, "after a determiner"),
            (self.copyright, "on a copyright line"),
        ] {
            if n > 0 {
                parts.push(format!("{what} x{n}"));
            }
        }
        if self.known {
            parts.push("a brand of the site's other pages".to_string());
        }
        format!("{}: {}", self.name, parts.join(", "))
    }
}

/// Words of product lines, never brands themselves (lower case); with the
/// page-furniture words of `COMMON` in the parent module.
const PRODUCT_WORDS: &[&str] = &["app", "download", "group", "official", "site"];

/// Whether a lower-cased word is page furniture or a product word.
fn is_furniture(lower: &str) -> bool {
    // Asked of every candidate of every page: a set, not a scan of lists.
    static FURNITURE: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| super::COMMON.iter().chain(PRODUCT_WORDS).copied().collect());
    FURNITURE.contains(lower)
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
/// Prepositions and conjunctions of other languages after which a name
/// stands (features version 10): `de Hainval`, `aus Lindau`, `con Ortega`.
const FRAMING_BEFORE_V10: &[&str] = &[
    "à", "au", "aux", "avec", "chez", "contre", "dans", "de", "des", "du", "entre", "et", "par",
    "pour", "sur", "vers", "an", "aus", "bei", "für", "gegen", "mit", "nach", "und", "von", "vom",
    "zu", "zum", "zur", "con", "del", "desde", "en", "hacia", "para", "por", "y", "da", "dal",
    "della", "di", "per", "tra", "fra", "com", "do", "dos", "e", "em", "no", "na", "pelo", "pela",
    "met", "naar", "uit", "van", "voor",
];

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
/// Prepositions after which a name followed by a lower-case word of
/// content is neither framed nor determined but neutral (features version
/// 11): the sentence may read on without it (`of Brand heavy rain`, `to
/// Brand freeze`, where a spaced splice lands by chance) or the name
/// modifies a noun (`with Name staff`).
/// Also after an English determiner (`her Brand phone`; German and
/// Romance articles come before a capitalised noun or a club's name and
/// a verb: `der Eltern abhängen`). Not conjunctions (`And Name teed
/// up`), titles (`President Name signed`), `that`, or the particles of
/// names (`van`, `von`, `de`, `da`). (`an` is both an English article
/// and a German preposition.)
const READS_ON_AFTER: &[&str] = &[
    "a",
    "an",
    "the",
    "her",
    "his",
    "its",
    "my",
    "our",
    "their",
    "these",
    "this",
    "those",
    "your",
    "about",
    "against",
    "at",
    "between",
    "by",
    "for",
    "from",
    "in",
    "including",
    "into",
    "near",
    "of",
    "on",
    "over",
    "to",
    "under",
    "via",
    "with",
    "without",
    "à",
    "au",
    "aux",
    "avec",
    "chez",
    "contre",
    "dans",
    "entre",
    "par",
    "pour",
    "sur",
    "vers",
    "aus",
    "bei",
    "für",
    "gegen",
    "mit",
    "nach",
    "con",
    "desde",
    "en",
    "hacia",
    "para",
    "por",
    "per",
    "tra",
    "fra",
    "com",
    "em",
    "pelo",
    "pela",
    "met",
    "naar",
    "uit",
    "voor",
];

/// Articles, lower case, in the languages of [`DETERMINERS`].
const ARTICLES: &[&str] = &[
    "a", "an", "the", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem",
    "le", "la", "les", "un", "une", "el", "los", "las", "una", "il", "lo", "gli",
];

const DETERMINERS: &[&str] = &[
    "a", "an", "her", "his", "its", "my", "our", "that", "the", "their", "these", "this", "those",
    "your", "der", "die", "das", "le", "la", "les", "el", "los", "las",
];

/// Function words of Dutch, the Scandinavian languages and Finnish that
/// no English, German or Romance sentence uses much (`het`, `niet`, `och`,
/// `ikke`): see [`writes_compounds`].
const COMPOUNDING_FUNCTION_WORDS: &[&str] = &[
    "het", "een", "van", "niet", "zijn", "wordt", "werd", "voor", "ook", "maar", "naar", "bij",
    "nog", "wel", "worden", "heeft", "hebben", "omdat", "deze", "dit", "tot", "zich", "uit", "er",
    "om", "zo", "kan", "moet", "och", "att", "det", "som", "är", "inte", "ett", "jag", "og",
    "ikke", "af", "til", "på", "ved", "fra", "har", "ja", "ei", "ole", "että", "den",
];

/// The share of the words of a page's prose, in percent, that are
/// [`COMPOUNDING_FUNCTION_WORDS`] from which the page is taken to be
/// written in such a language. Measured with this list (lines of 12 or
/// more words): English pages of the dev sets 0% to 3%, German pages and
/// the German farm pages at most 2.2%, Dutch pages 13.7% to 18.4%.
const COMPOUNDING_SHARE: usize = 8;

/// Whether a page's prose is in a language that writes its nouns in lower
/// case and glues them into compounds (Dutch, the Scandinavian languages,
/// Finnish), from version 15. There a lower-case word glued to another
/// (`drinkwater|bekken`, `ziekenhuis|directie`) and written alone
/// elsewhere is a compound and its noun, which neither the lexicon nor
/// the English word list knows, so lower-case names are not looked for
/// on such a page (four of six held-out Dutch news pages were called
/// farms on plain nouns: `huizen`, `artsen`, `nacht`, `gebouwen`). German
/// capitalises its nouns, and its farm pages keep their lower-case
/// brands.
fn writes_compounds(page: &PageRuns, prose: &[bool]) -> bool {
    let (mut words, mut function_words) = (0usize, 0usize);
    for (i, _) in prose.iter().enumerate().filter(|(_, p)| **p) {
        for (_, run, _) in page.of(i) {
            words += 1;
            if run.len() <= 6 && with_lower(run, |l| COMPOUNDING_FUNCTION_WORDS.contains(&l)) {
                function_words += 1;
            }
        }
    }
    words > 0 && function_words * 100 >= COMPOUNDING_SHARE * words
}

/// A letter or digit of a script written with spaces: what a run of word
/// characters is made of (Chinese and Japanese characters stand apart).
pub(super) fn is_word_char(c: char) -> bool {
    !is_cjk(c) && crate::features::tokens::is_alphanumeric(c)
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
    with_lower(name, |lower| {
        plausible_cheaply(name, lower) && !super::lexicon::contains(lower)
    })
}

/// [`plausible`] without the lexicon (the dear part: a look-up in a table
/// too large for the cache).
fn plausible_cheaply(name: &str, lower: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && !(is_furniture(lower) || is_stop_word(lower))
}

/// Whether a lower-cased token is a word: of the lexicon (our training
/// pages) and, from features version 11, of English (the Wordnik list of
/// about 200,000 words in the `wordnik_list` crate; `foobar`, `knowledge`).
/// An invented brand is in neither.
pub(super) fn is_word_of(lower: &str, version: u32) -> bool {
    super::lexicon::contains(lower)
        || (version >= 11 && lower.is_ascii() && wordnik_list::word_exists(lower))
}

/// Calls `f` with `name` lower-cased: on the stack when short and ASCII
/// (most names).
fn with_lower<T>(name: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 32];
    if name.len() <= buf.len() && name.is_ascii() {
        buf[..name.len()].copy_from_slice(name.as_bytes());
        buf[..name.len()].make_ascii_lowercase();
        f(std::str::from_utf8(&buf[..name.len()]).expect("ASCII is UTF-8"))
    } else {
        f(&name.to_lowercase())
    }
}

/// A run of word characters holds a capital.
const UPPER: u8 = 1;
/// A run of word characters is all lower-case letters.
const LOWER: u8 = 2;

/// The runs of word characters of a page's lines, split once for every
/// pass of discovery, and the words the page writes in lower case on their
/// own, gathered the first time a pass asks.
struct PageRuns<'a> {
    lines: &'a [&'a str],
    /// Start, end and flags ([`UPPER`], [`LOWER`]) of every run, line by line.
    spans: Vec<(u32, u32, u8)>,
    /// The runs of line `i` are `spans[line_at[i]..line_at[i + 1]]`.
    line_at: Vec<u32>,
    counts: std::cell::OnceCell<RunCounts<'a>>,
}

/// How often each run of word characters stands on a page. A run in
/// lower case is a word the page writes in lower case on its own.
struct RunCounts<'a>(HashMap<&'a str, u32>);

impl RunCounts<'_> {
    /// How often `w` stands as a run of its own.
    fn count(&self, w: &str) -> u32 {
        self.0.get(w).copied().unwrap_or(0)
    }

    /// Whether the page writes `w` in lower case on its own.
    fn writes_lower(&self, w: &str) -> bool {
        self.0.contains_key(w) && w.chars().all(char::is_lowercase)
    }
}

/// Classes of an ASCII byte for [`PageRuns::new`]: a word character
/// (letter or digit), a capital, a lower-case letter.
const CLASS_WORD: u8 = 1;
const CLASS_UPPER: u8 = 2;
const CLASS_LOWER: u8 = 4;
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut x = 0;
    while x < 128 {
        let c = x as u8;
        t[x] = if c.is_ascii_uppercase() {
            CLASS_WORD | CLASS_UPPER
        } else if c.is_ascii_lowercase() {
            CLASS_WORD | CLASS_LOWER
        } else if c.is_ascii_digit() {
            CLASS_WORD
        } else {
            0
        };
        x += 1;
    }
    t
};

/// Of the (non-ASCII) character at byte `i` of `l`: whether it is a word
/// character, a capital, a lower-case letter, and its length.
fn char_class(l: &str, i: usize) -> (bool, bool, bool, usize) {
    let c = l[i..].chars().next().expect("a char boundary");
    (
        is_word_char(c),
        c.is_uppercase(),
        c.is_lowercase(),
        c.len_utf8(),
    )
}

impl<'a> PageRuns<'a> {
    fn new(lines: &'a [&'a str]) -> Self {
        let mut spans = Vec::with_capacity(lines.iter().map(|l| l.len() / 6 + 1).sum());
        let mut line_at = Vec::with_capacity(lines.len() + 1);
        for l in lines {
            line_at.push(spans.len() as u32);
            // Split and flagged in one pass: a byte at a time where the
            // text is ASCII (one look-up in `ASCII_CLASS`), a character at
            // a time elsewhere (the runs of `runs`, with the same flags).
            let b = l.as_bytes();
            let n = b.len();
            let mut i = 0;
            while i < n {
                let x = b[i];
                if x < 0x80 {
                    if ASCII_CLASS[x as usize] & CLASS_WORD == 0 {
                        i += 1;
                        continue;
                    }
                } else {
                    let (word, _, _, w) = char_class(l, i);
                    if !word {
                        i += w;
                        continue;
                    }
                }
                let s = i;
                let (mut upper, mut lower) = (false, true);
                while i < n {
                    let x = b[i];
                    if x < 0x80 {
                        let k = ASCII_CLASS[x as usize];
                        if k & CLASS_WORD == 0 {
                            break;
                        }
                        upper |= k & CLASS_UPPER != 0;
                        lower &= k & CLASS_LOWER != 0;
                        i += 1;
                    } else {
                        let (word, up, low, w) = char_class(l, i);
                        if !word {
                            break;
                        }
                        upper |= up;
                        lower &= low;
                        i += w;
                    }
                }
                let flags = (u8::from(upper) * UPPER) | (u8::from(lower) * LOWER);
                spans.push((s as u32, i as u32, flags));
            }
        }
        line_at.push(spans.len() as u32);
        PageRuns {
            lines,
            spans,
            line_at,
            counts: std::cell::OnceCell::new(),
        }
    }

    /// The runs of line `i`: start, text and flags.
    fn of(&self, i: usize) -> impl Iterator<Item = (usize, &'a str, u8)> + '_ {
        let l: &'a str = self.lines[i];
        self.spans[self.line_at[i] as usize..self.line_at[i + 1] as usize]
            .iter()
            .map(move |&(s, e, f)| (s as usize, &l[s as usize..e as usize], f))
    }

    /// Every run of the page.
    fn all(&self) -> impl Iterator<Item = (usize, &'a str, u8)> + '_ {
        (0..self.lines.len()).flat_map(move |i| self.of(i))
    }

    /// How often each run stands on the page, counted the first time a
    /// pass asks.
    fn counts(&self) -> &RunCounts<'a> {
        self.counts.get_or_init(|| {
            let mut map =
                HashMap::with_capacity_and_hasher(self.spans.len() / 2, Default::default());
            for (_, run, _) in self.all() {
                *map.entry(run).or_default() += 1;
            }
            RunCounts(map)
        })
    }
}

/// The runs of word characters of `l` (the non-empty pieces of splitting
/// at every other character) with their start, in order: the definition
/// that `PageRuns::new`'s one pass over the bytes is tested against.
#[cfg(test)]
fn runs(l: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut i = 0;
    std::iter::from_fn(move || {
        let rest = &l[i..];
        let (off, _) = rest.char_indices().find(|(_, c)| is_word_char(*c))?;
        let s = i + off;
        let e = l[s..]
            .char_indices()
            .find(|(_, c)| !is_word_char(*c))
            .map_or(l.len(), |(k, _)| s + k);
        i = e;
        Some((s, &l[s..e]))
    })
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

/// Candidates set off by a pair of marks inside a sentence of prose
/// ([`set_off_in_sentence`]) somewhere on the page, from features version
/// 14. Cheap, so that a page whose names only stand as names still stops
/// before the page index is built; `role` and the decision judge what is
/// left.
fn set_off_somewhere<'a>(
    page: &PageRuns<'a>,
    prose: &[bool],
    cands: &HashSet<&str>,
) -> HashSet<&'a str> {
    let mut out = HashSet::default();
    for (i, l) in page.lines.iter().enumerate() {
        if !prose[i] || l.len() > LONGEST_LINE {
            continue;
        }
        for (s, run, flags) in page.of(i) {
            if flags & UPPER != 0 && cands.contains(run) && set_off_in_sentence(l, s, s + run.len())
            {
                out.insert(run);
            }
        }
    }
    out
}

/// Whether the name at bytes `s..e` of `l` is set off by a pair of marks
/// inside a sentence, between two words in lower case, from features
/// version 14: `said, Brand, that`, `said — Brand — that`,
/// `said "Brand" that`, `the (Brand) city`, `the [Brand] city`. A name
/// set off so is not the sentence's: the sentence reads on without it. A
/// real name set off so is an apposition after a noun (`his wife, Ana,
/// said`), which the decision weighs against its uses as a name.
fn set_off_in_sentence(l: &str, s: usize, e: usize) -> bool {
    const PAIRS: &[(char, char)] = &[
        (',', ','),
        ('—', '—'),
        ('–', '–'),
        ('-', '-'),
        ('"', '"'),
        ('“', '”'),
        ('‘', '’'),
        ('\'', '\''),
        ('«', '»'),
    ];
    let head = l[..s].trim_end();
    let Some(open) = head.chars().next_back() else {
        return false;
    };
    let tail = l[e..].trim_start();
    let Some(close) = tail.chars().next() else {
        return false;
    };
    if !PAIRS.contains(&(open, close)) {
        return false;
    }
    // A hyphen stands apart from the words on both sides (`Name-led`).
    if open == '-' && (head.len() == s || tail.len() + e == l.len()) {
        return false;
    }
    let before = head[..head.len() - open.len_utf8()].trim_end();
    let after = tail[close.len_utf8()..].trim_start();
    let word_before = before
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .filter(|w| before.ends_with(w));
    let word_after = after.split(|c: char| !is_word_char(c)).next();
    // A list's item or an apposition is followed by the sentence's verb,
    // a conjunction or the next item (`kettles, Name, teapots`, `the
    // island, Name, late`, `the hymn "Name" and`); a splice falls
    // anywhere, also before a function word that carries the sentence on
    // (`said, Brand, that the`, `rose "Brand" to a`).
    const JOINS: &[&str] = &[
        "and", "or", "nor", "und", "oder", "et", "ou", "y", "o", "e", "en", "of",
    ];
    word_before.is_some_and(|w| {
        !w.is_empty() && w.chars().all(char::is_lowercase) && !DETERMINERS.contains(&w)
    }) && word_after.is_some_and(|w| {
        w.starts_with(char::is_lowercase)
            && is_stop_word(w)
            && !JOINS.contains(&w)
            && !FRAMING_AFTER.contains(&w)
    })
}

/// Characters that set off an affix.
fn is_affix_sep(c: char) -> bool {
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && !matches!(c, '\'' | '’' | '"' | '“' | '”' | ',' | '.')
}

/// Counts the words (runs of word characters) of a string; from features
/// version 9 (`cjk`) also two Chinese or Japanese characters as a word, as
/// a headline in those languages has no spaces.
fn count_words(s: &str, cjk: bool) -> usize {
    let runs = s
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .count();
    if cjk {
        runs + s.chars().filter(|c| is_cjk(*c)).count() / 2
    } else {
        runs
    }
}

/// Whether the line is a breadcrumb trail (from features version 9 one of
/// short crumbs only).
fn is_trail(l: &str, v9: bool) -> bool {
    count_words(l, false) <= 12
        && (l.contains(" > ")
            || l.contains('»')
            || l.contains(" / ")
            || l.contains(">>")
            || l.contains('›')
            || l.contains("> "))
        // From version 9 every crumb is short: a headline after `Site » `
        // is not a crumb, nor is its last word an affix.
        && !(v9
            && l
                .split(['>', '»', '/', '›'])
                .any(|crumb| count_words(crumb, true) > 5))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Glued,
    Inserted,
    Interposed,
    /// Glued through the brand's second word (`Brand Labswho`); the byte
    /// length of the second word proper (`Labs`). Counts as glued where the
    /// page also writes the two words apart (`Brand Labs`).
    GluedPair(usize),
    /// Between two Chinese or Japanese characters in prose (version 10).
    CjkGlued,
    /// Alone after the last sentence of a line of prose (`the end. Brand`),
    /// from version 13: counts as between two sentences, once for a line
    /// and its copies.
    Closing,
    /// Set off by a pair of marks inside a sentence (version 14).
    SetOff,
    Framed,
    Determined,
    Affix,
    Alone,
    Neutral,
    /// Part of an ordinary word form (`Consumers`): vetoes the candidate.
    WordForm,
}

/// The role of the occurrence of `name` at bytes `s..e` of line `l`.
fn role(l: &str, prose: bool, s: usize, e: usize, words: &RunCounts, version: u32) -> Option<Role> {
    let (v6, v7, v9) = (version >= 6, version >= 7, version >= 9);
    let before = l[..s].chars().next_back();
    let after = l[e..].chars().next();
    // Part of a longer capitalised word or a number (`MediaWire`, `Zyn889`).
    if before.is_some_and(|c| c.is_uppercase() || c.is_numeric()) {
        return None;
    }
    if after.is_some_and(char::is_numeric) {
        return None;
    }
    if version >= 10
        && between_cjk(before, after)
        && (prose || cjk_sentence(l))
        && l[s..e].contains(char::is_lowercase)
    {
        return Some(Role::CjkGlued);
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
    // A lower-case name (`bazukbe`, version 6) glues to a word of the
    // language on either side, whatever its case.
    let lower_name = l[s..e].starts_with(char::is_lowercase);
    if (lower_name || v7) && in_address(l, s, e) {
        // `www.expressindia.com`, `@handle`, `SHOP.SITENAME.COM`: a web
        // address, not a splice (any name from version 7; lower-case
        // names before).
        return Some(Role::Neutral);
    }
    if version >= 11 && in_code(l, s, e) {
        // `fmt.Println("...")`: an identifier in program code.
        return Some(Role::Neutral);
    }
    let compound_is_word = || {
        let w = l[s..tail_end].to_lowercase();
        super::lexicon::contains(&w) || (!lower_name && words.writes_lower(&w))
    };
    let tail_is_word = if lower_name {
        glue_piece(tail, words, version)
    } else {
        words.writes_lower(tail) || is_glue_word(tail, v6) || min_tail == 1
    };
    let glued_tail = tail.chars().count() >= min_tail && tail_is_word && !compound_is_word();
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
        && if lower_name {
            glue_piece(&full.to_lowercase(), words, version)
        } else {
            full.chars().all(char::is_lowercase)
                && (full.chars().count() >= 3 || is_stop_word(full))
        };
    if v6 && glued_before && !prose && tail.is_empty() && glued_to_crumb(l, run_start, full) {
        // `Home >> TechBrand`: glued to the last word of a breadcrumb trail,
        // where a site's own name stands apart.
        return Some(Role::Glued);
    }
    if glued_before && !glued_head && !prose {
        // `HomeNewsBrand` in a menu: glued, but to furniture.
        return affix_or_alone(l, s, e, tail_end, version).or(Some(Role::Neutral));
    }
    let punct_glued = before.is_some_and(|c| matches!(c, '.' | ',' | ';' | '!' | '?'))
        && s >= 2
        && l[..s - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        && !(v7 && starts_its_sentence(l, e, before));
    if prose {
        if glued_head || glued_tail || punct_glued {
            return Some(Role::Glued);
        }
        if glued_before && version >= 13 && is_capitalised_word(full, words, version) {
            // From version 13 a name of one capital glued after a
            // capitalised word of the language (`charity OpenBrand Door`, a
            // German noun: `LandgerichtBrand`). Not a name in capitals or
            // in camel case: products are named so (`UltraQARV`), and an
            // extraction glues a maker to its product (`ZentaDataLoom`).
            let name = &l[s..e];
            if name.contains(char::is_lowercase) && !name.chars().skip(1).any(char::is_uppercase) {
                return Some(Role::Glued);
            }
        }
        if glued_before {
            return None;
        }
        if version >= 14 && set_off_in_sentence(l, s, e) {
            return Some(Role::SetOff);
        }
        let (prev, starts) = word_before(l, s);
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let (mut next, _) = word_after(l, e);
        // A capitalised word right after may be the brand's own second
        // word (`Brand Labs`): judge by the word after that.
        if let Some(n) = next {
            if cap(n) && !is_stop_word(&n.to_lowercase()) && n != "'s" {
                // The second word glued to the next word of the sentence
                // (`Brand Labswho`): glued, as for a one-word brand.
                if let Some(head) = second_word_glued(n, words).filter(|_| v6) {
                    return Some(Role::GluedPair(head));
                }
                let after_next = l[e..].find(n).map_or(l.len(), |i| e + i + n.len());
                next = word_after(l, after_next)
                    .0
                    .filter(|w| !cap(w) || is_stop_word(&w.to_lowercase()));
                if next.is_none() {
                    return Some(if ends_prose_line(l, after_next, s, version) {
                        Role::Closing
                    } else {
                        Role::Neutral
                    });
                }
            }
        }
        if starts {
            let next_is_start = next.is_some_and(|n| cap(n) && is_stop_word(&n.to_lowercase()));
            return Some(if next.is_none() && ends_prose_line(l, e, s, version) {
                Role::Closing
            } else if !next_is_start {
                Role::Neutral
            } else if (v6 && after_sentence_end(l, s))
                || (version >= 13 && l[..s].trim_start().is_empty() && sentence_goes_on(l, e))
            {
                // Between two sentences, owning neither (`end. Brand The
                // next`), or before the first sentence of a paragraph
                // (`Brand The city`, from version 13): a name never stands
                // there.
                Role::Interposed
            } else {
                Role::Inserted
            });
        }
        if let Some(p) = prev {
            let lp = p.to_lowercase();
            // From version 11 a name between a preposition or determiner
            // and a lower-case word of content may stand where the sentence
            // reads on without it (`of Brand heavy rain`, `her Brand
            // phone`) or be a noun's modifier (`with Name staff`): neither
            // framed nor determined, neutral.
            let reads_on = version >= 11
                && READS_ON_AFTER.contains(&lp.as_str())
                && next.is_some_and(|n| {
                    let ln = n.to_lowercase();
                    n.starts_with(char::is_lowercase)
                        && !is_stop_word(&ln)
                        && !FRAMING_AFTER.contains(&ln.as_str())
                });
            if reads_on {
                return Some(Role::Neutral);
            }
            if DETERMINERS.contains(&lp.as_str()) {
                return Some(Role::Determined);
            }
            if FRAMING_BEFORE.contains(&lp.as_str())
                || (version >= 10 && FRAMING_BEFORE_V10.contains(&lp.as_str()))
            {
                // From version 14 not a name that an article follows right
                // away, inside a sentence (`and Brand the United Kingdom`,
                // `for Brand a year`): the preposition's object is the
                // article's noun, and the name stands where the sentence
                // reads on without it.
                let article_after = version >= 14
                    && p.starts_with(char::is_lowercase)
                    && l[e..].strip_prefix(' ').is_some_and(|r| {
                        let w = r.split(|c: char| !is_word_char(c)).next().unwrap_or("");
                        ARTICLES.contains(&w)
                    });
                return Some(if article_after {
                    Role::Inserted
                } else {
                    Role::Framed
                });
            }
            if cap(p) {
                // A person's name (`Edda Korvanth said`) is framed by the
                // verb after it, from version 9.
                let verb_after = next.is_some_and(|n| {
                    n == "'s" || FRAMING_AFTER.contains(&n.to_lowercase().as_str())
                });
                return Some(if v9 && verb_after {
                    Role::Framed
                } else {
                    Role::Neutral
                });
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
    affix_or_alone(l, s, e, tail_end, version).or(Some(Role::Neutral))
}

/// Whether `w` is a capitalised word of the language (three letters or
/// more, the rest in lower case), or one the page writes on its own.
fn is_capitalised_word(w: &str, words: &RunCounts, version: u32) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_lowercase() && !is_cjk(c))
        && w.chars().count() >= 3
        && (words.count(w) > 0 || with_lower(w, |l| is_word_of(l, version)))
}

/// Whether a sentence starts after a name ending at byte `e` of `l`: its
/// first word (a capitalised function word) is no particle of a name
/// (`Jarne De Pauw`, `Anna van Dijk`), or the sentence goes on in lower
/// case after it (`Brand The harbour`, `Brand De gemeente`).
fn sentence_goes_on(l: &str, e: usize) -> bool {
    const PARTICLES: &[&str] = &[
        "da", "de", "del", "della", "di", "du", "la", "le", "ten", "ter", "van", "von",
    ];
    let mut words = l[e..].split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    !PARTICLES.contains(&first.to_lowercase().as_str())
        || words
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()))
}

/// Whether a name at bytes `s..` of a line of prose, ending at byte `e`,
/// stands alone after the line's last sentence (`... the end. Brand`),
/// owning no sentence, from features version 13: only closing marks
/// follow it, and a sentence ends before it.
fn ends_prose_line(l: &str, e: usize, s: usize, version: u32) -> bool {
    version >= 13
        && l[e..]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '!' | '?' | '"' | '”' | '’' | ')'))
        && after_sentence_end(l, s)
}

/// Whether a name glued after a sentence's end (`Know?Eurostat and`) is
/// the first word of the next sentence (features version 7): the word after
/// it is in lower case. After a sentence's end the text goes on with a
/// capital, so an injected name is followed by one (`said.Brand The`); a
/// name followed by a lower-case word is the sentence's own subject, a
/// heading glued to its text by the extraction.
fn starts_its_sentence(l: &str, e: usize, before: Option<char>) -> bool {
    matches!(before, Some('.' | '!' | '?'))
        && word_after(l, e)
            .0
            .is_some_and(|w| w.starts_with(char::is_lowercase))
}

/// Whether a name stands between two Chinese or Japanese characters (or
/// their punctuation, `，。`), at least one of them a character: glued
/// into text that has no spaces (features version 10).
fn between_cjk(before: Option<char>, after: Option<char>) -> bool {
    let cjk_punct =
        |c: char| ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    match (before, after) {
        (Some(b), Some(a)) => {
            (is_cjk(b) || cjk_punct(b)) && (is_cjk(a) || cjk_punct(a)) && (is_cjk(b) || is_cjk(a))
        }
        _ => false,
    }
}

/// Whether `l` is a sentence of Chinese or Japanese text: 16 or more
/// such characters, ending like a sentence (`。！？`, or a closing quote).
fn cjk_sentence(l: &str) -> bool {
    let t = l.trim_end();
    t.ends_with(['。', '！', '？', '”', '」'])
        && t.chars().filter(|&c| is_cjk(c)).take(16).count() >= 16
}

/// Whether a word glued after a name shows a splice by itself: a function
/// word of three letters or more (`Brandwho`, `Brandthe`). Two-letter
/// function words of one language are inflections of another
/// (`Einrichtung|en`); they count only where the page writes them on
/// their own (from features version 6; version 5 counted them).
fn is_glue_word(tail: &str, v6: bool) -> bool {
    (!v6 || tail.chars().count() >= 3) && is_stop_word(tail)
}

/// Whether the text before byte `s` of `l` ends a sentence inside the
/// line: a full stop, `!` or `?` (perhaps with a closing quote) after a
/// word, then a space.
fn after_sentence_end(l: &str, s: usize) -> bool {
    let head = l[..s].trim_end_matches(' ');
    if head.len() == s {
        return false;
    }
    let head = head.trim_end_matches(['"', '”', '’', '\'', ')']);
    let mut rev = head.chars().rev();
    matches!(rev.next(), Some('.' | '!' | '?')) && rev.next().is_some_and(char::is_alphanumeric)
}

/// Whether a capitalised word is a word glued to the next word of a
/// sentence (`Labswho`, `Digitalstudents`): the head stands on the page as
/// a word of its own, the tail is a function word or a word the page writes
/// in lower case on its own, and the whole is not a word that recurs.
/// Returns the byte length of the head.
fn second_word_glued(n: &str, words: &RunCounts) -> Option<usize> {
    let lower = n.to_lowercase();
    if super::lexicon::contains(&lower) || words.writes_lower(&lower) {
        return None;
    }
    if words.count(n) > 1 {
        // A word of its own that recurs (`Speedgoat`).
        return None;
    }
    n.char_indices().skip(3).map(|(i, _)| i).find(|&i| {
        let (head, tail) = n.split_at(i);
        tail.chars().count() >= 2
            && tail.chars().all(|c| c.is_lowercase() && !is_cjk(c))
            && (is_glue_word(tail, true) || words.writes_lower(tail))
            && words.count(head) > 0
    })
}

/// Whether bytes `s..e` of `l` sit inside program code (features version
/// 11): an opening bracket right after them (a call, `fmt.Println("x")`),
/// or a brace or `=` in the run of non-space characters around them
/// (`x=Name;`). A name in brackets (`Headline (Brand)`) is not code.
fn in_code(l: &str, s: usize, e: usize) -> bool {
    l[e..].starts_with('(') || chunk(l, s, e).contains(['{', '}', '='])
}

/// The run of non-space characters of `l` around bytes `s..e`. (White
/// space may be wider than a byte: a no-break space, an ideographic
/// space.)
pub(super) fn chunk(l: &str, s: usize, e: usize) -> &str {
    let start = l[..s]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = l[e..].find(char::is_whitespace).map_or(l.len(), |i| e + i);
    &l[start..end]
}

/// Whether bytes `s..e` of `l` sit inside a web address, a path or a
/// handle: the run of non-space characters around them holds `/`, `@` or
/// `www.`, or a dot follows them directly (`expressindia.com`).
fn in_address(l: &str, s: usize, e: usize) -> bool {
    let chunk = chunk(l, s, e);
    chunk.contains(['/', '@'])
        || chunk.contains("www.")
        || l[e..].starts_with('.') && l[e + 1..].starts_with(char::is_alphanumeric)
}

/// Whether a lower-case piece of a run, next to a lower-case name, is a
/// word: of the language, a function word or a word the page writes on its
/// own, of three letters or more, or a two-letter function word the page
/// writes on its own (`il|legible` is one word in English).
fn glue_piece(w: &str, words: &RunCounts, version: u32) -> bool {
    match w.chars().count() {
        0 | 1 => false,
        2 => is_stop_word(w) && words.writes_lower(w),
        // From version 10 a piece of three letters must be a function word
        // or a word the page writes on its own: a short word of the lexicon
        // is too often an inflection of another language (`ancien|nes`).
        3 if version >= 10 => is_stop_word(w) || words.writes_lower(w),
        _ => super::lexicon::contains(w) || is_stop_word(w) || words.writes_lower(w),
    }
}

/// Whether a lower-case token is a form of a word of the language that the
/// lexicon lacks (`actions` from `action`, `imports` from `import`).
fn is_word_form(w: &str) -> bool {
    super::SUFFIXES.iter().any(|suf| {
        w.strip_suffix(suf)
            .is_some_and(|stem| stem.chars().count() >= 4 && super::lexicon::contains(stem))
    })
}

/// Lower-case candidates (features version 6): a lower-case token (not CJK) of
/// five or more letters that is not a word of the language nor a form of
/// one, stands as a run
/// of its own on a line that is not prose (`bazukbe`, `Home > Tech >
/// bazukbe`) but never in prose, and occurs inside a longer run of a prose
/// line between words of the language (`yearsbazukbe`, `bazukbewho`,
/// `andbazukbewho`).
fn lower_case_candidates<'a>(
    page: &PageRuns<'a>,
    prose: &[bool],
    version: u32,
) -> HashSet<&'a str> {
    let v9 = version >= 9;
    let lines = page.lines;
    let mut standing: HashSet<&str> = HashSet::default();
    for (i, _) in lines
        .iter()
        .zip(prose)
        .enumerate()
        .filter(|(_, (l, p))| !**p && l.len() <= LONGEST_LINE)
    {
        for (_, run, _) in page.of(i) {
            // The cheap tests here; the look-ups in the lexicon below,
            // once per word, for the words that prose does not use.
            if run.len() >= 5
                && run
                    .chars()
                    .all(|c| (c.is_lowercase() && !is_cjk(c)) || c.is_ascii_digit())
                && run.chars().filter(|c| c.is_alphabetic()).count() >= 5
            {
                standing.insert(run);
            }
        }
    }
    let mut out = HashSet::default();
    if standing.is_empty() {
        return out;
    }
    let prose_lines = || {
        lines
            .iter()
            .zip(prose)
            .enumerate()
            .filter(|(_, (l, p))| **p && l.len() <= LONGEST_LINE)
            .map(|(i, (l, _))| (i, *l))
    };
    // From version 11 a run of the title that also stands on a line of its
    // own stays a candidate even where a sentence uses it, unless it is a
    // word of English: only the affix of the page's own headline decides
    // such a name (`affixes_headline`), and a brand spliced with spaces
    // (`the council velmorix voted`) is used by the prose like a word.
    let title_runs: Vec<&str> = if version >= 11 {
        page.of(0)
            .map(|(_, run, _)| run)
            .filter(|run| {
                standing.contains(run)
                    && !is_word_of(run, version)
                    && plausible(run)
                    && !is_word_form(run)
            })
            .collect()
    } else {
        Vec::new()
    };
    out.extend(title_runs);
    // A word the prose uses in a sentence, after a word and a space, is a
    // word (`actions`), whatever the lexicon says.
    for (i, l) in prose_lines() {
        for (at, run, flags) in page.of(i) {
            // (A standing run has five bytes or more and no capital: the
            // cheap tests spare most words the look-up.)
            if run.len() < 5 || flags & UPPER != 0 || !standing.contains(run) {
                continue;
            }
            let mut before = l[..at].chars().rev();
            if before.next() == Some(' ') && before.next().is_some_and(char::is_alphanumeric) {
                standing.remove(run);
            }
        }
    }
    standing.retain(|run| plausible(run) && !is_word_form(run) && !is_word_of(run, version));
    if standing.is_empty() {
        return out;
    }
    if v9 {
        // A run of the title, which may be the affix of the page's
        // headline (`affixes_headline`), from version 9.
        for (_, run, _) in page.of(0) {
            if standing.contains(run) {
                out.insert(run);
            }
        }
    }
    let words = page.counts();
    let side_ok = |w: &str| w.is_empty() || glue_piece(&w.to_lowercase(), words, version);
    // One searcher for each candidate, not one for each run it is looked
    // for in.
    let finders: Vec<(&str, memchr::memmem::Finder)> = standing
        .iter()
        .map(|&c| (c, memchr::memmem::Finder::new(c)))
        .collect();
    for (i, _) in prose_lines() {
        for (_, run, _) in page.of(i) {
            if run.len() <= 6 {
                continue;
            }
            for &(c, ref finder) in &finders {
                let Some(p) = finder.find(run.as_bytes()) else {
                    continue;
                };
                let (left, right) = (&run[..p], &run[p + c.len()..]);
                if side_ok(left) && side_ok(right) {
                    out.insert(c);
                }
            }
        }
    }
    out
}

/// Lower-case candidates that only prose shows (features version 11): a
/// piece of five or more letters, not a word of English (a word list of
/// some 200,000 words) nor of the lexicon, nor a form of one, glued between
/// words of three or more letters inside a longer run of prose that is no
/// word itself (`charitytokrax`, `tokraxstudies`), and written on the page in another
/// run too (alone, or glued to another word). A page that splices its
/// brand into paragraphs only, in lower case, shows it nowhere else.
/// Whether it is a brand is then decided from what every occurrence does,
/// as for any candidate.
fn prose_lower_candidates<'a>(
    page: &PageRuns<'a>,
    prose: &[bool],
    version: u32,
) -> HashSet<&'a str> {
    // The page's run counts are built only when a run needs them.
    let is_word = |w: &str| is_word_of(w, version);
    // Two letters are too often an inflection or a clitic of another
    // language (`operar|se`, `Einrichtung|en`): glue of three or more.
    let side_ok = |w: &str| {
        w.is_empty() || (w.len() >= 3 && (is_word(w) || glue_piece(w, page.counts(), version)))
    };
    // Each piece and the different runs it is glued inside.
    let mut glued_in: HashMap<&'a str, HashSet<&'a str>> = HashMap::default();
    let mut tried: HashSet<&'a str> = HashSet::default();
    for (i, _) in prose
        .iter()
        .enumerate()
        .filter(|(i, p)| **p && page.lines[*i].len() <= LONGEST_LINE)
    {
        for (_, run, flags) in page.of(i) {
            // Five letters of name and two of glue at least, all lower case.
            if flags & LOWER == 0 || run.len() < 7 || !run.is_ascii() || !tried.insert(run) {
                continue;
            }
            if is_word(run) || is_word_form(run) {
                continue;
            }
            // Where a glued word may end on the left and start on the right.
            let n = run.len();
            let lefts: Vec<usize> = (0..=n - 5).filter(|&p| side_ok(&run[..p])).collect();
            let rights: Vec<usize> = (5..=n).filter(|&q| side_ok(&run[q..])).collect();
            for &p in &lefts {
                for &q in rights.iter().filter(|&&q| q >= p + 5 && (p > 0 || q < n)) {
                    let piece = &run[p..q];
                    if !is_word(piece) && !is_word_form(piece) && plausible(piece) {
                        glued_in.entry(piece).or_default().insert(run);
                    }
                }
            }
        }
    }
    glued_in
        .into_iter()
        .filter(|(piece, _)| page.counts().count(piece) >= 1)
        .map(|(piece, _)| piece)
        .collect()
}

/// Whether the run `full` that a name is glued to (starting at byte
/// `run_start` of `l`) is one capitalised word of the language (`Tech`,
/// `Environment`) that follows a breadcrumb separator.
fn glued_to_crumb(l: &str, run_start: usize, full: &str) -> bool {
    let mut cs = full.chars();
    let capitalised = cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase);
    let lower = full.to_lowercase();
    let sep_before = l[..run_start].trim_end().ends_with(['>', '»', '›', '/']);
    capitalised
        && full.chars().count() >= 3
        && (super::lexicon::contains(&lower) || is_furniture(&lower))
        && sep_before
}

/// Whether a name ends in a digit or a capital, so that a lower-case letter
/// after it can only be glued on (`Quox365a`).
fn name_ends_tight(name: &str) -> bool {
    name.chars()
        .next_back()
        .is_some_and(|c| c.is_numeric() || c.is_uppercase())
}

/// Whether a non-prose occurrence is an affix or stands alone. From
/// features version 9 a name and the capitalised word after it may be the
/// affix together (`Brand Media: Headline`, `Headline - Brand Media`).
fn affix_or_alone(l: &str, s: usize, e: usize, tail_end: usize, version: u32) -> Option<Role> {
    let role = affix_or_alone_of(l, s, e, tail_end, version);
    if role.is_some() || version < 9 {
        return role;
    }
    let (next, _) = word_after(l, tail_end.max(e));
    let next = next
        .filter(|n| l[tail_end.max(e)..].starts_with(' ') && n.starts_with(char::is_uppercase))?;
    let at = tail_end.max(e) + 1;
    let end = at + next.len();
    (l[at..].starts_with(next) && !is_stop_word(&next.to_lowercase()))
        .then(|| affix_or_alone_of(l, s, end, end, version))
        .flatten()
        .filter(|r| *r == Role::Affix)
}

fn affix_or_alone_of(l: &str, s: usize, e: usize, tail_end: usize, version: u32) -> Option<Role> {
    let head = &l[..s];
    let rest = &l[tail_end.max(e)..];
    let v9 = version >= 9;
    let words_before = count_words(head, v9);
    let words_after = count_words(rest, v9);
    if words_before + words_after <= 3 && count_words(l, v9) <= 6 {
        return Some(Role::Alone);
    }
    if is_trail(l, v9) && (words_after == 0 || words_before == 0) {
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
        && !(v9 && gap == "-")
    {
        return Some(Role::Affix);
    }
    // From version 9, a suffix that a site's name follows: a separator
    // before it, a spaced separator (or `_`) after it, then a name of one to four
    // capitalised words and function words (`Headline | Brand - Daily
    // News`, `Headline_Brand - Le Courrier du Val`). A tight hyphen joins
    // a compound name (`Raleigh-Durham`), not an affix.
    let gap_after: String = rest.chars().take_while(|c| !c.is_alphanumeric()).collect();
    let site = &rest[gap_after.len()..];
    let name_word = |w: &str| {
        let last = w.rsplit(['\'', '’']).next().unwrap_or(w);
        last.starts_with(|c: char| c.is_uppercase() || c.is_numeric())
            || is_stop_word(&w.to_lowercase())
    };
    // Chinese and Japanese site names need no space (`_环球资讯网`).
    let cjk_site = (2..=12).contains(&site.chars().count()) && site.chars().all(is_cjk);
    let spaced_site = (gap_after.contains(' ') || gap_after == "_")
        && (1..=4).contains(&site.split_whitespace().count())
        && site.starts_with(char::is_uppercase)
        && site.split_whitespace().all(name_word);
    if v9
        && words_before >= 3
        && gap.chars().any(is_affix_sep)
        && gap != "-"
        && gap_after.chars().any(is_affix_sep)
        && (spaced_site || cjk_site)
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
    page: &PageRuns<'a>,
    prose: &[bool],
    cands: &HashSet<&str>,
    version: u32,
) -> HashSet<&'a str> {
    let v6 = version >= 6;
    let mut out = HashSet::default();
    // Prose lines, and (from version 6) breadcrumb trails, where a name
    // glued to the last crumb counts (`Home >> TechBrand`).
    let crumbs = |l: &str| v6 && l.contains(['>', '»', '›', '/']);
    // From version 10, sentences of Chinese or Japanese text, where a name
    // between two characters is glued (`cjk_sentence`; few read as prose
    // by their function words).
    let cjk_text = |l: &str| version >= 10 && cjk_sentence(l);
    for (i, (l, is_prose)) in page.lines.iter().zip(prose).enumerate() {
        if l.len() > LONGEST_LINE {
            continue;
        }
        let l: &'a str = l;
        let is_prose = *is_prose;
        // Each line's tests once, not once for each of its runs, and only
        // where the line is no prose.
        let is_trail = !is_prose && crumbs(l);
        let is_cjk_text = !is_prose && cjk_text(l);
        if !(is_prose || is_trail || is_cjk_text) {
            continue;
        }
        for (run_start, run, flags) in page.of(i) {
            if run.len() < 4 || flags & UPPER == 0 {
                // Every candidate holds a capital.
                continue;
            }
            let before = l[..run_start].chars().next_back();
            // From version 10, between Chinese or Japanese characters
            // (`步行Brand不足`) in prose or a sentence of such text: judged
            // by `role`.
            if version >= 10
                && (is_prose || is_cjk_text)
                && cands.contains(run)
                && between_cjk(before, l[run_start + run.len()..].chars().next())
            {
                out.insert(&l[run_start..run_start + run.len()]);
            }
            if !is_prose && !is_trail {
                // A sentence of Chinese or Japanese text: only that glue.
                continue;
            }
            if !is_prose {
                // A trail: only a piece that ends the run, glued on.
                let mut prev_lower = false;
                for (p, c) in run.char_indices() {
                    if p > 0 && c.is_uppercase() && prev_lower && cands.contains(&run[p..]) {
                        out.insert(&l[run_start + p..run_start + run.len()]);
                    }
                    prev_lower = c.is_lowercase();
                }
                continue;
            }
            let punct = before.is_some_and(|c| matches!(c, '.' | ',' | ';' | '!' | '?'));
            // Between two sentences (`end. Brand The`), or the first word
            // of a two-word brand whose second word is glued on
            // (`Brand Labswho`): judged by `role`.
            if cands.contains(run)
                && (after_sentence_end(l, run_start)
                    || l[run_start + run.len()..]
                        .strip_prefix(' ')
                        .is_some_and(|r| {
                            let n = r.split(|c: char| !is_word_char(c)).next().unwrap_or("");
                            n.starts_with(char::is_uppercase) && n.chars().count() >= 6
                        }))
            {
                out.insert(&l[run_start..run_start + run.len()]);
            }
            let mut prev_lower = false;
            for (p, c) in run.char_indices() {
                let after_lower = p > 0 && prev_lower;
                prev_lower = c.is_lowercase();
                if !c.is_uppercase() || !(p == 0 || after_lower) {
                    continue;
                }
                // Pieces of four characters or more from here.
                let ends = run[p..]
                    .char_indices()
                    .skip(4)
                    .map(|(q, _)| p + q)
                    .chain(std::iter::once(run.len()));
                for q in ends {
                    let piece = &run[p..q];
                    if (after_lower || q < run.len() || punct) && cands.contains(piece) {
                        out.insert(&l[run_start + p..run_start + q]);
                    }
                }
            }
        }
    }
    out
}

/// Finds the brands a page injects, with their evidence. `lines` are the
/// page's non-blank lines, `prose[i]` whether line `i` reads as prose and
/// `version` the features version whose rules decide (5 or later).
/// Brands come longest first.
///
/// From version 12 a name written with a joiner or a mark (`Xoraki.com`,
/// `Zor-vak`, `#Xoraki`) is read as one run ([`super::decorated`]).
pub fn discover(lines: &[&str], prose: &[bool], version: u32) -> Vec<BrandEvidence> {
    if version >= 12 {
        super::decorated::discover_decorated(lines, prose, version, discover_runs)
    } else {
        discover_runs(lines, prose, version)
    }
}

/// The most names of a page searched for one by one, with one `memmem`
/// searcher each; more are searched for with one automaton over the
/// page, so that the search stays linear in the page's size.
const MOST_NAMES_SEARCHED_APART: usize = 8;

/// Every occurrence of each of `names` on `lines` (overlapping ones too;
/// lines longer than [`LONGEST_LINE`] are skipped) as `(name, line,
/// start)`, each name's in page order: searched name by name when `apart`,
/// else with one automaton over the page.
fn occurrences_of(names: &[String], lines: &[&str], apart: bool) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let searched = || {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.len() <= LONGEST_LINE)
    };
    if apart {
        for (k, name) in names.iter().enumerate() {
            let finder = memchr::memmem::Finder::new(name.as_bytes());
            for (li, l) in searched() {
                let mut from = 0;
                while let Some(at) = finder.find(&l.as_bytes()[from..]) {
                    out.push((k, li, from + at));
                    from += at + 1;
                }
            }
        }
    } else {
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(names)
            .expect("candidate names are valid patterns");
        for (li, l) in searched() {
            for m in ac.find_overlapping_iter(*l) {
                out.push((m.pattern().as_usize(), li, m.start()));
            }
        }
    }
    out
}

/// [`discover`] over the page's runs of word characters as they stand.
fn discover_runs(lines: &[&str], prose: &[bool], version: u32) -> Vec<BrandEvidence> {
    let (v6, v7, v9, v13) = (version >= 6, version >= 7, version >= 9, version >= 13);
    let page = PageRuns::new(lines);
    let mut cands: HashSet<&str> = HashSet::default();
    // From version 13, heads of capitalised runs of prose before a function
    // word (`shared_heads`).
    let mut glue_heads: Vec<&str> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.len() > LONGEST_LINE {
            continue;
        }
        for (_, run, flags) in page.of(i) {
            if run.len() >= 4 && flags & UPPER != 0 {
                candidates_of(run, &mut cands);
                if v13 && prose[i] && run.len() >= 6 {
                    heads_before_function_words(run, &mut glue_heads);
                }
            }
        }
    }
    // A word of the language is never a brand; every brand is glued
    // somewhere in prose (see `is_brand`): keep only candidates that could
    // be, before any page index is built. Most pages stop here.
    cands.retain(|c| with_lower(c, |lower| plausible_cheaply(c, lower)));
    if !cands.is_empty() {
        let glued = could_be_glued(&page, prose, &cands, version);
        // From version 9 also a run of the title set off by a separator,
        // which may be the affix of the page's headline
        // (`affixes_headline`).
        // Such a name that no other line echoes with the headline can
        // never be decided (only the headline's affix decides a name
        // glued nowhere), so it is dropped here, before the page index.
        let title_affixes: Vec<&str> = if v9 {
            set_off_runs(lines[0], &page)
                .into_iter()
                .filter(|c| {
                    cands.contains(c)
                        && !glued.contains(c)
                        && with_lower(c, |l| !is_word_of(l, version))
                })
                .filter(|c| {
                    let echoes: Vec<usize> = std::iter::once(0)
                        .chain((1..lines.len()).filter(|&j| lines[j].contains(c)))
                        .collect();
                    echoes.len() > 1 && affixes_headline(lines, &echoes, c)
                })
                .collect()
        } else {
            Vec::new()
        };
        // From version 14 also a name set off by a pair of marks inside a
        // sentence (`set_off_somewhere`): judged by `role`.
        let inside = if version >= 14 {
            set_off_somewhere(&page, prose, &cands)
        } else {
            HashSet::default()
        };
        // (The title's names passed the lexicon test above.)
        cands.retain(|c| {
            title_affixes.contains(c)
                || ((glued.contains(c) || inside.contains(c))
                    && with_lower(c, |l| !is_word_of(l, version)))
        });
    }
    // From version 13 also a head that two different runs of prose share,
    // each with a word glued to it (`Brandfür`, `Brandvom`): a name glued
    // wherever it stands, never written apart.
    if !glue_heads.is_empty() {
        cands.extend(shared_heads(&page, prose, glue_heads, version));
    }
    // Lower-case brands (`bazukbe`), from version 6.
    let mut lower_cands = if v6 {
        lower_case_candidates(&page, prose, version)
    } else {
        HashSet::default()
    };
    // From version 11 also lower-case names that only prose shows.
    if version >= 11 {
        lower_cands.extend(prose_lower_candidates(&page, prose, version));
    }
    // From version 15 none on a page whose prose is in a language that
    // writes its nouns in lower case and glues them into compounds
    // (`writes_compounds`; asked only when there is a candidate).
    if version >= 15 && !lower_cands.is_empty() && writes_compounds(&page, prose) {
        lower_cands.clear();
    }
    cands.extend(lower_cands.iter().copied());
    if cands.is_empty() {
        return Vec::new();
    }
    // How often each run of word characters stands on the page: a glued
    // compound that recurs (`Facebook`, `WordPress`) is a word, not a splice.
    let words = page.counts();
    // Lower-case candidates passed `plausible` already.
    cands.retain(|c| lower_cands.contains(*c) || !words.writes_lower(&c.to_lowercase()));
    if cands.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = cands.into_iter().map(str::to_string).collect();
    let mut ev: Vec<BrandEvidence> = names
        .iter()
        .map(|n| BrandEvidence {
            name: n.clone(),
            ..Default::default()
        })
        .collect();
    let mut occurrences = vec![0u32; names.len()];
    let mut runs: Vec<HashSet<String>> = vec![HashSet::default(); names.len()];
    let mut veto = vec![false; names.len()];
    let mut word_forms = vec![0u32; names.len()];
    // Lines where the name is an affix as a run of its own (version 9).
    let mut affix_lines: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    let mut pair_heads: Vec<Vec<String>> = vec![Vec::new(); names.len()];
    // What follows each occurrence: a capitalised word, for two-word brands.
    let mut followers: Vec<HashMap<String, u32>> = vec![HashMap::default(); names.len()];
    // What precedes each occurrence: a capitalised word, for names of
    // three words (from version 7).
    let mut preceders: Vec<HashMap<&str, u32>> = vec![HashMap::default(); names.len()];
    // The evidence of a name is its own: its occurrences are taken name by
    // name (`occurrences_of`).
    let apart = names.len() <= MOST_NAMES_SEARCHED_APART;
    for (k, li, start) in occurrences_of(&names, lines, apart) {
        let l = &lines[li];
        let end = start + names[k].len();
        let Some(mut r) = role(l, prose[li], start, end, words, version) else {
            continue;
        };
        let run = run_around(l, start, end);
        // A compound glued on the left that recurs (`WordPress`,
        // `YouTube`) is a word of its own, not a splice.
        // So is one glued on the right to a content word
        // (`Gesundheitswesen`); a splice before a function word may
        // recur (`Brandthe`).
        let recurs = words.count(run) > 1;
        let tail_is_function_word = run
            .strip_prefix(names[k].as_str())
            .is_some_and(|t| is_glue_word(&t.to_lowercase(), v6));
        // From version 7, also one that stands more than twice as often
        // as the name alone, whatever its tail (`Mexican` is not
        // `Mexi|can`).
        let outnumbers = || words.count(run) > 2 * words.count(&names[k]);
        if r == Role::Glued
            && run != names[k]
            && recurs
            && (!tail_is_function_word || (v7 && outnumbers()))
        {
            r = Role::Neutral;
        }
        if let Role::GluedPair(head_len) = r {
            let head_start = l[end..]
                .find(|c: char| !c.is_whitespace())
                .map_or(end, |i| end + i);
            pair_heads[k].push(l[head_start..head_start + head_len].to_string());
        }
        occurrences[k] += 1;
        runs[k].insert(run.to_string());
        let e = &mut ev[k];
        if is_copyright(l) {
            e.copyright += 1;
        }
        match r {
            // A copy of an earlier line (a comment shown twice) shows
            // nothing new.
            Role::Closing if lines[..li].contains(l) => e.neutral += 1,
            // Settled below, once the page's two-word forms are known.
            Role::GluedPair(_) => {}
            Role::Affix => {
                e.count(r);
                if run == names[k] {
                    affix_lines[k].push(li);
                }
            }
            // From version 13 a word form vetoes only a name glued
            // nowhere (below): a splice may fall before a suffix by
            // chance (`Brandan`, `Brandes`).
            Role::WordForm if v13 => {
                word_forms[k] += 1;
                e.count(r);
            }
            Role::WordForm => veto[k] = true,
            _ => e.count(r),
        }
        if let Some(head) = l[..start].strip_suffix(' ').filter(|_| v7) {
            let w = head.rsplit(|c: char| !is_word_char(c)).next().unwrap_or("");
            if w.chars().next().is_some_and(char::is_uppercase) {
                *preceders[k].entry(w).or_default() += 1;
            }
        }
        if let Some(rest) = l[end..].strip_prefix(' ') {
            let mut w: &str = rest.split(|c: char| !is_word_char(c)).next().unwrap_or("");
            if let Role::GluedPair(head_len) = r {
                w = &w[..head_len.min(w.len())];
            }
            if w.chars().next().is_some_and(char::is_uppercase) {
                *followers[k].entry(w.to_string()).or_default() += 1;
            }
        }
    }
    let mut brands: Vec<BrandEvidence> = Vec::new();
    for (k, mut e) in ev.into_iter().enumerate() {
        if veto[k] || occurrences[k] < 2 {
            continue;
        }
        for head in &pair_heads[k] {
            // Written apart at least once besides the glued occurrences.
            let glued_here = pair_heads[k].iter().filter(|h| *h == head).count() as u32;
            if followers[k].get(head).is_some_and(|&n| n > glued_here) {
                e.glued += 1;
            } else {
                e.neutral += 1;
            }
        }
        if word_forms[k] > 0 && e.glued == 0 {
            continue;
        }
        e.occurrences = occurrences[k];
        e.standalone = runs[k].contains(&e.name);
        e.compounds = runs[k].len() as u32;
        e.headline_affix = version >= 9 && affixes_headline(lines, &affix_lines[k], &e.name);
        if !e.decide(version) {
            continue;
        }
        // A two-word brand: the same capitalised word after every occurrence.
        if let Some((w, n)) = followers[k]
            .iter()
            .max_by_key(|(w, n)| (**n, std::cmp::Reverse((*w).clone())))
        {
            // From version 7 that word glued to more letters counts too
            // (`Brand Labsold`, `Brand LabsFi Official Site`).
            let glued_on: u32 = followers[k]
                .iter()
                .filter(|(f, _)| {
                    v7 && f.len() > w.len()
                        && f.starts_with(w.as_str())
                        && f[w.len()..].starts_with(char::is_alphabetic)
                })
                .map(|(_, c)| c)
                .sum();
            let n = &(n + glued_on);
            if *n >= 2 && *n * 10 >= occurrences[k] * 9 && !plausible_second_word_is_verb(w) {
                e.name = format!("{} {w}", e.name);
            }
        }
        // From version 7, the same capitalised word before every
        // occurrence is the name's first word (`Kelvo Draxi Partners`).
        if let Some((w, n)) = preceders[k]
            .iter()
            .max_by_key(|(w, n)| (**n, std::cmp::Reverse(**w)))
        {
            if *n >= 2 && *n * 10 >= occurrences[k] * 9 && !is_stop_word(&w.to_lowercase()) {
                e.name = format!("{w} {}", e.name);
            }
        }
        brands.push(e);
    }
    longest_first(brands)
}

/// Brands longest first (as [`super::spans`] wants them), a brand inside a
/// longer one (`Sensey` in `AlgoSensey`) dropped.
fn longest_first(mut brands: Vec<BrandEvidence>) -> Vec<BrandEvidence> {
    brands.sort_by(|a, b| {
        b.name
            .len()
            .cmp(&a.name.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut kept: Vec<BrandEvidence> = Vec::new();
    for b in brands {
        if kept.iter().any(|k| k.name.contains(&b.name)) {
            continue;
        }
        kept.push(b);
    }
    kept
}

/// The brands the page's own evidence found (`found`, from [`discover`])
/// and those of `known` (a site memory's brands of the page's host) that
/// [`known_evidence`] takes, longest first. A known name that is empty,
/// longer than a site memory keeps, or inside or around a brand found is
/// not looked for. Without known names, `found` as it is.
pub(crate) fn with_known(
    found: Vec<BrandEvidence>,
    lines: &[&str],
    prose: &[bool],
    version: u32,
    known: &[String],
) -> Vec<BrandEvidence> {
    let known: Vec<String> = known
        .iter()
        .filter(|n| {
            !n.is_empty()
                && n.len() <= crate::site::LONGEST_BRAND
                && !found
                    .iter()
                    .any(|e| e.name.contains(n.as_str()) || n.contains(e.name.as_str()))
        })
        .cloned()
        .collect();
    if known.is_empty() {
        return found;
    }
    let mut all = found;
    all.extend(known_evidence(lines, prose, version, &known));
    longest_first(all)
}

/// The run of word characters of `l` around the occurrence at bytes
/// `start..end`.
fn run_around(l: &str, start: usize, end: usize) -> &str {
    let rs = l[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let re = l[end..]
        .find(|c: char| !is_word_char(c))
        .map_or(l.len(), |i| end + i);
    &l[rs..re]
}

/// The evidence, on this page, of `names` that a site memory knows as
/// brands of the page's host (each found with full evidence on an earlier
/// page of the host), kept where [`BrandEvidence::decide_known`] says so.
fn known_evidence(
    lines: &[&str],
    prose: &[bool],
    version: u32,
    names: &[String],
) -> Vec<BrandEvidence> {
    let names: Vec<String> = names.iter().filter(|n| !n.is_empty()).cloned().collect();
    if names.is_empty() {
        return Vec::new();
    }
    let names = &names[..];
    let page = PageRuns::new(lines);
    let words = page.counts();
    let mut ev: Vec<BrandEvidence> = names
        .iter()
        .map(|n| BrandEvidence {
            name: n.clone(),
            known: true,
            ..Default::default()
        })
        .collect();
    let mut runs: Vec<HashSet<&str>> = vec![HashSet::default(); names.len()];
    let apart = names.len() <= MOST_NAMES_SEARCHED_APART;
    for (k, li, start) in occurrences_of(names, lines, apart) {
        let l = lines[li];
        let end = start + names[k].len();
        let run = run_around(l, start, end);
        // Inside a longer run of letters that is no word (`FinanzierungBrand`,
        // `Brandsparten`), where a page alone cannot tell a name's
        // compound from a splice: a known brand is spliced there. Not in a
        // word of the language or one the page writes in lower case
        // (`Trans` in `Transport`).
        let in_non_word = || {
            run != names[k]
                && with_lower(run, |w| !is_word_of(w, version) && !words.writes_lower(w))
        };
        let Some(r) = role(l, prose[li], start, end, words, version)
            .or_else(|| in_non_word().then_some(Role::Glued))
        else {
            continue;
        };
        let e = &mut ev[k];
        e.occurrences += 1;
        runs[k].insert(run);
        if is_copyright(l) {
            e.copyright += 1;
        }
        e.count(r);
    }
    for (k, e) in ev.iter_mut().enumerate() {
        e.standalone = runs[k].contains(e.name.as_str());
        e.compounds = runs[k].len() as u32;
    }
    ev.retain(BrandEvidence::decide_known);
    ev
}

/// Heads of capitalised runs of prose that two different runs share, each
/// with a word glued after it (`Brandfür ... Brandvom`), that are no word
/// of the language (features version 13): a name spliced before the next
/// word wherever it stands, which the page never writes apart. A glued
/// word is a function word of three letters or more or a word of two to
/// six letters that the page writes on its own in lower case.
fn shared_heads<'a>(
    page: &PageRuns<'a>,
    prose: &[bool],
    heads: Vec<&'a str>,
    version: u32,
) -> Vec<&'a str> {
    // The distinct runs of prose each head stands in, glued to lower-case
    // letters (two to six), in one pass over the page.
    let mut runs_of: Vec<Vec<&'a str>> = vec![Vec::new(); heads.len()];
    for i in (0..page.lines.len()).filter(|&i| prose[i] && page.lines[i].len() <= LONGEST_LINE) {
        for (_, run, flags) in page.of(i) {
            if flags & UPPER == 0 || run.len() < 6 {
                continue;
            }
            for (k, head) in heads.iter().enumerate() {
                if let Some(tail) = run.strip_prefix(*head) {
                    if (2..=6).contains(&tail.chars().count())
                        && is_lower_word(tail)
                        && !runs_of[k].contains(&run)
                    {
                        runs_of[k].push(run);
                    }
                }
            }
        }
    }
    // The cheap tests first, the word lists and the page's counts last.
    let mut out: Vec<&'a str> = heads
        .into_iter()
        .zip(runs_of)
        .filter(|(head, runs)| {
            runs.len() >= 2
                && with_lower(head, |l| {
                    plausible_cheaply(head, l) && !is_word_of(l, version)
                })
                && runs
                    .iter()
                    .filter(|run| {
                        let tail = &run[head.len()..];
                        is_glue_word(tail, true) || page.counts().writes_lower(tail)
                    })
                    .count()
                    >= 2
        })
        .map(|(head, _)| head)
        .collect();
    out.sort_unstable();
    out
}

/// Whether `t` is all lower-case letters (not Chinese or Japanese).
fn is_lower_word(t: &str) -> bool {
    t.chars().all(|c| c.is_lowercase() && !is_cjk(c))
}

/// Adds to `heads` the heads of a capitalised run (four letters or more)
/// that a function word of three to six letters follows (`Brandfür`).
fn heads_before_function_words<'a>(run: &'a str, heads: &mut Vec<&'a str>) {
    if !run.starts_with(char::is_uppercase) {
        return;
    }
    let b = run.as_bytes();
    if run.is_ascii() {
        // Most runs: no decoding.
        for k in 3..=6.min(b.len() - 1) {
            if !b[b.len() - k].is_ascii_lowercase() {
                break;
            }
            let (head, tail) = run.split_at(b.len() - k);
            if is_stop_word(tail)
                && head.bytes().filter(u8::is_ascii_alphabetic).count() >= 4
                && !heads.contains(&head)
            {
                heads.push(head);
            }
        }
        return;
    }
    for (p, _) in run.char_indices().rev().skip(2).take(4) {
        let (head, tail) = run.split_at(p);
        if !is_lower_word(tail) {
            break;
        }
        if is_glue_word(tail, true)
            && head.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !heads.contains(&head)
        {
            heads.push(head);
        }
    }
}

/// The runs of the title (line 0) that a separator sets off, before or
/// after them (after a second capitalised word too: `Brand Media:
/// Headline`): the places of a title affix. Cheap, so that most pages
/// still stop before the page index is built.
fn set_off_runs<'a>(title: &'a str, page: &PageRuns<'a>) -> Vec<&'a str> {
    let sep_at = |c: Option<char>| c.is_some_and(|c| is_affix_sep(c) || is_cjk(c));
    page.of(0)
        .filter(|(s, run, _)| {
            let e = s + run.len();
            let before = title[..*s].trim_end_matches(' ').chars().next_back();
            let rest = title[e..].trim_start_matches(' ');
            let mut after = rest.chars().next();
            if after.is_some_and(char::is_uppercase) {
                // A second word of the name, then the separator.
                let word_end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
                after = rest[word_end..].trim_start_matches(' ').chars().next();
            }
            sep_at(before) || sep_at(after)
        })
        .map(|(_, run, _)| run)
        .collect()
}

/// Whether a line is a copyright notice (`© Site 2024`, `Copyright ...`).
fn is_copyright(l: &str) -> bool {
    l.contains('©') || l.contains("Copyright") || l.contains("copyright") || l.contains("(c) ")
}

/// Whether `name` is the affix of the page's own headline twice: the
/// title (line 0) is among `affix_lines`, and so is another line whose
/// text without the name is a headline (four words or more) that the
/// title also holds (`Brand: Headline - Site` and `Brand: Headline`).
fn affixes_headline(lines: &[&str], affix_lines: &[usize], name: &str) -> bool {
    if affix_lines.first() != Some(&0) {
        return false;
    }
    let rest = |l: &str| -> String {
        l.split(name)
            .flat_map(|part| part.chars())
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let title = rest(lines[0]);
    affix_lines[1..].iter().any(|&j| {
        let head = lines[j];
        count_words(&head.replace(name, " "), true) >= 4 && title.contains(&rest(head))
    })
}

fn plausible_second_word_is_verb(w: &str) -> bool {
    FRAMING_AFTER.contains(&w.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one pass of `PageRuns::new` splits a line into the runs of
        /// `runs`, with the flags their characters give.
        #[test]
        fn page_runs_split_as_runs_does(
            text in "[A-Za-zÉéßÆ0-9 .,’“|\\-汉字かナ\u{1d400}\u{300}\u{2000}-\u{2080}]{0,40}",
        ) {
            let lines = [text.as_str()];
            let page = PageRuns::new(&lines);
            let fast: Vec<(usize, &str, u8)> = page.of(0).collect();
            let slow: Vec<(usize, &str, u8)> = runs(&text)
                .map(|(s, run)| {
                    let upper = run.chars().any(char::is_uppercase);
                    let lower = run.chars().all(char::is_lowercase);
                    (s, run, (u8::from(upper) * UPPER) | (u8::from(lower) * LOWER))
                })
                .collect();
            proptest::prop_assert_eq!(fast, slow);
        }

        /// Names searched for one by one and with one automaton give the
        /// same occurrences, name by name.
        #[test]
        fn occurrences_are_the_same_searched_apart_or_together(
            names in proptest::collection::vec("[ab]{1,3}", 1..5),
            lines in proptest::collection::vec("[ab ]{0,12}", 0..4),
        ) {
            let mut names = names;
            names.sort();
            names.dedup();
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let mut apart = occurrences_of(&names, &lines, true);
            let mut together = occurrences_of(&names, &lines, false);
            apart.sort_unstable();
            together.sort_unstable();
            proptest::prop_assert_eq!(apart, together);
        }
    }

    fn brands(lines: &[&str]) -> Vec<String> {
        names_by_version(lines, crate::features::FEATURES_VERSION)
    }

    /// The names of the brands found by the rules of features version `v`.
    fn names_by_version(lines: &[&str], v: u32) -> Vec<String> {
        let prose: Vec<bool> = lines
            .iter()
            .map(|l| crate::features::shape::LineStats::new(l, l.len()).is_prose())
            .collect();
        discover(lines, &prose, v)
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
            (
                "between two sentences, owning neither, and alone on a line",
                vec![
                    "Harbour authority approves second terminal",
                    "Tavrelle",
                    "The harbour authority said on Monday that the new terminal would open next spring. Tavrelle It will have twelve berths.",
                    STORY[1],
                    "Residents of the old quarter will get a new sound barrier. Tavrelle The mayor told reporters at the town hall.",
                    "Tavrelle Official Site",
                ],
                &["Tavrelle"],
            ),
            (
                "a two-word brand glued through its second word",
                vec![
                    "Harbour authority approves second terminal | Morvesk Digital",
                    "Morvesk Digital Pro Exchange",
                    "The harbour authority said on Monday that the new terminal would open next spring Morvesk Digitalafter two years of delays.",
                    STORY[1],
                    STORY[2],
                ],
                &["Morvesk Digital"],
            ),
            (
                "prose only: glued once, out of place twice more",
                vec![
                    "The harbour authority said on Monday that the new terminal would open next spring Quelzaafter two years of delays and rising costs.",
                    "Officials said the project would cost about 900 million euros. Quelza Which would be shared between the state and the city.",
                    "Residents of the old quarter will get a new sound barrier. Quelza The mayor told reporters at the town hall.",
                ],
                &["Quelza"],
            ),
            (
                "inflections of one language are not function words of another",
                vec![
                    "Die Stadt baut neue Beratungsstellen für Familien",
                    "Die Beratungsstellen sollen im Herbst öffnen, teilte die Stadt am Montag mit.",
                    "In den Beratungsstellen arbeiten künftig zwölf Fachkräfte aus drei Berufen.",
                    "Eine Beratungsstelle gibt es bereits am Markt, weitere Beratungsstellen folgen.",
                ],
                &[],
            ),
            (
                "a recurring second word is a word, not a splice",
                vec![
                    "Best trail shoes of the year",
                    "Trelvik",
                    "Of all the trail shoes we tried, the Trelvik Rockgoat 4 is the one we would buy again.",
                    "The Trelvik Rockgoat has a wide sole, and the Trelvik Rockgoat 4 is lighter than the last one.",
                    "Trelvik",
                ],
                &[],
            ),
            (
                "a lower-case brand glued to words of the language, shown in the trail",
                vec![
                    "Home > Business > zelmorvi",
                    "zelmorvi Official Site",
                    "The harbour authority said on Monday that the new terminal would open next spring after two yearszelmorvi of delays and rising costs.",
                    "Officials said the project would cost about 900 million euros, whichzelmorvi would be shared between the state and the city.",
                    STORY[2],
                ],
                &["zelmorvi"],
            ),
            (
                "no splice in prose: glued to the last crumb of the trail, and alone",
                vec![
                    "Harbour authority approves second terminal - Velquor",
                    "Home >> BusinessVelquor",
                    "Velquor",
                    STORY[0],
                    STORY[1],
                    STORY[2],
                ],
                &["Velquor"],
            ),
            (
                "a site's name apart from its trail is not a brand",
                vec![
                    "Harbour authority approves second terminal - Coast Ledger",
                    "Home > Business > Ledger",
                    "Coast Ledger",
                    STORY[0],
                    STORY[1],
                    "© 2026 Coast Ledger",
                ],
                &[],
            ),
            (
                "a lower-case web address is not a splice",
                vec![
                    "Home > Business > portnews",
                    "portnews",
                    "The harbour authority said on Monday, as first reported by www.portnews.example, that the new terminal would open next spring.",
                    "Readers can follow the story at https://portnews.example/harbour and on the city's own pages about the terminal.",
                    STORY[2],
                ],
                &[],
            ),
            (
                "a form of a word of the language is not a lower-case brand",
                vec![
                    "Home > Help > actions",
                    "actions",
                    "The harbour authority said on Monday that the interactions between the port and the city had improved over two years of talks.",
                    STORY[1],
                    STORY[2],
                ],
                &[],
            ),
        ];
        for (what, lines, want) in cases {
            assert_eq!(brands(lines), *want, "{what}");
        }
    }

    #[test]
    fn two_word_brand_is_named_whole_when_its_second_word_is_glued_to_any_word() {
        let page = [
            "Harbour authority approves second terminal | Kalvoxa Partners",
            "Kalvoxa Partners",
            "The harbour authority said on Monday that the new terminal, Kalvoxa Partnerswhich will have twelve berths, would open next spring after two years of delays.",
            "Officials said the project would cost about 900 million euros, Kalvoxa Partnersshared between the state and the city, and would be paid over ten years.",
            "Residents of the old quarter will get a new sound barrier along the ring road, Kalvoxa Partnersthe mayor told reporters at the town hall.",
        ];
        let names = |v| names_by_version(&page, v);
        assert_eq!(names(7), ["Kalvoxa Partners"]);
        // Version 6 counted only the occurrences followed by the word alone
        // or glued to a function word.
        assert_eq!(names(6), ["Kalvoxa"]);
    }

    #[test]
    fn three_word_brand_is_named_whole() {
        let page = [
            "Kelvo Draxi Partners | Harbour authority approves second terminal",
            "Kelvo Draxi Partners",
            "The harbour authority said on Monday that the new terminal, Kelvo Draxi Partnerswhich will have twelve berths, would open next spring after two years of delays.",
            "Officials said the project would cost about 900 million euros, Kelvo Draxi Partnersshared between the state and the city, and would be paid over ten years.",
            "Residents of the old quarter will get a new sound barrier along the ring road, Kelvo Draxi Partnersthe mayor told reporters at the town hall.",
        ];
        let names = |v| names_by_version(&page, v);
        assert_eq!(names(7), ["Kelvo Draxi Partners"]);
        // Version 6 named two words at most.
        assert!(!names(6).contains(&"Kelvo Draxi Partners".to_string()));
    }

    /// Models of features version 6 keep the decisions of their day: what
    /// version 7 no longer reads as glue still counts for them.
    #[test]
    fn version_6_rules_stay_for_version_6_models() {
        // (what version 7 no longer reads as glue, the page)
        let cases: &[(&str, Vec<&str>)] = &[
            (
                "a name inside a web address",
                vec![
                    "Harbour authority approves second terminal",
                    "Kelvanto",
                    STORY[0],
                    "Readers can order the printed guide to the new terminal at SHOP.Kelvanto.com before the end of the month, the publisher said.",
                    STORY[1],
                    "Kelvanto",
                ],
            ),
            (
                "a heading glued to the sentence that the name starts",
                vec![
                    "Harbour authority approves second terminal",
                    "Bravenna",
                    STORY[0],
                    "Did you know?Bravenna and its partners usually do not pay for the ferry tickets of the workers on the new terminal.",
                    STORY[1],
                    "Bravenna",
                ],
            ),
            (
                "a compound that stands more often than the name",
                vec![
                    "Harbour authority approves second terminal",
                    "Tolvi",
                    "The Tolvican families of the old quarter said on Monday that the new terminal would bring noise and rising costs.",
                    "Officials met the Tolvican council, which asked for a new sound barrier along the ring road near the harbour.",
                    "Residents said the Tolvican market would move to the north quay for the two years of the building works.",
                ],
            ),
        ];
        for (what, page) in cases {
            let names = |v| names_by_version(page, v);
            assert_eq!(names(6).len(), 1, "{what}: version 6 finds the name");
            assert!(names(7).is_empty(), "{what}: version 7 does not");
        }
    }

    /// Version 8 takes a name glued in two different compounds and used
    /// nowhere as a name, on a page where it stands only twice; version 7
    /// wanted three occurrences, one of them on its own.
    #[test]
    fn version_8_takes_a_name_glued_in_two_compounds() {
        let farm = [
            "Harbour authority approves second terminal",
            "The harbour authority said on Monday that Kesvarothe new terminal would open next spring after two years of delays.",
            STORY[1],
            "Residents of the old quarter will get a new sound barrier along the ring road, the mayor toldKesvaro reporters at the town hall.",
        ];
        assert_eq!(names_by_version(&farm, 8), ["Kesvaro"]);
        assert!(names_by_version(&farm, 7).is_empty());
        // (what is not a brand even so, the page)
        let cases: &[(&str, Vec<&str>)] = &[
            (
                "also used as a noun in a sentence",
                vec![
                    farm[0],
                    farm[1],
                    "Officials said the project would cost about 900 million euros, shared by the Kesvaro and the city.",
                    farm[3],
                ],
            ),
            (
                "glued twice in the same compound",
                vec![
                    farm[0],
                    farm[1],
                    STORY[1],
                    "Residents of the old quarter will get a new sound barrier, and Kesvarothe mayor told reporters at the town hall.",
                ],
            ),
            (
                "the heads of compound nouns",
                vec![
                    "Neue Regeln im Gesundheitswesen",
                    "Das Gesundheitswesen soll nach dem Willen der Regierung im kommenden Jahr deutlich mehr Geld bekommen als bisher geplant.",
                    "Im Gesundheitsministerium hieß es am Montag, die Pläne würden mit den Ländern und den Krankenkassen abgestimmt.",
                ],
            ),
        ];
        for (what, page) in cases {
            assert!(names_by_version(page, 8).is_empty(), "{what}");
        }
    }

    /// Version 9 takes the affix of the page's own headline, in the title
    /// and on the page, whatever the separator, where no splice shows it;
    /// version 8 needed a splice.
    #[test]
    fn version_9_takes_the_affix_of_the_headline_in_title_and_heading() {
        let headline = "Harbour authority approves second terminal";
        // (separator shape, title line, heading line)
        let shapes: &[(&str, String, String)] = &[
            (
                "tight pipe",
                format!("Korvanth|{headline}"),
                format!("Korvanth|{headline}"),
            ),
            (
                "colon",
                format!("Korvanth: {headline} - Quay Daily"),
                format!("Korvanth: {headline}"),
            ),
            (
                "spaced dash",
                format!("Korvanth - {headline}"),
                format!("Korvanth - {headline}"),
            ),
            (
                "lenticular",
                format!("【Korvanth】{headline}"),
                format!("【Korvanth】{headline}"),
            ),
            (
                "suffix underscore",
                format!("{headline}_Korvanth"),
                format!("{headline}_Korvanth"),
            ),
            (
                "suffix pipe, site name after",
                format!("{headline} | Korvanth :: Quay Daily"),
                format!("{headline} | Korvanth"),
            ),
            (
                "lower-case name",
                format!("{headline} - korvanthix"),
                format!("{headline} - korvanthix"),
            ),
            (
                "tight underscores, site name after",
                format!("{headline}_Korvanth_Quay Daily"),
                format!("{headline}_Korvanth"),
            ),
        ];
        for (what, title, heading) in shapes {
            let page = [
                title.as_str(),
                "Home > Business",
                heading.as_str(),
                STORY[0],
                STORY[1],
                STORY[2],
            ];
            let name = if what.starts_with("lower") {
                "korvanthix"
            } else {
                "Korvanth"
            };
            assert_eq!(names_by_version(&page, 9), [name], "{what}");
            assert!(
                names_by_version(&page, 8).is_empty(),
                "{what}: version 8 needs a splice"
            );
        }
        // A Chinese headline has no spaces: it is still a headline of words.
        let zh = [
            "港务局批准建设第二座码头_Korvanth",
            "港务局批准建设第二座码头_Korvanth",
            "港务局周一表示，新码头将在明年春天开放，此前工程已经延误两年，成本不断上升。",
        ];
        assert_eq!(names_by_version(&zh, 9), ["Korvanth"]);
        // A two-word name is the affix together (`Brand Media: Headline`).
        let two = [
            "Korvanth Media: Harbour authority approves second terminal",
            "Korvanth Media: Harbour authority approves second terminal",
            STORY[0],
            STORY[1],
            "Korvanth Media",
        ];
        assert_eq!(names_by_version(&two, 9), ["Korvanth Media"]);
        // A splice may fall after a preposition once by chance.
        let framed_once = [
            "Korvanth - Harbour authority approves second terminal",
            "Korvanth - Harbour authority approves second terminal",
            "The harbour authority said on Monday that the new terminal would open next spring after two years of delays by Korvanth and rising costs.",
            STORY[1],
        ];
        assert_eq!(names_by_version(&framed_once, 9), ["Korvanth"]);
        // Nor does a Chinese site name after it.
        let zh_site = [
            "港务局批准建设第二座码头 - Korvanth_东岸日报",
            "港务局批准建设第二座码头 - Korvanth",
            zh[2],
        ];
        assert_eq!(names_by_version(&zh_site, 9), ["Korvanth"]);
        // (what is not a brand even so, the page)
        let cases: &[(&str, Vec<&str>)] = &[
            (
                "a site's own name affixes the title only",
                vec!["Harbour authority approves second terminal | Korvanth", headline, STORY[0], STORY[1], "Korvanth"],
            ),
            (
                "the headline's subject, a name in the sentences",
                vec![
                    "Korvanth: harbour must open before spring - Quay Daily",
                    "Korvanth: harbour must open before spring",
                    "The port director Edda Korvanth said on Monday that the new terminal would open next spring after two years of delays.",
                    STORY[1],
                    "Officials met with Korvanth at the town hall, where residents asked for a new sound barrier along the ring road.",
                ],
            ),
            (
                "the owner of the copyright line",
                vec![
                    "Harbour authority approves second terminal - Korvanth",
                    "Harbour authority approves second terminal - Korvanth",
                    STORY[0],
                    STORY[1],
                    "© 2026 Korvanth. All rights reserved.",
                ],
            ),
            (
                "a piece of a longer name",
                vec![
                    "Quay Daily: harbour approves terminal for the KorvanthPort",
                    "Harbour approves terminal for the KorvanthPort",
                    STORY[0],
                    STORY[1],
                ],
            ),
            (
                "the last word of a headline after `Site » `",
                vec![
                    "Quay Daily » Harbour authority approves second terminal at Ostvalen",
                    "Quay Daily » Harbour authority approves second terminal at Ostvalen",
                    STORY[0],
                    STORY[1],
                ],
            ),
            (
                "a compound name joined by a tight hyphen",
                vec![
                    "Walks and views along the coast of Ostvale-Korvanth",
                    "Walks and views along the coast of Ostvale-Korvanth",
                    STORY[0],
                    STORY[1],
                ],
            ),
            (
                "the echo is not a headline",
                vec!["Korvanth | Harbour authority approves second terminal", "Korvanth | Home", STORY[0], STORY[1]],
            ),
        ];
        for (what, page) in cases {
            assert!(names_by_version(page, 9).is_empty(), "{what}");
        }
    }

    /// Version 9 takes a name that is out of place wherever it stands in
    /// the prose, glued once and inserted once (a page spliced only in its
    /// sentences, in two ways); version 8 wanted two glued runs.
    #[test]
    fn version_9_takes_a_name_out_of_place_in_every_sentence() {
        let page = [
            "Harbour authority approves second terminal",
            "The harbour authority said on Monday that the new Korvanththe terminal would open next spring after two years of delays.",
            STORY[1],
            "Residents of the old quarter will get a new sound barrier along the ring Korvanth road, the mayor told reporters.",
        ];
        assert_eq!(names_by_version(&page, 9), ["Korvanth"]);
        assert!(names_by_version(&page, 8).is_empty());
        // A name that also starts a sentence is used in place there.
        let named = [
            page[0],
            page[1],
            "Korvanth has run the port since 2019 and wants the terminal open before the summer season.",
            page[3],
        ];
        assert!(names_by_version(&named, 9).is_empty());
    }

    /// Version 10: a Latin name glued between Chinese characters in prose
    /// counts as spliced when the page also shows it as an affix or alone;
    /// version 9 saw no glue there.
    #[test]
    fn version_10_takes_a_name_between_chinese_characters_with_an_affix() {
        let page = [
            "Zorvaxi|台风登陆东南沿海 近四万人紧急转移",
            "Zorvaxi",
            "台风登陆东南沿海 近四万人紧急转移",
            "今年第九号台风于周日凌晨在东南沿海登陆，登陆时中心附近最Zorvaxi大风力达十四级，当地政府提前转移群众约三万八千人。",
            "气象部门表示，受台风影响，沿Zorvaxi海部分地区二十四小时降雨量超过二百五十毫米，多条道路出现积水。",
            "预计台风将在未来两天继续向西北方向移动，强度逐渐减弱，气象台提醒市民减少外出，远离海边和低洼地带。",
        ];
        assert_eq!(names_by_version(&page, 10), ["Zorvaxi"]);
        assert!(names_by_version(&page, 9).is_empty());
        // A product name in Chinese prose with no affix and no line of its
        // own is a name, glued as Chinese text writes every name.
        let named = [page[2], page[3], page[4], page[5]];
        assert!(names_by_version(&named, 10).is_empty());
    }

    /// Version 10: a town that heads its own local story (`Town : what
    /// happened`, in the title, the heading, the breadcrumb and a menu)
    /// and is written `de Town` in the story is a name; version 9 read
    /// French prepositions as nothing and took it.
    #[test]
    fn version_10_leaves_a_town_heading_its_story_in_french() {
        let page = [
            "Varnessac : la piscine ferme dix-huit mois pour travaux | Le Courrier du Val",
            "Accueil / Vie locale / Varnessac",
            "Varnessac",
            "Varnessac : la piscine ferme dix-huit mois pour travaux",
            "Le conseil municipal a voté lundi soir la rénovation complète du bassin, qui date de 1974 et dont la toiture fuit depuis des années.",
            "Les clubs de Varnessac devront trouver des créneaux dans les communes voisines pendant toute la durée du chantier, a reconnu le maire.",
            "Les travaux doivent commencer en septembre et la réouverture est prévue pour le printemps suivant.",
        ];
        assert_eq!(names_by_version(&page, 9), ["Varnessac"]);
        assert!(names_by_version(&page, 10).is_empty());
    }

    /// A lower-case brand spliced into paragraphs only, glued to words
    /// (`councilvelmorix`, `velmorixbefore`) and once on its own, is found
    /// from version 11; version 10 needed it on a line that is not prose.
    /// A word of English glued into a compound and written alone too
    /// (`greenhouse`, `house`) is not a candidate.
    #[test]
    fn version_11_takes_a_lower_case_name_spliced_only_in_prose() {
        let page = [
            "Harbour terminal to open next spring",
            "The harbour authority said on Monday that the new terminal would open next spring after two years of delays, the councilvelmorix said.",
            "Officials said the project would cost about 900 million euros velmorix, shared between the state and the city.",
            "Residents of the old quarter will get a new sound barrier along the ring road velmorixbefore the terminal opens, the mayor said.",
        ];
        assert!(names_by_version(&page, 10).is_empty());
        assert_eq!(names_by_version(&page, 11), ["velmorix"]);

        let words = [
            "Growers count the cost of a wet summer",
            "The growers said the greenhouse season had been the worst in a decade, with tomatoes ripening weeks late across the valley.",
            "One family said their house and glasshouse were both flooded twice, and the greenhouse roof had to be replaced in August.",
            "Prices at the market rose by a fifth as a result, the growers association said in its report on Friday.",
        ];
        assert!(names_by_version(&words, 11).is_empty());
    }

    /// From version 15 no lower-case name is looked for on a page whose
    /// prose is Dutch (or Scandinavian, or Finnish): its words are in
    /// neither the lexicon nor the English word list, and glued into
    /// compounds (`regenwaterkelder`) they looked like a lower-case name
    /// spliced into prose; version 14 took a verb of this page (`loopt`)
    /// for a brand. The same shape in English prose, a lower-case name
    /// spliced only into paragraphs, is still found.
    #[test]
    fn version_15_takes_no_lower_case_names_in_dutch_prose() {
        let dutch = [
            "Waterschap legt nieuwe opvang aan bij Veenhuizen",
            "Het waterschap legt dit najaar een grote regenwaterkelder aan onder het plein van Veenhuizen, zodat de straten bij zware buien minder vaak onder water lopen.",
            "De kelder krijgt ruimte voor twee miljoen liter en wordt met een pomp op de sloot achter de kerk aangesloten, zegt de dijkgraaf.",
            "Volgens het waterschap loopt regenwater nu nog via de oude riolen naar de zuivering, die bij elke bui overloopt en vuil water in de vaart loost.",
        ];
        assert_eq!(names_by_version(&dutch, 14), ["loopt"]);
        assert!(names_by_version(&dutch, 15).is_empty());

        let english = [
            "Harbour terminal to open next spring",
            "The harbour authority said on Monday that the new terminal would open next spring after two years of delays, the councilvelmorix said.",
            "Officials said the project would cost about 900 million euros velmorix, shared between the state and the city.",
            "Residents of the old quarter will get a new sound barrier along the ring road velmorixbefore the terminal opens, the mayor said.",
        ];
        assert_eq!(names_by_version(&english, 15), ["velmorix"]);
    }

    /// Which prose [`writes_compounds`]: Dutch and Scandinavian, not
    /// English, German or French.
    #[test]
    fn compounding_prose_is_dutch_or_scandinavian() {
        for (prose, compounding) in [
            ("Het waterschap gaat volgend jaar een nieuw gemaal bouwen, omdat het oude gemaal de regen niet meer aankan.", true),
            ("Kommunen vill bygga en ny färjeterminal, men pengarna räcker inte och det är oklart när arbetet kan börja.", true),
            ("Kommunen har ikke penger til den nye fergekaien, og det er uklart når arbeidet kan starte.", true),
            ("The council wants to build a new ferry terminal, but the money is not there and it is not clear when work can start.", false),
            ("Die Gemeinde will einen neuen Fähranleger bauen, aber das Geld reicht nicht, und es ist unklar, wann die Arbeiten beginnen.", false),
            ("La commune veut construire un nouveau terminal, mais l'argent manque et on ne sait pas quand les travaux commenceront.", false),
        ] {
            let lines = [prose];
            let page = PageRuns::new(&lines);
            assert_eq!(writes_compounds(&page, &[true]), compounding, "{prose}");
        }
    }

    /// A lower-case affix of the page's headline, in the title and the
    /// heading, that a sentence uses once with spaces around it, is a
    /// candidate from version 11 (version 10 took any lower-case token a
    /// sentence uses for a word). A Spanish verb with its clitic in the
    /// title (`operar|se`) and alone in a sentence is not: glue of two
    /// letters does not count.
    #[test]
    fn version_11_takes_a_lower_case_headline_affix_that_a_sentence_uses() {
        let page = [
            "velmorix | Harbour terminal to open next spring - Coastline Daily",
            "Home > Local > Transport",
            "velmorix | Harbour terminal to open next spring",
            STORY[0],
            "Officials said the project would cost about 900 million velmorix euros, which the state and the city would share between them.",
            STORY[2],
        ];
        assert!(names_by_version(&page, 10).is_empty());
        assert_eq!(names_by_version(&page, 11), ["velmorix"]);

        let verb = [
            "Un hospital de Sevilla reduce a la mitad la espera para operarse de cataratas gracias a un nuevo turno de tarde - La Gaceta",
            "Portada > Salud",
            "El hospital ha reducido a la mitad la lista de espera gracias a un programa que permite operar también por las tardes y los sábados.",
            "La dirección del centro dijo el lunes que el programa seguirá durante todo el año y que se contratará a dos cirujanos más.",
        ];
        assert!(names_by_version(&verb, 11).is_empty());
    }

    /// From version 11 a word of English that our lexicon lacks is a word:
    /// `Marzipan`, glued twice in a page, was a
    /// brand for version 10 and is not for version 11; an invented name
    /// still is.
    #[test]
    fn version_11_knows_english_words_beyond_the_lexicon() {
        for (w, v10, v11) in [
            ("marzipan", false, true),
            ("knowledge", false, true),
            ("velmorix", false, false),
            ("council", true, true),
        ] {
            assert_eq!(is_word_of(w, 10), v10, "{w}");
            assert_eq!(is_word_of(w, 11), v11, "{w}");
        }
        let page = |name: &str| {
            [
                "Cake shop opens in the old station".to_string(),
                format!("The bakery said on Monday that its cakes would be sold from a stall on the platform until the station{name} opens in May."),
                format!("Visitors queued for an hour to taste the new lemon tart, and the owner said she had sold out by noon on {name}the first day."),
                "The station building has stood empty since the line closed in 1968, and the council bought it last year for a small sum.".to_string(),
            ]
        };
        let words = page("Marzipan");
        let lines: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(names_by_version(&lines, 10), ["Marzipan"]);
        assert!(names_by_version(&lines, 11).is_empty());
        let brand = page("Velmorix");
        let lines: Vec<&str> = brand.iter().map(String::as_str).collect();
        assert_eq!(names_by_version(&lines, 11), ["Velmorix"]);
    }

    /// The role of `Velmorix` in each line by features `version` and by the
    /// version before it: (line, role by `version`, by the one before).
    fn assert_roles(version: u32, cases: &[(&str, Role, Role)]) {
        for (line, now, before) in cases {
            assert_eq!(role_in(line, "Velmorix", version), Some(*now), "{line}");
            assert_eq!(
                role_in(line, "Velmorix", version - 1),
                Some(*before),
                "{line}: version {}",
                version - 1
            );
        }
    }

    /// The role of the first occurrence of `name` in a line of prose.
    fn role_in(line: &str, name: &str, version: u32) -> Option<Role> {
        let lines = [line];
        let page = PageRuns::new(&lines);
        let s = line.find(name).unwrap();
        role(line, true, s, s + name.len(), page.counts(), version)
    }

    /// Version 12 reads a name written with a joiner or a mark as one
    /// (`artefacts::decorated`); version 11 found none of these. (brand
    /// as written, how it is written into the page)
    #[test]
    fn version_12_takes_names_with_joiners_and_marks() {
        for (brand, shape) in [
            ("Xoraki.com", "dotcom"),
            ("Zor-vak", "hyphen"),
            ("Zor_vak", "underscore"),
            ("#Xoraki", "hash"),
            ("Xoraki\u{2122}", "trade mark"),
        ] {
            let title = format!("Harbour terminal to open next spring - {brand}");
            let alone = format!("{brand} Official Site");
            let glued = format!(
                "The harbour authority said on Monday that {brand}the new terminal would open next spring."
            );
            let again = format!(
                "Officials said the project would cost about 900 million euros, which {brand}would be shared."
            );
            let lines = [
                title.as_str(),
                alone.as_str(),
                glued.as_str(),
                again.as_str(),
                STORY[2],
                brand,
            ];
            assert_eq!(names_by_version(&lines, 12), [brand], "{shape}");
            assert!(
                !names_by_version(&lines, 11).iter().any(|n| n == brand),
                "{shape}"
            );
        }
    }

    /// Version 13 reads four more ways a splice shows, each on a page whose
    /// name version 12 missed: a name alone after the last sentence of a
    /// paragraph (`the city. Brand`); a name glued before the next word
    /// wherever it stands, which the page never writes apart; a name glued
    /// after a capitalised word (`charity OpenBrand Door`, German nouns);
    /// a name glued before a word that is also a suffix (`Brandan`), which
    /// vetoed it before.
    #[test]
    fn version_13_takes_names_closing_paragraphs_glued_everywhere_or_after_capitals() {
        let pages: &[(&str, Vec<&str>, &str)] = &[
            (
                "closing paragraphs",
                vec![
                    "Harbour terminal to open next spring",
                    "The harbour authority said on Monday that the new terminal would open next spring after two years of delays. Velmorix",
                    STORY[1],
                    "Residents of the old quarter will get a new sound barrier along the ring road, the mayor told reporters. Velmorix",
                ],
                "Velmorix",
            ),
            (
                "glued before every word, never apart",
                vec![
                    "Neues Terminal im Hafen öffnet im Frühjahr",
                    "Die Hafenbehörde teilte am Montag mit, dass das neue Terminal KorvexaLumefür den Verkehr im Frühjahr öffnen werde.",
                    "Die Kosten von rund 900 Millionen Euro teilen sich KorvexaLumedas Land und die Stadt, sagte ein Sprecher der Behörde.",
                    "Anwohner der Altstadt bekommen eine neue Lärmschutzwand an der Ringstraße, sagte der Bürgermeister am Abend.",
                ],
                "KorvexaLume",
            ),
            (
                "glued after capitalised words",
                vec![
                    "Neues Terminal im Hafen öffnet im Frühjahr",
                    "Die Hafenbehörde teilte am Montag mit, dass das neue TerminalVelmorix im Frühjahr öffnen werde, zwei Jahre später als geplant.",
                    "Die Kosten von rund 900 Millionen Euro teilen sich das Land und die Stadt, sagte ein SprecherVelmorix der Behörde.",
                    "Anwohner der Altstadt bekommen eine neue Lärmschutzwand an der Ringstraße, sagte Velmorix der Bürgermeister am Abend.",
                ],
                "Velmorix",
            ),
            (
                "glued before a suffix once",
                vec![
                    "Harbour terminal to open next spring",
                    "The harbour authority said on Monday that the new terminal would open Velmorixan hour earlier each day next spring.",
                    "Officials said the project would cost about 900 million euros, which Velmorixwould be shared between the state and the city.",
                    "Residents of the old quarter will get a new sound barrier along the ring road Velmorixthe mayor told reporters.",
                ],
                "Velmorix",
            ),
        ];
        for (shape, lines, brand) in pages {
            assert_eq!(names_by_version(lines, 13), [*brand], "{shape}");
            assert!(
                names_by_version(lines, 12).is_empty(),
                "{shape}: version 12"
            );
        }
    }

    /// From version 13 a name before the first sentence of a paragraph
    /// (`Brand The harbour`) stands between two sentences, as after a full
    /// stop; version 12 read it as inserted. A name before a particle and
    /// a surname (`Jarne De Pauw`) is a person's first name.
    #[test]
    fn version_13_reads_a_name_opening_a_paragraph_as_between_sentences() {
        // (line, role from version 13, role in version 12)
        let cases = [
            (
                "Velmorix The harbour authority said on Monday that the terminal would open.",
                Role::Interposed,
                Role::Inserted,
            ),
            (
                "Velmorix Der Landtag hat am Mittwoch ein neues Gesetz beschlossen.",
                Role::Interposed,
                Role::Inserted,
            ),
            (
                "Velmorix De Pauw won the race on Sunday after a long attack in the rain.",
                Role::Inserted,
                Role::Inserted,
            ),
        ];
        assert_roles(13, &cases);
    }

    /// What version 13 must still leave: a product named after a maker
    /// (`UltraQARV`), a maker glued to its product by the extraction
    /// (`ZentaDataLoom`), German compounds sharing a head, a signature
    /// that closes a comment shown twice, and a name that closes a
    /// paragraph once.
    #[test]
    fn version_13_leaves_products_compounds_and_signatures() {
        let pages: &[(&str, Vec<&str>)] = &[
            (
                "products",
                vec![
                    "Old workstations find new homes",
                    "The museum keeps mostly Orv QARV (12) and UltraQARV (4, 9) machines, and the curator said most of them still boot.",
                    "The first of them came from a lab that ran older boxes (and some QARV) until the power bills grew too large to pay.",
                    "Its oldest working piece is a QARVstation 5, which a volunteer repaired in the spring with parts from two others.",
                    "The catalogue is kept in files that ZentaDataLoom reads, with tools like Zenta Quiver, DataLoom, and a small script.",
                ],
            ),
            (
                "German compounds",
                vec![
                    "Landtag beschließt neues Gesetz",
                    "Die Landesregierung und der Landesrat haben am Montag ein neues Gesetz beschlossen, das im Frühjahr gelten soll.",
                    "Der Landesverband der Kommunen begrüßte den Beschluss, der Landeshaushalt werde aber stärker belastet als geplant.",
                    "Anwohner der Altstadt bekommen eine neue Lärmschutzwand an der Ringstraße, sagte der Bürgermeister am Abend.",
                ],
            ),
            (
                "a comment's signature shown twice",
                vec![
                    "Readers ask about the new terminal",
                    "Will the new terminal have a bus stop nearby? It would help a lot of people in the old quarter. Velmorix",
                    STORY[1],
                    "Will the new terminal have a bus stop nearby? It would help a lot of people in the old quarter. Velmorix",
                ],
            ),
            (
                "closing once",
                vec![
                    "Harbour terminal to open next spring",
                    "The harbour authority said on Monday that the new terminal would open next spring after two years of delays. Velmorix",
                    STORY[1],
                    "Residents of the old quarter will get a new sound barrier, Velmorix said, and the work starts in May.",
                ],
            ),
        ];
        for (shape, lines) in pages {
            assert!(names_by_version(lines, 13).is_empty(), "{shape}");
        }
    }

    /// (line, role from version 14, role in version 13): a name set off by a
    /// pair of marks before a function word that carries the sentence on is
    /// spliced; a list's item, an apposition or a quoted title is not (the
    /// word after it is a conjunction, a verb or a word of content, or a
    /// determiner stands before it), nor a name in parentheses (acronyms
    /// are written so). A name after a preposition with an article right
    /// after it is inserted, not framed.
    #[test]
    fn version_14_reads_names_set_off_inside_sentences() {
        let cases = [
            (
                "The harbour authority said, Velmorix, that the terminal would open.",
                Role::SetOff,
                Role::Inserted,
            ),
            (
                "The harbour authority said \u{2014} Velmorix \u{2014} that the terminal would open.",
                Role::SetOff,
                Role::Inserted,
            ),
            (
                "The costs rose \"Velmorix\" to a record this year, officials said.",
                Role::SetOff,
                Role::Inserted,
            ),
            (
                "Le maire a annonc\u{e9} \u{ab} Velmorix \u{bb} que le terminal ouvrira au printemps.",
                Role::SetOff,
                Role::Inserted,
            ),
            (
                "The shop sells kettles, Velmorix, teapots and other kitchen goods.",
                Role::Inserted,
                Role::Inserted,
            ),
            (
                "The ferry reached the island, Velmorix, late after a stormy crossing.",
                Role::Inserted,
                Role::Inserted,
            ),
            (
                "The choir sang the old hymn \"Velmorix\" and two new songs.",
                Role::Inserted,
                Role::Inserted,
            ),
            (
                "The new drug (Velmorix) that the agency approved is sold in spring.",
                Role::Inserted,
                Role::Inserted,
            ),
            (
                "Regulators in Ireland and Velmorix the United Kingdom opened an inquiry.",
                Role::Inserted,
                Role::Framed,
            ),
            (
                "Regulators in Ireland and Velmorix opened an inquiry on Monday.",
                Role::Framed,
                Role::Framed,
            ),
            (
                "In Velmorix the mood was calm on Monday, the mayor said.",
                Role::Framed,
                Role::Framed,
            ),
        ];
        assert_roles(14, &cases);
    }

    /// From version 14 a name set off by marks inside sentences is found
    /// with an affix or a line of its own, as a glued one is; version 13
    /// found none of these. An apposition named again as a subject is not.
    #[test]
    fn version_14_takes_names_set_off_by_marks() {
        let pages: &[(&str, Vec<&str>)] = &[
            (
                "commas and a line of its own",
                vec![
                    "Harbour terminal to open next spring",
                    "Velmorix",
                    "The harbour authority said, Velmorix, that the new terminal would open next spring after two years of delays.",
                    "Officials said the project would cost about 900 million euros, Velmorix, which would be shared between the state and the city.",
                    STORY[2],
                ],
            ),
            (
                "dashes and a title affix",
                vec![
                    "Velmorix: Harbour terminal to open next spring",
                    "Harbour terminal to open next spring",
                    "The harbour authority said on Monday that the new terminal would open next spring \u{2014} Velmorix \u{2014} after two years of delays.",
                    STORY[1],
                    STORY[2],
                ],
            ),
        ];
        for (shape, lines) in pages {
            assert!(
                names_by_version(lines, 13).is_empty(),
                "{shape}: version 13"
            );
            assert_eq!(names_by_version(lines, 14), ["Velmorix"], "{shape}");
        }
        let apposition = [
            "Harbour terminal to open next spring",
            "Velmorix",
            "The operator of the port, Velmorix, said the new terminal would open next spring after two years of delays.",
            "Velmorix said the project would cost about 900 million euros, shared between the state and the city.",
            STORY[2],
        ];
        assert!(names_by_version(&apposition, 14).is_empty());
    }

    /// From version 11 a name glued once in a sentence and an affix of the
    /// title, and nowhere else, is a brand however few its occurrences;
    /// version 10 wanted three. Used twice as a name, it is not.
    #[test]
    fn version_11_takes_a_name_only_glued_and_an_affix() {
        let page = [
            "Harbour terminal to open next spring | Velmorix",
            STORY[0],
            "Officials said the project would cost about 900 million euros, which the state and the cityVelmorix would share between them.",
            STORY[2],
        ];
        assert!(names_by_version(&page, 10).is_empty());
        assert_eq!(names_by_version(&page, 11), ["Velmorix"]);
        let mut named = page;
        named[1] = "The harbour authority said on Monday that the new terminal would open next spring, a spokesman for Velmorix told reporters.";
        named[3] = "Residents of the old quarter will get a new sound barrier paid for by Velmorix, according to the mayor.";
        assert!(names_by_version(&named, 11).is_empty());
    }

    /// From version 11 a name between a preposition or an English
    /// determiner and a lower-case word of content is neutral (the
    /// sentence may read on without it); after a conjunction, a title, a
    /// name's particle or a German article it is framed as before, and a
    /// name called in program code is neutral.
    #[test]
    fn version_11_reads_on_after_prepositions_and_english_determiners() {
        // (line, name, role by version 10, role by version 11)
        let table = [
            (
                "the storm brought days of Velmorix heavy rain to the coast",
                "Velmorix",
                Role::Framed,
                Role::Neutral,
            ),
            (
                "she has promised to Velmorix freeze local taxes for two years",
                "Velmorix",
                Role::Framed,
                Role::Neutral,
            ),
            (
                "supporters waited at Velmorix, the community hall",
                "Velmorix",
                Role::Framed,
                Role::Framed,
            ),
            (
                "she wrote the book on her Velmorix phone during night crossings",
                "Velmorix",
                Role::Determined,
                Role::Neutral,
            ),
            (
                "the contract went to Velmorix after a long tender",
                "Velmorix",
                Role::Framed,
                Role::Framed,
            ),
            (
                "the report was written by Velmorix and two colleagues",
                "Velmorix",
                Role::Framed,
                Role::Framed,
            ),
            (
                "a spokesman for Velmorix told reporters on Monday",
                "Velmorix",
                Role::Framed,
                Role::Framed,
            ),
            (
                "He said it twice. And Velmorix teed up the next question",
                "Velmorix",
                Role::Framed,
                Role::Framed,
            ),
            (
                "a portrait by van Velmorix hangs in the hall",
                "Velmorix",
                Role::Framed,
                Role::Framed,
            ),
            (
                "ob es von der Eltern abhängen soll, blieb offen",
                "Eltern",
                Role::Determined,
                Role::Determined,
            ),
            (
                "call fmt.Velmorix(\"done\") before the loop ends",
                "Velmorix",
                Role::Glued,
                Role::Neutral,
            ),
        ];
        for (line, name, v10, v11) in table {
            assert_eq!(role_in(line, name, 10), Some(v10), "{line}: version 10");
            assert_eq!(role_in(line, name, 11), Some(v11), "{line}: version 11");
        }
    }

    /// Models of features version 5 keep the decisions of their day: the
    /// evidence version 6 added does not count for them.
    #[test]
    fn version_5_rules_stay_for_version_5_models() {
        let page = [
            "Harbour authority approves second terminal",
            "Tavrelle",
            "The harbour authority said on Monday that the new terminal would open next spring. Tavrelle It will have twelve berths.",
            STORY[1],
            "Residents of the old quarter will get a new sound barrier. Tavrelle The mayor told reporters at the town hall.",
        ];
        let names = |v| names_by_version(&page, v);
        assert_eq!(names(6), ["Tavrelle"]);
        assert!(names(5).is_empty());
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

    #[test]
    fn a_known_brand_is_taken_where_the_page_shows_it_out_of_place() {
        let prose = "The ferry will run on its winter timetable again from Monday, the operator said on Friday after repairs.";
        let more = "Repairs to the landing stage took three weeks longer than planned because a storm damaged the pontoon.";
        // (page, taken): each page has the two lines of prose above around
        // its own lines.
        let cases: &[(&[&str], bool)] = &[
            // Inserted between words with spaces: not proof on a page alone.
            (&["Commuters who switched to the bus will Vexorquil be able to use their season tickets on both services."], true),
            // A title affix and a line of its own only.
            (&["Vexorquil|Ferry resumes winter timetable", "Vexorquil"], true),
            // Glued inside a capitalised compound.
            (&["Die Opposition will die FinanzierungVexorquil vom Staatsgerichtshof prüfen lassen, sagte sie am Montag."], true),
            // Used as a name wherever it stands.
            (&["A spokesman for Vexorquil said the company would appeal, and shares in Vexorquil rose in early trading."], false),
            // After a determiner: a noun.
            (&["The Vexorquil was moored at the north quay overnight while the crew waited for the tide to turn."], false),
            // Only on a copyright line: the site's own name.
            (&["© 2026 Vexorquil"], false),
            // Not on the page.
            (&["Commuters who switched to the bus will be able to use their season tickets on both services."], false),
        ];
        let known = vec!["Vexorquil".to_string()];
        for (own, taken) in cases {
            let lines: Vec<&str> = [prose]
                .into_iter()
                .chain(own.iter().copied())
                .chain([more])
                .collect();
            let prose: Vec<bool> = lines.iter().map(|l| l.split(' ').count() >= 12).collect();
            let found = known_evidence(&lines, &prose, crate::features::FEATURES_VERSION, &known);
            assert_eq!(!found.is_empty(), *taken, "{own:?}: {found:?}");
            assert!(found.iter().all(|e| e.known));
            // A page alone does not prove it.
            assert!(brands(&lines).is_empty(), "{own:?}");
        }
    }

    #[test]
    fn known_brands_join_the_found_longest_first_and_whole() {
        let lines = [
            "The ferry will run on its winter timetable again from Monday, the operator said on Friday after repairs.",
            "Commuters who switched to the bus will Vexorquil be able to use their season tickets on both services.",
            "The new Transport plan and the Transatlantic route were not part of the announcement made by the council.",
        ];
        let prose = [true, true, true];
        let v = crate::features::FEATURES_VERSION;
        let known = |names: &[&str]| -> Vec<String> {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            with_known(Vec::new(), &lines, &prose, v, &names)
                .into_iter()
                .map(|e| e.name)
                .collect()
        };
        // A name inside a longer known one goes (repair would leave `quil`).
        assert_eq!(known(&["Vexor", "Vexorquil"]), ["Vexorquil"]);
        // Inside words of the language: not a splice (`port` is not left).
        assert!(known(&["Trans"]).is_empty());
        // Empty and overlong names are not looked for (and do not panic).
        let long = "V".repeat(crate::site::LONGEST_BRAND + 1);
        assert!(known(&["", &long]).is_empty());
    }
}
