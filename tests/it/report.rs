//! `newschaff score --explain` in words and `newschaff report` (the HTML
//! report), through the real binary; the report is also opened in headless
//! Chromium when it is installed (and must be in CI).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn bin() -> Command {
    Command::cargo_bin("newschaff").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/report")
        .join(name)
}

/// The farm page: a brand in the title, breadcrumb and prose, a share bar
/// (line 12), and a line with a `<script>` tag in its text (line 17).
const FARM: &str = "farm-page.txt";
const FARM_LINES: usize = 18;
const SHARE_LINE: u64 = 12;

fn jsonl(args: &[&str], page: &Path) -> Vec<serde_json::Value> {
    let out = bin().arg("score").args(args).arg(page).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn line(rows: &[serde_json::Value], n: u64) -> &serde_json::Value {
    rows.iter().find(|r| r["line"] == n).unwrap()
}

#[test]
fn explain_says_in_words_why_a_share_bar_is_noise() {
    let rows = jsonl(&["--format", "jsonl", "--explain"], &fixture(FARM));
    assert_eq!(rows.len(), FARM_LINES);
    let share = line(&rows, SHARE_LINE);
    assert_eq!(share["label"], "noise");
    let ev = share["explain"]["evidence"].as_array().unwrap();
    let words: Vec<&str> = ev.iter().map(|e| e["words"].as_str().unwrap()).collect();
    assert!(words.contains(&"detector: share bar"), "{words:?}");
    let bar = ev
        .iter()
        .find(|e| e["words"] == "detector: share bar")
        .unwrap();
    assert_eq!(bar["towards"], "noise");
    assert!(bar["value"].as_f64().unwrap() > 0.0);
    // No raw names under --explain.
    assert!(share["explain"].get("features").is_none());
    let detectors = share["explain"]["detectors"].as_array().unwrap();
    assert!(detectors.iter().any(|d| d == "share"), "{detectors:?}");

    // A paragraph of the article reads like a sentence, towards content.
    let para = line(&rows, 7);
    assert_eq!(para["label"], "content");
    let towards_content: Vec<&str> = para["explain"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["towards"] == "content")
        .map(|e| e["words"].as_str().unwrap())
        .collect();
    assert!(!towards_content.is_empty());

    // The text format prints the same words, below the line.
    let out = bin()
        .args(["score", "--explain", "--color", "never"])
        .arg(fixture(FARM))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let after_share = text
        .split("- 1.00  Share on Facebook")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| l.starts_with("         ") || !l.contains("  "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        after_share.contains("\n         towards noise: ")
            && after_share.contains("detector: share bar"),
        "{after_share}"
    );
    assert!(!text.contains("pass2:") && !text.contains("det="), "{text}");
}

#[test]
fn explain_raw_keeps_the_feature_names() {
    let rows = jsonl(
        &["--format", "jsonl", "--explain-raw", "--explain-top", "40"],
        &fixture(FARM),
    );
    let share = line(&rows, SHARE_LINE);
    assert!(share["explain"].get("evidence").is_none());
    let feats = share["explain"]["features"].as_array().unwrap();
    assert!(feats.len() <= 40 && !feats.is_empty());
    assert!(feats
        .iter()
        .all(|f| f["group"].is_string() && f["feature"].is_string() && f["value"].is_number()));
    assert!(feats.iter().any(|f| f["feature"] == "det=share"));
    bin()
        .args(["score", "--explain-raw", "--color", "never"])
        .arg(fixture(FARM))
        .assert()
        .success()
        .stdout(predicate::str::contains("why (+ noise, - content): "))
        .stdout(predicate::str::contains("towards noise:").not());
}

/// Runs `report` and returns the HTML.
fn report(dir: &TempDir, args: &[&str], pages: &[PathBuf]) -> (PathBuf, String) {
    let out = dir.path().join("report.html");
    bin()
        .arg("report")
        .args(args)
        .arg("--out")
        .arg(&out)
        .args(pages)
        .assert()
        .success()
        .stdout("");
    let html = std::fs::read_to_string(&out).unwrap();
    (out, html)
}

/// Whether the document could fetch or run anything.
fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for bad in [
        "<script", "<link", "src=", "url(", "@import", "https:", "<iframe",
    ] {
        assert!(!lower.contains(bad), "{bad} in the report");
    }
    // The only http: is the SVG namespace, which is never fetched.
    assert_eq!(
        lower.matches("http:").count(),
        lower
            .matches("xmlns=\"http://www.w3.org/2000/svg\"")
            .count()
    );
}

#[test]
fn report_has_one_row_per_line_brands_verdict_and_evidence() {
    let dir = TempDir::new().unwrap();
    let (_, html) = report(&dir, &[], &[fixture(FARM)]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<tr data-line=").count(), FARM_LINES);
    for n in 1..=FARM_LINES {
        assert!(html.contains(&format!("<tr data-line=\"{n}\" data-p-noise=\"")));
    }
    assert!(html.contains("data-label=\"noise\""));
    assert!(html.contains("data-label=\"content\""));
    // The page verdict.
    assert!(html.contains("content farm: <b>yes</b> (<mark>Quillmarsh</mark>)"));
    assert!(html.contains("spam score: <b>"));
    assert!(html.contains("lines kept: <b>"));
    // Brand spans are marked: the one glued into a sentence too.
    assert!(html.contains(
        "overhauled, <mark class=\"brand\" title=\"injected brand (brand-splice)\">Quillmarsh</mark>which"
    ));
    // Evidence in words on hover.
    let start = html
        .find(&format!("<tr data-line=\"{SHARE_LINE}\""))
        .unwrap();
    let share = &html[start..start + html[start..].find("</tr>").unwrap()];
    assert!(share.contains("title=\"line 12: noise"), "{share}");
    assert!(share.contains("detector: share bar"), "{share}");
    // The page's text is escaped, not markup.
    assert!(html.contains("Watch out for &lt;script&gt;alert(&quot;boo&quot;)&lt;/script&gt;"));
    assert_self_contained(&html);
    // No evaluation without --eval.
    assert!(!html.contains("id=\"evaluation\""));
    assert!(!html.contains("data-gold="));
    // Nothing left behind but the report.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn report_of_several_pages_lists_them() {
    let dir = TempDir::new().unwrap();
    let other = dir.path().join("short <page>.txt");
    std::fs::write(&other, "Home | News\n\nA short note on the weather.\n").unwrap();
    let (_, html) = report(&dir, &[], &[fixture(FARM), other]);
    assert_eq!(html.matches("<tr data-line=").count(), FARM_LINES + 3);
    assert_eq!(html.matches("<section class=\"page\"").count(), 2);
    assert!(html.contains("href=\"#page-2\">"));
    assert!(html.contains("short &lt;page&gt;.txt"));
    assert!(html.contains(" of 2 non-blank (3 lines)</li>"));
    assert!(!html.contains("wrong against gold"));
    assert!(html.contains("data-label=\"noise\" class=\"noise s10 blank\""));
}

#[test]
fn report_eval_adds_gold_labels_figures_and_plots() {
    let dir = TempDir::new().unwrap();
    let (_, html) = report(&dir, &["--eval"], &[fixture("labelled/millbrook.txt")]);
    assert_eq!(html.matches("<tr data-line=").count(), 14);
    assert_eq!(html.matches("data-gold=").count(), 14);
    assert_eq!(html.matches("data-gold=\"content\"").count(), 4);
    assert!(html.contains("id=\"evaluation\""));
    assert!(html.contains("id=\"macro-f1\""));
    assert!(html.contains("wrong against gold"));
    for words in [
        "paragraphs kept",
        "last paragraph kept",
        "prose noise kept",
        "pages whole",
    ] {
        assert!(html.contains(words), "{words}");
    }
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(html.contains("Reliability"));
    assert!(html.contains("Threshold sweep"));
    // Reliability bins account for every line.
    let lines: usize = html
        .split("data-lines=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse::<usize>().unwrap())
        .sum();
    assert_eq!(lines, 14);
    assert_self_contained(&html);

    // A folder of labelled files works too.
    let (_, html) = report(&dir, &["--eval"], &[fixture("labelled")]);
    assert_eq!(html.matches("data-gold=").count(), 14);
}

#[test]
fn report_errors_name_the_file_and_keep_the_old_report() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("r.html");
    std::fs::write(&out, "old").unwrap();
    let missing = dir.path().join("no-such-page.txt");
    bin()
        .arg("report")
        .arg("--out")
        .arg(&out)
        .arg(fixture(FARM))
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-page.txt"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");

    // A malformed labelled file: the file and the line.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "content\tfine\nwhat is this\n").unwrap();
    bin()
        .args(["report", "--eval", "--out"])
        .arg(&out)
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.txt:2"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");

    // A folder that does not exist for the output.
    bin()
        .arg("report")
        .arg("--out")
        .arg(dir.path().join("nowhere/r.html"))
        .arg(fixture(FARM))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write"));

    // Usage: no --out, no page, unknown flag.
    bin().arg("report").arg(fixture(FARM)).assert().code(2);
    bin().args(["report", "--out"]).arg(&out).assert().code(2);
    bin()
        .args(["report", "--bogus", "--out"])
        .arg(&out)
        .arg(fixture(FARM))
        .assert()
        .code(2);
}

/// The `chromium` binary on PATH, if any.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("chromium"))
        .find(|p| p.is_file())
}

/// Runs a command with a time limit; returns its stdout. Its stderr goes
/// to `log`, shown when it fails.
fn run_with_limit(cmd: &mut StdCommand, limit: Duration, log: &Path) -> Vec<u8> {
    let stderr = std::fs::File::create(log).unwrap();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let log_tail = || {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let start = text.len().saturating_sub(2000);
        let start = (start..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        text[start..].to_string()
    };
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).unwrap();
        buf
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.success(),
                "chromium failed: {status}\n{}",
                log_tail()
            );
            break;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("chromium took more than {limit:?}\n{}", log_tail());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

/// A decoded 8-bit RGB or RGBA PNG: width, height and RGB pixels.
fn decode_png(bytes: &[u8]) -> (usize, usize, Vec<[u8; 3]>) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let (mut w, mut h, mut channels) = (0, 0, 0);
    let mut data = Vec::new();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        let body = &bytes[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                w = u32::from_be_bytes(body[0..4].try_into().unwrap()) as usize;
                h = u32::from_be_bytes(body[4..8].try_into().unwrap()) as usize;
                assert_eq!(body[8], 8, "bit depth");
                channels = match body[9] {
                    2 => 3,
                    6 => 4,
                    t => panic!("PNG colour type {t}"),
                };
                assert_eq!(body[12], 0, "interlaced PNG");
            }
            b"IDAT" => data.extend_from_slice(body),
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&data[..])
        .read_to_end(&mut raw)
        .unwrap();
    let stride = w * channels;
    assert_eq!(raw.len(), h * (stride + 1));
    let mut img = vec![0u8; h * stride];
    for y in 0..h {
        let filter = raw[y * (stride + 1)];
        let src = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= channels {
                img[y * stride + x - channels]
            } else {
                0
            } as i32;
            let b = if y > 0 { img[(y - 1) * stride + x] } else { 0 } as i32;
            let c = if x >= channels && y > 0 {
                img[(y - 1) * stride + x - channels]
            } else {
                0
            } as i32;
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                f => panic!("PNG filter {f}"),
            };
            img[y * stride + x] = (src[x] as i32 + pred) as u8;
        }
    }
    let pixels = img.chunks(channels).map(|p| [p[0], p[1], p[2]]).collect();
    (w, h, pixels)
}

/// sRGB of `hsl(h s% l%)`.
fn hsl(h: f64, s: f64, l: f64) -> [u8; 3] {
    let (s, l) = (s / 100.0, l / 100.0);
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let hp = h / 60.0;
    let x = c * (1.0 - (hp % 2.0 - 1.0).abs());
    let (r, g, b) = match hp as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    [r, g, b].map(|v| ((v + m) * 255.0).round() as u8)
}

fn count_near(pixels: &[[u8; 3]], want: [u8; 3]) -> usize {
    pixels
        .iter()
        .filter(|p| p.iter().zip(want).all(|(a, b)| a.abs_diff(b) <= 3))
        .count()
}

#[test]
fn report_renders_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "chromium is not on PATH: CI must install it (apt-get install chromium) to test the HTML report"
        );
        eprintln!("skipping: chromium is not on PATH (install Debian's chromium package to run this test)");
        return;
    };
    let dir = TempDir::new().unwrap();
    let (html_path, _) = report(&dir, &[], &[fixture(FARM)]);
    let url = format!("file://{}", html_path.display());
    let base = |profile: &str| {
        let mut c = StdCommand::new(&chromium);
        // --disable-dev-shm-usage: containers often have a tiny /dev/shm.
        c.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join(profile).display()
        ))
        .env("HOME", dir.path());
        c
    };
    let limit = Duration::from_secs(120);

    let png = dir.path().join("x.png");
    run_with_limit(
        base("shot")
            .arg(format!("--screenshot={}", png.display()))
            .args(["--window-size=1200,900", "--hide-scrollbars"])
            .arg(&url),
        limit,
        &dir.path().join("shot.log"),
    );
    let bytes = std::fs::read(&png).expect("chromium wrote no screenshot");
    assert!(bytes.len() > 20_000, "screenshot of {} bytes", bytes.len());
    let (w, h, pixels) = decode_png(&bytes);
    assert_eq!((w, h), (1200, 900));
    // Not blank: the shaded rows are on screen, content (green) and noise
    // (rose), and the yellow of the marked brands.
    let content_rows = count_near(&pixels, hsl(140.0, 60.0, 93.0));
    let noise_rows = count_near(&pixels, hsl(350.0, 60.0, 91.0));
    let brand = count_near(&pixels, [0xff, 0xd5, 0x4a]);
    eprintln!("screenshot: {} bytes; content-shaded {content_rows}, noise-shaded {noise_rows}, brand-mark {brand} pixels", bytes.len());
    assert!(
        content_rows > 5_000,
        "content-shaded pixels: {content_rows}"
    );
    assert!(noise_rows > 5_000, "noise-shaded pixels: {noise_rows}");
    assert!(brand > 200, "brand-mark pixels: {brand}");

    let dom = run_with_limit(
        base("dom").arg("--dump-dom").arg(&url),
        limit,
        &dir.path().join("dom.log"),
    );
    let dom = String::from_utf8(dom).unwrap();
    assert!(dom.contains("<table class=\"lines\">"), "{dom}");
    assert_eq!(dom.matches("<tr data-line=").count(), FARM_LINES);
    assert_eq!(dom.matches(" data-p-noise=").count(), FARM_LINES);
    // The page's `<script>` stayed text.
    assert!(!dom.contains("<script"));
    assert!(dom.contains("&lt;script&gt;"));
}
