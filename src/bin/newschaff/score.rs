//! `newschaff score`: one verdict per input line.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use newschaff::{Detector, Label, Page, PageReport};
use serde::Serialize;

use crate::common::{self, ColourChoice};

/// Give every line of pages a verdict: content or noise, with p_noise.
#[derive(clap::Args)]
#[command(after_help = crate::exit::HELP)]
pub struct Args {
    #[command(flatten)]
    model: common::ModelArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Add the page verdict after each page: content-farm brands, noise
    /// lines, spam score (text: a summary line; jsonl: an object with a
    /// `summary` field; tsv: a `# summary` comment row with the same
    /// fields as NAME=VALUE cells).
    #[arg(long)]
    summary: bool,
    /// Show for each line, in words, the evidence that pushed it most
    /// towards noise or content (`detector: share bar`, `after the
    /// article`), and the detectors that fired.
    #[arg(long)]
    explain: bool,
    /// Show for each line the raw model features that pushed it most
    /// (`det=share`, `pass2:window_max`), with their contributions.
    #[arg(long)]
    explain_raw: bool,
    /// How many pieces of evidence (or raw features) `--explain` and
    /// `--explain-raw` show per line.
    #[arg(long, default_value_t = 6, value_name = "N")]
    explain_top: usize,
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
    spans: &'a [newschaff::Span],
    #[serde(skip_serializing_if = "Option::is_none")]
    repaired: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Explain>,
}

#[derive(Serialize)]
struct Explain {
    detectors: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<Vec<newschaff::Evidence>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    features: Option<Vec<newschaff::model::Contribution>>,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    file: &'a str,
    summary: &'a newschaff::PageSummary,
}

struct Opts {
    format: Format,
    colour: bool,
    summary: bool,
    explain: Option<usize>,
    explain_words: bool,
    explain_raw: bool,
}

pub fn run(args: Args) -> Result<()> {
    let detector = args.model.detector()?;
    let colour = common::use_colour(args.color);
    let inputs = common::inputs(&args.paths);
    let mut out = common::stdout();
    if let Format::Tsv = args.format {
        writeln!(out, "file\tline\tlabel\tp_noise\ttext")?;
    }
    let opts = Opts {
        format: args.format,
        colour,
        summary: args.summary,
        explain: (args.explain || args.explain_raw).then_some(args.explain_top),
        explain_words: args.explain,
        explain_raw: args.explain_raw,
    };
    for path in &inputs {
        let page = common::read_page(path)?;
        let report = detector.report(&page);
        let name = path.to_string_lossy();
        if let Format::Text = args.format {
            if inputs.len() > 1 {
                writeln!(out, "==> {name} <==")?;
            }
        }
        write_page(&mut out, &opts, &detector, &name, &page, &report)?;
        out.flush()?;
    }
    common::finish(out)
}

fn round4(p: f32) -> f64 {
    (p as f64 * 10_000.0).round() / 10_000.0
}

fn write_page<W: Write>(
    out: &mut W,
    o: &Opts,
    detector: &Detector,
    name: &str,
    page: &Page,
    report: &PageReport,
) -> Result<()> {
    for (i, v) in report.verdicts.iter().enumerate() {
        let text = page.text(i);
        let explain = o.explain.map(|k| Explain {
            detectors: report.detectors(i),
            evidence: o.explain_words.then(|| report.evidence(detector, i, k)),
            features: o.explain_raw.then(|| report.explain(detector, i, k)),
        });
        match o.format {
            Format::Text => {
                let mark = match (v.blank, v.label) {
                    (true, _) => ' ',
                    (false, Label::Content) => '+',
                    (false, Label::Noise) => '-',
                };
                let (on, off) = match (o.colour, v.label) {
                    (false, _) => ("", ""),
                    (true, Label::Content) => ("\x1b[32m", "\x1b[0m"),
                    (true, Label::Noise) => ("\x1b[2m", "\x1b[0m"),
                };
                writeln!(out, "{on}{mark} {:.2}  {text}{off}", v.p_noise)?;
                if !report.spans[i].is_empty() {
                    let kinds: Vec<&str> = report.spans[i].iter().map(|s| s.kind.name()).collect();
                    writeln!(out, "         spans: {}", kinds.join(", "))?;
                    if let Some(fixed) = report.repaired(page, i) {
                        writeln!(out, "         repaired: {fixed}")?;
                    }
                }
                if let Some(e) = &explain {
                    if !e.detectors.is_empty() {
                        writeln!(out, "         detectors: {}", e.detectors.join(", "))?;
                    }
                    if let Some(ev) = &e.evidence {
                        for side in newschaff::explain::describe(ev).split("; ") {
                            if !side.is_empty() {
                                writeln!(out, "         {side}")?;
                            }
                        }
                    }
                    let feats: Vec<String> = e
                        .features
                        .iter()
                        .flatten()
                        .map(|c| format!("{} {:+.2}", c.feature, c.value))
                        .collect();
                    if !feats.is_empty() {
                        writeln!(
                            out,
                            "         why (+ noise, - content): {}",
                            feats.join("  ")
                        )?;
                    }
                }
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
                        spans: &report.spans[i],
                        repaired: report.repaired(page, i),
                        explain,
                    },
                )?;
                out.write_all(b"\n")?;
            }
        }
    }
    if o.summary {
        let s = &report.summary;
        match o.format {
            Format::Text => writeln!(
                out,
                "summary: {} lines, {} noise, {} content; content farm: {}{}; spliced lines: {}; spam score {:.2}{}",
                s.lines,
                s.noise_lines,
                s.content_lines,
                if s.content_farm { "yes" } else { "no" },
                if s.brands.is_empty() { String::new() } else { format!(" ({})", s.brands.join(", ")) },
                s.spliced_lines,
                s.spam_score,
                if s.brand_evidence.is_empty() { String::new() } else { format!("; evidence: {}", s.brand_evidence.join("; ")) }
            )?,
            // The fields of the JSON Lines summary, in its order.
            Format::Tsv => writeln!(
                out,
                "# summary\t{name}\tlines={}\tnoise_lines={}\tcontent_lines={}\tcontent_farm={}\tbrands={}\tspliced_lines={}\tspam_score={:.4}\tbrand_evidence={}",
                s.lines,
                s.noise_lines,
                s.content_lines,
                s.content_farm,
                s.brands.join("|").replace(['\t', '\r', '\n'], " "),
                s.spliced_lines,
                s.spam_score,
                s.brand_evidence.join("|").replace(['\t', '\r', '\n'], " ")
            )?,
            Format::Jsonl => {
                serde_json::to_writer(&mut *out, &JsonSummary { file: name, summary: s })?;
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}
