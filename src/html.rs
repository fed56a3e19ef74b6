//! A self-contained HTML report of scored pages: every line shaded by its
//! `p_noise`, injected brand spans marked, the page verdict, and each
//! line's evidence in words on hover. Given labelled pages, it adds the gold
//! labels, macro-F1, the reader figures, a reliability plot and a threshold
//! sweep, both as inline SVG.
//!
//! The document needs nothing outside itself: inline CSS, no script, no
//! font, image or link to fetch, and a Content-Security-Policy that forbids
//! loading anything. All page text is HTML-escaped.
//!
//! ```
//! use newschaff::{html::HtmlReport, Detector, Page};
//!
//! let detector = Detector::builtin()?;
//! let mut report = HtmlReport::new(&detector);
//! report.add_page("page.txt", &Page::from_text("Home | News\nShare <script>\n"));
//! let html = report.finish();
//! assert_eq!(html.matches("data-line=").count(), 2);
//! assert!(html.contains("Share &lt;script&gt;"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;

use crate::detector::{Detector, PageReport};
use crate::eval::{Confusion, Reader};
use crate::explain::describe;
use crate::labelled::{Label, LabelledPage};
use crate::page::Page;

/// How many pieces of evidence a line's tooltip lists.
const EVIDENCE: usize = 6;

/// Lines longer than this many bytes are shown cut, with a note of the rest.
const MAX_SHOWN: usize = 4000;

/// Builds the report page by page; [`HtmlReport::finish`] gives the document.
#[derive(Debug)]
pub struct HtmlReport<'d> {
    detector: &'d Detector,
    pages: Vec<PageEntry>,
    sections: String,
    lines: usize,
    eval: Option<EvalCounts>,
}

/// One page in the table of contents.
#[derive(Debug)]
struct PageEntry {
    name: String,
    farm: bool,
    kept: usize,
    lines: usize,
    macro_f1: Option<f64>,
}

/// What the labelled pages add up to.
#[derive(Debug, Default)]
struct EvalCounts {
    pages: usize,
    confusion: Confusion,
    reader: Reader,
    /// Every labelled line's `p_noise` and whether it is gold noise.
    points: Vec<(f32, bool)>,
}

impl<'d> HtmlReport<'d> {
    /// An empty report whose pages `detector` will score.
    pub fn new(detector: &'d Detector) -> HtmlReport<'d> {
        HtmlReport {
            detector,
            pages: Vec::new(),
            sections: String::new(),
            lines: 0,
            eval: None,
        }
    }

    /// Scores a page and adds it under `name`.
    pub fn add_page(&mut self, name: &str, page: &Page) {
        self.add(name, page, None);
    }

    /// Scores a labelled page and adds it under `name`, with its gold
    /// labels; the report then has an evaluation section over all labelled
    /// pages added.
    pub fn add_labelled(&mut self, name: &str, labelled: &LabelledPage) {
        self.add(name, &labelled.page, Some(&labelled.labels));
    }

    fn add(&mut self, name: &str, page: &Page, gold: Option<&[Label]>) {
        let report = self.detector.report(page);
        let id = self.pages.len() + 1;
        let mut macro_f1 = None;
        if let Some(gold) = gold {
            let ev = self.eval.get_or_insert_with(EvalCounts::default);
            let mut c = Confusion::default();
            let mut texts = Vec::with_capacity(gold.len());
            for (i, (g, v)) in gold.iter().zip(&report.verdicts).enumerate() {
                c.add(*g, v.label);
                ev.points.push((v.p_noise, *g == Label::Noise));
                texts.push((page.text(i), *g, v.label));
            }
            ev.reader
                .add_page(texts.iter().map(|(t, g, p)| (t.as_ref(), *g, *p)));
            ev.confusion.merge(&c);
            ev.pages += 1;
            macro_f1 = Some(c.macro_f1());
        }
        let s = &report.summary;
        self.pages.push(PageEntry {
            name: name.to_string(),
            farm: s.content_farm,
            kept: s.content_lines,
            lines: page.len(),
            macro_f1,
        });
        self.lines += page.len();
        self.section(id, name, page, &report, gold, macro_f1);
    }

    fn section(
        &mut self,
        id: usize,
        name: &str,
        page: &Page,
        report: &PageReport,
        gold: Option<&[Label]>,
        macro_f1: Option<f64>,
    ) {
        let s = &report.summary;
        let o = &mut self.sections;
        let _ = write!(
            o,
            "<section class=\"page\" id=\"page-{id}\" data-file=\"{}\">\n<h2>{}</h2>\n<ul class=\"verdict\">",
            esc(name),
            esc(name)
        );
        let farm = if s.content_farm {
            format!(
                "<li class=\"farm yes\">content farm: <b>yes</b> ({})</li>",
                s.brands
                    .iter()
                    .map(|b| format!("<mark>{}</mark>", esc(b)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            "<li class=\"farm\">content farm: <b>no</b></li>".to_string()
        };
        o.push_str(&farm);
        let _ = write!(
            o,
            "<li>lines kept: <b>{}</b> of {}{}</li><li>spliced lines: <b>{}</b></li><li>spam score: <b>{:.2}</b></li>",
            s.content_lines,
            s.lines,
            if s.lines == page.len() {
                String::new()
            } else {
                format!(" non-blank ({} lines)", page.len())
            },
            s.spliced_lines,
            s.spam_score
        );
        if let Some(f) = macro_f1 {
            let _ = write!(o, "<li>macro-F1: <b>{f:.3}</b></li>");
        }
        o.push_str("</ul>\n<table class=\"lines\">\n<thead><tr><th class=\"n\">line</th><th class=\"p\">p_noise</th><th class=\"v\">verdict</th>");
        if gold.is_some() {
            o.push_str("<th class=\"g\">gold</th>");
        }
        o.push_str("<th>text</th></tr></thead>\n<tbody>\n");
        for (i, v) in report.verdicts.iter().enumerate() {
            let label = v.label.as_str();
            let why = if v.blank {
                "blank line: always noise".to_string()
            } else {
                let e = describe(&report.evidence(self.detector, i, EVIDENCE));
                if e.is_empty() {
                    "no strong evidence".to_string()
                } else {
                    e.replace("; ", "\n")
                }
            };
            let title = format!("line {}: {label}, p_noise {:.3}\n{why}", i + 1, v.p_noise);
            let g = gold.and_then(|g| g.get(i)).copied();
            let mut class = format!("{label} s{}", step(v.p_noise));
            if v.blank {
                class.push_str(" blank");
            }
            if g.is_some_and(|g| g != v.label) {
                class.push_str(" miss");
            }
            let _ = write!(
                o,
                "<tr data-line=\"{}\" data-p-noise=\"{:.4}\" data-label=\"{label}\"",
                i + 1,
                v.p_noise
            );
            if let Some(g) = g {
                let _ = write!(o, " data-gold=\"{g}\"");
            }
            let _ = write!(
                o,
                " class=\"{class}\" title=\"{}\"><td class=\"n\">{}</td><td class=\"p\"><span>{:.2}</span></td><td class=\"v\">{}</td>",
                esc(&title),
                i + 1,
                v.p_noise,
                if v.label == Label::Noise { "noise" } else { "content" }
            );
            if gold.is_some() {
                let g = g.map_or("", Label::as_str);
                let _ = write!(o, "<td class=\"g\">{g}</td>");
            }
            o.push_str("<td class=\"t\">");
            line_text(o, page, report, i);
            o.push_str("</td></tr>\n");
        }
        o.push_str("</tbody>\n</table>\n</section>\n");
    }

    /// The whole HTML document.
    pub fn finish(self) -> String {
        let mut o = String::with_capacity(self.sections.len() + 16 * 1024);
        o.push_str(HEAD);
        o.push_str(&step_css());
        o.push_str("</head>\n<body>\n");
        let _ = writeln!(
            o,
            "<header><h1>newschaff report</h1><p>{} page{}, {} lines; a line is noise when p_noise &ge; {}. Hover a line for the evidence.</p>{}</header>",
            self.pages.len(),
            if self.pages.len() == 1 { "" } else { "s" },
            self.lines,
            self.detector.threshold(),
            legend(self.eval.is_some())
        );
        o.push_str("<input type=\"checkbox\" id=\"hide-noise\"><label for=\"hide-noise\">hide noise lines</label>\n<main>\n");
        if let Some(ev) = &self.eval {
            eval_section(&mut o, ev, self.detector.threshold());
        }
        if self.pages.len() > 1 {
            o.push_str("<nav><h2>Pages</h2><ol>");
            for (k, p) in self.pages.iter().enumerate() {
                let _ = write!(
                    o,
                    "<li><a href=\"#page-{}\">{}</a> &mdash; {} of {} lines kept{}{}</li>",
                    k + 1,
                    esc(&p.name),
                    p.kept,
                    p.lines,
                    if p.farm { ", <b>content farm</b>" } else { "" },
                    p.macro_f1
                        .map_or(String::new(), |f| format!(", macro-F1 {f:.3}"))
                );
            }
            o.push_str("</ol></nav>\n");
        }
        o.push_str(&self.sections);
        o.push_str("</main>\n</body>\n</html>\n");
        o
    }
}

/// Writes line `i`'s text, escaped, with its injected spans in `<mark>`.
fn line_text(o: &mut String, page: &Page, report: &PageReport, i: usize) {
    let text = page.text(i);
    let mut cut = text.len().min(MAX_SHOWN);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let shown = &text[..cut];
    let mut at = 0;
    // Spans are byte offsets into the line, which is valid UTF-8 whenever
    // it has spans (see `PageReport::spans`).
    for sp in &report.spans[i] {
        if sp.start < at || sp.end > shown.len() {
            continue;
        }
        o.push_str(&esc(&shown[at..sp.start]));
        let _ = write!(
            o,
            "<mark class=\"brand\" title=\"injected brand ({})\">{}</mark>",
            sp.kind.name(),
            esc(&shown[sp.start..sp.end])
        );
        at = sp.end;
    }
    o.push_str(&esc(&shown[at..]));
    if cut < text.len() {
        let _ = write!(
            o,
            "<span class=\"more\">&hellip; ({} more bytes)</span>",
            text.len() - cut
        );
    }
}

/// The colour step of a `p_noise`: 0 to 10, so that rows of about the
/// same `p_noise` look the same (classes `s0` to `s10`).
fn step(p: f32) -> u8 {
    if p.is_nan() {
        0
    } else {
        (p.clamp(0.0, 1.0) * 10.0).round() as u8
    }
}

/// The CSS of the colour steps: row and chip colours.
fn step_css() -> String {
    let mut css = String::from("<style>\n");
    for k in 0..=10u8 {
        let _ = writeln!(
            css,
            "tr.s{k} {{ background: {}; }} tr.s{k} td.p span {{ background: {}; }}",
            shade(k, true),
            shade(k, false)
        );
    }
    css.push_str("</style>\n");
    css
}

/// The row colour (`light`) or the chip colour of a step: green for
/// content through yellow to rose for noise.
fn shade(step: u8, light: bool) -> String {
    let p = f32::from(step.min(10)) / 10.0;
    let hue = 140.0 - 150.0 * p;
    let hue = if hue < 0.0 { hue + 360.0 } else { hue };
    if light {
        format!("hsl({hue:.0} 60% {:.0}%)", 93.0 - 2.0 * p)
    } else {
        format!("hsl({hue:.0} 65% 72%)")
    }
}

/// The colour scale and marks; the mark of wrong lines only with gold labels.
fn legend(gold: bool) -> String {
    let stops: Vec<String> = (0..=10).step_by(2).map(|k| shade(k, false)).collect();
    format!(
        "<div class=\"legend\"><span>content</span><span class=\"bar\" style=\"background:linear-gradient(to right, {})\"></span><span>noise</span> <span class=\"key\"><mark>brand</mark> injected brand span</span>{}</div>",
        stops.join(", "),
        if gold {
            " <span class=\"key miss-key\">wrong against gold</span>"
        } else {
            ""
        }
    )
}

fn eval_section(o: &mut String, ev: &EvalCounts, threshold: f32) {
    let c = &ev.confusion;
    let (cs, ns) = (c.class(Label::Content), c.class(Label::Noise));
    let r = &ev.reader;
    let _ = write!(
        o,
        "<section class=\"eval\" id=\"evaluation\"><h2>Evaluation</h2>\n<p>{} labelled page{}, {} lines (content {}, noise {}).</p>\n<div class=\"figures\">\n<table class=\"scores\"><thead><tr><th></th><th>precision</th><th>recall</th><th>F1</th></tr></thead><tbody>\
<tr><th>content</th><td>{:.4}</td><td>{:.4}</td><td>{:.4}</td></tr>\
<tr><th>noise</th><td>{:.4}</td><td>{:.4}</td><td>{:.4}</td></tr>\
<tr class=\"macro\"><th>macro-F1</th><td colspan=\"3\" id=\"macro-f1\">{:.4}</td></tr></tbody></table>\n",
        ev.pages,
        if ev.pages == 1 { "" } else { "s" },
        c.total(),
        c.content_as_content + c.content_as_noise,
        c.noise_as_content + c.noise_as_noise,
        cs.precision,
        cs.recall,
        cs.f1,
        ns.precision,
        ns.recall,
        ns.f1,
        c.macro_f1()
    );
    let _ = writeln!(
        o,
        "<table class=\"reader\"><thead><tr><th colspan=\"2\">reader (paragraphs: lines of {}+ words)</th></tr></thead><tbody>\
<tr><th>paragraphs kept</th><td>{:.4} ({} of {})</td></tr>\
<tr><th>last paragraph kept</th><td>{:.4} ({} of {} pages)</td></tr>\
<tr><th>prose noise kept</th><td>{:.4} ({} noise paragraphs)</td></tr>\
<tr><th>pages whole</th><td>{:.4} ({} of {})</td></tr></tbody></table>",
        crate::eval::PARAGRAPH_WORDS,
        r.paragraph_recall(),
        r.content_paragraphs_kept,
        r.content_paragraphs,
        r.last_paragraph_recall(),
        r.last_kept,
        r.pages_with_last,
        r.kept_prose_noise(),
        r.noise_paragraphs_kept,
        r.pages_whole_share(),
        r.pages_whole,
        r.pages
    );
    let _ = write!(
        o,
        "<table class=\"confusion\"><thead><tr><th>gold \\ predicted</th><th>content</th><th>noise</th></tr></thead><tbody>\
<tr><th>content</th><td>{}</td><td>{}</td></tr><tr><th>noise</th><td>{}</td><td>{}</td></tr></tbody></table>\n</div>\n<div class=\"plots\">\n",
        c.content_as_content, c.content_as_noise, c.noise_as_content, c.noise_as_noise
    );
    reliability_svg(o, &ev.points);
    sweep_svg(o, &ev.points, threshold);
    o.push_str("</div>\n</section>\n");
}

/// Plot geometry: a 0..1 x 0..1 plot in a 400 x 280 box.
const W: f64 = 400.0;
const H: f64 = 280.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 44.0;

fn px(x: f64) -> f64 {
    LEFT + x.clamp(0.0, 1.0) * (W - LEFT - RIGHT)
}

/// The y of a value on a plot whose y axis runs from `y0` to 1.
fn py(y: f64, y0: f64) -> f64 {
    H - BOTTOM - ((y - y0) / (1.0 - y0)).clamp(0.0, 1.0) * (H - TOP - BOTTOM)
}

/// The bottom of a y axis that ends at 1 and shows values down to `min`
/// with round ticks: 0, 0.2, 0.6 or 0.8.
fn y_floor(min: f64) -> f64 {
    [0.8, 0.6, 0.2]
        .into_iter()
        .find(|&y0| min >= y0)
        .unwrap_or(0.0)
}

/// A tick label: at most two decimals, no trailing zeros.
fn tick(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Axes, grid and labels of a plot: x from 0 to 1, y from `y0` to 1.
fn axes(o: &mut String, title: &str, xlabel: &str, ylabel: &str, y0: f64) {
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}\">\
<text x=\"{}\" y=\"18\" class=\"title\">{}</text>",
        esc(title),
        LEFT,
        esc(title)
    );
    for k in 0..=4 {
        let v = k as f64 / 4.0;
        let vy = y0 + (1.0 - y0) * v;
        let _ = write!(
            o,
            "<line class=\"grid\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/><line class=\"grid\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            px(v),
            py(y0, y0),
            px(v),
            py(1.0, y0),
            px(0.0),
            py(vy, y0),
            px(1.0),
            py(vy, y0),
            px(v),
            py(y0, y0) + 16.0,
            tick(v),
            px(0.0) - 6.0,
            py(vy, y0) + 4.0,
            tick(vy)
        );
    }
    let _ = write!(
        o,
        "<rect class=\"frame\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
<text transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
        px(0.0),
        py(1.0, y0),
        px(1.0) - px(0.0),
        py(y0, y0) - py(1.0, y0),
        px(0.5),
        H - 8.0,
        esc(xlabel),
        py((1.0 + y0) / 2.0, y0),
        esc(ylabel)
    );
}

/// Reliability: lines in ten `p_noise` bins, each bin's mean `p_noise`
/// against its observed share of gold noise; dot area by line count.
fn reliability_svg(o: &mut String, points: &[(f32, bool)]) {
    let mut bins = [(0u64, 0f64, 0u64); 10];
    for &(p, noise) in points {
        let b = &mut bins[((p * 10.0) as usize).min(9)];
        b.0 += 1;
        b.1 += p as f64;
        b.2 += noise as u64;
    }
    let most = bins.iter().map(|b| b.0).max().unwrap_or(0).max(1) as f64;
    axes(
        o,
        "Reliability",
        "p_noise (bin mean)",
        "observed noise rate",
        0.0,
    );
    let _ = write!(
        o,
        "<text x=\"{:.1}\" y=\"18\" text-anchor=\"end\">dot area: lines; dashed: ideal</text>",
        W - RIGHT
    );
    let _ = write!(
        o,
        "<line class=\"diag\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
        px(0.0),
        py(0.0, 0.0),
        px(1.0),
        py(1.0, 0.0)
    );
    let mut path = String::new();
    for (k, b) in bins.iter().enumerate() {
        if b.0 == 0 {
            continue;
        }
        let (x, y) = (b.1 / b.0 as f64, b.2 as f64 / b.0 as f64);
        let _ = write!(
            path,
            "{}{:.1},{:.1}",
            if path.is_empty() { "M" } else { " L" },
            px(x),
            py(y, 0.0)
        );
        let r = 2.5 + 6.5 * (b.0 as f64 / most).sqrt();
        let _ = write!(
            o,
            "<circle class=\"bin\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" data-bin=\"{k}\" data-lines=\"{}\"><title>p_noise {:.1}-{:.1}: {} lines, mean p_noise {x:.3}, noise rate {y:.3}</title></circle>",
            px(x),
            py(y, 0.0),
            b.0,
            k as f64 / 10.0,
            (k + 1) as f64 / 10.0,
            b.0
        );
    }
    if !path.is_empty() {
        let _ = write!(o, "<path class=\"series rel\" d=\"{path}\"/>");
    }
    o.push_str("</svg>\n");
}

/// Macro-F1 and content recall at thresholds from 0.01 to 0.995.
fn sweep_svg(o: &mut String, points: &[(f32, bool)], threshold: f32) {
    let mut ts: Vec<f32> = (1..100).map(|k| k as f32 / 100.0).collect();
    ts.push(0.995);
    let rows: Vec<(f32, f64, f64)> = ts
        .iter()
        .map(|&t| {
            let mut c = Confusion::default();
            for &(p, noise) in points {
                let gold = if noise { Label::Noise } else { Label::Content };
                let pred = if p >= t { Label::Noise } else { Label::Content };
                c.add(gold, pred);
            }
            (t, c.macro_f1(), c.class(Label::Content).recall)
        })
        .collect();
    // The y axis starts near the lowest value, so that the curves are not
    // squeezed into the top of the plot.
    let y0 = y_floor(rows.iter().map(|r| r.1.min(r.2)).fold(1.0, f64::min));
    let mut f1 = String::new();
    let mut recall = String::new();
    for &(t, m, r) in &rows {
        for (d, y) in [(&mut f1, m), (&mut recall, r)] {
            let _ = write!(
                d,
                "{}{:.1},{:.1}",
                if d.is_empty() { "M" } else { " L" },
                px(t as f64),
                py(y, y0)
            );
        }
    }
    axes(o, "Threshold sweep", "threshold", "score", y0);
    let x = px(threshold as f64);
    let _ = writeln!(
        o,
        "<line class=\"now\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" class=\"nowtext\">threshold {threshold}</text>\
<path class=\"series f1\" d=\"{f1}\"/><path class=\"series recall\" d=\"{recall}\"/>\
<g class=\"key\"><line class=\"series f1\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\">macro-F1</text>\
<line class=\"series recall\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\">content recall</text></g></svg>",
        py(y0, y0),
        py(1.0, y0),
        if threshold > 0.7 { x - 4.0 } else { x + 4.0 },
        py(y0, y0) - 6.0,
        if threshold > 0.7 { "end" } else { "start" },
        W - 180.0,
        14.0,
        W - 166.0,
        14.0,
        W - 162.0,
        18.0,
        W - 100.0,
        14.0,
        W - 86.0,
        14.0,
        W - 82.0,
        18.0
    );
}

/// Escapes text for HTML content and attribute values; control characters
/// other than tab and line breaks (not allowed in HTML) become U+FFFD.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>newschaff report</title>
<style>
:root { --ink: #1d2430; --muted: #5d6675; --line: #d9dde3; --miss: #c0262d; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #f6f7f9; }
header { padding: 18px 28px 12px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 20px; }
h2 { margin: 0 0 8px; font-size: 16px; word-break: break-all; }
header p { margin: 0 0 8px; color: var(--muted); }
.legend { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 12px; flex-wrap: wrap; }
.legend .bar { display: inline-block; width: 160px; height: 10px; border-radius: 5px; }
.legend .key { margin-left: 14px; }
.miss-key { border-left: 4px solid var(--miss); padding-left: 6px; }
#hide-noise { margin: 12px 6px 0 28px; }
#hide-noise + label { color: var(--muted); font-size: 13px; }
#hide-noise:checked ~ main tr.noise { display: none; }
main { padding: 8px 28px 40px; }
section, nav { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0; }
nav ol { margin: 0; padding-left: 22px; }
nav a { color: #1f5fbf; }
ul.verdict { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 10px; margin: 0 0 10px; padding: 0; }
ul.verdict li { background: #eef1f5; border-radius: 12px; padding: 2px 10px; font-size: 13px; }
ul.verdict li.farm.yes { background: #fde2e2; }
table { border-collapse: collapse; }
table.lines { width: 100%; table-layout: fixed; }
table.lines th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); padding: 4px 8px; }
table.lines td { padding: 3px 8px; vertical-align: baseline; border-bottom: 1px solid rgba(0,0,0,.04); }
table.lines .n { width: 52px; text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; }
table.lines .p { width: 74px; }
table.lines .v, table.lines .g { width: 72px; font-size: 12px; color: var(--muted); }
td.p span { display: inline-block; min-width: 42px; text-align: center; border-radius: 4px; font-size: 12px; font-variant-numeric: tabular-nums; }
td.t { white-space: pre-wrap; overflow-wrap: anywhere; }
tr.noise td.t { color: #6b7280; }
tr.content td.t { color: var(--ink); }
tr.content td.v { color: #17713a; font-weight: 600; }
tr.miss td.n { box-shadow: inset 4px 0 var(--miss); color: var(--miss); font-weight: 600; }
tr:hover td { outline: 1px solid rgba(0,0,0,.08); }
mark.brand, .legend mark, ul.verdict mark { background: #ffd54a; color: #3b2a00; border-radius: 3px; padding: 0 2px; box-shadow: 0 0 0 1px #e0a800 inset; }
.more { color: var(--muted); font-style: italic; }
.figures { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.figures table th, .figures table td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: right; font-variant-numeric: tabular-nums; }
.figures table th:first-child { text-align: left; font-weight: 500; }
.figures thead th { color: var(--muted); font-size: 12px; }
tr.macro td { font-weight: 700; }
.plots { display: flex; flex-wrap: wrap; gap: 18px; margin-top: 12px; }
svg { background: #fff; border: 1px solid var(--line); border-radius: 6px; font-size: 11px; fill: var(--muted); }
svg .title { font-size: 13px; font-weight: 600; fill: var(--ink); }
svg .grid { stroke: #eceff3; }
svg .frame { fill: none; stroke: #b8bec8; }
svg .diag { stroke: #9aa3af; stroke-dasharray: 4 4; }
svg .series { fill: none; stroke-width: 2; }
svg .rel { stroke: #7c3aed; }
svg .bin { fill: #7c3aed; fill-opacity: .75; }
svg .f1 { stroke: #1f5fbf; }
svg .recall { stroke: #17803d; }
svg .now { stroke: #c0262d; stroke-dasharray: 3 3; }
svg .nowtext { fill: #c0262d; }
</style>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        for (raw, want) in [
            (
                "<script>alert('x')</script>",
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
            ),
            ("a & b \"c\"", "a &amp; b &quot;c&quot;"),
            ("bell\u{7}", "bell\u{fffd}"),
            ("tab\tok", "tab\tok"),
        ] {
            assert_eq!(esc(raw), want);
        }
    }

    #[test]
    fn shades_run_from_green_to_rose_in_eleven_steps() {
        assert_eq!(shade(0, true), "hsl(140 60% 93%)");
        assert_eq!(shade(10, false), "hsl(350 65% 72%)");
        for (p, want) in [
            (0.0, 0),
            (0.04, 0),
            (0.05, 1),
            (0.5, 5),
            (0.96, 10),
            (1.0, 10),
            (f32::NAN, 0),
        ] {
            assert_eq!(step(p), want, "{p}");
        }
    }

    #[test]
    fn y_axes_start_at_round_values() {
        for (min, want) in [
            (0.0, 0.0),
            (0.19, 0.0),
            (0.45, 0.2),
            (0.72, 0.6),
            (0.85, 0.8),
            (1.0, 0.8),
        ] {
            assert_eq!(y_floor(min), want, "{min}");
        }
        assert_eq!(tick(0.25), "0.25");
        assert_eq!(tick(0.6000001), "0.6");
        assert_eq!(tick(1.0), "1");
        assert_eq!(tick(0.0), "0");
    }

    #[test]
    fn one_row_per_line_and_brands_marked() {
        let detector = Detector::builtin().unwrap();
        let mut r = HtmlReport::new(&detector);
        let page = Page::from_text("Home | World\n\nBy A. Writer\n<b>bold</b> claims\n");
        r.add_page("a<b>.txt", &page);
        let html = r.finish();
        assert_eq!(html.matches("<tr data-line=").count(), 4);
        assert!(html.contains("a&lt;b&gt;.txt"));
        assert!(!html.contains("<b>bold</b>"));
        assert!(!html.contains("id=\"evaluation\""));
    }
}
