//! The API a crawler uses: a page in, one verdict per line out.

use std::io::{self, Write};
use std::sync::OnceLock;

use serde::Serialize;

use crate::artefacts::{self, Span, SpanKind};
use crate::error::{Error, Result};
use crate::explain::Evidence;
use crate::features::context::PageAnalysis;
use crate::labelled::Label;
use crate::model::{Contribution, LineScore, Model};
use crate::page::Page;
use crate::site::SiteRepeats;

/// The verdict on one line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Verdict {
    /// `content` or `noise`.
    pub label: Label,
    /// The model's probability that the line is noise, in 0..=1.
    pub p_noise: f32,
    /// Whether the line is blank. Blank lines are always noise with
    /// `p_noise` 1.0: they carry no text to keep.
    pub blank: bool,
}

/// Settings for a [`Detector`]; checked by [`DetectorParams::build`].
#[derive(Debug, Clone, PartialEq)]
pub struct DetectorParams {
    /// A line is noise when `p_noise >= threshold` (0..=1; default 0.5).
    pub threshold: f32,
}

impl Default for DetectorParams {
    fn default() -> Self {
        DetectorParams { threshold: 0.5 }
    }
}

impl DetectorParams {
    /// Checks the settings and builds a detector around `model`.
    pub fn build(&self, model: Model) -> Result<Detector> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(Error::Param(format!(
                "threshold {} is not in 0..=1",
                self.threshold
            )));
        }
        Ok(Detector {
            model,
            threshold: self.threshold,
        })
    }
}

/// Scores and cleans pages. Immutable once built, so one detector can be
/// shared by many threads (`Detector: Send + Sync`).
#[derive(Debug, Clone)]
pub struct Detector {
    model: Model,
    threshold: f32,
}

impl Detector {
    /// A detector with the built-in model and default settings.
    pub fn builtin() -> Result<Detector> {
        DetectorParams::default().build(Model::builtin()?)
    }

    /// The model it scores with.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The noise threshold.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// One verdict per line of the page, in order.
    pub fn score(&self, page: &Page) -> Vec<Verdict> {
        self.report(page).verdicts
    }

    /// Everything newschaff knows about a page: verdicts, injected spans,
    /// repaired lines, the page verdict.
    pub fn report(&self, page: &Page) -> PageReport {
        self.report_with(page, None)
    }

    /// Like [`Detector::report`], with what a [`SiteMemory`](crate::SiteMemory)
    /// knows about the page's lines: a line that repeats on at least
    /// `min_pages` other pages of its host is noise (its `p_noise` is
    /// raised to at least 0.99), whatever the model says.
    pub fn report_with(&self, page: &Page, site: Option<&SiteRepeats>) -> PageReport {
        let known = site.map_or(&[][..], |s| s.brands.as_slice());
        let analysis = self.model.featuriser().analyse_knowing(page, known);
        let scores = self.model.score_analysed(&analysis);
        let mut verdicts = Vec::with_capacity(page.len());
        let mut spans = Vec::with_capacity(page.len());
        for (i, (s, line)) in scores.iter().zip(page.lines()).enumerate() {
            let line_spans = analysis.index[i]
                .map(|k| valid_spans(page, i, &analysis.infos[k].spans))
                .unwrap_or_default();
            let brand_line =
                matches!(line_spans.as_slice(), [sp] if sp.kind == SpanKind::BrandLine);
            let garbled = analysis.index[i].is_some_and(|k| is_garbled(&analysis.infos[k].text));
            let v = if line.blank {
                Verdict {
                    label: Label::Noise,
                    p_noise: 1.0,
                    blank: true,
                }
            } else {
                // A line that is only an injected brand, that repeats on
                // many pages of its site, or that is mostly not text (a
                // binary file's bytes), is noise whatever the model says.
                let boilerplate = site.is_some_and(|s| s.is_boilerplate(i));
                let p = if brand_line || boilerplate || garbled {
                    s.p_noise.max(0.99)
                } else {
                    s.p_noise
                };
                Verdict {
                    label: if p >= self.threshold {
                        Label::Noise
                    } else {
                        Label::Content
                    },
                    p_noise: p,
                    blank: false,
                }
            };
            verdicts.push(v);
            spans.push(line_spans);
        }
        let evidence: Vec<String> = analysis
            .brand_evidence
            .iter()
            .map(|e| e.describe())
            .collect();
        let summary = PageSummary::new(&verdicts, &spans, &analysis.brands, evidence);
        PageReport {
            verdicts,
            spans,
            brands: analysis.brands.clone(),
            summary,
            site: site.cloned(),
            scores,
            analysis,
            pass2_mean: OnceLock::new(),
        }
    }

    /// Writes the content lines of `page` to `out`, byte for byte as they
    /// were (line ends included), in order. Returns the verdicts.
    pub fn clean<W: Write>(&self, page: &Page, out: &mut W) -> io::Result<Vec<Verdict>> {
        let report = self.report(page);
        report.write_content(page, false, out)?;
        Ok(report.verdicts)
    }

    /// Like [`Detector::clean`], but content lines with injected spans are
    /// written repaired (spans deleted), with their original line end.
    pub fn clean_repaired<W: Write>(&self, page: &Page, out: &mut W) -> io::Result<PageReport> {
        let report = self.report(page);
        report.write_content(page, true, out)?;
        Ok(report)
    }
}

/// Whether a line is mostly not text ([`is_text`](crate::page::is_text)
/// says no), as in a binary file read as text: every visible character, or
/// at least 3 and a fifth of them, are undecodable bytes (decoded as
/// U+FFFD) or control characters. A stray replacement character in a
/// sentence (one misdecoded accent) is not; a lone NUL is.
pub fn is_garbled(text: &str) -> bool {
    !crate::page::is_text(text.as_bytes())
}

/// Spans apply to the line's bytes only where its text is its bytes: valid
/// UTF-8 that was not cut for featurising.
fn valid_spans(page: &Page, i: usize, spans: &[Span]) -> Vec<Span> {
    if spans.is_empty() {
        return Vec::new();
    }
    match std::str::from_utf8(page.body(i)) {
        Ok(text)
            if spans.iter().all(|s| {
                s.end <= text.len()
                    && text.is_char_boundary(s.start)
                    && text.is_char_boundary(s.end)
            }) =>
        {
            spans.to_vec()
        }
        _ => Vec::new(),
    }
}

/// The result of [`Detector::report`].
#[derive(Debug)]
pub struct PageReport {
    /// One verdict per line.
    pub verdicts: Vec<Verdict>,
    /// Injected spans per line (byte offsets into the line without its line end).
    pub spans: Vec<Vec<Span>>,
    /// The brand tokens the page injects.
    pub brands: Vec<String>,
    /// The page verdict.
    pub summary: PageSummary,
    /// What the site memory knew about the lines, when one was used.
    pub site: Option<SiteRepeats>,
    scores: Vec<LineScore>,
    analysis: PageAnalysis,
    /// The mean second-pass features of the page's non-blank lines, for
    /// [`PageReport::evidence`]; computed once, when first needed.
    pass2_mean: OnceLock<[f32; crate::model::sequence::N_SEQ]>,
}

impl PageReport {
    /// The evidence of each brand found on the page.
    pub fn brand_evidence(&self) -> &[crate::artefacts::evidence::BrandEvidence] {
        &self.analysis.brand_evidence
    }

    /// Writes the content lines of `page` (the page this report is on) to
    /// `out` in order, each with its line end: byte for byte as they were,
    /// or, with `repair`, with their injected spans deleted.
    pub fn write_content<W: Write>(
        &self,
        page: &Page,
        repair: bool,
        out: &mut W,
    ) -> io::Result<()> {
        for (i, v) in self.verdicts.iter().enumerate() {
            if v.label != Label::Content {
                continue;
            }
            match repair.then(|| self.repaired(page, i)).flatten() {
                Some(fixed) => {
                    let raw = page.raw(i);
                    let body = page.body(i);
                    let lead = page.lines()[i].body.start - page.lines()[i].raw.start;
                    out.write_all(&raw[..lead])?;
                    out.write_all(fixed.as_bytes())?;
                    out.write_all(&raw[lead + body.len()..])?;
                }
                None => out.write_all(page.raw(i))?,
            }
        }
        Ok(())
    }

    /// Line `i` with its injected spans deleted, where it has any.
    pub fn repaired(&self, page: &Page, i: usize) -> Option<String> {
        let spans = &self.spans[i];
        if spans.is_empty() {
            return None;
        }
        let text = std::str::from_utf8(page.body(i)).ok()?;
        Some(artefacts::repair(text, spans))
    }

    /// The `k` features that pushed line `i` most towards noise or content.
    pub fn explain(&self, detector: &Detector, i: usize, k: usize) -> Vec<Contribution> {
        let mut c = detector.model.explain(&self.analysis, &self.scores[i], i);
        c.truncate(k);
        c
    }

    /// The evidence on line `i` in words (`detector: share bar`, `after the
    /// article`), strongest first, at most `k`: the contributions of
    /// [`PageReport::explain`] grouped by what they say and summed, the
    /// second pass's measured against the page's average line (see
    /// [`explain`](crate::explain)). Empty for blank lines.
    pub fn evidence(&self, detector: &Detector, i: usize, k: usize) -> Vec<Evidence> {
        let raw = detector.model.explain(&self.analysis, &self.scores[i], i);
        let Some((w, _)) = detector.model.seq_weights() else {
            return crate::explain::evidence(&raw, 1.0, &[], k);
        };
        // The page's average second-pass contributions, to measure this
        // line's against.
        let mut mean = *self.pass2_mean.get_or_init(|| {
            let mut sum = [0f32; crate::model::sequence::N_SEQ];
            let mut n = 0usize;
            for (s, v) in self.scores.iter().zip(&self.verdicts) {
                if !v.blank {
                    n += 1;
                    for (m, x) in sum.iter_mut().zip(&s.second_pass) {
                        *m += x;
                    }
                }
            }
            sum.map(|m| m / n.max(1) as f32)
        });
        for (m, w) in mean.iter_mut().zip(w) {
            *m *= w;
        }
        crate::explain::evidence(&raw, w[0] / crate::model::sequence::SCALE, &mean, k)
    }

    /// The detectors that fired on line `i`.
    pub fn detectors(&self, i: usize) -> Vec<&'static str> {
        let Some(Some(k)) = self.analysis.index.get(i) else {
            return Vec::new();
        };
        let fired = self.analysis.infos[*k].fired;
        crate::features::detectors::ALL
            .iter()
            .filter(|(b, _)| fired & b != 0)
            .map(|(_, n)| *n)
            .collect()
    }
}

/// The verdict on a whole page.
///
/// `spam_score` = 0.5 x (injected brands found) + 0.3 x min(1, spliced
/// lines / 3) + 0.2 x (share of non-blank lines that are noise), in 0..=1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageSummary {
    /// Non-blank lines.
    pub lines: usize,
    /// Non-blank lines judged noise.
    pub noise_lines: usize,
    /// Lines judged content.
    pub content_lines: usize,
    /// Whether the page is a content-farm copy: it injects brand tokens.
    pub content_farm: bool,
    /// The injected brand tokens.
    pub brands: Vec<String>,
    /// Lines with a brand spliced into them (not whole brand lines).
    pub spliced_lines: usize,
    /// A page spam score in 0..=1 (see above).
    pub spam_score: f32,
    /// The evidence for each brand, in words (`Brand: glued to a word in
    /// prose x2, alone on a line x1`); empty for models of features
    /// version 4 and older.
    pub brand_evidence: Vec<String>,
}

impl PageSummary {
    fn new(
        verdicts: &[Verdict],
        spans: &[Vec<Span>],
        brands: &[String],
        brand_evidence: Vec<String>,
    ) -> PageSummary {
        let lines = verdicts.iter().filter(|v| !v.blank).count();
        let noise_lines = verdicts
            .iter()
            .filter(|v| !v.blank && v.label == Label::Noise)
            .count();
        let spliced_lines = spans
            .iter()
            .filter(|s| s.iter().any(|sp| sp.kind != SpanKind::BrandLine))
            .count();
        let farm = !brands.is_empty();
        let noise_share = if lines == 0 {
            0.0
        } else {
            noise_lines as f32 / lines as f32
        };
        let spam = 0.5 * farm as u8 as f32
            + 0.3 * (spliced_lines as f32 / 3.0).min(1.0)
            + 0.2 * noise_share;
        PageSummary {
            lines,
            noise_lines,
            content_lines: lines - noise_lines,
            content_farm: farm,
            brands: brands.to_vec(),
            spliced_lines,
            spam_score: spam,
            brand_evidence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbled_lines_are_told_from_text() {
        // (line, garbled)
        let cases: [(&str, bool); 9] = [
            ("\u{fffd}\u{fffd}\u{1}\u{fffd}x\u{fffd}\u{7f}", true),
            ("ab\u{fffd}\u{fffd}\u{fffd}cdefghijkl", true),
            // One misdecoded accent in a sentence.
            ("The caf\u{fffd} on the corner reopened on Monday.", false),
            // Under three bad characters, but nothing else: not text.
            ("\u{fffd}\u{fffd}", true),
            ("\u{0}", true),
            // Under three, with text around them.
            ("x\u{0}y\u{1}", false),
            ("Plain text with a tab\tinside", false),
            ("", false),
            ("新しい図書館が開館した。", false),
        ];
        for (text, want) in cases {
            assert_eq!(is_garbled(text), want, "{text:?}");
        }
    }

    #[test]
    fn detector_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Detector>();
    }

    #[test]
    fn threshold_is_checked() {
        let model = Model::builtin().unwrap();
        assert!(DetectorParams { threshold: 1.5 }
            .build(model.clone())
            .is_err());
        assert!(DetectorParams {
            threshold: f32::NAN
        }
        .build(model)
        .is_err());
    }
}
