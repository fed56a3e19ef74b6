//! Integration tests that run the real `newschaff` binary.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn bin() -> Command {
    Command::cargo_bin("newschaff").unwrap()
}

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(p)
}

/// What `newschaff clean` keeps of a fixture page, with the built-in model.
fn clean_fixture(page: &str) -> String {
    let out = bin().arg("clean").arg(fixture(page)).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// Trains a model on the fixture pages into a temporary folder.
fn trained_model() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let model = dir.path().join("m.model");
    bin()
        .args(["train", "--out"])
        .arg(&model)
        .arg(fixture("fixtures/train"))
        .assert()
        .success()
        .stdout(predicate::str::contains("trained on 3 pages"));
    (dir, model)
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// `p_noise` of every line of `page` under `model`, from `score --format tsv`.
fn p_noise(model: &Path, page: &Path) -> Vec<f64> {
    let out = bin()
        .args(["score", "--format", "tsv", "--model"])
        .arg(model)
        .arg(page)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(3).unwrap().parse().unwrap())
        .collect()
}

/// Trains a model on the fixture pages with `args` into `dir/name`.
fn train_fixture_with(dir: &TempDir, name: &str, args: &[&str]) -> PathBuf {
    let model = dir.path().join(name);
    bin()
        .args(["train", "--out"])
        .arg(&model)
        .args(args)
        .arg(fixture("fixtures/train"))
        .assert()
        .success();
    model
}

#[test]
fn noise_prior_shifts_every_score_the_same_way() {
    let dir = TempDir::new().unwrap();
    let train = |name: &str, args: &[&str]| train_fixture_with(&dir, name, args);
    let plain = train("plain.model", &["--no-prior-correction"]);
    let noisy = train("noisy.model", &["--noise-prior", "0.95"]);
    let page = fixture("fixtures/page.txt");
    let (a, b) = (p_noise(&plain, &page), p_noise(&noisy, &page));
    assert_eq!(a.len(), b.len());
    assert!(a.iter().zip(&b).all(|(a, b)| b >= a), "{a:?} {b:?}");
    assert!(a.iter().zip(&b).any(|(a, b)| b > a), "{a:?} {b:?}");
    bin()
        .args(["train", "--noise-prior", "1.5", "--out"])
        .arg(dir.path().join("x.model"))
        .arg(fixture("fixtures/train"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("noise_prior 1.5"));
}

#[test]
fn train_score_clean_eval_end_to_end() {
    let (_dir, model) = trained_model();
    let out = bin()
        .args(["score", "--format", "jsonl", "--model"])
        .arg(&model)
        .arg(fixture("fixtures/page.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 19, "one record per input line");
    for (i, v) in lines.iter().enumerate() {
        assert_eq!(v["line"], i + 1);
        assert!(v["file"].as_str().unwrap().ends_with("page.txt"));
        let p = v["p_noise"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p));
        let label = v["label"].as_str().unwrap();
        assert_eq!(label == "noise", p >= 0.5, "label follows the threshold");
    }
    // The long article sentences are content, the menu is noise.
    assert_eq!(lines[10]["label"], "content");
    assert_eq!(lines[1]["label"], "noise");

    bin()
        .args(["eval", "--by-file", "--model"])
        .arg(&model)
        .arg(fixture("fixtures/train"))
        .assert()
        .success()
        .stdout(predicate::str::contains("macro-F1"))
        .stdout(predicate::str::contains("bridge.txt"));
}

/// `eval --sweep`: its 0.5 row is the main table's figures, and a higher
/// threshold never keeps fewer content lines.
#[test]
fn eval_sweep_agrees_with_the_main_table_and_is_monotone() {
    let (_dir, model) = trained_model();
    let out = bin()
        .args(["eval", "--json", "--sweep", "--model"])
        .arg(&model)
        .arg(fixture("fixtures/train"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = r["sweep"].as_array().unwrap();
    assert!(rows.len() >= 5);
    let half = rows.iter().find(|row| row["threshold"] == 0.5).unwrap();
    assert_eq!(half["macro_f1"], r["macro_f1"]);
    assert_eq!(half["content"], r["content"]);
    let recall: Vec<f64> = rows
        .iter()
        .map(|row| row["content"]["recall"].as_f64().unwrap())
        .collect();
    assert!(recall.windows(2).all(|w| w[0] <= w[1]), "{recall:?}");
}

/// Guards the byte-exact `clean` output against an expected file.
/// Set UPDATE_EXPECTED=1 to rewrite the file after an intended change.
#[test]
fn clean_output_matches_expected_file() {
    let (_dir, model) = trained_model();
    let out = bin()
        .args(["clean", "--model"])
        .arg(&model)
        .arg(fixture("fixtures/page.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = fixture("expected/page.clean.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected, &out.stdout).unwrap();
    }
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        std::fs::read_to_string(&expected).unwrap()
    );
}

/// Guards the README's own demo: `clean examples/page.txt` with the
/// built-in model keeps the headline and every paragraph of the article,
/// the last one (which an advertisement marker follows) included.
/// Set UPDATE_EXPECTED=1 to rewrite the file after an intended change.
#[test]
fn readme_demo_keeps_the_last_paragraph() {
    let out = bin()
        .arg("clean")
        .arg(fixture("../examples/page.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = fixture("expected/example-page.clean.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected, &out.stdout).unwrap();
    }
    let got = String::from_utf8_lossy(&out.stdout);
    assert_eq!(got, std::fs::read_to_string(&expected).unwrap());
    assert!(got.contains("A librarian said the reading room had been full"));
}

/// Features version 16: a German page's header block (the site's name and
/// a `Sie sind hier:` breadcrumb between the title and the heading) is
/// noise, the heading and the article are kept; a model of version 15
/// computes none of version 16's breadcrumbs.
#[test]
fn header_block_of_another_language_is_dropped_from_features_16() {
    let kept = clean_fixture("fixtures/header-block-de.txt");
    for furniture in [
        "Seepost Aktuell",
        "Sie sind hier: Startseite / Region",
        "Artikel teilen",
    ] {
        assert!(
            !kept.lines().any(|l| l == furniture),
            "{furniture:?} kept: {kept}"
        );
    }
    for content in [
        "Neue Fähre verbindet Lindau und Wasserburg ab Mai\n",
        "Ab dem ersten Mai fährt",
        "Die Fahrkarten gelten auch",
    ] {
        assert!(kept.contains(content), "{content:?} dropped: {kept}");
    }
    let crumb_fires = |model: Option<&str>| {
        let mut cmd = bin();
        cmd.args(["score", "--explain"]);
        if let Some(m) = model {
            cmd.arg("--model").arg(fixture(m));
        }
        let out = cmd
            .arg(fixture("fixtures/header-block-de.txt"))
            .assert()
            .success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let after = text.split("Sie sind hier:").nth(1).unwrap().to_string();
        let next_line = after.lines().nth(1).unwrap_or("").to_string();
        next_line.contains("detectors:") && next_line.contains("breadcrumb")
    };
    assert!(crumb_fires(None));
    assert!(!crumb_fires(Some("models/features-v15.model")));
}

/// Features version 16: the author's bio after the article is marked by
/// the `bio` detector, whose evidence pushes it towards noise (a feature,
/// not a verdict: right after the last paragraph the article step may
/// still keep it); the article's last paragraph is kept; a model of
/// version 15 has no bio detector.
#[test]
fn author_bio_is_detected_from_features_16() {
    let kept = clean_fixture("fixtures/bio-page.txt");
    assert!(kept.contains("By March the bakery had paid back"), "{kept}");
    // (whether the detector fired, whether its evidence pushed to noise)
    let bio = |model: Option<&str>| {
        let mut cmd = bin();
        cmd.args(["score", "--explain"]);
        if let Some(m) = model {
            cmd.arg("--model").arg(fixture(m));
        }
        let out = cmd.arg(fixture("fixtures/bio-page.txt")).assert().success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let after = text.split("Pell Aubrey").nth(1).unwrap().to_string();
        let mut lines = after.lines().skip(1);
        let fired = lines.next().is_some_and(|l| l.contains("detectors: bio"));
        let noise = lines
            .next()
            .is_some_and(|l| l.contains("towards noise: detector: author's bio"));
        (fired, noise)
    };
    assert_eq!(bio(None), (true, true));
    assert!(!bio(Some("models/features-v15.model")).0);
}

/// Guards the comment section of model format 7's article step: a model
/// trained on the fixture pages by this build drops the reader comments
/// after `Comments (23)` that the same tables kept under format 6 (the
/// features-v15 sample model), and keeps every paragraph of the article.
/// Set UPDATE_EXPECTED=1 to rewrite the file after an intended change.
#[test]
fn comment_section_after_a_comment_header_is_dropped_from_format_7() {
    const COMMENTS: [&str; 3] = [
        "Does anyone know whether the weekday bus",
        "My brother drives for the company",
        "Will the fares be the same",
    ];
    let clean = |model: &Path| {
        let out = bin()
            .args(["clean", "--model"])
            .arg(model)
            .arg(fixture("fixtures/comments-page.txt"))
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let old = clean(&fixture("models/features-v15.model"));
    assert!(
        COMMENTS.iter().all(|c| old.contains(c)),
        "precondition: format 6 keeps the comments: {old}"
    );
    let (_dir, model) = trained_model();
    let new = clean(&model);
    assert!(COMMENTS.iter().all(|c| !new.contains(c)), "{new}");
    let expected = fixture("expected/comments-page.clean.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected, &new).unwrap();
    }
    assert_eq!(new, std::fs::read_to_string(&expected).unwrap());
    for para in ["Night buses will run again", "The council said the service"] {
        assert!(new.contains(para) && old.contains(para), "{para}");
    }
}

#[test]
fn retraining_gives_the_same_model_bytes() {
    let (_a, m1) = trained_model();
    let (_b, m2) = trained_model();
    assert_eq!(std::fs::read(m1).unwrap(), std::fs::read(m2).unwrap());
}

/// Guards `train --short-pages`: the short pages are picked by a fixed
/// hash (the same bytes twice) and are trained on (another model than
/// without them).
#[test]
fn short_pages_training_is_reproducible_and_changes_the_model() {
    let dir = TempDir::new().unwrap();
    let train =
        |name: &str, extra: &[&str]| std::fs::read(train_fixture_with(&dir, name, extra)).unwrap();
    let a = train("a.model", &["--short-pages", "2"]);
    let b = train("b.model", &["--short-pages", "2"]);
    let plain = train("plain.model", &[]);
    assert_eq!(a, b);
    assert_ne!(a, plain);
    bin()
        .args(["train", "--short-pages", "21", "--out"])
        .arg(dir.path().join("bad.model"))
        .arg(fixture("fixtures/train"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("short_pages 21"));
}

#[test]
fn builtin_model_cleans_without_a_model_flag() {
    bin()
        .arg("clean")
        .arg(fixture("fixtures/page.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "The central library will stay open",
        ))
        .stdout(predicate::str::contains("Terms of Use").not());
}

/// Guards the page's own heading: it repeats the title's headline and
/// stands apart from the article (a byline, a date and a share bar
/// between), so the sequence smoothing used to drop it with the furniture
/// around it.
#[test]
fn builtin_model_keeps_the_page_heading() {
    let out = bin()
        .arg("clean")
        .arg(fixture("fixtures/page.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.lines()
            .any(|l| l == "Library extends opening hours over the exam season"),
        "{out}"
    );
    assert!(!out.contains("By Amir Castellano"), "{out}");
}

/// Guards short input: a model trained on long pages only learnt that a
/// page's first and last lines are furniture, and scored a short page of
/// plain prose (a news brief, a pasted paragraph) as noise; the training
/// excerpts (`train --excerpts`) fix that.
#[test]
fn a_short_page_of_prose_is_kept() {
    bin()
        .args(["clean", "-"])
        .write_stdin("The council met on Tuesday and voted to close the old bridge for repairs.\n")
        .assert()
        .success()
        .stdout("The council met on Tuesday and voted to close the old bridge for repairs.\n");
    bin()
        .args(["clean", "-"])
        .write_stdin(
            "Home\nNews\nThe council met on Tuesday and voted to close the old bridge for repairs, \
             which have been delayed since spring.\nThe mayor said the work would take six weeks \
             and cost less than expected.\nContact us\n",
        )
        .assert()
        .success()
        .stdout(predicate::str::contains("which have been delayed since spring.\n"))
        .stdout(predicate::str::contains("cost less than expected.\n"))
        .stdout(predicate::str::contains("Contact us").not());
}

/// A table written one cell per line (as converters render an HTML table)
/// inside an article is content: the model used to drop all of it as a
/// run of short menu-like lines.
#[test]
fn a_table_of_figures_written_one_cell_per_line_is_kept() {
    let out = clean_fixture("fixtures/standings.txt");
    let kept: Vec<&str> = out.lines().collect();
    for cell in [
        "Pos",
        "Points",
        "Tessa Hollin",
        "212",
        "Owen Pryce",
        "208",
        "Ines Varga",
    ] {
        assert!(kept.contains(&cell), "{cell:?} was dropped: {kept:?}");
    }
    for furniture in ["Home", "Weather", "Facebook", "© 2026 Valley Courier"] {
        assert!(
            !kept.contains(&furniture),
            "{furniture:?} was kept: {kept:?}"
        );
    }
}

/// Pages in Chinese and Russian (fixtures written by us): menus and the
/// furniture below the article are dropped, the article's sentences are
/// kept. The model of features version 2, which split no Chinese text into
/// words and knew no Russian function words, kept the menus.
#[test]
fn chinese_and_russian_menus_are_dropped_and_their_articles_kept() {
    let cases: [(&str, &[&str], &[&str]); 2] = [
        (
            "fixtures/page-zh.txt",
            &["市议会周二投票", "议员们表示", "一位居民在会后说"],
            &["新闻", "体育", "财经", "分享到微信", "相关新闻", "版权所有"],
        ),
        (
            "fixtures/page-ru.txt",
            &[
                "Городской совет",
                "По словам депутатов",
                "Одна из жительниц",
            ],
            &[
                "Новости",
                "Спорт",
                "Контакты",
                "Поделиться",
                "Читайте также",
                "©",
            ],
        ),
    ];
    for (page, content, furniture) in cases {
        let out = clean_fixture(page);
        let kept: Vec<&str> = out.lines().collect();
        for c in content {
            assert!(
                kept.iter().any(|l| l.starts_with(c)),
                "{page}: {c:?} was dropped: {kept:?}"
            );
        }
        for f in furniture {
            assert!(
                !kept.iter().any(|l| l.starts_with(f)),
                "{page}: {f:?} was kept: {kept:?}"
            );
        }
    }
}

#[test]
fn score_reads_stdin_and_writes_tsv() {
    bin()
        .args(["score", "--format", "tsv", "-"])
        .write_stdin("Home\nThe minister said on Friday that the new rules would apply from the first of June.\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("file\tline\tlabel\tp_noise\ttext\n-\t1\t"))
        .stdout(predicate::function(|s: &str| s.lines().count() == 3));
}

#[test]
fn clean_keeps_bytes_exactly_crlf_bom_invalid_utf8() {
    let dir = TempDir::new().unwrap();
    let sentence = "The harbour bridge reopened to traffic on Monday morning, six months after engineers found cracks in two of its steel supports.";
    let body = "Drivers queued from dawn to be among the first across, and the council said the crossing would stay free until the end of the year.";
    let input = format!(
        "\u{feff}Home\r\nNews\r\nSport\r\n{sentence}\r\n{body}\r\n{sentence} Caf\u{e9}\n{body}\r\nShare (12)\r\n"
    );
    let mut bytes = input.into_bytes();
    // Turn the last line's "é" into a lone Latin-1 byte: invalid UTF-8.
    let pos = bytes.windows(2).rposition(|w| w == "é".as_bytes()).unwrap();
    bytes.splice(pos..pos + 2, [0xE9]);
    let p = write(&dir, "page.txt", &bytes);
    let out = bin().arg("clean").arg(&p).output().unwrap();
    assert!(out.status.success());
    let want_1 = format!("{sentence}\r\n").into_bytes();
    assert!(
        out.stdout
            .windows(want_1.len())
            .any(|w| w == want_1.as_slice()),
        "CRLF kept"
    );
    let want_2 = b" Caf\xE9\n";
    assert!(
        out.stdout.windows(want_2.len()).any(|w| w == want_2),
        "invalid byte kept as it was"
    );
}

#[test]
fn empty_and_blank_inputs() {
    let dir = TempDir::new().unwrap();
    let empty = write(&dir, "empty.txt", b"");
    bin().arg("clean").arg(&empty).assert().success().stdout("");
    bin()
        .args(["score", "--format", "jsonl"])
        .arg(&empty)
        .assert()
        .success()
        .stdout("");
    let blank = write(&dir, "blank.txt", b"\n  \n\t\n");
    let out = bin()
        .args(["score", "--format", "jsonl"])
        .arg(&blank)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3, "blank lines get a verdict each");
    assert!(text
        .lines()
        .all(|l| l.contains("\"label\":\"noise\"") && l.contains("\"p_noise\":1.0")));
    bin().arg("clean").arg(&blank).assert().success().stdout("");
}

#[test]
fn binary_and_huge_lines_get_one_verdict_each() {
    let dir = TempDir::new().unwrap();
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    bytes.extend_from_slice(b"\n");
    bytes.extend(std::iter::repeat_n(b"word ".as_slice(), 400_000).flatten());
    bytes.extend_from_slice(b"\nlast line\n");
    let p = write(&dir, "bin.dat", &bytes);
    let lines_in = Page::count(&bytes);
    let out = bin()
        .args(["score", "--format", "tsv"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        lines_in + 1
    );
}

struct Page;
impl Page {
    /// Lines as newschaff counts them: `\n`, `\r\n` or a lone `\r` end a line.
    fn count(bytes: &[u8]) -> usize {
        newschaff::Page::from_bytes(bytes.to_vec()).len()
    }
}

#[test]
fn missing_path_and_folder_are_clear_errors() {
    bin()
        .args(["clean", "no/such/file.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/file.txt"));
    bin()
        .arg("clean")
        .arg(fixture("fixtures"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a folder"));
}

#[test]
fn bad_model_files_are_clear_errors() {
    let (dir, model) = trained_model();
    let good = std::fs::read(&model).unwrap();
    let mut corrupt = good.clone();
    let mid = corrupt.len() / 2;
    corrupt[mid] ^= 0xFF;
    let mut future = good.clone();
    future[8] = 99;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.model", vec![], "empty"),
        (
            "text.model",
            b"hello, I am not a model".to_vec(),
            "not a newschaff model",
        ),
        (
            "truncated.model",
            good[..good.len() - 100].to_vec(),
            "truncated",
        ),
        ("corrupt.model", corrupt, "checksum"),
        ("future.model", future, "version 99"),
    ];
    for (name, bytes, needle) in cases {
        let p = write(&dir, name, &bytes);
        bin()
            .args(["score", "--model"])
            .arg(&p)
            .arg(fixture("fixtures/page.txt"))
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(name).and(predicate::str::contains(needle)));
    }
}

#[test]
fn malformed_labelled_files_name_file_and_line() {
    let dir = TempDir::new().unwrap();
    let cases: Vec<(&str, &[u8], &str)> = vec![
        (
            "notab.txt",
            b"content\tfine\nnoise just spaces\n",
            "notab.txt:2: no tab",
        ),
        (
            "label.txt",
            b"content\tfine\nspam\tx\n",
            "label.txt:2: unknown label",
        ),
        (
            "utf.txt",
            b"content\t\xFF\xFE\n",
            "utf.txt:1: invalid UTF-8",
        ),
    ];
    for (name, bytes, needle) in cases {
        let p = write(&dir, name, bytes);
        bin()
            .args(["train", "--out"])
            .arg(dir.path().join("x.model"))
            .arg(&p)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(needle));
    }
    assert!(
        !dir.path().join("x.model").exists(),
        "no model written on error"
    );
    let one = write(
        &dir,
        "one.txt",
        b"content\tonly content here.\ncontent\tand more.\n",
    );
    bin()
        .args(["train", "--out"])
        .arg(dir.path().join("x.model"))
        .arg(&one)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("only one class"));
}

#[test]
fn broken_pipe_exits_zero() {
    let dir = TempDir::new().unwrap();
    let big = "Home\nThe council met on Tuesday and agreed the plan after a long debate.\n"
        .repeat(50_000);
    let p = write(&dir, "big.txt", big.as_bytes());
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("newschaff"))
        .args(["score", "--format", "jsonl"])
        .arg(&p)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "exit {status:?}, stderr {err}");
    assert!(err.is_empty(), "nothing on stderr: {err}");
}

/// One sample model per format version (tests/models/format-v*), and one
/// per features version this build still computes (features-v*; the
/// format-v2 and format-v3 models have features version 2, features-v3 is
/// format 3, features-v5 and features-v6 format 4, features-v7 and
/// features-v8 format 5, features-v9, features-v10, features-v11,
/// features-v12, features-v13, features-v14 and features-v15 format 6,
/// features-v16 format 7, format-v8 (features version 16) format 8; the
/// default model is format 9),
/// each trained
/// on tests/fixtures/train by the build of its day. They load and score
/// exactly as the build of their day did; format version 1 is still
/// decoded, and is refused with a clear message because its features
/// (version 1) are not computed any more.
#[test]
fn sample_models_of_each_format_version() {
    for current in [
        "format-v2",
        "format-v3",
        "features-v3",
        "features-v5",
        "features-v6",
        "features-v7",
        "features-v8",
        "features-v9",
        "features-v10",
        "features-v11",
        "features-v12",
        "features-v13",
        "features-v14",
        "features-v15",
        "features-v16",
        "format-v8",
    ] {
        let want =
            std::fs::read_to_string(fixture(&format!("expected/{current}-page.tsv"))).unwrap();
        bin()
            .current_dir(fixture(""))
            .args(["score", "--format", "tsv", "--model"])
            .arg(format!("models/{current}.model"))
            .arg("fixtures/page.txt")
            .assert()
            .success()
            .stdout(predicate::eq(want));
    }
    bin()
        .args(["score", "--model"])
        .arg(fixture("models/format-v1.model"))
        .arg(fixture("fixtures/page.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "format-v1.model: features version 1 is not one this build computes (2 to 16); retrain",
        ));
}

#[test]
fn usage_errors_exit_two() {
    bin().args(["score", "--threshold", "7"]).assert().code(2);
    bin().arg("frobnicate").assert().code(2);
    bin().assert().code(2);
    bin().arg("--help").assert().success().stdout(
        predicate::str::contains("Exit codes:")
            .and(predicate::str::contains("2  wrong usage"))
            .and(predicate::str::contains("3  partial failure")),
    );
    let _ = std::io::stdout().flush();
}

/// The mode bits of a file, and of a new file written the ordinary way in
/// the same folder (what the umask allows).
#[cfg(unix)]
pub fn modes(p: &Path) -> (u32, u32) {
    use std::os::unix::fs::PermissionsExt;
    let probe = p.with_extension("probe");
    std::fs::write(&probe, b"x").unwrap();
    let m = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let r = (m(p), m(&probe));
    std::fs::remove_file(probe).unwrap();
    r
}

/// Guards `label a b` running several pages together on stdout, where no
/// tool can split them again: several pages need --out-dir, which writes
/// one labelled file per page.
#[test]
fn label_writes_one_file_per_page_with_out_dir() {
    let dir = TempDir::new().unwrap();
    let page = fixture("fixtures/page.txt");
    let standings = fixture("fixtures/standings.txt");
    bin()
        .arg("label")
        .arg(&page)
        .arg(&standings)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--out-dir"));
    let alone = |p: &Path| {
        bin()
            .arg("label")
            .arg(p)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let out_dir = dir.path().join("labelled");
    bin()
        .args(["label", "--out-dir"])
        .arg(&out_dir)
        .arg(&page)
        .arg(&standings)
        .assert()
        .success()
        .stdout("");
    for (input, name) in [(&page, "page.txt"), (&standings, "standings.txt")] {
        let written = out_dir.join(name);
        assert_eq!(std::fs::read(&written).unwrap(), alone(input), "{name}");
        #[cfg(unix)]
        {
            let (mode, ordinary) = modes(&written);
            assert_eq!(mode, ordinary, "{name}: ordinary permissions");
        }
    }
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 2);
    // The files are training data as written.
    bin().arg("eval").arg(&out_dir).assert().success();
    // Existing files are not overwritten; stdin has no name; two pages of
    // the same name would collide.
    let before = std::fs::read(out_dir.join("page.txt")).unwrap();
    bin()
        .args(["label", "--out-dir"])
        .arg(&out_dir)
        .arg(&page)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("page.txt exists"));
    assert_eq!(std::fs::read(out_dir.join("page.txt")).unwrap(), before);
    bin()
        .args(["label", "--out-dir"])
        .arg(dir.path().join("x"))
        .arg("-")
        .write_stdin("Home\n")
        .assert()
        .code(2);
    let other = write(&dir, "page.txt", b"Home\nThe council met on Tuesday.\n");
    bin()
        .args(["label", "--out-dir"])
        .arg(dir.path().join("y"))
        .arg(&page)
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two pages"));
    assert!(!dir.path().join("x").exists() && !dir.path().join("y").exists());
}

/// Guards doubled error text in `train`: the path said twice ("... at path
/// ..." from the temporary file, the folder, then the file) and the
/// operating system's reason said twice.
#[test]
fn train_errors_name_the_path_once() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("missing").join("m.model");
    let cases: Vec<(Vec<std::ffi::OsString>, String)> = vec![
        (
            vec![
                "--out".into(),
                out.clone().into(),
                fixture("fixtures/train").into(),
            ],
            out.display().to_string(),
        ),
        (
            vec![
                "--out".into(),
                dir.path().join("m.model").into(),
                "no/such/folder".into(),
            ],
            "no/such/folder".into(),
        ),
    ];
    for (args, path) in cases {
        let o = bin().arg("train").args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(err.matches(&path).count(), 1, "{err}");
        assert_eq!(err.matches("os error 2").count(), 1, "{err}");
        assert!(!err.contains("at path"), "{err}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Guards model files readable only by their owner (0600, from the
/// temporary file they were written through).
#[cfg(unix)]
#[test]
fn trained_model_has_ordinary_permissions() {
    let (_dir, model) = trained_model();
    let (mode, ordinary) = modes(&model);
    assert_eq!(mode, ordinary, "{mode:o} against {ordinary:o}");
}

#[test]
fn train_help_says_where_the_model_goes() {
    bin().args(["train", "--help"]).assert().success().stdout(
        predicate::str::contains("models/default.model").and(
            predicate::str::contains("relative to\n          the working directory").or(
                predicate::str::contains("relative to the working directory"),
            ),
        ),
    );
}

/// Guards typos in noise kinds (`noise:navv`): they were accepted as kinds
/// of their own.
#[test]
fn unknown_noise_kinds_name_file_line_and_the_allowed_kinds() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "kinds.txt",
        b"noise:nav\tHome\ncontent\tThe council met on Tuesday.\nnoise:navv\tSport\n",
    );
    bin()
        .args(["train", "--out"])
        .arg(dir.path().join("m.model"))
        .arg(&p)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("kinds.txt:3: unknown label \"noise:navv\"").and(
                predicate::str::contains(
                    "nav, meta, engagement, related, prompt, ad, comments, footer, brand, other",
                ),
            ),
        );
}

/// Guards the TSV summary row, which left out fields the JSON Lines
/// summary has.
#[test]
fn tsv_summary_has_the_fields_of_the_jsonl_summary() {
    let dir = std::fs::read_dir(fixture("fixtures/farm")).unwrap();
    let mut pages: Vec<PathBuf> = dir
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.sort();
    pages.push(fixture("fixtures/page.txt"));
    for page in pages {
        let run = |format: &str| {
            let o = bin()
                .args(["score", "--summary", "--format", format])
                .arg(&page)
                .output()
                .unwrap();
            assert!(o.status.success());
            String::from_utf8(o.stdout).unwrap()
        };
        let jsonl = run("jsonl");
        let summary: serde_json::Value =
            serde_json::from_str(jsonl.lines().last().unwrap()).unwrap();
        let summary = summary["summary"].as_object().unwrap().clone();
        let tsv = run("tsv");
        let row: Vec<&str> = tsv.lines().last().unwrap().split('\t').collect();
        assert_eq!(row[0], "# summary");
        let cells: Vec<(&str, &str)> = row[2..]
            .iter()
            .map(|c| c.split_once('=').unwrap())
            .collect();
        let names: Vec<&str> = cells.iter().map(|c| c.0).collect();
        let want: Vec<&str> = summary.keys().map(|k| k.as_str()).collect();
        assert_eq!(names, want, "{}", page.display());
        for (name, value) in cells {
            let j = &summary[name];
            let same = match j {
                serde_json::Value::Array(a) => {
                    let brands: Vec<&str> = a.iter().map(|b| b.as_str().unwrap()).collect();
                    brands.join("|") == value
                }
                serde_json::Value::Number(n) => {
                    (n.as_f64().unwrap() - value.parse::<f64>().unwrap()).abs() < 1e-4
                }
                other => *other == value.parse::<serde_json::Value>().unwrap(),
            };
            assert!(same, "{}: {name}: {j} against {value}", page.display());
        }
    }
}

/// Version 3 of the article step: a date and a byline between the
/// paragraphs of a short article were pulled into it by the smoothing,
/// whatever their own detectors said; they keep their own scores now.
#[test]
fn date_and_byline_inside_a_short_article_stay_noise() {
    let out = bin()
        .args(["score", "--format", "tsv"])
        .arg(fixture("fixtures/short-article.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let tsv = String::from_utf8(out.stdout).unwrap();
    let label = |text: &str| {
        tsv.lines()
            .find(|l| l.ends_with(&format!("\t{text}")))
            .and_then(|l| l.split('\t').nth(2))
            .unwrap_or_else(|| panic!("no line {text}:\n{tsv}"))
            .to_string()
    };
    assert_eq!(label("9 hours ago"), "noise", "{tsv}");
    assert_eq!(label("By Lena Ostrova"), "noise", "{tsv}");
    for l in tsv.lines().skip(1) {
        let text = l.split('\t').nth(4).unwrap();
        if text.split(' ').count() >= 12 {
            assert_eq!(l.split('\t').nth(2), Some("content"), "{l}");
        }
    }
}
