//! The labelled-file format: `LABEL<TAB>TEXT` per line.
//!
//! `LABEL` is `content`, `noise`, or `noise:KIND` with a KIND of
//! [`NOISE_KINDS`] (e.g. `noise:nav`). One page
//! per file, UTF-8 (a BOM is allowed), `\n` or `\r\n` line ends. A blank line,
//! a missing tab, an unknown label or invalid UTF-8 is an error naming the
//! file and line.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::page::Page;

/// The two classes a line can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Article text.
    Content,
    /// Everything around it.
    Noise,
}

impl Label {
    /// The label's name in files and output: `content` or `noise`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Content => "content",
            Label::Noise => "noise",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A page read from a labelled file.
#[derive(Debug, Clone)]
pub struct LabelledPage {
    /// Where it was read from.
    pub path: PathBuf,
    /// The page text (the TEXT column, one line each).
    pub page: Page,
    /// The label of each line.
    pub labels: Vec<Label>,
    /// The noise kind of each line (`nav` for `noise:nav`), where given.
    pub kinds: Vec<Option<String>>,
}

/// Reads one labelled file.
pub fn read_labelled_file(path: &Path) -> Result<LabelledPage> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    parse_labelled(path, &bytes)
}

/// Parses the bytes of a labelled file; `path` is used in errors.
pub fn parse_labelled(path: &Path, bytes: &[u8]) -> Result<LabelledPage> {
    let err = |line: usize, message: String| Error::Labelled {
        path: path.to_path_buf(),
        line,
        message,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.is_empty() {
        return Err(err(
            1,
            "the file is empty; expected LABEL<TAB>TEXT lines".into(),
        ));
    }
    let mut text = String::with_capacity(bytes.len());
    let mut labels = Vec::new();
    let mut kinds = Vec::new();
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    for (i, raw) in body.split(|&b| b == b'\n').enumerate() {
        let n = i + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let line = std::str::from_utf8(raw).map_err(|e| {
            err(
                n,
                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
            )
        })?;
        if line.trim().is_empty() {
            return Err(err(n, "blank line; expected LABEL<TAB>TEXT".into()));
        }
        let Some((label, line_text)) = line.split_once('\t') else {
            return Err(err(
                n,
                format!("no tab; expected LABEL<TAB>TEXT, found {:?}", preview(line)),
            ));
        };
        let (label, kind) = parse_label(label).ok_or_else(|| {
            err(
                n,
                format!(
                    "unknown label {:?}; expected content, noise or noise:KIND with KIND one of {}",
                    preview(label),
                    NOISE_KINDS.join(", ")
                ),
            )
        })?;
        if line_text.contains('\t') {
            return Err(err(
                n,
                "more than one tab; TEXT may not contain a tab".into(),
            ));
        }
        if line_text.contains('\r') {
            return Err(err(n, "a carriage return inside TEXT".into()));
        }
        // Every line ends in '\n', so the page has exactly one line per label.
        text.push_str(line_text);
        text.push('\n');
        labels.push(label);
        kinds.push(kind);
    }
    Ok(LabelledPage {
        path: path.to_path_buf(),
        page: Page::from_text(&text),
        labels,
        kinds,
    })
}

fn preview(s: &str) -> String {
    s.chars().take(40).collect()
}

/// The kinds of noise a labelled line may name (`noise:KIND`).
pub const NOISE_KINDS: [&str; 10] = [
    "nav",
    "meta",
    "engagement",
    "related",
    "prompt",
    "ad",
    "comments",
    "footer",
    "brand",
    "other",
];

/// Parses `content`, `noise` or `noise:KIND` with a KIND of
/// [`NOISE_KINDS`].
pub fn parse_label(s: &str) -> Option<(Label, Option<String>)> {
    match s {
        "content" => Some((Label::Content, None)),
        "noise" => Some((Label::Noise, None)),
        _ => {
            let kind = s.strip_prefix("noise:")?;
            NOISE_KINDS
                .contains(&kind)
                .then(|| (Label::Noise, Some(kind.to_string())))
        }
    }
}

/// Writes lines in the labelled format. Tabs and line breaks inside a text
/// are replaced by spaces so that the output always parses back.
pub fn write_labelled<W: Write>(mut out: W, lines: &[(Label, &str)]) -> std::io::Result<()> {
    for (label, text) in lines {
        let clean: String = text
            .chars()
            .map(|c| {
                if matches!(c, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let clean = if clean.trim().is_empty() { "." } else { &clean };
        writeln!(out, "{label}\t{clean}")?;
    }
    Ok(())
}

/// Expands paths: a file stands for itself, a folder for every `*.txt` file
/// below it, sorted by path. A missing path, or a folder with no `*.txt`
/// file, is an error.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            if found.is_empty() {
                return Err(Error::Input {
                    path: p.clone(),
                    message: "the folder holds no *.txt file".into(),
                });
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let ty = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if ty.is_dir() {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            found.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Result<LabelledPage> {
        parse_labelled(Path::new("t.txt"), s)
    }

    #[test]
    fn reads_labels_kinds_and_text() {
        let p = parse(b"content\tHello world.\nnoise:nav\tHome\r\nnoise\tShare\n").unwrap();
        assert_eq!(p.labels, [Label::Content, Label::Noise, Label::Noise]);
        assert_eq!(p.kinds, [None, Some("nav".to_string()), None]);
        assert_eq!(p.page.text(1), "Home");
        assert_eq!(p.page.len(), 3);
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let cases: &[(&[u8], usize, &str)] = &[
            (b"content\tok\nnoise no tab\n", 2, "no tab"),
            (b"content\tok\nspam\tx\n", 2, "unknown label"),
            (b"noise:\tx\n", 1, "unknown label"),
            (
                b"content\tok\nnoise:navv\tx\n",
                2,
                "unknown label \"noise:navv\"",
            ),
            (b"noise:Nav\tx\n", 1, "KIND one of nav, meta,"),
            (b"content\tok\n\ncontent\tok\n", 2, "blank line"),
            (b"content\ta\tb\n", 1, "more than one tab"),
            (b"content\t\xFF\n", 1, "invalid UTF-8"),
            (b"", 1, "empty"),
        ];
        for (input, line, needle) in cases {
            let e = parse(input).unwrap_err().to_string();
            assert!(e.starts_with(&format!("t.txt:{line}:")), "{e}");
            assert!(e.contains(needle), "{e}");
        }
    }

    #[test]
    fn empty_text_after_tab_is_kept_as_a_blank_line() {
        let p = parse(b"noise\t\ncontent\tx\n").unwrap();
        assert_eq!(p.page.len(), 2);
        assert!(p.page.lines()[0].blank);
    }

    #[test]
    fn written_lines_parse_back() {
        let mut buf = Vec::new();
        write_labelled(&mut buf, &[(Label::Content, "a\tb"), (Label::Noise, "")]).unwrap();
        let p = parse(&buf).unwrap();
        assert_eq!(p.page.text(0), "a b");
        assert_eq!(p.labels, [Label::Content, Label::Noise]);
    }
}
