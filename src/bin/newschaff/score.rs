//! `newschaff score`: one verdict per input line.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use newschaff::{Label, Page, Verdict};
use serde::Serialize;

use crate::common::{self, ColourChoice};

/// Give every line of pages a verdict: content or noise, with p_noise.
#[derive(clap::Args)]
pub struct Args {
    /// Model file (default: the model built into the binary).
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// A line is noise when p_noise >= this.
    #[arg(long, default_value_t = 0.5, value_parser = common::parse_threshold)]
    threshold: f32,
    /// Colour in the text format.
    #[arg(long, value_enum, default_value_t = ColourChoice::Auto)]
    color: ColourChoice,
    /// Pages to score; `-` or nothing for stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// For people: a mark, p_noise and the text; colour on a terminal.
    Text,
    /// Tab-separated: file, line, label, p_noise, text (with a header row).
    Tsv,
    /// One JSON object per line: file, line, label, p_noise, text.
    Jsonl,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    file: &'a str,
    line: usize,
    label: Label,
    p_noise: f64,
    text: &'a str,
}

pub fn run(args: Args) -> Result<()> {
    let detector = common::detector(args.model.as_deref(), args.threshold)?;
    let colour = common::use_colour(args.color);
    let inputs = common::inputs(&args.paths);
    let mut out = common::stdout();
    if let Format::Tsv = args.format {
        writeln!(out, "file\tline\tlabel\tp_noise\ttext")?;
    }
    for path in &inputs {
        let page = common::read_page(path)?;
        let verdicts = detector.score(&page);
        let name = path.to_string_lossy();
        if let Format::Text = args.format {
            if inputs.len() > 1 {
                writeln!(out, "==> {name} <==")?;
            }
        }
        write_page(&mut out, args.format, colour, &name, &page, &verdicts)?;
        out.flush()?;
    }
    common::finish(out)
}

fn round4(p: f32) -> f64 {
    (p as f64 * 10_000.0).round() / 10_000.0
}

fn write_page<W: Write>(
    out: &mut W,
    format: Format,
    colour: bool,
    name: &str,
    page: &Page,
    verdicts: &[Verdict],
) -> Result<()> {
    for (i, v) in verdicts.iter().enumerate() {
        let text = page.text(i);
        match format {
            Format::Text => {
                let mark = match (v.blank, v.label) {
                    (true, _) => ' ',
                    (false, Label::Content) => '+',
                    (false, Label::Noise) => '-',
                };
                let (on, off) = match (colour, v.label) {
                    (false, _) => ("", ""),
                    (true, Label::Content) => ("\x1b[32m", "\x1b[0m"),
                    (true, Label::Noise) => ("\x1b[2m", "\x1b[0m"),
                };
                writeln!(out, "{on}{mark} {:.2}  {text}{off}", v.p_noise)?;
            }
            Format::Tsv => {
                let text = text.replace(['\t', '\r', '\n'], " ");
                writeln!(
                    out,
                    "{name}\t{}\t{}\t{:.4}\t{text}",
                    i + 1,
                    v.label,
                    v.p_noise
                )?;
            }
            Format::Jsonl => {
                serde_json::to_writer(
                    &mut *out,
                    &JsonLine {
                        file: name,
                        line: i + 1,
                        label: v.label,
                        p_noise: round4(v.p_noise),
                        text: &text,
                    },
                )?;
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}
