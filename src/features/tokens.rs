//! Words, their shapes, and the stop-word list.

/// Splits a line into words: runs of letters and digits, with `'`, `’`, `.`,
/// `-` and `&` kept inside a word (`don't`, `U.S.`, `e-mail`, `AT&T`).
/// Calls `f(word)` for each word, at most `max` times.
pub fn for_each_word<'a>(text: &'a str, max: usize, mut f: impl FnMut(&'a str)) {
    let mut count = 0;
    let mut start: Option<usize> = None;
    let mut last_alnum_end = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            last_alnum_end = i + c.len_utf8();
        } else if start.is_some() && matches!(c, '\'' | '’' | '.' | '-' | '&') {
            // maybe inside a word; decided by what follows
        } else if let Some(s) = start.take() {
            f(&text[s..last_alnum_end]);
            count += 1;
            if count >= max {
                return;
            }
        }
    }
    if let Some(s) = start {
        f(&text[s..last_alnum_end]);
    }
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
/// common of German, French and Spanish).
pub fn is_stop_word(lower: &str) -> bool {
    // A `match` compiles to a length switch and a few compares: this is on
    // the hot path (every word of every line).
    if lower.len() > 7 {
        return false;
    }
    matches!(
        lower,
        "a" | "about"
            | "after"
            | "al"
            | "all"
            | "also"
            | "an"
            | "and"
            | "any"
            | "are"
            | "as"
            | "at"
            | "auf"
            | "aus"
            | "be"
            | "because"
            | "been"
            | "before"
            | "bei"
            | "being"
            | "but"
            | "by"
            | "can"
            | "could"
            | "da"
            | "das"
            | "dass"
            | "de"
            | "del"
            | "dem"
            | "den"
            | "der"
            | "des"
            | "did"
            | "die"
            | "do"
            | "does"
            | "du"
            | "durch"
            | "ein"
            | "eine"
            | "einem"
            | "einen"
            | "einer"
            | "el"
            | "en"
            | "es"
            | "est"
            | "et"
            | "for"
            | "from"
            | "für"
            | "had"
            | "has"
            | "have"
            | "he"
            | "her"
            | "here"
            | "him"
            | "his"
            | "how"
            | "i"
            | "if"
            | "im"
            | "in"
            | "into"
            | "is"
            | "ist"
            | "it"
            | "its"
            | "la"
            | "las"
            | "le"
            | "les"
            | "lo"
            | "los"
            | "mit"
            | "more"
            | "most"
            | "my"
            | "nach"
            | "nicht"
            | "no"
            | "not"
            | "now"
            | "of"
            | "on"
            | "one"
            | "only"
            | "or"
            | "other"
            | "our"
            | "out"
            | "over"
            | "par"
            | "para"
            | "pas"
            | "por"
            | "pour"
            | "que"
            | "qui"
            | "said"
            | "se"
            | "she"
            | "sich"
            | "sie"
            | "so"
            | "some"
            | "such"
            | "than"
            | "that"
            | "the"
            | "their"
            | "them"
            | "then"
            | "there"
            | "these"
            | "they"
            | "this"
            | "those"
            | "to"
            | "un"
            | "una"
            | "und"
            | "une"
            | "up"
            | "us"
            | "very"
            | "von"
            | "was"
            | "we"
            | "were"
            | "what"
            | "when"
            | "where"
            | "which"
            | "while"
            | "who"
            | "will"
            | "with"
            | "would"
            | "y"
            | "you"
            | "your"
            | "zu"
            | "zum"
            | "zur"
    )
}

/// The stop words, sorted (the list `is_stop_word` matches; kept for tests).
#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn normalises_numbers() {
        let mut b = String::new();
        normalise_word("Year2025", &mut b);
        assert_eq!(b, "year0000");
    }
}
