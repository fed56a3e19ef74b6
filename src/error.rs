//! The one error type of the library.

use std::path::PathBuf;

/// Everything that can go wrong in newschaff's library.
///
/// Errors about a file carry its path, and where it makes sense the 1-based
/// line number, so that a user can go straight to the problem.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file that could not be read or written (`-` for stdin/stdout).
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// A labelled file has a line that is not `LABEL<TAB>TEXT`.
    #[error("{path}:{line}: {message}")]
    Labelled {
        /// The labelled file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },

    /// A path given as input is neither a file nor a folder with `*.txt` files.
    #[error("{path}: {message}")]
    Input {
        /// The path as given.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },

    /// A model file could not be loaded: not a model, corrupt, truncated, or
    /// written by an unsupported format version.
    #[error("{path}: {message}")]
    Model {
        /// The model file (`<built-in>` for the embedded default model).
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },

    /// Training could not produce a model (no lines, only one class, ...).
    #[error("training failed: {0}")]
    Training(String),

    /// A parameter was out of range when a thing was built.
    #[error("invalid parameter: {0}")]
    Param(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn model(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Model {
            path: path.into(),
            message: message.into(),
        }
    }
}
