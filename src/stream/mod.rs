//! Streaming record formats for crawler pipelines: JSON Lines documents
//! and WARC/WET records.
//!
//! Each reader yields records one at a time without loading the whole
//! input; each record is processed on its own into an output record. A
//! record that cannot be processed comes back unchanged (JSON Lines: with an
//! error field where it is a JSON object) together with the error, so that a
//! pipeline always gets one output record for every input record.
//!
//! [`Filter`] runs records of a [`RecordFormat`] ([`Jsonl`], [`Wet`]) in
//! parallel batches, in order, with the site memory; [`files`] opens inputs
//! and writes outputs. The command line, the Python package and its Spark
//! job share them.

pub mod files;
pub mod jsonl;
pub mod pipeline;
pub mod wet;

pub use files::{open_path, open_reader, Compress, Damage, Input, Sink, Tally};
pub use pipeline::{
    read_batch, Filter, FilterConfig, FilterParams, Jsonl, Processed, RecordFormat, Wet,
};

use crate::detector::{Detector, PageReport};
use crate::page::Page;
use crate::site::SiteRepeats;

/// What a site memory needs from one record: its host and the keys of its
/// text's lines ([`SiteMemory::line_keys`](crate::SiteMemory::line_keys)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteKeys {
    /// The host of the record's URL.
    pub host: String,
    /// One key per line of the text.
    pub keys: Vec<Option<u64>>,
}

/// The result of processing one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The output record, complete (line end or WARC trailer included).
    pub bytes: Vec<u8>,
    /// Why the record was passed through unprocessed, if it was.
    pub error: Option<String>,
    /// How many non-blank lines of the record's text were judged noise
    /// and left out (0 for a record passed through).
    pub lines_dropped: usize,
    /// The brands that the record's own text proves (not those taken
    /// because a site memory knew them), for the site memory.
    pub brands: Vec<String>,
}

impl Outcome {
    /// A record written as it was, or passed through with `error`.
    pub fn passed(bytes: Vec<u8>, error: Option<String>) -> Outcome {
        Outcome {
            bytes,
            error,
            lines_dropped: 0,
            brands: Vec::new(),
        }
    }
}

/// A page cleaned: the kept text and the report behind it.
pub struct Cleaned {
    /// Content lines, each with its original line end; repaired if asked.
    pub text: Vec<u8>,
    /// The verdicts, spans and page verdict.
    pub report: PageReport,
    /// The page.
    pub page: Page,
}

impl Cleaned {
    /// The output record of the cleaned text (`bytes`).
    pub fn outcome(&self, bytes: Vec<u8>) -> Outcome {
        Outcome {
            bytes,
            error: None,
            lines_dropped: self.report.summary.noise_lines,
            brands: self
                .report
                .brand_evidence()
                .iter()
                .filter(|e| !e.known)
                .map(|e| e.name.clone())
                .collect(),
        }
    }
}

/// Cleans one document text, with what a site memory knows about its
/// lines, if one is used.
pub fn clean_text(
    detector: &Detector,
    text: Vec<u8>,
    repair: bool,
    site: Option<&SiteRepeats>,
) -> Cleaned {
    let page = Page::from_bytes(text);
    let mut out = Vec::with_capacity(page.bytes().len());
    let report = detector.report_with(&page, site);
    report
        .write_content(&page, repair, &mut out)
        .expect("writing to a Vec cannot fail");
    Cleaned {
        text: out,
        report,
        page,
    }
}
