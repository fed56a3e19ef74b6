//! newschaff finds the junk in scraped news pages.
//!
//! A scraped page is plain text, one block per line. newschaff scores every
//! line as article **content** or page **noise** (menus, breadcrumbs, dates,
//! share counters, related-story lists, cookie prompts, footers, brand lines
//! of content farms). A featuriser turns each line and its place in the page
//! into features; naive Bayes experts (fitted with linfa-bayes) score them.
//!
//! ```
//! use newschaff::{Detector, Label, Page};
//!
//! let detector = Detector::builtin()?;
//! let page = Page::from_text(
//!     "Home | World | Sport | Business\n\
//!      Home > World\n\
//!      Storm closes schools across the valley\n\
//!      By Ana Ferreira\n\
//!      Heavy rain closed forty schools across the valley on Monday, and officials said more closures were likely before the weekend.\n\
//!      The river rose by two metres overnight and several roads into the town were shut by the police.\n\
//!      Parents were told to check the council website each morning for the list of open schools.\n\
//!      Share (12)\n\
//!      Related\n\
//!      Bridge reopens after repairs\n\
//!      © 2026 Valley News. All rights reserved.\n",
//! );
//! let verdicts = detector.score(&page);
//! assert_eq!(verdicts.len(), 11);
//! assert_eq!(verdicts[4].label, Label::Content);
//! assert_eq!(verdicts[10].label, Label::Noise);
//!
//! let mut kept = Vec::new();
//! detector.clean(&page, &mut kept)?;
//! assert!(String::from_utf8(kept)?.contains("Heavy rain"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod artefacts;
pub mod detector;
pub mod error;
pub mod eval;
pub mod explain;
pub mod features;
pub mod fs;
pub mod html;
pub mod labelled;
pub mod model;
pub mod page;
pub mod site;
pub mod stream;

pub use artefacts::{Span, SpanKind};
pub use detector::{Detector, DetectorParams, PageReport, PageSummary, Verdict};
pub use error::{Error, Result};
pub use eval::Confusion;
pub use explain::Evidence;
pub use features::{Featuriser, FeaturiserParams};
pub use labelled::{Label, LabelledPage};
pub use model::{Model, Trainer, TrainerParams};
pub use page::Page;
pub use site::{SiteMemory, SiteMemoryParams, SiteRepeats};
pub use stream::{Filter, FilterParams, RecordFormat};
