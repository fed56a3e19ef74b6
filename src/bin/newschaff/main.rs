//! The `newschaff` command line: parses arguments and dispatches to one
//! subcommand per file.

mod clean;
mod common;
mod eval;
mod filter;
mod label;
mod report;
mod score;
mod train;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Finds the junk in scraped news pages: scores every line as content or noise.
///
/// Exit codes: 0 success (also when the reader of the output goes away),
/// 1 an error (unreadable input, bad model, malformed labelled file),
/// 2 wrong usage.
#[derive(Parser)]
#[command(name = "newschaff", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train a model from labelled files (LABEL<TAB>TEXT per line).
    Train(train::Args),
    /// Give every line of a page a verdict: content or noise, with p_noise.
    Score(score::Args),
    /// Print the content lines of a page, byte for byte.
    Clean(clean::Args),
    /// Score labelled files and print precision, recall, F1 and the confusion matrix.
    Eval(eval::Args),
    /// Clean a stream of JSON Lines documents or WARC/WET records, in parallel, order kept.
    Filter(filter::Args),
    /// Pre-label a raw page in the labelled-file format with the current model.
    Label(label::Args),
    /// Write one self-contained HTML file showing pages line by line, shaded by p_noise.
    Report(report::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Train(a) => train::run(a),
        Command::Score(a) => score::run(a),
        Command::Clean(a) => clean::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Label(a) => label::run(a),
        Command::Filter(a) => filter::run(a),
        Command::Report(a) => report::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if common::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newschaff: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
