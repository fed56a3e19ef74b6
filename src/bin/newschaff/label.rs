//! `newschaff label`: pre-label a raw page in the labelled-file format.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use newschaff::labelled::write_labelled;
use newschaff::Detector;

use crate::{common, exit};

/// Pre-label raw pages with the current model, in the labelled-file format
/// (LABEL<TAB>TEXT), so that making training data means fixing mistakes
/// rather than typing labels. Blank lines are left out (they carry no text);
/// tabs inside a line become spaces.
///
/// One page is written to stdout; several pages need --out-dir, which
/// writes one labelled file per page.
#[derive(clap::Args)]
#[command(after_help = crate::exit::HELP)]
pub struct Args {
    #[command(flatten)]
    model: common::ModelArgs,
    /// Write one labelled file per page into this folder (created if
    /// missing), named after the page's file with `.txt`: `a/story.html`
    /// becomes `DIR/story.txt`. Existing files are not overwritten.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Pages to label; `-` or nothing for stdin (one page; not with
    /// --out-dir).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let inputs = common::inputs(&args.paths);
    let Some(dir) = &args.out_dir else {
        if inputs.len() > 1 {
            return Err(exit::usage(format!(
                "label writes one page to stdout, and {} were given; add --out-dir DIR to write one labelled file per page",
                inputs.len()
            )));
        }
        let detector = args.model.detector()?;
        let mut out = common::stdout();
        out.write_all(&labelled(&detector, &inputs[0])?)?;
        return common::finish(out);
    };
    // Every name is checked before anything is written.
    let mut names = HashSet::new();
    let mut targets = Vec::new();
    for path in &inputs {
        let stem = path
            .file_stem()
            .filter(|_| path != Path::new("-"))
            .ok_or_else(|| {
                exit::usage(format!(
                    "{} has no file name to name its labelled file after; with --out-dir, give files",
                    path.display()
                ))
            })?;
        let mut name = stem.to_os_string();
        name.push(".txt");
        if !names.insert(name.clone()) {
            return Err(exit::usage(format!(
                "two pages would be written to {}; give pages with different file names",
                dir.join(&name).display()
            )));
        }
        let target = dir.join(&name);
        if target.exists() {
            anyhow::bail!(
                "{} exists and is not overwritten; remove it or choose another --out-dir",
                target.display()
            );
        }
        targets.push(target);
    }
    let detector = args.model.detector()?;
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!("cannot create {}: {}", dir.display(), common::io_reason(&e))
    })?;
    for (path, target) in inputs.iter().zip(&targets) {
        common::write_atomic(target, &labelled(&detector, path)?, false)?;
    }
    eprintln!(
        "newschaff: wrote {} labelled file{} in {}",
        targets.len(),
        if targets.len() == 1 { "" } else { "s" },
        dir.display()
    );
    Ok(())
}

/// A page in the labelled-file format.
fn labelled(detector: &Detector, path: &Path) -> Result<Vec<u8>> {
    let page = common::read_page(path)?;
    let verdicts = detector.score(&page);
    let texts: Vec<_> = (0..page.len()).map(|i| page.text(i)).collect();
    let lines: Vec<_> = verdicts
        .iter()
        .zip(&texts)
        .filter(|(v, _)| !v.blank)
        .map(|(v, t)| (v.label, t.as_ref()))
        .collect();
    let mut out = Vec::new();
    write_labelled(&mut out, &lines)?;
    Ok(out)
}
