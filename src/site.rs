//! Site memory: lines that repeat on many pages of the same host.
//!
//! A site's boilerplate often reads like prose (`Our reporting is free
//! because readers like you support it ...`), so the per-page model can keep
//! it. Across a stream, though, it gives itself away: it repeats on page
//! after page of the same host. [`SiteMemory`] counts, per host, on how many
//! pages each normalised line has been seen, in a count-min sketch of fixed
//! size (conservative update, counters halved every so often), so memory is
//! bounded whatever the length of the stream. [`SiteMemory::observe`] tells
//! for each line of a page on how many *earlier* pages of its host the line
//! was seen, then remembers the page; [`crate::Detector::report_with`] marks
//! lines seen on at least `min_pages` other pages as noise.
//!
//! The counts are estimates: a count-min sketch never under-counts, and
//! over-counts only when the sketch is crowded (its size is
//! `4 x 2^bits x 2` bytes; see [`SiteMemoryParams`]).
//!
//! It also remembers a content farm's brands. A farm splices the same
//! invented brand into every page of its site, but a page alone does not
//! always prove it (`Brand word` with spaces only, or only a title affix and
//! a line of its own). [`SiteMemory::remember_page`] counts, per host, the
//! pages on which a brand was found by the page's own evidence; a brand
//! found so on at least `brand_pages` pages of the host, and on at least a
//! quarter of the host's pages, is *known* for the host, and later pages of
//! the host take it where they show it out of place at all (see
//! [`crate::Detector::report_with`]). Brands known for a host are only ever
//! those of earlier pages in the stream.

use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

use crate::error::{Error, Result};
use crate::page::Page;

const ROWS: usize = 4;
/// Hosts' page counts, for the brand memory, live in a sketch of their own
/// (4 rows of `2^HOST_BITS` counters, 512 KiB), so that the line counts
/// see the same keys with or without it.
const HOST_BITS: u8 = 16;
/// A brand is known for a host once found on at least a quarter of its
/// pages (and on `brand_pages` of them).
const BRAND_SHARE: u32 = 4;
/// The most brands remembered for one host (a new one takes the place of
/// the least often found) and the most hosts with brands, so that memory
/// stays bounded.
const BRANDS_PER_HOST: usize = 8;
const HOSTS_WITH_BRANDS: usize = 1 << 12;
/// Brands longer than this many bytes are not remembered.
pub(crate) const LONGEST_BRAND: usize = 64;
/// The most spellings remembered for one brand (`#Brand`, `Brand.com`).
const SPELLINGS: usize = 3;
/// Odd multipliers that spread one 64-bit key over the rows.
const MIX: [u64; ROWS] = [
    0x9E37_79B9_7F4A_7C15,
    0xC2B2_AE3D_27D4_EB4F,
    0x1656_67B1_9E37_79F9,
    0xD6E8_FEB8_6659_FD93,
];

/// Settings of a [`SiteMemory`]; checked by [`SiteMemoryParams::build`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteMemoryParams {
    /// Each of the sketch's 4 rows has `2^bits` 16-bit counters
    /// (10..=26; default 20, 8 MiB in all).
    pub bits: u8,
    /// A line seen on at least this many other pages of its host is
    /// boilerplate (1..=65535; default 3).
    pub min_pages: u32,
    /// A brand found by their own evidence on at least this many pages of
    /// a host (and on a quarter of them) is known for the host's later
    /// pages (0..=65535; 0: no brands are remembered; default 2).
    pub brand_pages: u32,
}

impl Default for SiteMemoryParams {
    fn default() -> Self {
        SiteMemoryParams {
            bits: 20,
            min_pages: 3,
            brand_pages: 2,
        }
    }
}

impl SiteMemoryParams {
    /// Checks the settings and builds an empty memory.
    pub fn build(&self) -> Result<SiteMemory> {
        if !(10..=26).contains(&self.bits) {
            return Err(Error::Param(format!(
                "site memory bits {} is not in 10..=26",
                self.bits
            )));
        }
        if !(1..=u16::MAX as u32).contains(&self.min_pages) {
            return Err(Error::Param(format!(
                "site memory min_pages {} is not in 1..=65535",
                self.min_pages
            )));
        }
        if self.brand_pages > u16::MAX as u32 {
            return Err(Error::Param(format!(
                "site memory brand_pages {} is not in 0..=65535",
                self.brand_pages
            )));
        }
        Ok(SiteMemory {
            lines: Sketch::new(self.bits),
            min_pages: self.min_pages,
            brand_pages: self.brand_pages,
            hosts: Sketch::new(HOST_BITS),
            brands: FxHashMap::default(),
        })
    }
}

/// Per-host line counts over a stream, in bounded memory. Built from
/// [`SiteMemoryParams`].
#[derive(Debug, Clone)]
pub struct SiteMemory {
    /// Pages of a host on which a line was seen (key: host hash ^ line key).
    lines: Sketch,
    min_pages: u32,
    brand_pages: u32,
    /// Pages of each host counted by [`SiteMemory::remember_page`].
    hosts: Sketch,
    /// Per host hash: brands found by pages' own evidence, and on how many
    /// pages (halved when `hosts` ages).
    brands: FxHashMap<u64, Vec<Remembered>>,
}

/// A brand remembered for a host: its name without marks
/// ([`remembered_name`]), on how many pages it was found in any
/// spelling, and how often each spelling was found (at most
/// [`SPELLINGS`]).
#[derive(Debug, Clone, PartialEq)]
struct Remembered {
    name: String,
    pages: u32,
    spellings: Vec<(String, u32)>,
}

impl Remembered {
    /// The spelling found most often (the first of equals): the one later
    /// pages are searched for, as the site writes its brand.
    fn spelling(&self) -> &str {
        self.spellings
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .map_or(self.name.as_str(), |(w, _)| w.as_str())
    }

    /// Counts one page's spellings of the brand. When the list is full, a
    /// new spelling takes the place of the least often found one that this
    /// page did not write, so a spelling a site turns to is learned.
    fn count(&mut self, spellings: &[&str]) {
        self.pages += 1;
        for w in spellings {
            if let Some(e) = self.spellings.iter_mut().find(|(x, _)| x == w) {
                e.1 += 1;
            } else if self.spellings.len() < SPELLINGS {
                self.spellings.push((w.to_string(), 1));
            } else if let Some(i) = (0..self.spellings.len())
                .filter(|&i| !spellings.contains(&self.spellings[i].0.as_str()))
                .min_by_key(|&i| self.spellings[i].1)
            {
                self.spellings[i] = (w.to_string(), 1);
            }
        }
    }
}

/// A count-min sketch: 4 rows of `2^bits` 16-bit counters, conservative
/// update, every counter halved once it has taken `2^bits` keys.
#[derive(Debug, Clone)]
struct Sketch {
    counters: Vec<u16>,
    bits: u8,
    inserts: u64,
}

impl Sketch {
    fn new(bits: u8) -> Sketch {
        Sketch {
            counters: vec![0; ROWS << bits],
            bits,
            inserts: 0,
        }
    }

    fn slots(&self, key: u64) -> [usize; ROWS] {
        let width = 1usize << self.bits;
        std::array::from_fn(|r| {
            r * width + (key.wrapping_mul(MIX[r]) >> (64 - u32::from(self.bits))) as usize
        })
    }

    fn estimate(&self, key: u64) -> u32 {
        self.slots(key)
            .iter()
            .map(|&s| u32::from(self.counters[s]))
            .min()
            .unwrap_or(0)
    }

    /// Counts `key`; whether the counts aged (were halved) after it.
    fn insert(&mut self, key: u64) -> bool {
        let slots = self.slots(key);
        let min = slots.iter().map(|&s| self.counters[s]).min().unwrap_or(0);
        // Conservative update: raise only the counters at the minimum.
        for s in slots {
            if self.counters[s] == min {
                self.counters[s] = min.saturating_add(1);
            }
        }
        self.inserts += 1;
        // Age the counts once the sketch has taken as many keys as a row
        // has counters, so old hosts fade and the sketch never fills up.
        if self.inserts >= 1 << self.bits {
            self.inserts = 0;
            for c in &mut self.counters {
                *c /= 2;
            }
            return true;
        }
        false
    }

    fn size_bytes(&self) -> usize {
        self.counters.len() * std::mem::size_of::<u16>()
    }
}

/// For each line of one page: on how many earlier pages of its host the
/// line was seen (from [`SiteMemory::observe`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteRepeats {
    /// One count per line of the page (0 for blank lines).
    pub pages: Vec<u32>,
    /// The count from which a line is boilerplate.
    pub min_pages: u32,
    /// The brands the memory knows for the page's host
    /// ([`SiteMemory::known_brands`]).
    pub brands: Vec<String>,
}

impl SiteRepeats {
    /// Whether line `i` repeats on enough other pages of its host to be
    /// boilerplate.
    pub fn is_boilerplate(&self, i: usize) -> bool {
        self.pages.get(i).is_some_and(|&n| n >= self.min_pages)
    }
}

impl SiteMemory {
    /// The normalised key of each line of a page: its letters and digits,
    /// lower-cased, digits as `0` (so `Posted 3 hours ago` and `Posted 5
    /// hours ago` are one line), hashed. `None` for lines without a letter
    /// or digit. Pure: a pipeline can compute keys in parallel and
    /// [`SiteMemory::observe_keys`] them in order.
    pub fn line_keys(page: &Page) -> Vec<Option<u64>> {
        let mut buf = String::new();
        (0..page.len())
            .map(|i| {
                buf.clear();
                for c in page.text(i).chars().filter(|c| c.is_alphanumeric()) {
                    if c.is_numeric() {
                        buf.push('0');
                    } else {
                        buf.extend(c.to_lowercase());
                    }
                }
                (!buf.is_empty()).then(|| xxh3_64(buf.as_bytes()))
            })
            .collect()
    }

    /// The host of a URL, lower-cased (`None` when it has none).
    pub fn host_of(url: &str) -> Option<String> {
        let u = url::Url::parse(url.trim()).ok()?;
        let host = u
            .host_str()?
            .trim_start_matches("www.")
            .to_ascii_lowercase();
        (!host.is_empty()).then_some(host)
    }

    /// For each line of `page` (from `host`), on how many earlier pages of
    /// the host it was seen; then remembers the page.
    pub fn observe(&mut self, host: &str, page: &Page) -> SiteRepeats {
        self.observe_keys(host, &Self::line_keys(page))
    }

    /// [`SiteMemory::observe`] from keys computed by [`SiteMemory::line_keys`].
    pub fn observe_keys(&mut self, host: &str, keys: &[Option<u64>]) -> SiteRepeats {
        let h = xxh3_64(host.as_bytes());
        let pages = keys
            .iter()
            .map(|k| k.map_or(0, |k| self.lines.estimate(h ^ k)))
            .collect();
        // A line counts once per page, however often the page repeats it.
        let unique: FxHashSet<u64> = keys.iter().flatten().map(|k| h ^ k).collect();
        for key in unique {
            self.lines.insert(key);
        }
        SiteRepeats {
            pages,
            min_pages: self.min_pages,
            brands: self.known_of(h),
        }
    }

    /// The brands known for `host`: found by their pages' own evidence on
    /// at least `brand_pages` pages of the host and on at least a quarter
    /// of the host's pages counted by [`SiteMemory::remember_page`].
    pub fn known_brands(&self, host: &str) -> Vec<String> {
        self.known_of(xxh3_64(host.as_bytes()))
    }

    fn known_of(&self, h: u64) -> Vec<String> {
        let Some(found) = self.brands.get(&h).filter(|_| self.brand_pages > 0) else {
            return Vec::new();
        };
        let pages = self.hosts.estimate(h).max(1);
        found
            .iter()
            .filter(|r| r.pages >= self.brand_pages && r.pages * BRAND_SHARE >= pages)
            .map(|r| r.spelling().to_string())
            .collect()
    }

    /// Counts a page of `host` whose own evidence found `brands` (not those
    /// taken because the memory knew them), and returns the brands known
    /// for the host when the page came (its own page counted). A pipeline
    /// calls it for every page of a host, in input order, once the page is
    /// processed.
    pub fn remember_page(&mut self, host: &str, brands: &[String]) -> Vec<String> {
        if self.brand_pages == 0 {
            return Vec::new();
        }
        let h = xxh3_64(host.as_bytes());
        if self.hosts.insert(h) {
            // The brands' page counts age with their hosts' page counts.
            for found in self.brands.values_mut() {
                for r in found.iter_mut() {
                    r.pages /= 2;
                    for (_, n) in &mut r.spellings {
                        *n = n.div_ceil(2);
                    }
                }
                found.retain(|r| r.pages > 0);
            }
            self.brands.retain(|_, found| !found.is_empty());
        }
        let known = self.known_of(h);
        let mut brands: Vec<(&str, &str)> = brands
            .iter()
            .filter(|b| b.len() <= LONGEST_BRAND)
            .map(|b| (remembered_name(b), undoubled(b)))
            .filter(|(name, _)| !name.is_empty())
            .collect();
        // One count a page for a brand however many spellings it shows.
        brands.sort_unstable();
        brands.dedup();
        if brands.is_empty()
            || (self.brands.len() >= HOSTS_WITH_BRANDS && !self.brands.contains_key(&h))
        {
            return known;
        }
        let found = self.brands.entry(h).or_default();
        // Entries this page counted, which its other brands may not evict.
        let mut touched = [false; BRANDS_PER_HOST];
        for group in brands.chunk_by(|a, b| a.0 == b.0) {
            let name = group[0].0;
            let spellings: Vec<&str> = group.iter().map(|(_, w)| *w).collect();
            let fresh = || Remembered {
                name: name.to_string(),
                pages: 0,
                spellings: Vec::new(),
            };
            let at = if let Some(i) = found.iter().position(|r| r.name == name) {
                i
            } else if found.len() < BRANDS_PER_HOST {
                found.push(fresh());
                found.len() - 1
            } else {
                // Full: the least often found (the first of equals) that
                // this page did not count gives way.
                let Some(i) = (0..found.len())
                    .filter(|&i| !touched[i])
                    .min_by_key(|&i| found[i].pages)
                else {
                    continue;
                };
                found[i] = fresh();
                i
            };
            found[at].count(&spellings);
            touched[at] = true;
        }
        known
    }

    /// The size of the memory's sketches in bytes (constant once built).
    /// Remembered brands take at most 8 brands, each a name and 3
    /// spellings of up to 64 bytes, for each of 4,096 hosts besides (about
    /// 12 MB at most; most hosts have none).
    pub fn size_bytes(&self) -> usize {
        self.lines.size_bytes() + self.hosts.size_bytes()
    }
}

/// The name under which a brand a page proved is remembered: the name as
/// discovery wrote it, without a mark before it (`#Brand`, `@Brand`,
/// `$Brand`), a mark after it (`Brand™`, `Brand®`, `Brand+`, `Brand!`,
/// `Brand*`), a top-level domain (`Brand.com`, `Brand.co.uk`) or a
/// repetition of itself (`BrandBrand`, a splice next to a splice), so
/// that the spellings of one brand on a site's pages count as one. Later
/// pages are searched for the brand's commonest spelling (a doubled one
/// counted as its half).
/// `name` without a repetition of itself (`BrandBrand`, a splice next to a
/// splice, is `Brand`): a doubled name is no spelling a site writes.
fn undoubled(name: &str) -> &str {
    let half = name.len() / 2;
    if name.len() >= 8
        && name.len() % 2 == 0
        && name.is_char_boundary(half)
        && name[..half] == name[half..]
    {
        &name[..half]
    } else {
        name
    }
}

pub(crate) fn remembered_name(name: &str) -> &str {
    let mut n = name.trim_start_matches(['#', '@', '$']);
    n = n.trim_end_matches(['™', '®', '+', '!', '*']);
    if let Some((head, tail)) = n.split_once('.') {
        if !head.is_empty()
            && !tail.is_empty()
            && tail.split('.').all(|d| (2..=6).contains(&d.len()))
            && tail.bytes().all(|b| b.is_ascii_lowercase() || b == b'.')
        {
            n = head;
        }
    }
    undoubled(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> SiteMemory {
        SiteMemoryParams::default().build().unwrap()
    }

    #[test]
    fn counts_earlier_pages_of_the_same_host_only() {
        let mut m = memory();
        let boiler = "Support our newsroom: become a member and keep local reporting free.";
        for (n, fruit) in (0..4u32).zip(["apples", "pears", "plums", "figs"]) {
            let page = Page::from_text(&format!("A story about {fruit} opens here.\n{boiler}\n"));
            let r = m.observe("example.org", &page);
            assert_eq!(r.pages, [0, n], "page {n}");
        }
        let other = m.observe("other.net", &Page::from_text(&format!("{boiler}\n")));
        assert_eq!(other.pages, [0], "another host has its own counts");
    }

    #[test]
    fn a_line_repeated_on_one_page_counts_once() {
        let mut m = memory();
        m.observe("a.com", &Page::from_text("Subscribe now\nSubscribe now\n"));
        let r = m.observe("a.com", &Page::from_text("Subscribe now\n"));
        assert_eq!(r.pages, [1]);
    }

    #[test]
    fn keys_ignore_case_digits_and_punctuation() {
        let keys = SiteMemory::line_keys(&Page::from_text(
            "Posted 3 hours ago\nposted 12 HOURS ago!\n\n---\n",
        ));
        // Digits are mapped to `0`, so the numbers must have the same width.
        assert_ne!(keys[0], keys[1]);
        let keys = SiteMemory::line_keys(&Page::from_text(
            "Posted 3 hours ago\nposted 5 HOURS ago!\n",
        ));
        assert_eq!(keys[0], keys[1]);
        let keys = SiteMemory::line_keys(&Page::from_text("\n---\n"));
        assert_eq!(keys, [None, None]);
    }

    #[test]
    fn memory_is_bounded_and_counts_age() {
        let mut m = SiteMemoryParams {
            bits: 10,
            min_pages: 3,
            ..Default::default()
        }
        .build()
        .unwrap();
        let size = m.size_bytes();
        let key = Some(42u64);
        for _ in 0..5 {
            m.observe_keys("h", &[key]);
        }
        assert_eq!(m.observe_keys("h", &[key]).pages, [5]);
        // Many other keys: the sketch ages instead of growing.
        for k in 0..5000u64 {
            m.observe_keys("h", &[Some(k.wrapping_mul(0x9E37_79B9) + 1000)]);
        }
        assert_eq!(m.size_bytes(), size);
        assert!(m.observe_keys("h", &[key]).pages[0] < 6);
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_brand_is_known_once_two_pages_and_a_quarter_of_its_host_prove_it() {
        let mut m = memory();
        let brand = names(&["Vexorquil"]);
        // (the page's own brands, the brands known when it came)
        let pages: [(&[String], &[&str]); 5] = [
            (&brand, &[]),
            (&[], &[]),
            (&brand, &[]),
            (&[], &["Vexorquil"]),
            (&[], &["Vexorquil"]),
        ];
        for (n, (own, known)) in pages.iter().enumerate() {
            assert_eq!(
                m.remember_page("farm.example", own),
                names(known),
                "page {n}"
            );
        }
        assert_eq!(m.known_brands("farm.example"), brand);
        assert!(m.known_brands("other.example").is_empty());
        assert_eq!(m.observe_keys("farm.example", &[None]).brands, brand);
        // Three more pages without it: 2 of 9 pages is under a quarter.
        for _ in 0..3 {
            m.remember_page("farm.example", &[]);
        }
        assert!(m.remember_page("farm.example", &[]).is_empty());
    }

    #[test]
    fn brand_pages_sets_how_many_pages_must_prove_a_brand() {
        for (brand_pages, known_after) in [(0, None), (1, Some(1)), (3, Some(3))] {
            let mut m = SiteMemoryParams {
                brand_pages,
                ..Default::default()
            }
            .build()
            .unwrap();
            let mut first = None;
            for n in 1..=4 {
                m.remember_page("farm.example", &names(&["Vexorquil"]));
                if first.is_none() && !m.known_brands("farm.example").is_empty() {
                    first = Some(n);
                }
            }
            assert_eq!(first, known_after, "brand_pages {brand_pages}");
        }
    }

    #[test]
    fn a_brand_is_remembered_without_its_marks() {
        for (found, name) in [
            ("Vexorquil", "Vexorquil"),
            ("#Vexorquil", "Vexorquil"),
            ("@Vexorquil", "Vexorquil"),
            ("Vexorquil™", "Vexorquil"),
            ("Vexorquil.com", "Vexorquil"),
            ("Vexorquil.co.uk", "Vexorquil"),
            ("VexorquilVexorquil", "Vexorquil"),
            ("Vexor Quil", "Vexor Quil"),
            ("Vex-orquil", "Vex-orquil"),
            ("Vexorquil.Labs", "Vexorquil.Labs"),
            ("AbAb", "AbAb"),
            ("#", ""),
        ] {
            assert_eq!(remembered_name(found), name, "{found}");
        }
    }

    /// A page that proves `#Brand` and one that proves `BrandBrand` (a
    /// splice next to a splice) prove one brand: it is known after the
    /// second, and later pages are searched for its commonest spelling.
    #[test]
    fn spellings_of_one_brand_count_together() {
        let mut m = memory();
        m.remember_page("farm.example", &names(&["#Vexorquil"]));
        assert!(m.known_brands("farm.example").is_empty());
        m.remember_page("farm.example", &names(&["VexorquilVexorquil"]));
        assert_eq!(m.known_brands("farm.example"), ["#Vexorquil"]);
        // A doubled spelling is counted as its half.
        let h = xxh3_64(b"farm.example");
        assert!(m.brands[&h][0]
            .spellings
            .iter()
            .any(|(w, n)| w == "Vexorquil" && *n == 1));
        m.remember_page("farm.example", &names(&["Vexorquil"]));
        m.remember_page("farm.example", &names(&["Vexorquil"]));
        assert_eq!(m.known_brands("farm.example"), ["Vexorquil"]);
        // One page, two spellings: one page counted.
        m.remember_page("farm.example", &names(&["Vexorquil", "#Vexorquil"]));
        assert_eq!(m.brands[&h][0].pages, 5);
    }

    /// Regression: the first three spellings stayed for good, so a spelling
    /// a site turned to later was never learned.
    #[test]
    fn a_spelling_a_site_turns_to_is_learned() {
        let mut m = memory();
        for b in ["#Vexorquil", "Vexorquil™", "Vexorquil.com"] {
            m.remember_page("farm.example", &names(&[b]));
        }
        for _ in 0..6 {
            m.remember_page("farm.example", &names(&["Vexorquil"]));
        }
        assert_eq!(m.known_brands("farm.example"), ["Vexorquil"]);
    }

    #[test]
    fn remembered_brands_are_bounded_per_host_and_in_hosts() {
        let mut m = memory();
        let h = xxh3_64(b"farm.example");
        for k in 0..BRANDS_PER_HOST {
            m.remember_page("farm.example", &names(&[&format!("Brand{k}")]));
        }
        // Full: a new brand takes the place of the least often found, so
        // it can still be learned.
        for _ in 0..3 {
            m.remember_page("farm.example", &names(&["Keeper", "Brand0"]));
        }
        let stored: Vec<&str> = m.brands[&h].iter().map(|r| r.name.as_str()).collect();
        assert_eq!(stored.len(), BRANDS_PER_HOST, "{stored:?}");
        assert!(
            stored.contains(&"Keeper") && stored.contains(&"Brand0"),
            "{stored:?}"
        );
        // Empty and overlong names are not kept.
        m.remember_page(
            "farm.example",
            &[String::new(), "V".repeat(LONGEST_BRAND + 1)],
        );
        assert!(m.brands[&h]
            .iter()
            .all(|r| !r.name.is_empty() && r.name.len() <= LONGEST_BRAND));
        // Hosts with brands are bounded too.
        for k in 0..HOSTS_WITH_BRANDS + 100 {
            m.remember_page(&format!("farm{k}.example"), &names(&["Vexorquil"]));
        }
        assert!(m.brands.len() <= HOSTS_WITH_BRANDS);
    }

    #[test]
    fn line_counts_do_not_depend_on_the_brand_memory() {
        // Two memories whose line sketch ages within the test; one also
        // remembers every page's brand, after each batch of pages.
        let build = |brand_pages| {
            SiteMemoryParams {
                bits: 10,
                brand_pages,
                ..Default::default()
            }
            .build()
            .unwrap()
        };
        let (mut plain, mut with) = (build(0), build(2));
        let brand = names(&["Vexorquil"]);
        for batch in 0..60u64 {
            let keys: Vec<Vec<Option<u64>>> = (0..7)
                .map(|i| {
                    (0..5)
                        .map(|k| Some((batch * 7 + i) % 13 * 100 + k))
                        .collect()
                })
                .collect();
            let a: Vec<Vec<u32>> = keys
                .iter()
                .map(|k| plain.observe_keys("h", k).pages)
                .collect();
            let b: Vec<Vec<u32>> = keys
                .iter()
                .map(|k| with.observe_keys("h", k).pages)
                .collect();
            for _ in &keys {
                with.remember_page("h", &brand);
            }
            assert_eq!(a, b, "batch {batch}");
        }
    }

    #[test]
    fn hosts_are_read_from_urls() {
        let cases = [
            ("https://www.Example.org/news/1?x=2", Some("example.org")),
            ("http://blog.example.org:8080/", Some("blog.example.org")),
            ("not a url", None),
            ("", None),
        ];
        for (url, want) in cases {
            assert_eq!(SiteMemory::host_of(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn bad_params_are_refused() {
        for p in [
            SiteMemoryParams {
                bits: 4,
                ..Default::default()
            },
            SiteMemoryParams {
                min_pages: 0,
                ..Default::default()
            },
            SiteMemoryParams {
                brand_pages: 70_000,
                ..Default::default()
            },
        ] {
            assert!(p.build().is_err(), "{p:?}");
        }
    }
}
