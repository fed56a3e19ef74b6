//! `newschaff filter --site-memory` on a test stream: a line of prose that
//! a site repeats on every page is kept by the per-page model but dropped
//! once the memory has seen it on enough other pages of the same host; a
//! content farm's brand that two pages of a host prove is cut from the
//! host's later pages where a page alone would not prove it.

use assert_cmd::Command;

fn bin() -> Command {
    Command::cargo_bin("newschaff").unwrap()
}

/// The site's repeated line: reads like article prose, so a model that
/// sees one page at a time keeps it.
const BOILER: &str = "Our reporters live and work in the valley, and we have covered its councils, courts and schools for a century.";

/// Five short stories of our own: a headline and four paragraphs each.
const STORIES: [[&str; 5]; 5] = [
    [
        "Harbour dredging to begin in spring",
        "The port authority said on Thursday that dredging of the inner harbour would begin in March and last about six weeks.",
        "Fishing boats will be moved to the east quay while the work goes on, and the ferry timetable will not change.",
        "The project was approved last year after two winters of silting left the channel too shallow at low tide.",
        "A spokesman said the cost would be shared with the county and a national fund for small ports.",
    ],
    [
        "Library extends weekend hours",
        "The town library will stay open until six on Saturdays from next month, the council announced after a survey of users.",
        "Staff said the busiest hours were late afternoon, when students came in after sport and families visited together.",
        "The change costs little because volunteers from the reading group offered to help at the front desk.",
        "Opening hours on weekdays stay the same, and the mobile library will keep its village rounds.",
    ],
    [
        "New cycle lane splits opinion",
        "A painted cycle lane on Mill Road has drawn praise from riders and complaints from shop owners who lost parking spaces.",
        "The council said it would count traffic for three months before deciding whether to make the lane permanent.",
        "Several traders said deliveries had become harder because vans now stop in the side streets instead.",
        "Riders said the lane felt safer at the junction with the station road, where two cyclists were hurt last winter.",
    ],
    [
        "School choir wins regional prize",
        "The choir of Westbrook Primary took first prize at the regional festival on Sunday with a programme of folk songs.",
        "Its conductor said the children had rehearsed twice a week since September and were thrilled by the result.",
        "The choir will sing at the national final in June, and parents are raising money for the coach.",
        "The head teacher said the prize money would buy new music stands and a second keyboard for the hall.",
    ],
    [
        "Bakery marks fifty years",
        "A family bakery on the high street celebrated fifty years of trading this week with free buns for its first customers.",
        "The founder's granddaughter now runs the shop and still uses the rye recipe her grandmother brought from abroad.",
        "Regulars queued from seven in the morning, and some brought photographs of the shop from its early years.",
        "The bakery plans to open a small cafe in the back room once the building work next door is finished.",
    ],
];

/// A story with the site's line after its first paragraph.
fn text(story: &[&str; 5]) -> String {
    let mut lines = vec![story[0], story[1], BOILER];
    lines.extend(&story[2..]);
    lines.join("\n") + "\n"
}

/// The five stories from one host, then the first story again from another.
fn stream() -> String {
    let mut s = String::new();
    for (i, story) in STORIES.iter().enumerate() {
        s.push_str(&format!(
            "{{\"id\":{i},\"text\":{},\"metadata\":{{\"url\":\"https://www.valley-times.example/news/{i}\"}}}}\n",
            serde_json::to_string(&text(story)).unwrap()
        ));
    }
    s.push_str(&format!(
        "{{\"id\":5,\"url\":\"https://other.example/a\",\"text\":{}}}\n",
        serde_json::to_string(&text(&STORIES[0])).unwrap()
    ));
    s
}

fn run(args: &[&str], input: &str) -> Vec<serde_json::Value> {
    let out = bin()
        .arg("filter")
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
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

fn kept(rec: &serde_json::Value) -> bool {
    rec["text"].as_str().unwrap().contains(BOILER)
}

#[test]
fn site_memory_drops_prose_boilerplate_the_page_model_keeps() {
    let input = stream();
    let plain = run(&[], &input);
    assert_eq!(plain.len(), 6);
    assert!(
        plain.iter().all(kept),
        "precondition: the per-page model keeps the site's line on every page"
    );

    let with = run(&["--site-memory"], &input);
    assert_eq!(with.len(), 6);
    let verdicts: Vec<bool> = with.iter().map(kept).collect();
    // Seen on 0, 1, 2 earlier pages: kept; on 3 and 4: boilerplate. The
    // other host has not seen it before.
    assert_eq!(verdicts, [true, true, true, false, false, true]);
    // The span of the line in characters of the input text, and the count.
    let start = STORIES[4][0].chars().count() + 1 + STORIES[4][1].chars().count() + 1;
    let end = start + BOILER.chars().count();
    assert_eq!(
        with[4]["attributes"]["newschaff__site_repeat"],
        serde_json::json!([[start, end, 4]])
    );
    // Nothing else changes: the stories' own lines are kept as before.
    for (p, w) in plain.iter().zip(&with) {
        let p = p["text"]
            .as_str()
            .unwrap()
            .replace(&format!("{BOILER}\n"), "");
        let w = w["text"]
            .as_str()
            .unwrap()
            .replace(&format!("{BOILER}\n"), "");
        assert_eq!(p, w);
    }
}

#[test]
fn site_memory_is_the_same_with_any_number_of_threads() {
    let input = stream().repeat(30);
    let one = run(&["--site-memory", "--threads", "1"], &input);
    let four = run(&["--site-memory", "--threads", "4"], &input);
    assert_eq!(one, four);
    assert_eq!(one.len(), 180);
}

#[test]
fn site_min_pages_sets_how_often_a_line_must_repeat() {
    let with = run(&["--site-memory", "--site-min-pages", "1"], &stream());
    let verdicts: Vec<bool> = with.iter().map(kept).collect();
    assert_eq!(verdicts, [true, false, false, false, false, true]);
}

#[test]
fn site_memory_reads_hosts_from_wet_records() {
    let mut input = String::new();
    for (i, story) in STORIES.iter().enumerate() {
        let content = text(story);
        input.push_str(&format!(
            "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nWARC-Target-URI: http://valley-times.example/{i}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{content}\r\n\r\n",
            content.len()
        ));
    }
    let out = bin()
        .args([
            "filter",
            "--format",
            "wet",
            "--to",
            "jsonl",
            "--site-memory",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let verdicts: Vec<bool> = recs.iter().map(kept).collect();
    assert_eq!(verdicts, [true, true, true, false, false]);
}

/// Three pages of a content farm of our own
/// (`tests/fixtures/farm-site.jsonl`, one host). The first two prove its
/// brand on their own (glued into sentences, a title affix, a line of its
/// own); the third only has it inserted between words with spaces, which a
/// page alone does not prove.
const FARM_SITE: &str = include_str!("../fixtures/farm-site.jsonl");
const FARM_BRAND: &str = "Vexorquil";

/// The text of page `i` of the farm.
fn farm_page(i: usize) -> String {
    let rec: serde_json::Value = serde_json::from_str(FARM_SITE.lines().nth(i).unwrap()).unwrap();
    rec["text"].as_str().unwrap().to_string()
}

/// The farm's three pages from its host, then the third page again from
/// another host.
fn farm_stream() -> String {
    let mut s = FARM_SITE.to_string();
    s.push_str(&format!(
        "{{\"url\":\"https://news.example/a\",\"text\":{}}}\n",
        serde_json::to_string(&farm_page(2)).unwrap()
    ));
    s
}

fn brands(rec: &serde_json::Value) -> Vec<String> {
    rec["newschaff"]["brands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn site_memory_cuts_a_brand_two_pages_of_the_host_proved() {
    let input = farm_stream();
    let plain = run(&["--repair"], &input);
    let found: Vec<bool> = plain.iter().map(|r| !brands(r).is_empty()).collect();
    assert_eq!(
        found,
        [true, true, false, false],
        "precondition: a page alone proves the brand on the first two pages only"
    );
    assert!(plain[2]["text"].as_str().unwrap().contains(FARM_BRAND));

    let with = run(&["--repair", "--site-memory"], &input);
    let found: Vec<bool> = with.iter().map(|r| !brands(r).is_empty()).collect();
    // Known for its host from the third page on; not for another host.
    assert_eq!(found, [true, true, true, false]);
    let third = with[2]["text"].as_str().unwrap();
    assert!(!third.contains(FARM_BRAND), "{third}");
    assert!(third.contains("The central library will stay open until ten at night"));
    let evidence = with[2]["newschaff"]["brand_evidence"][0].as_str().unwrap();
    assert!(
        evidence.contains("a brand of the site's other pages"),
        "{evidence}"
    );
    assert!(with[3]["text"].as_str().unwrap().contains(FARM_BRAND));
    // Everything but the third page is as without the memory.
    for i in [0, 1, 3] {
        assert_eq!(with[i]["text"], plain[i]["text"], "page {i}");
    }
}

#[test]
fn site_brand_pages_sets_how_many_pages_must_prove_a_brand() {
    let input = farm_stream();
    for (n, want) in [("0", false), ("2", true), ("3", false)] {
        let with = run(&["--site-memory", "--site-brand-pages", n], &input);
        assert_eq!(!brands(&with[2]).is_empty(), want, "--site-brand-pages {n}");
    }
}

#[test]
fn site_brand_memory_is_the_same_with_any_number_of_threads() {
    // Pages of many farm hosts, interleaved, so that brands become known
    // inside batches and across them.
    let mut input = String::new();
    for round in 0..3 {
        for host in 0..40 {
            let text = farm_page((round + host) % 3);
            input.push_str(&format!(
                "{{\"url\":\"https://farm{host}.example/{round}\",\"text\":{}}}\n",
                serde_json::to_string(&text).unwrap()
            ));
        }
    }
    let one = run(&["--site-memory", "--threads", "1"], &input);
    let four = run(&["--site-memory", "--threads", "4"], &input);
    assert_eq!(one, four);
    assert_eq!(one.len(), 120);
    // 80 pages prove the brand; the third page of the 14 hosts (0, 3, ...,
    // 39) that show it after the two proving ones takes it too.
    let known = one.iter().filter(|r| !brands(r).is_empty()).count();
    assert_eq!(known, 80 + 14);
}
