//! The API a crawler uses: a page in, one verdict per line out.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::labelled::Label;
use crate::model::Model;
use crate::page::Page;

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
        self.model
            .score_page(page)
            .into_iter()
            .zip(page.lines())
            .map(|(s, line)| {
                if line.blank {
                    Verdict {
                        label: Label::Noise,
                        p_noise: 1.0,
                        blank: true,
                    }
                } else {
                    Verdict {
                        label: if s.p_noise >= self.threshold {
                            Label::Noise
                        } else {
                            Label::Content
                        },
                        p_noise: s.p_noise,
                        blank: false,
                    }
                }
            })
            .collect()
    }

    /// Writes the content lines of `page` to `out`, byte for byte as they
    /// were (line ends included), in order. Returns the verdicts.
    pub fn clean<W: Write>(&self, page: &Page, out: &mut W) -> io::Result<Vec<Verdict>> {
        let verdicts = self.score(page);
        for (i, v) in verdicts.iter().enumerate() {
            if v.label == Label::Content {
                out.write_all(page.raw(i))?;
            }
        }
        Ok(verdicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
