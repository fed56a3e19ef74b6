//! Words, their shapes, and the stop-word list.

/// Splits a line into words: runs of letters and digits, with `'`, `’`, `.`,
/// `-` and `&` kept inside a word (`don't`, `U.S.`, `e-mail`, `AT&T`).
/// Calls `f(word)` for each word, at most `max` times.
pub fn for_each_word<'a>(text: &'a str, max: usize, f: impl FnMut(&'a str)) {
    split_words(text, max, true, f)
}

/// [`for_each_word`], with Chinese characters and Japanese kana as words of
/// their own only when `cjk` is set (features version 3 on; version 2
/// kept a run of them as one word).
pub fn split_words<'a>(text: &'a str, max: usize, cjk: bool, mut f: impl FnMut(&'a str)) {
    let mut count = 0;
    // Hands a word on; true once `max` words have been.
    let mut emit = |w: &'a str| {
        f(w);
        count += 1;
        count >= max
    };
    let mut start: Option<usize> = None;
    let mut last_alnum_end = 0;
    for (i, c) in text.char_indices() {
        if cjk && is_cjk(c) {
            // Chinese and Japanese are written without spaces: each
            // character is a word of its own.
            if let Some(s) = start.take() {
                if emit(&text[s..last_alnum_end]) {
                    return;
                }
            }
            if emit(&text[i..i + c.len_utf8()]) {
                return;
            }
        } else if is_alphanumeric(c) {
            if start.is_none() {
                start = Some(i);
            }
            last_alnum_end = i + c.len_utf8();
        } else if start.is_some() && matches!(c, '\'' | '’' | '.' | '-' | '&') {
            // maybe inside a word; decided by what follows
        } else if let Some(s) = start.take() {
            if emit(&text[s..last_alnum_end]) {
                return;
            }
        }
    }
    if let Some(s) = start {
        emit(&text[s..last_alnum_end]);
    }
}

/// Whether a character is in the General Punctuation block (U+2000 to
/// U+206F: spaces, dashes, quotes, bullets), which holds no letter and no
/// digit: after ASCII, the most common characters of news text.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// Whether a character is a letter of Latin-1 or Latin Extended-A or B
/// (U+00C0 to U+024F: `é`, `ß`, `ł`, `ș`), where every character but `×`
/// and `÷` is a letter: the letters of European text beyond ASCII,
/// answered without the Unicode tables. `None` outside those blocks.
fn is_latin_letter(c: char) -> Option<bool> {
    ('\u{c0}'..='\u{24f}')
        .contains(&c)
        .then_some(c != '×' && c != '÷')
}

/// `c.is_alphanumeric()`, without the Unicode tables for the characters
/// of the General Punctuation block and the Latin letters of
/// [`is_latin_letter`].
pub fn is_alphanumeric(c: char) -> bool {
    if let Some(letter) = is_latin_letter(c) {
        return letter;
    }
    !is_general_punctuation(c) && c.is_alphanumeric()
}

/// `c.is_alphabetic()`, without the Unicode tables for the characters of
/// the General Punctuation block and the Latin letters of
/// [`is_latin_letter`].
pub fn is_alphabetic(c: char) -> bool {
    if let Some(letter) = is_latin_letter(c) {
        return letter;
    }
    !is_general_punctuation(c) && c.is_alphabetic()
}

/// `c.is_numeric()`, without the Unicode tables for the characters of the
/// General Punctuation block.
pub fn is_numeric(c: char) -> bool {
    !is_general_punctuation(c) && c.is_numeric()
}

/// Whether a character is a Chinese character or Japanese kana (scripts
/// written without spaces between words).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
        | '\u{f900}'..='\u{faff}' // compatibility ideographs
        | '\u{20000}'..='\u{2a6df}' // extension B
    )
}

/// Lower-cases a word into `buf`, mapping every digit to `0` so that
/// numbers share features by shape (`2025` -> `0000`, `1,234` -> `0,000`).
pub fn normalise_word(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii_digit() {
            buf.push('0');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

/// The shape of a word: `Xx` (capitalised), `x` (lower), `X` (all caps),
/// `0` (digits), `xX` (camel case inside), `0x` (mixed with digits).
pub fn word_shape(word: &str) -> &'static str {
    let mut upper = 0;
    let mut lower = 0;
    let mut digit = 0;
    let mut inner_upper = false;
    let mut prev_lower = false;
    let mut first_upper = false;
    for (i, c) in word.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            }
            if prev_lower {
                inner_upper = true;
            }
            prev_lower = false;
        } else if c.is_lowercase() {
            lower += 1;
            prev_lower = true;
        } else if c.is_numeric() {
            digit += 1;
            prev_lower = false;
        } else {
            prev_lower = false;
        }
    }
    shape_of(upper, lower, digit, inner_upper, first_upper)
}

/// The shape of a word from its counts of capitals, lower-case letters and
/// digits, whether a capital follows a lower-case letter inside it and
/// whether it starts with a capital (see [`word_shape`]).
pub fn shape_of(
    upper: usize,
    lower: usize,
    digit: usize,
    inner_upper: bool,
    first_upper: bool,
) -> &'static str {
    if digit > 0 && upper + lower == 0 {
        "0"
    } else if digit > 0 {
        "0x"
    } else if inner_upper {
        "xX"
    } else if upper > 0 && lower == 0 {
        if upper == 1 {
            "Xx"
        } else {
            "X"
        }
    } else if first_upper {
        "Xx"
    } else if lower > 0 {
        "x"
    } else {
        "?"
    }
}

/// Whether a lower-cased word is a function word (English, and the most
/// common of German, French and Spanish): the list of features version 2,
/// `STOP_WORDS`, also used by brand discovery.
pub fn is_stop_word(lower: &str) -> bool {
    WORD_TABLES.stop.contains(lower)
}

/// Whether a lower-cased word is a function word in any of the languages
/// features version 3 knows: [`is_stop_word`]'s, and the most common of
/// Russian and Ukrainian, and Chinese and Japanese function characters. A
/// line of prose in these languages then has the share of function words
/// that marks prose. Only words in other scripts are added, so that no
/// Latin-script line changes (Italian `per` or Dutch `van` would also count
/// in English lines).
pub fn is_function_word(lower: &str) -> bool {
    WORD_TABLES.function.contains(lower)
}

/// The two word lists as tables of packed words: every word of the lists
/// is at most 7 bytes long, so a word is one `u64` (its bytes and its
/// length) and a look-up is one multiply and, mostly, one compare. Every
/// word of every line is looked up, most of them more than once.
struct WordTables {
    stop: WordTable,
    function: WordTable,
}

static WORD_TABLES: std::sync::LazyLock<WordTables> = std::sync::LazyLock::new(|| WordTables {
    stop: WordTable::new(STOP_WORDS.iter()),
    function: WordTable::new(STOP_WORDS.iter().chain(EXTRA_FUNCTION_WORDS)),
});

/// An open-addressing set of words of at most 7 bytes, packed by [`pack`].
struct WordTable {
    slots: Vec<u64>,
}

/// A word of 1 to 7 bytes as a `u64`: its bytes, and its length in the top
/// byte (so no packed word is 0, the empty slot).
fn pack(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 7 {
        return None;
    }
    let mut k = [0u8; 8];
    k[..b.len()].copy_from_slice(b);
    k[7] = b.len() as u8;
    Some(u64::from_le_bytes(k))
}

impl WordTable {
    /// 1,024 slots: at most a quarter of them are used.
    const BITS: u32 = 10;

    fn new<'a>(words: impl Iterator<Item = &'a &'a str>) -> WordTable {
        let mut t = WordTable {
            slots: vec![0; 1 << Self::BITS],
        };
        for w in words {
            let key = pack(w.as_bytes()).expect("list words are 1 to 7 bytes");
            let mut i = Self::home(key);
            while t.slots[i] != 0 && t.slots[i] != key {
                i = (i + 1) & ((1 << Self::BITS) - 1);
            }
            t.slots[i] = key;
        }
        assert!(t.slots.iter().filter(|&&k| k != 0).count() <= 1 << (Self::BITS - 2));
        t
    }

    fn home(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::BITS)) as usize
    }

    fn contains(&self, w: &str) -> bool {
        let Some(key) = pack(w.as_bytes()) else {
            return false;
        };
        let mut i = Self::home(key);
        loop {
            match self.slots[i] {
                0 => return false,
                k if k == key => return true,
                _ => i = (i + 1) & ((1 << Self::BITS) - 1),
            }
        }
    }
}

/// The stop words, sorted: the list [`is_stop_word`] knows.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "al", "all", "also", "an", "and", "any", "are", "as", "at", "auf",
    "aus", "be", "because", "been", "before", "bei", "being", "but", "by", "can", "could", "da",
    "das", "dass", "de", "del", "dem", "den", "der", "des", "did", "die", "do", "does", "du",
    "durch", "ein", "eine", "einem", "einen", "einer", "el", "en", "es", "est", "et", "for",
    "from", "für", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "im",
    "in", "into", "is", "ist", "it", "its", "la", "las", "le", "les", "lo", "los", "mit", "more",
    "most", "my", "nach", "nicht", "no", "not", "now", "of", "on", "one", "only", "or", "other",
    "our", "out", "over", "par", "para", "pas", "por", "pour", "que", "qui", "said", "se", "she",
    "sich", "sie", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "un", "una", "und", "une", "up", "us", "very", "von",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with", "would",
    "y", "you", "your", "zu", "zum", "zur",
];

/// The function words [`is_function_word`] adds to [`STOP_WORDS`], sorted;
/// all in other scripts than the Latin.
const EXTRA_FUNCTION_WORDS: &[&str] = &[
    "а", "або", "але", "без", "бы", "был", "в", "вже", "во", "все", "вы", "від", "він", "для",
    "до", "его", "ещё", "её", "же", "за", "и", "из", "или", "их", "к", "как", "мы", "на", "над",
    "не", "ни", "но", "о", "об", "он", "она", "они", "оно", "от", "по", "под", "при", "про", "с",
    "со", "та", "так", "то", "у", "уже", "це", "что", "ще", "що", "это", "я", "і", "їх", "її",
    "が", "し", "た", "て", "で", "と", "な", "に", "の", "は", "も", "を", "不", "与", "也", "了",
    "从", "他", "们", "及", "和", "在", "她", "对", "将", "就", "我", "或", "把", "是", "有", "的",
    "而", "被", "这", "那", "都",
];

#[cfg(test)]
mod tests {

    #[test]
    fn fast_letter_tests_agree_with_the_unicode_tables_on_every_char() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
    }
    use super::*;

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        for c in ['a', 'É', '9', '٣', '中', '’', '-', ' '] {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
    }

    fn words(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        for_each_word(s, 100, |w| v.push(w));
        v
    }

    #[test]
    fn splits_words() {
        let cases: &[(&str, &[&str])] = &[
            ("Hello, world!", &["Hello", "world"]),
            ("don't stop-me now.", &["don't", "stop-me", "now"]),
            ("U.S. troops", &["U.S", "troops"]),
            ("veryGood! (479)", &["veryGood", "479"]),
            ("1,234 views", &["1", "234", "views"]),
            ("--- | »", &[]),
            ("Ünïcödé wörds", &["Ünïcödé", "wörds"]),
        ];
        for (input, want) in cases {
            assert_eq!(words(input), *want, "{input}");
        }
    }

    #[test]
    fn word_cap_is_respected() {
        let mut n = 0;
        for_each_word(&"word ".repeat(1000), 10, |_| n += 1);
        assert_eq!(n, 10);
    }

    #[test]
    fn shapes() {
        let cases = [
            ("Hello", "Xx"),
            ("hello", "x"),
            ("NASA", "X"),
            ("2025", "0"),
            ("iPhone", "xX"),
            ("Algosenseywho", "Xx"),
            ("FinanceAlgosensey", "xX"),
            ("4G", "0x"),
            ("A", "Xx"),
        ];
        for (w, s) in cases {
            assert_eq!(word_shape(w), s, "{w}");
        }
    }

    #[test]
    fn stop_words_are_sorted_and_found() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        for w in STOP_WORDS {
            assert!(is_stop_word(w), "{w}");
        }
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("typhoon"));
    }

    #[test]
    fn function_words_add_languages_and_keep_the_old_list() {
        assert!(EXTRA_FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        for w in STOP_WORDS.iter().chain(EXTRA_FUNCTION_WORDS) {
            assert!(is_function_word(w), "{w}");
        }
        for w in EXTRA_FUNCTION_WORDS {
            assert!(!is_stop_word(w), "{w} changes features version 2");
        }
        for w in ["typhoon", "город", "новости", "市长", "council"] {
            assert!(!is_function_word(w), "{w}");
        }
    }

    #[test]
    fn chinese_and_japanese_characters_are_words_from_version_3() {
        let split = |s: &str, cjk: bool| {
            let mut v = Vec::new();
            split_words(s, 100, cjk, |w| v.push(w.to_string()));
            v
        };
        assert_eq!(
            split("市长说，明天开会。", true),
            ["市", "长", "说", "明", "天", "开", "会"]
        );
        assert_eq!(split("市长说，明天开会。", false), ["市长说", "明天开会"]);
        assert_eq!(split("東京のニュースiPhone 16", true).len(), 9);
        assert_eq!(split("Город и 市长", true), ["Город", "и", "市", "长"]);
        let mut n = 0;
        split_words(&"字".repeat(50), 10, true, |_| n += 1);
        assert_eq!(n, 10);
    }

    #[test]
    fn normalises_numbers() {
        let mut b = String::new();
        normalise_word("Year2025", &mut b);
        assert_eq!(b, "year0000");
    }
}
