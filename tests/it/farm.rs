//! Content-farm pages written for these tests: brand discovery, spans and
//! repair through the real binary and the built-in model.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn bin() -> Command {
    Command::cargo_bin("newschaff").unwrap()
}

fn farm(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/farm")
        .join(name)
}

const PAGES: &[(&str, &str)] = &[
    ("zentrivo.txt", "Zentrivo"),
    ("kalmora.txt", "Kalmora Markets"),
    ("vexlora.txt", "Vexlora"),
    // Features version 6: a lower-case brand, and a two-word brand glued
    // through its second word and standing between two sentences.
    ("drovanqi.txt", "drovanqi"),
    ("tarrowin.txt", "Tarrowin Media"),
    // Features version 13: no title affix; the brand closes two paragraphs,
    // is glued after a capitalised word and is set off by commas.
    ("morvadel.txt", "Morvadel"),
    // Features version 14: set off by commas and dashes before a function
    // word, by stars (repair only) and once in capitals.
    ("pelvoraq.txt", "Pelvoraq"),
];

fn stdout(args: &[&str], page: &Path) -> String {
    let out = bin().args(args).arg(page).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn spliced_lines_are_restored_exactly_and_brand_lines_dropped() {
    let expected = std::fs::read_to_string(farm("expected-repairs.tsv")).unwrap();
    for (page, brand) in PAGES {
        let out = stdout(&["clean", "--repair"], &farm(page));
        for line in expected
            .lines()
            .filter_map(|l| l.strip_prefix(&format!("{page}\t")))
        {
            assert!(
                out.lines().any(|l| l == line),
                "{page}: not restored: {line}\n--- output:\n{out}"
            );
        }
        let first_word = brand.split(' ').next().unwrap();
        assert!(
            !out.contains(first_word),
            "{page}: brand left in output:\n{out}"
        );
    }
}

#[test]
fn without_repair_clean_is_byte_exact() {
    for (page, _) in PAGES {
        let input = std::fs::read_to_string(farm(page)).unwrap();
        let out = stdout(&["clean"], &farm(page));
        let mut rest = input.lines();
        for line in out.lines() {
            assert!(
                rest.any(|l| l == line),
                "{page}: {line:?} is not an input line in order"
            );
        }
    }
}

#[test]
fn summary_names_the_brand_and_jsonl_has_spans() {
    for (page, brand) in PAGES {
        let out = stdout(&["score", "--format", "jsonl", "--summary"], &farm(page));
        let recs: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let summary = &recs.last().unwrap()["summary"];
        assert_eq!(summary["content_farm"], true, "{page}");
        assert_eq!(summary["brands"][0], *brand, "{page}");
        assert!(summary["spam_score"].as_f64().unwrap() > 0.5);
        let evidence = summary["brand_evidence"][0].as_str().unwrap();
        assert!(
            evidence.starts_with(&format!("{brand}: "))
                && (evidence.contains("glued to a word in prose")
                    || evidence.contains("set off by marks inside a sentence")),
            "{page}: {evidence}"
        );
        let spliced: Vec<_> = recs
            .iter()
            .filter(|r| r["spans"].as_array().is_some_and(|s| !s.is_empty()))
            .collect();
        assert!(!spliced.is_empty(), "{page}");
        for r in spliced {
            let text = r["text"].as_str().unwrap();
            for sp in r["spans"].as_array().unwrap() {
                let (s, e) = (
                    sp["start"].as_u64().unwrap() as usize,
                    sp["end"].as_u64().unwrap() as usize,
                );
                // (a brand may be written in capitals, from version 14)
                assert!(
                    text[s..e]
                        .to_lowercase()
                        .contains(&brand.split(' ').next().unwrap().to_lowercase())
                        || sp["kind"] == "brand-line"
                );
            }
            if r["spans"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["kind"] != "brand-line")
            {
                assert!(r["repaired"].is_string(), "{r}");
            }
        }
        // Brand-only lines are noise.
        for r in &recs[..recs.len() - 1] {
            if r["spans"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["kind"] == "brand-line")
            {
                assert_eq!(r["label"], "noise", "{r}");
            }
        }
    }
}

/// Ordinary pages: an English one, and a Dutch one whose lower-case
/// compounds and verbs (`regenwaterkelder`, `loopt`, `overloopt`) features
/// version 14 took for a spliced brand and cut (version 15 looks for no
/// lower-case name in Dutch prose).
#[test]
fn ordinary_pages_are_not_content_farms() {
    for name in ["page.txt", "dutch-compounds.txt"] {
        let page = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let out = stdout(&["score", "--format", "jsonl", "--summary"], &page);
        let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
        assert_eq!(last["summary"]["content_farm"], false, "{name}");
        assert!(out.lines().all(|l| !l.contains("\"repaired\"")), "{name}");
        // And repair changes nothing on it.
        assert_eq!(
            stdout(&["clean", "--repair"], &page),
            stdout(&["clean"], &page),
            "{name}"
        );
    }
}

#[test]
fn explain_shows_features_and_detectors() {
    let out = stdout(
        &["score", "--explain-raw", "--color", "never"],
        &farm("zentrivo.txt"),
    );
    assert!(out.contains("why (+ noise, - content):"), "{out}");
    assert!(out.contains("detectors: counter"), "{out}");
    let json = stdout(
        &["score", "--explain-raw", "--format", "jsonl"],
        &farm("zentrivo.txt"),
    );
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert!(first["explain"]["features"].as_array().unwrap().len() <= 6);
    assert!(!first["explain"]["features"].as_array().unwrap().is_empty());
}

/// Features version 9: brands shown only as the affix of the page's own
/// headline (title, heading, related headlines, a product line), with no
/// splice (`ostrelle.txt`, a two-word brand), and a Chinese page whose
/// brand is also spliced between two characters (`vexqari.txt`).
#[test]
fn headline_affix_brands_are_found_and_cut_without_any_glue() {
    // (page, brand, lines `clean --repair` must give back exactly)
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "ostrelle.txt",
            "Ostrelle Capital",
            &[
                "Council votes to keep night buses running through winter | Quayside Times",
                "Council votes to keep night buses running through winter",
            ],
        ),
        (
            "vexqari.txt",
            "Vexqari",
            &[
                "市议会投票决定冬季继续运行夜间公交",
                "议员们表示，这些线路每晚运送约一千九百名乘客，其中大多数是医院员工、清洁工和在午夜之后下班的餐饮从业人员。",
            ],
        ),
    ];
    for (page, brand, repaired) in cases {
        let out = stdout(&["score", "--format", "jsonl", "--summary"], &farm(page));
        let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
        let summary = &last["summary"];
        assert_eq!(summary["content_farm"], true, "{page}");
        assert_eq!(summary["brands"][0], *brand, "{page}");
        let evidence = summary["brand_evidence"][0].as_str().unwrap();
        assert!(
            evidence.contains("affix of the headline in the title and on the page"),
            "{page}: {evidence}"
        );
        let clean = stdout(&["clean", "--repair"], &farm(page));
        for line in *repaired {
            assert!(
                clean.lines().any(|l| l == *line),
                "{page}: not given back: {line}\n--- output:\n{clean}"
            );
        }
        let first_word = brand.split(' ').next().unwrap();
        assert!(!clean.contains(first_word), "{page}: brand left:\n{clean}");
    }
}

/// Features version 10: a brand spliced between Chinese characters, with
/// no space on either side, counts as glued where the page also shows it
/// as a title affix or on a line of its own; `clean --repair` cuts it.
#[test]
fn brand_between_chinese_characters_is_found_from_its_affix_and_cut() {
    let page = "ruvexta.txt";
    let out = stdout(&["score", "--format", "jsonl", "--summary"], &farm(page));
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    let summary = &last["summary"];
    assert_eq!(summary["brands"][0], "Ruvexta", "{summary}");
    let evidence = summary["brand_evidence"][0].as_str().unwrap();
    assert!(
        evidence.contains("between Chinese or Japanese characters x2"),
        "{evidence}"
    );
    let clean = stdout(&["clean", "--repair"], &farm(page));
    for line in [
        "区图书馆周一宣布，从下月起到寒假结束，阅览室每天开放到晚上十一点，比平时多出三个小时，以方便备考的学生。",
        "不少学生此前在网上留言，希望在考试前能有更安静的学习场所，一些人甚至在附近的快餐店里复习到深夜。",
    ] {
        assert!(
            clean.lines().any(|l| l == line),
            "not given back: {line}\n--- output:\n{clean}"
        );
    }
    assert!(!clean.contains("Ruvexta"), "brand left:\n{clean}");
}

/// A lower-case brand spliced into paragraphs only, glued to a word on
/// either side and once on its own, is found (features version 11) and cut
/// by `clean --repair`, which gives every sentence back as it was written.
#[test]
fn lower_case_brand_spliced_only_in_prose_is_found_and_cut() {
    let page = "quvelstra.txt";
    let out = stdout(&["score", "--format", "jsonl", "--summary"], &farm(page));
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    let summary = &last["summary"];
    assert_eq!(summary["brands"][0], "quvelstra", "{summary}");
    let clean = stdout(&["clean", "--repair"], &farm(page));
    for line in [
        "Morning sailings will leave twenty minutes later than usual, and the last crossing of the evening will be dropped on weekdays until the work is finished in January.",
        "A spokesperson said the piles had been checked every year and that divers had found serious rot in eleven of them during the last inspection.",
        "Local councillors said they would press the operator to keep the late sailing on Fridays, when many islanders travel home from the city.",
    ] {
        assert!(
            clean.lines().any(|l| l == line),
            "not given back: {line}\n--- output:\n{clean}"
        );
    }
    assert!(!clean.contains("quvelstra"), "brand left:\n{clean}");
}

/// Features version 12: brands written with a joiner or a mark are found
/// and cut as the page writes them; a site's own domain in its title and
/// header, a compound written once and a name joined to a word are not
/// brands.
#[test]
fn brands_with_joiners_and_marks_are_found_and_cut_as_written() {
    for (page, brand, restored) in [
        (
            "quorvane-com.txt",
            "Quorvane.com",
            "A spokesperson said the piles had been checked every year and that divers had found serious rot in eleven of them during the last inspection.",
        ),
        (
            "zel-travik.txt",
            "Zel-travik",
            "Parents built the shelter over three weekends with timber given by a local sawmill, and their children painted the roof panels.",
        ),
    ] {
        let out = stdout(&["score", "--format", "jsonl", "--summary"], &farm(page));
        let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
        assert_eq!(last["summary"]["brands"][0], brand, "{page}: {last}");
        let clean = stdout(&["clean", "--repair"], &farm(page));
        assert!(
            clean.lines().any(|l| l == restored),
            "{page}: not given back\n{clean}"
        );
        assert!(!clean.contains(brand), "{page}: brand left\n{clean}");
    }
    let out = stdout(
        &["score", "--format", "jsonl", "--summary"],
        &farm("harbourwatch.txt"),
    );
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["summary"]["content_farm"], false, "{last}");
    assert_eq!(last["summary"]["brands"], serde_json::json!([]), "{last}");
}

/// Guards the search for the chunk around a name, which cut a no-break or
/// ideographic space in two and panicked (features versions 7 to 11):
/// `score` of such a page failed and `filter` stopped with no output.
#[test]
fn a_name_after_a_no_break_space_is_read_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("nbsp.txt");
    std::fs::write(
        &page,
        "Zentravo\u{a0}Pro Exchange\n\
         The council met on Tuesday and\u{a0}Zentravowho said the plan would go ahead after a long debate in the hall.\n\
         More people came to the meeting than ever before, and\u{3000}Zentravothe chair said so.\n\
         Zentravo\n",
    )
    .unwrap();
    let out = stdout(&["score", "--format", "jsonl", "--summary"], &page);
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["summary"]["brands"][0], "Zentravo", "{last}");
    let clean = stdout(&["clean", "--repair"], &page);
    assert!(
        clean.contains("The council met on Tuesday and\u{a0}who said"),
        "{clean}"
    );
}
