//! `newschaff filter`: a streaming filter for crawler pipelines.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use newschaff::stream::wet::WarcOutput;
use newschaff::stream::{files, Compress, FilterParams, Jsonl, Processed, Sink, Tally, Wet};
use newschaff::SiteMemoryParams;

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
    /// Remember lines and brands per host across the stream: a line seen
    /// on --site-min-pages other pages of the same host is boilerplate
    /// (noise); a content farm's brand proved on --site-brand-pages pages
    /// of a host (and on a quarter of them) is looked for on its later
    /// pages. Uses about 8.5 MiB (12 MiB at most) whatever the input size. The host comes from
    /// the record's URL (JSON Lines: --url-field, also inside `metadata`;
    /// WET: WARC-Target-URI).
    #[arg(long)]
    site_memory: bool,
    /// With --site-memory: on how many other pages of a host a line must
    /// have been seen to be boilerplate.
    #[arg(long, default_value_t = SiteMemoryParams::default().min_pages, value_name = "N")]
    site_min_pages: u32,
    /// With --site-memory: on how many pages of a host a brand must have
    /// been proved before the host's later pages look for it (0: never).
    #[arg(long, default_value_t = SiteMemoryParams::default().brand_pages, value_name = "N")]
    site_brand_pages: u32,
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

/// Opens an input, decompressing gzip when the bytes or the name say so.
fn open(path: &Path) -> Result<files::Input> {
    if path.is_dir() {
        anyhow::bail!("{}: is a folder, not a record file", path.display());
    }
    files::open_path(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Progress on stderr, at most twice a second.
struct Progress {
    start: Instant,
    last: Instant,
    on: bool,
}

impl Progress {
    fn tick(&mut self, t: &Tally) {
        if self.on && self.last.elapsed().as_millis() >= 500 {
            self.last = Instant::now();
            let secs = self.start.elapsed().as_secs_f64().max(1e-9);
            eprint!(
                "\r{} records, {:.1} MB/s   ",
                t.records,
                t.bytes_in as f64 / 1e6 / secs
            );
        }
    }
}

/// The end-of-run statistics line.
fn statistics(t: &Tally, start: Instant) -> String {
    format!(
        "newschaff: {} records, {} failed, {} bytes in, {} bytes out, {} lines dropped ({:.1} s)",
        t.records,
        t.failed,
        t.bytes_in,
        t.bytes_out,
        t.lines_dropped,
        start.elapsed().as_secs_f64()
    )
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
    let mut filter = FilterParams {
        text_field: args.text_field.clone(),
        repair: args.repair,
        url_field: args.url_field.clone(),
        // 0: all cores.
        threads: args.threads.map_or(0, |t| t.clamp(1, 256)),
        site_memory: args.site_memory.then(|| SiteMemoryParams {
            min_pages: args.site_min_pages,
            brand_pages: args.site_brand_pages,
            ..Default::default()
        }),
    }
    .build()?;
    let start = Instant::now();
    let mut progress = Progress {
        start,
        last: start,
        on: io::stderr().is_terminal() && !args.quiet,
    };
    let mut tally = Tally::default();
    let mut damaged: Vec<String> = Vec::new();
    let mut stopped: Option<Stopped> = None;

    let wet_to = match to {
        Format::Wet => WarcOutput::Wet,
        Format::Jsonl => WarcOutput::Jsonl,
    };
    let (mut sink, tmp) = match &args.out {
        Some(p) => {
            let tmp = common::temp_beside(p)?;
            let f: Box<dyn Write> =
                Box::new(io::BufWriter::with_capacity(256 * 1024, tmp.reopen()?));
            let compress = match (files::is_gz_name(p), to) {
                (false, _) => Compress::None,
                (true, Format::Jsonl) => Compress::Stream,
                (true, Format::Wet) => Compress::Members,
            };
            (Sink::new(f, compress), Some(tmp))
        }
        None => (Sink::new(Box::new(common::stdout()), Compress::None), None),
    };

    for (path, &format) in inputs.iter().zip(&formats) {
        if stopped.is_some() {
            break;
        }
        let source = path.display().to_string();
        let files::Input { mut reader, damage } = open(path)?;
        // Each outcome is counted, written and flushed: a killed run leaves
        // only whole records. With --strict, the first bad record stops
        // the run before it is written.
        let strict = args.strict;
        // Whether the run ended on an error writing the output (not reading).
        let mut write_failed = false;
        let mut emit = |sink: &mut Sink, bytes: &[u8]| {
            let r = sink.record(bytes);
            write_failed = r.is_err();
            r
        };
        let write = |p: Processed| -> io::Result<bool> {
            let Some(len) = p.record_len else {
                // Not a record (a blank line): echoed, not counted.
                emit(&mut sink, &p.outcome.bytes)?;
                return Ok(true);
            };
            if strict {
                if let Some(e) = &p.outcome.error {
                    stopped = Some(Stopped {
                        at: format!("{source}: record {}: {e}", p.number),
                    });
                    return Ok(false);
                }
            }
            tally.note(&source, p.number, len, &p.outcome);
            progress.tick(&tally);
            emit(&mut sink, &p.outcome.bytes)?;
            Ok(true)
        };
        let result = match format {
            Format::Jsonl => {
                if args.format.is_none() && reader.fill_buf()?.starts_with(b"WARC/") {
                    return Err(exit::usage(format!(
                        "{source} starts like WARC/WET, but is read as JSON Lines (stdin and names other than .warc/.wet are); add --format wet"
                    )));
                }
                filter.run(&detector, &Jsonl, reader, write)
            }
            Format::Wet => filter.run(&detector, &Wet { to: wet_to }, reader, write),
        };
        match result {
            Err(e) if write_failed => return Err(e.into()),
            r => r.context("cannot read the input")?,
        }
        if let Some((at, why)) = damage.and_then(|d| d.take()) {
            damaged.push(format!(
                "{source}: the gzip data is cut or damaged after {at} bytes ({why}); the records before that point were written and the rest of this input was not read"
            ));
        }
    }
    sink.finish()?;
    if let (Some(tmp), Some(out)) = (tmp, &args.out) {
        tmp.persist(out)
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    if progress.on {
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
        eprintln!("{}", statistics(&tally, start));
    }
    for d in &damaged {
        eprintln!("newschaff: {d}");
    }
    if let Some(s) = stopped {
        return Err(exit::partial(format!(
            "stopped at the first record that could not be processed (--strict), after writing the {} before it: {}",
            tally.records, s.at
        )));
    }
    if !damaged.is_empty() {
        return Err(exit::partial(format!(
            "{} input(s) cut or damaged",
            damaged.len()
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
