//! JSON Lines documents: `{"id": ..., "text": "...", "metadata": {...}}`.
//!
//! Out: the same record with every other field kept byte for byte (values
//! are carried as raw JSON), the text field cleaned, and
//!
//! - `attributes` (merged into an existing `attributes` object) with spans
//!   in the `[start, end, score]` style of corpus taggers, offsets in
//!   characters (Unicode code points) of the *input* text:
//!   `newschaff__line_noise` (every non-blank line and its `p_noise`),
//!   `newschaff__brand_span` (injected brand spans, score 1.0) and
//!   `newschaff__spam` (the whole text and the page spam score);
//! - `newschaff`: the page verdict (lines, noise lines, content farm, brands,
//!   spam score).
//!
//! A line that is not a JSON object is passed through unchanged; an object
//! without a string text field, or whose text is not text
//! ([`is_text`](crate::page::is_text): mostly NUL, control or undecodable
//! characters), is passed through with a `newschaff_error` field added.

use std::borrow::Cow;

use indexmap::IndexMap;
use serde_json::value::RawValue;

use super::{clean_text, Cleaned, FilterConfig, Outcome, SiteKeys};
use crate::detector::Detector;
use crate::page::{is_text, Page, NOT_TEXT};
use crate::site::{SiteMemory, SiteRepeats};

pub(crate) type Object = IndexMap<String, Box<RawValue>>;

/// Processes one JSON Lines record (`line` without its line end); the output
/// ends in `\n`.
pub fn process_line(detector: &Detector, cfg: &FilterConfig, line: &[u8]) -> Outcome {
    process_line_with(detector, cfg, line, None)
}

/// Like [`process_line`], with what a site memory knows about the record's
/// lines; lines it marks as boilerplate get a `newschaff__site_repeat`
/// attribute span (score: the number of other pages of the host).
pub fn process_line_with(
    detector: &Detector,
    cfg: &FilterConfig,
    line: &[u8],
    site: Option<&SiteRepeats>,
) -> Outcome {
    match try_process(detector, cfg, line, site) {
        Ok(outcome) => outcome,
        Err((bytes, error)) => Outcome::passed(bytes, Some(error)),
    }
}

fn unchanged(line: &[u8]) -> Vec<u8> {
    let mut v = line.to_vec();
    v.push(b'\n');
    v
}

/// The host and line keys of a record, for a site memory; `None` when the
/// record is not an object with a text and a URL with a host.
pub fn site_keys(cfg: &FilterConfig, line: &[u8]) -> Option<SiteKeys> {
    let obj: Object = serde_json::from_slice(line).ok()?;
    let url = match obj.get(&cfg.url_field) {
        Some(u) => serde_json::from_str::<String>(u.get()).ok()?,
        None => {
            let meta: Object = serde_json::from_str(obj.get("metadata")?.get()).ok()?;
            serde_json::from_str::<String>(meta.get(&cfg.url_field)?.get()).ok()?
        }
    };
    let host = SiteMemory::host_of(&url)?;
    let text: String = serde_json::from_str(obj.get(&cfg.text_field)?.get()).ok()?;
    let keys = SiteMemory::line_keys(&Page::from_bytes(text.into_bytes()));
    Some(SiteKeys { host, keys })
}

fn try_process(
    detector: &Detector,
    cfg: &FilterConfig,
    line: &[u8],
    site: Option<&SiteRepeats>,
) -> Result<Outcome, (Vec<u8>, String)> {
    let mut obj: Object = serde_json::from_slice(line)
        .map_err(|e| (unchanged(line), format!("not a JSON object: {e}")))?;
    let text: String = match obj.get(&cfg.text_field) {
        Some(raw) => match serde_json::from_str::<String>(raw.get()) {
            Ok(t) => t,
            Err(e) => {
                let why = if raw.get().starts_with('"') {
                    format!("field {:?} is not a valid string: {e}", cfg.text_field)
                } else {
                    format!("field {:?} is not a string", cfg.text_field)
                };
                return Err(marked(&mut obj, line, why));
            }
        },
        None => {
            return Err(marked(
                &mut obj,
                line,
                format!("no field {:?}", cfg.text_field),
            ))
        }
    };
    if !is_text(text.as_bytes()) {
        return Err(marked(
            &mut obj,
            line,
            format!("field {:?} is {NOT_TEXT}", cfg.text_field),
        ));
    }
    let mut cleaned = clean_text(detector, text.into_bytes(), cfg.repair, site);
    let new_text =
        String::from_utf8(std::mem::take(&mut cleaned.text)).expect("lines of a valid UTF-8 text");
    obj.insert(cfg.text_field.clone(), raw(&new_text));

    let mut attrs: Object = match obj.get("attributes") {
        Some(a) => serde_json::from_str(a.get()).unwrap_or_default(),
        None => Object::new(),
    };
    insert_spans(&cleaned, site, &mut attrs);
    obj.insert("attributes".into(), raw(&attrs));
    obj.insert("newschaff".into(), raw(&cleaned.report.summary));
    let mut out = serde_json::to_vec(&obj).map_err(|e| (unchanged(line), e.to_string()))?;
    out.push(b'\n');
    Ok(cleaned.outcome(out))
}

/// Adds the tagger-style attribute spans of a cleaned text to `attrs`:
/// `newschaff__line_noise`, `newschaff__brand_span`,
/// `newschaff__site_repeat` (with a site memory) and `newschaff__spam`,
/// offsets in characters of the input text (decoded lossily where it is
/// not UTF-8; brand spans are only found on lines that are).
pub(crate) fn insert_spans(cleaned: &Cleaned, site: Option<&SiteRepeats>, attrs: &mut Object) {
    let page = &cleaned.page;
    let mut char_pos = 0usize;
    let mut line_noise = Vec::new();
    let mut brand = Vec::new();
    let mut repeats = Vec::new();
    for i in 0..page.len() {
        // The body is the raw line without its line end (and, on the first
        // line, a byte-order mark): counted once, the rest apart.
        let (raw, body) = (page.raw(i), page.body(i));
        let lead = body.as_ptr() as usize - raw.as_ptr() as usize;
        let lead_len = char_count(&raw[..lead]);
        let body_len = char_count(body);
        let raw_len = lead_len + body_len + char_count(&raw[lead + body.len()..]);
        let start = char_pos + lead_len;
        let end = start + body_len;
        let v = &cleaned.report.verdicts[i];
        if !v.blank {
            line_noise.push((start, end, round4(v.p_noise)));
        }
        if let Some(s) = site.filter(|s| s.is_boilerplate(i)) {
            repeats.push((start, end, s.pages[i]));
        }
        let spans = &cleaned.report.spans[i];
        let body = if spans.is_empty() {
            Cow::Borrowed("")
        } else {
            String::from_utf8_lossy(page.body(i))
        };
        for sp in spans {
            let (Some(a), Some(b)) = (body.get(..sp.start), body.get(..sp.end)) else {
                continue;
            };
            brand.push((start + a.chars().count(), start + b.chars().count(), 1.0));
        }
        char_pos += raw_len;
    }
    attrs.insert("newschaff__line_noise".into(), raw(&line_noise));
    attrs.insert("newschaff__brand_span".into(), raw(&brand));
    if site.is_some() {
        attrs.insert("newschaff__site_repeat".into(), raw(&repeats));
    }
    attrs.insert(
        "newschaff__spam".into(),
        raw(&[(0, char_pos, round4(cleaned.report.summary.spam_score))]),
    );
}

/// The number of characters of `bytes` decoded lossily (an undecodable
/// sequence is one U+FFFD), without decoding valid UTF-8.
fn char_count(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.chars().count(),
        Err(_) => String::from_utf8_lossy(bytes).chars().count(),
    }
}

fn marked(obj: &mut Object, line: &[u8], error: String) -> (Vec<u8>, String) {
    obj.insert("newschaff_error".into(), raw(&error));
    match serde_json::to_vec(&*obj) {
        Ok(mut v) => {
            v.push(b'\n');
            (v, error)
        }
        Err(_) => (unchanged(line), error),
    }
}

fn raw<T: serde::Serialize + ?Sized>(v: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(v).expect("plain data serialises")
}

fn round4(p: f32) -> f64 {
    (p as f64 * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str) -> Outcome {
        let d = Detector::builtin().unwrap();
        process_line(&d, &FilterConfig::default(), line.as_bytes())
    }

    #[test]
    fn char_count_counts_as_lossy_decoding_does() {
        let cases: &[&[u8]] = &[
            b"",
            b"plain ascii",
            "caf\u{e9} \u{65b0}\u{805e} \u{1F600}".as_bytes(),
            b"caf\xE9 broken",
            b"\xF0\x9F\x98 cut emoji",
            b"\xFF\xFE",
        ];
        for &b in cases {
            assert_eq!(
                char_count(b),
                String::from_utf8_lossy(b).chars().count(),
                "{b:?}"
            );
        }
    }

    #[test]
    fn other_fields_are_kept_byte_for_byte() {
        let line = r#"{"id":"a\u00e9","n":1.50,"big":123456789012345678901234567890,"text":"Home\nThe council met on Tuesday and agreed the plan after a long debate about the budget.","metadata":{"url":"x"}}"#;
        let out = run(line);
        assert!(out.error.is_none());
        let s = String::from_utf8(out.bytes).unwrap();
        assert!(s.starts_with(
            r#"{"id":"a\u00e9","n":1.50,"big":123456789012345678901234567890,"text":"#
        ));
        assert!(s.contains(r#""metadata":{"url":"x"}"#));
        assert!(s.contains("newschaff__line_noise"));
        assert!(s.ends_with("}\n"));
    }

    /// The character offsets of `newschaff__line_noise` are offsets into
    /// the text: a byte-order mark and `\r\n` line ends count as its
    /// characters (the first line's span used to start at the mark).
    #[test]
    fn line_offsets_count_a_bom_and_crlf_line_ends() {
        let line = r#"{"text":"\ufeffT\u00edtulo\r\nThe caf\u00e9 council met on Tuesday and agreed the plan.\r\nEnd"}"#;
        let out = run(line);
        assert!(out.error.is_none());
        let v: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
        let spans: Vec<(u64, u64)> = v["attributes"]["newschaff__line_noise"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s[0].as_u64().unwrap(), s[1].as_u64().unwrap()))
            .collect();
        // The BOM, `Título` (6 characters), `\r\n`, the sentence (52),
        // `\r\n`, `End`: the first line's body starts after the mark.
        assert_eq!(spans, vec![(1, 7), (9, 61), (63, 66)]);
    }

    #[test]
    fn bad_records_pass_through_with_an_error() {
        let cases = [
            ("not json", "not a JSON object"),
            ("[1,2]", "not a JSON object"),
            (r#"{"id":1}"#, "no field"),
            (r#"{"id":1,"text":42}"#, "not a string"),
            (r#"{"id":1,"text":"\u0000\u0000\n\u0001"}"#, "not text"),
        ];
        for (line, needle) in cases {
            let out = run(line);
            assert!(out.error.as_deref().unwrap().contains(needle), "{line}");
            let s = String::from_utf8(out.bytes).unwrap();
            assert!(s.ends_with('\n'));
            if line.starts_with('{') {
                assert!(s.contains("newschaff_error"), "{s}");
            } else {
                assert_eq!(s, format!("{line}\n"));
            }
        }
    }

    #[test]
    fn existing_attributes_are_merged() {
        let out = run(r#"{"text":"a","attributes":{"other":[[0,1,0.5]]}}"#);
        let v: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
        assert!(v["attributes"]["other"].is_array());
        assert!(v["attributes"]["newschaff__spam"].is_array());
    }
}
