//! `newschaff report`: one self-contained HTML file showing pages line by
//! line. The document is built by the library (`newschaff::html`); this file
//! reads the inputs and writes the file atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newschaff::html::HtmlReport;
use newschaff::labelled::{expand_paths, read_labelled_file};

use crate::common;

/// Write one self-contained HTML file that shows every line of pages shaded
/// by p_noise, injected brands marked, the page verdict, and each line's
/// evidence on hover.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    model: common::ModelArgs,
    /// The HTML file to write (written through a temporary file and renamed).
    #[arg(long, short, value_name = "PATH")]
    out: PathBuf,
    /// The inputs are labelled files (LABEL<TAB>TEXT) or folders of them:
    /// add the gold label of each line, macro-F1, the reader figures, a
    /// reliability plot and a threshold sweep.
    #[arg(long)]
    eval: bool,
    /// Pages to show; `-` for stdin. With --eval: labelled files or folders.
    #[arg(value_name = "PAGE", required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let detector = args.model.detector()?;
    let mut report = HtmlReport::new(&detector);
    if args.eval {
        for f in expand_paths(&args.paths)? {
            let lp = read_labelled_file(&f)?;
            report.add_labelled(&f.display().to_string(), &lp);
        }
    } else {
        for path in &args.paths {
            let page = common::read_page(path)?;
            report.add_page(&path.display().to_string(), &page);
        }
    }
    write_atomic(&args.out, report.finish().as_bytes())
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// renamed over `path` once it is complete.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = || format!("cannot write {}", path.display());
    let mut tmp = tempfile::Builder::new()
        .prefix(".newschaff-report-")
        .tempfile_in(dir)
        .with_context(fail)?;
    tmp.write_all(bytes).with_context(fail)?;
    // A temporary file is private to its owner; a report is for reading.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .with_context(fail)?;
    }
    tmp.as_file().sync_all().with_context(fail)?;
    tmp.persist(path).map_err(|e| e.error).with_context(fail)?;
    Ok(())
}
