//! `newschaff filter`: a streaming filter for crawler pipelines.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use newschaff::stream::wet::{process_item_with, site_keys, WarcItem, WarcOutput, WarcReader};
use newschaff::stream::{jsonl, FilterConfig, Outcome, SiteKeys};
use newschaff::{SiteMemoryParams, SiteRepeats};

use crate::{common, exit};

/// Clean documents in a stream: JSON Lines (`{"id", "text", ...}`) or
/// WARC/WET records, stdin to stdout by default. One output record for
/// every input record, in input order; a record that cannot be processed
/// is passed through (with a `newschaff_error` field where it is a JSON
/// object) and reported on stderr at the end, with the run's statistics.
///
/// Formats: JSON Lines in, JSON Lines out; WET in, WET or JSON Lines out
/// (`--to jsonl`). JSON Lines cannot be written as WET, and inputs of
/// different formats need `--to jsonl`.
#[derive(clap::Args)]
#[command(after_help = crate::exit::HELP)]
pub struct Args {
    #[command(flatten)]
    model: common::ModelArgs,
    /// Input format (default: from the file name; stdin and other names
    /// are jsonl, and are refused when they start like WARC).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Output format (default: from the --out name, else the input
    /// format): jsonl from any input, wet from WET input only.
    #[arg(long, value_enum)]
    to: Option<Format>,
    /// Write here instead of stdout (written through a temporary file and
    /// renamed at the end, so a failed run leaves no partial file). A
    /// .jsonl or .warc.wet name sets the output format; a .gz name is
    /// written as gzip (WET: one gzip member per record).
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
    /// Exit 3 (partial failure) when more than this share of the records
    /// could not be processed (a fraction in 0..=1). A run in which no
    /// record could be processed always exits 3.
    #[arg(long, default_value_t = DEFAULT_MAX_FAILURES, value_name = "FRACTION", value_parser = parse_fraction)]
    max_failures: f64,
    /// Stop at the first record that cannot be processed: write the records
    /// before it, report it, and exit 3 (instead of --max-failures).
    #[arg(long, conflicts_with = "max_failures")]
    strict: bool,
    /// Print no statistics at the end of the run (errors are still
    /// reported).
    #[arg(long, short)]
    quiet: bool,
    /// Inputs (gzip is detected); `-` or nothing for stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// The share of failed records above which `filter` exits 3, unless
/// `--max-failures` says otherwise.
pub const DEFAULT_MAX_FAILURES: f64 = 0.01;

fn parse_fraction(s: &str) -> Result<f64, String> {
    let f: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&f) {
        Ok(f)
    } else {
        Err(format!("{f} is not a fraction in 0..=1"))
    }
}

/// Record formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// JSON Lines documents.
    Jsonl,
    /// WARC/WET records.
    Wet,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Wet => "wet",
        }
    }
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

/// Where a compressed input turned out to be cut or damaged: the error
/// and how many bytes of data came before it. Set by [`UntilDamage`].
type Damage = Arc<Mutex<Option<(u64, String)>>>;

/// Whether a file name ends in `.gz`.
fn is_gz_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Opens an input, decompressing gzip when the bytes or the name say so.
/// For gzip, the second value says where the data ended early, if it did.
fn open(path: &Path) -> Result<(Box<dyn BufRead + Send>, Option<Damage>)> {
    let raw: Box<dyn Read + Send> = if path == Path::new("-") {
        Box::new(io::stdin())
    } else {
        if path.is_dir() {
            anyhow::bail!("{}: is a folder, not a record file", path.display());
        }
        Box::new(File::open(path).with_context(|| format!("cannot read {}", path.display()))?)
    };
    let mut buf = BufReader::with_capacity(256 * 1024, raw);
    let head = buf
        .fill_buf()
        .with_context(|| format!("cannot read {}", path.display()))?;
    // An empty file is an empty input, whatever its name.
    let gz = head.starts_with(&[0x1f, 0x8b]) || (!head.is_empty() && is_gz_name(path));
    Ok(if gz {
        let damage = Damage::default();
        let reader = UntilDamage {
            inner: MultiGzDecoder::new(buf),
            read: 0,
            damage: Some(damage.clone()),
        };
        (
            Box::new(BufReader::with_capacity(256 * 1024, reader)),
            Some(damage),
        )
    } else {
        (Box::new(buf), None)
    })
}

/// Reads gzip data up to the point where it is cut (an interrupted
/// download) or damaged, and ends there as if the data ended: the record
/// readers then pass the cut record through as invalid, and every complete
/// record before it is written. The error is kept for the report.
struct UntilDamage<R> {
    inner: R,
    read: u64,
    /// `None` once the damage was met.
    damage: Option<Damage>,
}

impl<R: Read> Read for UntilDamage<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(damage) = &self.damage else {
            return Ok(0);
        };
        match self.inner.read(buf) {
            Ok(n) => {
                self.read += n as u64;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                *damage.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some((self.read, e.to_string()));
                self.damage = None;
                Ok(0)
            }
        }
    }
}

/// Where records go: stdout or a file, plain or gzip (by the `--out` name).
enum Sink {
    /// Written and flushed record by record.
    Plain(Box<dyn Write>),
    /// One gzip stream (JSON Lines).
    Gzip(GzEncoder<Box<dyn Write>>),
    /// One gzip member per record (WET, as crawlers write it, so that a
    /// reader can start at any record).
    GzipMembers(Box<dyn Write>),
}

impl Sink {
    fn gzip(w: Box<dyn Write>, to: Format) -> Sink {
        match to {
            Format::Jsonl => Sink::Gzip(GzEncoder::new(w, Compression::default())),
            Format::Wet => Sink::GzipMembers(w),
        }
    }

    fn record(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Sink::Plain(w) => {
                w.write_all(bytes)?;
                w.flush()
            }
            Sink::Gzip(z) => z.write_all(bytes),
            Sink::GzipMembers(w) => {
                let mut z =
                    GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
                z.write_all(bytes)?;
                w.write_all(&z.finish()?)
            }
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Plain(mut w) | Sink::GzipMembers(mut w) => w.flush(),
            Sink::Gzip(z) => z.finish()?.flush(),
        }
    }
}

/// Counts and reports records, failures and throughput.
struct Tally {
    records: u64,
    failed: u64,
    bytes_in: u64,
    bytes_out: u64,
    lines_dropped: u64,
    first_errors: Vec<String>,
    /// Inputs whose compressed data was cut or damaged.
    damaged: Vec<String>,
    start: Instant,
    last_progress: Instant,
    progress: bool,
}

impl Tally {
    fn new(progress: bool) -> Tally {
        Tally {
            records: 0,
            failed: 0,
            bytes_in: 0,
            bytes_out: 0,
            lines_dropped: 0,
            first_errors: Vec::new(),
            damaged: Vec::new(),
            start: Instant::now(),
            last_progress: Instant::now(),
            progress,
        }
    }

    fn note(&mut self, source: &str, n: u64, input_len: usize, o: &Outcome) {
        self.records += 1;
        self.bytes_in += input_len as u64;
        self.bytes_out += o.bytes.len() as u64;
        self.lines_dropped += o.lines_dropped as u64;
        if let Some(e) = &o.error {
            self.failed += 1;
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

    /// The end-of-run statistics line.
    fn statistics(&self) -> String {
        format!(
            "newschaff: {} records, {} failed, {} bytes in, {} bytes out, {} lines dropped ({:.1} s)",
            self.records,
            self.failed,
            self.bytes_in,
            self.bytes_out,
            self.lines_dropped,
            self.start.elapsed().as_secs_f64()
        )
    }
}

/// Why a run stopped early with `--strict`: the first bad record.
struct Stopped {
    at: String,
}

/// The format each input is read in and the one written, checked before
/// anything is read: JSON Lines cannot be written as WET, and one output
/// stream has one format.
fn plan(args: &Args, inputs: &[PathBuf]) -> Result<(Vec<Format>, Format)> {
    let formats: Vec<Format> = inputs
        .iter()
        .map(|p| args.format.or_else(|| infer(p)).unwrap_or(Format::Jsonl))
        .collect();
    // The --out name may say the output format.
    let named = args.out.as_deref().and_then(infer);
    let to = match (args.to, named) {
        (Some(t), Some(n)) if t != n => {
            return Err(exit::usage(format!(
                "--to {} but --out {} names a {} file",
                t.name(),
                args.out.as_deref().unwrap_or(Path::new("")).display(),
                n.name()
            )))
        }
        (Some(t), _) | (None, Some(t)) => t,
        (None, None) => {
            let first = formats[0];
            if formats.iter().any(|&f| f != first) {
                return Err(exit::usage(
                    "the inputs are of different formats (JSON Lines and WET); add --to jsonl to write them as one JSON Lines stream",
                ));
            }
            first
        }
    };
    if to == Format::Wet {
        if let Some(i) = formats.iter().position(|&f| f == Format::Jsonl) {
            return Err(exit::usage(format!(
                "{} is read as JSON Lines, which cannot be written as WET; --to wet needs WET input (--format wet or a .warc.wet name)",
                inputs[i].display()
            )));
        }
    }
    Ok((formats, to))
}

pub fn run(args: Args) -> Result<()> {
    let inputs = common::inputs(&args.paths);
    let (formats, to) = plan(&args, &inputs)?;
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
    let mut tally = Tally::new(io::stderr().is_terminal() && !args.quiet);
    let mut stopped: Option<Stopped> = None;

    let (mut sink, tmp) = match &args.out {
        Some(p) => {
            let tmp = common::temp_beside(p)?;
            let f: Box<dyn Write> =
                Box::new(io::BufWriter::with_capacity(256 * 1024, tmp.reopen()?));
            let sink = if is_gz_name(p) {
                Sink::gzip(f, to)
            } else {
                Sink::Plain(f)
            };
            (sink, Some(tmp))
        }
        None => (Sink::Plain(Box::new(common::stdout())), None),
    };

    for (path, &format) in inputs.iter().zip(&formats) {
        if stopped.is_some() {
            break;
        }
        let source = path.display().to_string();
        let (reader, damage) = open(path)?;
        // Each outcome is counted, written and flushed: a killed run leaves
        // only whole records. With --strict, the first bad record stops
        // the run before it is written.
        let strict = args.strict;
        // `len` is `None` for what is not a record (a blank line): echoed,
        // not counted.
        let mut write = |n: u64, len: Option<usize>, o: Outcome| -> io::Result<bool> {
            let Some(len) = len else {
                sink.record(&o.bytes)?;
                return Ok(true);
            };
            if strict {
                if let Some(e) = &o.error {
                    stopped = Some(Stopped {
                        at: format!("{source}: record {n}: {e}"),
                    });
                    return Ok(false);
                }
            }
            tally.note(&source, n, len, &o);
            sink.record(&o.bytes)?;
            Ok(true)
        };
        match format {
            Format::Jsonl => {
                let mut reader = reader;
                if args.format.is_none() && reader.fill_buf()?.starts_with(b"WARC/") {
                    return Err(exit::usage(format!(
                        "{source} starts like WARC/WET, but is read as JSON Lines (stdin and names other than .warc/.wet are); add --format wet"
                    )));
                }
                let items = JsonlLines { inner: reader };
                let keys = |line: &Vec<u8>| {
                    with_memory
                        .then(|| jsonl::site_keys(&cfg, jsonl_body(line)))
                        .flatten()
                };
                let process = |line: &Vec<u8>, site: &Option<SiteRepeats>| {
                    if !line.is_record() {
                        // Blank lines are not records: echo them.
                        return Outcome::passed(line.clone(), None);
                    }
                    jsonl::process_line_with(&detector, &cfg, jsonl_body(line), site.as_ref())
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
        let damage = damage.and_then(|d| d.lock().unwrap_or_else(|p| p.into_inner()).take());
        if let Some((at, why)) = damage {
            tally.damaged.push(format!(
                "{source}: the gzip data is cut or damaged after {at} bytes ({why}); the records before that point were written and the rest of this input was not read"
            ));
        }
    }
    sink.finish()?;
    if let (Some(tmp), Some(out)) = (tmp, &args.out) {
        tmp.persist(out)
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    if tally.progress {
        eprint!("\r");
    }
    if tally.failed > 0 {
        eprintln!(
            "newschaff: {} of {} records could not be processed and were passed through:",
            tally.failed, tally.records
        );
        for e in &tally.first_errors {
            eprintln!("  {e}");
        }
    }
    if !args.quiet {
        eprintln!("{}", tally.statistics());
    }
    for d in &tally.damaged {
        eprintln!("newschaff: {d}");
    }
    if let Some(s) = stopped {
        return Err(exit::partial(format!(
            "stopped at the first record that could not be processed (--strict), after writing the {} before it: {}",
            tally.records, s.at
        )));
    }
    if !tally.damaged.is_empty() {
        return Err(exit::partial(format!(
            "{} input(s) cut or damaged",
            tally.damaged.len()
        )));
    }
    if tally.records > 0 && tally.failed == tally.records {
        return Err(exit::partial(format!(
            "none of the {} records could be processed",
            tally.records
        )));
    }
    let share = tally.failed as f64 / tally.records.max(1) as f64;
    if share > args.max_failures {
        return Err(exit::partial(format!(
            "{} of {} records ({:.2}%) could not be processed, more than --max-failures {}",
            tally.failed,
            tally.records,
            share * 100.0,
            args.max_failures
        )));
    }
    Ok(())
}

/// A JSON Lines line without its line end.
fn jsonl_body(line: &[u8]) -> &[u8] {
    let b = line.strip_suffix(b"\n").unwrap_or(line);
    b.strip_suffix(b"\r").unwrap_or(b)
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
    /// Whether it counts as a record (a blank JSON Lines line does not).
    fn is_record(&self) -> bool {
        true
    }
}
impl Weight for Vec<u8> {
    fn size(&self) -> usize {
        self.len()
    }
    fn is_record(&self) -> bool {
        !self.iter().all(u8::is_ascii_whitespace)
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
/// hands the outcomes of records to `write` in input order, one by one,
/// until `write` says stop (`Ok(false)`). Each batch
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
    W: FnMut(u64, Option<usize>, Outcome) -> io::Result<bool>,
{
    const BATCH_ITEMS: usize = 1024;
    const BATCH_BYTES: usize = 32 << 20;
    let mut items = items.peekable();
    let mut n = 0u64;
    let mut failed: Option<io::Error> = None;
    while failed.is_none() && items.peek().is_some() {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_ITEMS && bytes < BATCH_BYTES {
            match items.next() {
                Some(Ok(item)) => {
                    bytes += item.size();
                    batch.push(item);
                }
                // The records read before the error are still written.
                Some(Err(e)) => {
                    failed = Some(e);
                    break;
                }
                None => break,
            }
        }
        let ks = par_map(&batch, threads, &|t: &(usize, &T)| keys(t.1));
        let seen: Vec<S> = ks.into_iter().map(&mut *observe).collect();
        let outcomes = par_map(&batch, threads, &|t: &(usize, &T)| process(t.1, &seen[t.0]));
        for (item, o) in batch.iter().zip(outcomes) {
            n += 1;
            let len = item.is_record().then(|| item.size());
            if !write(n, len, o)? {
                return Ok(());
            }
        }
    }
    match failed {
        Some(e) => Err(anyhow::Error::new(e).context("cannot read the input")),
        None => Ok(()),
    }
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
