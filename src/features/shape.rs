//! Line shape: length, punctuation, capitals, digits, symbols, stop words.

use super::tokens::{
    is_alphabetic, is_function_word, is_numeric, is_stop_word, normalise_word, shape_of,
    split_words, word_shape,
};

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `.`
    Period,
    /// `!`
    Bang,
    /// `?`
    Question,
    /// `:`
    Colon,
    /// `,` or `;`
    Comma,
    /// A closing quote or bracket after `.!?`.
    QuotedStop,
    /// `)` or `]` not after a full stop.
    Bracket,
    /// `…` or `...`
    Ellipsis,
    /// A digit.
    Digit,
    /// A letter.
    Letter,
    /// Anything else.
    Other,
}

impl End {
    /// Name used in feature strings.
    pub fn name(self) -> &'static str {
        match self {
            End::Period => "period",
            End::Bang => "bang",
            End::Question => "question",
            End::Colon => "colon",
            End::Comma => "comma",
            End::QuotedStop => "quotedstop",
            End::Bracket => "bracket",
            End::Ellipsis => "ellipsis",
            End::Digit => "digit",
            End::Letter => "letter",
            End::Other => "other",
        }
    }

    /// Whether the line ends like a sentence.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            End::Period | End::Bang | End::Question | End::QuotedStop | End::Ellipsis
        )
    }
}

/// Counts over one line's text, computed once and shared by its own
/// features, the detectors and its neighbours' context features.
#[derive(Debug, Clone, Default)]
pub struct LineStats {
    /// Characters (of the featurised prefix).
    pub chars: usize,
    /// Bytes of the whole line (not only the prefix).
    pub full_bytes: usize,
    /// Words.
    pub words: usize,
    /// Words starting with a capital.
    pub cap_words: usize,
    /// Words in capitals only (2+ letters).
    pub upper_words: usize,
    /// Words made of digits.
    pub num_words: usize,
    /// Stop words.
    pub stop_words: usize,
    /// Words with a capital after a lower-case letter (`iPhone`, `HomeNews`).
    pub camel_words: usize,
    /// Letters.
    pub letters: usize,
    /// Digits.
    pub digits: usize,
    /// Characters that are neither letters, digits nor white space.
    pub symbols: usize,
    /// Commas.
    pub commas: usize,
    /// Sentence breaks inside the line (`. X`).
    pub breaks: usize,
    /// Separator characters: `|`, `»`, `›`, `>`, `•`, `·`, `/`.
    pub separators: usize,
    /// How the line ends.
    pub end: Option<End>,
    /// The first character.
    pub first: Option<char>,
    /// Total length of words in characters.
    pub word_chars: usize,
}

impl LineStats {
    /// Computes the stats of a line (as features version 3 does).
    pub fn new(text: &str, full_bytes: usize) -> LineStats {
        LineStats::with_words(text, full_bytes, 0, true, |_, _| {})
    }

    /// Computes the stats of a line and, in the same pass over its words,
    /// calls `on_word` with each of its first `max_words` words normalised
    /// ([`normalise_word`]) and whether it is a function word (a stop word
    /// in version 2). `multilingual` selects features version 3 (Chinese
    /// and Japanese characters as words, function words and sentence ends
    /// of more languages) over version 2.
    pub fn with_words(
        text: &str,
        full_bytes: usize,
        max_words: usize,
        multilingual: bool,
        on_word: impl FnMut(&str, bool),
    ) -> LineStats {
        Self::with_words_by(
            text,
            full_bytes,
            max_words,
            multilingual,
            text.is_ascii(),
            on_word,
        )
    }

    /// [`LineStats::with_words`], with the byte-by-byte path for ASCII text
    /// (most lines) when `ascii`, else character by character: the same
    /// counts, words and shapes either way on ASCII text.
    fn with_words_by(
        text: &str,
        full_bytes: usize,
        max_words: usize,
        multilingual: bool,
        ascii: bool,
        on_word: impl FnMut(&str, bool),
    ) -> LineStats {
        let s = if ascii {
            Self::ascii_counts(text, full_bytes)
        } else {
            Self::char_counts(text, full_bytes)
        };
        finish(s, text, max_words, multilingual, ascii, on_word)
    }

    /// The character counts of any text, character by character.
    fn char_counts(text: &str, full_bytes: usize) -> LineStats {
        let mut s = LineStats {
            full_bytes,
            ..Default::default()
        };
        let mut prev: [char; 2] = [' ', ' '];
        for c in text.chars() {
            s.chars += 1;
            if is_alphabetic(c) {
                s.letters += 1;
                if c.is_uppercase() && prev[1] == ' ' && matches!(prev[0], '.' | '!' | '?') {
                    s.breaks += 1;
                }
            } else if is_numeric(c) {
                s.digits += 1;
            } else if !c.is_whitespace() {
                s.symbols += 1;
                match c {
                    ',' => s.commas += 1,
                    '|' | '»' | '›' | '>' | '•' | '·' | '/' | '«' | '‹' => {
                        s.separators += 1
                    }
                    _ => {}
                }
            }
            prev = [prev[1], c];
        }
        s
    }

    /// The character counts of ASCII text, byte by byte.
    fn ascii_counts(text: &str, full_bytes: usize) -> LineStats {
        let b = text.as_bytes();
        let mut s = LineStats {
            full_bytes,
            chars: b.len(),
            ..Default::default()
        };
        let mut prev: [u8; 2] = [b' ', b' '];
        for &x in b {
            if x.is_ascii_alphabetic() {
                s.letters += 1;
                if x.is_ascii_uppercase()
                    && prev[1] == b' '
                    && matches!(prev[0], b'.' | b'!' | b'?')
                {
                    s.breaks += 1;
                }
            } else if x.is_ascii_digit() {
                s.digits += 1;
            } else if !matches!(x, 0x09..=0x0d | b' ') {
                s.symbols += 1;
                match x {
                    b',' => s.commas += 1,
                    b'|' | b'>' | b'/' => s.separators += 1,
                    _ => {}
                }
            }
            prev = [prev[1], x];
        }
        s
    }

    /// Share of stop words among words.
    pub fn stop_share(&self) -> f32 {
        ratio(self.stop_words, self.words)
    }

    /// Whether the line reads like a sentence of prose.
    pub fn is_prose(&self) -> bool {
        self.words >= 8
            && self.stop_share() >= 0.12
            && (self.end.is_some_and(End::is_terminal) || self.words >= 20)
    }

    /// Whether the line is short and does not end like a sentence (menu
    /// items, headers, labels).
    pub fn is_short(&self) -> bool {
        self.words <= 4 && !self.end.is_some_and(End::is_terminal)
    }

    /// Bucket of the character length.
    pub fn len_bucket(&self) -> &'static str {
        bucket(
            self.chars,
            &[
                (3, "0-3"),
                (10, "4-10"),
                (20, "11-20"),
                (40, "21-40"),
                (80, "41-80"),
                (160, "81-160"),
                (320, "161-320"),
                (1000, "321-1000"),
            ],
            "1000+",
        )
    }

    /// Bucket of the word count.
    pub fn words_bucket(&self) -> &'static str {
        bucket(
            self.words,
            &[
                (0, "0"),
                (1, "1"),
                (2, "2"),
                (3, "3"),
                (5, "4-5"),
                (8, "6-8"),
                (12, "9-12"),
                (20, "13-20"),
                (35, "21-35"),
                (60, "36-60"),
            ],
            "60+",
        )
    }
}

/// The rest of a line's stats after its characters are counted: its
/// first character and end, and its words (split byte by byte for an ASCII
/// line), each counted by shape and handed on normalised while
/// `max_words` allows.
fn finish(
    mut s: LineStats,
    text: &str,
    max_words: usize,
    multilingual: bool,
    ascii: bool,
    mut on_word: impl FnMut(&str, bool),
) -> LineStats {
    let trimmed = text.trim();
    s.first = trimmed.chars().next();
    s.end = end_of(trimmed, multilingual);
    let stop = if multilingual {
        is_function_word
    } else {
        is_stop_word
    };
    let mut buf = String::new();
    let mut word = |w: &str| {
        s.words += 1;
        let (chars, shape) = if ascii {
            (w.len(), ascii_word_shape(w.as_bytes()))
        } else {
            (w.chars().count(), word_shape(w))
        };
        s.word_chars += chars;
        match shape {
            "Xx" => s.cap_words += 1,
            "X" => {
                s.cap_words += 1;
                s.upper_words += 1;
            }
            "xX" => s.camel_words += 1,
            "0" => s.num_words += 1,
            _ => {}
        }
        let wanted = s.words <= max_words;
        if wanted || w.len() <= 7 {
            if ascii && !w.bytes().any(|x| x.is_ascii_digit()) {
                // Most words: copied and lower-cased in place.
                buf.clear();
                buf.push_str(w);
                buf.make_ascii_lowercase();
            } else if ascii {
                buf.clear();
                buf.extend(w.bytes().map(|x| {
                    if x.is_ascii_digit() {
                        '0'
                    } else {
                        x.to_ascii_lowercase() as char
                    }
                }));
            } else {
                normalise_word(w, &mut buf);
            }
            // (Every function word has at most 7 bytes: no look-up for
            // longer words.)
            let function_word = buf.len() <= 7 && stop(&buf);
            if w.len() <= 7 && function_word {
                s.stop_words += 1;
            }
            if wanted {
                on_word(&buf, function_word);
            }
        }
    };
    if ascii {
        split_ascii_words(text, &mut word);
    } else {
        split_words(text, usize::MAX, multilingual, &mut word);
    }
    s
}

/// [`split_words`] of an ASCII line, byte by byte.
fn split_ascii_words<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let b = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut last_alnum_end = 0;
    for (i, &x) in b.iter().enumerate() {
        if x.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            last_alnum_end = i + 1;
        } else if start.is_some() && matches!(x, b'\'' | b'.' | b'-' | b'&') {
            // maybe inside a word; decided by what follows
        } else if let Some(st) = start.take() {
            f(&text[st..last_alnum_end]);
        }
    }
    if let Some(st) = start {
        f(&text[st..last_alnum_end]);
    }
}

/// [`word_shape`] of an ASCII word.
fn ascii_word_shape(word: &[u8]) -> &'static str {
    let (mut upper, mut lower, mut digit) = (0, 0, 0);
    let mut inner_upper = false;
    let mut prev_lower = false;
    for &x in word {
        if x.is_ascii_uppercase() {
            upper += 1;
            inner_upper |= prev_lower;
            prev_lower = false;
        } else if x.is_ascii_lowercase() {
            lower += 1;
            prev_lower = true;
        } else {
            digit += usize::from(x.is_ascii_digit());
            prev_lower = false;
        }
    }
    let first_upper = word.first().is_some_and(u8::is_ascii_uppercase);
    shape_of(upper, lower, digit, inner_upper, first_upper)
}

fn end_of(trimmed: &str, multilingual: bool) -> Option<End> {
    let mut rev = trimmed.chars().rev();
    let last = rev.next()?;
    let before = rev.next();
    if multilingual {
        // Sentence ends of Chinese, Japanese, Arabic and Hindi text.
        match last {
            '。' | '．' | '｡' | '।' => return Some(End::Period),
            '！' => return Some(End::Bang),
            '？' | '؟' => return Some(End::Question),
            '」' | '』' | '）' | '”' | '"'
                if before.is_some_and(|b| matches!(b, '。' | '！' | '？')) =>
            {
                return Some(End::QuotedStop)
            }
            _ => {}
        }
    }
    Some(match last {
        '.' if trimmed.ends_with("...") => End::Ellipsis,
        '.' => End::Period,
        '!' => End::Bang,
        '?' => End::Question,
        ':' => End::Colon,
        ',' | ';' => End::Comma,
        '…' => End::Ellipsis,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']'
            if before.is_some_and(|b| matches!(b, '.' | '!' | '?' | '…')) =>
        {
            End::QuotedStop
        }
        ')' | ']' => End::Bracket,
        c if c.is_numeric() => End::Digit,
        c if c.is_alphabetic() => End::Letter,
        _ => End::Other,
    })
}

/// `a / b`, or 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 {
        0.0
    } else {
        a as f32 / b as f32
    }
}

/// The name of the first bucket whose upper bound is `>= x`.
pub fn bucket(x: usize, bounds: &[(usize, &'static str)], over: &'static str) -> &'static str {
    bounds
        .iter()
        .find(|(b, _)| x <= *b)
        .map_or(over, |(_, n)| n)
}

/// A share in 0..=1 as one of five buckets.
pub fn share_bucket(x: f32) -> &'static str {
    if x <= 0.0 {
        "0"
    } else if x < 0.2 {
        "lt20"
    } else if x < 0.4 {
        "lt40"
    } else if x < 0.6 {
        "lt60"
    } else if x < 0.8 {
        "lt80"
    } else {
        "ge80"
    }
}

/// Emits the shape features of a line: `emit(prefix, value)`.
pub fn emit_shape(s: &LineStats, mut emit: impl FnMut(&str, &str)) {
    emit("len=", s.len_bucket());
    emit("words=", s.words_bucket());
    emit("end=", s.end.map_or("none", End::name));
    if s.words >= 2 {
        emit("caps=", share_bucket(ratio(s.cap_words, s.words)));
        emit("stop=", share_bucket(s.stop_share()));
    }
    if s.upper_words >= 2 && s.upper_words == s.cap_words && s.upper_words * 2 >= s.words {
        emit("allcaps", "");
    }
    let alnum = s.letters + s.digits;
    emit("digits=", share_bucket(ratio(s.digits, alnum)));
    emit("symbols=", share_bucket(ratio(s.symbols, s.chars)));
    if let Some(avg) = s.word_chars.checked_div(s.words) {
        emit(
            "avgword=",
            bucket(avg, &[(2, "1-2"), (4, "3-4"), (6, "5-6"), (8, "7-8")], "9+"),
        );
    }
    emit(
        "commas=",
        bucket(s.commas, &[(0, "0"), (1, "1"), (3, "2-3")], "4+"),
    );
    emit(
        "breaks=",
        bucket(s.breaks, &[(0, "0"), (1, "1"), (3, "2-3")], "4+"),
    );
    if s.separators > 0 {
        emit("seps=", bucket(s.separators, &[(1, "1"), (3, "2-3")], "4+"));
    }
    if s.camel_words > 0 {
        emit("camel=", bucket(s.camel_words, &[(1, "1")], "2+"));
    }
    let first = match s.first {
        None => "none",
        Some(c) if c.is_uppercase() => "upper",
        Some(c) if c.is_lowercase() => "lower",
        Some(c) if c.is_numeric() => "digit",
        Some('"' | '“' | '\'' | '‘' | '«' | '„') => "quote",
        Some('•' | '·' | '*' | '-' | '–' | '—' | '►' | '▶' | '›' | '»' | '+') => {
            "bullet"
        }
        Some('(' | '[') => "bracket",
        Some(_) => "other",
    };
    emit("first=", first);
    if s.is_prose() {
        emit("prose", "");
    }
    if s.is_short() {
        emit("short", "");
    }
    if s.full_bytes > 2000 {
        emit("huge", "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte-by-byte path for ASCII lines gives the counts and the
        /// words of the character-by-character path.
        #[test]
        fn ascii_lines_count_as_any_line(
            text in "[A-Za-z0-9 .,!?'&|>/:;()\\-\t\x0b\x1c\x00]{0,80}",
            max_words in 0usize..12,
            multilingual in proptest::bool::ANY,
        ) {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let fast = LineStats::with_words_by(&text, 99, max_words, multilingual, true, |w, f| {
                a.push((w.to_string(), f))
            });
            let slow = LineStats::with_words_by(&text, 99, max_words, multilingual, false, |w, f| {
                b.push((w.to_string(), f))
            });
            proptest::prop_assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
            proptest::prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn line_ends() {
        let cases = [
            ("He said so.", Some(End::Period)),
            ("Really?", Some(End::Question)),
            ("\"Stop!\"", Some(End::QuotedStop)),
            ("Read more...", Some(End::Ellipsis)),
            ("Related:", Some(End::Colon)),
            ("Like (23)", Some(End::Bracket)),
            ("Views: 1,234", Some(End::Digit)),
            ("Home", Some(End::Letter)),
            ("", None),
            ("»", Some(End::Other)),
        ];
        for (text, want) in [
            ("市长说，明天开会。", Some(End::Period)),
            ("真的吗？", Some(End::Question)),
            ("「好！」", Some(End::QuotedStop)),
            ("هل هذا صحيح؟", Some(End::Question)),
        ] {
            assert_eq!(end_of(text, true), want, "{text}");
            assert_ne!(end_of(text, false), want, "{text}: version 2 is unchanged");
        }
        for (text, want) in cases {
            assert_eq!(end_of(text, true), want, "{text}");
            assert_eq!(end_of(text, false), want, "{text}");
        }
    }

    #[test]
    fn prose_and_short() {
        let prose = LineStats::new(
            "The council said on Tuesday that the new bridge would open in the spring.",
            0,
        );
        assert!(prose.is_prose());
        assert!(!prose.is_short());
        let menu = LineStats::new("World News", 0);
        assert!(menu.is_short());
        assert!(!menu.is_prose());
    }

    #[test]
    fn counts() {
        let s = LineStats::new("Home | World | NASA iPhone 2025, ok. Then", 0);
        assert_eq!(s.words, 7);
        assert_eq!(s.separators, 2);
        assert_eq!(s.upper_words, 1);
        assert_eq!(s.camel_words, 1);
        assert_eq!(s.num_words, 1);
        assert_eq!(s.breaks, 1);
        assert_eq!(s.commas, 1);
    }
}
