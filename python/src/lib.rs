//! Python bindings of newschaff: `newschaff._newschaff`, wrapped by the
//! pure-Python package `newschaff`.
//!
//! Scoring and filtering release the GIL; a `Detector` is immutable and
//! shared by reference count, so one object serves many Python threads.

use std::io::{self, BufRead, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use newschaff::stream::wet::{WarcOutput, WarcReader};
use newschaff::stream::{
    files, read_batch, Compress, Filter, FilterParams, Jsonl, RecordFormat, Sink, Tally, Wet,
};
use newschaff::{DetectorParams, Label, Model, Page, PageReport, SiteMemoryParams};
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

/// Which path an error is about, or a bad parameter.
enum Failure {
    Read(io::Error),
    Write(io::Error),
    Param(newschaff::Error),
}

/// Runs the library's filter pipeline over one file into another: the
/// same code as `newschaff filter` (batches on `params.threads` threads,
/// output in input order, the site memory if asked for).
fn run_file<F: RecordFormat>(
    detector: &newschaff::Detector,
    params: &FilterParams,
    format: &F,
    path_in: &Path,
    path_out: &Path,
) -> Result<Tally, Failure> {
    let mut filter = params.build().map_err(Failure::Param)?;
    let input = files::open_path(path_in).map_err(Failure::Read)?;
    let tmp = newschaff::fs::temp_beside(path_out).map_err(Failure::Write)?;
    let file = tmp.reopen().map_err(Failure::Write)?;
    let compress = match (files::is_gz_name(path_out), format.gzip_members()) {
        (false, _) => Compress::None,
        (true, false) => Compress::Stream,
        (true, true) => Compress::Members,
    };
    let mut sink = Sink::new(
        Box::new(BufWriter::with_capacity(256 * 1024, file)),
        compress,
    );
    let source = path_in.display().to_string();
    let mut tally = Tally::default();
    let mut write_error: Option<io::Error> = None;
    let read = filter.run(detector, format, input.reader, |p| {
        if let Some(len) = p.record_len {
            tally.note(&source, p.number, len, &p.outcome);
        }
        if let Err(e) = sink.record(&p.outcome.bytes) {
            write_error = Some(e);
            return Ok(false);
        }
        Ok(true)
    });
    if let Some(e) = write_error {
        return Err(Failure::Write(e));
    }
    read.map_err(Failure::Read)?;
    if let Some((at, why)) = input.damage.and_then(|d| d.take()) {
        return Err(Failure::Read(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the gzip data is cut or damaged after {at} bytes ({why})"),
        )));
    }
    sink.finish().map_err(Failure::Write)?;
    tmp.as_file().sync_all().map_err(Failure::Write)?;
    tmp.persist(path_out).map_err(|e| Failure::Write(e.error))?;
    Ok(tally)
}

fn tally_dict(py: Python<'_>, t: Tally) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("records", t.records)?;
    d.set_item("failed", t.failed)?;
    d.set_item("lines_dropped", t.lines_dropped)?;
    d.set_item("errors", PyList::new(py, &t.first_errors)?)?;
    Ok(d)
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
        Ok(t) => tally_dict(py, t),
        Err(Failure::Read(e)) => Err(io_error(py, path_in, e)),
        Err(Failure::Write(e)) => Err(io_error(py, path_out, e)),
        Err(Failure::Param(e)) => Err(raise(py, e)),
    }
}

/// The site memory's settings from the Python argument `site_memory`:
/// `False` or `None` (none), `True` (the defaults of
/// `filter --site-memory`), or a dict of the settings to change from those
/// defaults (`min_pages`, `brand_pages`, `bits`; `brand_pages=0`
/// remembers lines but no brands). Values are checked when the filter is
/// built.
fn site_memory_params(
    site_memory: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<SiteMemoryParams>> {
    let Some(arg) = site_memory else {
        return Ok(None);
    };
    if arg.is_none() {
        return Ok(None);
    }
    if let Ok(on) = arg.downcast::<pyo3::types::PyBool>() {
        return Ok(on.is_true().then(SiteMemoryParams::default));
    }
    let Ok(settings) = arg.downcast::<PyDict>() else {
        return Err(PyValueError::new_err(
            "site_memory is True, False or a dict of settings (min_pages, brand_pages, bits)",
        ));
    };
    let mut params = SiteMemoryParams::default();
    for (key, value) in settings.iter() {
        let key: String = key.extract()?;
        let bad = |_| PyValueError::new_err(format!("site_memory[{key:?}] is not a whole number"));
        match key.as_str() {
            "min_pages" => params.min_pages = value.extract().map_err(bad)?,
            "brand_pages" => params.brand_pages = value.extract().map_err(bad)?,
            "bits" => params.bits = value.extract().map_err(bad)?,
            other => {
                return Err(PyValueError::new_err(format!(
                    "site_memory has no setting {other:?} (min_pages, brand_pages, bits)"
                )))
            }
        }
    }
    Ok(Some(params))
}

/// The filter's settings from the Python arguments (checked when built).
fn filter_params(
    text_field: String,
    url_field: String,
    repair: bool,
    threads: Option<usize>,
    site_memory: Option<SiteMemoryParams>,
) -> FilterParams {
    FilterParams {
        text_field,
        repair,
        url_field,
        threads: threads.unwrap_or(0),
        site_memory,
    }
}

/// Cleans a JSON Lines file (gzip read when its bytes say so) into
/// `path_out` (gzip when the name ends in `.gz`), one output record per
/// input record, with the pipeline of `newschaff filter`: `threads` worker
/// threads (None: all cores), without the GIL; `site_memory` as
/// `filter --site-memory` (`True`), or a dict of its settings to change
/// (`{"brand_pages": 0}`: lines but no brands remembered). Returns `{"records", "failed",
/// "lines_dropped", "errors"}`.
#[pyfunction]
#[pyo3(signature = (path_in, path_out, text_field = "text".to_string(), repair = false, detector = None, threads = None, site_memory = None, url_field = "url".to_string()))]
#[allow(clippy::too_many_arguments)]
fn filter_jsonl<'py>(
    py: Python<'py>,
    path_in: PathBuf,
    path_out: PathBuf,
    text_field: String,
    repair: bool,
    detector: Option<&Bound<'py, Detector>>,
    threads: Option<usize>,
    site_memory: Option<&Bound<'py, PyAny>>,
    url_field: String,
) -> PyResult<Bound<'py, PyDict>> {
    let det = detector_or_builtin(py, detector)?;
    let params = filter_params(
        text_field,
        url_field,
        repair,
        threads,
        site_memory_params(site_memory)?,
    );
    let result = py.allow_threads(|| run_file(&det, &params, &Jsonl, &path_in, &path_out));
    finish_run(py, result, &path_in, &path_out)
}

/// The WARC output format named by `to`, or by the name of `path_out`.
fn warc_output(py: Python<'_>, to: Option<&str>, path_out: &Path) -> PyResult<WarcOutput> {
    Ok(match to {
        Some("wet") => WarcOutput::Wet,
        Some("jsonl") => WarcOutput::Jsonl,
        Some("documents") => WarcOutput::Documents,
        Some(other) => {
            return Err(error(
                py,
                "NewschaffError",
                format!("to={other:?}: the output format is \"wet\", \"jsonl\" or \"documents\""),
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
    })
}

/// Cleans a WARC/WET file: `conversion` records are cleaned, every other
/// record passes through. Output is WET, or JSON Lines when `to="jsonl"`
/// or the `path_out` name ends in `.jsonl` (`to="documents"`: the Spark
/// job's documents); gzip when it ends in `.gz`. `threads` and
/// `site_memory` as for `filter_jsonl`. Returns `{"records", "failed",
/// "lines_dropped", "errors"}`.
#[pyfunction]
#[pyo3(signature = (path_in, path_out, repair = false, to = None, detector = None, threads = None, site_memory = None))]
#[allow(clippy::too_many_arguments)]
fn filter_wet<'py>(
    py: Python<'py>,
    path_in: PathBuf,
    path_out: PathBuf,
    repair: bool,
    to: Option<String>,
    detector: Option<&Bound<'py, Detector>>,
    threads: Option<usize>,
    site_memory: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let to = warc_output(py, to.as_deref(), &path_out)?;
    let det = detector_or_builtin(py, detector)?;
    let params = filter_params(
        "text".into(),
        "url".into(),
        repair,
        threads,
        site_memory_params(site_memory)?,
    );
    let result = py.allow_threads(|| run_file(&det, &params, &Wet { to }, &path_in, &path_out));
    finish_run(py, result, &path_in, &path_out)
}

/// The documents of one WET file (bytes as read, gzip or not), record by
/// record, for the Spark job: each item is `(document, failed,
/// is_record)`, the document one line of JSON (`url`, `warc_record_id`,
/// `warc_type`, `text`, `attributes`, `verdict`, `error`), one for every
/// record. Records
/// are read and scored a batch at a time ([`Filter::process_batch`]) on
/// `threads` threads, without the GIL. Gzip data that is cut or damaged
/// ends the file with one more document (not a record: `is_record` is
/// false): its `error` says where, and it counts as failed.
#[pyclass(module = "newschaff._newschaff")]
struct WetDocuments {
    state: Arc<std::sync::Mutex<DocState>>,
}

struct DocState {
    detector: Arc<newschaff::Detector>,
    filter: Filter,
    items: Option<WarcReader<Box<dyn BufRead + Send>>>,
    damage: Option<files::Damage>,
    source: String,
    ready: std::collections::VecDeque<(String, bool, bool)>,
}

impl DocState {
    /// Reads and processes the next batch into `ready`; false when done.
    fn fill(&mut self) -> io::Result<bool> {
        let format = Wet {
            to: WarcOutput::Documents,
        };
        let Some(items) = self.items.as_mut() else {
            return Ok(false);
        };
        let (batch, failed) = read_batch(&format, items);
        let outcomes = self.filter.process_batch(&self.detector, &format, &batch);
        for o in outcomes {
            let failed = o.error.is_some();
            let line = String::from_utf8(o.bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            self.ready
                .push_back((line.trim_end_matches('\n').to_string(), failed, true));
        }
        let done = batch.is_empty() || failed.is_some();
        if done {
            self.items = None;
            let why = match (failed, self.damage.take().and_then(|d| d.take())) {
                (Some(e), _) => Some(format!("{}: cannot read the input: {e}", self.source)),
                (None, Some((at, why))) => Some(format!(
                    "{}: the gzip data is cut or damaged after {at} bytes ({why}); the records after that point were not read",
                    self.source
                )),
                (None, None) => None,
            };
            if let Some(why) = why {
                let doc = newschaff::stream::wet::failed_document(&why);
                let doc = String::from_utf8_lossy(&doc).trim_end().to_string();
                self.ready.push_back((doc, true, false));
            }
        }
        Ok(!self.ready.is_empty() || self.items.is_some())
    }
}

#[pymethods]
impl WetDocuments {
    /// Documents of `data`, the bytes of a WET file (`source` names it in
    /// errors). `threads`: worker threads (default 1: Spark runs one task
    /// per core); `site_memory` as `filter --site-memory`, per file.
    #[new]
    #[pyo3(signature = (data, source = "<bytes>".to_string(), repair = false, detector = None, threads = 1, site_memory = None))]
    fn new(
        py: Python<'_>,
        data: pyo3::pybacked::PyBackedBytes,
        source: String,
        repair: bool,
        detector: Option<&Bound<'_, Detector>>,
        threads: usize,
        site_memory: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<WetDocuments> {
        let det = detector_or_builtin(py, detector)?;
        let filter = filter_params(
            "text".into(),
            "url".into(),
            repair,
            Some(threads.max(1)),
            site_memory_params(site_memory)?,
        )
        .build()
        .map_err(|e| raise(py, e))?;
        let input = files::open_reader(Box::new(io::Cursor::new(data)), source.ends_with(".gz"))
            .map_err(|e| io_error(py, Path::new(&source), e))?;
        let format = Wet {
            to: WarcOutput::Documents,
        };
        Ok(WetDocuments {
            state: Arc::new(std::sync::Mutex::new(DocState {
                detector: det,
                filter,
                items: Some(format.read(input.reader)),
                damage: input.damage,
                source,
                ready: Default::default(),
            })),
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<(String, bool, bool)>> {
        let state = Arc::clone(&self.state);
        let next = py.allow_threads(move || -> io::Result<Option<(String, bool, bool)>> {
            let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
            loop {
                if let Some(x) = s.ready.pop_front() {
                    return Ok(Some(x));
                }
                if !s.fill()? {
                    return Ok(None);
                }
            }
        });
        next.map_err(|e| io_error(py, Path::new("<documents>"), e))
    }
}

#[pymodule]
fn _newschaff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Detector>()?;
    m.add_function(wrap_pyfunction!(filter_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(filter_wet, m)?)?;
    m.add_class::<WetDocuments>()?;
    m.add("NOT_TEXT", newschaff::page::NOT_TEXT)?;
    Ok(())
}
