//! The integration tests, in one test binary (one link instead of eight).
//! Each module was a test file of its own; most run the real `newschaff`
//! binary, `properties` and `fuzz_corpus` the library. Fixtures stay in
//! `tests/fixtures`, `tests/expected` and `tests/models`.

mod bad_input;
mod cli;
mod farm;
mod filter;
mod fuzz_corpus;
mod properties;
mod report;
mod site_memory;
