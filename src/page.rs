//! Pages and lines: reading bytes, lossy decoding, original bytes kept for output.
//!
//! A [`Page`] owns the bytes it was read from and splits them into [`Line`]s.
//! Line ends are `\n`, `\r\n` or a lone `\r` (old Mac files); a line's
//! [`raw`](Page::raw) bytes include its line end, so printing the raw bytes of
//! every line gives back the input exactly. A UTF-8 byte-order mark is kept in
//! the first line's raw bytes but not in its text. Invalid UTF-8 is decoded
//! lossily (U+FFFD) for the text that features see; output always uses the
//! original bytes.

use std::borrow::Cow;
use std::ops::Range;

/// How much of a line the featuriser looks at, in bytes. Longer lines are
/// featurised from this prefix (their full length still counts as a feature).
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// One line of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the line in the page, line end included.
    pub raw: Range<usize>,
    /// Byte range of the line's text: without line end, without a BOM.
    pub body: Range<usize>,
    /// Whether the line has no visible character (empty or only white space).
    pub blank: bool,
}

/// A page: its bytes and its lines.
#[derive(Debug, Clone, Default)]
pub struct Page {
    bytes: Vec<u8>,
    lines: Vec<Line>,
}

impl Page {
    /// Splits `bytes` into lines. Never fails: any byte sequence is a page.
    pub fn from_bytes(bytes: Vec<u8>) -> Page {
        let mut lines = Vec::new();
        let mut start = 0;
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            // memchr2 would be faster still; this loop is not the bottleneck.
            match bytes[i] {
                b'\n' => {
                    lines.push(make_line(&bytes, start, i, i + 1));
                    i += 1;
                    start = i;
                }
                b'\r' => {
                    let end = if i + 1 < n && bytes[i + 1] == b'\n' {
                        i + 2
                    } else {
                        i + 1
                    };
                    lines.push(make_line(&bytes, start, i, end));
                    i = end;
                    start = i;
                }
                _ => i += 1,
            }
        }
        if start < n {
            lines.push(make_line(&bytes, start, n, n));
        }
        Page { bytes, lines }
    }

    /// A page from text.
    pub fn from_text(text: &str) -> Page {
        Page::from_bytes(text.as_bytes().to_vec())
    }

    /// The page's lines, in order.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the page has no lines.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// All bytes of the page.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The original bytes of line `i`, line end included.
    pub fn raw(&self, i: usize) -> &[u8] {
        &self.bytes[self.lines[i].raw.clone()]
    }

    /// The bytes of line `i` without line end and BOM.
    pub fn body(&self, i: usize) -> &[u8] {
        &self.bytes[self.lines[i].body.clone()]
    }

    /// The text of line `i`, lossily decoded.
    pub fn text(&self, i: usize) -> Cow<'_, str> {
        String::from_utf8_lossy(self.body(i))
    }

    /// The text of line `i` for featurising: lossily decoded and cut to at
    /// most `max_bytes` bytes (at a character boundary).
    pub fn feature_text(&self, i: usize, max_bytes: usize) -> Cow<'_, str> {
        let body = self.body(i);
        let cut = if body.len() > max_bytes {
            &body[..max_bytes]
        } else {
            body
        };
        let text = String::from_utf8_lossy(cut);
        if cut.len() < body.len() {
            // A cut inside a multi-byte character leaves a trailing U+FFFD: drop it.
            let trimmed = text.trim_end_matches('\u{FFFD}');
            Cow::Owned(trimmed.to_string())
        } else {
            text
        }
    }
}

/// What newschaff says of input that [`is_text`] refuses.
pub const NOT_TEXT: &str = "not text: mostly NUL, control or undecodable bytes";

/// Whether bytes are text: the one decision, for a whole page (the
/// command line refuses a page that is not) and for a line (the detector
/// makes a line that is not noise).
///
/// Bytes are not text when they have a bad character and either every
/// visible character is bad, or at least 3 of them and a fifth or more
/// are. Bad characters are undecodable UTF-8 (each sequence that lossy
/// decoding turns into one U+FFFD), U+FFFD itself and control characters
/// (NUL, the C0 and C1 controls, DEL); visible characters are all but
/// white space. So a binary file, a file of NUL bytes or a lone `\x00`
/// line is not text, while a sentence with one misdecoded accent is.
pub fn is_text(bytes: &[u8]) -> bool {
    has_no_bad_character(bytes) || few_bad_characters(bytes)
}

/// [`is_text`] by counting, character by character.
fn few_bad_characters(bytes: &[u8]) -> bool {
    let (mut visible, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        let b = valid.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // ASCII, most bytes, without decoding: white space is 9 to 13
            // and the space, controls are the rest below 32 and DEL.
            let x = b[i];
            if x < 0x80 {
                if x != b' ' && !(0x09..=0x0d).contains(&x) {
                    visible += 1;
                    if x < 0x20 || x == 0x7f {
                        bad += 1;
                    }
                }
                i += 1;
                continue;
            }
            let Some(c) = valid[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            visible += 1;
            if c == char::REPLACEMENT_CHARACTER || c.is_control() {
                bad += 1;
            }
        }
        if !chunk.invalid().is_empty() {
            visible += 1;
            bad += 1;
        }
    }
    !(bad > 0 && (bad == visible || (bad >= 3 && bad * 5 >= visible)))
}

/// Whether `bytes` hold no bad character at all (see [`is_text`]): valid
/// UTF-8 without controls and without U+FFFD. Checked a block of bytes at a
/// time, so most pages skip decoding.
fn has_no_bad_character(bytes: &[u8]) -> bool {
    // An ASCII control but white space, or DEL; folded without an early
    // exit so that the loop runs on whole vectors.
    let controls = bytes.chunks(4096).any(|block| {
        block.iter().fold(false, |acc, &x| {
            acc | ((x < 0x20 && !(0x09..=0x0d).contains(&x)) || x == 0x7f)
        })
    });
    if controls || std::str::from_utf8(bytes).is_err() {
        return false;
    }
    if bytes.is_ascii() {
        return true;
    }
    // U+FFFD is EF BF BD; the C1 controls are C2 80 to C2 9F.
    memchr::memmem::find(bytes, "\u{fffd}".as_bytes()).is_none()
        && memchr::memchr_iter(0xc2, bytes)
            .all(|i| !bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)))
}

fn make_line(bytes: &[u8], start: usize, body_end: usize, raw_end: usize) -> Line {
    let mut body_start = start;
    if start == 0 && bytes[..body_end].starts_with(UTF8_BOM) {
        body_start = UTF8_BOM.len();
    }
    // Blank: only white space. Decide at the first byte that is not ASCII
    // white space, so a huge line costs nothing here.
    let body = &bytes[body_start..body_end];
    let blank = match body.iter().position(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(i) if body[i].is_ascii() => false,
        Some(i) => String::from_utf8_lossy(&body[i..body.len().min(i + 4096)])
            .chars()
            .all(char::is_whitespace),
    };
    Line {
        raw: start..raw_end,
        body: body_start..body_end,
        blank,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(p: &Page) -> Vec<String> {
        (0..p.len()).map(|i| p.text(i).into_owned()).collect()
    }

    #[test]
    fn line_ends_of_every_kind() {
        let cases: &[(&[u8], &[&str])] = &[
            (b"", &[]),
            (b"a", &["a"]),
            (b"a\n", &["a"]),
            (b"a\nb", &["a", "b"]),
            (b"a\r\nb\r\n", &["a", "b"]),
            (b"a\rb\r", &["a", "b"]),
            (b"\n\n", &["", ""]),
            (b"\xEF\xBB\xBFhello\n", &["hello"]),
        ];
        for (input, want) in cases {
            let p = Page::from_bytes(input.to_vec());
            assert_eq!(bodies(&p), *want, "input {input:?}");
            let joined: Vec<u8> = (0..p.len()).flat_map(|i| p.raw(i).to_vec()).collect();
            assert_eq!(&joined, input, "raw bytes must rebuild the input");
        }
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_but_kept_raw() {
        let p = Page::from_bytes(b"caf\xE9 au lait\n".to_vec());
        assert_eq!(p.text(0), "caf\u{FFFD} au lait");
        assert_eq!(p.raw(0), b"caf\xE9 au lait\n");
    }

    #[test]
    fn feature_text_is_cut_at_a_char_boundary() {
        let p = Page::from_text("ééééé");
        assert_eq!(p.feature_text(0, 3), "é");
    }

    #[test]
    fn text_is_told_from_binary_bytes() {
        // (bytes, text)
        let cases: &[(&[u8], bool)] = &[
            (b"", true),
            (b"  \n\t\r\n", true),
            (b"The council met on Tuesday.\n", true),
            // One misdecoded accent, a stray NUL, in a sentence.
            (b"The caf\xE9 on the corner reopened on Monday.", true),
            (b"A line with a stray \x00 byte in it.", true),
            ("新しい図書館が開館した。".as_bytes(), true),
            // A lone NUL line, a file of NUL bytes, undecodable bytes.
            (b"\x00", false),
            (b"\x00\n", false),
            (&[0u8; 4096], false),
            (b"\xFF\xFE\xFD", false),
            // The start of an ELF executable.
            (
                b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",
                false,
            ),
            // A fifth of the visible characters bad: not text.
            (b"ab\x01\x02\x03cdefghijkl", false),
            (b"abcd\x01\x02\x03efghijklmnopq", true),
        ];
        for (bytes, want) in cases {
            assert_eq!(is_text(bytes), *want, "{bytes:?}");
        }
    }

    proptest::proptest! {
        /// The block-at-a-time check never calls a page text that counting
        /// would reject.
        #[test]
        fn fast_text_check_agrees_with_counting(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<u8>(),
                    0x20u8..0x7f,
                    proptest::prelude::Just(0xc2u8),
                    proptest::prelude::Just(0x85u8),
                    proptest::prelude::Just(0xefu8),
                    proptest::prelude::Just(0xbfu8),
                    proptest::prelude::Just(0xbdu8),
                ],
                0..64,
            )
        ) {
            if has_no_bad_character(&bytes) {
                proptest::prop_assert!(few_bad_characters(&bytes));
            }
            let mut text = String::from("Plain words around ");
            text.push_str(&String::from_utf8_lossy(&bytes));
            proptest::prop_assert_eq!(
                has_no_bad_character(text.as_bytes()),
                !text.chars().any(|c| c == char::REPLACEMENT_CHARACTER
                    || (c.is_control() && !('\t'..='\r').contains(&c)))
            );
        }
    }

    #[test]
    fn blank_lines_are_marked() {
        let p = Page::from_text("a\n  \t\n\u{a0}\nb");
        let blank: Vec<bool> = p.lines().iter().map(|l| l.blank).collect();
        assert_eq!(blank, [false, true, true, false]);
    }
}
