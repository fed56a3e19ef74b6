//! Writing files atomically: a temporary file in the target's folder,
//! renamed over the target once complete, so a reader never sees half a
//! file. One rule for the model file, the binary's outputs and the Python
//! package's filters.

use std::path::Path;

/// A temporary file in the folder of `path`, to be renamed over it when
/// complete. It is created with the permissions of any new file (0666 less
/// the umask), not the 0600 of a temporary file, so that the renamed file
/// has ordinary permissions.
pub fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newschaff-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}
