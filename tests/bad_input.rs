//! The bad-input matrix, through the real binary: each input gets a clear
//! error naming the path (exit 1) or the documented fallback, never a panic.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn bin() -> Command {
    Command::cargo_bin("newschaff").unwrap()
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn no_panic(out: &std::process::Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn utf16_with_bom_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Home\nText\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let p = write(&dir, "utf16.txt", &bytes);
    bin()
        .arg("clean")
        .arg(&p)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("utf16.txt: looks like UTF-16"));
}

/// Guards binary input: its bytes decode to lines of replacement and
/// control characters, which the model alone scored as content, so
/// `clean` printed them.
#[test]
fn binary_bytes_are_noise_not_content() {
    let dir = TempDir::new().unwrap();
    // Deterministic pseudo-random bytes (a linear congruential generator).
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8
        })
        .collect();
    let path = write(&dir, "blob.bin", &bytes);
    let out = bin().arg("clean").arg(&path).output().unwrap();
    no_panic(&out);
    assert!(out.status.success());
    let kept = String::from_utf8_lossy(&out.stdout);
    let garbage = kept
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
        .count();
    assert!(garbage < 3, "kept binary lines: {kept:?}");
}

#[test]
fn cr_only_line_ends_are_lines() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "mac.txt",
        b"Home\rNews\rThe council met on Tuesday.\r",
    );
    let out = bin()
        .args(["score", "--format", "tsv"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 4);
}

#[test]
fn fifty_megabyte_single_line() {
    let dir = TempDir::new().unwrap();
    let mut big = b"The council said the plan would go ahead. ".repeat(50 * 1024 * 1024 / 43);
    big.push(b'\n');
    let p = write(&dir, "huge.txt", &big);
    let out = bin().arg("clean").arg(&p).output().unwrap();
    no_panic(&out);
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty() || out.stdout == big,
        "all or nothing of the one line"
    );
}

#[test]
fn a_million_short_lines() {
    let dir = TempDir::new().unwrap();
    let text = "Home\nShare\nThe mayor spoke.\nNews\n".repeat(250_000);
    let p = write(&dir, "many.txt", text.as_bytes());
    let out = bin().arg("clean").arg(&p).output().unwrap();
    no_panic(&out);
    assert!(out.status.success());
    assert!(out.stdout.len() <= text.len());
}

#[test]
fn jsonl_deep_nesting_and_a_hundred_megabyte_record() {
    let deep = format!(
        "{{\"text\":\"a\",\"x\":{}1{}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let line =
        "A long line of article text that goes on and on, said the reporter. ".repeat(15_000);
    let mut text = String::new();
    while text.len() < 100 << 20 {
        text.push_str(&line);
        text.push('\n');
    }
    let big = format!(
        "{{\"id\":7,\"text\":{}}}\n",
        serde_json::to_string(&text).unwrap()
    );
    let input = format!("{deep}{big}{{\"id\":8,\"text\":\"Home\"}}\n");
    let out = bin().arg("filter").write_stdin(input).output().unwrap();
    no_panic(&out);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "one output record per input record");
    assert!(lines[1].starts_with("{\"id\":7,"));
    assert!(lines[2].starts_with("{\"id\":8,"));
    // The deep value is carried as raw JSON: kept byte for byte.
    assert!(lines[0].contains(&"[".repeat(100_000)), "deep record kept");
}

#[test]
fn labelled_file_with_only_blank_lines_or_one_class() {
    let dir = TempDir::new().unwrap();
    let blank = write(&dir, "blank.txt", b"\n\n");
    bin()
        .args(["eval"])
        .arg(&blank)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("blank.txt:1: blank line"));
    let empty = write(&dir, "empty.txt", b"");
    bin()
        .args(["eval"])
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("empty.txt:1:"));
    let folder = dir.path().join("nothing");
    std::fs::create_dir(&folder).unwrap();
    bin()
        .args(["train"])
        .arg(&folder)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("holds no *.txt file"));
}

#[test]
fn model_path_that_is_a_folder_or_missing() {
    let dir = TempDir::new().unwrap();
    bin()
        .args(["clean", "--model"])
        .arg(dir.path())
        .arg("-")
        .write_stdin("x\n")
        .assert()
        .code(1);
    bin()
        .args(["clean", "--model", "no/such.model", "-"])
        .write_stdin("x\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such.model"));
}
