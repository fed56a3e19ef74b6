//! Inputs and outputs of a filter run: gzip detected on the way in, ended
//! where it is cut or damaged; records written plain, as one gzip stream,
//! or as one gzip member per record.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;

/// Where a compressed input turned out to be cut or damaged: how many
/// bytes of data came before it, and the error.
#[derive(Debug, Clone, Default)]
pub struct Damage(Arc<Mutex<Option<(u64, String)>>>);

impl Damage {
    /// Where the data ended early and why, if it did (taken: asked once).
    pub fn take(&self) -> Option<(u64, String)> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// An input opened for reading records.
pub struct Input {
    /// The data, decompressed.
    pub reader: Box<dyn BufRead + Send>,
    /// For gzip input: where the data ended early, if it did.
    pub damage: Option<Damage>,
}

/// Whether a file name ends in `.gz`.
pub fn is_gz_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Opens a file (or stdin for `-`) for reading records, decompressing gzip
/// when the bytes or the `.gz` name say so. A folder is refused.
pub fn open_path(path: &Path) -> io::Result<Input> {
    let raw: Box<dyn Read + Send> = if path == Path::new("-") {
        Box::new(io::stdin())
    } else {
        if path.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "is a folder, not a record file",
            ));
        }
        Box::new(File::open(path)?)
    };
    open_reader(raw, is_gz_name(path))
}

/// Opens any reader for reading records, decompressing gzip when its bytes
/// start like gzip (or, unless it is empty, when `gz_name` says so). Gzip
/// data that is cut or damaged ends there as if the data ended: the record
/// readers then pass the cut record through as invalid, every complete
/// record before it is read, and the error is kept in [`Input::damage`].
pub fn open_reader(raw: Box<dyn Read + Send>, gz_name: bool) -> io::Result<Input> {
    let mut buf = BufReader::with_capacity(256 * 1024, raw);
    let head = buf.fill_buf()?;
    // An empty file is an empty input, whatever its name.
    let gz = head.starts_with(&[0x1f, 0x8b]) || (!head.is_empty() && gz_name);
    Ok(if gz {
        let damage = Damage::default();
        let reader = UntilDamage {
            inner: MultiGzDecoder::new(buf),
            read: 0,
            damage: Some(damage.clone()),
        };
        Input {
            reader: Box::new(BufReader::with_capacity(256 * 1024, reader)),
            damage: Some(damage),
        }
    } else {
        Input {
            reader: Box::new(buf),
            damage: None,
        }
    })
}

/// Reads gzip data up to the point where it is cut (an interrupted
/// download) or damaged, and ends there as if the data ended.
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
                *damage.0.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some((self.read, e.to_string()));
                self.damage = None;
                Ok(0)
            }
        }
    }
}

/// How a [`Sink`] compresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compress {
    /// Plain: each record written and flushed.
    None,
    /// One gzip stream (JSON Lines).
    Stream,
    /// One gzip member per record (WET, as crawlers write it, so that a
    /// reader can start at any record).
    Members,
}

/// Where output records go.
pub struct Sink {
    inner: SinkInner,
}

enum SinkInner {
    Plain(Box<dyn Write>),
    Gzip(GzEncoder<Box<dyn Write>>),
    GzipMembers(Box<dyn Write>),
}

impl Sink {
    /// A sink writing to `w`.
    pub fn new(w: Box<dyn Write>, compress: Compress) -> Sink {
        let inner = match compress {
            Compress::None => SinkInner::Plain(w),
            Compress::Stream => SinkInner::Gzip(GzEncoder::new(w, Compression::default())),
            Compress::Members => SinkInner::GzipMembers(w),
        };
        Sink { inner }
    }

    /// Writes one output record (plain records are flushed at once, so a
    /// killed run leaves only whole records).
    pub fn record(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.inner {
            SinkInner::Plain(w) => {
                w.write_all(bytes)?;
                w.flush()
            }
            SinkInner::Gzip(z) => z.write_all(bytes),
            SinkInner::GzipMembers(w) => {
                let mut z =
                    GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
                z.write_all(bytes)?;
                w.write_all(&z.finish()?)
            }
        }
    }

    /// Ends the gzip stream, if any, and flushes.
    pub fn finish(self) -> io::Result<()> {
        match self.inner {
            SinkInner::Plain(mut w) | SinkInner::GzipMembers(mut w) => w.flush(),
            SinkInner::Gzip(z) => z.finish()?.flush(),
        }
    }
}

/// The counts of a filter run: records, failures, bytes and lines dropped,
/// and the first errors in words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Records read (one output record each).
    pub records: u64,
    /// Records passed through because they could not be processed.
    pub failed: u64,
    /// Bytes of the records read.
    pub bytes_in: u64,
    /// Bytes of the records written.
    pub bytes_out: u64,
    /// Non-blank lines judged noise and left out.
    pub lines_dropped: u64,
    /// The first ten failures, as `SOURCE: record N: WHY`.
    pub first_errors: Vec<String>,
}

impl Tally {
    /// Counts one record's outcome (`number` is its number in `source`).
    pub fn note(&mut self, source: &str, number: u64, input_len: usize, o: &super::Outcome) {
        self.records += 1;
        self.bytes_in += input_len as u64;
        self.bytes_out += o.bytes.len() as u64;
        self.lines_dropped += o.lines_dropped as u64;
        if let Some(e) = &o.error {
            self.failed += 1;
            if self.first_errors.len() < 10 {
                self.first_errors
                    .push(format!("{source}: record {number}: {e}"));
            }
        }
    }
}
