//! `newschaff label`: pre-label a raw page in the labelled-file format.

use std::path::PathBuf;

use anyhow::Result;
use newschaff::labelled::write_labelled;

use crate::common;

/// Pre-label raw pages with the current model, in the labelled-file format
/// (LABEL<TAB>TEXT), so that making training data means fixing mistakes
/// rather than typing labels. Blank lines are left out (they carry no text);
/// tabs inside a line become spaces.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    model: common::ModelArgs,
    /// Pages to label; `-` or nothing for stdin. Several pages are written
    /// one after the other.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let detector = args.model.detector()?;
    let mut out = common::stdout();
    for path in common::inputs(&args.paths) {
        let page = common::read_page(&path)?;
        let verdicts = detector.score(&page);
        let texts: Vec<_> = (0..page.len()).map(|i| page.text(i)).collect();
        let lines: Vec<_> = verdicts
            .iter()
            .zip(&texts)
            .filter(|(v, _)| !v.blank)
            .map(|(v, t)| (v.label, t.as_ref()))
            .collect();
        write_labelled(&mut out, &lines)?;
    }
    common::finish(out)
}
