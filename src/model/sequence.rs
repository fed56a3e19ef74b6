//! The second pass: page-level features from the first pass's log-odds.
//!
//! Content comes in runs. After the experts have scored every line alone
//! (with their own neighbour features), a line's verdict is revised from the
//! first-pass scores of the lines around it and from where it sits relative
//! to the page's main run of content (the max-sum segment of first-pass
//! content log-odds). A small logistic regression, fitted on out-of-fold
//! first-pass scores, weighs these features.

/// Number of second-pass features.
pub const N_SEQ: usize = 14;

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
];

const CLIP: f32 = 10.0;
const SCALE: f32 = 5.0;
/// The value a missing neighbour (beyond the page's edge) takes: noise-like.
const EDGE: f32 = 0.6;

/// Second-pass features of each non-blank line, from the first-pass noise
/// log-odds `logit` and whether each line is short.
pub fn seq_features(logit: &[f32], short: &[bool]) -> Vec<[f32; N_SEQ]> {
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
    let mut best = 0.0f32;
    let mut run: Option<(usize, usize)> = None;
    let mut cur = 0.0f32;
    let mut start = 0;
    for (k, x) in l.iter().enumerate() {
        if cur <= 0.0 {
            cur = 0.0;
            start = k;
        }
        cur += -x;
        if cur > best {
            best = cur;
            run = Some((start, k));
        }
    }
    let content_share = if n == 0 {
        0.0
    } else {
        l.iter().filter(|x| **x < 0.0).count() as f32 / n as f32
    };

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
            let s = if short[k] { 1.0 } else { 0.0 };
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
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_finite_and_one_per_line() {
        for n in [0usize, 1, 2, 7, 100] {
            let logit: Vec<f32> = (0..n).map(|i| ((i * 37 % 11) as f32) - 5.0).collect();
            let short = vec![false; n];
            let f = seq_features(&logit, &short);
            assert_eq!(f.len(), n);
            assert!(f.iter().flatten().all(|x| x.is_finite()));
        }
    }

    #[test]
    fn main_run_is_the_content_block() {
        let logit = [5.0, 5.0, -4.0, -3.0, 1.0, -4.0, 5.0, 5.0];
        let f = seq_features(&logit, &[false; 8]);
        let inside: Vec<f32> = f.iter().map(|x| x[8]).collect();
        assert_eq!(inside, [0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn extreme_inputs_are_clipped() {
        let f = seq_features(&[f32::MAX, f32::MIN, 0.0], &[true, false, true]);
        assert!(f.iter().flatten().all(|x| x.is_finite() && x.abs() <= 10.0));
    }
}
