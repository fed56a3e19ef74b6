//! `newschaff report`: one self-contained HTML file showing pages line by
//! line. The document is built by the library (`newschaff::html`); this file
//! reads the inputs and writes the file atomically.

use std::path::PathBuf;

use anyhow::Result;
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
    common::write_atomic(&args.out, report.finish().as_bytes(), true)
}
