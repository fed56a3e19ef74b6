//! The one filter pipeline: records read in bounded batches, each batch
//! processed on threads, outcomes handed on in input order.
//!
//! A [`RecordFormat`] says how records are read, what the site memory
//! needs from one, and how one is processed; a [`Filter`] (built from
//! [`FilterParams`], checked once) runs any format the same way. The
//! command line's `filter`, the Python package's filters and its Spark job
//! all go through [`Filter::run`] or [`Filter::process_batch`].
//!
//! Each batch goes through three steps: the site keys of its records on
//! all threads, the site memory in input order on one thread (so that the
//! output does not depend on the number of threads), scoring on all
//! threads.

use std::io::{self, BufRead};

use super::wet::{self, WarcItem, WarcOutput, WarcReader};
use super::{jsonl, Outcome, SiteKeys};
use crate::detector::Detector;
use crate::error::{Error, Result};
use crate::site::{SiteMemory, SiteMemoryParams, SiteRepeats};

/// The most records in one batch.
pub const BATCH_ITEMS: usize = 1024;

/// Why a record on which scoring broke down was passed through.
const INTERNAL_ERROR: &str =
    "internal error while scoring this record (a bug in newschaff: please report it)";
/// A batch is closed once its records reach this many bytes.
pub const BATCH_BYTES: usize = 32 << 20;

/// Settings for processing records, shared by every record of a run:
/// built by [`FilterParams::build`] (or [`Default`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterConfig {
    pub(crate) text_field: String,
    pub(crate) repair: bool,
    pub(crate) url_field: String,
}

impl Default for FilterConfig {
    fn default() -> Self {
        FilterConfig {
            text_field: "text".into(),
            repair: false,
            url_field: "url".into(),
        }
    }
}

impl FilterConfig {
    /// The JSON field that holds the document text.
    pub fn text_field(&self) -> &str {
        &self.text_field
    }

    /// Whether injected brand spans are deleted from kept lines.
    pub fn repair(&self) -> bool {
        self.repair
    }

    /// The JSON field that holds the page URL.
    pub fn url_field(&self) -> &str {
        &self.url_field
    }
}

/// Settings of a [`Filter`]; checked by [`FilterParams::build`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterParams {
    /// The JSON field that holds the document text (default `text`).
    pub text_field: String,
    /// Delete injected brand spans from kept lines.
    pub repair: bool,
    /// The JSON field that holds the page URL (read at the top level, then
    /// inside `metadata`; default `url`), for the site memory.
    pub url_field: String,
    /// Worker threads (0, the default: all cores; at most 1024).
    pub threads: usize,
    /// Remember lines per host across the run (`None`, the default: no).
    pub site_memory: Option<SiteMemoryParams>,
}

impl Default for FilterParams {
    fn default() -> Self {
        let c = FilterConfig::default();
        FilterParams {
            text_field: c.text_field,
            repair: c.repair,
            url_field: c.url_field,
            threads: 0,
            site_memory: None,
        }
    }
}

impl FilterParams {
    /// Checks the settings and builds the filter (with an empty site
    /// memory, if one is asked for).
    pub fn build(&self) -> Result<Filter> {
        if self.text_field.is_empty() {
            return Err(Error::Param("the text field name is empty".into()));
        }
        if self.url_field.is_empty() {
            return Err(Error::Param("the URL field name is empty".into()));
        }
        if self.threads > 1024 {
            return Err(Error::Param(format!(
                "{} threads is more than 1024",
                self.threads
            )));
        }
        let threads = match self.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let memory = match &self.site_memory {
            Some(p) => Some(p.build()?),
            None => None,
        };
        Ok(Filter {
            config: FilterConfig {
                text_field: self.text_field.clone(),
                repair: self.repair,
                url_field: self.url_field.clone(),
            },
            threads,
            memory,
        })
    }
}

/// A record format: how records are read, what a site memory needs from
/// one, and how one is processed into its output record.
pub trait RecordFormat: Sync {
    /// What the reader yields: a record, or bytes passed through.
    type Item: Send + Sync;
    /// The reader over a buffered input.
    type Reader<R: BufRead>: Iterator<Item = io::Result<Self::Item>>;

    /// Reads items one at a time from `input` (decompressed already).
    fn read<R: BufRead>(&self, input: R) -> Self::Reader<R>;

    /// The item's size in bytes (bounds a batch, counts bytes in).
    fn size(&self, item: &Self::Item) -> usize;

    /// Whether the item is a record (counted); what is not (a blank line
    /// between JSON Lines records) is echoed and not counted.
    fn is_record(&self, _item: &Self::Item) -> bool {
        true
    }

    /// The host and line keys of a record, for a site memory.
    fn site_keys(&self, cfg: &FilterConfig, item: &Self::Item) -> Option<SiteKeys>;

    /// Processes one item into its output record, with what a site memory
    /// knows about its lines.
    fn process(
        &self,
        detector: &Detector,
        cfg: &FilterConfig,
        item: &Self::Item,
        site: Option<&SiteRepeats>,
    ) -> Outcome;

    /// The item passed through untouched and counted as failed, with why
    /// (when processing it broke down: see [`Filter`]'s batches).
    fn failed(&self, item: &Self::Item, why: String) -> Outcome;

    /// Whether gzip output is one member per record (WARC, as crawlers
    /// write it) rather than one stream.
    fn gzip_members(&self) -> bool {
        false
    }
}

/// JSON Lines in, JSON Lines out ([`jsonl`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Jsonl;

/// JSON Lines, one raw line (with its `\n`) at a time.
pub struct JsonlLines<R> {
    inner: R,
}

impl<R: BufRead> Iterator for JsonlLines<R> {
    type Item = io::Result<Vec<u8>>;
    fn next(&mut self) -> Option<Self::Item> {
        let mut line = Vec::new();
        match self.inner.read_until(b'\n', &mut line) {
            Ok(0) => None,
            Ok(_) => Some(Ok(line)),
            Err(e) => Some(Err(e)),
        }
    }
}

/// A JSON Lines line without its line end.
fn jsonl_body(line: &[u8]) -> &[u8] {
    let b = line.strip_suffix(b"\n").unwrap_or(line);
    b.strip_suffix(b"\r").unwrap_or(b)
}

impl RecordFormat for Jsonl {
    type Item = Vec<u8>;
    type Reader<R: BufRead> = JsonlLines<R>;

    fn read<R: BufRead>(&self, input: R) -> JsonlLines<R> {
        JsonlLines { inner: input }
    }

    fn size(&self, item: &Vec<u8>) -> usize {
        item.len()
    }

    fn is_record(&self, item: &Vec<u8>) -> bool {
        !item.iter().all(u8::is_ascii_whitespace)
    }

    fn site_keys(&self, cfg: &FilterConfig, item: &Vec<u8>) -> Option<SiteKeys> {
        jsonl::site_keys(cfg, jsonl_body(item))
    }

    fn process(
        &self,
        detector: &Detector,
        cfg: &FilterConfig,
        item: &Vec<u8>,
        site: Option<&SiteRepeats>,
    ) -> Outcome {
        if !self.is_record(item) {
            // Blank lines are not records: echo them.
            return Outcome::passed(item.clone(), None);
        }
        jsonl::process_line_with(detector, cfg, jsonl_body(item), site)
    }

    fn failed(&self, item: &Vec<u8>, why: String) -> Outcome {
        Outcome::passed(item.clone(), Some(why))
    }
}

/// WARC/WET in ([`wet`]), written as `to` says.
#[derive(Debug, Clone, Copy)]
pub struct Wet {
    /// The output format.
    pub to: WarcOutput,
}

impl RecordFormat for Wet {
    type Item = WarcItem;
    type Reader<R: BufRead> = WarcReader<R>;

    fn read<R: BufRead>(&self, input: R) -> WarcReader<R> {
        WarcReader::new(input)
    }

    fn size(&self, item: &WarcItem) -> usize {
        match item {
            WarcItem::Record(r) => r.header.len() + r.content.len(),
            WarcItem::Invalid(b, _) => b.len(),
        }
    }

    fn site_keys(&self, _cfg: &FilterConfig, item: &WarcItem) -> Option<SiteKeys> {
        wet::site_keys(item)
    }

    fn process(
        &self,
        detector: &Detector,
        cfg: &FilterConfig,
        item: &WarcItem,
        site: Option<&SiteRepeats>,
    ) -> Outcome {
        wet::process_item_with(detector, cfg, item.clone(), self.to, site)
    }

    fn failed(&self, item: &WarcItem, why: String) -> Outcome {
        match item {
            WarcItem::Record(rec) => wet::passed_through(rec, self.to, why),
            WarcItem::Invalid(bytes, _) => wet::passed_invalid(bytes.clone(), self.to, why),
        }
    }

    fn gzip_members(&self) -> bool {
        self.to == WarcOutput::Wet
    }
}

/// One item's outcome, as [`Filter::run`] hands it on.
#[derive(Debug)]
pub struct Processed {
    /// The item's 1-based number in its input (blank JSON Lines lines
    /// included).
    pub number: u64,
    /// The item's size in bytes; `None` for what is not a record (echoed,
    /// not counted).
    pub record_len: Option<usize>,
    /// The output record and whether it failed.
    pub outcome: Outcome,
}

/// Runs records of any [`RecordFormat`] through a [`Detector`]: in batches
/// on threads, in input order, with the site memory if one was asked for.
/// Built by [`FilterParams::build`].
pub struct Filter {
    config: FilterConfig,
    threads: usize,
    memory: Option<SiteMemory>,
}

impl Filter {
    /// The per-record settings.
    pub fn config(&self) -> &FilterConfig {
        &self.config
    }

    /// The number of worker threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Processes one batch of items: one outcome per item, in order. The
    /// site memory, if any, sees the batch's records in order and keeps
    /// them for the batches after.
    pub fn process_batch<F: RecordFormat>(
        &mut self,
        detector: &Detector,
        format: &F,
        batch: &[F::Item],
    ) -> Vec<Outcome> {
        let cfg = &self.config;
        let (hosts, mut seen): (Vec<Option<String>>, Vec<Option<SiteRepeats>>) =
            match &mut self.memory {
                Some(memory) => {
                    let keys = par_map(batch, self.threads, &|item| format.site_keys(cfg, item));
                    // In input order, one record at a time: what the memory
                    // knows about a record's lines, then the record joins
                    // it. The brands known for its host are those known
                    // before the batch; corrected below.
                    keys.into_iter()
                        .map(|k| match k {
                            Some(k) => {
                                let seen = memory.observe_keys(&k.host, &k.keys);
                                (Some(k.host), Some(seen))
                            }
                            None => (None, None),
                        })
                        .unzip()
                }
                None => (Vec::new(), Vec::new()),
            };
        let process = |i: usize, seen: &[Option<SiteRepeats>]| {
            let item = &batch[i];
            // A record on which scoring breaks down (a bug) is passed
            // through and counted as failed; the run goes on.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                format.process(detector, cfg, item, seen.get(i).and_then(Option::as_ref))
            }))
            .unwrap_or_else(|_| format.failed(item, INTERNAL_ERROR.to_string()))
        };
        let all: Vec<usize> = (0..batch.len()).collect();
        let mut outcomes = par_map(&all, self.threads, &|&i| process(i, &seen));
        let Some(memory) = &mut self.memory else {
            return outcomes;
        };
        // In input order: each record's own brands join the memory of its
        // host. A record whose host's known brands changed within the
        // batch (a brand proved on a page just before it) is processed
        // again with the brands known when it came: the output depends on
        // neither the number of threads nor where batches end.
        let mut again = Vec::new();
        for (i, host) in hosts.iter().enumerate() {
            let (Some(host), Some(repeats)) = (host, seen[i].as_mut()) else {
                continue;
            };
            let known = memory.remember_page(host, &outcomes[i].brands);
            if known != repeats.brands {
                repeats.brands = known;
                again.push(i);
            }
        }
        let redone = par_map(&again, self.threads, &|&i| process(i, &seen));
        for (i, outcome) in again.into_iter().zip(redone) {
            outcomes[i] = outcome;
        }
        outcomes
    }

    /// Reads `input` in batches ([`read_batch`]), processes each, and hands
    /// the outcomes to `write` in input order, one by one, until `write`
    /// says stop (`Ok(false)`). A read error ends the run after the items
    /// before it were handed on.
    pub fn run<F, R, W>(
        &mut self,
        detector: &Detector,
        format: &F,
        input: R,
        mut write: W,
    ) -> io::Result<()>
    where
        F: RecordFormat,
        R: BufRead,
        W: FnMut(Processed) -> io::Result<bool>,
    {
        let mut items = format.read(input);
        let mut n = 0u64;
        loop {
            let (batch, failed) = read_batch(format, &mut items);
            let outcomes = self.process_batch(detector, format, &batch);
            for (item, outcome) in batch.iter().zip(outcomes) {
                n += 1;
                let record_len = format.is_record(item).then(|| format.size(item));
                let go_on = write(Processed {
                    number: n,
                    record_len,
                    outcome,
                })?;
                if !go_on {
                    return Ok(());
                }
            }
            if let Some(e) = failed {
                return Err(e);
            }
            if batch.is_empty() {
                return Ok(());
            }
        }
    }
}

/// The next batch of items: up to [`BATCH_ITEMS`] items or [`BATCH_BYTES`]
/// bytes, and the read error that ended it early, if one did (the items
/// read before it are in the batch). An empty batch with no error: the
/// input is done.
pub fn read_batch<F: RecordFormat, I: Iterator<Item = io::Result<F::Item>>>(
    format: &F,
    items: &mut I,
) -> (Vec<F::Item>, Option<io::Error>) {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH_ITEMS && bytes < BATCH_BYTES {
        match items.next() {
            Some(Ok(item)) => {
                bytes += format.size(&item);
                batch.push(item);
            }
            Some(Err(e)) => return (batch, Some(e)),
            None => break,
        }
    }
    (batch, None)
}

/// `f` over the items on up to `threads` threads, in order.
fn par_map<T, R, F>(items: &[T], threads: usize, f: &F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    if threads <= 1 || items.len() <= 1 {
        return items.iter().map(f).collect();
    }
    // Items are handed out a few at a time from a shared counter, so a
    // thread that drew long pages does not leave the others idle at the
    // end of the batch; results are put back in input order.
    const STEP: usize = 4;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut parts: Vec<(usize, Vec<R>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.min(items.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let at = next.fetch_add(STEP, std::sync::atomic::Ordering::Relaxed);
                        if at >= items.len() {
                            return done;
                        }
                        let end = (at + STEP).min(items.len());
                        done.push((at, items[at..end].iter().map(f).collect::<Vec<_>>()));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(v) => v,
                // A panic in a worker is a bug: carry it on to the caller.
                Err(p) => std::panic::resume_unwind(p),
            })
            .collect()
    });
    parts.sort_unstable_by_key(|(at, _)| *at);
    parts.into_iter().flat_map(|(_, v)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: usize) -> Vec<u8> {
        let mut v = Vec::new();
        for i in 0..n {
            v.extend_from_slice(
                format!(
                    "{{\"id\":{i},\"url\":\"https://a{}.example/{i}\",\"text\":\"Home\\nNews\\nThe council met on Tuesday and agreed the plan for the harbour after a long debate.\\nShare\"}}\n",
                    i % 3
                )
                .as_bytes(),
            );
            if i % 7 == 0 {
                v.extend_from_slice(b"\n");
            }
        }
        v
    }

    fn run(params: FilterParams, input: &[u8]) -> Vec<u8> {
        let d = Detector::builtin().unwrap();
        let mut f = params.build().unwrap();
        let mut out = Vec::new();
        f.run(&d, &Jsonl, input, |p| {
            out.extend_from_slice(&p.outcome.bytes);
            Ok(true)
        })
        .unwrap();
        out
    }

    /// JSON Lines whose processing breaks down on a record holding `boom`.
    struct Breaking;

    impl RecordFormat for Breaking {
        type Item = Vec<u8>;
        type Reader<R: BufRead> = JsonlLines<R>;
        fn read<R: BufRead>(&self, input: R) -> JsonlLines<R> {
            Jsonl.read(input)
        }
        fn size(&self, item: &Vec<u8>) -> usize {
            Jsonl.size(item)
        }
        fn site_keys(&self, cfg: &FilterConfig, item: &Vec<u8>) -> Option<SiteKeys> {
            Jsonl.site_keys(cfg, item)
        }
        fn process(
            &self,
            d: &Detector,
            cfg: &FilterConfig,
            item: &Vec<u8>,
            site: Option<&SiteRepeats>,
        ) -> Outcome {
            assert!(!item.windows(4).any(|w| w == b"boom"), "broke down");
            Jsonl.process(d, cfg, item, site)
        }
        fn failed(&self, item: &Vec<u8>, why: String) -> Outcome {
            Jsonl.failed(item, why)
        }
    }

    #[test]
    fn a_record_that_breaks_scoring_is_passed_through_and_the_run_goes_on() {
        let d = Detector::builtin().unwrap();
        let input = b"{\"text\":\"a\"}\n{\"text\":\"boom\"}\n{\"text\":\"b\"}\n";
        for threads in [1, 2] {
            let mut f = FilterParams {
                threads,
                ..Default::default()
            }
            .build()
            .unwrap();
            let mut got = Vec::new();
            f.run(&d, &Breaking, &input[..], |p| {
                got.push((p.outcome.bytes.clone(), p.outcome.error.clone()));
                Ok(true)
            })
            .unwrap();
            assert_eq!(got.len(), 3, "one output record per input record");
            assert_eq!(got[1].0, b"{\"text\":\"boom\"}\n");
            assert!(got[1]
                .1
                .as_deref()
                .is_some_and(|e| e.contains("internal error")));
            assert!(got[0].1.is_none() && got[2].1.is_none());
        }
    }

    #[test]
    fn output_does_not_depend_on_threads() {
        let input = lines(2500);
        for site in [None, Some(SiteMemoryParams::default())] {
            let one = run(
                FilterParams {
                    threads: 1,
                    site_memory: site.clone(),
                    ..Default::default()
                },
                &input,
            );
            let three = run(
                FilterParams {
                    threads: 3,
                    site_memory: site.clone(),
                    ..Default::default()
                },
                &input,
            );
            assert_eq!(one, three);
            assert_eq!(
                one.iter().filter(|&&b| b == b'\n').count(),
                input.iter().filter(|&&b| b == b'\n').count()
            );
        }
    }

    #[test]
    fn brand_memory_does_not_depend_on_where_batches_end() {
        // Pages of a content farm of our own, from 12 hosts in turn: the
        // first two of each host prove its brand, the third does not.
        // Five rounds of that, with a line memory small enough to age.
        let site = include_str!("../../tests/fixtures/farm-site.jsonl");
        let mut items = Vec::new();
        for round in 0..5 {
            for page in site.lines() {
                for host in 0..12 {
                    let page = page
                        .replace("farm.example", &format!("farm{host}.example"))
                        .replace("/p/", &format!("/{round}/"));
                    items.push(page.into_bytes());
                }
            }
        }
        let d = Detector::builtin().unwrap();
        let params = FilterParams {
            threads: 2,
            site_memory: Some(SiteMemoryParams {
                bits: 10,
                ..Default::default()
            }),
            ..Default::default()
        };
        let mut runs = Vec::new();
        for size in [items.len(), 1, 5, 13] {
            let mut f = params.build().unwrap();
            let out: Vec<Outcome> = items
                .chunks(size)
                .flat_map(|batch| f.process_batch(&d, &Jsonl, batch))
                .collect();
            runs.push(out);
        }
        assert!(runs.iter().all(|r| r == &runs[0]));
        // Every third page takes the brand its host's first two proved.
        let taken = |o: &Outcome| {
            let rec: serde_json::Value = serde_json::from_slice(&o.bytes).unwrap();
            !rec["newschaff"]["brands"].as_array().unwrap().is_empty()
        };
        assert!(runs[0].iter().all(taken));
        for round in runs[0].chunks(36) {
            assert!(round[24..].iter().all(|o| o.brands.is_empty()));
        }
        // The line memory marked repeated lines too.
        let repeats = runs[0]
            .iter()
            .filter(|o| String::from_utf8_lossy(&o.bytes).contains("site_repeat\":[["))
            .count();
        assert!(repeats > 0);
    }

    #[test]
    fn bad_params_are_refused() {
        for p in [
            FilterParams {
                text_field: String::new(),
                ..Default::default()
            },
            FilterParams {
                threads: 5000,
                ..Default::default()
            },
            FilterParams {
                site_memory: Some(SiteMemoryParams {
                    bits: 2,
                    min_pages: 3,
                    ..Default::default()
                }),
                ..Default::default()
            },
        ] {
            assert!(matches!(p.build(), Err(Error::Param(_))), "{p:?}");
        }
    }

    #[test]
    fn write_can_stop_the_run() {
        let d = Detector::builtin().unwrap();
        let mut f = FilterParams::default().build().unwrap();
        let mut seen = 0;
        f.run(&d, &Jsonl, &lines(10)[..], |_| {
            seen += 1;
            Ok(seen < 4)
        })
        .unwrap();
        assert_eq!(seen, 4);
    }
}
