//! The second pass: page-level features from the first pass's log-odds.
//!
//! Content comes in runs. After the experts have scored every line alone
//! (with their own neighbour features), a line's verdict is revised from the
//! first-pass scores of the lines around it and from where it sits relative
//! to the page's main run of content (the max-sum segment of first-pass
//! content log-odds). A small logistic regression, fitted on out-of-fold
//! first-pass scores, weighs these features.

/// Number of second-pass features.
pub const N_SEQ: usize = 21;

/// Number of second-pass features of the first models (format 2); later
/// features were appended after them.
pub const N_SEQ_FIRST: usize = 14;

/// A first-pass score (scaled as in [`seq_features`]) below this is a
/// confident content line.
const CONTENT: f32 = -0.2;

/// Names of the second-pass features, for explanations.
pub const SEQ_NAMES: [&str; N_SEQ] = [
    "self",
    "prev1",
    "next1",
    "prev2",
    "next2",
    "window_mean",
    "window_min",
    "window_max",
    "in_main_run",
    "distance_to_main_run",
    "short_line",
    "short_x_neighbours",
    "page_content_share",
    "position",
    "distance_to_content_above",
    "distance_to_content_below",
    "content_share_within_10",
    "in_content_block",
    "distance_to_content_block",
    "in_figure_table",
    "headline",
];

const CLIP: f32 = 10.0;
/// First-pass log-odds are divided by this before the second pass sees them.
pub(crate) const SCALE: f32 = 5.0;
/// The value a missing neighbour (beyond the page's edge) takes: noise-like.
const EDGE: f32 = 0.6;

/// What the page analysis says of a line that the second pass weighs.
#[derive(Debug, Clone, Copy, Default)]
pub struct LineMarks {
    /// The line is short and does not end like a sentence.
    pub short: bool,
    /// The line is in a table of figures written one cell per line
    /// ([`PageAnalysis::in_figure_table`](crate::features::context::PageAnalysis::in_figure_table)).
    pub table: bool,
    /// The line is the page's own heading
    /// ([`PageAnalysis::is_headline`](crate::features::context::PageAnalysis::is_headline)).
    pub headline: bool,
}

impl LineMarks {
    /// The marks of non-blank line `k` (an `infos` index) of an analysed page.
    pub fn of(analysis: &crate::features::context::PageAnalysis, k: usize) -> LineMarks {
        LineMarks {
            short: analysis.infos[k].stats.is_short(),
            table: analysis.in_figure_table(k),
            headline: analysis.is_headline(k),
        }
    }
}

/// Second-pass features of each non-blank line, from the first-pass noise
/// log-odds `logit` and the lines' [`LineMarks`].
pub fn seq_features(logit: &[f32], marks: &[LineMarks]) -> Vec<[f32; N_SEQ]> {
    let n = logit.len();
    let l: Vec<f32> = logit.iter().map(|x| x.clamp(-CLIP, CLIP) / SCALE).collect();
    let at = |k: isize| -> f32 {
        if k < 0 || k as usize >= n {
            EDGE
        } else {
            l[k as usize]
        }
    };

    // The main run of content: max-sum segment of content log-odds.
    let run = crate::features::context::max_sum_segment(l.iter().map(|x| -x));
    let content_share = if n == 0 {
        0.0
    } else {
        l.iter().filter(|x| **x < 0.0).count() as f32 / n as f32
    };

    // Distance to the nearest confident content line above and below: a
    // page can have several blocks of content, not only the main run.
    const NONE: f32 = 50.0;
    let mut above = vec![NONE; n];
    let mut last: Option<usize> = None;
    for k in 0..n {
        if let Some(j) = last {
            above[k] = (k - j) as f32;
        }
        if l[k] < CONTENT {
            last = Some(k);
        }
    }
    let mut below = vec![NONE; n];
    let mut next: Option<usize> = None;
    for k in (0..n).rev() {
        if let Some(j) = next {
            below[k] = (j - k) as f32;
        }
        if l[k] < CONTENT {
            next = Some(k);
        }
    }
    // Every block of content, not only the main run: max-sum segments
    // found again left and right of each one, kept while their sum is at
    // least a third of the main run's.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let neg: Vec<f32> = l.iter().map(|x| -x).collect();
    let best = run.map_or(0.0, |(a, b)| neg[a..=b].iter().sum::<f32>());
    let mut todo = vec![(0usize, n)];
    while let Some((lo, hi)) = todo.pop() {
        if lo >= hi {
            continue;
        }
        let Some((a, b)) = crate::features::context::max_sum_segment(neg[lo..hi].iter().copied())
        else {
            continue;
        };
        let (a, b) = (lo + a, lo + b);
        if neg[a..=b].iter().sum::<f32>() < best / 3.0 {
            continue;
        }
        blocks.push((a, b));
        todo.push((lo, a));
        todo.push((b + 1, hi));
    }
    let mut in_block = vec![false; n];
    for &(a, b) in &blocks {
        in_block[a..=b].fill(true);
    }
    let block_dist: Vec<f32> = nearest(&in_block)
        .into_iter()
        .map(|d| d.map_or(NONE, |d| (d as f32).min(NONE)))
        .collect();
    let mut prefix = vec![0u32; n + 1];
    for k in 0..n {
        prefix[k + 1] = prefix[k] + u32::from(l[k] < 0.0);
    }

    (0..n)
        .map(|k| {
            let ki = k as isize;
            let mut sum = 0.0;
            let mut cnt = 0;
            for d in 1..=5isize {
                for j in [ki - d, ki + d] {
                    if j >= 0 && (j as usize) < n {
                        sum += l[j as usize];
                        cnt += 1;
                    }
                }
            }
            let mean = if cnt == 0 { EDGE } else { sum / cnt as f32 };
            let near = [at(ki - 2), at(ki - 1), at(ki + 1), at(ki + 2)];
            let min = near.iter().copied().fold(f32::INFINITY, f32::min);
            let max = near.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let (inside, dist) = match run {
                None => (0.0, 1.0),
                Some((a, _)) if k < a => (0.0, ((a - k) as f32).ln_1p() / 3.0),
                Some((_, b)) if k > b => (0.0, ((k - b) as f32).ln_1p() / 3.0),
                Some(_) => (1.0, 0.0),
            };
            let s = if marks[k].short { 1.0 } else { 0.0 };
            [
                l[k],
                at(ki - 1),
                at(ki + 1),
                at(ki - 2),
                at(ki + 2),
                mean,
                min,
                max,
                inside,
                dist,
                s,
                s * (at(ki - 1) + at(ki + 1)) / 2.0,
                content_share,
                if n > 1 {
                    k as f32 / (n - 1) as f32
                } else {
                    0.0
                },
                above[k].min(NONE).ln_1p() / 3.0,
                below[k].min(NONE).ln_1p() / 3.0,
                {
                    let (a, b) = (k.saturating_sub(10), (k + 11).min(n));
                    let others = (b - a - 1).max(1) as f32;
                    (prefix[b] - prefix[a] - u32::from(l[k] < 0.0)) as f32 / others
                },
                f32::from(u8::from(block_dist[k] == 0.0)),
                block_dist[k].ln_1p() / 3.0,
                f32::from(u8::from(marks[k].table)),
                f32::from(u8::from(marks[k].headline)),
            ]
        })
        .collect()
}

/// For each index, the distance to the nearest `true` (0 on one).
fn nearest(marks: &[bool]) -> Vec<Option<usize>> {
    let n = marks.len();
    let mut out: Vec<Option<usize>> = vec![None; n];
    let mut last = None;
    for k in 0..n {
        if marks[k] {
            last = Some(k);
        }
        out[k] = last.map(|j| k - j);
    }
    let mut next = None;
    for k in (0..n).rev() {
        if marks[k] {
            next = Some(k);
        }
        if let Some(j) = next {
            out[k] = Some(out[k].map_or(j - k, |d| d.min(j - k)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(short: &[bool], table: &[bool]) -> Vec<LineMarks> {
        short
            .iter()
            .zip(table)
            .map(|(&short, &table)| LineMarks {
                short,
                table,
                headline: false,
            })
            .collect()
    }

    #[test]
    fn a_second_block_of_content_is_a_block() {
        // Content, a long interruption of noise, content again: both runs
        // are blocks, so the second is not "far from the main run".
        let mut logit = vec![-5.0f32; 20];
        logit.extend([4.0f32; 30]);
        logit.extend([-5.0f32; 12]);
        let short = vec![false; logit.len()];
        let f = seq_features(&logit, &marks(&short, &vec![false; short.len()]));
        let in_block = SEQ_NAMES
            .iter()
            .position(|n| *n == "in_content_block")
            .unwrap();
        let dist = SEQ_NAMES
            .iter()
            .position(|n| *n == "distance_to_content_block")
            .unwrap();
        assert_eq!(f[55][in_block], 1.0);
        assert_eq!(f[5][in_block], 1.0);
        assert_eq!(f[30][in_block], 0.0);
        assert!(f[21][dist] < f[30][dist]);
    }

    #[test]
    fn figure_table_lines_are_flagged() {
        let logit = [3.0f32; 6];
        let table = [false, true, true, true, false, false];
        let f = seq_features(&logit, &marks(&[true; 6], &table));
        let k = SEQ_NAMES
            .iter()
            .position(|n| *n == "in_figure_table")
            .unwrap();
        let got: Vec<f32> = f.iter().map(|x| x[k]).collect();
        assert_eq!(got, [0.0, 1.0, 1.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn the_heading_is_flagged() {
        let mut m = marks(&[false; 4], &[false; 4]);
        m[1].headline = true;
        let f = seq_features(&[3.0; 4], &m);
        let k = SEQ_NAMES.iter().position(|n| *n == "headline").unwrap();
        let got: Vec<f32> = f.iter().map(|x| x[k]).collect();
        assert_eq!(got, [0.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn nearest_marks() {
        let m = [false, true, false, false, true, false];
        let want = [Some(1), Some(0), Some(1), Some(1), Some(0), Some(1)];
        assert_eq!(nearest(&m), want);
        assert_eq!(nearest(&[false, false]), [None, None]);
    }

    #[test]
    fn features_are_finite_and_one_per_line() {
        for n in [0usize, 1, 2, 7, 100] {
            let logit: Vec<f32> = (0..n).map(|i| ((i * 37 % 11) as f32) - 5.0).collect();
            let short = vec![false; n];
            let f = seq_features(&logit, &marks(&short, &vec![false; short.len()]));
            assert_eq!(f.len(), n);
            assert!(f.iter().flatten().all(|x| x.is_finite()));
        }
    }

    #[test]
    fn main_run_is_the_content_block() {
        let logit = [5.0, 5.0, -4.0, -3.0, 1.0, -4.0, 5.0, 5.0];
        let f = seq_features(&logit, &marks(&[false; 8], &[false; 8]));
        let inside: Vec<f32> = f.iter().map(|x| x[8]).collect();
        assert_eq!(inside, [0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn extreme_inputs_are_clipped() {
        let f = seq_features(
            &[f32::MAX, f32::MIN, 0.0],
            &marks(&[true, false, true], &[true; 3]),
        );
        assert!(f.iter().flatten().all(|x| x.is_finite() && x.abs() <= 10.0));
    }
}

/// A two-state hidden Markov model over a page's non-blank lines (state 0:
/// content, 1: noise), with start and transition probabilities counted from
/// labelled pages. It smooths per-line probabilities into posterior
/// marginals (forward-backward in log space), using each line's probability
/// divided by the class prior as its emission likelihood.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Hmm {
    /// log P(first line is content / noise).
    pub log_start: [f32; 2],
    /// log P(next state | state), rows: from content, from noise.
    pub log_trans: [[f32; 2]; 2],
    /// log of the class frequencies in training.
    pub log_prior: [f32; 2],
}

impl Hmm {
    /// Counts starts and transitions (add-one smoothed) over label
    /// sequences (`true`: noise).
    pub fn fit<'a>(pages: impl Iterator<Item = &'a [bool]>) -> Hmm {
        let mut start = [1.0f64; 2];
        let mut trans = [[1.0f64; 2]; 2];
        let mut class = [1.0f64; 2];
        for labels in pages {
            if let Some(&f) = labels.first() {
                start[f as usize] += 1.0;
            }
            for w in labels.windows(2) {
                trans[w[0] as usize][w[1] as usize] += 1.0;
            }
            for &l in labels {
                class[l as usize] += 1.0;
            }
        }
        let norm = |v: [f64; 2]| {
            let s = v[0] + v[1];
            [(v[0] / s).ln() as f32, (v[1] / s).ln() as f32]
        };
        Hmm {
            log_start: norm(start),
            log_trans: [norm(trans[0]), norm(trans[1])],
            log_prior: norm(class),
        }
    }

    /// Posterior P(noise) of each line given all lines' probabilities.
    pub fn smooth(&self, p_noise: &[f32]) -> Vec<f32> {
        let n = p_noise.len();
        if n == 0 {
            return Vec::new();
        }
        let emit: Vec<[f32; 2]> = p_noise
            .iter()
            .map(|&p| {
                let p = p.clamp(1e-6, 1.0 - 1e-6);
                [
                    (1.0 - p).ln() - self.log_prior[0],
                    p.ln() - self.log_prior[1],
                ]
            })
            .collect();
        let lse = |a: f32, b: f32| {
            let m = a.max(b);
            m + ((a - m).exp() + (b - m).exp()).ln()
        };
        let mut fwd = vec![[0.0f32; 2]; n];
        for s in 0..2 {
            fwd[0][s] = self.log_start[s] + emit[0][s];
        }
        for t in 1..n {
            for s in 0..2 {
                fwd[t][s] = emit[t][s]
                    + lse(
                        fwd[t - 1][0] + self.log_trans[0][s],
                        fwd[t - 1][1] + self.log_trans[1][s],
                    );
            }
        }
        let mut bwd = vec![[0.0f32; 2]; n];
        for t in (0..n - 1).rev() {
            for s in 0..2 {
                bwd[t][s] = lse(
                    self.log_trans[s][0] + emit[t + 1][0] + bwd[t + 1][0],
                    self.log_trans[s][1] + emit[t + 1][1] + bwd[t + 1][1],
                );
            }
        }
        (0..n)
            .map(|t| {
                let c = fwd[t][0] + bwd[t][0];
                let z = fwd[t][1] + bwd[t][1];
                let p = super::sigmoid(z - c);
                if p.is_finite() {
                    p
                } else {
                    p_noise[t]
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod hmm_tests {
    use super::*;

    #[test]
    fn smoothing_pulls_a_lone_line_towards_its_run() {
        let pages: Vec<Vec<bool>> = vec![
            vec![true, true, false, false, false, false, true, true],
            vec![true, false, false, false, true],
        ];
        let hmm = Hmm::fit(pages.iter().map(|p| p.as_slice()));
        let p = [0.9, 0.2, 0.1, 0.6, 0.1, 0.15, 0.9];
        let s = hmm.smooth(&p);
        assert_eq!(s.len(), p.len());
        assert!(
            s[3] < p[3],
            "the noisy-looking line inside content moves towards content"
        );
        assert!(s.iter().all(|x| x.is_finite() && (0.0..=1.0).contains(x)));
    }

    #[test]
    fn extreme_and_empty_inputs() {
        let hmm = Hmm::fit(std::iter::empty());
        assert!(hmm.smooth(&[]).is_empty());
        let s = hmm.smooth(&[0.0, 1.0, f32::NAN, 0.5]);
        assert!(s.iter().all(|x| x.is_finite()));
    }
}
