//! `newschaff filter`: a streaming filter for crawler pipelines.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use flate2::read::MultiGzDecoder;
use newschaff::stream::wet::{process_item, WarcItem, WarcOutput, WarcReader};
use newschaff::stream::{jsonl, FilterConfig, Outcome};

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
    };
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
        match format {
            Format::Jsonl => {
                if to != Format::Jsonl {
                    anyhow::bail!(
                        "JSON Lines input can only be written as JSON Lines (--to jsonl)"
                    );
                }
                let items = JsonlLines { inner: reader };
                let process = |line: &Vec<u8>| {
                    let body = line.strip_suffix(b"\n").unwrap_or(line);
                    let body = body.strip_suffix(b"\r").unwrap_or(body);
                    if body.iter().all(u8::is_ascii_whitespace) {
                        // Blank lines are not records: echo them.
                        return Outcome {
                            bytes: line.clone(),
                            error: None,
                        };
                    }
                    jsonl::process_line(&detector, &cfg, body)
                };
                par_ordered(items, threads, &process, |n, len, o| {
                    tally.note(&source, n, len, &o);
                    sink.write_all(&o.bytes)?;
                    sink.flush()
                })?;
            }
            Format::Wet => {
                let to = match to {
                    Format::Wet => WarcOutput::Wet,
                    Format::Jsonl => WarcOutput::Jsonl,
                };
                let items = WarcReader::new(reader);
                let process = |item: &WarcItem| process_item(&detector, &cfg, item.clone(), to);
                par_ordered(items, threads, &process, |n, len, o| {
                    tally.note(&source, n, len, &o);
                    sink.write_all(&o.bytes)?;
                    sink.flush()
                })?;
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
/// hands the outcomes to `write` in input order, one by one.
fn par_ordered<T, I, F, W>(items: I, threads: usize, process: &F, mut write: W) -> Result<()>
where
    T: Send + Sync + Weight,
    I: Iterator<Item = io::Result<T>>,
    F: Fn(&T) -> Outcome + Sync,
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
        let outcomes: Vec<Outcome> = if threads == 1 || batch.len() == 1 {
            batch.iter().map(process).collect()
        } else {
            let chunk = batch.len().div_ceil(threads);
            std::thread::scope(|s| {
                let handles: Vec<_> = batch
                    .chunks(chunk)
                    .map(|c| s.spawn(move || c.iter().map(process).collect::<Vec<_>>()))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().expect("a worker thread panicked"))
                    .collect()
            })
        };
        for (item, o) in batch.iter().zip(outcomes) {
            n += 1;
            write(n, item.size(), o)?;
        }
    }
    Ok(())
}
