//! The exit codes of `newschaff`, defined here and nowhere else.
//!
//! A subcommand returns `Ok(())` for success, an [`Exit`] (through
//! `anyhow`) for wrong usage or a partial failure, and any other error for
//! an error; `main` turns each into its code.

use std::fmt;

/// Success (also when the reader of the output goes away).
pub const SUCCESS: u8 = 0;
/// An error: unreadable input, a bad model, a malformed labelled file, ...
pub const ERROR: u8 = 1;
/// Wrong usage: an unknown flag, a bad value, a refused combination.
pub const USAGE: u8 = 2;
/// A partial failure: `filter` could not process some records (more than
/// `--max-failures` of them, or all of them), stopped at a bad record with
/// `--strict`, or its input was cut or damaged.
pub const PARTIAL: u8 = 3;

/// The exit codes as `--help` shows them.
pub const HELP: &str = "\
Exit codes:
  0  success (also when the reader of the output goes away)
  1  an error: unreadable or non-text input, a bad model file, a malformed
     labelled file, a training failure
  2  wrong usage: an unknown flag, a bad value, a refused combination
  3  partial failure (filter): more than --max-failures of the records, or
     all of them, could not be processed; --strict met a bad record; or the
     input was cut or damaged";

/// A failure that has its own exit code: wrong usage or a partial failure.
#[derive(Debug)]
pub struct Exit {
    /// [`USAGE`] or [`PARTIAL`].
    pub code: u8,
    /// One sentence for stderr.
    pub message: String,
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

/// Wrong usage (exit 2), found after the flags were parsed.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    Exit {
        code: USAGE,
        message: message.into(),
    }
    .into()
}

/// A partial failure (exit 3).
pub fn partial(message: impl Into<String>) -> anyhow::Error {
    Exit {
        code: PARTIAL,
        message: message.into(),
    }
    .into()
}

/// One line for stderr: the error and its causes, each said once (a
/// library error that already names its cause is not followed by that
/// cause again).
pub fn message(e: &anyhow::Error) -> String {
    let mut msg = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn causes_are_said_once() {
        // (error chain, outermost first; message)
        let cases: [(&[&str], &str); 3] = [
            (&["a"], "a"),
            (
                &["cannot read x", "x: gone", "gone"],
                "cannot read x: x: gone",
            ),
            (&["outer", "inner"], "outer: inner"),
        ];
        for (chain, want) in cases {
            let mut e = anyhow::anyhow!("{}", chain[chain.len() - 1]);
            for c in chain[..chain.len() - 1].iter().rev() {
                e = Err::<(), _>(e).context(c.to_string()).unwrap_err();
            }
            assert_eq!(message(&e), want, "{chain:?}");
        }
    }
}
