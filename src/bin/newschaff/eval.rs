//! `newschaff eval`: score labelled files against their labels.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use newschaff::labelled::{expand_paths, read_labelled_file};
use newschaff::{Confusion, Label};
use serde::Serialize;

use crate::common;

/// Score labelled files and print precision, recall, F1 per class, the
/// macro-F1 and the confusion matrix.
#[derive(clap::Args)]
pub struct Args {
    /// Model file (default: the model built into the binary).
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
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

#[derive(Serialize)]
struct FileRow {
    file: String,
    confusion: Confusion,
    macro_f1: f64,
}

#[derive(Serialize)]
struct Report {
    files: usize,
    confusion: Confusion,
    macro_f1: f64,
    content: newschaff::eval::ClassScores,
    noise: newschaff::eval::ClassScores,
    by_file: Vec<FileRow>,
}

pub fn run(args: Args) -> Result<()> {
    let detector = common::detector(args.model.as_deref(), args.threshold)?;
    let files = expand_paths(&args.paths)?;
    let mut total = Confusion::default();
    let mut rows = Vec::new();
    for f in &files {
        let lp = read_labelled_file(f)?;
        let verdicts = detector.score(&lp.page);
        let mut c = Confusion::default();
        for (gold, v) in lp.labels.iter().zip(&verdicts) {
            c.add(*gold, v.label);
        }
        total.merge(&c);
        if args.by_file {
            rows.push(FileRow {
                file: f.display().to_string(),
                confusion: c,
                macro_f1: c.macro_f1(),
            });
        }
    }
    let report = Report {
        files: files.len(),
        confusion: total,
        macro_f1: total.macro_f1(),
        content: total.class(Label::Content),
        noise: total.class(Label::Noise),
        by_file: rows,
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
    if !r.by_file.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{:<8} {:<8} {:<8} {:<8} file",
            "lines", "macroF1", "c-recall", "n-recall"
        )?;
        for row in &r.by_file {
            let c = &row.confusion;
            writeln!(
                out,
                "{:<8} {:<8.4} {:<8.4} {:<8.4} {}",
                c.total(),
                row.macro_f1,
                c.class(Label::Content).recall,
                c.class(Label::Noise).recall,
                row.file
            )?;
        }
    }
    Ok(())
}
