//! The model: one naive Bayes expert per feature group, fitted with
//! linfa-bayes, whose log-odds are combined by weights learned with a
//! logistic regression (linfa-logistic) on out-of-fold scores.
//!
//! A plain multinomial naive Bayes over all features lets thousands of
//! correlated word features drown the few structural ones. Giving each group
//! its own expert and learning how much to trust each one keeps naive Bayes
//! at the core while removing that blind spot.
//!
//! Scoring does not go through linfa: it reads the fitted parameters into a
//! flat table of per-slot log-ratios (`log P(slot|noise) - log P(slot|content)`)
//! and sums over the line's few non-zero slots. The log-odds are turned into
//! a probability with a numerically stable sigmoid, so a 2,000-word line
//! never gives NaN.

pub(crate) mod article;
pub mod file;
pub mod sequence;

use std::path::Path;

use linfa::prelude::*;
use linfa_bayes::{MultinomialNb, MultinomialNbParams};
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::features::context::PageAnalysis;
use crate::features::{Featuriser, FeaturiserParams, Group, LineFeatures};
use crate::labelled::{Label, LabelledPage};
use crate::page::Page;

/// Each expert's log-odds is clipped to this before weighting, so that one
/// very long line cannot push a score to infinity.
const Z_CLIP: f32 = 40.0;

/// One group's naive Bayes expert.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Expert {
    pub group: Group,
    /// Per slot: log P(slot | noise) - log P(slot | content).
    pub log_ratio: Vec<f32>,
}

/// What a model was trained on.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TrainingInfo {
    /// Labelled pages.
    pub pages: usize,
    /// Non-blank content lines.
    pub content_lines: usize,
    /// Non-blank noise lines.
    pub noise_lines: usize,
    /// The naive Bayes smoothing used.
    pub alpha: f64,
    /// Folds used to learn the combination weights (0: plain naive Bayes).
    pub folds: usize,
}

/// A logistic regression over a fixed list of numeric features.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Linear {
    pub weights: Vec<f32>,
    pub bias: f32,
}

impl Linear {
    fn apply(&self, x: &[f32]) -> f32 {
        self.bias + x.iter().zip(&self.weights).map(|(x, w)| x * w).sum::<f32>()
    }

    /// Fits with linfa-logistic; `y` is true for noise.
    fn fit(x: Array2<f64>, y: Array1<usize>, l2: f64, what: &str) -> Result<Linear> {
        let fitted = LogisticRegression::default()
            .alpha(l2)
            .max_iterations(300)
            .fit(&Dataset::new(x, y))
            .map_err(|e| Error::Training(format!("fitting {what} failed: {e}")))?;
        let sign = if fitted.labels().pos.class == 1 {
            1.0
        } else {
            -1.0
        };
        Ok(Linear {
            weights: fitted.params().iter().map(|w| (sign * w) as f32).collect(),
            bias: (sign * fitted.intercept()) as f32,
        })
    }
}

/// Format version 3: experts, their combination, the second pass, and
/// HMM smoothing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ModelData {
    pub featuriser: FeaturiserParams,
    pub experts: Vec<Expert>,
    /// How the experts' log-odds combine into the first-pass log-odds.
    pub combiner: Linear,
    /// The second pass over the page (None: first pass only).
    pub seq: Option<Linear>,
    /// HMM smoothing of the final probabilities (None: off).
    pub hmm: Option<sequence::Hmm>,
    pub info: TrainingInfo,
    /// The version of the article step ([`article`]): the last paragraph
    /// kept against the furniture after it (format 4 on), teaser rivers
    /// after the article dropped (format 5 on), short furniture lines
    /// left out of the smoothing (format 6 on).
    pub article_end: article::ArticleStep,
}

/// Format version 3: no article-end step.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ModelDataV3 {
    pub featuriser: FeaturiserParams,
    pub experts: Vec<Expert>,
    pub combiner: Linear,
    pub seq: Option<Linear>,
    pub hmm: Option<sequence::Hmm>,
    pub info: TrainingInfo,
}

impl From<ModelDataV3> for ModelData {
    fn from(v3: ModelDataV3) -> ModelData {
        ModelData {
            featuriser: v3.featuriser,
            experts: v3.experts,
            combiner: v3.combiner,
            seq: v3.seq,
            hmm: v3.hmm,
            info: v3.info,
            article_end: article::ArticleStep::Off,
        }
    }
}

/// Format version 2: no HMM.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ModelDataV2 {
    pub featuriser: FeaturiserParams,
    pub experts: Vec<Expert>,
    pub combiner: Linear,
    pub seq: Option<Linear>,
    pub info: TrainingInfo,
}

impl From<ModelDataV2> for ModelData {
    fn from(v2: ModelDataV2) -> ModelData {
        ModelData {
            featuriser: v2.featuriser,
            experts: v2.experts,
            combiner: v2.combiner,
            seq: v2.seq,
            hmm: None,
            info: v2.info,
            article_end: article::ArticleStep::Off,
        }
    }
}

/// Format version 1: no second pass.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ModelDataV1 {
    pub featuriser: FeaturiserParams,
    pub experts: Vec<Expert>,
    pub weights: Vec<f32>,
    pub bias: f32,
    pub info: TrainingInfo,
}

impl From<ModelDataV1> for ModelData {
    fn from(v1: ModelDataV1) -> ModelData {
        ModelData {
            featuriser: v1.featuriser,
            experts: v1.experts,
            combiner: Linear {
                weights: v1.weights,
                bias: v1.bias,
            },
            seq: None,
            hmm: None,
            info: v1.info,
            article_end: article::ArticleStep::Off,
        }
    }
}

/// A trained model, ready to score.
#[derive(Debug, Clone)]
pub struct Model {
    data: ModelData,
    featuriser: Featuriser,
}

/// The bytes of `models/default.model`, built into the crate.
static BUILTIN: &[u8] = include_bytes!("../../models/default.model");

/// The score of one line before thresholding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineScore {
    /// Probability that the line is noise (1.0 for blank lines).
    pub p_noise: f32,
    /// Each expert's log-odds for noise, by [`Group::index`] (0 for blank lines).
    pub expert_log_odds: [f32; 4],
    /// The second-pass features of the line (zeros without a second pass).
    pub second_pass: [f32; sequence::N_SEQ],
}

/// One feature's push on a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The feature group (`tokens`, `shape`, `detectors`, `context`, `pass2`).
    pub group: &'static str,
    /// The feature's readable name.
    pub feature: String,
    /// Its contribution to the log-odds of noise (positive: towards noise).
    pub value: f32,
}

impl Model {
    /// The default model built into this crate, trained from `training-data/`.
    pub fn builtin() -> Result<Model> {
        Model::from_bytes(Path::new("<built-in>"), BUILTIN)
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Model> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Model::from_bytes(path, &bytes)
    }

    /// Decodes a model from bytes; `path` is used in errors.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Model> {
        let data = file::decode(path, bytes)?;
        Model::from_data(path, data)
    }

    fn from_data(path: &Path, mut data: ModelData) -> Result<Model> {
        let err = |m: String| Error::model(path, m);
        let featuriser = data.featuriser.build().map_err(|e| match e {
            Error::Param(m) => err(format!("{m}; retrain the model with this build")),
            other => other,
        })?;
        if data.experts.len() != Group::ALL.len()
            || data.combiner.weights.len() != data.experts.len()
        {
            return Err(err("wrong number of experts or weights".into()));
        }
        if let Some(seq) = &mut data.seq {
            // Second-pass features are only ever appended: a model from
            // before an addition gives the new features weight 0, which
            // scores exactly as it did.
            if seq.weights.len() < sequence::N_SEQ_FIRST || seq.weights.len() > sequence::N_SEQ {
                return Err(err("wrong number of second-pass weights".into()));
            }
            seq.weights.resize(sequence::N_SEQ, 0.0);
        }
        for (g, ex) in Group::ALL.iter().zip(&data.experts) {
            if ex.group != *g || ex.log_ratio.len() != featuriser.dim(*g) {
                return Err(err(format!(
                    "expert {} does not fit the featuriser settings",
                    g.name()
                )));
            }
            if ex.log_ratio.iter().any(|x| !x.is_finite()) {
                return Err(err(format!("expert {} has non-finite values", g.name())));
            }
        }
        let linears = std::iter::once(&data.combiner).chain(data.seq.as_ref());
        for l in linears {
            if !l.bias.is_finite() || l.weights.iter().any(|w| !w.is_finite()) {
                return Err(err("non-finite combination weights".into()));
            }
        }
        Ok(Model { data, featuriser })
    }

    /// Encodes the model in the file format.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        file::encode(&self.data)
    }

    /// Writes the model to `path` atomically.
    pub fn save(&self, path: &Path) -> Result<()> {
        file::write_atomic(path, &self.to_bytes()?)
    }

    /// The featuriser this model was trained with.
    pub fn featuriser(&self) -> &Featuriser {
        &self.featuriser
    }

    /// What the model was trained on.
    pub fn info(&self) -> &TrainingInfo {
        &self.data.info
    }

    /// The combination weight of each expert, by [`Group::index`], and the bias.
    pub fn weights(&self) -> (&[f32], f32) {
        (&self.data.combiner.weights, self.data.combiner.bias)
    }

    /// The second-pass weights by [`sequence::SEQ_NAMES`], and the bias,
    /// where the model has a second pass.
    pub fn seq_weights(&self) -> Option<(&[f32], f32)> {
        self.data
            .seq
            .as_ref()
            .map(|l| (l.weights.as_slice(), l.bias))
    }

    /// The log-ratio (noise over content) of one slot of one group's expert.
    pub fn log_ratio(&self, g: Group, slot: u32) -> f32 {
        self.data.experts[g.index()].log_ratio[slot as usize]
    }

    fn combine(&self, z: &[f32; 4]) -> f32 {
        combine(&self.data.combiner, z)
    }

    /// Scores every line of a page.
    pub fn score_page(&self, page: &Page) -> Vec<LineScore> {
        self.score_analysed(&self.featuriser.analyse(page))
    }

    /// Scores every line of an analysed page (see [`Featuriser::analyse`]).
    pub fn score_analysed(&self, analysis: &PageAnalysis) -> Vec<LineScore> {
        let tables = [0, 1, 2, 3].map(|g| self.data.experts[g].log_ratio.as_slice());
        let mut scores: Vec<LineScore> = Vec::with_capacity(analysis.index.len());
        let mut first = Vec::with_capacity(analysis.infos.len());
        let mut nonblank = Vec::with_capacity(analysis.infos.len());
        let mut scratch = crate::features::SumScratch::default();
        for (i, k) in analysis.index.iter().enumerate() {
            let Some(k) = *k else {
                scores.push(LineScore {
                    p_noise: 1.0,
                    expert_log_odds: [0.0; 4],
                    second_pass: [0.0; sequence::N_SEQ],
                });
                continue;
            };
            let z = self.featuriser.sums_with(analysis, k, tables, &mut scratch);
            let logit = self.combine(&z);
            first.push(logit);
            nonblank.push(i);
            scores.push(LineScore {
                p_noise: sigmoid(logit),
                expert_log_odds: z,
                second_pass: [0.0; sequence::N_SEQ],
            });
        }
        if let Some(seq) = &self.data.seq {
            let marks: Vec<_> = (0..analysis.infos.len())
                .map(|k| sequence::LineMarks::of(analysis, k))
                .collect();
            for (x, &i) in sequence::seq_features(&first, &marks).iter().zip(&nonblank) {
                scores[i].p_noise = sigmoid(seq.apply(x));
                scores[i].second_pass = *x;
            }
        }
        if let Some(hmm) = &self.data.hmm {
            let p: Vec<f32> = nonblank.iter().map(|&i| scores[i].p_noise).collect();
            for (k, (s, &i)) in hmm.smooth(&p).into_iter().zip(&nonblank).enumerate() {
                // The page's own heading stands apart from the article by
                // design (bylines, share bars between): the smoothing
                // that closes gaps in runs does not apply to it, nor (from
                // version 3 of the article step) to short furniture lines.
                if !analysis.is_headline(k)
                    && !article::keeps_own_score(self.data.article_end, analysis, k)
                {
                    scores[i].p_noise = s;
                }
            }
        }
        if self.data.article_end != article::ArticleStep::Off {
            let mut p: Vec<f32> = nonblank.iter().map(|&i| scores[i].p_noise).collect();
            article::apply(self.data.article_end, analysis, &mut p);
            for (&i, p) in nonblank.iter().zip(p) {
                scores[i].p_noise = p;
            }
        }
        scores
    }

    /// The features that pushed line `i` most, with their contributions to
    /// the log-odds of noise (positive: towards noise), largest first.
    /// Expert features count `weight x log-ratio`; second-pass features
    /// (named `pass2:...`) count `weight x value`.
    pub fn explain(
        &self,
        analysis: &PageAnalysis,
        score: &LineScore,
        i: usize,
    ) -> Vec<Contribution> {
        let mut acc: std::collections::HashMap<(Group, String), f32> = Default::default();
        for (g, name) in self.featuriser.feature_names(analysis, i) {
            let slot = self.featuriser.slot(g, &name);
            let w = self.data.combiner.weights[g.index()];
            *acc.entry((g, name)).or_default() += w * self.log_ratio(g, slot);
        }
        let mut out: Vec<Contribution> = acc
            .into_iter()
            .map(|((g, feature), value)| Contribution {
                group: g.name(),
                feature,
                value,
            })
            .collect();
        if let Some(seq) = &self.data.seq {
            if analysis.index.get(i).is_some_and(Option::is_some) {
                for (j, name) in sequence::SEQ_NAMES.iter().enumerate() {
                    out.push(Contribution {
                        group: "pass2",
                        feature: format!("pass2:{name}"),
                        value: seq.weights[j] * score.second_pass[j],
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            b.value
                .abs()
                .total_cmp(&a.value.abs())
                .then_with(|| a.feature.cmp(&b.feature))
        });
        out
    }
}

fn combine(c: &Linear, z: &[f32; 4]) -> f32 {
    c.bias
        + z.iter()
            .zip(&c.weights)
            .map(|(z, w)| w * z.clamp(-Z_CLIP, Z_CLIP))
            .sum::<f32>()
}

/// A fixed 64-bit mix (SplitMix64's finaliser), for reproducible choices.
/// Numbers below `m` drawn by a fixed hash from `seed`: the picks of
/// augmented pages, the same on every run.
fn picks(seed: u64) -> impl FnMut(usize) -> usize {
    let mut h = splitmix64(seed);
    move |m: usize| {
        h = splitmix64(h);
        (h % m as u64) as usize
    }
}

/// Seeds of the short pages of [`TrainerParams::short_pages`] start here,
/// apart from the excerpts' seeds (`e` below 21).
const SHORT_PAGE_SEEDS: u64 = 0x5_0000;

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE5_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A numerically stable logistic function.
pub fn sigmoid(x: f32) -> f32 {
    if x.is_nan() {
        return 0.5;
    }
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Settings for training. Checked once by [`TrainerParams::build`].
#[derive(Debug, Clone)]
pub struct TrainerParams {
    /// The featuriser to train with.
    pub featuriser: FeaturiserParams,
    /// Naive Bayes additive smoothing (> 0).
    pub alpha: f64,
    /// Folds for learning the combination weights out of fold (2..=20), or
    /// 0 for plain naive Bayes (all weights 1).
    pub folds: usize,
    /// L2 penalty of the combining logistic regressions (>= 0).
    pub combiner_l2: f64,
    /// Whether to fit the second pass over the page (needs folds).
    pub second_pass: bool,
    /// Whether to smooth the final probabilities with an HMM over the page
    /// (default: yes).
    pub hmm: bool,
    /// Whether the model keeps the article's last paragraph against the
    /// furniture after it (see the `article` step in ARCHITECTURE.md;
    /// default: yes).
    pub article_end: bool,
    /// Whether to also train on each page's article alone (its content
    /// lines as a page of their own), as when text was already extracted.
    pub article_only: bool,
    /// How many short excerpts of each training page to also train on as
    /// pages of their own (0..=20): a run of 2 to 8 lines from a content
    /// line on, with up to 2 lines before and after, chosen by a fixed
    /// hash so that training stays reproducible. Without them the model
    /// learns only long pages, whose first and last lines are furniture,
    /// and scores a short page of plain prose as noise. Default 2.
    pub excerpts: usize,
    /// How many short pages built from each training page to also train
    /// on (0..=20): a run of 2 to 8 of its content lines with the
    /// furniture a short page keeps around and inside such a run (some of
    /// the page's first lines, every noise line between the run's content
    /// lines, and up to 3 lines after it), in page order, chosen by a fixed
    /// hash. Excerpts teach that a short page of prose is content; these
    /// teach that a short page still has menus, bylines and share lines.
    /// Default 0: on long pages of another kind than the training pages
    /// they cost prose (see README, "Short pages"); for input of short
    /// pages, 1 or 2.
    pub short_pages: usize,
    /// The share of noise among the non-blank lines of the pages the model
    /// will score (in 0..1, exclusive), or `None` to keep the training
    /// data's share. Training pages are not a sample of real pages (ours
    /// hold more content than crawled pages do), so the final log-odds are
    /// shifted by `logit(noise_prior) - logit(training share)`: `p_noise`
    /// then reads as a probability on real pages and 0.5 stays the right
    /// threshold. Default 0.8.
    pub noise_prior: Option<f64>,
}

impl Default for TrainerParams {
    fn default() -> Self {
        TrainerParams {
            featuriser: FeaturiserParams::default(),
            alpha: 0.5,
            folds: 5,
            combiner_l2: 1.0,
            second_pass: true,
            hmm: true,
            article_end: true,
            article_only: false,
            excerpts: 2,
            short_pages: 0,
            noise_prior: Some(0.8),
        }
    }
}

impl TrainerParams {
    /// Checks the settings.
    pub fn build(&self) -> Result<Trainer> {
        let featuriser = self.featuriser.build()?;
        if !(self.alpha > 0.0 && self.alpha.is_finite()) {
            return Err(Error::Param(format!("alpha {} must be > 0", self.alpha)));
        }
        if self.folds == 1 || self.folds > 20 {
            return Err(Error::Param(format!(
                "folds {} must be 0 or in 2..=20",
                self.folds
            )));
        }
        if self.short_pages > 20 {
            return Err(Error::Param(format!(
                "short_pages {} must be in 0..=20",
                self.short_pages
            )));
        }
        if self.excerpts > 20 {
            return Err(Error::Param(format!(
                "excerpts {} must be in 0..=20",
                self.excerpts
            )));
        }
        if !(self.combiner_l2 >= 0.0 && self.combiner_l2.is_finite()) {
            return Err(Error::Param("combiner_l2 must be >= 0".into()));
        }
        if let Some(p) = self.noise_prior {
            if !(p > 0.0 && p < 1.0) {
                return Err(Error::Param(format!("noise_prior {p} is not in 0..1")));
            }
        }
        Ok(Trainer {
            params: self.clone(),
            featuriser,
        })
    }
}

/// Trains models. Built from [`TrainerParams`].
#[derive(Debug, Clone)]
pub struct Trainer {
    params: TrainerParams,
    featuriser: Featuriser,
}

/// One training example.
struct Row {
    page: usize,
    features: LineFeatures,
    noise: bool,
    marks: sequence::LineMarks,
    /// An augmented copy (an excerpt or article-only page), not a line of
    /// a training page as written.
    extra: bool,
}

impl Trainer {
    /// The featuriser used for training.
    pub fn featuriser(&self) -> &Featuriser {
        &self.featuriser
    }

    /// Trains a model from labelled pages. `progress` is called after each
    /// page is featurised.
    pub fn fit(&self, pages: &[LabelledPage], progress: &mut dyn FnMut(usize)) -> Result<Model> {
        // Rows of a page are contiguous and in line order (blank lines skipped).
        let mut rows = Vec::new();
        let mut page_rows = Vec::with_capacity(pages.len());
        for (p, lp) in pages.iter().enumerate() {
            let start = rows.len();
            let analysis = self.featuriser.analyse(&lp.page);
            let feats = self.featuriser.featurise_analysed(&analysis);
            for (i, (f, label)) in feats.into_iter().zip(&lp.labels).enumerate() {
                if let Some(k) = analysis.index[i] {
                    rows.push(Row {
                        page: p,
                        features: f,
                        noise: *label == Label::Noise,
                        marks: sequence::LineMarks::of(&analysis, k),
                        extra: false,
                    });
                }
            }
            page_rows.push(start..rows.len());
            let content: Vec<usize> = (0..lp.page.len())
                .filter(|&i| lp.labels[i] == Label::Content)
                .collect();
            for e in 0..self.params.excerpts {
                if content.len() < 2 {
                    break;
                }
                let mut next = picks(((p as u64) << 16) ^ e as u64);
                let first = content[next(content.len())];
                let lo = first.saturating_sub(next(3));
                let hi = (first + 2 + next(7) + next(3)).min(lp.page.len());
                let picked: Vec<usize> = (lo..hi)
                    .filter(|&i| !lp.page.text(i).trim().is_empty())
                    .collect();
                page_rows.push(self.add_lines(lp, p, &picked, &mut rows));
            }
            for e in 0..self.params.short_pages {
                if content.len() < 2 {
                    break;
                }
                let mut next = picks(((p as u64) << 16) ^ (SHORT_PAGE_SEEDS + e as u64));
                let c0 = next(content.len() - 1);
                let c1 = (c0 + 1 + next(7)).min(content.len() - 1);
                let (s, t) = (content[c0], content[c1]);
                let head = 8.min(s);
                let after = (t + 1 + next(4)).min(lp.page.len());
                let from = head.max(s.saturating_sub(next(3)));
                let mut picked: Vec<usize> = (0..head).filter(|_| next(3) == 0).collect();
                picked.extend(from..after);
                picked.retain(|&i| !lp.page.text(i).trim().is_empty());
                page_rows.push(self.add_lines(lp, p, &picked, &mut rows));
            }
            if self.params.article_only && content.len() >= 2 {
                page_rows.push(self.add_lines(lp, p, &content, &mut rows));
            }
            progress(p + 1);
        }
        // The training pages as written (not the augmented copies).
        let noise_lines = rows.iter().filter(|r| r.noise && !r.extra).count();
        let content_lines = rows.iter().filter(|r| !r.noise && !r.extra).count();
        // The share of noise the fits below see.
        let trained_share = rows.iter().filter(|r| r.noise).count() as f64 / rows.len() as f64;
        if noise_lines == 0 || content_lines == 0 {
            return Err(Error::Training(format!(
                "the labelled lines hold only one class ({content_lines} content, {noise_lines} noise); both are needed"
            )));
        }
        let folds = if pages.len() >= self.params.folds {
            self.params.folds
        } else {
            0
        };
        let (combiner, seq) = if folds == 0 {
            let prior = (trained_share / (1.0 - trained_share)).ln() as f32;
            let plain = Linear {
                weights: vec![1.0; 4],
                bias: prior,
            };
            (plain, None)
        } else {
            let z = self.out_of_fold_log_odds(&rows, folds)?;
            let y: Array1<usize> = rows.iter().map(|r| r.noise as usize).collect();
            let zm = Array2::from_shape_fn((rows.len(), 4), |(i, g)| {
                z[i][g].clamp(-Z_CLIP, Z_CLIP) as f64
            });
            let combiner = Linear::fit(
                zm,
                y.clone(),
                self.params.combiner_l2,
                "the expert combination",
            )?;
            let first: Vec<f32> = z.iter().map(|z| combine(&combiner, z)).collect();
            let seq = if self.params.second_pass {
                let mut x = Array2::<f64>::zeros((rows.len(), sequence::N_SEQ));
                for r in &page_rows {
                    let marks: Vec<_> = rows[r.clone()].iter().map(|r| r.marks).collect();
                    for (k, f) in sequence::seq_features(&first[r.clone()], &marks)
                        .iter()
                        .enumerate()
                    {
                        for (j, v) in f.iter().enumerate() {
                            x[[r.start + k, j]] = *v as f64;
                        }
                    }
                }
                Some(Linear::fit(
                    x,
                    y,
                    self.params.combiner_l2,
                    "the second pass",
                )?)
            } else {
                None
            };
            (combiner, seq)
        };
        let (mut combiner, mut seq) = (combiner, seq);
        if let Some(p) = self.params.noise_prior {
            // Prior correction of the final stage's log-odds.
            let logit = |p: f64| (p / (1.0 - p)).ln();
            let shift = (logit(p) - logit(trained_share)) as f32;
            match seq.as_mut() {
                Some(s) => s.bias += shift,
                None => combiner.bias += shift,
            }
        }
        let experts = self.fit_experts(rows.iter())?;
        let hmm = self.params.hmm.then(|| {
            let labels: Vec<Vec<bool>> = page_rows
                .iter()
                .map(|r| rows[r.clone()].iter().map(|r| r.noise).collect())
                .collect();
            // Emissions are the second pass's probabilities over the
            // training prior; the prior correction above is in them once.
            sequence::Hmm::fit(labels.iter().map(Vec::as_slice))
        });
        let data = ModelData {
            featuriser: self.featuriser.params().clone(),
            experts,
            combiner,
            seq,
            hmm,
            article_end: if self.params.article_end {
                article::ArticleStep::NEWEST
            } else {
                article::ArticleStep::Off
            },
            info: TrainingInfo {
                pages: pages.len(),
                content_lines,
                noise_lines,
                alpha: self.params.alpha,
                folds,
            },
        };
        Model::from_data(Path::new("<trained>"), data)
    }

    /// Featurises lines `picked` of a labelled page as a page of their own
    /// (an augmented copy) and appends their rows; returns their range.
    fn add_lines(
        &self,
        lp: &LabelledPage,
        p: usize,
        picked: &[usize],
        rows: &mut Vec<Row>,
    ) -> std::ops::Range<usize> {
        let text: String = picked
            .iter()
            .map(|&i| format!("{}\n", lp.page.text(i)))
            .collect();
        let page = Page::from_text(&text);
        let start = rows.len();
        let analysis = self.featuriser.analyse(&page);
        let feats = self.featuriser.featurise_analysed(&analysis);
        for (k, f) in feats.into_iter().enumerate() {
            if let (Some(j), Some(&i)) = (analysis.index[k], picked.get(k)) {
                rows.push(Row {
                    page: p,
                    features: f,
                    noise: lp.labels[i] == Label::Noise,
                    marks: sequence::LineMarks::of(&analysis, j),
                    extra: true,
                });
            }
        }
        start..rows.len()
    }

    /// Each row's expert log-odds from experts fitted without its page's fold.
    fn out_of_fold_log_odds(&self, rows: &[Row], folds: usize) -> Result<Vec<[f32; 4]>> {
        let mut z = vec![[0.0f32; 4]; rows.len()];
        for fold in 0..folds {
            let experts = self.fit_experts(rows.iter().filter(|r| r.page % folds != fold))?;
            for (i, r) in rows.iter().enumerate() {
                if r.page % folds == fold {
                    for (g, ex) in experts.iter().enumerate() {
                        z[i][g] = r.features.groups[g]
                            .iter()
                            .map(|&(slot, v)| v * ex.log_ratio[slot as usize])
                            .sum();
                    }
                }
            }
        }
        Ok(z)
    }

    /// Fits one naive Bayes expert per group with linfa-bayes.
    fn fit_experts<'a>(&self, rows: impl Iterator<Item = &'a Row> + Clone) -> Result<Vec<Expert>> {
        Group::ALL
            .iter()
            .map(|&g| {
                let dim = self.featuriser.dim(g);
                let nb = fit_group(
                    rows.clone()
                        .map(|r| (&r.features.groups[g.index()], r.noise)),
                    dim,
                    self.params.alpha,
                )?;
                Ok(Expert {
                    group: g,
                    log_ratio: log_ratio_of(&nb, dim)?,
                })
            })
            .collect()
    }
}

/// Fits a multinomial naive Bayes on sparse rows, densified in chunks of a
/// bounded size (linfa-bayes takes dense matrices and updates incrementally).
fn fit_group<'a>(
    rows: impl Iterator<Item = (&'a Vec<(u32, f32)>, bool)>,
    dim: usize,
    alpha: f64,
) -> Result<MultinomialNb<f32, usize>> {
    let chunk_rows = ((64usize << 20) / (dim * 4)).clamp(16, 8192);
    let params = MultinomialNbParams::new()
        .alpha(alpha as f32)
        .check()
        .map_err(|e| Error::Training(e.to_string()))?;
    let mut model: Option<MultinomialNb<f32, usize>> = None;
    let mut rows = rows.peekable();
    // One dense buffer for all chunks, cleared where it was written: a
    // fresh zeroed matrix per chunk cost more in page faults than the fit.
    let mut x: Option<Array2<f32>> = None;
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(chunk_rows).collect();
        let x = x.get_or_insert_with(|| Array2::<f32>::zeros((chunk.len(), dim)));
        let mut y = Array1::<usize>::zeros(chunk.len());
        for (i, (feats, noise)) in chunk.iter().enumerate() {
            for &(slot, v) in feats.iter() {
                x[[i, slot as usize]] += v;
            }
            y[i] = *noise as usize;
        }
        let records = x.slice(ndarray::s![..chunk.len(), ..]);
        model = params
            .fit_with(model, &linfa::DatasetBase::new(records, y))
            .map_err(|e| Error::Training(format!("naive Bayes fit failed: {e}")))?;
        for (i, (feats, _)) in chunk.iter().enumerate() {
            for &(slot, _) in feats.iter() {
                x[[i, slot as usize]] = 0.0;
            }
        }
    }
    model.ok_or_else(|| Error::Training("no training rows".into()))
}

/// Reads the per-class feature log-probabilities out of a fitted linfa
/// model (through its serde form; linfa keeps them private) and returns
/// `log P(slot|noise) - log P(slot|content)`.
fn log_ratio_of(nb: &MultinomialNb<f32, usize>, dim: usize) -> Result<Vec<f32>> {
    let v = serde_json::to_value(nb).map_err(|e| Error::Training(e.to_string()))?;
    let flp = |class: &str| -> Result<Vec<f32>> {
        let data = &v["class_info"][class]["feature_log_prob"]["data"];
        let arr: Vec<f32> = serde_json::from_value(data.clone()).map_err(|_| {
            Error::Training(format!(
                "the training data lack class {class} for an expert"
            ))
        })?;
        if arr.len() != dim {
            return Err(Error::Training("unexpected linfa-bayes layout".into()));
        }
        Ok(arr)
    };
    let content = flp("0")?;
    let noise = flp("1")?;
    Ok(noise.iter().zip(&content).map(|(n, c)| n - c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_stable_at_the_extremes() {
        for x in [
            -1e30f32,
            -1000.0,
            -50.0,
            0.0,
            50.0,
            1000.0,
            1e30,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ] {
            let p = sigmoid(x);
            assert!((0.0..=1.0).contains(&p), "{x} -> {p}");
        }
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(f32::NAN).is_finite());
    }

    /// The sparse scorer must agree with linfa's own predictions, and with
    /// naive Bayes computed by hand from the counts.
    #[test]
    fn sparse_scores_agree_with_linfa() {
        let dim = 16;
        let rows: Vec<(Vec<(u32, f32)>, bool)> = vec![
            (vec![(0, 2.0), (3, 1.0)], false),
            (vec![(1, 1.0), (3, 2.0)], false),
            (vec![(5, 1.0), (7, 3.0)], true),
            (vec![(5, 2.0), (9, 1.0), (0, 1.0)], true),
            (vec![(7, 1.0)], true),
        ];
        let alpha = 0.5f32;
        let nb = fit_group(rows.iter().map(|(f, n)| (f, *n)), dim, alpha as f64).unwrap();
        let lr = log_ratio_of(&nb, dim).unwrap();

        // By hand: log((count_n + a) / (total_n + a*dim)) - log((count_c + a) / (total_c + a*dim)).
        let mut counts = [[0.0f32; 16]; 2];
        for (f, noise) in &rows {
            for &(s, v) in f {
                counts[*noise as usize][s as usize] += v;
            }
        }
        let totals = counts.map(|c| c.iter().sum::<f32>() + alpha * dim as f32);
        for s in 0..dim {
            let want = ((counts[1][s] + alpha) / totals[1]).ln()
                - ((counts[0][s] + alpha) / totals[0]).ln();
            assert!((lr[s] - want).abs() < 1e-5, "slot {s}: {} vs {want}", lr[s]);
        }

        // Same decisions as linfa's predict on every probe row.
        let prior = (3.0f32 / 2.0).ln();
        let probe: Vec<Vec<(u32, f32)>> = (0..dim as u32)
            .map(|s| vec![(s, 1.0), ((s * 7 + 3) % dim as u32, 2.0)])
            .collect();
        let mut x = Array2::<f32>::zeros((probe.len(), dim));
        for (i, r) in probe.iter().enumerate() {
            for &(s, v) in r {
                x[[i, s as usize]] += v;
            }
        }
        let predicted = nb.predict(&x);
        for (i, r) in probe.iter().enumerate() {
            let ours: f32 = r.iter().map(|&(s, v)| v * lr[s as usize]).sum::<f32>() + prior;
            if ours.abs() > 1e-3 {
                assert_eq!(
                    predicted[i],
                    (ours > 0.0) as usize,
                    "row {i}: log-odds {ours}"
                );
            }
        }
    }

    #[test]
    fn trainer_params_are_checked() {
        let bad = [
            TrainerParams {
                alpha: 0.0,
                ..Default::default()
            },
            TrainerParams {
                folds: 1,
                ..Default::default()
            },
            TrainerParams {
                combiner_l2: -1.0,
                ..Default::default()
            },
            TrainerParams {
                noise_prior: Some(1.0),
                ..Default::default()
            },
            TrainerParams {
                noise_prior: Some(f64::NAN),
                ..Default::default()
            },
            TrainerParams {
                excerpts: 21,
                ..Default::default()
            },
            TrainerParams {
                short_pages: 21,
                ..Default::default()
            },
        ];
        for p in bad {
            assert!(p.build().is_err());
        }
    }
}
