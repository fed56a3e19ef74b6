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
/// `clean` printed them. A whole binary file is refused; binary lines in a
/// page of text are noise.
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
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("blob.bin: not text"));

    // The same bytes inside a page of prose.
    let prose = "The council met on Tuesday and agreed the new plan for the harbour after a long and careful debate.\n";
    let mut page = prose.repeat(200).into_bytes();
    page.extend_from_slice(&bytes);
    page.extend_from_slice(prose.repeat(200).as_bytes());
    let path = write(&dir, "mixed.txt", &page);
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

/// Guards `clean /bin/ls` and files of NUL bytes: they were read as pages
/// of garbled lines. They are refused with one line naming the file and
/// nothing printed for them.
#[test]
fn a_page_that_is_not_text_is_refused_naming_the_file() {
    let dir = TempDir::new().unwrap();
    let nul = write(&dir, "zeros.dat", &[0u8; 8192]);
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 56));
    elf.extend_from_slice(b"/lib64/ld-linux-x86-64.so.2\x00GLIBC_2.34\x00");
    elf.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    let exe = write(&dir, "tool", &elf);
    let good = write(
        &dir,
        "good.txt",
        b"The council met on Tuesday and agreed the plan.\n",
    );
    for page in [&nul, &exe] {
        let name = page.file_name().unwrap().to_str().unwrap();
        for cmd in ["clean", "score", "label"] {
            let out = bin().arg(cmd).arg(page).output().unwrap();
            no_panic(&out);
            assert_eq!(out.status.code(), Some(1), "{cmd} {name}");
            assert!(out.stdout.is_empty(), "{cmd} {name}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains(&format!("{name}: not text")), "{err}");
        }
    }
    // Pages before it are printed; nothing of it.
    let out = bin()
        .args(["score", "--format", "tsv"])
        .arg(&good)
        .arg(&nul)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(!stdout.contains("zeros.dat"));
}

/// Guards a lone NUL line: it has no visible character that is text, but
/// it is not blank either, and the model scored it as content.
#[test]
fn a_lone_nul_line_is_not_content() {
    let dir = TempDir::new().unwrap();
    let prose =
        "The council met on Tuesday and agreed the new plan for the harbour after a long debate.\n";
    let page = format!("{prose}{prose}\x00\n{prose}\x00\x00\n{prose}");
    let p = write(&dir, "nul-line.txt", page.as_bytes());
    let out = bin().arg("clean").arg(&p).output().unwrap();
    assert!(out.status.success());
    assert!(
        !out.stdout.contains(&0u8),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = bin()
        .args(["score", "--format", "tsv"])
        .arg(&p)
        .output()
        .unwrap();
    let tsv = String::from_utf8(out.stdout).unwrap();
    let labels: Vec<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(2).unwrap())
        .collect();
    assert_eq!(labels[2], "noise", "{tsv}");
    assert_eq!(labels[4], "noise", "{tsv}");
}

/// In `filter`, a record whose text is not text fails: passed through
/// untouched (JSON Lines: with `newschaff_error`) and counted.
#[test]
fn filter_reports_records_that_are_not_text() {
    let good = "{\"id\":1,\"text\":\"Home\\nThe council met on Tuesday and agreed the plan after a long debate.\"}\n";
    let bad = format!("{{\"id\":2,\"text\":\"{}\"}}\n", "\\u0000".repeat(500));
    let input = format!("{good}{bad}{good}");
    let out = bin()
        .args(["filter", "--max-failures", "0.5"])
        .write_stdin(input)
        .output()
        .unwrap();
    no_panic(&out);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].contains("\"newschaff_error\":\"field \\\"text\\\" is not text"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(&"\\u0000".repeat(500)), "text untouched");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("record 2: field \"text\" is not text"),
        "{stderr}"
    );

    // WET: a conversion record of NUL bytes is passed through untouched.
    let content = vec![0u8; 300];
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://example.org/\r\nContent-Length: {}\r\n\r\n",
        content.len()
    )
    .into_bytes();
    rec.extend_from_slice(&content);
    rec.extend_from_slice(b"\r\n\r\n");
    let out = bin()
        .args(["filter", "--format", "wet"])
        .write_stdin(rec.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(out.stdout, rec);
    assert!(String::from_utf8_lossy(&out.stderr).contains("content is not text"));
}
