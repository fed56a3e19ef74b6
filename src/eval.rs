//! Metrics: precision, recall, F1 per class, macro-F1, the confusion matrix.

use serde::Serialize;

use crate::labelled::Label;

/// Counts of (gold label, predicted label) pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// Gold content, predicted content.
    pub content_as_content: u64,
    /// Gold content, predicted noise (lost content).
    pub content_as_noise: u64,
    /// Gold noise, predicted content (kept junk).
    pub noise_as_content: u64,
    /// Gold noise, predicted noise.
    pub noise_as_noise: u64,
}

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClassScores {
    /// Of the lines predicted this class, the share that are.
    pub precision: f64,
    /// Of the lines that are this class, the share predicted so.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Confusion {
    /// Counts one line.
    pub fn add(&mut self, gold: Label, predicted: Label) {
        match (gold, predicted) {
            (Label::Content, Label::Content) => self.content_as_content += 1,
            (Label::Content, Label::Noise) => self.content_as_noise += 1,
            (Label::Noise, Label::Content) => self.noise_as_content += 1,
            (Label::Noise, Label::Noise) => self.noise_as_noise += 1,
        }
    }

    /// Adds another matrix.
    pub fn merge(&mut self, o: &Confusion) {
        self.content_as_content += o.content_as_content;
        self.content_as_noise += o.content_as_noise;
        self.noise_as_content += o.noise_as_content;
        self.noise_as_noise += o.noise_as_noise;
    }

    /// Lines counted.
    pub fn total(&self) -> u64 {
        self.content_as_content
            + self.content_as_noise
            + self.noise_as_content
            + self.noise_as_noise
    }

    /// Scores of one class.
    pub fn class(&self, label: Label) -> ClassScores {
        let (tp, fp, fn_) = match label {
            Label::Content => (
                self.content_as_content,
                self.noise_as_content,
                self.content_as_noise,
            ),
            Label::Noise => (
                self.noise_as_noise,
                self.content_as_noise,
                self.noise_as_content,
            ),
        };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        ClassScores {
            precision,
            recall,
            f1,
        }
    }

    /// Mean of content-F1 and noise-F1.
    pub fn macro_f1(&self) -> f64 {
        (self.class(Label::Content).f1 + self.class(Label::Noise).f1) / 2.0
    }

    /// Share of lines labelled right.
    pub fn accuracy(&self) -> f64 {
        ratio(self.content_as_content + self.noise_as_noise, self.total())
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_match_a_hand_computation() {
        let mut c = Confusion::default();
        for _ in 0..8 {
            c.add(Label::Content, Label::Content);
        }
        for _ in 0..2 {
            c.add(Label::Content, Label::Noise);
        }
        for _ in 0..4 {
            c.add(Label::Noise, Label::Content);
        }
        for _ in 0..86 {
            c.add(Label::Noise, Label::Noise);
        }
        let content = c.class(Label::Content);
        assert!((content.precision - 8.0 / 12.0).abs() < 1e-12);
        assert!((content.recall - 0.8).abs() < 1e-12);
        let noise = c.class(Label::Noise);
        assert!((noise.recall - 86.0 / 90.0).abs() < 1e-12);
        let f1c = 2.0 * (8.0 / 12.0) * 0.8 / (8.0 / 12.0 + 0.8);
        let f1n = 2.0 * (86.0 / 88.0) * (86.0 / 90.0) / (86.0 / 88.0 + 86.0 / 90.0);
        assert!((c.macro_f1() - (f1c + f1n) / 2.0).abs() < 1e-12);
        assert_eq!(c.total(), 100);
    }

    #[test]
    fn empty_matrix_gives_zeros_not_nan() {
        let c = Confusion::default();
        assert_eq!(c.macro_f1(), 0.0);
        assert_eq!(c.accuracy(), 0.0);
    }
}
