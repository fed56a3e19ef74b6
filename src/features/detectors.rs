//! Named detectors for the artefacts of scraped pages.
//!
//! Each detector looks at one line (its text, its lower-cased text and its
//! [`LineStats`]) and says yes or no. They are features, not verdicts: the
//! model learns how much each one counts, and the context features tell a
//! line which detectors fired on its neighbours.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;

use super::shape::LineStats;

/// A set of detectors that fired, as bits.
pub type Fired = u32;

macro_rules! detectors {
    ($($(#[$doc:meta])* $name:ident = $bit:expr, $label:expr;)*) => {
        $($(#[$doc])* pub const $name: Fired = 1 << $bit;)*
        /// Every detector with its name, in bit order.
        pub const ALL: &[(Fired, &str)] = &[$(($name, $label)),*];
    };
}

detectors! {
    /// `Home > Finance`, `Home » World`, `Current:Home > Finance`.
    BREADCRUMB = 0, "breadcrumb";
    /// A short line that is mostly a date or time, or `Updated ...`.
    DATETIME = 1, "datetime";
    /// `veryGood! (479)`, `Like (23)`, `Views: 1,234`, `👍 12`, `12 comments`.
    COUNTER = 2, "counter";
    /// `Related`, `Ranking`, `Most Popular`, ...: a header that opens a list of other stories.
    SECTION_HEADER = 3, "section_header";
    /// A short line of capitalised words naming a site or brand (`SafeX Pro Exchange View`).
    BRAND_LINE = 4, "brand_line";
    /// A title with a glued prefix or suffix: `Brand|Headline`, `Headline - Site`.
    GLUED_TITLE = 5, "glued_title";
    /// Cookie, newsletter, subscribe, sign-in and app prompts.
    PROMPT = 6, "prompt";
    /// Copyright and footer lines.
    FOOTER = 7, "footer";
    /// Share buttons: `Share`, `Tweet`, `Email`, `Print`, `Facebook`.
    SHARE = 8, "share";
    /// `Advertisement`, `Sponsored`.
    AD = 9, "ad";
    /// `By Jane Doe`.
    BYLINE = 10, "byline";
    /// A run of capitalised menu words without punctuation: `Home News Sport Business`.
    MENU = 11, "menu";
    /// Words glued without a space: `HomeNewsSport`, `FinanceAlgosensey`.
    CAMEL_GLUED = 12, "camel_glued";
    /// `Read more`, `Continue reading`, `Click here`.
    READ_MORE = 13, "read_more";
    /// `Next`, `Previous`, `Page 2 of 5`, `1 2 3 4`.
    PAGINATION = 14, "pagination";
    /// Comment furniture: `Reply`, `Report abuse`, `Leave a comment`.
    COMMENT = 15, "comment";
    /// Photo credits: `Photo: ...`, `(Getty Images)`.
    PHOTO_CREDIT = 16, "photo_credit";
    /// A URL or an e-mail address.
    URL = 17, "url";
    /// No letter and no digit.
    PUNCT_ONLY = 18, "punct_only";
    /// A field label: `Date:`, `Source:`, `Tags:`, `Author:`.
    FIELD = 19, "field";
    /// A short line ending in `:` or starting with a bullet (list furniture).
    LIST_MARK = 20, "list_mark";
    /// An author's bio after the article: `Name is a freelance writer ...`,
    /// `Name writes about ...` (from features version 16).
    BIO = 21, "bio";
}

/// The detectors that mark page furniture (not the article's text): a
/// short line on which one fired keeps its own score where the smoothing
/// would pull it into the article (version 3 of the article step). Not
/// here: a glued title, camel-glued words, a URL, punctuation alone and
/// list marks, which article lines also show.
pub const FURNITURE: Fired = BREADCRUMB
    | DATETIME
    | COUNTER
    | SECTION_HEADER
    | BRAND_LINE
    | PROMPT
    | FOOTER
    | SHARE
    | AD
    | BYLINE
    | MENU
    | READ_MORE
    | PAGINATION
    | COMMENT
    | PHOTO_CREDIT
    | FIELD;

/// Runs every detector on a line, as features version 2 to 8 did.
pub fn detect(text: &str, lower: &str, s: &LineStats) -> Fired {
    detect_only(text, lower, s, !0)
}

/// Runs every detector on a line as features `version` does: what a
/// version added fires only for that version and later ones, so older
/// models keep the features they were trained with.
///
/// | version | added |
/// |---|---|
/// | 2 | every detector of [`ALL`], English first, some German, French and Spanish words |
/// | 9 | dates, relative times and update notes in German, French, Spanish, Italian, Portuguese and Dutch (`17 de diciembre de 2025`, `vor 10 Stunden`, `Mis à jour le ...`) and Chinese (`3小时前`); agency credit lines (`Con información de ...`, `Ein Artikel von ...`) as bylines; field labels in those languages (`Fuente:`, `Quelle:`) |
/// | 10 | section headers, share bars, prompts, footers, ad markers, read-more links and comment furniture in German, French, Spanish, Italian, Portuguese, Dutch, Chinese and Japanese (`Mehr zum Thema`, `Partager`, `Suscríbete`, `Tutti i diritti riservati`, `Lees ook`, `相关阅读`, `返信`) |
/// | 14 | counters in those languages (`784-mal geteilt`, `39 partages`, `25 réactions`, `12 comentarios`, `阅读 1234`); an ad marker with a colon before its pitch, at any length up to 25 words (`Sponsored: ...`, `Ad: ...`, `Anuncio: ...`, `Gesponsert: ...`), and `Scroll to continue with content`; credit lines (`Reporting by ...; Editing by ...`), a name and a reporter's title (`Antoine Lefèvre, journaliste`) and Chinese credit lines (`记者 陈晓燕`) as bylines; Chinese source labels (`来源：...`) as fields |
/// | 16 | the author's bio ([`BIO`]: a name of two or three capitalised words, then `is a` and a writer's or expert's role within a few words, `Name is a freelance writer and ...`, `Name is the founder of ...`, or `writes about`, `writes for`, `has written for`, `has over 10 years`; `He is a` or `She is a` and a role; English only); breadcrumbs of other languages and forms: a trail that starts with a home page's name in any of those languages (`Startseite > Politik`, `Portada>Salud`, `首页 » 体育`), a `you are here` label of those languages (`Sie sind hier:`, `Vous êtes ici :`, `Estás en:`, `当前位置：`), a label of a position (`Location:`, `Position :`, `Ubicación:`) before a trail, and a short trail of two parts around ` » ` or ` › ` (`Sport › Football`) |
pub fn detect_version(text: &str, lower: &str, s: &LineStats, version: u32) -> Fired {
    let (mut f, gates) = detect_gated(text, lower, s, !0, version);
    if version >= 9 {
        let (t, l) = (text.trim(), lower.trim());
        f |= detect_added_in_9(t, l, s, f, gates);
        if version >= 14 {
            f |= detect_added_in_14(t, l, s, f);
        }
        if version >= 16 {
            if f & BREADCRUMB == 0 && is_breadcrumb_v16(t, l, s) {
                f |= BREADCRUMB;
            }
            if is_bio(t, s) {
                f |= BIO;
            }
        }
    }
    f
}

/// The detectors' additions of features version 14 (see [`detect_version`])
/// to what the older ones fired (`fired`).
fn detect_added_in_14(t: &str, l: &str, s: &LineStats, fired: Fired) -> Fired {
    let mut f = fired;
    if f & COUNTER == 0
        && s.words <= 6
        && s.digits > 0
        && (l.starts_with(|c: char| c.is_ascii_digit())
            || l.starts_with(['阅', '浏', '评', '点', '分']))
        && COUNTER_V14_RE.is_match(l)
    {
        f |= COUNTER;
    }
    if f & AD == 0 && s.words <= 25 && is_ad_label(l) {
        f |= AD;
    }
    if f & BYLINE == 0 && s.words <= 16 && is_credit_v14(t, l) {
        f |= BYLINE;
    }
    // A Chinese source label (`来源：...`) is a field, as `Quelle:` and
    // `Fuente:` are from version 9.
    if f & FIELD == 0
        && s.words <= 16
        && ["来源", "稿件来源", "图片来源", "消息来源"]
            .iter()
            .any(|w| {
                t.strip_prefix(w)
                    .is_some_and(|r| r.trim_start().starts_with([':', '：']))
            })
    {
        f |= FIELD;
    }
    f
}

/// Credit lines of features version 14 (`t` as written, `l` lower case):
/// who reported and edited (`Reporting by Peter Ng; Editing by ...`), a
/// name of one to four capitalised words and a reporter's title
/// (`Antoine Lefèvre, journaliste`), and Chinese credit lines (`记者
/// 陈晓燕`, `责任编辑：吴梦溪`). Written out, not as a regex: the
/// Unicode classes such a regex needs cost more to build than every line
/// of a page costs to scan.
fn is_credit_v14(t: &str, l: &str) -> bool {
    const CREDITS: [&str; 4] = [
        "reporting by ",
        "writing by ",
        "editing by ",
        "additional reporting by ",
    ];
    const TITLES: [&str; 14] = [
        "journaliste",
        "periodista",
        "giornalista",
        "jornalista",
        "redakteur",
        "redakteurin",
        "reporter",
        "reporterin",
        "correspondant",
        "correspondante",
        "corresponsal",
        "corrispondente",
        "correspondente",
        "verslaggever",
    ];
    const LABELS: [&str; 10] = [
        "记者",
        "通讯员",
        "实习记者",
        "特约记者",
        "编辑",
        "责任编辑",
        "责编",
        "作者",
        "摄影",
        "实习生",
    ];
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    // (lower-casing keeps the length of these ASCII prefixes)
    if let Some(p) = CREDITS
        .iter()
        .find(|p| l.starts_with(['r', 'w', 'e', 'a']) && l.starts_with(**p))
    {
        return t.get(p.len()..).is_some_and(capital);
    }
    if TITLES.iter().any(|w| l.ends_with(w)) {
        return t.rsplit_once(',').is_some_and(|(name, title)| {
            TITLES.iter().any(|w| title.trim().eq_ignore_ascii_case(w))
                && (1..=4).contains(&name.split_whitespace().count())
                && name.split_whitespace().all(capital)
        });
    }
    // Every label is Chinese: a line that starts in ASCII has none.
    !t.starts_with(|c: char| c.is_ascii())
        && LABELS.iter().any(|label| {
            t.strip_prefix(label).is_some_and(|rest| {
                let after_colon = rest.trim_start().strip_prefix([':', '：']);
                after_colon.is_some_and(|r| !r.trim().is_empty())
                    || (rest.starts_with(char::is_whitespace)
                        && rest
                            .split_whitespace()
                            .all(|w| (2..=4).contains(&w.chars().count())))
            })
        })
}

/// Counters of features version 14: a number and what was counted, in
/// German, French, Spanish, Italian, Portuguese, Dutch and Chinese.
static COUNTER_V14_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^[0-9][0-9.,\x20]*[km]?\x20?-?\x20?
        (?:mal\x20geteilt|mal\x20gelesen|kommentare?|aufrufe|
           partages?|réactions?|commentaires?|vues|
           comentarios?|compartidos?|visitas|reacciones|
           commenti|condivisioni|visualizzazioni|
           comentários|partilhas|visualizações|
           reacties|keer\x20gedeeld|
           次(?:阅读|浏览|分享|评论)|人(?:阅读|点赞|评论)|条评论)$
      | ^(?:阅读|浏览|评论|点赞|分享)\x20?[:：]?\x20?[0-9][0-9,.]*[万k]?$
    ",
    )
    .unwrap()
});

/// An ad marker and a colon before its pitch (`sponsored: ...`), or
/// `scroll to continue with content`, features version 14 (`l` lower
/// case).
fn is_ad_label(l: &str) -> bool {
    const MARKERS: &[&str] = &[
        "ad",
        "ads",
        "sponsored",
        "advertisement",
        "paid content",
        "anzeige",
        "gesponsert",
        "werbung",
        "anuncio",
        "publicidad",
        "patrocinado",
        "publicité",
        "contenu sponsorisé",
        "sponsorisé",
        "pubblicità",
        "sponsorizzato",
        "publicidade",
        "advertentie",
        "gesponsord",
        "广告",
        "推广",
    ];
    if l == "scroll to continue" || l == "scroll to continue with content" {
        return true;
    }
    if !has_colon(l) {
        return false;
    }
    let Some(colon) = l.find([':', '：']) else {
        return false;
    };
    colon <= 24 && MARKERS.contains(&l[..colon].trim_end())
}

/// The detectors' additions of features version 9 (see [`detect_version`])
/// to what the older ones fired (`fired`): a detector that fired already
/// is not asked again. `gates` are those the phrase scan found
/// ([`detect_gated`]).
fn detect_added_in_9(t: &str, l: &str, s: &LineStats, fired: Fired, gates: u8) -> Fired {
    let mut f = fired;
    if s.letters + s.digits == 0 {
        return f;
    }
    // The cheap tests first: a date has a digit, an update note one of
    // the stems (found by the phrase scan, which runs on every line of
    // up to 60 words); a credit line starts with one of a few letters.
    if f & DATETIME == 0
        && s.words <= 14
        && (s.digits > 0 || gates & GATE_UPDATE_V9 != 0)
        && is_datetime_v9(l, s)
    {
        f |= DATETIME;
    }
    if f & BYLINE == 0
        && s.words <= 14
        && l.starts_with(['e', 't', 'm', 'u', 'c', 'd'])
        && BYLINE_V9_RE.is_match(t)
    {
        f |= BYLINE;
    }
    if f & FIELD == 0 && has_colon(l) && FIELD_V9_RE.is_match(l) {
        f |= FIELD;
    }
    f
}

static DATE_V9_RE: LazyLock<Regex> = LazyLock::new(|| {
    let months = [
        "januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember",
        "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre",
        "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre",
        "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre",
        "janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro",
        "januari|februari|maart|mei|augustus|december",
    ]
    .join("|");
    // ASCII word boundaries: a Unicode one sends every search with a
    // non-ASCII letter to a slower engine. Every word here starts with an
    // ASCII letter and those the boundary closes end with one (`publié`
    // and the other update notes are not closed).
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)\d{{1,2}}\.?\s+(?:de\s+)?(?:{months})(?-u:\b)
      | (?-u:\b)(?:{months})\s+(?:de\s+)?\d{{1,4}}(?-u:\b)
      | (?-u:\b)vor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten)(?-u:\b)
      | (?-u:\b)il\s+y\s+a\s+\d+\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois)(?-u:\b)
      | (?-u:\b)hace\s+\d+\s+(?:segundos?|minutos?|horas?|días?|semanas?|meses)(?-u:\b)
      | (?-u:\b)há\s+\d+\s+(?:segundos?|minutos?|horas?|dias?|semanas?|meses)(?-u:\b)
      | (?-u:\b)\d+\s+(?:secondi|minuti|ore|giorni|settimane|mesi)\s+fa(?-u:\b)
      | (?-u:\b)\d+\s+(?:seconden|minuten|uur|dagen|weken|maanden)\s+geleden(?-u:\b)
      | \d+\s*(?:秒|分钟|小时|天|周)前
      | (?-u:\b)(?:aktualisiert|veröffentlicht|mis\s+à\s+jour|publié|actualizado|publicado|aggiornato|pubblicato|atualizado|bijgewerkt|gepubliceerd)
    "
    ))
    .unwrap()
});

fn is_datetime_v9(l: &str, s: &LineStats) -> bool {
    // As for English: short lines only, a date inside a sentence is text.
    (s.words <= 8 || !s.end.is_some_and(super::shape::End::is_terminal)) && DATE_V9_RE.is_match(l)
}

/// Stems of the update notes of features version 9: a note without a
/// digit holds one.
const UPDATE_STEMS_V9: &[&str] = &[
    "aktualisiert",
    "veröffentlicht",
    "jour",
    "publi",
    "aggiornato",
    "bijgewerkt",
    "tualizado",
];

/// Credit lines of other languages (features version 9).
static BYLINE_V9_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:ein artikel von|text von|mit material von|un article de|un artículo de|con información de|texto de|un articolo di|con informazioni di|com informações de|texto:|tekst:|door)[:\s]+\p{Lu}")
        .unwrap()
});

/// Field labels of other languages (features version 9).
static FIELD_V9_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:quelle|fuente|fonte|bron|foto|bild|autor|auteur|autore|auteurs|datum|fecha|stand|schlagworte|etiquetas|mots-clés|rubrique|rubrik|sección|sezione|categoria|categoría|catégorie|kategorie)\s*[:：]").unwrap()
});

/// Runs the detectors of `only` on a line (the others do not fire): for
/// measuring what each detector costs.
pub fn detect_only(text: &str, lower: &str, s: &LineStats, only: Fired) -> Fired {
    detect_phrases(text, lower, s, only, 2)
}

/// [`detect_only`] with the phrase lists of features `version` (from
/// version 10 they hold phrases of other languages).
fn detect_phrases(text: &str, lower: &str, s: &LineStats, only: Fired, version: u32) -> Fired {
    detect_gated(text, lower, s, only, version).0
}

/// [`detect_phrases`], and the gates (`GATE_*`) its phrase scan found.
fn detect_gated(text: &str, lower: &str, s: &LineStats, only: Fired, version: u32) -> (Fired, u8) {
    let on = |bit: Fired| only & bit != 0;
    let t = text.trim();
    let l = lower.trim();
    let mut f = 0;
    if t.is_empty() {
        return (0, 0);
    }
    if s.letters + s.digits == 0 {
        return (PUNCT_ONLY & only, 0);
    }
    let short = s.words <= 8;
    if on(BREADCRUMB) && is_breadcrumb(t, l) {
        f |= BREADCRUMB;
    }
    if on(DATETIME) && (s.words <= 14 && (s.digits > 0 || mentions_update(l)) && is_datetime(l, s))
    {
        f |= DATETIME;
    }
    if on(COUNTER) && (s.words <= 8 && s.digits > 0 && is_counter(l)) {
        f |= COUNTER;
    }
    if on(SECTION_HEADER) && (s.words <= 6 && is_section_header(l)) {
        f |= SECTION_HEADER;
    }
    if on(BRAND_LINE) && (is_brand_line(t, l, s)) {
        f |= BRAND_LINE;
    }
    if on(GLUED_TITLE) && might_be_glued_title(t) && GLUED_TITLE_RE.is_match(t) {
        f |= GLUED_TITLE;
    }
    const PHRASE_DETECTORS: Fired =
        PROMPT | FOOTER | AD | READ_MORE | COMMENT | SHARE | PHOTO_CREDIT;
    // (Every line a gated test runs on has at most 60 words.)
    let (phrases, gates) = if s.words <= 60 && on(PHRASE_DETECTORS) {
        phrase_lists(l, s.words, version)
    } else {
        (0, 0)
    };
    if on(PROMPT) && (phrases & PHRASE_PROMPT != 0) {
        f |= PROMPT;
    }
    if on(FOOTER) && (s.words <= 40 && (phrases & PHRASE_FOOTER != 0 || t.contains('©'))) {
        f |= FOOTER;
    }
    if on(SHARE) && (short && gates & GATE_SHARE != 0 && is_share(l)) {
        f |= SHARE;
    }
    // From version 10, share bars and section headers of other
    // languages; a share bar only where the scan found a share word.
    if version >= 10 {
        if on(SHARE) && s.words <= 12 && phrases & PHRASE_SHARE != 0 && is_share_v10(l) {
            f |= SHARE;
        }
        if on(SECTION_HEADER) && s.words <= 6 && is_section_header_v10(l) {
            f |= SECTION_HEADER;
        }
    }
    if on(AD) && (s.words <= 6 && phrases & PHRASE_AD != 0) {
        f |= AD;
    }
    let byline_start = l.starts_with(['b', 'w', 'p', 'r', 'v']);
    if on(BYLINE) && (s.words <= 14 && byline_start && BYLINE_RE.is_match(t)) {
        f |= BYLINE;
    }
    if on(MENU) && (is_menu(t, l, s)) {
        f |= MENU;
    }
    if on(CAMEL_GLUED) && has_lower_then_upper(t) && CAMEL_GLUED_RE.is_match(t) {
        f |= CAMEL_GLUED;
    }
    if on(READ_MORE) && (short && phrases & PHRASE_READ_MORE != 0) {
        f |= READ_MORE;
    }
    if on(PAGINATION) && short && might_paginate(l) && PAGINATION_RE.is_match(l) {
        f |= PAGINATION;
    }
    if on(COMMENT) && (short && phrases & PHRASE_COMMENT != 0) {
        f |= COMMENT;
    }
    if on(PHOTO_CREDIT) && (s.words <= 20 && gates & GATE_PHOTO != 0 && PHOTO_RE.is_match(l)) {
        f |= PHOTO_CREDIT;
    }
    if on(URL) && (might_be_url(l) && URL_RE.is_match(l)) {
        f |= URL;
    }
    if on(FIELD) && (has_colon(l) && FIELD_RE.is_match(l)) {
        f |= FIELD;
    }
    if on(LIST_MARK) && (s.words <= 6 && (t.ends_with(':') || s.first.is_some_and(is_bullet))) {
        f |= LIST_MARK;
    }
    (f, gates)
}

/// Whether `l` contains `:` or `：`: two searches for one character each
/// (vectorised), cheaper than one pass asking every character of the line
/// about both.
fn has_colon(l: &str) -> bool {
    l.contains(':') || l.contains('：')
}

/// Whether `l` contains `updated`, `published`, `posted` or `modified`
/// (one pass over the bytes).
fn mentions_update(l: &str) -> bool {
    const WORDS: [&[u8]; 4] = [b"updated", b"published", b"posted", b"modified"];
    let b = l.as_bytes();
    (0..b.len())
        .any(|i| matches!(b[i], b'u' | b'p' | b'm') && WORDS.iter().any(|w| b[i..].starts_with(w)))
}

/// Whether `l` contains `>`, `»`, `›` or `→` (one pass over the bytes).
fn has_crumb_separator(l: &str) -> bool {
    let b = l.as_bytes();
    (0..b.len()).any(|i| match b[i] {
        b'>' => true,
        0xC2 => b[i + 1..].starts_with(&[0xBB]),
        0xE2 => b[i + 1..].starts_with(&[0x80, 0xBA]) || b[i + 1..].starts_with(&[0x86, 0x92]),
        _ => false,
    })
}

/// What every match of [`GLUED_TITLE_RE`] has: a pipe, or a dash after
/// white space (a cheap test that spares most lines the regex).
fn might_be_glued_title(t: &str) -> bool {
    if t.is_ascii() {
        let b = t.as_bytes();
        return b.contains(&b'|')
            || b.windows(2)
                .any(|w| w[1] == b'-' && (w[0] == b' ' || (0x09..=0x0d).contains(&w[0])));
    }
    let mut after_space = false;
    for c in t.chars() {
        if matches!(c, '|' | '｜') || (after_space && matches!(c, '-' | '–' | '—')) {
            return true;
        }
        after_space = c.is_whitespace();
    }
    false
}

/// What every match of [`CAMEL_GLUED_RE`] has: a lower-case letter right
/// before a capital.
fn has_lower_then_upper(t: &str) -> bool {
    if t.is_ascii() {
        // A fold without an early exit, which the compiler vectorises.
        let b = t.as_bytes();
        return b
            .iter()
            .zip(&b[1.min(b.len())..])
            .fold(false, |any, (x, y)| {
                any | (x.is_ascii_lowercase() & y.is_ascii_uppercase())
            });
    }
    let mut after_lower = false;
    for c in t.chars() {
        if after_lower && c.is_uppercase() {
            return true;
        }
        after_lower = c.is_lowercase();
    }
    false
}

/// What every match of [`PAGINATION_RE`] has: its first character
/// starts one of its words or is a digit or an opening arrow, or its last
/// is a closing arrow.
fn might_paginate(l: &str) -> bool {
    l.starts_with(|c: char| {
        matches!(c, 'n' | 'p' | 'o' | 'f' | 'l' | '«' | '‹' | '<') || c.is_numeric()
    }) || l.ends_with(['»', '›', '>'])
}

/// A literal every match of [`URL_RE`] contains: a cheap test that spares
/// most lines the regex.
fn might_be_url(l: &str) -> bool {
    const TLDS: [&[u8]; 6] = [b"com", b"org", b"net", b"co.uk", b"de", b"info"];
    let b = l.as_bytes();
    if b.contains(&b'@') || l.contains("://") {
        return true;
    }
    b.iter().enumerate().any(|(i, &c)| {
        c == b'.'
            && ((i >= 3 && &b[i - 3..i] == b"www")
                || TLDS.iter().any(|t| b[i + 1..].starts_with(t)))
    })
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '·' | '*' | '►' | '▶' | '■' | '□' | '◆' | '✓' | '→')
}

/// Every phrase list in one Aho-Corasick automaton, built once: a line is
/// scanned once for all of them.
struct PhraseSet {
    ac: AhoCorasick,
    /// For each pattern, the lists it belongs to (bits of `PHRASE_*`) in
    /// features versions 2 to 9.
    lists: Vec<u8>,
    /// The lists features version 10 added it to (`*_V10` lists: phrases
    /// of other languages).
    lists_v10: Vec<u8>,
    /// For each pattern, whether it is one word: a one-word phrase of
    /// version 10 counts on a line of at most 12 words only (`Impressum`
    /// as a footer link, not inside a sentence about a shop's imprint).
    one_word: Vec<bool>,
    /// For each pattern, whether it holds a Chinese or Japanese character:
    /// such a phrase needs no word boundary (no spaces in that text).
    cjk: Vec<bool>,
    /// For each pattern, the dear tests it lets run (bits of `GATE_*`):
    /// found anywhere in the line, word boundary or not.
    gates: Vec<u8>,
}

const PHRASE_PROMPT: u8 = 1;
const PHRASE_FOOTER: u8 = 2;
const PHRASE_AD: u8 = 4;
const PHRASE_READ_MORE: u8 = 8;
const PHRASE_COMMENT: u8 = 16;
/// A word of a share bar (from version 10: the test of [`is_share_v10`]
/// runs only on a line with one).
const PHRASE_SHARE: u8 = 32;

/// Gates: literals that every line a dear test fires on contains, found by
/// the same scan as the phrases, so that the test runs only on lines that
/// have one. They change no detector's verdict.
///
/// [`is_share`] needs one of its words that make a share bar by themselves.
const GATE_SHARE: u8 = 1;
/// [`PHOTO_RE`] needs one of these.
const GATE_PHOTO: u8 = 2;
/// An update note of version 9 without a digit ([`is_datetime_v9`]) needs
/// one of its stems.
const GATE_UPDATE_V9: u8 = 4;
const GATES: &[(u8, &[&str])] = &[
    (GATE_UPDATE_V9, UPDATE_STEMS_V9),
    (GATE_SHARE, STRONG_SHARE_WORDS),
    (
        GATE_PHOTO,
        &[
            "photo",
            "image",
            "picture",
            "credit",
            "illustration",
            "foto",
            "getty images",
            "shutterstock",
            "afp",
            "/ap",
            "(ap)",
            "associated press",
            "reuters",
        ],
    ),
];

static PHRASES: LazyLock<PhraseSet> = LazyLock::new(|| {
    let mut patterns: Vec<&str> = Vec::new();
    let mut lists: Vec<u8> = Vec::new();
    let mut lists_v10: Vec<u8> = Vec::new();
    for (bit, list, since) in [
        (PHRASE_PROMPT, PROMPT_PHRASES, 2),
        (PHRASE_FOOTER, FOOTER_PHRASES, 2),
        (PHRASE_AD, AD_PHRASES, 2),
        (PHRASE_READ_MORE, READ_MORE_PHRASES, 2),
        (PHRASE_COMMENT, COMMENT_PHRASES, 2),
        (PHRASE_PROMPT, PROMPT_PHRASES_V10, 10),
        (PHRASE_FOOTER, FOOTER_PHRASES_V10, 10),
        (PHRASE_AD, AD_PHRASES_V10, 10),
        (PHRASE_READ_MORE, READ_MORE_PHRASES_V10, 10),
        (PHRASE_COMMENT, COMMENT_PHRASES_V10, 10),
        (PHRASE_SHARE, SHARE_STRONG_V10, 10),
        (PHRASE_SHARE, SHARE_PHRASES_CJK, 10),
    ] {
        for p in list {
            let i = patterns.iter().position(|q| q == p).unwrap_or_else(|| {
                patterns.push(p);
                lists.push(0);
                lists_v10.push(0);
                patterns.len() - 1
            });
            if since < 10 {
                lists[i] |= bit;
            } else {
                lists_v10[i] |= bit;
            }
        }
    }
    let mut gates = vec![0u8; patterns.len()];
    for &(bit, list) in GATES {
        for p in list {
            let i = patterns.iter().position(|q| q == p).unwrap_or_else(|| {
                patterns.push(p);
                lists.push(0);
                lists_v10.push(0);
                gates.push(0);
                patterns.len() - 1
            });
            gates[i] |= bit;
        }
    }
    let one_word = patterns.iter().map(|p| !p.contains(' ')).collect();
    let cjk = patterns
        .iter()
        .map(|p| p.chars().any(super::tokens::is_cjk))
        .collect();
    PhraseSet {
        // A full DFA: built once, the fastest to search with.
        ac: AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("valid phrases"),
        lists,
        lists_v10,
        one_word,
        cjk,
        gates,
    }
});

/// The phrase lists that have a phrase in `l` (of `words` words) as whole
/// words, with the phrases of features `version`, and the gates (`GATE_*`)
/// whose literals `l` holds anywhere. The phrases added in version 10 are
/// in the same automaton, so that a line is still scanned once; versions
/// before 10 ignore them.
fn phrase_lists(l: &str, words: usize, version: u32) -> (u8, u8) {
    let bytes = l.as_bytes();
    let set = &*PHRASES;
    let (mut hits, mut gates) = (0, 0);
    for m in set.ac.find_overlapping_iter(l) {
        let k = m.pattern().as_usize();
        gates |= set.gates[k];
        let before_ok = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
        let after_ok = m.end() == l.len() || !is_word_byte(bytes[m.end()]);
        if (before_ok && after_ok) || set.cjk[k] {
            hits |= set.lists[k];
            if version >= 10 && (words <= 12 || !set.one_word[k]) {
                hits |= set.lists_v10[k];
            }
        }
    }
    (hits, gates)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

static BREADCRUMB_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:current\s*(?:location|page)?\s*[:：]\s*|you are here\s*[:：]?\s*)?(?:home|start|homepage|news|inicio|startseite|accueil)\s*(?:>|»|›|/|::|→|\\|-)\s*\S").unwrap()
});
static CRUMB_SEP_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s(?:>|»|›|→)\s").unwrap());

/// Every match of [`BREADCRUMB_RE`] starts with one of these.
const CRUMB_STARTS: [&str; 7] = [
    "current",
    "you are here",
    "home",
    "start",
    "news",
    "inicio",
    "accueil",
];

fn is_breadcrumb(_t: &str, l: &str) -> bool {
    if l.starts_with("current:") || l.starts_with("current :") || l.starts_with("you are here") {
        return true;
    }
    if CRUMB_STARTS.iter().any(|w| l.starts_with(w))
        && l.contains(['>', '»', '›', '/', ':', '→', '\\', '-'])
        && BREADCRUMB_RE.is_match(l)
    {
        return true;
    }
    // Two or more `>`-like separators between short segments.
    if !has_crumb_separator(l) {
        return false;
    }
    let seps = CRUMB_SEP_RE.find_iter(l).count();
    seps >= 2 && l.split([' ']).count() <= 20
}

/// The name of a site's home page, lower case, in the languages of
/// features version 10 (features version 16's breadcrumbs). Longer names
/// before the names they start with.
const HOME_WORDS: &[&str] = &[
    "homepage",
    "home page",
    "home",
    "front page",
    "startseite",
    "start",
    "accueil",
    "inicio",
    "portada",
    "página inicial",
    "início",
    "pagina iniziale",
    "voorpagina",
    "strona główna",
    "главная",
    "головна",
    "首页",
    "首頁",
    "ホーム",
    "トップ",
];

/// Labels that say the reader is here, lower case (features version 16);
/// one followed by a colon starts a breadcrumb.
const HERE_LABELS: &[&str] = &[
    "you are here",
    "sie sind hier",
    "aktuelle seite",
    "vous êtes ici",
    "estás en",
    "está en",
    "você está em",
    "sei qui",
    "ti trovi in",
    "u bent hier",
    "je bent hier",
    "jesteś tutaj",
    "вы здесь",
    "当前位置",
    "您的位置",
    "你的位置",
    "您现在的位置",
    "現在位置",
    "現在地",
];

/// Labels of a position, lower case (features version 16): followed by a
/// colon and a trail, they start a breadcrumb (`Location: Home / Tech`);
/// followed by a place alone, they do not (`Location: Lyon`).
const POSITION_LABELS: &[&str] = &[
    "current location",
    "current page",
    "current",
    "location",
    "position",
    "ubicación",
    "localização",
    "posizione",
    "standort",
    "emplacement",
];

/// The separators of a breadcrumb's parts (features version 16), with the
/// full-width forms of Chinese and Japanese pages.
const CRUMB_SEPARATORS: &[&str] = &[">>", ">", "»", "›", "→", "/", "::", "\\", "＞", "》", "／"];

/// Whether `rest` starts with a breadcrumb separator (after spaces) that
/// something other than spaces follows.
fn starts_with_crumb_separator(rest: &str) -> bool {
    let rest = rest.trim_start();
    CRUMB_SEPARATORS.iter().any(|sep| {
        rest.strip_prefix(sep)
            .is_some_and(|after| !after.trim().is_empty())
    })
}

/// `rest` without a colon (ASCII or full width) and the spaces around it,
/// if it starts with one.
fn after_colon(rest: &str) -> Option<&str> {
    let rest = rest.trim_start();
    rest.strip_prefix(':')
        .or_else(|| rest.strip_prefix('：'))
        .map(str::trim_start)
}

/// `rest` without the home page's name it starts with, when a separator
/// follows that name.
fn after_home_word(rest: &str) -> Option<&str> {
    HOME_WORDS.iter().find_map(|w| {
        let after = rest.strip_prefix(w)?;
        starts_with_crumb_separator(after).then_some(after)
    })
}

/// Breadcrumbs of features version 16 (`t` as written, `l` lower case): a trail from a
/// home page's name (`Portada > Salud`), a `you are here` label with a
/// colon (`Sie sind hier: Startseite / Panorama`), a position label with a
/// colon before a trail (`Position : Accueil › Culture`), and a short line
/// of two parts around one separator (`Sport › Football`). Written out,
/// not as a regex, as a line that starts with none of them is refused at
/// its first bytes.
fn is_breadcrumb_v16(t: &str, l: &str, s: &LineStats) -> bool {
    if s.words > 30 || s.letters == 0 {
        return false;
    }
    // Every form has a separator or a colon: `>`, `/`, `\\`, `:` or one of
    // `»`, `›`, `→`, `：`, `＞`, `》`, `／`, whose UTF-8 starts with one of
    // these four bytes. A line without any is refused before the label
    // and home-word tests (the lead bytes also start other punctuation, so
    // many lines pass: this only saves time).
    if !l
        .bytes()
        .any(|b| matches!(b, b'>' | b'/' | b'\\' | b':' | 0xC2 | 0xE2 | 0xE3 | 0xEF))
    {
        return false;
    }
    let l = l.trim();
    if after_home_word(l).is_some() {
        return true;
    }
    for label in HERE_LABELS {
        if let Some(rest) = l.strip_prefix(label) {
            if after_colon(rest).is_some() {
                return true;
            }
        }
    }
    for label in POSITION_LABELS {
        if let Some(rest) = l.strip_prefix(label).and_then(after_colon) {
            // The trail: a home page's name, a separator that only trails
            // use, or two slashes (`Location: Lyon / Remote` is a field).
            if after_home_word(rest).is_some()
                || rest.contains(['>', '»', '›', '→', '＞'])
                || rest.matches(" / ").count() >= 2
            {
                return true;
            }
        }
    }
    is_two_part_trail(t.trim(), s)
}

/// Words that start a sentence but no bio: a bio starts with its
/// author's name (or `He`, `She`).
const NOT_A_BIO_SUBJECT: &[&str] = &[
    "A", "An", "Here", "His", "Her", "How", "If", "It", "Its", "My", "Our", "That", "The", "Their",
    "There", "These", "This", "Those", "We", "What", "When", "Where", "Which", "Why", "You",
];

/// The roles an author's bio names (features version 16).
const BIO_ROLES: &str = "writer|editor|author|journalist|reporter|correspondent|columnist\
    |contributor|blogger|freelancer|freelance|founder|co-founder|cofounder|specialist|expert\
    |enthusiast|photographer|strategist|consultant|marketer|CEO|nutritionist|dietitian|creator\
    |lover|geek|fanatic";

/// The roles of an author whose bio gives a first name only (`Lina is a
/// content writer ...`): a name of one word may be a country or a
/// company (`Germany is the largest contributor`), and these roles are
/// people's.
const WRITING_ROLES: &str =
    "writer|editor|author|journalist|reporter|correspondent|columnist|blogger|freelancer";

static BIO_RE: LazyLock<Regex> = LazyLock::new(|| {
    // `is a ... <role>`: the role within a few words of the article.
    let is_a = |roles: &str| {
        format!(r"is\ (?:a|an|the|our)(?-u:\b)[^.]{{0,60}}?(?-u:\b)(?:{roles})s?(?-u:\b)")
    };
    let (role, writing) = (is_a(BIO_ROLES), is_a(WRITING_ROLES));
    Regex::new(&format!(
        r"(?x)
        ^(?:
            (?:\p{{Lu}}[\w.'’-]*\ ){{1,2}}\p{{Lu}}[\w.'’-]*\ (?:
                {role}
              | writes\ (?:about|for)(?-u:\b)
              | has\ written\ for(?-u:\b)
              | has\ (?:over|more\ than)\ \d+\ years(?-u:\b)
            )
          | (?:He|She)\ {role}
          | \p{{Lu}}[\w.'’-]*\ {writing}
        )"
    ))
    .unwrap()
});

/// An author's bio (features version 16; `t` as written): a line of 8 to
/// 80 words that starts with its author's name, two or three capitalised
/// words, and says what the author does ([`BIO_RE`]: `is a freelance
/// writer`, `is the founder of`, `writes about`, `has written for`, `has
/// over 10 years`), or starts `He is a` or `She is a` and names a
/// writer's or expert's role ([`BIO_ROLES`]), or starts with a first name
/// alone and names a writer's role ([`WRITING_ROLES`]). English only. A feature, not
/// a verdict: a profile in a story reads the same (`Name is a former
/// editor who ...`), and the context tells the two apart. The regex runs
/// only where the first word that is not capitalised, among the second
/// to fourth, is one of its verbs.
fn is_bio(t: &str, s: &LineStats) -> bool {
    if !(8..=80).contains(&s.words) || !t.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let mut words = t.split(' ');
    let first = words.next().unwrap_or("");
    if NOT_A_BIO_SUBJECT.contains(&first) {
        return false;
    }
    let Some((at, verb)) = words
        .take(3)
        .enumerate()
        .find(|(_, w)| !w.starts_with(|c: char| c.is_uppercase()))
    else {
        return false;
    };
    let one_word = at == 0 && verb == "is";
    let name = at > 0 && matches!(verb, "is" | "writes" | "has");
    (one_word || name) && BIO_RE.is_match(t)
}

/// A short trail of two parts (features version 16; `t` as written): at
/// most six words that do not end like a sentence, and one `»` or `›`
/// with a space on each side between two parts of one to three words
/// that start with a capital or a letter without case (`Sport ›
/// Football`, `体育 » 足球`). Not `>`, which how-tos and comparisons use
/// (`Click File > Export`, `Quality > Quantity`), nor an arrow, which
/// maps one thing to another; not a line with a colon or a digit (`Day 2:
/// Lyon › Avignon`), nor quotation marks (`sagte »Ja«`).
fn is_two_part_trail(t: &str, s: &LineStats) -> bool {
    if s.words > 6 || s.end.is_some_and(super::shape::End::is_terminal) {
        return false;
    }
    if t.contains(['«', '‹', '<', '=', ':', '：']) || t.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let Some((a, b)) = [" » ", " › "].iter().find_map(|sep| t.split_once(sep)) else {
        return false;
    };
    // Each part starts with a capital or a letter without case (a
    // Chinese character), as the names of sections do.
    let part = |p: &str| {
        let words = p.split_whitespace().count();
        (1..=3).contains(&words)
            && !p.contains(['»', '›'])
            && p.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
    };
    part(a.trim()) && part(b.trim())
}

static DATE_RE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
        \b(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}
      | \b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d\d\b
      | \b\d{1,2}:\d\d\b
      | \b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b
      | \b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b
      | \b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b
      | \b(?:updated|published|posted|last\s+modified|first\s+published)\b
      | \b(?:yesterday|today)\b\s+(?:at\s+)?\d
    ",
    )
});

fn is_datetime(l: &str, s: &LineStats) -> bool {
    // Short lines only: a date inside a sentence is not metadata.
    (s.words <= 8 || !s.end.is_some_and(super::shape::End::is_terminal)) && DATE_RE.is_match(l)
}

static COUNTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        [\p{L}!]\s*[(\[（]\s*\d[\d,.]*\s*[km]?\s*[)\]）]
      | ^[\p{L}\s]{1,20}[:：]\s*\d[\d,.]*\s*[km]?$
      | ^\d[\d,.]*\s*[km]?\s+(?:comments?|shares?|likes?|views?|reads?|replies|votes?|reactions?|responses?)$
      | ^(?:comments?|shares?|likes?|views?|reads?|replies|votes?)\s*\d[\d,.]*$
      | [\p{So}\p{Sk}]\s*\d[\d,.]*[km]?
    ",
    )
    .unwrap()
});

fn is_counter(l: &str) -> bool {
    COUNTER_RE.is_match(l)
}

const SECTION_HEADERS: &[&str] = &[
    "also on",
    "also read",
    "around the web",
    "don't miss",
    "editor's picks",
    "editors picks",
    "editors' picks",
    "elsewhere",
    "featured",
    "featured stories",
    "from the web",
    "further reading",
    "hot",
    "hot news",
    "hot topics",
    "in case you missed it",
    "in other news",
    "latest",
    "latest news",
    "latest posts",
    "latest stories",
    "more like this",
    "more news",
    "more on this story",
    "more stories",
    "most commented",
    "most e-mailed",
    "most emailed",
    "most popular",
    "most read",
    "most shared",
    "most viewed",
    "most watched",
    "next article",
    "popular",
    "popular now",
    "popular posts",
    "popular stories",
    "previous article",
    "ranking",
    "rankings",
    "read more",
    "read next",
    "recent articles",
    "recent posts",
    "recommendation",
    "recommendations",
    "recommended",
    "recommended for you",
    "recommended stories",
    "related",
    "related articles",
    "related content",
    "related coverage",
    "related links",
    "related news",
    "related posts",
    "related stories",
    "related topics",
    "related video",
    "related videos",
    "see also",
    "similar articles",
    "the latest",
    "top stories",
    "trending",
    "trending now",
    "trending stories",
    "up next",
    "what to read next",
    "you may also like",
    "you might also like",
];

fn is_section_header(l: &str) -> bool {
    let core = l.trim_matches(|c: char| !c.is_alphanumeric());
    if SECTION_HEADERS.binary_search(&core).is_ok() {
        return true;
    }
    [
        "more from ",
        "more in ",
        "related ",
        "latest from ",
        "more ",
        "top ",
    ]
    .iter()
    .any(|p| core.starts_with(p) && core.split(' ').count() <= 4 && p.len() > 5)
}

const SITE_WORDS: &[&str] = &[
    "blog",
    "channel",
    "chronicle",
    "daily",
    "digital",
    "exchange",
    "gazette",
    "group",
    "herald",
    "hub",
    "inc",
    "journal",
    "ltd",
    "magazine",
    "media",
    "network",
    "news",
    "online",
    "post",
    "press",
    "pro",
    "radio",
    "review",
    "times",
    "today",
    "tribune",
    "tv",
    "view",
    "weekly",
    "wire",
    "world",
];

fn is_brand_line(t: &str, l: &str, s: &LineStats) -> bool {
    let leading_the = l.starts_with("the ") as usize;
    if s.words == 0
        || s.words > 5
        || s.stop_words > leading_the
        || s.end.is_some_and(|e| e.is_terminal())
    {
        return false;
    }
    if s.cap_words + s.camel_words < s.words {
        return false;
    }
    let site_word = l
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| SITE_WORDS.contains(&w));
    site_word || t.contains(".com") || t.contains(".net") || t.contains(".org")
}

static GLUED_TITLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}\d]+(?: \p{Lu}[\p{L}\d]+){0,2}\s?[|｜]\s?\S|\S\s?[|｜]\s?\p{Lu}[\p{L}\d.]+(?: \p{Lu}[\p{L}\d.]+){0,3}$|\s[-–—]\s?\p{Lu}[\p{L}\d.]+(?: \p{Lu}[\p{L}\d.]+){0,2}$|[\p{Ll}][|｜]\p{Lu}").unwrap()
});

const PROMPT_PHRASES: &[&str] = &[
    "accept all",
    "accept cookies",
    "ad blocker",
    "adblock",
    "already a subscriber",
    "already have an account",
    "consent",
    "cookie",
    "cookies",
    "create an account",
    "create a free account",
    "download the app",
    "email address",
    "enter your email",
    "free trial",
    "get the app",
    "log in",
    "login",
    "newsletter",
    "newsletters",
    "notifications",
    "privacy settings",
    "register",
    "sign in",
    "sign up",
    "signup",
    "subscribe",
    "subscriber",
    "subscribers",
    "subscription",
    "unlimited access",
    "we use cookies",
];

const FOOTER_PHRASES: &[&str] = &[
    "all rights reserved",
    "about us",
    "advertise with us",
    "contact us",
    "copyright",
    "cookie policy",
    "privacy policy",
    "powered by",
    "rights reserved",
    "site map",
    "sitemap",
    "terms and conditions",
    "terms of service",
    "terms of use",
    "(c) 19",
    "(c) 20",
];

/// Share words that make a share bar by themselves ([`is_share`]).
const STRONG_SHARE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "email",
    "print",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "pinterest",
    "reddit",
];

const SHARE_WORDS: &[&str] = &[
    "bookmark",
    "comment",
    "comments",
    "copy",
    "e",
    "email",
    "facebook",
    "flipboard",
    "link",
    "linkedin",
    "mail",
    "messenger",
    "on",
    "pin",
    "pinterest",
    "print",
    "reddit",
    "save",
    "share",
    "sharing",
    "telegram",
    "this",
    "tweet",
    "twitter",
    "via",
    "whatsapp",
    "x",
    "article",
    "story",
    "page",
];

/// How a line's words read as a share bar: `(words, share words, whether
/// one of them makes a share bar by itself, whether a word is Chinese or
/// Japanese)`, with `class` saying of a word whether it is a share word
/// (`Some`) and a strong one (`Some(true)`).
fn share_words(l: &str, class: impl Fn(&str) -> Option<bool>) -> (usize, usize, bool, bool) {
    let (mut total, mut hits, mut strong, mut cjk) = (0, 0, false, false);
    for w in l
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        total += 1;
        cjk |= w.chars().any(super::tokens::is_cjk);
        if let Some(s) = class(w) {
            hits += 1;
            strong |= s;
        }
    }
    (total, hits, strong, cjk)
}

fn is_share(l: &str) -> bool {
    let (total, hits, strong, _) = share_words(l, |w| {
        SHARE_WORDS
            .contains(&w)
            .then_some(STRONG_SHARE_WORDS.contains(&w))
    });
    strong && hits * 3 >= total * 2
}

const AD_PHRASES: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "promoted",
    "paid content",
    "partner content",
    "story continues below",
    "ad",
    "ads",
    "anzeige",
    "publicidad",
    "publicité",
];

/// Prompts of other languages (features version 10): subscriptions,
/// sign-ins, newsletters, cookie notices, apps, follow prompts. Only
/// phrases that a sentence of an article rarely holds.
const PROMPT_PHRASES_V10: &[&str] = &[
    // German
    "newsletter abonnieren",
    "jetzt abonnieren",
    "abo abschließen",
    "jetzt abo",
    "einloggen",
    "alle akzeptieren",
    "cookies akzeptieren",
    "wir verwenden cookies",
    "diese website verwendet cookies",
    "datenschutzeinstellungen",
    "app herunterladen",
    "bereits abonnent",
    "push-benachrichtigungen",
    "folgen sie uns",
    "jetzt registrieren",
    "kostenlos registrieren",
    // French
    "abonnez-vous",
    "inscrivez-vous",
    "créer un compte",
    "tout accepter",
    "accepter et fermer",
    "nous utilisons des cookies",
    "ce site utilise des cookies",
    "gérer mes choix",
    "paramétrer les cookies",
    "télécharger l'application",
    "déjà abonné",
    "recevez notre newsletter",
    "suivez-nous",
    "activer les notifications",
    // Spanish
    "suscríbete",
    "suscribirse",
    "iniciar sesión",
    "regístrate",
    "aceptar cookies",
    "aceptar todo",
    "utilizamos cookies",
    "usamos cookies",
    "configurar cookies",
    "descarga la app",
    "descargar la aplicación",
    "ya eres suscriptor",
    "síguenos",
    "recibe nuestro boletín",
    // Italian
    "iscriviti",
    "registrati",
    "accetta tutti",
    "utilizziamo i cookie",
    "questo sito utilizza cookie",
    "scarica l'app",
    "seguici",
    "già abbonato",
    // Portuguese
    "inscreva-se",
    "cadastre-se",
    "aceitar cookies",
    "utilizamos cookies",
    "baixe o app",
    "siga-nos",
    "já é assinante",
    // Dutch
    "inloggen",
    "cookies accepteren",
    "alle cookies accepteren",
    "wij gebruiken cookies",
    "download de app",
    "volg ons",
    "al abonnee",
    // Chinese and Japanese
    "扫码关注",
    "扫一扫",
    "关注我们",
    "下载客户端",
    "下载app",
    "公众号",
    "二维码",
    "会員登録",
    "無料登録",
    "アプリをダウンロード",
    "クッキー",
];

/// Footer phrases of other languages (features version 10).
const FOOTER_PHRASES_V10: &[&str] = &[
    "alle rechte vorbehalten",
    "impressum",
    "datenschutzerklärung",
    "nutzungsbedingungen",
    "tous droits réservés",
    "mentions légales",
    "politique de confidentialité",
    "conditions générales",
    "todos los derechos reservados",
    "aviso legal",
    "política de privacidad",
    "política de cookies",
    "tutti i diritti riservati",
    "note legali",
    "informativa sulla privacy",
    "todos os direitos reservados",
    "política de privacidade",
    "termos de uso",
    "alle rechten voorbehouden",
    "privacybeleid",
    "版权所有",
    "备案号",
    "icp备",
    "免责声明",
    "隐私政策",
    "联系我们",
    "关于我们",
    "不得转载",
    "無断転載",
    "著作権",
    "プライバシーポリシー",
    "利用規約",
];

/// Ad markers of other languages (features version 10).
const AD_PHRASES_V10: &[&str] = &[
    "werbung",
    "gesponsert",
    "sponsorisé",
    "patrocinado",
    "pubblicità",
    "publicidade",
    "advertentie",
    "gesponsord",
    "广告",
    "推广",
    "広告",
];

/// Read-more links of other languages (features version 10).
const READ_MORE_PHRASES_V10: &[&str] = &[
    "mehr lesen",
    "mehr erfahren",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr anzeigen",
    "lire aussi",
    "lire plus",
    "en savoir plus",
    "voir plus",
    "voir aussi",
    "lee también",
    "leer también",
    "ver más",
    "seguir leyendo",
    "saber más",
    "leggi anche",
    "leggi di più",
    "continua a leggere",
    "scopri di più",
    "leia também",
    "leia mais",
    "saiba mais",
    "ver mais",
    "lees ook",
    "lees meer",
    "meer lezen",
    "阅读全文",
    "查看更多",
    "展开全文",
    "点击查看",
    "続きを読む",
    "もっと見る",
    "詳しくはこちら",
];

/// Comment furniture of other languages (features version 10).
const COMMENT_PHRASES_V10: &[&str] = &[
    "antworten",
    "melden",
    "kommentare",
    "kommentieren",
    "leserkommentare",
    "kommentar schreiben",
    "diskutieren sie mit",
    "répondre",
    "signaler",
    "commentaires",
    "réagir",
    "responder",
    "denunciar",
    "comentarios",
    "rispondi",
    "segnala",
    "commenti",
    "comentários",
    "reageer",
    "reacties",
    "beantwoorden",
    "回复",
    "评论",
    "举报",
    "返信",
    "コメント",
    "通報",
];

/// Headers of lists of other stories in other languages (features
/// version 10), matched whole (lower case, outer punctuation trimmed).
static SECTION_HEADERS_V10: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    [
        // German
        "mehr zum thema",
        "das könnte sie auch interessieren",
        "das könnte sie interessieren",
        "meistgelesen",
        "meistgelesene artikel",
        "am meisten gelesen",
        "weitere artikel",
        "weitere nachrichten",
        "neueste artikel",
        "top-themen",
        "auch interessant",
        "ähnliche artikel",
        "lesen sie auch",
        "mehr aus dem ressort",
        // French
        "sur le même sujet",
        "à lire aussi",
        "lire aussi",
        "les plus lus",
        "articles les plus lus",
        "articles similaires",
        "dans la même rubrique",
        "à la une",
        "dernières actualités",
        "vous aimerez aussi",
        "nos recommandations",
        "à voir aussi",
        "les plus populaires",
        // Spanish
        "noticias relacionadas",
        "te puede interesar",
        "también te puede interesar",
        "lo más leído",
        "más leídas",
        "últimas noticias",
        "más noticias",
        "artículos relacionados",
        "contenido relacionado",
        "te recomendamos",
        "otras noticias",
        "lee también",
        // Italian
        "articoli correlati",
        "potrebbe interessarti",
        "ti potrebbe interessare",
        "i più letti",
        "più letti",
        "ultime notizie",
        "leggi anche",
        "notizie correlate",
        // Portuguese
        "notícias relacionadas",
        "leia também",
        "mais lidas",
        "as mais lidas",
        "últimas notícias",
        "veja também",
        "você pode gostar",
        "mais notícias",
        // Dutch
        "meest gelezen",
        "lees ook",
        "gerelateerde artikelen",
        "laatste nieuws",
        "meer nieuws",
        "ook interessant",
        // Chinese
        "相关新闻",
        "相关阅读",
        "相关文章",
        "相关报道",
        "推荐阅读",
        "热门排行",
        "热门文章",
        "热门新闻",
        "热门推荐",
        "延伸阅读",
        "猜你喜欢",
        "最新新闻",
        "最新文章",
        "排行榜",
        "热点新闻",
        "精彩推荐",
        "阅读排行",
        "为你推荐",
        "更多新闻",
        // Japanese
        "関連記事",
        "関連ニュース",
        "アクセスランキング",
        "ランキング",
        "人気記事",
        "おすすめ記事",
        "最新ニュース",
        "あわせて読みたい",
        "注目記事",
    ]
    .into_iter()
    .collect()
});

/// Whether `l` is a header of a list of other stories in another
/// language (features version 10): the whole line, outer punctuation
/// trimmed.
fn is_section_header_v10(l: &str) -> bool {
    SECTION_HEADERS_V10.contains(l.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Share words of other languages (features version 10) that make a
/// share bar by themselves.
const SHARE_STRONG_V10: &[&str] = &[
    "teilen",
    "partager",
    "compartir",
    "condividi",
    "compartilhar",
    "compartilhe",
    "delen",
    "drucken",
    "imprimer",
    "imprimir",
    "stampa",
];

/// Other words of a share bar in other languages (features version 10).
const SHARE_WEAK_V10: &[&str] = &[
    "kopieren", "copier", "copiar", "artikel", "beitrag", "lien", "link", "enlace", "sur", "per",
    "por", "auf", "op", "het", "le", "la", "en", "via",
];

/// Share bars of Chinese and Japanese pages (features version 10).
const SHARE_PHRASES_CJK: &[&str] = &[
    "分享到",
    "分享至",
    "转发",
    "微信",
    "微博",
    "朋友圈",
    "收藏",
    "シェア",
    "ツイート",
    "ブックマーク",
];

/// A share bar as [`is_share`] tells it, with the share words of other
/// languages (features version 10); a short Chinese or Japanese line
/// that names a share action or platform.
fn is_share_v10(l: &str) -> bool {
    let (total, hits, strong, cjk) = share_words(l, |w| {
        if w.chars().any(super::tokens::is_cjk) {
            SHARE_PHRASES_CJK
                .iter()
                .any(|p| w.contains(p))
                .then_some(true)
        } else if SHARE_STRONG_V10.contains(&w) {
            Some(true)
        } else {
            (SHARE_WORDS.contains(&w) || SHARE_WEAK_V10.contains(&w)).then_some(false)
        }
    });
    strong && (hits * 3 >= total * 2 || (cjk && hits * 2 >= total))
}

static BYLINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|written by|posted by|reported by|words by|von|por|par)[:\s]+\p{Lu}")
        .unwrap()
});

fn is_menu(t: &str, _l: &str, s: &LineStats) -> bool {
    // Three or more words, nearly all capitalised, no stop word, no sentence punctuation.
    s.words >= 3
        && s.stop_words <= s.words / 6
        && s.cap_words + s.camel_words + s.num_words >= s.words * 4 / 5
        && !t.contains(['.', ',', '!', '?', ';'])
}

static CAMEL_GLUED_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}\p{Lu}\p{Ll}+\p{Lu}").unwrap());

const READ_MORE_PHRASES: &[&str] = &[
    "read more",
    "continue reading",
    "click here",
    "learn more",
    "see more",
    "view all",
    "show more",
    "load more",
    "full story",
    "watch now",
    "read full article",
    "read the full story",
    "more »",
    "weiterlesen",
    "leer más",
    "lire la suite",
];

static PAGINATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:next|previous|prev|older|newer|first|last)\b|^page \d+(?: of \d+)?$|^(?:\d+\s+){2,}\d+$|^[«‹<]|[»›>]$").unwrap()
});

const COMMENT_PHRASES: &[&str] = &[
    "reply",
    "report",
    "report abuse",
    "flag",
    "permalink",
    "leave a comment",
    "post a comment",
    "add a comment",
    "join the conversation",
    "comment policy",
    "comments",
    "commented",
    "recommend",
    "wrote:",
    "says:",
];

static PHOTO_RE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?:^|\b)(?:photo|photograph|image|picture|credit|illustration|foto)s?\s*(?::|by\b)|getty images|shutterstock|\bafp\b|/ap\b|\(ap\)|associated press|reuters|file photo",
    )
});

static URL_RE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"https?://|www\.|\b[\w.-]+@[\w-]+\.\w{2,}|\.(?:com|org|net|co\.uk|de|info)\b")
});

/// A regex with Unicode word boundaries (`\b`), and the same regex
/// without them. The fast engine of the `regex` crate (a lazy DFA) knows
/// Unicode word boundaries on ASCII text only, and hands a search of any
/// other text to a slower one. Dropping the boundaries can only add
/// matches, so on other text the regex without them, which the lazy DFA
/// runs on any text, answers first, and only a line where it matches is
/// searched with the boundaries: the same answer as the regex alone.
#[derive(Debug)]
struct Gated {
    strict: Regex,
    loose: Regex,
}

impl Gated {
    fn new(pattern: &str) -> Gated {
        assert!(!pattern.contains(r"\\b") && !pattern.contains(r"\B"));
        Gated {
            strict: Regex::new(pattern).expect("valid pattern"),
            loose: Regex::new(&pattern.replace(r"\b", "")).expect("valid pattern"),
        }
    }

    fn is_match(&self, hay: &str) -> bool {
        (hay.is_ascii() || self.loose.is_match(hay)) && self.strict.is_match(hay)
    }
}

static FIELD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:date|time|source|author|authors|by|tags?|category|categories|filed under|posted in|topics?|keywords?|section|editor|reporter|photo|credit|updated|published|views|from)\s*[:：]").unwrap()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn fired(text: &str) -> Fired {
        let s = LineStats::new(text, text.len());
        detect(text, &text.to_lowercase(), &s)
    }

    /// (detector, lines that must fire it, lines that must not)
    type Case = (Fired, &'static [&'static str], &'static [&'static str]);

    const CASES: &[Case] = &[
        (
            BREADCRUMB,
            &[
                "Current:Home > Finance",
                "Home » World",
                "Home > News > Local",
                "You are here: Home / Sport",
                "Sport > Football > Premier League",
            ],
            &["The home team won 3-1.", "Homes for sale", "Prices rose > 5% in May"],
        ),
        (
            DATETIME,
            &[
                "Date:2025-04-07 20:56:32",
                "Updated 3 hours ago",
                "March 4, 2024",
                "12 May 2023 | 14:05",
                "Published: 07/04/2025",
            ],
            &[
                "The minister met farmers in March and promised a review of the scheme before the summer.",
                "Weather",
            ],
        ),
        (
            COUNTER,
            &["veryGood! (479)", "Like (23)", "Views: 1,234", "👍 12", "12 comments", "angry (12)"],
            &["The bill (HR 1234) passed.", "Chapter 3", "Home"],
        ),
        (
            SECTION_HEADER,
            &["Related", "Ranking", "Recommendation", "Most Popular", "More from Sport", "Related Stories:", "YOU MAY ALSO LIKE"],
            &["The ranking of universities changed.", "Popular science is booming in bookshops"],
        ),
        (
            BRAND_LINE,
            &["SafeX Pro Exchange View", "The Daily Ledger", "Herald Online", "Example.com"],
            &["Climate Change", "The talks collapsed.", "News of the day is grim for us"],
        ),
        (
            GLUED_TITLE,
            &[
                "Algosensey|Microsoft says hackers read emails",
                "Storm batters coast - Daily Ledger",
                "Council votes to close pool | Riverside Post",
                "FinanceAlgosensey|Headline words",
            ],
            &["The storm battered the coast on Monday.", "Home"],
        ),
        (
            PROMPT,
            &[
                "We use cookies to improve your experience.",
                "Sign up for our newsletter",
                "Subscribe now",
                "Accept all",
            ],
            &["The council approved the budget.", "Sign of the times"],
        ),
        (
            FOOTER,
            &["© 2025 Daily Ledger. All rights reserved.", "Privacy Policy | Terms of Use", "Contact us"],
            &["The copyrighted song was removed from the album.", "Terms were agreed"],
        ),
        (
            SHARE,
            &["Share", "Share on Facebook", "Tweet", "Email Print", "Share this article"],
            &["Shares in the company fell 5% on Monday.", "Printed matter"],
        ),
        (
            AD,
            &["Advertisement", "ADVERTISEMENT", "Sponsored", "Story continues below advertisement"],
            &["The advertisement campaign drew complaints from parents across the country."],
        ),
        (
            BYLINE,
            &["By Jane Doe", "By JANE DOE, Staff Writer", "Written by Omar Haddad"],
            &["By the end of the day, the river had risen.", "by the way"],
        ),
        (
            MENU,
            &["Home News Sport Business Opinion", "World Politics Tech Science"],
            &["Home", "The talks collapsed on Friday, officials said.", "Best of the Year"],
        ),
        (
            CAMEL_GLUED,
            &["HomeNewsSportBusiness", "WorldBusinessTech"],
            &["iPhone", "McDonald", "YouTube", "PlayStation", "DeSantis", "eBay"],
        ),
        (
            READ_MORE,
            &["Read more", "Continue reading", "Click here to read more"],
            &["The reader learned more from the book than from the film."],
        ),
        (
            PAGINATION,
            &["Next", "Previous article", "Page 2 of 5", "1 2 3 4 5", "Older posts"],
            &["Next year the plant will close, the company said."],
        ),
        (
            COMMENT,
            &["Reply", "Report abuse", "Leave a comment", "Post a comment"],
            &["He did not reply to requests for comment, the newspaper said in a statement."],
        ),
        (
            PHOTO_CREDIT,
            &["Photo: Jane Doe/Daily Ledger", "(Getty Images)", "Image by Omar Haddad", "REUTERS/John Smith"],
            &["The photographer waited."],
        ),
        (URL, &["www.example.com", "Email news@example.org", "https://x.y/z"], &["Example of dots. Here."]),
        (PUNCT_ONLY, &["|", "---", "» »", "..."], &["a", "1"]),
        (FIELD, &["Date:2025-04-07", "Source: Wire", "Tags: politics, tax"], &["Dates are hard."]),
        (LIST_MARK, &["Ingredients:", "• Two eggs"], &["He said: no."]),
    ];

    proptest::proptest! {
        /// A regex gated by its loose twin answers as the regex alone, on
        /// ASCII text and on any other.
        #[test]
        fn gated_regexes_answer_as_the_regex_alone(
            words in proptest::collection::vec(
                proptest::sample::select(&[
                    "12", "3", "٣", "12:30", "2024-05-06", "1/2/24", "jan", "march", "of",
                    "5th", "3 hours", "ago", "updated", "today", "at", "é", "été", "photo",
                    "photos:", "by", "afp", "/ap", "www.", "mail@x.com", ".com", "de", "ü",
                    "“", "—", " ", "x", "Ω",
                ][..]),
                0..8,
            ),
            glue in proptest::sample::select(&["", " ", "é", "\u{a0}"][..]),
        ) {
            let t = words.join(glue);
            for re in [&*DATE_RE, &*PHOTO_RE, &*URL_RE] {
                proptest::prop_assert_eq!(re.is_match(&t), re.strict.is_match(&t), "{}", t);
            }
        }

        /// The cheap tests before the regexes never pass over a match.
        #[test]
        fn cheap_tests_never_miss_a_match(
            words in proptest::collection::vec(
                proptest::sample::select(&[
                    "Home", "home", "news", "next", "Page", "2", "3", "|", "｜", "-", "–", "—",
                    ">", "»", "›", "<", "«", "iPhone", "HomeNewsSport", "abCdeF", "x", "É",
                    "ÉtéÉté", "٣", " ", "\u{a0}", "you are here", "current:", "/", ":", "of",
                    "→", "updated", "Posted", "publish", "modified", "upd", "\t", "a-B", "Ab|Cd",
                ][..]),
                0..8,
            ),
            glue in proptest::sample::select(&["", " ", "\u{a0}", "\t"][..]),
        ) {
            let t = words.join(glue);
            let l = t.to_lowercase();
            proptest::prop_assert!(might_be_glued_title(&t) || !GLUED_TITLE_RE.is_match(&t));
            proptest::prop_assert_eq!(has_crumb_separator(&l), l.contains(['>', '»', '›', '→']));
            let update = ["updated", "published", "posted", "modified"];
            proptest::prop_assert_eq!(mentions_update(&l), update.iter().any(|w| l.contains(w)));
            proptest::prop_assert!(has_lower_then_upper(&t) || !CAMEL_GLUED_RE.is_match(&t));
            proptest::prop_assert!(might_paginate(&l) || !PAGINATION_RE.is_match(&l));
            proptest::prop_assert!(
                CRUMB_STARTS.iter().any(|w| l.starts_with(w)) || !BREADCRUMB_RE.is_match(&l)
            );
        }
    }

    proptest::proptest! {
        /// The gates of the phrase scan never close over a line that their
        /// test fires on.
        #[test]
        fn gates_never_miss_a_match(
            words in proptest::collection::vec(
                proptest::sample::select(&[
                    "Share", "share", "tweet", "Email", "print", "Facebook", "on", "this",
                    "x", "|", "•", "Photo:", "photos by", "credit", "Getty Images", "AFP",
                    "/AP", "(AP)", "Associated Press", "Reuters", "file photo", "Aktualisiert",
                    "mis à jour", "publié", "actualizado", "Bijgewerkt", "é", "“", " ", "12",
                    "de", "mayo", "sharing", "reprint", "afpx",
                ][..]),
                0..8,
            ),
            glue in proptest::sample::select(&["", " ", "\u{a0}", "/"][..]),
        ) {
            let l = words.join(glue).to_lowercase();
            let l = l.trim();
            let (_, gates) = phrase_lists(l, 8, crate::features::FEATURES_VERSION);
            proptest::prop_assert!(gates & GATE_SHARE != 0 || !is_share(l), "{}", l);
            proptest::prop_assert!(gates & GATE_PHOTO != 0 || !PHOTO_RE.is_match(l), "{}", l);
            proptest::prop_assert_eq!(
                gates & GATE_UPDATE_V9 != 0,
                UPDATE_STEMS_V9.iter().any(|w| l.contains(w)),
                "{}",
                l
            );
        }
    }

    #[test]
    fn detectors_fire_where_they_should() {
        let mut wrong = Vec::new();
        for (bit, yes, no) in CASES {
            let name = ALL.iter().find(|(b, _)| b == bit).unwrap().1;
            for line in *yes {
                if fired(line) & bit == 0 {
                    wrong.push(format!("{name} should fire on {line:?}"));
                }
            }
            for line in *no {
                if fired(line) & bit != 0 {
                    wrong.push(format!("{name} should not fire on {line:?}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Each case's lines fire its detector from features `version` on and
    /// not in the version before; its negatives never fire in `version`.
    fn assert_added_in(version: u32, cases: &[Case]) {
        let at = |line: &str, v: u32| {
            let s = LineStats::new(line, line.len());
            detect_version(line, &line.to_lowercase(), &s, v)
        };
        for (bit, yes, no) in cases {
            for line in *yes {
                assert!(
                    at(line, version) & bit != 0,
                    "version {version} should fire on {line:?}"
                );
                assert!(
                    at(line, version - 1) & bit == 0,
                    "version {} should not fire on {line:?}",
                    version - 1
                );
            }
            for line in *no {
                assert!(at(line, version) & bit == 0, "should not fire on {line:?}");
            }
        }
    }

    /// What features version 9 added fires from version 9 on, never for
    /// older versions. (detector, lines that fire it from version 9, lines
    /// that fire it for no version)
    #[test]
    fn version_9_detectors_fire_from_version_9_only() {
        let cases: &[Case] = &[
            (
                DATETIME,
                &[
                    "17 de diciembre de 2025",
                    "domingo, 10 de marzo de 2024",
                    "vor 10 Stunden",
                    "3. April 2025",
                    "Zuletzt aktualisiert am Montag",
                    "Publié hier soir",
                    "Mis à jour le vendredi 3 février 2023",
                    "il y a 5 heures",
                    "hace 2 días",
                    "12 ottobre 2024",
                    "há 3 horas",
                    "2 uur geleden",
                    "3小时前",
                ],
                &[
                    "El 17 de diciembre de 2025 el ayuntamiento aprobó el presupuesto para el año siguiente con los votos de todos los grupos.",
                    "Mayo Clinic study",
                ],
            ),
            (
                BYLINE,
                &["Ein Artikel von Katrin Vogt", "Con información de Agencia Sur", "Door Jan de Vries"],
                &["Con el tiempo, la ciudad cambió."],
            ),
            (
                FIELD,
                &["Fuente: Agencia Ibernoticias", "Quelle: dpa", "Foto: Marta Ruiz"],
                &["Fuente de la información pública y abierta del ayuntamiento"],
            ),
        ];
        assert_added_in(9, cases);
    }

    #[test]
    fn version_10_detectors_fire_from_version_10_only() {
        let cases: &[Case] = &[
            (
                SECTION_HEADER,
                &[
                    "Mehr zum Thema",
                    "Sur le même sujet :",
                    "Noticias relacionadas",
                    "I più letti",
                    "Leia também",
                    "Meest gelezen",
                    "相关阅读",
                    "関連記事",
                ],
                &["Mehr zum Thema Wohnungsbau lesen Sie morgen in unserer Ausgabe."],
            ),
            (
                SHARE,
                &[
                    "Teilen",
                    "Partager sur Facebook",
                    "Compartir en WhatsApp",
                    "Condividi",
                    "分享到：微信 微博",
                    "シェア",
                ],
                &["Wir teilen die Sorge der Eltern, sagte die Ministerin."],
            ),
            (
                PROMPT,
                &[
                    "Jetzt abonnieren",
                    "Abonnez-vous pour lire la suite",
                    "Suscríbete a nuestro boletín",
                    "Volg ons op Instagram",
                    "扫码关注我们的公众号",
                ],
                &["Die Gemeinde hat 4.000 Abonnenten ihres Amtsblatts."],
            ),
            (
                FOOTER,
                &[
                    "Alle Rechte vorbehalten.",
                    "Mentions légales",
                    "Todos los derechos reservados",
                    "版权所有 未经授权不得转载",
                ],
                &[],
            ),
            (AD, &["Werbung", "Pubblicità", "广告"], &[]),
            (
                READ_MORE,
                &["Lesen Sie auch", "Lire aussi", "Leggi anche", "阅读全文"],
                &[],
            ),
            (
                COMMENT,
                &[
                    "Antworten",
                    "Répondre",
                    "Responder",
                    "Kommentare (12)",
                    "回复",
                    "返信",
                ],
                &[],
            ),
        ];
        assert_added_in(10, cases);
    }

    /// What features version 14 added (see [`detect_version`]) fires from
    /// version 14 only; a sentence that merely mentions the words does not.
    #[test]
    fn version_14_detectors_fire_from_version_14_only() {
        let cases: &[Case] = &[
            (
                COUNTER,
                &[
                    "784-mal geteilt",
                    "39 partages",
                    "25 réactions",
                    "12 comentarios",
                    "7 commenti",
                    "3 reacties",
                    "阅读 1234",
                    "1234次阅读",
                ],
                &["Die Zahl der Kommentare stieg auf 25, sagte die Redaktion."],
            ),
            (
                FIELD,
                &["来源：每日新闻网", "稿件来源：东方通讯社"],
                &["来源不明的消息在网上流传，警方提醒市民不要转发。"],
            ),
            (
                AD,
                &[
                    "Sponsored: These garden tools are selling fast this spring",
                    "Ad: Compare fixed-rate mortgages from 3.9% today",
                    "Anuncio: Compara seguros de coche y ahorra hasta un 40 %",
                    "Scroll to continue with content",
                ],
                &["The ad campaign ran for six weeks: the agency said it worked."],
            ),
            (
                BYLINE,
                &[
                    "Reporting by Peter Ng; Editing by Priya Raman",
                    "Antoine Lefèvre, journaliste",
                    "Marta Ruiz, corresponsal",
                    "记者 陈晓燕",
                    "通讯员 张婷 刘洋",
                    "责任编辑：吴梦溪",
                ],
                &[
                    "编辑部表示，新版网站将于下月上线，读者可以提前试用。",
                    "Reporting by the agency showed that prices rose, the minister said in a statement on Monday.",
                    "Le journaliste a été entendu par la police, a indiqué le parquet.",
                ],
            ),
        ];
        assert_added_in(14, cases);
    }

    /// What features version 16 added (see [`detect_version`]) fires from
    /// version 16 only; prose, quotations, mappings, a place after a
    /// label and a profile's sentence that names no writer's role do not.
    #[test]
    fn version_16_detectors_fire_from_version_16_only() {
        assert_added_in(16, CASES_16);
    }

    /// The cases of the detectors and forms features version 16 added.
    const CASES_16: &[Case] = &[
        (
            BIO,
            &[
                "Marta Quell is a freelance writer who covers food, farming and small-town politics from her home in the hills.",
                "Devan Oyelaran is the founder of a small cycling blog and has been riding to work in all weathers since 2015.",
                "Tomasz Wren writes about personal finance, pensions and the cost of renting for several regional papers.",
                "He is a former teacher and a certified nutritionist, and a keen trail runner on his days off.",
                "Ines Baptiste has over 12 years of experience in digital marketing and now advises charities on their campaigns.",
                "Lina is a content writer with a soft spot for small museums and long train journeys.",
            ],
            &[
                "The council is a partner in the scheme and the editor of the report said it would be published in May.",
                "Marta Quell said the farm would reopen in spring, after the flood damage to the barns had been repaired.",
                "This is a writer's dream, she said, looking out over the bay from the old lighthouse keeper's cottage.",
                "Marta Quell is a writer.",
                "It is an expert system that sorts the parcels by size before they reach the loading bay at night.",
                "Medicare covers the cost of the new vaccine for people over 65, officials said on Monday.",
                "She lives in a two-bedroom flat in Leeds with her three children and works night shifts.",
                "He graduated from Oxford in 1998 and joined the foreign office two years later.",
                "Germany is the largest contributor to the fund, which was set up in 2020.",
                "Apple is the biggest customer of the chip specialist, according to analysts at the bank.",
                "He writes about it at length in his new memoir, published in May by a small press.",
                "He has been writing to the council since March about the broken street lights.",
                "Musk is the founder of the rocket company and its largest shareholder by far.",
            ],
        ),
        (
            BREADCRUMB,
            &[
                "Portada > Política",
                "Portada>Salud",
                "首页 » 体育",
                "首页>财经>股市",
                "Inici › Ciència",
                "Front page / Local news",
                "Portada >> TiempoQuilvex",
                "Sie sind hier: Startseite / Panorama",
                "Vous êtes ici : Accueil >> Arts",
                "Estás en: Noticias",
                "当前位置：首页 > 社会",
                "您的位置：新闻中心",
                "Location: Front page / Tech",
                "Position : Accueil › Culture|Un pont rouvre après deux ans de travaux",
                "Ubicación: Portada > Fútbol",
                "Sport › Football",
                "Wirtschaft » Energie",
            ],
            &[
                "Prices rose > 5% in May",
                "Er sagte »Ja« und ging",
                "Pages → Blocks",
                "Location: Lyon",
                "Position: third in the table",
                "Start a new life abroad",
                "Homes for sale near the river",
                "The council voted 7 > 3 on Monday.",
                "if a > b then",
                "Read more »",
                "« Previous | Next »",
                "Sie sind hier, weil die Stadt es so wollte.",
                "Click File > Export",
                "Progress > Perfection",
                "Day 2: Lyon › Avignon",
                "Marin »Emme anna periksi»",
                "Location: Berlin / Hybrid",
                "Position: Defender / Midfielder",
                "Ubicación: Madrid / Barcelona",
                "Location: Lyon/Villeurbanne / Culture",
            ],
        ),
    ];

    #[test]
    fn every_detector_has_a_case_and_a_unique_bit() {
        for (bit, name) in ALL {
            assert!(
                CASES.iter().chain(CASES_16).any(|c| c.0 == *bit),
                "no test case for {name}"
            );
            assert_eq!(ALL.iter().filter(|(b, _)| b == bit).count(), 1);
        }
    }

    #[test]
    fn section_headers_are_sorted() {
        assert!(SECTION_HEADERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn empty_and_blank_lines_fire_nothing() {
        assert_eq!(fired(""), 0);
        assert_eq!(fired("   "), 0);
    }
}
