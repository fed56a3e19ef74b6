//! The `newschaff` command line: parses arguments and dispatches to one
//! subcommand per file.

mod clean;
mod common;
mod eval;
mod exit;
mod filter;
mod label;
mod report;
mod score;
mod train;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Finds the junk in scraped news pages: scores every line as content or noise.
#[derive(Parser)]
#[command(name = "newschaff", version, about, long_about, after_help = exit::HELP)]
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors; everything else clap
            // refuses is wrong usage.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            });
        }
    };
    let result = match cli.command {
        Command::Train(a) => train::run(a),
        Command::Score(a) => score::run(a),
        Command::Clean(a) => clean::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Label(a) => label::run(a),
        Command::Filter(a) => filter::run(a),
        Command::Report(a) => report::run(a),
    };
    let code = match result {
        Ok(()) => exit::SUCCESS,
        Err(e) if common::is_broken_pipe(&e) => exit::SUCCESS,
        Err(e) => match e.downcast_ref::<exit::Exit>() {
            Some(x) if x.code == exit::USAGE => {
                eprintln!("newschaff: usage error: {x}");
                x.code
            }
            Some(x) => {
                eprintln!("newschaff: partial failure: {x}");
                x.code
            }
            None => {
                eprintln!("newschaff: error: {}", exit::message(&e));
                exit::ERROR
            }
        },
    };
    ExitCode::from(code)
}
