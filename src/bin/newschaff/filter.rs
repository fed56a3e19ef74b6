//! `newschaff filter`: a streaming filter for crawler pipelines.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use flate2::read::MultiGzDecoder;
use newschaff::stream::wet::{process_item_with, site_keys, WarcItem, WarcOutput, WarcReader};
use newschaff::stream::{jsonl, FilterConfig, Outcome, SiteKeys};
use newschaff::{SiteMemoryParams, SiteRepeats};

use crate::common;

/// Clean documents in a stream: JSON Lines (`{"id", "text", ...}`) or
/// WARC/WET records, stdin to stdout by default. One output record for
/// every input record, in input order; a record that cannot be processed
/// is passed through (with a `newschaff_error` field where it is a JSON
/// object) and reported on stderr at the end.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    model: common::ModelArgs,
    /// Input format (default: from the file name; stdin is jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Output format (default: the input format).
    #[arg(long, value_enum)]
    to: Option<Format>,
    /// Write here instead of stdout (written through a temporary file and
    /// renamed at the end, so a failed run leaves no partial file).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// The JSON field that holds the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// Delete injected brand spans from kept lines.
    #[arg(long)]
    repair: bool,
    /// Remember lines per host across the stream: a line seen on
    /// --site-min-pages other pages of the same host is boilerplate (noise).
    /// Uses 8 MiB whatever the input size. The host comes from the record's
    /// URL (JSON Lines: --url-field, also inside `metadata`; WET:
    /// WARC-Target-URI).
    #[arg(long)]
    site_memory: bool,
    /// With --site-memory: on how many other pages of a host a line must
    /// have been seen to be boilerplate.
    #[arg(long, default_value_t = 3, value_name = "N")]
    site_min_pages: u32,
    /// The JSON field that holds the page URL.
    #[arg(long, default_value = "url", value_name = "NAME")]
    url_field: String,
    /// Inputs (gzip is detected); `-` or nothing for stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Record formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// JSON Lines documents.
    Jsonl,
    /// WARC/WET records.
    Wet,
}

fn infer(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".jsonl") || name.ends_with(".json") || name.ends_with(".ndjson") {
        Some(Format::Jsonl)
    } else if name.ends_with(".wet") || name.ends_with(".warc") {
        Some(Format::Wet)
    } else {
        None
    }
}

/// Opens an input, decompressing gzip when the bytes say so.
fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = if path == Path::new("-") {
        Box::new(io::stdin())
    } else {
        if path.is_dir() {
            anyhow::bail!("{}: is a folder, not a record file", path.display());
        }
        Box::new(File::open(path).with_context(|| format!("cannot read {}", path.display()))?)
    };
    let mut buf = BufReader::with_capacity(256 * 1024, raw);
    let gz = buf.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gz {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            MultiGzDecoder::new(buf),
        ))
    } else {
        Box::new(buf)
    })
}

/// Counts and reports records, errors and throughput.
struct Tally {
    records: u64,
    bytes_in: u64,
    errors: u64,
    first_errors: Vec<String>,
    start: Instant,
    last_progress: Instant,
    progress: bool,
}

impl Tally {
    fn note(&mut self, source: &str, n: u64, input_len: usize, o: &Outcome) {
        self.records += 1;
        self.bytes_in += input_len as u64;
        if let Some(e) = &o.error {
            self.errors += 1;
            if self.first_errors.len() < 10 {
                self.first_errors.push(format!("{source}: record {n}: {e}"));
            }
        }
        if self.progress && self.last_progress.elapsed().as_millis() >= 500 {
            self.last_progress = Instant::now();
            let secs = self.start.elapsed().as_secs_f64().max(1e-9);
            eprint!(
                "\r{} records, {:.1} MB/s   ",
                self.records,
                self.bytes_in as f64 / 1e6 / secs
            );
        }
    }
}

pub fn run(args: Args) -> Result<()> {
    let detector = args.model.detector()?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 256);
    let cfg = FilterConfig {
        text_field: args.text_field.clone(),
        repair: args.repair,
        url_field: args.url_field.clone(),
    };
    let mut memory = if args.site_memory {
        Some(
            SiteMemoryParams {
                min_pages: args.site_min_pages,
                ..Default::default()
            }
            .build()?,
        )
    } else {
        None
    };
    // In input order, one record at a time: what the memory knows about a
    // record's lines, then the record joins the memory.
    let mut observe = |k: Option<SiteKeys>| -> Option<SiteRepeats> {
        let (m, k) = (memory.as_mut()?, k?);
        Some(m.observe_keys(&k.host, &k.keys))
    };
    let with_memory = args.site_memory;
    let inputs = common::inputs(&args.paths);
    let mut tally = Tally {
        records: 0,
        bytes_in: 0,
        errors: 0,
        first_errors: Vec::new(),
        start: Instant::now(),
        last_progress: Instant::now(),
        progress: io::stderr().is_terminal(),
    };

    let (mut sink, tmp): (Box<dyn Write>, Option<tempfile::NamedTempFile>) = match &args.out {
        Some(p) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let tmp = tempfile::Builder::new()
                .prefix(".newschaff-filter-")
                .tempfile_in(dir)
                .with_context(|| format!("cannot write in {}", dir.display()))?;
            let f = tmp.reopen()?;
            (
                Box::new(io::BufWriter::with_capacity(256 * 1024, f)),
                Some(tmp),
            )
        }
        None => (Box::new(common::stdout()), None),
    };

    for path in &inputs {
        let format = args.format.or_else(|| infer(path)).unwrap_or(Format::Jsonl);
        let to = args.to.unwrap_or(format);
        let source = path.display().to_string();
        let reader = open(path)?;
        // Each outcome is counted, written and flushed: a killed run leaves
        // only whole records.
        let mut write = |n: u64, len: usize, o: Outcome| -> io::Result<()> {
            tally.note(&source, n, len, &o);
            sink.write_all(&o.bytes)?;
            sink.flush()
        };
        match format {
            Format::Jsonl => {
                if to != Format::Jsonl {
                    anyhow::bail!(
                        "JSON Lines input can only be written as JSON Lines (--to jsonl)"
                    );
                }
                let items = JsonlLines { inner: reader };
                fn body(line: &[u8]) -> &[u8] {
                    let b = line.strip_suffix(b"\n").unwrap_or(line);
                    b.strip_suffix(b"\r").unwrap_or(b)
                }
                let keys = |line: &Vec<u8>| {
                    with_memory
                        .then(|| jsonl::site_keys(&cfg, body(line)))
                        .flatten()
                };
                let process = |line: &Vec<u8>, site: &Option<SiteRepeats>| {
                    let b = body(line);
                    if b.iter().all(u8::is_ascii_whitespace) {
                        // Blank lines are not records: echo them.
                        return Outcome {
                            bytes: line.clone(),
                            error: None,
                        };
                    }
                    jsonl::process_line_with(&detector, &cfg, b, site.as_ref())
                };
                par_ordered(items, threads, &keys, &mut observe, &process, &mut write)?;
            }
            Format::Wet => {
                let to = match to {
                    Format::Wet => WarcOutput::Wet,
                    Format::Jsonl => WarcOutput::Jsonl,
                };
                let items = WarcReader::new(reader);
                let keys = |item: &WarcItem| with_memory.then(|| site_keys(item)).flatten();
                let process = |item: &WarcItem, site: &Option<SiteRepeats>| {
                    process_item_with(&detector, &cfg, item.clone(), to, site.as_ref())
                };
                par_ordered(items, threads, &keys, &mut observe, &process, &mut write)?;
            }
        }
    }
    sink.flush()?;
    drop(sink);
    if let (Some(tmp), Some(out)) = (tmp, &args.out) {
        tmp.persist(out)
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    if tally.progress {
        eprint!("\r");
    }
    if tally.errors > 0 {
        eprintln!(
            "newschaff: {} of {} records could not be processed and were passed through:",
            tally.errors, tally.records
        );
        for e in &tally.first_errors {
            eprintln!("  {e}");
        }
    }
    Ok(())
}

/// JSON Lines, one raw line (with its `\n`) at a time.
struct JsonlLines {
    inner: Box<dyn BufRead + Send>,
}

impl Iterator for JsonlLines {
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

/// Something with a size, to bound a batch in bytes.
trait Weight {
    fn size(&self) -> usize;
}
impl Weight for Vec<u8> {
    fn size(&self) -> usize {
        self.len()
    }
}
impl Weight for WarcItem {
    fn size(&self) -> usize {
        match self {
            WarcItem::Record(r) => r.header.len() + r.content.len(),
            WarcItem::Invalid(b, _) => b.len(),
        }
    }
}

/// Processes items on `threads` threads in batches of bounded size and
/// hands the outcomes to `write` in input order, one by one. Each batch
/// goes through three steps: `keys` on all threads, `observe` in input
/// order on this thread (the site memory: deterministic whatever the
/// number of threads), `process` on all threads.
fn par_ordered<T, K, S, I, FK, FO, F, W>(
    items: I,
    threads: usize,
    keys: &FK,
    observe: &mut FO,
    process: &F,
    mut write: W,
) -> Result<()>
where
    T: Send + Sync + Weight,
    K: Send,
    S: Send + Sync,
    I: Iterator<Item = io::Result<T>>,
    FK: Fn(&T) -> K + Sync,
    FO: FnMut(K) -> S,
    F: Fn(&T, &S) -> Outcome + Sync,
    W: FnMut(u64, usize, Outcome) -> io::Result<()>,
{
    const BATCH_ITEMS: usize = 1024;
    const BATCH_BYTES: usize = 32 << 20;
    let mut items = items.peekable();
    let mut n = 0u64;
    while items.peek().is_some() {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_ITEMS && bytes < BATCH_BYTES {
            match items.next() {
                Some(item) => {
                    let item = item.context("cannot read the input")?;
                    bytes += item.size();
                    batch.push(item);
                }
                None => break,
            }
        }
        let ks = par_map(&batch, threads, &|t: &(usize, &T)| keys(t.1));
        let seen: Vec<S> = ks.into_iter().map(&mut *observe).collect();
        let outcomes = par_map(&batch, threads, &|t: &(usize, &T)| process(t.1, &seen[t.0]));
        for (item, o) in batch.iter().zip(outcomes) {
            n += 1;
            write(n, item.size(), o)?;
        }
    }
    Ok(())
}

/// `f` over the items (with their index) on up to `threads` threads, in order.
fn par_map<T, R, F>(batch: &[T], threads: usize, f: &F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&(usize, &T)) -> R + Sync,
{
    let indexed: Vec<(usize, &T)> = batch.iter().enumerate().collect();
    if threads == 1 || indexed.len() <= 1 {
        return indexed.iter().map(f).collect();
    }
    let chunk = indexed.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = indexed
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    })
}
