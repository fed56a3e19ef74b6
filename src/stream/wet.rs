//! WARC/WET records: read record by record, clean `conversion` records,
//! pass every other record through untouched.
//!
//! A `conversion` record whose content is not text
//! ([`is_text`](crate::page::is_text)) is passed through untouched and
//! counted as failed.
//!
//! A record is a `WARC/1.x` line, header lines, an empty line, exactly
//! `Content-Length` bytes of content, and a `\r\n\r\n` trailer. Bytes that do
//! not form a record (no `WARC/` line, no or a bad `Content-Length`, a file
//! cut mid-record) are yielded as [`WarcItem::Invalid`] up to the next
//! `WARC/` line, so that the stream goes on and nothing is lost.

use std::io::{self, BufRead, Read};

use serde::Serialize;

use super::jsonl::{insert_spans, Object};
use super::{clean_text, FilterConfig, Outcome, SiteKeys};
use crate::detector::{Detector, PageSummary};
use crate::page::{is_text, Page, NOT_TEXT};
use crate::site::{SiteMemory, SiteRepeats};

/// The largest record content accepted, in bytes (a larger record is
/// passed through as invalid, streamed in pieces).
pub const MAX_CONTENT: u64 = 1 << 30;

/// A WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// The header block as read, from `WARC/` to the empty line included.
    pub header: Vec<u8>,
    /// The content block.
    pub content: Vec<u8>,
    /// What followed the content (normally `\r\n\r\n`).
    pub trailer: Vec<u8>,
}

/// What the reader yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarcItem {
    /// A well-formed record.
    Record(WarcRecord),
    /// Bytes that do not form a record, and why.
    Invalid(Vec<u8>, String),
}

impl WarcRecord {
    /// The value of a header field (case-insensitive name).
    pub fn field(&self, name: &str) -> Option<String> {
        header_lines(&self.header).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }

    /// The bytes of the whole record.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(self.header.len() + self.content.len() + 4);
        v.extend_from_slice(&self.header);
        v.extend_from_slice(&self.content);
        v.extend_from_slice(&self.trailer);
        v
    }
}

fn header_lines(header: &[u8]) -> impl Iterator<Item = String> + '_ {
    header
        .split(|&b| b == b'\n')
        .map(|l| String::from_utf8_lossy(l.strip_suffix(b"\r").unwrap_or(l)).into_owned())
}

/// Reads WARC records from a buffered reader, one at a time.
pub struct WarcReader<R> {
    inner: R,
    /// A `WARC/` line already read while skipping invalid bytes.
    pending: Option<Vec<u8>>,
    done: bool,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over `inner` (decompress gzip before, e.g. with
    /// `flate2::read::MultiGzDecoder`).
    pub fn new(inner: R) -> Self {
        WarcReader {
            inner,
            pending: None,
            done: false,
        }
    }

    fn read_line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        if let Some(p) = self.pending.take() {
            let n = p.len();
            buf.extend_from_slice(&p);
            return Ok(n);
        }
        // Bounded: a header line longer than 64 KiB is cut (the rest is read as further lines).
        let mut taken = Read::take(&mut self.inner, 64 * 1024);
        taken.read_until(b'\n', buf)
    }

    fn next_item(&mut self) -> io::Result<Option<WarcItem>> {
        // Skip blank lines between records.
        let mut first = Vec::new();
        loop {
            first.clear();
            if self.read_line(&mut first)? == 0 {
                return Ok(None);
            }
            if !first.iter().all(|b| b.is_ascii_whitespace()) {
                break;
            }
        }
        if !first.starts_with(b"WARC/") {
            return self.skip_invalid(first, "expected a WARC/ version line".into());
        }
        let mut header = first;
        let mut length: Option<u64> = None;
        loop {
            let mut line = Vec::new();
            if self.read_line(&mut line)? == 0 {
                return Ok(Some(WarcItem::Invalid(
                    header,
                    "the input ends inside a record header".into(),
                )));
            }
            let text = String::from_utf8_lossy(&line);
            if let Some((k, v)) = text.split_once(':') {
                if k.trim().eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().ok();
                }
            }
            let end = line.iter().all(|b| b.is_ascii_whitespace());
            header.extend_from_slice(&line);
            if end {
                break;
            }
            if header.len() > 1 << 20 {
                return self.skip_invalid(header, "a WARC header over 1 MiB".into());
            }
        }
        let Some(len) = length.filter(|&l| l <= MAX_CONTENT) else {
            return self.skip_invalid(header, "no valid Content-Length".into());
        };
        let mut content = Vec::with_capacity(len.min(64 << 20) as usize);
        let got = Read::take(&mut self.inner, len).read_to_end(&mut content)? as u64;
        if got < len {
            header.extend_from_slice(&content);
            return Ok(Some(WarcItem::Invalid(
                header,
                format!("the input ends inside a record: {got} of {len} content bytes"),
            )));
        }
        // Trailer: up to two line ends.
        let mut trailer = Vec::new();
        for _ in 0..2 {
            let buf = self.inner.fill_buf()?;
            if buf.starts_with(b"\r\n") {
                trailer.extend_from_slice(b"\r\n");
                self.inner.consume(2);
            } else if buf.starts_with(b"\n") {
                trailer.push(b'\n');
                self.inner.consume(1);
            } else if buf == b"\r" {
                trailer.push(b'\r');
                self.inner.consume(1);
            }
        }
        Ok(Some(WarcItem::Record(WarcRecord {
            header,
            content,
            trailer,
        })))
    }

    /// Collects bytes up to the next `WARC/` line as one invalid item.
    fn skip_invalid(&mut self, mut bytes: Vec<u8>, why: String) -> io::Result<Option<WarcItem>> {
        loop {
            let mut line = Vec::new();
            if self.read_line(&mut line)? == 0 {
                break;
            }
            if line.starts_with(b"WARC/") {
                self.pending = Some(line);
                break;
            }
            bytes.extend_from_slice(&line);
            if bytes.len() > 64 << 20 {
                break;
            }
        }
        Ok(Some(WarcItem::Invalid(bytes, why)))
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = io::Result<WarcItem>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_item() {
            Ok(Some(item)) => Some(Ok(item)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// What `filter` writes for WARC input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarcOutput {
    /// WET records; conversion records cleaned, others untouched.
    Wet,
    /// One JSON object per record.
    Jsonl,
    /// One JSON document per record, as the Spark job writes them:
    /// `url`, `warc_record_id`, `warc_type`, `text` (cleaned; the content
    /// as it was for a record that failed, null for records other than
    /// `conversion`), `attributes` (the spans of JSON Lines output), `verdict`
    /// (the page verdict) and `error` (why the record failed, or null).
    Documents,
}

#[derive(Serialize)]
struct Document<'a> {
    url: Option<String>,
    warc_record_id: Option<String>,
    warc_type: Option<String>,
    text: Option<String>,
    attributes: Option<Object>,
    verdict: Option<&'a PageSummary>,
    error: Option<&'a str>,
}

impl<'a> Document<'a> {
    /// A record's fields, with no text, attributes, verdict or error.
    fn of(rec: &WarcRecord) -> Document<'a> {
        Document {
            url: rec.field("WARC-Target-URI"),
            warc_record_id: rec.field("WARC-Record-ID"),
            warc_type: rec.field("WARC-Type"),
            text: None,
            attributes: None,
            verdict: None,
            error: None,
        }
    }
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    id: Option<String>,
    warc_type: Option<String>,
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    newschaff: Option<&'a PageSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    newschaff_error: Option<&'a str>,
}

/// Processes one item of a WARC stream.
pub fn process_item(
    detector: &Detector,
    cfg: &FilterConfig,
    item: WarcItem,
    to: WarcOutput,
) -> Outcome {
    process_item_with(detector, cfg, item, to, None)
}

/// The host (from `WARC-Target-URI`) and line keys of a conversion record,
/// for a site memory.
pub fn site_keys(item: &WarcItem) -> Option<SiteKeys> {
    let WarcItem::Record(rec) = item else {
        return None;
    };
    let conversion = rec
        .field("WARC-Type")
        .is_some_and(|t| t.eq_ignore_ascii_case("conversion"));
    if !conversion {
        return None;
    }
    let host = SiteMemory::host_of(&rec.field("WARC-Target-URI")?)?;
    let keys = SiteMemory::line_keys(&Page::from_bytes(rec.content.clone()));
    Some(SiteKeys { host, keys })
}

/// Bytes that do not form a record, passed through and counted as failed.
pub(crate) fn passed_invalid(bytes: Vec<u8>, to: WarcOutput, why: String) -> Outcome {
    let text = String::from_utf8_lossy(&bytes).into_owned();
    passed_on(None, bytes, text, to, why)
}

/// A record passed through untouched and counted as failed, with why.
pub(crate) fn passed_through(rec: &WarcRecord, to: WarcOutput, why: String) -> Outcome {
    let text = String::from_utf8_lossy(&rec.content).into_owned();
    passed_on(Some(rec), rec.to_bytes(), text, to, why)
}

/// An item passed through and counted as failed: `raw` is what WET output
/// writes, `text` what JSON output writes, with the fields of `rec` when
/// the bytes form a record.
fn passed_on(
    rec: Option<&WarcRecord>,
    raw: Vec<u8>,
    text: String,
    to: WarcOutput,
    why: String,
) -> Outcome {
    let field = |name: &str| rec.and_then(|r| r.field(name));
    let bytes = match to {
        WarcOutput::Wet => raw,
        WarcOutput::Jsonl => json_line(&JsonRecord {
            id: field("WARC-Record-ID"),
            warc_type: field("WARC-Type"),
            url: field("WARC-Target-URI"),
            text: Some(text),
            newschaff: None,
            newschaff_error: Some(&why),
        }),
        WarcOutput::Documents => json_line(&Document {
            url: field("WARC-Target-URI"),
            warc_record_id: field("WARC-Record-ID"),
            warc_type: field("WARC-Type"),
            text: Some(text),
            attributes: None,
            verdict: None,
            error: Some(&why),
        }),
    };
    Outcome::passed(bytes, Some(why))
}

/// Like [`process_item`], with what a site memory knows about the record's
/// lines.
pub fn process_item_with(
    detector: &Detector,
    cfg: &FilterConfig,
    item: WarcItem,
    to: WarcOutput,
    site: Option<&SiteRepeats>,
) -> Outcome {
    let rec = match item {
        WarcItem::Record(r) => r,
        WarcItem::Invalid(bytes, why) => return passed_invalid(bytes, to, why),
    };
    let is_conversion = rec
        .field("WARC-Type")
        .is_some_and(|t| t.eq_ignore_ascii_case("conversion"));
    if !is_conversion {
        let bytes = match to {
            WarcOutput::Wet => rec.to_bytes(),
            WarcOutput::Jsonl => json_line(&JsonRecord {
                id: rec.field("WARC-Record-ID"),
                warc_type: rec.field("WARC-Type"),
                url: rec.field("WARC-Target-URI"),
                text: None,
                newschaff: None,
                newschaff_error: None,
            }),
            WarcOutput::Documents => json_line(&Document::of(&rec)),
        };
        return Outcome::passed(bytes, None);
    }
    if !is_text(&rec.content) {
        return passed_through(&rec, to, format!("the record's content is {NOT_TEXT}"));
    }
    let cleaned = clean_text(detector, rec.content.clone(), cfg.repair, site);
    let bytes = match to {
        WarcOutput::Wet => {
            let mut out = Vec::with_capacity(rec.header.len() + cleaned.text.len() + 4);
            for line in rec.header.split_inclusive(|&b| b == b'\n') {
                let text = String::from_utf8_lossy(line);
                let name = text.split(':').next().unwrap_or("").trim();
                if name.eq_ignore_ascii_case("content-length") {
                    out.extend_from_slice(
                        format!("Content-Length: {}\r\n", cleaned.text.len()).as_bytes(),
                    );
                } else if name.eq_ignore_ascii_case("warc-block-digest") {
                    // The content changed: the old digest would be wrong.
                } else {
                    out.extend_from_slice(line);
                }
            }
            out.extend_from_slice(&cleaned.text);
            out.extend_from_slice(if rec.trailer.is_empty() {
                b"\r\n\r\n"
            } else {
                &rec.trailer
            });
            out
        }
        WarcOutput::Jsonl => json_line(&JsonRecord {
            id: rec.field("WARC-Record-ID"),
            warc_type: rec.field("WARC-Type"),
            url: rec.field("WARC-Target-URI"),
            text: Some(String::from_utf8_lossy(&cleaned.text).into_owned()),
            newschaff: Some(&cleaned.report.summary),
            newschaff_error: None,
        }),
        WarcOutput::Documents => {
            let mut attributes = Object::new();
            insert_spans(&cleaned, site, &mut attributes);
            json_line(&Document {
                text: Some(String::from_utf8_lossy(&cleaned.text).into_owned()),
                attributes: Some(attributes),
                verdict: Some(&cleaned.report.summary),
                ..Document::of(&rec)
            })
        }
    };
    cleaned.outcome(bytes)
}

/// A [`WarcOutput::Documents`] document for a failure that is not one
/// record's (a file cut short): every field null but `error`; ends in `\n`.
pub fn failed_document(why: &str) -> Vec<u8> {
    json_line(&Document {
        url: None,
        warc_record_id: None,
        warc_type: None,
        text: None,
        attributes: None,
        verdict: None,
        error: Some(why),
    })
}

fn json_line<T: Serialize>(v: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec(v).expect("plain data serialises");
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, content: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://example.org/\r\nWARC-Block-Digest: sha1:XYZ\r\nContent-Length: {}\r\n\r\n{content}\r\n\r\n",
            content.len()
        )
    }

    fn read(input: &[u8]) -> Vec<WarcItem> {
        WarcReader::new(input).map(|r| r.unwrap()).collect()
    }

    #[test]
    fn reads_records_and_keeps_bytes() {
        let input =
            record("warcinfo", "software: x\r\n") + &record("conversion", "Home\nText here.");
        let items = read(input.as_bytes());
        assert_eq!(items.len(), 2);
        let all: Vec<u8> = items
            .iter()
            .flat_map(|i| match i {
                WarcItem::Record(r) => r.to_bytes(),
                WarcItem::Invalid(b, _) => b.clone(),
            })
            .collect();
        assert_eq!(all, input.as_bytes());
    }

    #[test]
    fn invalid_and_truncated_input_is_kept_and_reported() {
        let good = record("conversion", "Some text.");
        let input =
            format!("garbage line\r\nmore\r\n{good}WARC/1.0\r\nContent-Length: 100\r\n\r\ncut");
        let items = read(input.as_bytes());
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(matches!(&items[0], WarcItem::Invalid(b, _) if b == b"garbage line\r\nmore\r\n"));
        assert!(matches!(&items[1], WarcItem::Record(_)));
        assert!(
            matches!(&items[2], WarcItem::Invalid(b, why) if b.ends_with(b"cut") && why.contains("ends inside"))
        );
        let bad_len = "WARC/1.0\r\nContent-Length: lots\r\n\r\nabc\r\n\r\n";
        assert!(
            matches!(&read(bad_len.as_bytes())[0], WarcItem::Invalid(_, why) if why.contains("Content-Length"))
        );
    }

    #[test]
    fn conversion_records_are_cleaned_with_new_length_and_no_digest() {
        let d = Detector::builtin().unwrap();
        let body = "Home\nNews\nSport\nWeather\n\
            The council met on Tuesday and agreed the new plan for the harbour after a long debate.\n\
            Councillors said the plan would bring new jobs to the old docks within five years.\n\
            Residents who spoke at the meeting asked for a park and a safer crossing on the ring road.\n\
            Share (12)\nPrivacy policy\n";
        let items = read(record("conversion", body).as_bytes());
        let out = process_item(
            &d,
            &FilterConfig::default(),
            items[0].clone(),
            WarcOutput::Wet,
        );
        let again = read(&out.bytes);
        let WarcItem::Record(r) = &again[0] else {
            panic!("{again:?}")
        };
        assert_eq!(
            r.field("Content-Length").unwrap(),
            r.content.len().to_string()
        );
        assert!(r.field("WARC-Block-Digest").is_none());
        assert!(r.content.len() < body.len());
    }

    #[test]
    fn other_records_pass_through_untouched() {
        let d = Detector::builtin().unwrap();
        let input = record("warcinfo", "software: x\r\n");
        let items = read(input.as_bytes());
        let out = process_item(
            &d,
            &FilterConfig::default(),
            items[0].clone(),
            WarcOutput::Wet,
        );
        assert_eq!(out.bytes, input.as_bytes());
    }
}
