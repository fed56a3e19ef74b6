//! `newschaff eval`: score labelled files against their labels.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use newschaff::eval::Reader;
use newschaff::labelled::{expand_paths, read_labelled_file};
use newschaff::{Confusion, Label};
use serde::Serialize;

use crate::common;

/// Score labelled files and print precision, recall, F1 per class, the
/// macro-F1 and the confusion matrix.
#[derive(clap::Args)]
#[command(after_help = crate::exit::HELP)]
pub struct Args {
    /// Model file (default: the model built into the binary).
    #[arg(long, value_name = "PATH", conflicts_with = "train_on")]
    model: Option<PathBuf>,
    /// Train a model on these labelled files or folders first (repeatable),
    /// and evaluate that model: `--train-on A --train-on B C` is a
    /// leave-one-set-out row.
    #[arg(long, value_name = "PATH")]
    train_on: Vec<PathBuf>,
    /// With --train-on: the share of noise lines the trained model assumes
    /// (as `train --noise-prior`).
    #[arg(long, default_value_t = 0.8, value_name = "P", requires = "train_on")]
    noise_prior: f64,
    /// With --train-on: keep the training sets' share of noise.
    #[arg(long, requires = "train_on", conflicts_with = "noise_prior")]
    no_prior_correction: bool,
    /// Add a reliability table: p_noise in ten bins against the observed noise rate.
    #[arg(long)]
    calibration: bool,
    /// Add a threshold table: macro-F1, content precision and recall, and
    /// noise recall at thresholds from 0.3 to 0.995, to pick a threshold
    /// for a content-recall target (`--threshold` sets only the main table).
    #[arg(long)]
    sweep: bool,
    /// A line is noise when p_noise >= this.
    #[arg(long, default_value_t = 0.5, value_parser = common::parse_threshold)]
    threshold: f32,
    /// Add one row per file.
    #[arg(long)]
    by_file: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Labelled files, or folders of them (all *.txt below, sorted).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
struct Bin {
    lines: u64,
    sum_p: f64,
    noise: u64,
}

/// The thresholds `--sweep` reports.
const SWEEP: [f32; 9] = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995];

#[derive(Serialize)]
struct SweepRow {
    threshold: f32,
    macro_f1: f64,
    content: newschaff::eval::ClassScores,
    noise: newschaff::eval::ClassScores,
}

#[derive(Serialize)]
struct FileRow {
    file: String,
    confusion: Confusion,
    macro_f1: f64,
    reader: ReaderFigures,
}

/// The reader figures with their counts, as printed and in `--json`.
#[derive(Serialize)]
struct ReaderFigures {
    paragraph_recall: f64,
    last_paragraph_recall: f64,
    kept_prose_noise: f64,
    pages_whole: f64,
    counts: Reader,
}

impl From<Reader> for ReaderFigures {
    fn from(r: Reader) -> Self {
        ReaderFigures {
            paragraph_recall: r.paragraph_recall(),
            last_paragraph_recall: r.last_paragraph_recall(),
            kept_prose_noise: r.kept_prose_noise(),
            pages_whole: r.pages_whole_share(),
            counts: r,
        }
    }
}

#[derive(Serialize)]
struct Report {
    files: usize,
    confusion: Confusion,
    macro_f1: f64,
    content: newschaff::eval::ClassScores,
    noise: newschaff::eval::ClassScores,
    reader: ReaderFigures,
    by_file: Vec<FileRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    calibration: Option<Vec<Bin>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sweep: Option<Vec<SweepRow>>,
}

pub fn run(args: Args) -> Result<()> {
    let detector = if args.train_on.is_empty() {
        common::detector(args.model.as_deref(), args.threshold)?
    } else {
        let pages = crate::train::read_pages(&args.train_on)?;
        let model = newschaff::TrainerParams {
            noise_prior: (!args.no_prior_correction).then_some(args.noise_prior),
            ..Default::default()
        }
        .build()?
        .fit(&pages, &mut |_| {})?;
        newschaff::DetectorParams {
            threshold: args.threshold,
        }
        .build(model)?
    };
    let files = expand_paths(&args.paths)?;
    let mut bins = [Bin::default(); 10];
    let mut total = Confusion::default();
    let mut swept = [Confusion::default(); SWEEP.len()];
    let mut rows = Vec::new();
    let mut reader = Reader::default();
    for f in &files {
        let lp = read_labelled_file(f)?;
        let verdicts = detector.score(&lp.page);
        let mut page_reader = Reader::default();
        let texts: Vec<_> = (0..lp.page.len()).map(|i| lp.page.text(i)).collect();
        page_reader.add_page(
            texts
                .iter()
                .zip(lp.labels.iter().zip(&verdicts))
                .map(|(t, (gold, v))| (t.as_ref(), *gold, v.label)),
        );
        reader.merge(&page_reader);
        let mut c = Confusion::default();
        for (gold, v) in lp.labels.iter().zip(&verdicts) {
            c.add(*gold, v.label);
            let b = &mut bins[((v.p_noise * 10.0) as usize).min(9)];
            b.lines += 1;
            b.sum_p += v.p_noise as f64;
            b.noise += (*gold == Label::Noise) as u64;
            for (t, sc) in SWEEP.iter().zip(&mut swept) {
                let label = if v.p_noise >= *t {
                    Label::Noise
                } else {
                    Label::Content
                };
                sc.add(*gold, label);
            }
        }
        total.merge(&c);
        if args.by_file {
            rows.push(FileRow {
                file: f.display().to_string(),
                confusion: c,
                macro_f1: c.macro_f1(),
                reader: page_reader.into(),
            });
        }
    }
    let report = Report {
        files: files.len(),
        confusion: total,
        macro_f1: total.macro_f1(),
        content: total.class(Label::Content),
        noise: total.class(Label::Noise),
        reader: reader.into(),
        by_file: rows,
        calibration: args.calibration.then(|| bins.to_vec()),
        sweep: args.sweep.then(|| {
            SWEEP
                .iter()
                .zip(&swept)
                .map(|(t, c)| SweepRow {
                    threshold: *t,
                    macro_f1: c.macro_f1(),
                    content: c.class(Label::Content),
                    noise: c.class(Label::Noise),
                })
                .collect()
        }),
    };
    let mut out = common::stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_table(&mut out, &report)?;
    }
    common::finish(out)
}

fn write_table<W: Write>(out: &mut W, r: &Report) -> Result<()> {
    let c = &r.confusion;
    writeln!(
        out,
        "files {}  lines {}  (content {}, noise {})",
        r.files,
        c.total(),
        c.content_as_content + c.content_as_noise,
        c.noise_as_content + c.noise_as_noise
    )?;
    writeln!(out)?;
    writeln!(out, "class      precision  recall     F1")?;
    for (name, s) in [("content", &r.content), ("noise", &r.noise)] {
        writeln!(
            out,
            "{name:<10} {:<10.4} {:<10.4} {:.4}",
            s.precision, s.recall, s.f1
        )?;
    }
    writeln!(out, "macro-F1   {:.4}", r.macro_f1)?;
    writeln!(out)?;
    let rd = &r.reader;
    writeln!(
        out,
        "reader (paragraphs: lines of {}+ words)",
        newschaff::eval::PARAGRAPH_WORDS
    )?;
    writeln!(
        out,
        "paragraphs kept       {:.4}  ({} of {})",
        rd.paragraph_recall, rd.counts.content_paragraphs_kept, rd.counts.content_paragraphs
    )?;
    writeln!(
        out,
        "last paragraph kept   {:.4}  ({} of {} pages; {} with a closing credit skipped)",
        rd.last_paragraph_recall,
        rd.counts.last_kept,
        rd.counts.pages_with_last,
        rd.counts.last_credit_skipped
    )?;
    writeln!(
        out,
        "prose noise kept      {:.4}  ({} noise paragraphs kept)",
        rd.kept_prose_noise, rd.counts.noise_paragraphs_kept
    )?;
    writeln!(
        out,
        "pages whole           {:.4}  ({} of {})",
        rd.pages_whole, rd.counts.pages_whole, rd.counts.pages
    )?;
    writeln!(out)?;
    writeln!(out, "confusion (rows: gold, columns: predicted)")?;
    writeln!(out, "{:<10} {:>10} {:>10}", "", "content", "noise")?;
    writeln!(
        out,
        "{:<10} {:>10} {:>10}",
        "content", c.content_as_content, c.content_as_noise
    )?;
    writeln!(
        out,
        "{:<10} {:>10} {:>10}",
        "noise", c.noise_as_content, c.noise_as_noise
    )?;
    if let Some(bins) = &r.calibration {
        writeln!(out)?;
        writeln!(out, "reliability (p_noise bins)")?;
        writeln!(
            out,
            "{:<10} {:>8} {:>12} {:>12}",
            "bin", "lines", "mean p", "noise rate"
        )?;
        for (i, b) in bins.iter().enumerate() {
            let (mean, rate) = if b.lines == 0 {
                (0.0, 0.0)
            } else {
                (b.sum_p / b.lines as f64, b.noise as f64 / b.lines as f64)
            };
            writeln!(
                out,
                "{:<10} {:>8} {:>12.3} {:>12.3}",
                format!("{:.1}-{:.1}", i as f64 / 10.0, (i + 1) as f64 / 10.0),
                b.lines,
                mean,
                rate
            )?;
        }
    }
    if let Some(rows) = &r.sweep {
        writeln!(out)?;
        writeln!(
            out,
            "thresholds (a line is noise when p_noise >= threshold)"
        )?;
        writeln!(
            out,
            "{:<10} {:>8} {:>10} {:>10} {:>10}",
            "threshold", "macroF1", "content P", "content R", "noise R"
        )?;
        for row in rows {
            writeln!(
                out,
                "{:<10} {:>8.4} {:>10.4} {:>10.4} {:>10.4}",
                row.threshold,
                row.macro_f1,
                row.content.precision,
                row.content.recall,
                row.noise.recall
            )?;
        }
    }
    if !r.by_file.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{:<8} {:<8} {:<8} {:<8} {:<8} {:<5} {:<8} {:<5} file",
            "lines", "macroF1", "c-recall", "n-recall", "para-R", "last", "noise-P", "whole"
        )?;
        for row in &r.by_file {
            let c = &row.confusion;
            let rd = &row.reader.counts;
            let last = match (rd.pages_with_last, rd.last_kept) {
                (0, _) => "-",
                (_, 1) => "yes",
                _ => "no",
            };
            writeln!(
                out,
                "{:<8} {:<8.4} {:<8.4} {:<8.4} {:<8.4} {:<5} {:<8} {:<5} {}",
                c.total(),
                row.macro_f1,
                c.class(Label::Content).recall,
                c.class(Label::Noise).recall,
                row.reader.paragraph_recall,
                last,
                rd.noise_paragraphs_kept,
                if rd.pages_whole == 1 { "yes" } else { "no" },
                row.file
            )?;
        }
    }
    Ok(())
}
