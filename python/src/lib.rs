//! Python bindings of newschaff: `newschaff._newschaff`, wrapped by the
//! pure-Python package `newschaff`.
//!
//! Scoring and filtering release the GIL; a `Detector` is immutable and
//! shared by reference count, so one object serves many Python threads.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use newschaff::stream::wet::{process_item, WarcOutput, WarcReader};
use newschaff::stream::{jsonl, FilterConfig, Outcome};
use newschaff::{DetectorParams, Label, Model, Page, PageReport};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

/// A library error as a Python exception of `newschaff._errors`: I/O
/// errors as `NewschaffIOError` (also an `OSError`, with its `errno`),
/// everything else as `NewschaffError` (a `ValueError`). The message is the
/// library's one sentence, as the command line prints it.
fn raise(py: Python<'_>, e: newschaff::Error) -> PyErr {
    let (class, errno) = match &e {
        newschaff::Error::Io { source, .. } => ("NewschaffIOError", source.raw_os_error()),
        _ => ("NewschaffError", None),
    };
    error(py, class, e.to_string(), errno)
}

fn error(py: Python<'_>, class: &str, message: String, errno: Option<i32>) -> PyErr {
    let made = (|| -> PyResult<PyErr> {
        let cls = py.import("newschaff._errors")?.getattr(class)?;
        let exc = cls.call1((message.clone(),))?;
        if let Some(n) = errno {
            exc.setattr("errno", n)?;
        }
        Ok(PyErr::from_value(exc))
    })();
    made.unwrap_or_else(|_| PyValueError::new_err(message))
}

/// An I/O error on `path`, worded as the library words them.
fn io_error(py: Python<'_>, path: &Path, e: io::Error) -> PyErr {
    raise(
        py,
        newschaff::Error::Io {
            path: path.to_path_buf(),
            source: e,
        },
    )
}

/// Text handed in from Python: `str` or `bytes` (copied once, as a
/// whole, not element by element as a sequence).
#[derive(FromPyObject)]
enum Text<'py> {
    Str(String),
    Bytes(Bound<'py, PyBytes>),
}

impl Text<'_> {
    fn into_bytes(self) -> Vec<u8> {
        match self {
            Text::Str(s) => s.into_bytes(),
            Text::Bytes(b) => b.as_bytes().to_vec(),
        }
    }
}

/// Scores and cleans pages of scraped text (one block per line). Immutable:
/// one detector can be shared by many threads, and scoring releases the
/// GIL.
#[pyclass(frozen, module = "newschaff._newschaff")]
struct Detector {
    inner: Arc<newschaff::Detector>,
}

/// The page, refused as the command line refuses it when it is not text.
fn page_of(py: Python<'_>, text: Text) -> PyResult<Page> {
    let bytes = text.into_bytes();
    if !newschaff::page::is_text(&bytes) {
        return Err(error(
            py,
            "NewschaffError",
            format!(
                "the page is {} (a binary file?); newschaff reads pages of text",
                newschaff::page::NOT_TEXT
            ),
            None,
        ));
    }
    Ok(Page::from_bytes(bytes))
}

impl Detector {
    fn build(py: Python<'_>, model: Model, threshold: f32) -> PyResult<Detector> {
        let inner = DetectorParams { threshold }
            .build(model)
            .map_err(|e| raise(py, e))?;
        Ok(Detector {
            inner: Arc::new(inner),
        })
    }

    /// The report on a page, computed without the GIL.
    fn run(&self, py: Python<'_>, text: Text) -> PyResult<(Page, PageReport)> {
        let page = page_of(py, text)?;
        let detector = Arc::clone(&self.inner);
        Ok(py.allow_threads(move || {
            let report = detector.report(&page);
            (page, report)
        }))
    }
}

/// Character offsets in `s` of byte offsets `start..end`.
fn char_range(s: &str, start: usize, end: usize) -> (usize, usize) {
    let a = s[..start].chars().count();
    (a, a + s[start..end].chars().count())
}

#[pymethods]
impl Detector {
    /// A detector with the model built into newschaff. A line is noise when
    /// its `p_noise >= threshold` (0..=1).
    #[new]
    #[pyo3(signature = (threshold = 0.5))]
    fn new(py: Python<'_>, threshold: f32) -> PyResult<Detector> {
        let model = Model::builtin().map_err(|e| raise(py, e))?;
        Detector::build(py, model, threshold)
    }

    /// A detector with the model file at `path` (written by `newschaff
    /// train`). Raises `NewschaffIOError` when it cannot be read and
    /// `NewschaffError` when it is not a model this build can score with.
    #[staticmethod]
    #[pyo3(signature = (path, threshold = 0.5))]
    fn from_file(py: Python<'_>, path: PathBuf, threshold: f32) -> PyResult<Detector> {
        let model = py
            .allow_threads(|| Model::load(&path))
            .map_err(|e| raise(py, e))?;
        Detector::build(py, model, threshold)
    }

    /// The noise threshold.
    #[getter]
    fn threshold(&self) -> f32 {
        self.inner.threshold()
    }

    /// One dict per line of `text` (str or bytes), in order: `line`
    /// (1-based), `label` (`"content"` or `"noise"`), `p_noise`, `spans`
    /// (injected brand spans as `(start, end, kind)`, offsets in characters
    /// of `text`), `repaired` (the line without them, or None) and `text`.
    fn score<'py>(&self, py: Python<'py>, text: Text) -> PyResult<Bound<'py, PyList>> {
        let (page, report) = self.run(py, text)?;
        let out = PyList::empty(py);
        for (i, v) in report.verdicts.iter().enumerate() {
            let d = PyDict::new(py);
            let line = page.text(i);
            d.set_item("line", i + 1)?;
            d.set_item("label", label_name(v.label))?;
            d.set_item("p_noise", short(v.p_noise))?;
            let spans = PyList::empty(py);
            for sp in &report.spans[i] {
                // Spans are only reported on valid UTF-8 lines, where the
                // text is the line's bytes: offsets in characters of `text`.
                let (a, b) = char_range(&line, sp.start, sp.end);
                spans.append(PyTuple::new(
                    py,
                    [
                        a.into_pyobject(py)?.into_any(),
                        b.into_pyobject(py)?.into_any(),
                        sp.kind.name().into_pyobject(py)?.into_any(),
                    ],
                )?)?;
            }
            d.set_item("spans", spans)?;
            d.set_item("repaired", report.repaired(&page, i))?;
            d.set_item("text", line.as_ref())?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// The content lines of `text`, each with its line end, as
    /// `newschaff clean` prints them; with `repair`, injected brand spans
    /// are cut out of the kept lines (as `newschaff clean --repair`).
    #[pyo3(signature = (text, repair = false))]
    fn clean(&self, py: Python<'_>, text: Text, repair: bool) -> PyResult<String> {
        let page = page_of(py, text)?;
        let detector = Arc::clone(&self.inner);
        let kept = py.allow_threads(move || {
            let report = detector.report(&page);
            let mut out = Vec::with_capacity(page.bytes().len());
            report
                .write_content(&page, repair, &mut out)
                .expect("writing to a Vec cannot fail");
            out
        });
        Ok(lossy(kept))
    }

    /// Like `clean`, as bytes: byte for byte as they were (also for text
    /// that is not valid UTF-8).
    #[pyo3(signature = (text, repair = false))]
    fn clean_bytes(&self, py: Python<'_>, text: Text, repair: bool) -> PyResult<Vec<u8>> {
        let page = page_of(py, text)?;
        let detector = Arc::clone(&self.inner);
        Ok(py.allow_threads(move || {
            let report = detector.report(&page);
            let mut out = Vec::with_capacity(page.bytes().len());
            report
                .write_content(&page, repair, &mut out)
                .expect("writing to a Vec cannot fail");
            out
        }))
    }

    /// The verdicts (`line`, `label`, `p_noise`, `blank` per line) and the
    /// page verdict: `content_farm`, `brands`, `brand_evidence`,
    /// `spliced_lines`, `spam_score`, `lines`, `noise_lines`,
    /// `content_lines` (as `newschaff score --summary`).
    fn report<'py>(&self, py: Python<'py>, text: Text) -> PyResult<Bound<'py, PyDict>> {
        let (_page, report) = self.run(py, text)?;
        report_dict(py, &report)
    }

    /// `clean` and `report` of one scoring: `(kept_text, report)`.
    #[pyo3(signature = (text, repair = false))]
    fn clean_report<'py>(
        &self,
        py: Python<'py>,
        text: Text,
        repair: bool,
    ) -> PyResult<(String, Bound<'py, PyDict>)> {
        let (page, report) = self.run(py, text)?;
        let mut out = Vec::with_capacity(page.bytes().len());
        report
            .write_content(&page, repair, &mut out)
            .expect("writing to a Vec cannot fail");
        Ok((lossy(out), report_dict(py, &report)?))
    }

    fn __repr__(&self) -> String {
        format!("Detector(threshold={})", self.inner.threshold())
    }
}

/// Text out: valid UTF-8 as it is (always, for `str` input), anything
/// else decoded lossily.
fn lossy(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// The dict of `Detector.report`.
fn report_dict<'py>(py: Python<'py>, report: &PageReport) -> PyResult<Bound<'py, PyDict>> {
    let verdicts = PyList::empty(py);
    for (i, v) in report.verdicts.iter().enumerate() {
        let d = PyDict::new(py);
        d.set_item("line", i + 1)?;
        d.set_item("label", label_name(v.label))?;
        d.set_item("p_noise", short(v.p_noise))?;
        d.set_item("blank", v.blank)?;
        verdicts.append(d)?;
    }
    let s = &report.summary;
    let d = PyDict::new(py);
    d.set_item("verdicts", verdicts)?;
    d.set_item("content_farm", s.content_farm)?;
    d.set_item("brands", PyList::new(py, &s.brands)?)?;
    d.set_item("brand_evidence", PyList::new(py, &s.brand_evidence)?)?;
    d.set_item("spliced_lines", s.spliced_lines)?;
    d.set_item("spam_score", short(s.spam_score))?;
    d.set_item("lines", s.lines)?;
    d.set_item("noise_lines", s.noise_lines)?;
    d.set_item("content_lines", s.content_lines)?;
    Ok(d)
}

/// An `f32` as the shortest `f64` that prints as it does (`0.9731`, not
/// `0.9730999827384949`).
fn short(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(x as f64)
}

fn label_name(l: Label) -> &'static str {
    match l {
        Label::Content => "content",
        Label::Noise => "noise",
    }
}

/// Opens an input file, decompressing gzip when its bytes start like gzip.
fn open_input(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a folder, not a record file",
        ));
    }
    let mut buf = BufReader::with_capacity(256 * 1024, File::open(path)?);
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

/// Where records go: a temporary file beside `path`, renamed over it when
/// the run ends; gzip when the name ends in `.gz` (JSON Lines: one stream;
/// WET: one member per record, as crawlers write it).
struct Sink {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
    out: BufWriter<File>,
    gzip: Option<GzEncoder<Vec<u8>>>,
    members: bool,
}

impl Sink {
    fn create(path: &Path, members: bool) -> io::Result<Sink> {
        let tmp = newschaff::fs::temp_beside(path)?;
        let out = BufWriter::with_capacity(256 * 1024, tmp.reopen()?);
        let gz = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        Ok(Sink {
            path: path.to_path_buf(),
            tmp,
            out,
            gzip: (gz && !members).then(|| GzEncoder::new(Vec::new(), Compression::default())),
            members: gz && members,
        })
    }

    fn record(&mut self, bytes: &[u8]) -> io::Result<()> {
        if let Some(z) = &mut self.gzip {
            z.write_all(bytes)?;
            if z.get_ref().len() >= 1 << 20 {
                let buf = std::mem::take(z.get_mut());
                self.out.write_all(&buf)?;
            }
            Ok(())
        } else if self.members {
            let mut z = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
            z.write_all(bytes)?;
            self.out.write_all(&z.finish()?)
        } else {
            self.out.write_all(bytes)
        }
    }

    fn finish(mut self) -> io::Result<()> {
        if let Some(z) = self.gzip.take() {
            let rest = z.finish()?;
            self.out.write_all(&rest)?;
        }
        self.out.flush()?;
        self.out.get_ref().sync_all()?;
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Counts of a filter run.
#[derive(Default)]
struct Tally {
    records: u64,
    failed: u64,
    lines_dropped: u64,
    errors: Vec<String>,
}

impl Tally {
    fn note(&mut self, n: u64, o: &Outcome) {
        self.records += 1;
        self.lines_dropped += o.lines_dropped as u64;
        if let Some(e) = &o.error {
            self.failed += 1;
            if self.errors.len() < 10 {
                self.errors.push(format!("record {n}: {e}"));
            }
        }
    }

    fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("records", self.records)?;
        d.set_item("failed", self.failed)?;
        d.set_item("lines_dropped", self.lines_dropped)?;
        d.set_item("errors", PyList::new(py, &self.errors)?)?;
        Ok(d)
    }
}

/// Which path an I/O error is about.
enum Failure {
    Read(io::Error),
    Write(io::Error),
}

fn jsonl_run(
    detector: &newschaff::Detector,
    cfg: &FilterConfig,
    path_in: &Path,
    path_out: &Path,
) -> Result<Tally, Failure> {
    let mut input = open_input(path_in).map_err(Failure::Read)?;
    let mut sink = Sink::create(path_out, false).map_err(Failure::Write)?;
    let mut tally = Tally::default();
    let mut n = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line).map_err(Failure::Read)? == 0 {
            break;
        }
        n += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            // Blank lines between records are echoed and are not records.
            sink.record(&line).map_err(Failure::Write)?;
            continue;
        }
        let body = line.strip_suffix(b"\n").unwrap_or(&line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let o = jsonl::process_line(detector, cfg, body);
        tally.note(n, &o);
        sink.record(&o.bytes).map_err(Failure::Write)?;
    }
    sink.finish().map_err(Failure::Write)?;
    Ok(tally)
}

fn wet_run(
    detector: &newschaff::Detector,
    cfg: &FilterConfig,
    path_in: &Path,
    path_out: &Path,
    to: WarcOutput,
) -> Result<Tally, Failure> {
    let input = open_input(path_in).map_err(Failure::Read)?;
    let mut sink = Sink::create(path_out, to == WarcOutput::Wet).map_err(Failure::Write)?;
    let mut tally = Tally::default();
    for (n, item) in WarcReader::new(input).enumerate() {
        let item = item.map_err(Failure::Read)?;
        let o = process_item(detector, cfg, item, to);
        tally.note(n as u64 + 1, &o);
        sink.record(&o.bytes).map_err(Failure::Write)?;
    }
    sink.finish().map_err(Failure::Write)?;
    Ok(tally)
}

fn detector_or_builtin(
    py: Python<'_>,
    detector: Option<&Bound<'_, Detector>>,
) -> PyResult<Arc<newschaff::Detector>> {
    match detector {
        Some(d) => Ok(Arc::clone(&d.get().inner)),
        None => Ok(Arc::new(
            newschaff::Detector::builtin().map_err(|e| raise(py, e))?,
        )),
    }
}

fn finish_run<'py>(
    py: Python<'py>,
    result: Result<Tally, Failure>,
    path_in: &Path,
    path_out: &Path,
) -> PyResult<Bound<'py, PyDict>> {
    match result {
        Ok(t) => t.into_dict(py),
        Err(Failure::Read(e)) => Err(io_error(py, path_in, e)),
        Err(Failure::Write(e)) => Err(io_error(py, path_out, e)),
    }
}

/// Cleans a JSON Lines file (gzip read when its bytes say so) into
/// `path_out` (gzip when the name ends in `.gz`), one output record per
/// input record, as `newschaff filter` does, sequentially. Returns
/// `{"records", "failed", "lines_dropped", "errors"}`.
#[pyfunction]
#[pyo3(signature = (path_in, path_out, text_field = "text".to_string(), repair = false, detector = None))]
fn filter_jsonl<'py>(
    py: Python<'py>,
    path_in: PathBuf,
    path_out: PathBuf,
    text_field: String,
    repair: bool,
    detector: Option<&Bound<'py, Detector>>,
) -> PyResult<Bound<'py, PyDict>> {
    let det = detector_or_builtin(py, detector)?;
    let cfg = FilterConfig {
        text_field,
        repair,
        ..FilterConfig::default()
    };
    let result = py.allow_threads(|| jsonl_run(&det, &cfg, &path_in, &path_out));
    finish_run(py, result, &path_in, &path_out)
}

/// Cleans a WARC/WET file: `conversion` records are cleaned, every other
/// record passes through. Output is WET, or JSON Lines when `to="jsonl"`
/// or the `path_out` name ends in `.jsonl`; gzip when it ends in `.gz`.
/// Returns `{"records", "failed", "lines_dropped", "errors"}`.
#[pyfunction]
#[pyo3(signature = (path_in, path_out, repair = false, to = None, detector = None))]
fn filter_wet<'py>(
    py: Python<'py>,
    path_in: PathBuf,
    path_out: PathBuf,
    repair: bool,
    to: Option<String>,
    detector: Option<&Bound<'py, Detector>>,
) -> PyResult<Bound<'py, PyDict>> {
    let to = match to.as_deref() {
        Some("wet") => WarcOutput::Wet,
        Some("jsonl") => WarcOutput::Jsonl,
        Some(other) => {
            return Err(error(
                py,
                "NewschaffError",
                format!("to={other:?}: the output format is \"wet\" or \"jsonl\""),
                None,
            ))
        }
        None => {
            let name = path_out.to_string_lossy().to_lowercase();
            let name = name.strip_suffix(".gz").unwrap_or(&name);
            if name.ends_with(".jsonl") || name.ends_with(".json") || name.ends_with(".ndjson") {
                WarcOutput::Jsonl
            } else {
                WarcOutput::Wet
            }
        }
    };
    let det = detector_or_builtin(py, detector)?;
    let cfg = FilterConfig {
        repair,
        ..FilterConfig::default()
    };
    let result = py.allow_threads(|| wet_run(&det, &cfg, &path_in, &path_out, to));
    finish_run(py, result, &path_in, &path_out)
}

#[pymodule]
fn _newschaff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Detector>()?;
    m.add_function(wrap_pyfunction!(filter_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(filter_wet, m)?)?;
    m.add("NOT_TEXT", newschaff::page::NOT_TEXT)?;
    Ok(())
}
