//! `newschaff train`: fit a model from labelled files.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use newschaff::labelled::{expand_paths, read_labelled_file};
use newschaff::TrainerParams;

use crate::common;

/// Train a model from labelled files (LABEL<TAB>TEXT per line).
#[derive(clap::Args)]
#[command(after_help = crate::exit::HELP)]
pub struct Args {
    /// Where to write the model (atomically). The default is relative to
    /// the working directory: run from the repository root, it replaces the
    /// built-in model's source, which the next build embeds.
    #[arg(long, value_name = "PATH", default_value = "models/default.model")]
    out: PathBuf,
    /// Naive Bayes additive smoothing.
    #[arg(long, default_value_t = 0.5)]
    alpha: f64,
    /// Folds for learning how to combine the experts (0: plain naive Bayes).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Leave out the second pass over the page (first-pass scores only).
    #[arg(long)]
    no_second_pass: bool,
    /// Leave out the HMM smoothing of the final probabilities over the
    /// page's lines (transitions counted from the labelled pages).
    #[arg(long)]
    no_hmm: bool,
    /// Leave out the article-end step (keeping the article's last paragraph
    /// against the furniture after it).
    #[arg(long)]
    no_article_end: bool,
    /// Also train on each page's article alone (its content lines as a page
    /// of their own), for input that is already extracted text.
    #[arg(long)]
    article_only: bool,
    /// How many short excerpts of each page (2 to 8 lines from a content
    /// line on, up to 2 lines around) to also train on as pages of their
    /// own, so that short pages are scored well (0..=20).
    #[arg(long, default_value_t = 2, value_name = "N")]
    excerpts: usize,
    /// How many short pages built from each page (2 to 8 of its content
    /// lines with some of its first lines, the furniture between them and
    /// up to 3 lines after) to also train on, so that the menus, bylines
    /// and share lines of a short page are scored as noise (0..=20)
    #[arg(long, default_value_t = TrainerParams::default().short_pages, value_name = "N")]
    short_pages: usize,
    /// The share of noise among the lines of real pages: the final log-odds
    /// are shifted from the training data's share to this one, so that
    /// `p_noise` is calibrated on real pages and 0.5 is the threshold.
    #[arg(long, default_value_t = 0.8, value_name = "P")]
    noise_prior: f64,
    /// Keep the training data's share of noise (no prior correction).
    #[arg(long, conflicts_with = "noise_prior")]
    no_prior_correction: bool,
    /// Labelled files, or folders of them (all *.txt below, sorted).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

/// Reads labelled files and folders.
pub fn read_pages(paths: &[PathBuf]) -> Result<Vec<newschaff::LabelledPage>> {
    let files = expand_paths(paths)?;
    Ok(files
        .iter()
        .map(|f| read_labelled_file(f))
        .collect::<Result<Vec<_>, _>>()?)
}

pub fn run(args: Args) -> Result<()> {
    let start = Instant::now();
    let trainer = TrainerParams {
        alpha: args.alpha,
        folds: args.folds,
        second_pass: !args.no_second_pass,
        hmm: !args.no_hmm,
        article_end: !args.no_article_end,
        article_only: args.article_only,
        excerpts: args.excerpts,
        short_pages: args.short_pages,
        noise_prior: (!args.no_prior_correction).then_some(args.noise_prior),
        ..Default::default()
    }
    .build()?;
    let pages = read_pages(&args.paths)?;

    let bar = if std::io::stderr().is_terminal() && pages.len() >= 20 {
        let b = ProgressBar::new(pages.len() as u64);
        b.set_style(
            ProgressStyle::with_template("featurising {bar:30} {pos}/{len} pages")
                .expect("valid template"),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let model = trainer.fit(&pages, &mut |n| bar.set_position(n as u64))?;
    bar.finish_and_clear();
    // Written here rather than with Model::save, so that the file gets
    // ordinary permissions (0666 less the umask) and errors name it once.
    common::write_atomic(&args.out, &model.to_bytes()?, true)?;

    let info = model.info();
    let f = model.featuriser();
    let (weights, bias) = model.weights();
    let mut out = common::stdout();
    writeln!(
        out,
        "trained on {} pages (and {} excerpts of each): {} content lines, {} noise lines",
        info.pages, args.excerpts, info.content_lines, info.noise_lines
    )?;
    writeln!(
        out,
        "features: {} token slots + 3 x {} named slots; expert weights tokens {:.3} shape {:.3} detectors {:.3} context {:.3}, bias {:.3}",
        f.dim(newschaff::features::Group::Tokens),
        f.dim(newschaff::features::Group::Shape),
        weights[0], weights[1], weights[2], weights[3], bias
    )?;
    writeln!(
        out,
        "wrote {} ({} bytes) in {:.1} s",
        args.out.display(),
        std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0),
        start.elapsed().as_secs_f64()
    )?;
    common::finish(out)
}
