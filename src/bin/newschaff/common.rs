//! What the subcommands share: reading inputs, loading the model, output.

use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newschaff::{Detector, DetectorParams, Model, Page};

/// Loads `--model PATH`, or the built-in model.
pub fn load_model(path: Option<&Path>) -> Result<Model> {
    Ok(match path {
        Some(p) => Model::load(p)?,
        None => Model::builtin()?,
    })
}

/// The model and threshold flags that every scoring subcommand takes.
#[derive(clap::Args)]
pub struct ModelArgs {
    /// Model file (default: the model built into the binary).
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    /// A line is noise when p_noise >= this.
    #[arg(long, default_value_t = 0.5, value_parser = parse_threshold)]
    threshold: f32,
}

impl ModelArgs {
    /// Loads the model and builds the detector.
    pub fn detector(&self) -> Result<Detector> {
        detector(self.model.as_deref(), self.threshold)
    }
}

/// Builds a detector from the model flag and the threshold flag.
pub fn detector(model: Option<&Path>, threshold: f32) -> Result<Detector> {
    Ok(DetectorParams { threshold }.build(load_model(model)?)?)
}

/// The inputs to read: `-` (stdin) when none are given.
pub fn inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    }
}

/// Reads a page from a path, or stdin for `-`. A page in UTF-16, or one
/// that is not text (`newschaff::page::is_text`), is an error naming it.
pub fn read_page(path: &Path) -> Result<Page> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
    } else {
        if path.is_dir() {
            anyhow::bail!("{}: is a folder, not a page", path.display());
        }
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        anyhow::bail!(
            "{}: looks like UTF-16 (it starts with a UTF-16 byte-order mark); newschaff reads UTF-8, so convert it first (e.g. iconv -f UTF-16 -t UTF-8)",
            path.display()
        );
    }
    if !newschaff::page::is_text(&bytes) {
        anyhow::bail!(
            "{}: {} (a binary file?); newschaff reads pages of text",
            path.display(),
            newschaff::page::NOT_TEXT
        );
    }
    Ok(Page::from_bytes(bytes))
}

/// Buffered stdout.
pub fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

/// Whether colour should be used on stdout.
pub fn use_colour(choice: ColourChoice) -> bool {
    match choice {
        ColourChoice::Always => true,
        ColourChoice::Never => false,
        ColourChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ColourChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Whether an error was caused by the reader of our output going away.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
            || c.downcast_ref::<newschaff::Error>().is_some_and(|ne| {
                matches!(ne, newschaff::Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
            })
    })
}

/// The reason of an I/O error, said once: the operating system's message
/// without the temporary path some wrappers (tempfile) add to it.
pub fn io_reason(e: &io::Error) -> String {
    let s = e.to_string();
    // tempfile appends ` at path "..."` naming its temporary file, which
    // the user never asked for.
    match s.split_once(" at path \"") {
        Some((reason, _)) if e.get_ref().is_some() => reason.to_string(),
        _ => s,
    }
}

/// A temporary file in the folder of `path`, to be renamed over it when
/// complete. It is created with the permissions of any new file (0666 less
/// the umask), not the 0600 of a temporary file, so that the renamed file
/// has ordinary permissions.
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    newschaff::fs::temp_beside(path)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), io_reason(&e)))
}

/// Writes `bytes` to `path` atomically (a temporary file renamed over it)
/// with ordinary permissions; with `overwrite` false, an existing file is
/// an error and is left alone.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    let fail = |e: &io::Error| anyhow::anyhow!("cannot write {}: {}", path.display(), io_reason(e));
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail(&e))?;
    let persisted = if overwrite {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    persisted.map_err(|e| fail(&e.error))?;
    Ok(())
}

/// Flushes a writer, keeping the io::Error for the broken-pipe check.
pub fn finish<W: Write>(mut w: W) -> Result<()> {
    w.flush()?;
    Ok(())
}

/// The `--threshold` value parser: a number in 0..=1.
pub fn parse_threshold(s: &str) -> Result<f32, String> {
    let t: f32 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&t) {
        Ok(t)
    } else {
        Err(format!("{t} is not in 0..=1"))
    }
}
