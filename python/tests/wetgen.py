"""Generated crawler input from our own pages (``training-data/``, labels
stripped): WET files as Common Crawl writes them (a warcinfo record, then
one ``conversion`` record per page, each record a gzip member of its own)
and JSON Lines.

Used by the tests and, from the command line, to make benchmark input::

    python python/tests/wetgen.py --mb 20 --wet /tmp/bench.warc.wet.gz --jsonl /tmp/bench.jsonl
"""

import argparse
import gzip
import json
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def pages(root=REPO / "training-data"):
    """The pages of ``training-data/`` as text, labels stripped, sorted by path."""
    out = []
    for p in sorted(Path(root).rglob("*.txt")):
        lines = []
        for line in p.read_text(encoding="utf-8").splitlines():
            _, _, text = line.partition("\t")
            lines.append(text)
        out.append((p.stem, "\n".join(lines) + "\n"))
    return out


def record(fields, content):
    """One WARC record's bytes: version line, fields, content, trailer."""
    head = ["WARC/1.0"] + [f"{k}: {v}" for k, v in fields] + [f"Content-Length: {len(content)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + content + b"\r\n\r\n"


def record_id(seed):
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}>"


def wet_records(docs, name="newschaff-test.warc.wet.gz"):
    """The records of a WET file: a warcinfo record, then one conversion
    record per ``(url, text)``; text may be ``bytes`` (to make records that
    are not text)."""
    info = b"Software-Info: newschaff tests\r\nExtracted-Date: Thu, 03 Dec 2026 00:00:00 GMT\r\n"
    out = [
        record(
            [
                ("WARC-Type", "warcinfo"),
                ("WARC-Date", "2026-12-03T00:00:00Z"),
                ("WARC-Filename", name),
                ("WARC-Record-ID", record_id("info:" + name)),
                ("Content-Type", "application/warc-fields"),
            ],
            info,
        )
    ]
    for url, text in docs:
        content = text if isinstance(text, bytes) else text.encode("utf-8")
        out.append(
            record(
                [
                    ("WARC-Type", "conversion"),
                    ("WARC-Target-URI", url),
                    ("WARC-Date", "2026-12-03T00:00:00Z"),
                    ("WARC-Record-ID", record_id(name + url)),
                    ("WARC-Refers-To", record_id("response:" + url)),
                    ("WARC-Block-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                    ("Content-Type", "text/plain"),
                ],
                content,
            )
        )
    return out


def write_wet(path, docs):
    """Writes a WET file; ``.gz``: one gzip member per record."""
    path = Path(path)
    recs = wet_records(docs, path.name)
    with open(path, "wb") as f:
        for r in recs:
            f.write(gzip.compress(r, mtime=0) if path.suffix == ".gz" else r)
    return len(recs)


def docs_of_size(mb, hosts=50):
    """``(url, text)`` pairs cycling over the pages up to ``mb`` megabytes."""
    ps = pages()
    out, total, i = [], 0, 0
    while total < mb * 1_000_000:
        name, text = ps[i % len(ps)]
        out.append((f"https://site{i % hosts}.example/{i}/{name}", text))
        total += len(text.encode("utf-8"))
        i += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10, help="megabytes of page text")
    ap.add_argument("--files", type=int, default=1, help="split the WET output over this many files")
    ap.add_argument("--wet", help="WET output (a .gz name: gzip member per record)")
    ap.add_argument("--jsonl", help="JSON Lines output ({id, url, text})")
    args = ap.parse_args()
    docs = docs_of_size(args.mb)
    if args.wet:
        if args.files == 1:
            write_wet(args.wet, docs)
        else:
            stem = args.wet
            for k in range(args.files):
                write_wet(stem.replace(".warc", f"-{k:03}.warc"), docs[k :: args.files])
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as f:
            for i, (url, text) in enumerate(docs):
                f.write(json.dumps({"id": i, "url": url, "text": text}) + "\n")
    print(f"{len(docs)} pages")


if __name__ == "__main__":
    main()
