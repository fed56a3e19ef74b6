#!/usr/bin/env python3
"""farmeval: score newschaff on pages written by farmgen.py.

    python3 tools/farmgen/farmeval.py --bin PATH_TO_newschaff DIR [--by AXIS] [--json]
        [--model PATH] [--jobs N]
    python3 tools/farmgen/farmeval.py --check DIR      # verify DIR/truth.jsonl, no binary

For every page in DIR/truth.jsonl the label column is stripped and the text is fed on
stdin to `BIN score --format jsonl --summary -`. Farm pages are scored on:
  found      the page summary lists the injected brand (case-insensitive, exact);
  partial    a listed brand is only a part of the injected one, or contains it;
  wrong      pages where some other token was listed as a brand;
  flagged    the summary says content_farm;
  splice     spliced lines (truth) kept as content whose repaired text (`repaired`,
             else `text`) equals the story sentence exactly;
  affix      the same for title / headline lines with a brand affix;
  brandline  brand-only lines (truth) labelled noise;
  macro-F1   of content vs noise over all lines of the group (labels in the files).
Clean copies (truth brand null) are reported apart: false alarms (content_farm true),
pages with any brand taken, brands taken, macro-F1.
Tables are printed per value of every axis (or of --by AXIS); --json prints one
JSON object instead. Python 3 standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

AXES = ["title", "crumb", "splice", "product", "layout", "lang", "brandshape"]


def read_page(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            label, sep, text = line.partition("\t")
            if not sep or not text or not (label == "content" or label.startswith("noise")):
                raise ValueError(f"{path}:{n}: malformed labelled line")
            rows.append((label, text))
    return rows


def load_truth(folder):
    with open(os.path.join(folder, "truth.jsonl"), encoding="utf-8") as fh:
        return [json.loads(x) for x in fh if x.strip()]


def run_bin(binary, model, texts):
    cmd = [binary, "score", "--format", "jsonl", "--summary"] + (["--model", model] if model else []) + ["-"]
    res = subprocess.run(cmd, input=("\n".join(texts) + "\n").encode("utf-8"), capture_output=True)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {res.returncode}: {res.stderr.decode(errors='replace')[:300]}")
    lines, summary = {}, None
    for raw in res.stdout.decode("utf-8").splitlines():
        if raw.strip():
            obj = json.loads(raw)
            if "summary" in obj:
                summary = obj["summary"]
            else:
                lines[obj["line"]] = obj
    if summary is None or len(lines) != len(texts):
        raise RuntimeError(f"expected {len(texts)} lines and a summary, got {len(lines)} lines")
    return lines, summary


def run_filter(binary, model, truths, pages, site_memory, jobs, brand_pages=None):
    """All pages, in order, through one `newschaff filter --repair` run (JSON Lines with
    each page's URL), with or without `--site-memory`: per page the lines as `run_bin`
    gives them (content lines with their repaired text) and the summary."""
    cmd = [binary, "filter", "--repair", "--threads", str(max(1, jobs))] + (["--model", model] if model else [])
    cmd += (["--site-memory"] if site_memory else [])
    cmd += (["--site-brand-pages", str(brand_pages)] if site_memory and brand_pages is not None else []) + ["-"]
    records = "".join(json.dumps({"url": t.get("url", ""), "text": "\n".join(x for _, x in rows) + "\n"},
                                 ensure_ascii=False) + "\n" for t, rows in zip(truths, pages))
    res = subprocess.run(cmd, input=records.encode("utf-8"), capture_output=True)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {res.returncode}: {res.stderr.decode(errors='replace')[:300]}")
    outs = [json.loads(x) for x in res.stdout.decode("utf-8").splitlines() if x.strip()]
    if len(outs) != len(pages):
        raise RuntimeError(f"expected {len(pages)} records, got {len(outs)}")
    results = []
    for rows, rec in zip(pages, outs):
        # `line_noise` has one span per non-blank line; kept lines are those under 0.5
        # (the default threshold), written repaired, in order.
        ps = [p for _, _, p in rec["attributes"]["newschaff__line_noise"]]
        kept = rec["text"].split("\n")[:-1] if rec["text"] else []
        noise = [p >= 0.5 for p in ps]
        if len(kept) != noise.count(False):  # written rounded: 0.5 may be just under it
            noise = [p > 0.5 for p in ps]
        if len(noise) != len(rows) or len(kept) != noise.count(False):
            raise RuntimeError(f"cannot line up the output of {rec.get('url')}")
        out, it = {}, iter(kept)
        for n, ((_, text), is_noise) in enumerate(zip(rows, noise), 1):
            out[n] = {"label": "noise", "text": text} if is_noise else {"label": "content", "text": next(it)}
        results.append((out, rec["newschaff"]))
    return results


def score_page(truth, rows, out, summary):
    brand = truth["brand"]
    rec = {"forms": truth["forms"], "clean": brand is None, "flagged": bool(summary.get("content_farm"))}
    found = [b for b in summary.get("brands", [])]
    conf = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}  # content is the positive class
    for n, (label, _) in enumerate(rows, 1):
        gold, pred = label == "content", out[n]["label"] == "content"
        conf[("t" if gold == pred else "f") + ("p" if pred else "n")] += 1
    rec["conf"] = conf
    if brand is None:
        rec["taken"] = len(found)
        return rec
    low = brand.lower()
    rec["found"] = any(b.lower() == low for b in found)
    rec["partial"] = not rec["found"] and any(b.lower() in low or low in b.lower() for b in found)
    rec["wrong"] = [b for b in found if not (b.lower() in low or low in b.lower())]

    def exact(items):
        ok = 0
        for it in items:
            o = out[it["line"]]
            ok += o["label"] == "content" and o.get("repaired", o["text"]) == it["original"]
        return ok
    rec["splice"] = (exact(truth["spliced"]), len(truth["spliced"]))
    rec["affix"] = (exact(truth["affixed_lines"]), len(truth["affixed_lines"]))
    rec["brandline"] = (sum(out[n]["label"] == "noise" for n in truth["brand_lines"]), len(truth["brand_lines"]))
    return rec


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def aggregate(recs):
    conf = {k: sum(r["conf"][k] for r in recs) for k in ("tp", "fp", "fn", "tn")}
    fc = f1(conf["tp"], conf["fp"], conf["fn"])
    fn_ = f1(conf["tn"], conf["fn"], conf["fp"])
    agg = {"pages": len(recs), "macro_f1": round((fc + fn_) / 2, 4), "content_f1": round(fc, 4),
           "noise_f1": round(fn_, 4), "flagged": sum(r["flagged"] for r in recs)}
    farm = [r for r in recs if not r["clean"]]
    if farm:
        agg.update(
            brand_found=sum(r["found"] for r in farm), brand_partial=sum(r["partial"] for r in farm),
            wrong_brand_pages=sum(bool(r["wrong"]) for r in farm),
            **{f"{k}_{part}": sum(r[k][i] for r in farm) for k in ("splice", "affix", "brandline")
               for i, part in enumerate(("ok", "total"))})
    else:
        agg.update(brands_taken=sum(r["taken"] for r in recs), pages_with_brands=sum(r["taken"] > 0 for r in recs))
    return agg


def frac(a, b):
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "-"


def table(title, groups):
    print(f"\n{title}")
    farm = any("brand_found" in g for _, g in groups)
    if farm:
        print(f"{'value':<18}{'pages':>6}  {'found':<14}{'part':>5}{'wrong':>6}  {'flagged':<14}{'splice exact':<18}"
              f"{'affix exact':<18}{'brandline drop':<17}{'macroF1':>7}")
        for name, g in groups:
            p = g["pages"]
            print(f"{name:<18}{p:>6}  {frac(g['brand_found'], p):<14}{g['brand_partial']:>5}{g['wrong_brand_pages']:>6}  "
                  f"{frac(g['flagged'], p):<14}{frac(g['splice_ok'], g['splice_total']):<18}"
                  f"{frac(g['affix_ok'], g['affix_total']):<18}{frac(g['brandline_ok'], g['brandline_total']):<17}"
                  f"{g['macro_f1']:>7.3f}")
    else:
        print(f"{'value':<18}{'pages':>6}  {'false alarms':<16}{'pages w/ brands':<17}{'brands':>7}{'macroF1':>9}")
        for name, g in groups:
            print(f"{name:<18}{g['pages']:>6}  {frac(g['flagged'], g['pages']):<16}"
                  f"{frac(g['pages_with_brands'], g['pages']):<17}{g['brands_taken']:>7}{g['macro_f1']:>9.3f}")


def evaluate(args):
    truths = load_truth(args.dir)
    pages = [read_page(os.path.join(args.dir, t["file"])) for t in truths]

    if args.filter or args.site_memory:
        runs = run_filter(args.bin, args.model, truths, pages, args.site_memory, args.jobs, args.site_brand_pages)
        recs = [score_page(t, p, out, summary) for t, p, (out, summary) in zip(truths, pages, runs)]
    else:
        def one(k):
            out, summary = run_bin(args.bin, args.model, [text for _, text in pages[k]])
            return score_page(truths[k], pages[k], out, summary)
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
            recs = list(ex.map(one, range(len(truths))))
    farm = [r for r in recs if not r["clean"]]
    clean = [r for r in recs if r["clean"]]
    axes = [args.by] if args.by else AXES
    result = {"dir": args.dir, "farm": aggregate(farm) if farm else None, "by": {},
              "clean": aggregate(clean) if clean else None, "clean_by": {}}
    for ax in axes:
        for group, key in ((farm, "by"), (clean, "clean_by")):
            vals = sorted({r["forms"][ax] for r in group})
            if ax in ("layout", "lang") or key == "by":
                result[key][ax] = {v: aggregate([r for r in group if r["forms"][ax] == v]) for v in vals}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    if farm:
        table(f"farm pages ({len(farm)})", [("all", result["farm"])])
        for ax in axes:
            table(f"by {ax}", list(result["by"][ax].items()))
    if clean:
        table(f"clean copies ({len(clean)})", [("all", result["clean"])])
        for ax, groups in result["clean_by"].items():
            if groups:
                table(f"clean copies by {ax}", list(groups.items()))
    return 0


def check(folder):
    """Verify truth.jsonl against the pages: every brand occurrence accounted for,
    every `original` an exact repair of its line. Returns the number of problems."""
    sys.dont_write_bytecode = True  # keep the tool folder clean
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from farmgen import affix
    from stories import load_stories
    stories = {s.id: s for s in load_stories()}
    bad = 0

    def problem(t, msg):
        nonlocal bad
        bad += 1
        print(f"{t['file']}: {msg}")
    for t in load_truth(folder):
        rows = read_page(os.path.join(folder, t["file"]))
        b, story = t["brand"], stories[t["story"]]
        known = {}
        for it in t["spliced"]:
            label, text = rows[it["line"] - 1]
            known[it["line"]] = "splice"
            # the brand as spliced (`caps-spaced` writes it in capitals)
            sb = b if b in it["inserted"] else it["inserted"].strip()
            i = text.find(sb)
            repaired = text[:i] + text[i + len(sb):] if i >= 0 else None
            pre, _, post = it["inserted"].partition(sb)
            if repaired is not None and (pre.strip() or post.strip()):
                # set off by marks (commas, dashes, quotes, a slash, a colon): they go too
                repaired = text[:i - len(pre)] + text[i + len(sb) + len(post):]
            elif repaired is not None and it["inserted"] != sb:  # one added space goes too
                j = i - 1 if it["inserted"].startswith(" ") else i
                repaired = repaired[:j] + repaired[j + 1:]
            if label != "content" or text.count(sb) != 1 or repaired != it["original"] \
                    or it["original"] not in story.paragraphs or text.replace(it["inserted"], "", 1) != it["original"]:
                problem(t, f"splice line {it['line']} does not repair to its original")
        for it in t["affixed_lines"]:
            label, text = rows[it["line"] - 1]
            known[it["line"]] = "affix"
            head = affix(t["forms"]["title"], b, story.headline, story.lang)
            tail = text[len(head):]
            if label != "content" or not text.startswith(head) or it["original"] != story.headline + tail:
                problem(t, f"affixed line {it['line']} does not match its original")
        for key, want in (("brand_lines", "noise:brand"), ("product_lines", "noise:brand"), ("crumb_lines", "noise:nav")):
            for n in t[key]:
                label, text = rows[n - 1]
                known[n] = key
                if label != want or b not in text or (key == "brand_lines" and text != b):
                    problem(t, f"{key} line {n} is {label} {text!r}")
        for n, (label, text) in enumerate(rows, 1):
            if b is None:
                continue
            if b.lower() in text.lower() and n not in known and label != "noise:related":
                problem(t, f"line {n} has the brand but no truth entry")
            if n not in known and label == "content" and b.lower() in text.lower():
                problem(t, f"content line {n} carries the brand unexplained")
        if b is None and any(t[k] for k in ("spliced", "affixed_lines", "brand_lines", "product_lines", "crumb_lines")):
            problem(t, "clean page with brand entries")
        if b is not None and not known:
            problem(t, "farm page without any brand occurrence")
    print(f"checked {folder}: {bad} problems", file=sys.stderr)
    return bad


def main(argv=None):
    ap = argparse.ArgumentParser(description="Evaluate newschaff on farmgen pages (see README.md).")
    ap.add_argument("dir")
    ap.add_argument("--bin", help="path to the newschaff binary")
    ap.add_argument("--model", help="pass --model PATH to newschaff score")
    ap.add_argument("--by", choices=AXES, help="only this axis (default: every axis)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--jobs", type=int, default=1, help="binary runs in parallel (default 1)")
    ap.add_argument("--check", action="store_true", help="only verify truth.jsonl against the pages")
    ap.add_argument("--filter", action="store_true",
                    help="run all pages in order through one `newschaff filter --repair` (JSON Lines with URLs)")
    ap.add_argument("--site-memory", action="store_true",
                    help="the same with `filter --site-memory`: brands proved on a site's pages are looked for "
                         "on its later pages (make sites with farmgen --pages-per-site)")
    ap.add_argument("--site-brand-pages", type=int, metavar="N",
                    help="with --site-memory: pass --site-brand-pages N (0: lines only, no brands remembered)")
    args = ap.parse_args(argv)
    if args.check:
        return 1 if check(args.dir) else 0
    if not args.bin:
        ap.error("--bin is required unless --check is given")
    try:
        return evaluate(args)
    except (OSError, RuntimeError, ValueError, KeyError) as err:
        print(f"farmeval: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
