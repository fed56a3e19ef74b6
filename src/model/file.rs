//! The on-disk model format.
//!
//! ```text
//! offset  size  field
//! 0       8     magic "NEWSCHAF"
//! 8       4     format version, u32 little-endian (FORMAT_VERSION)
//! 12      4     CRC-32 of the payload, u32 little-endian
//! 16      8     payload length in bytes, u64 little-endian
//! 24      n     payload: bincode (varint) encoding of ModelData (versions 4
//!               to 9: the same fields, the article step a byte that is 0
//!               or 1 in version 4, 0 to 2 in version 5, 0 to 3 in
//!               version 6, 0 to 4 in version 7, 0 to 5 in version 8 and
//!               0 to 6 in version 9),
//!               ModelDataV3 (version 3, no article-end step), ModelDataV2
//!               (version 2, no HMM) or ModelDataV1 (version 1, no second
//!               pass)
//! ```
//!
//! Loading checks the magic, the version, the length (at most
//! [`MAX_PAYLOAD`], and equal to what follows the header), the checksum, and
//! then every size inside the payload against the featuriser's settings, so a
//! crafted file cannot make the loader allocate more than the file's size.
//! Saving writes a temporary file in the target folder and renames it over
//! the target, so a reader never sees half a model.

use std::io::Write;
use std::path::Path;

use bincode::Options;

use super::article::ArticleStep;
use super::{ModelData, ModelDataV1, ModelDataV2, ModelDataV3};
use crate::error::{Error, Result};

/// The magic bytes a model file starts with.
pub const MAGIC: &[u8; 8] = b"NEWSCHAF";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 9;
/// The oldest format version this build still reads.
pub const OLDEST_VERSION: u32 = 1;
/// The largest payload accepted, in bytes.
pub const MAX_PAYLOAD: u64 = 256 << 20;
const HEADER: usize = 24;

fn options(limit: u64) -> impl Options {
    bincode::DefaultOptions::new()
        .with_limit(limit)
        .reject_trailing_bytes()
}

/// Encodes a model.
pub(crate) fn encode(data: &ModelData) -> Result<Vec<u8>> {
    let payload = options(MAX_PAYLOAD)
        .serialize(data)
        .map_err(|e| Error::Training(format!("cannot encode the model: {e}")))?;
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&payload);
    Ok(out)
}

/// Decodes a model file's bytes; `path` is used in errors.
pub(crate) fn decode(path: &Path, bytes: &[u8]) -> Result<ModelData> {
    let err = |m: String| Error::model(path, m);
    if bytes.is_empty() {
        return Err(err("the model file is empty".into()));
    }
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err(err("not a newschaff model file (bad magic bytes)".into()));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if !(OLDEST_VERSION..=FORMAT_VERSION).contains(&version) {
        return Err(err(format!(
            "model format version {version} is not supported by this build (it reads versions {OLDEST_VERSION} to {FORMAT_VERSION}); retrain the model with this build"
        )));
    }
    let crc = u32::from_le_bytes(bytes[12..16].try_into().expect("4 bytes"));
    let len = u64::from_le_bytes(bytes[16..24].try_into().expect("8 bytes"));
    if len > MAX_PAYLOAD {
        return Err(err(format!(
            "payload length {len} is over the limit of {MAX_PAYLOAD} bytes"
        )));
    }
    let payload = &bytes[HEADER..];
    if payload.len() as u64 != len {
        return Err(err(format!(
            "the file is truncated or has trailing bytes: the header says {len} payload bytes, the file has {}",
            payload.len()
        )));
    }
    if crc32fast::hash(payload) != crc {
        return Err(err("checksum mismatch: the model file is corrupt".into()));
    }
    let corrupt = |e: bincode::Error| err(format!("corrupt model payload: {e}"));
    match version {
        1 => options(len)
            .deserialize::<ModelDataV1>(payload)
            .map(ModelData::from)
            .map_err(corrupt),
        2 => options(len)
            .deserialize::<ModelDataV2>(payload)
            .map(ModelData::from)
            .map_err(corrupt),
        3 => options(len)
            .deserialize::<ModelDataV3>(payload)
            .map(ModelData::from)
            .map_err(corrupt),
        _ => {
            let data = options(len)
                .deserialize::<ModelData>(payload)
                .map_err(corrupt)?;
            let newest = ArticleStep::newest_of_format(version);
            if data.article_end > newest {
                let step = u8::from(data.article_end);
                return Err(err(format!(
                    "corrupt model payload: a format {version} model with version {step} of the article step, which format {version} did not know"
                )));
            }
            Ok(data)
        }
    }
}

/// Writes bytes to `path` atomically: a temporary file in the same folder,
/// synced, then renamed over `path`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = crate::fs::temp_beside(path).map_err(|e| Error::io(path, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(tmp.path(), e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards the version check of the article step: format 4 knew only
    /// versions 0 and 1 of it, format 5 versions 0 to 2, format 6 versions
    /// 0 to 3, format 7 versions 0 to 4 and format 8 versions 0 to 5, so an
    /// older header over a payload with a newer step is a damaged file, not
    /// a model to score differently.
    #[test]
    fn older_format_with_a_newer_article_step_is_refused() {
        let bytes = crate::Model::builtin().unwrap().to_bytes().unwrap();
        assert_eq!(&bytes[8..12], &9u32.to_le_bytes());
        let data = decode(Path::new("m.model"), &bytes).unwrap();
        assert_eq!(data.article_end, ArticleStep::Paired);
        for old_format in [4u32, 5, 6, 7, 8] {
            let mut old = bytes.clone();
            old[8..12].copy_from_slice(&old_format.to_le_bytes());
            let e = decode(Path::new("m.model"), &old).unwrap_err().to_string();
            assert!(
                e.contains("m.model") && e.contains(&format!("format {old_format} did not know")),
                "{e}"
            );
        }
    }

    /// Regression: `Model::save` wrote 0600 files (a temporary file's mode).
    #[cfg(unix)]
    #[test]
    fn saved_model_has_the_permissions_of_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("m.model");
        crate::Model::builtin().unwrap().save(&model).unwrap();
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&model), mode(&plain));
    }
}
