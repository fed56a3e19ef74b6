//! The featuriser: one function, used by training and scoring alike, that
//! turns every line of a page into sparse features in four groups.
//!
//! - [`Group::Tokens`]: lower-cased words, word bigrams, first and last word,
//!   and the whole text of short lines, hashed into `2^token_bits` slots;
//! - [`Group::Shape`]: length, punctuation, capitals, digits, stop words;
//! - [`Group::Detectors`]: the named artefact detectors of [`detectors`];
//! - [`Group::Context`]: position, neighbours, the main run of prose,
//!   vocabulary shared with the article and title, repeats.
//!
//! Named features are hashed too (into `2^named_bits` slots per group), so a
//! feature vector is a list of `(slot, count)` pairs per group. The same
//! names can be produced in readable form for explanations.

pub mod context;
pub mod detectors;
pub mod shape;
pub mod tokens;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::error::{Error, Result};
use crate::page::{Page, DEFAULT_MAX_LINE_BYTES};
use context::PageAnalysis;

/// The version of the feature definitions. Bump it whenever a change to
/// this module changes the features a line gets: a model stores the version
/// it was trained with, is scored with the features of that version, and is
/// refused when this build no longer computes them.
pub const FEATURES_VERSION: u32 = 16;

/// The oldest version of the feature definitions this build can still
/// compute, for models trained with it. Version 3 added Chinese and
/// Japanese characters as words, function words of Russian, Ukrainian,
/// Chinese and Japanese, and the sentence ends of
/// Chinese, Japanese, Arabic and Hindi; version 4 added the page's heading
/// (the echo of the title's headline, `echo=`) and told first and later
/// copies of repeated lines apart; version 5 finds content-farm brands
/// from evidence (`artefacts::evidence`) instead of anchors; version 6
/// also takes as evidence of a brand a token between two sentences
/// (`end. Brand The`), a two-word brand glued through its second word, and
/// splicing in prose alone, and no longer takes a two-letter function word
/// glued after a name as a splice; version 7 reads no name inside a web
/// address as glued, nor one glued after a sentence's end that the
/// sentence goes on from in lower case (`Know?Eurostat and`), nor one in a
/// compound that stands more than twice as often as the name alone
/// (`Mexican`), and names a two-word brand whole when its second word is
/// glued to any letters (`Brand Labsold`) and a three-word brand by the
/// word before every occurrence (`Kelvo Draxi Partners`); version 8 also
/// takes a name glued twice, in two different runs (two compounds, or a
/// compound and the name alone), and used nowhere in a sentence as a name or
/// a noun as a brand, even where it stands fewer than three times;
/// version 9 also takes the affix of the page's own headline, in the title
/// and again on the page, where no splice shows it (a name and the
/// capitalised word after it may be the affix together), reads a suffix that a
/// site's name follows (`Headline | Brand - Daily News`) as an affix, never
/// one joined by a tight hyphen (`Raleigh-Durham`), counts two Chinese or
/// Japanese characters as a word when it tells an affix from a line of its
/// own, frames a name between a capitalised word and a verb (`Edda Brand
/// said`), cuts a brand spliced between Chinese characters, and takes a
/// name out of place wherever it stands in a sentence; its detectors know
/// dates, relative times, credit lines and field labels of German, French,
/// Spanish, Italian, Portuguese, Dutch and Chinese pages
/// (`detectors::detect_version`); version 10's detectors know the section
/// headers, share bars, prompts, footers, ad markers, read-more links and
/// comment furniture of those languages and of Japanese pages, and its
/// brand discovery takes a name between two Chinese or Japanese
/// characters (`沿Brand海`) as spliced where the page also shows it as an
/// affix or on a line of its own, reads the prepositions of those
/// languages as framing a name (`de Town`, `aus Town`), takes a piece of
/// three letters as glue only when it is a function word or the page
/// writes it alone (`ancien|nes` is an inflection), and leaves a headline's
/// affix that the story uses as a name and never out of place (a town
/// heading its local story); version 11's brand discovery also takes as a
/// candidate a lower-case name that only prose shows, glued to words inside
/// a run that is no word (`councilvelmorix`) and written on its own
/// elsewhere on the page, or a lower-case affix of the title though a
/// sentence uses it, with a word list of English besides the lexicon to
/// tell a name from a word (for every candidate), reads a name between a
/// preposition or an English determiner and a lower-case word of content
/// as neutral, not framed (`of Brand heavy rain`), a name called in
/// program code as neutral, takes a name glued in prose and an affix and
/// nothing else as a brand however few its occurrences, and cuts a title
/// affix's full-width colon or dash with it; version 12's brand discovery
/// reads a name written with a joiner or a mark as one run (`Xoraki.com`,
/// `Zor-vak`, `Zor_vak`, `#Xoraki`, `Xoraki™`; `artefacts::decorated`) and
/// gives it back as the page writes it; version 13's brand discovery also
/// takes as spliced a name alone after the last sentence of a line of prose
/// (`the end. Brand`; once for a line and its copies) or before its first
/// (`Brand The city`), a name of one
/// capital glued after a capitalised word of the language (`charity
/// OpenBrand Door`, German nouns), and a head that two different runs of
/// prose share, each with a word glued to it (`Brandfür ... Brandvom`), as a
/// candidate; a word form (`Brandan`) vetoes only a name glued nowhere; and
/// repair cuts a splice set off by a pair of commas, dashes or quotes with
/// them, and a slash that glues it to a word (`council/Brand`); version 14's
/// brand discovery takes as spliced a name set off by a pair of marks
/// inside a sentence before a function word (`said, Brand, that`, `said
/// "Brand" to`), and as inserted, not framed, a name after a preposition
/// that an article follows (`and Brand the city`); repair cuts any pair of
/// marks around a splice inside a sentence (`| Brand |`, `« Brand »`,
/// `* Brand *`) and a brand written in capitals; version 14's detectors
/// also know counters of other languages (`784-mal geteilt`, `39
/// partages`), an ad marker with a colon before its pitch (`Sponsored:
/// ...`, `Anuncio: ...`) and more credit lines (`Reporting by ...`,
/// `Antoine Lefèvre, journaliste`, `记者 陈晓燕`); version 15's brand
/// discovery looks for no lower-case name on a page whose prose is Dutch,
/// Scandinavian or Finnish (`artefacts::evidence::writes_compounds`), where
/// lower-case compounds and their nouns are not names; version 16's
/// detectors know an author's bio (`bio`) and breadcrumbs of other
/// languages and forms (`Portada >
/// Salud`, `Sie sind hier: ...`, `Location: Home / Tech`, `Sport ›
/// Football`; `detectors::detect_version`), and a line between the title
/// line and the page's own heading near the top is marked as the page's
/// header block (`above_heading`: the site's name, a breadcrumb, a
/// product line).
/// Older features are computed as before for models that use them.
pub const MIN_FEATURES_VERSION: u32 = 2;

/// A group of features; each group has its own naive Bayes expert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Group {
    /// Words and bigrams.
    Tokens,
    /// Line shape.
    Shape,
    /// Named detectors.
    Detectors,
    /// Page context.
    Context,
}

impl Group {
    /// All groups, in index order.
    pub const ALL: [Group; 4] = [
        Group::Tokens,
        Group::Shape,
        Group::Detectors,
        Group::Context,
    ];

    /// The group's index in [`Group::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// A short name.
    pub fn name(self) -> &'static str {
        match self {
            Group::Tokens => "tokens",
            Group::Shape => "shape",
            Group::Detectors => "detectors",
            Group::Context => "context",
        }
    }
}

/// Settings of the featuriser. They are stored in every model file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeaturiserParams {
    /// The version of the feature definitions ([`MIN_FEATURES_VERSION`] to
    /// [`FEATURES_VERSION`]).
    pub version: u32,
    /// Token features are hashed into `2^token_bits` slots (8..=22).
    pub token_bits: u8,
    /// Named features are hashed into `2^named_bits` slots per group (6..=16).
    pub named_bits: u8,
    /// Lines are featurised from at most this many bytes (64..=1 MiB).
    pub max_line_bytes: usize,
    /// At most this many words per line become token features (1..=100,000).
    pub max_words: usize,
    /// Whether word bigrams are features.
    pub bigrams: bool,
    /// How many neighbours on each side are context features (0..=5).
    pub window: usize,
}

impl Default for FeaturiserParams {
    fn default() -> Self {
        FeaturiserParams {
            version: FEATURES_VERSION,
            token_bits: 16,
            named_bits: 12,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            max_words: 300,
            bigrams: true,
            window: 2,
        }
    }
}

impl FeaturiserParams {
    /// Checks the settings and builds a featuriser.
    pub fn build(&self) -> Result<Featuriser> {
        let bad = |m: String| Err(Error::Param(m));
        if !(MIN_FEATURES_VERSION..=FEATURES_VERSION).contains(&self.version) {
            return bad(format!(
                "features version {} is not one this build computes \
                 ({MIN_FEATURES_VERSION} to {FEATURES_VERSION})",
                self.version
            ));
        }
        if !(8..=22).contains(&self.token_bits) {
            return bad(format!("token_bits {} is not in 8..=22", self.token_bits));
        }
        if !(6..=16).contains(&self.named_bits) {
            return bad(format!("named_bits {} is not in 6..=16", self.named_bits));
        }
        if !(64..=1 << 20).contains(&self.max_line_bytes) {
            return bad(format!(
                "max_line_bytes {} is not in 64..=1048576",
                self.max_line_bytes
            ));
        }
        if !(1..=100_000).contains(&self.max_words) {
            return bad(format!("max_words {} is not in 1..=100000", self.max_words));
        }
        if self.window > 5 {
            return bad(format!("window {} is not in 0..=5", self.window));
        }
        Ok(Featuriser {
            params: self.clone(),
        })
    }
}

/// The sparse features of one line: `(slot, count)` pairs per group, sorted
/// by slot, each slot once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineFeatures {
    /// Indexed by [`Group::index`].
    pub groups: [Vec<(u32, f32)>; 4],
}

/// Turns pages into features. Built from [`FeaturiserParams`].
#[derive(Debug, Clone)]
pub struct Featuriser {
    params: FeaturiserParams,
}

impl Featuriser {
    /// The settings it was built from.
    pub fn params(&self) -> &FeaturiserParams {
        &self.params
    }

    /// Number of slots of a group.
    pub fn dim(&self, g: Group) -> usize {
        match g {
            Group::Tokens => 1 << self.params.token_bits,
            _ => 1 << self.params.named_bits,
        }
    }

    /// Analyses a page (the first step of featurising; also used for spans
    /// and explanations).
    pub fn analyse(&self, page: &Page) -> PageAnalysis {
        self.analyse_knowing(page, &[])
    }

    /// [`Featuriser::analyse`] of a page of a host whose brands a site
    /// memory knows (`known`): each is taken where the page shows it out of
    /// place, on less evidence than a page alone needs.
    pub fn analyse_knowing(&self, page: &Page, known: &[String]) -> PageAnalysis {
        PageAnalysis::new(
            page,
            self.params.max_line_bytes,
            self.params.max_words,
            self.params.version,
            known,
        )
    }

    /// Features of every line of a page, in order. Blank lines get no
    /// features (they are not scored).
    pub fn featurise(&self, page: &Page) -> Vec<LineFeatures> {
        self.featurise_analysed(&self.analyse(page))
    }

    /// Features of every line of an analysed page (see [`Featuriser::featurise`]).
    pub fn featurise_analysed(&self, analysis: &PageAnalysis) -> Vec<LineFeatures> {
        let mut key = KeyBuf::default();
        analysis
            .index
            .iter()
            .map(|k| {
                let mut f = LineFeatures::default();
                if let Some(k) = *k {
                    self.emit(analysis, k, &mut |g: Group, parts: &[&str]| {
                        let slot = self.slot_of(g, key.hash(g, parts));
                        f.groups[g.index()].push((slot, 1.0));
                    });
                    for v in &mut f.groups {
                        merge(v);
                    }
                }
                f
            })
            .collect()
    }

    /// The sum of `table[slot]` over the features of each group of line
    /// `k` (an index into `analysis.infos`): the expert log-odds, computed
    /// without materialising the feature vectors. A feature that occurs
    /// twice counts twice, as in [`Featuriser::featurise_analysed`].
    pub fn sums(&self, analysis: &PageAnalysis, k: usize, tables: [&[f32]; 4]) -> [f32; 4] {
        self.sums_with(analysis, k, tables, &mut SumScratch::default())
    }

    /// [`Featuriser::sums`] with buffers reused from line to line. The
    /// slots of a line are collected first and summed after, group by
    /// group in the order they were emitted (so the sums are the same to
    /// the bit): the table look-ups, most of the cost, then do not wait for
    /// one another.
    pub fn sums_with(
        &self,
        analysis: &PageAnalysis,
        k: usize,
        tables: [&[f32]; 4],
        scratch: &mut SumScratch,
    ) -> [f32; 4] {
        let SumScratch { key, slots } = scratch;
        for s in slots.iter_mut() {
            s.clear();
        }
        self.emit(analysis, k, &mut |g: Group, parts: &[&str]| {
            slots[g.index()].push(self.slot_of(g, key.hash(g, parts)));
        });
        let mut z = [0.0f32; 4];
        for (g, slots) in slots.iter().enumerate() {
            let table = tables[g];
            for &s in slots {
                z[g] += table[s as usize];
            }
        }
        z
    }

    /// Readable names of the features of line `i` of a page (empty for a
    /// blank line), for explanations.
    pub fn feature_names(&self, analysis: &PageAnalysis, i: usize) -> Vec<(Group, String)> {
        let mut out = Vec::new();
        if let Some(Some(k)) = analysis.index.get(i) {
            self.emit(analysis, *k, &mut |g: Group, parts: &[&str]| {
                out.push((g, parts.concat()));
            });
        }
        out
    }

    /// The slot a named feature hashes to (used to explain a verdict).
    pub fn slot(&self, g: Group, name: &str) -> u32 {
        self.slot_of(g, feature_hash(g, name.as_bytes()))
    }

    /// The slot of a feature hash in group `g`.
    fn slot_of(&self, g: Group, h: u64) -> u32 {
        (h & (self.dim(g) as u64 - 1)) as u32
    }

    fn emit(&self, a: &PageAnalysis, k: usize, sink: &mut impl FnMut(Group, &[&str])) {
        let li = &a.infos[k];
        let p = &self.params;

        // Tokens.
        // The words were split and normalised once, by the analysis.
        let words = li.words.as_str();
        let at = |w: &str| w.as_ptr() as usize - words.as_ptr() as usize;
        let mut prev = "";
        for cur in words.split_terminator(' ') {
            sink(Group::Tokens, &["w=", cur]);
            if prev.is_empty() {
                sink(Group::Tokens, &["f=", cur]);
            } else if p.bigrams {
                // `prev`, a space and `cur`, as they stand in `words`.
                sink(
                    Group::Tokens,
                    &["b=", &words[at(prev)..at(cur) + cur.len()]],
                );
            }
            prev = cur;
        }
        if !prev.is_empty() {
            sink(Group::Tokens, &["l=", prev]);
        }
        if li.stats.words <= 4 && li.lower.len() <= 60 {
            sink(Group::Tokens, &["line=", li.lower.trim()]);
        }

        // Shape.
        shape::emit_shape(&li.stats, |a, b| sink(Group::Shape, &[a, b]));

        // Detectors.
        let mut n = 0;
        for (bit, name) in detectors::ALL {
            if li.fired & bit != 0 {
                sink(Group::Detectors, &["det=", name]);
                n += 1;
            }
        }
        sink(
            Group::Detectors,
            &[
                "fired=",
                shape::bucket(n, &[(0, "0"), (1, "1"), (2, "2")], "3+"),
            ],
        );

        // Context.
        a.emit_context(k, p.window, &mut |x, y, z| sink(Group::Context, &[x, y, z]));
    }
}

/// The one hash rule of features: xxh3 of the feature's name, seeded with
/// its group (the slot is the hash's low bits).
fn feature_hash(g: Group, name: &[u8]) -> u64 {
    xxh3_64_with_seed(name, g as u64 + 1)
}

/// One reused buffer that a feature's name is written into (from its
/// parts) before it is hashed: no `String` per feature.
#[derive(Debug, Default)]
struct KeyBuf {
    buf: Vec<u8>,
}

impl KeyBuf {
    /// [`feature_hash`] of the parts written one after another.
    fn hash(&mut self, g: Group, parts: &[&str]) -> u64 {
        self.buf.clear();
        for p in parts {
            self.buf.extend_from_slice(p.as_bytes());
        }
        feature_hash(g, &self.buf)
    }
}

/// Buffers for [`Featuriser::sums_with`], kept from line to line.
#[derive(Debug, Default)]
pub struct SumScratch {
    key: KeyBuf,
    /// The slots of the line being scored, per group, in emitted order.
    slots: [Vec<u32>; 4],
}

/// Sorts `(slot, count)` pairs and adds up repeated slots.
fn merge(v: &mut Vec<(u32, f32)>) {
    v.sort_unstable_by_key(|e| e.0);
    let mut w = 0;
    for r in 0..v.len() {
        if w > 0 && v[w - 1].0 == v[r].0 {
            v[w - 1].1 += v[r].1;
        } else {
            v[w] = v[r];
            w += 1;
        }
    }
    v.truncate(w);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn featurising_is_deterministic_and_sorted() {
        let f = FeaturiserParams::default().build().unwrap();
        let page = Page::from_text("Home\nThe council met on Tuesday. It voted.\n\nShare (12)\n");
        let a = f.featurise(&page);
        let b = f.featurise(&page);
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
        assert!(
            a[2].groups.iter().all(Vec::is_empty),
            "blank line has no features"
        );
        for lf in &a {
            for v in &lf.groups {
                assert!(v.windows(2).all(|w| w[0].0 < w[1].0));
            }
        }
    }

    #[test]
    fn names_hash_to_the_slots_the_featuriser_uses() {
        let f = FeaturiserParams::default().build().unwrap();
        let page = Page::from_text("Related\nA headline here\n");
        let feats = f.featurise(&page);
        let names = f.feature_names(&f.analyse(&page), 1);
        for (g, name) in names {
            let slot = f.slot(g, &name);
            assert!(
                feats[1].groups[g.index()].iter().any(|e| e.0 == slot),
                "{name}"
            );
        }
    }

    #[test]
    fn bad_params_are_refused() {
        let bad = [
            FeaturiserParams {
                token_bits: 30,
                ..Default::default()
            },
            FeaturiserParams {
                named_bits: 2,
                ..Default::default()
            },
            FeaturiserParams {
                window: 9,
                ..Default::default()
            },
            FeaturiserParams {
                max_line_bytes: 0,
                ..Default::default()
            },
            FeaturiserParams {
                version: 999,
                ..Default::default()
            },
        ];
        for p in bad {
            assert!(p.build().is_err(), "{p:?}");
        }
    }

    #[test]
    fn a_two_thousand_word_line_is_bounded() {
        let f = FeaturiserParams::default().build().unwrap();
        let page = Page::from_text(&"word ".repeat(2000));
        let feats = f.featurise(&page);
        assert!(feats[0].groups[0].len() <= 2 * 300 + 4);
    }
}
