//! `newschaff filter --site-memory` on a test stream: a line of prose that
//! a site repeats on every page is kept by the per-page model but dropped
//! once the memory has seen it on enough other pages of the same host.

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
