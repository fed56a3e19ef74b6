//! `newschaff clean`: print the content lines, byte for byte.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use crate::common;

/// Print the content lines of pages, byte for byte as they were, in order.
#[derive(clap::Args)]
#[command(after_help = crate::exit::HELP)]
pub struct Args {
    #[command(flatten)]
    model: common::ModelArgs,
    /// Print content lines with injected brand spans removed and the spacing
    /// mended (only bytes are deleted). Without it, output is byte-exact.
    #[arg(long)]
    repair: bool,
    /// Pages to clean; `-` or nothing for stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let detector = args.model.detector()?;
    let mut out = common::stdout();
    let mut ends_open = false;
    for path in common::inputs(&args.paths) {
        let page = common::read_page(&path)?;
        // A page whose last kept line had no line end would run into the next
        // page's first line: end it, so that pages stay apart.
        if ends_open && !page.is_empty() {
            out.write_all(b"\n")?;
        }
        let verdicts = if args.repair {
            detector.clean_repaired(&page, &mut out)?.verdicts
        } else {
            detector.clean(&page, &mut out)?
        };
        if let Some(last) = verdicts
            .iter()
            .rposition(|v| v.label == newschaff::Label::Content)
        {
            ends_open = !page.raw(last).ends_with(b"\n") && !page.raw(last).ends_with(b"\r");
        }
        out.flush()?;
    }
    common::finish(out)
}
