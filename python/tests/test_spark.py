"""The Spark job in local[2] over generated WET files (one gzip member per
record, as Common Crawl writes them): one document per input record, the
same content as `newschaff filter` on the same files, and the counters."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_binary
from wetgen import pages, write_wet

IN_CI = os.environ.get("CI", "").lower() == "true"


def need(what, why):
    """Skips the test outside CI; fails it under CI=true."""
    if IN_CI:
        pytest.fail(f"{what} is missing under CI=true: {why}")
    pytest.skip(f"{what} is missing: {why}")


@pytest.fixture(scope="module")
def newschaff_bin():
    b = os.environ.get("NEWSCHAFF_BIN") or cli_binary()
    if not b or not Path(b).is_file():
        need("the newschaff binary", "set NEWSCHAFF_BIN (python/ci.sh sets it after `cargo test` built it)")
    return str(b)


@pytest.fixture(scope="module")
def wet_files(tmp_path_factory):
    """Three WET files from our training pages, one record per gzip member;
    the first also holds a conversion record that is not text."""
    pytest.importorskip("pyspark") if not IN_CI else __import__("pyspark")
    d = tmp_path_factory.mktemp("wet")
    ps = pages()
    paths = []
    for k in range(3):
        docs = [(f"https://site{i % 7}.example/{k}/{i}/{name}", text) for i, (name, text) in enumerate(ps[k::3])]
        if k == 0:
            docs.append(("https://site0.example/binary", b"\x00\x01\x02\x00\x00\x00\x00\x00" * 40))
        p = d / f"part-{k}.warc.wet.gz"
        write_wet(p, docs)
        paths.append(p)
    return paths


def cli_documents(binary, paths):
    """`newschaff filter --to jsonl` over each file: {record id: (text, verdict, error)}."""
    out = {}
    n = 0
    for p in paths:
        r = subprocess.run([binary, "filter", "-q", "--max-failures", "1", "--to", "jsonl", str(p)], capture_output=True)
        assert r.returncode == 0, r.stderr.decode()
        for line in r.stdout.decode("utf-8").splitlines():
            d = json.loads(line)
            out[d["id"]] = (d.get("text"), d.get("newschaff"), d.get("newschaff_error"))
            n += 1
    assert n == len(out)
    return out


def spark_documents(folder):
    docs = []
    for part in sorted(Path(folder).glob("part-*")):
        docs += [json.loads(x) for x in part.read_text(encoding="utf-8").splitlines()]
    return docs


def test_spark_job_matches_the_command_line(tmp_path, wet_files, newschaff_bin):
    out = tmp_path / "docs"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    r = subprocess.run(
        [sys.executable, "-m", "newschaff.spark", "--master", "local[2]", str(out)] + [str(p) for p in wet_files],
        capture_output=True,
        env=env,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    cli = cli_documents(newschaff_bin, wet_files)
    docs = spark_documents(out)
    # One document per input record, each record once.
    assert len(docs) == len(cli)
    spark = {d["warc_record_id"]: (d["text"], d["verdict"], d["error"]) for d in docs}
    assert spark.keys() == cli.keys()
    assert spark == cli
    kinds = [d["warc_type"] for d in docs]
    assert kinds.count("warcinfo") == 3
    failed = [d for d in docs if d["error"]]
    assert len(failed) == 1 and "not text" in failed[0]["error"]
    cleaned = [d for d in docs if d["verdict"]]
    assert all("newschaff__line_noise" in d["attributes"] for d in cleaned)
    # The counters.
    stats = r.stderr.decode().strip().splitlines()
    line = next(x for x in stats if x.startswith("newschaff: ") and "records in" in x)
    n = len(cli)
    assert line == f"newschaff: {n} records in, {n} documents out, 1 failed"


def test_spark_job_parquet_and_counters(tmp_path, wet_files):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from newschaff import spark as job

    session = SparkSession.builder.master("local[2]").appName("newschaff-test").getOrCreate()
    try:
        counts = job.run(session, wet_files, tmp_path / "docs.parquet", fmt="parquet")
        rows = session.read.parquet(str(tmp_path / "docs.parquet")).collect()
    finally:
        session.stop()
    n = len(rows)
    assert counts == {"records_in": n, "documents_out": n, "failed": 1}
    by_type = {}
    for row in rows:
        by_type.setdefault(row["warc_type"], []).append(row)
    assert len(by_type["warcinfo"]) == 3
    conv = [r for r in by_type["conversion"] if r["error"] is None]
    assert conv and all(r["verdict"]["lines"] >= r["verdict"]["noise_lines"] for r in conv)
    assert all(len(s) == 3 for r in conv for s in r["attributes"]["newschaff__line_noise"])


def test_spark_site_memory_options_become_the_settings_dict():
    import argparse

    from newschaff.spark import site_memory_of

    def args(on, min_pages=None, brand_pages=None):
        return argparse.Namespace(site_memory=on, site_min_pages=min_pages, site_brand_pages=brand_pages)

    assert site_memory_of(args(False)) is False
    assert site_memory_of(args(True)) is True
    assert site_memory_of(args(True, brand_pages=0)) == {"brand_pages": 0}
    assert site_memory_of(args(True, 5, 1)) == {"min_pages": 5, "brand_pages": 1}
    with pytest.raises(SystemExit, match="need --site-memory"):
        site_memory_of(args(False, brand_pages=0))
