//! `newschaff filter` through the real binary: JSON Lines and WET
//! round-trips, order with many threads, bad records.

use std::path::Path;

use assert_cmd::Command;
use newschaff::labelled::{expand_paths, read_labelled_file};

fn bin() -> Command {
    Command::cargo_bin("newschaff").unwrap()
}

/// Documents built from the committed training pages.
fn pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("training-data");
    expand_paths(&[root])
        .unwrap()
        .iter()
        .take(40)
        .map(|p| {
            let lp = read_labelled_file(p).unwrap();
            String::from_utf8(lp.page.bytes().to_vec()).unwrap()
        })
        .collect()
}

fn jsonl_input() -> String {
    let mut s = String::new();
    for (i, text) in pages().iter().enumerate() {
        // Untouched fields in forms a re-serialiser would change.
        s.push_str(&format!(
            "{{\"id\":\"doc-{i}\\u00e9\",\"score\":1.50,\"n\":1e3,\"text\":{},\"metadata\":{{\"url\":\"http://example.org/{i}\",\"tags\":[ 1,2 ]}}}}\n",
            serde_json::to_string(text).unwrap()
        ));
    }
    s
}

#[test]
fn jsonl_round_trip_keeps_every_record_and_untouched_field() {
    let input = jsonl_input();
    let out = bin()
        .args(["filter", "--threads", "4"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.lines().count(), input.lines().count());
    let mut shortened = 0;
    for (i, (a, b)) in input.lines().zip(out.lines()).enumerate() {
        // Byte-for-byte: the fields before and after the text field.
        let prefix = format!("{{\"id\":\"doc-{i}\\u00e9\",\"score\":1.50,\"n\":1e3,\"text\":");
        assert!(
            a.starts_with(&prefix) && b.starts_with(&prefix),
            "record {i}"
        );
        let meta = format!("\"metadata\":{{\"url\":\"http://example.org/{i}\",\"tags\":[ 1,2 ]}}");
        assert!(b.contains(&meta), "record {i}: {b}");
        let v: serde_json::Value = serde_json::from_str(b).unwrap();
        let orig: serde_json::Value = serde_json::from_str(a).unwrap();
        let cleaned = v["text"].as_str().unwrap();
        let original = orig["text"].as_str().unwrap();
        // Kept lines only, in order: the cleaned text is a subsequence of
        // the page's lines.
        let mut lines = original.lines();
        for kept in cleaned.lines() {
            assert!(
                lines.any(|l| l == kept),
                "record {i}: {kept:?} was not in the page"
            );
        }
        if cleaned.len() < original.len() {
            shortened += 1;
        }
        assert!(v["attributes"]["newschaff__line_noise"].is_array());
        assert!(v["newschaff"]["spam_score"].is_number());
    }
    // Every training page has furniture; a page the model keeps whole is a
    // borderline miss, not a filter that did nothing.
    let n = input.lines().count();
    assert!(
        shortened * 10 >= n * 9,
        "only {shortened} of {n} records were cleaned"
    );
}

#[test]
fn order_is_kept_with_many_threads() {
    let input = jsonl_input();
    let one = bin()
        .args(["filter", "--threads", "1"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    let many = bin()
        .args(["filter", "--threads", "7"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(one.status.success() && many.status.success());
    assert_eq!(one.stdout, many.stdout);
}

#[test]
fn bad_records_pass_through_and_are_reported() {
    let input = "{\"id\":1,\"text\":\"Home\\nA line of text that is long enough to read as prose, said the mayor.\"}\nnot json at all\n{\"id\":2}\n{\"id\":3,\"text\":{\"deep\":[1]}}\n";
    let out = bin().arg("filter").write_stdin(input).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "3 of 4 failed: partial failure");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[1], "not json at all");
    assert!(lines[2].contains("\"newschaff_error\":\"no field \\\"text\\\"\""));
    assert!(lines[3].contains("newschaff_error"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("3 of 4 records could not be processed"),
        "{stderr}"
    );
    assert!(stderr.contains("record 2: not a JSON object"), "{stderr}");
}

fn warc(kind: &str, id: usize, content: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: http://example.org/{id}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{content}\r\n\r\n",
        content.len()
    )
}

#[test]
fn wet_round_trip_cleans_conversions_and_keeps_other_records() {
    let dir = tempfile::TempDir::new().unwrap();
    let info = warc("warcinfo", 0, "software: test\r\nformat: WARC\r\n");
    let mut input = info.clone();
    for (i, text) in pages().iter().take(12).enumerate() {
        input.push_str(&warc("conversion", i + 1, text));
    }
    let path = dir.path().join("in.warc.wet");
    std::fs::write(&path, &input).unwrap();
    let out_path = dir.path().join("out.warc.wet");
    bin()
        .args(["filter", "--threads", "3", "--out"])
        .arg(&out_path)
        .arg(&path)
        .assert()
        .success();
    let out = std::fs::read(&out_path).unwrap();
    assert!(out.starts_with(info.as_bytes()), "warcinfo untouched");
    let count = |b: &[u8]| b.windows(9).filter(|w| w == b"WARC/1.0\r").count();
    assert_eq!(count(&out), 13);
    assert!(out.len() < input.len());

    // The same input gzipped, one member per record, gives the same output.
    let gz_path = dir.path().join("in.warc.wet.gz");
    let mut gz = Vec::new();
    for rec in input
        .split_inclusive("\r\n\r\nWARC")
        .collect::<Vec<_>>()
        .join("")
        .split("WARC/1.0")
    {
        if rec.is_empty() {
            continue;
        }
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut e, format!("WARC/1.0{rec}").as_bytes()).unwrap();
        gz.extend(e.finish().unwrap());
    }
    std::fs::write(&gz_path, gz).unwrap();
    let from_gz = bin()
        .args(["filter", "--format", "wet"])
        .arg(&gz_path)
        .output()
        .unwrap();
    assert_eq!(from_gz.stdout, out);

    // WET to JSON Lines: one object per record.
    let j = bin()
        .args(["filter", "--to", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(j.stdout).unwrap().lines().count(), 13);
}

#[test]
fn wet_cut_mid_record_keeps_the_rest_and_reports() {
    let dir = tempfile::TempDir::new().unwrap();
    let full = warc(
        "conversion",
        1,
        "Some text of the page.\nAnother line here.",
    );
    let cut = warc(
        "conversion",
        2,
        "This record is cut off before its end, as when a download stops.",
    );
    let input = format!("{full}{}", &cut[..cut.len() - 30]);
    let path = dir.path().join("cut.warc.wet");
    std::fs::write(&path, &input).unwrap();
    let out = bin().arg("filter").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("1 of 2 records"), "{stderr}");
    assert!(
        out.stdout.ends_with(&input.as_bytes()[full.len()..]),
        "the cut record is passed through"
    );
}

#[test]
fn failed_run_leaves_no_partial_output_file() {
    let dir = tempfile::TempDir::new().unwrap();
    let out_path = dir.path().join("out.jsonl");
    bin()
        .args(["filter", "--out"])
        .arg(&out_path)
        .arg(dir.path().join("missing.jsonl"))
        .assert()
        .code(1);
    assert!(!out_path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
}

/// A record the filter can clean.
fn good(id: usize) -> String {
    format!(
        "{{\"id\":{id},\"text\":\"Home\\nThe council met on Tuesday and agreed the plan for the harbour after a long debate.\\nShare\"}}\n"
    )
}

/// Guards the partial-failure exit: a run that passes records through
/// unprocessed used to exit 0, so a pipeline could not tell.
#[test]
fn filter_exits_three_when_too_many_records_fail() {
    // (input, extra flags, exit code)
    let one_bad_of_four = format!("{}not json\n{}{}", good(1), good(2), good(3));
    let cases: Vec<(String, Vec<&str>, i32)> = vec![
        (good(1) + &good(2), vec![], 0),
        (String::new(), vec![], 0),
        (one_bad_of_four.clone(), vec![], 3),
        (one_bad_of_four.clone(), vec!["--max-failures", "0.25"], 0),
        (one_bad_of_four.clone(), vec!["--max-failures", "0.2"], 3),
        // Nothing processed is a failure whatever --max-failures says.
        ("not json\n".into(), vec!["--max-failures", "1"], 3),
        // A wrong --text-field: no record has it.
        (good(1) + &good(2), vec!["--text-field", "body"], 3),
    ];
    for (input, flags, code) in cases {
        let out = bin()
            .arg("filter")
            .args(&flags)
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{flags:?} {input:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // One output record per input record, whatever the exit code.
        assert_eq!(
            out.stdout.iter().filter(|&&b| b == b'\n').count(),
            input.lines().count()
        );
    }
}

#[test]
fn filter_prints_statistics_unless_quiet() {
    let input = format!("{}not json\n\n{}", good(1), good(2));
    let out = bin()
        .args(["filter", "--max-failures", "0.5"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let bytes_in = input.len() - 1; // the blank line is not a record
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Each good record has 3 lines; what is not in its cleaned text was dropped.
    let dropped: usize = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(|t| 3 - t.lines().count()))
        .sum();
    assert!(dropped > 0);
    let want = format!(
        "newschaff: 3 records, 1 failed, {bytes_in} bytes in, {} bytes out, {dropped} lines dropped",
        stdout.len() - 1
    );
    assert!(stderr.contains(&want), "{stderr}");
    assert!(stderr.contains("record 2: not a JSON object"), "{stderr}");
    let quiet = bin()
        .args(["filter", "--max-failures", "0.5", "--quiet"])
        .write_stdin(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8(quiet.stderr).unwrap();
    assert!(!stderr.contains("bytes in"), "{stderr}");
    assert!(
        stderr.contains("record 2: not a JSON object"),
        "errors are still reported: {stderr}"
    );
}

#[test]
fn strict_stops_at_the_first_bad_record_after_writing_the_ones_before() {
    let dir = tempfile::TempDir::new().unwrap();
    let out_path = dir.path().join("out.jsonl");
    let input = format!("{}{}{{\"id\":3}}\n{}", good(1), good(2), good(4));
    let out = bin()
        .args(["filter", "--strict", "--out"])
        .arg(&out_path)
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("--strict") && stderr.contains("record 3: no field"),
        "{stderr}"
    );
    let written = std::fs::read_to_string(&out_path).unwrap();
    let ids: Vec<i64> = written
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, [1, 2]);
}

/// Guards the refused combinations: they must fail as wrong usage before
/// anything is read, not as a runtime error after.
#[test]
fn refused_filter_combinations_are_usage_errors() {
    let cases: &[&[&str]] = &[
        &["filter", "x.jsonl", "--to", "wet"],
        &["filter", "--to", "wet"],
        &["filter", "a.jsonl", "b.warc.wet"],
        &["filter", "--max-failures", "2"],
        &["filter", "--strict", "--max-failures", "0.1"],
    ];
    for args in cases {
        bin()
            .args(*args)
            .write_stdin("")
            .assert()
            .code(2)
            .stdout("");
    }
    // --help lists the exit codes and what --to accepts.
    let help = bin().args(["filter", "--help"]).output().unwrap();
    assert!(help.status.success());
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("3  partial failure"), "{help}");
    assert!(help.contains("wet from WET input only"), "{help}");
    assert!(help.contains("[default: 0.01]"), "{help}");
}

/// Decompresses gzip data as far as it goes before a cut.
fn gunzip_prefix(gz: &[u8]) -> Vec<u8> {
    let mut d = flate2::read::MultiGzDecoder::new(gz);
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match std::io::Read::read(&mut d, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut e, bytes).unwrap();
    e.finish().unwrap()
}

/// `filter` on `bytes` written to `name` in a fresh folder: exit code,
/// stdout, stderr.
fn filter_file(name: &str, bytes: &[u8]) -> (i32, Vec<u8>, String) {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = bin()
        .args(["filter", "--threads", "2"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap(), out.stdout, stderr)
}

/// Guards interrupted downloads: a WET.gz whose last member is cut used to
/// fail the whole run with a read error, losing the records of the batch
/// read before it. Cut at every member boundary and inside members, the
/// output holds exactly the complete records, as a run on the uncut
/// prefix of records gives them, then the cut record passed through.
#[test]
fn cut_wet_gz_writes_every_complete_record_before_the_cut() {
    let mut records = vec![warc("warcinfo", 0, "software: test\r\nformat: WARC\r\n")];
    for (i, text) in pages().iter().take(5).enumerate() {
        records.push(warc("conversion", i + 1, text));
    }
    // One gzip member per record, as Common Crawl writes them.
    let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r.as_bytes())).collect();
    let whole: Vec<u8> = members.concat();
    let mut starts = vec![0];
    for m in &members {
        starts.push(starts.last().unwrap() + m.len());
    }
    let mut prefix_out = std::collections::HashMap::new();
    let mut prefix = |k: usize| -> Vec<u8> {
        prefix_out
            .entry(k)
            .or_insert_with(|| {
                let (code, out, err) = filter_file("p.warc.wet", records[..k].concat().as_bytes());
                assert_eq!(code, 0, "{err}");
                out
            })
            .clone()
    };
    let mut cuts = starts.clone();
    for (k, m) in members.iter().enumerate() {
        for at in [1, 10, 11, m.len() / 3, m.len() / 2, m.len() - 4] {
            cuts.push(starts[k] + at);
        }
    }
    for cut in cuts {
        let (code, out, stderr) = filter_file("cut.warc.wet.gz", &whole[..cut]);
        let k = starts
            .iter()
            .rposition(|&s| s <= cut)
            .unwrap()
            .min(records.len());
        if starts.contains(&cut) {
            // At a member boundary the file is a whole gzip file of k records.
            assert_eq!(code, 0, "cut at {cut}: {stderr}");
            assert_eq!(out, prefix(k), "cut at {cut}");
            continue;
        }
        assert_eq!(code, 3, "cut at {cut}: {stderr}");
        assert!(stderr.contains("cut or damaged"), "cut at {cut}: {stderr}");
        let decoded = gunzip_prefix(&whole[..cut]);
        let tail = &decoded[records[..k].concat().len()..];
        let want = if tail.iter().all(u8::is_ascii_whitespace) {
            prefix(k)
        } else if tail == records[k].as_bytes() {
            // Only the gzip trailer was cut: the record is whole.
            prefix(k + 1)
        } else {
            // The cut record is passed through as far as it goes.
            assert!(
                stderr.contains(&format!("record {}: ", k + 1)),
                "cut at {cut}: {stderr}"
            );
            [prefix(k), tail.to_vec()].concat()
        };
        assert_eq!(out, want, "cut at {cut} (member {k})");
    }
}

/// The same for JSON Lines in one gzip stream: every complete line before
/// the cut is written; the cut line is passed through.
#[test]
fn cut_jsonl_gz_writes_every_complete_line_before_the_cut() {
    let lines: Vec<String> = jsonl_input()
        .lines()
        .take(8)
        .map(|l| format!("{l}\n"))
        .collect();
    let whole = gzip(lines.concat().as_bytes());
    let mut cuts: Vec<usize> = (1..12).map(|i| whole.len() * i / 12).collect();
    cuts.extend([5, 10, whole.len() - 4]);
    for cut in cuts {
        let (code, out, stderr) = filter_file("cut.jsonl.gz", &whole[..cut]);
        assert_eq!(code, 3, "cut at {cut}: {stderr}");
        assert!(stderr.contains("cut or damaged"), "cut at {cut}: {stderr}");
        let decoded = gunzip_prefix(&whole[..cut]);
        let k = decoded.iter().filter(|&&b| b == b'\n').count();
        let tail = &decoded[lines[..k].concat().len()..];
        let (pcode, mut want, perr) = filter_file("p.jsonl", lines[..k].concat().as_bytes());
        assert_eq!(pcode, 0, "{perr}");
        if !tail.is_empty() {
            want.extend_from_slice(tail);
            want.push(b'\n');
        }
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&want),
            "cut at {cut}: {k} whole lines"
        );
    }
}

/// Splits gzip data into its members' decompressed bytes.
fn gzip_members(mut data: &[u8]) -> Vec<Vec<u8>> {
    let mut members = Vec::new();
    while !data.is_empty() {
        let mut d = flate2::bufread::GzDecoder::new(data);
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut d, &mut out).unwrap();
        members.push(out);
        data = d.into_inner();
    }
    members
}

/// Guards `--out NAME.gz`: the file was written as plain text whatever
/// its name said.
#[test]
fn out_is_written_as_its_name_says() {
    let dir = tempfile::TempDir::new().unwrap();
    let jsonl = dir.path().join("in.jsonl");
    std::fs::write(
        &jsonl,
        jsonl_input().lines().take(5).collect::<Vec<_>>().join("\n") + "\n",
    )
    .unwrap();
    let mut wet_input = warc("warcinfo", 0, "software: test\r\n");
    for (i, text) in pages().iter().take(4).enumerate() {
        wet_input.push_str(&warc("conversion", i + 1, text));
    }
    let wet = dir.path().join("in.warc.wet");
    std::fs::write(&wet, &wet_input).unwrap();
    let plain = |input: &Path, extra: &[&str]| {
        let out = bin().arg("filter").args(extra).arg(input).output().unwrap();
        assert!(out.status.success());
        out.stdout
    };

    // JSON Lines: one gzip stream holding what stdout would get.
    let out = dir.path().join("out.jsonl.gz");
    bin()
        .args(["filter", "--out"])
        .arg(&out)
        .arg(&jsonl)
        .assert()
        .success();
    let gz = std::fs::read(&out).unwrap();
    assert!(gz.starts_with(&[0x1f, 0x8b]));
    #[cfg(unix)]
    {
        // Ordinary permissions, not the temporary file's 0600.
        let (mode, ordinary) = crate::cli::modes(&out);
        assert_eq!(mode, ordinary, "{mode:o} against {ordinary:o}");
    }
    assert_eq!(gunzip_prefix(&gz), plain(&jsonl, &[]));

    // WET: one gzip member per record.
    let out = dir.path().join("out.warc.wet.gz");
    bin()
        .args(["filter", "--out"])
        .arg(&out)
        .arg(&wet)
        .assert()
        .success();
    let members = gzip_members(&std::fs::read(&out).unwrap());
    assert_eq!(members.len(), 5);
    assert!(members.iter().all(|m| m.starts_with(b"WARC/1.0\r\n")));
    assert_eq!(members.concat(), plain(&wet, &[]));

    // The name sets the output format: WET in, JSON Lines out.
    let out = dir.path().join("out.jsonl");
    bin()
        .args(["filter", "--out"])
        .arg(&out)
        .arg(&wet)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&out).unwrap(),
        plain(&wet, &["--to", "jsonl"])
    );

    // A name that contradicts --to, or asks WET of JSON Lines, is wrong usage.
    for (to, name, input) in [
        (Some("jsonl"), "x.warc.wet.gz", &wet),
        (None, "x.warc.wet.gz", &jsonl),
        (None, "x.warc.wet", &jsonl),
    ] {
        let mut cmd = bin();
        cmd.arg("filter");
        if let Some(t) = to {
            cmd.args(["--to", t]);
        }
        cmd.arg("--out")
            .arg(dir.path().join(name))
            .arg(input)
            .assert()
            .code(2);
        assert!(!dir.path().join(name).exists());
    }
    // Only the inputs and the outputs written above: no temporary file left.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 5);
}

/// stdin is JSON Lines unless --format says otherwise; WET on stdin without
/// --format is refused (it used to be passed through line by line, with
/// its CRLF line ends changed, as failed JSON records).
#[test]
fn stdin_is_json_lines_unless_format_says_otherwise() {
    let input = warc("conversion", 1, &pages()[0]);
    bin()
        .arg("filter")
        .write_stdin(input.clone())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("add --format wet"));
    let out = bin()
        .args(["filter", "--format", "wet"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"WARC/1.0\r\n") && out.stdout.len() < input.len());
    // JSON Lines on stdin needs no flag.
    let jsonl = jsonl_input().lines().next().unwrap().to_string() + "\n";
    bin().arg("filter").write_stdin(jsonl).assert().success();
}
