"""filter_jsonl and filter_wet: whole files, one output record per input record."""

import gzip
import json

import pytest

import newschaff
from conftest import ARTICLE, FARM_PAGE, FARM_SITE, PAGE, SHARE


def write_jsonl(path, records, opener=open):
    with opener(path, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(r if isinstance(r, str) else json.dumps(r))
            f.write("\n")


def test_filter_jsonl_one_output_per_input(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    records = [
        {"id": 1, "text": PAGE, "metadata": {"url": "https://gazette.example/a"}},
        {"id": 2, "text": FARM_PAGE.read_text(encoding="utf-8")},
        "not json at all",
        {"id": 4, "body": "no text field"},
        {"id": 5, "text": ""},
    ]
    write_jsonl(src, records)
    counts = newschaff.filter_jsonl(src, dst)
    assert counts["records"] == 5
    assert counts["failed"] == 2
    assert len(counts["errors"]) == 2
    out = dst.read_text(encoding="utf-8").splitlines()
    assert len(out) == len(records)
    first = json.loads(out[0])
    assert first["id"] == 1 and first["metadata"] == {"url": "https://gazette.example/a"}
    assert first["text"] == newschaff.Detector().clean(PAGE)
    assert SHARE not in first["text"] and ARTICLE[0] in first["text"]
    assert first["newschaff"]["content_farm"] is False
    assert "newschaff__line_noise" in first["attributes"]
    assert json.loads(out[1])["newschaff"]["brands"] == ["Zentrivo"]
    assert out[2] == "not json at all"
    assert "newschaff_error" in json.loads(out[3])


def test_filter_jsonl_gzip_text_field_and_repair(tmp_path):
    src, dst = tmp_path / "in.jsonl.gz", tmp_path / "out.jsonl.gz"
    farm = FARM_PAGE.read_text(encoding="utf-8")
    write_jsonl(src, [{"content": farm}, {"content": PAGE}], opener=gzip.open)
    counts = newschaff.filter_jsonl(str(src), str(dst), text_field="content", repair=True)
    assert counts == {"records": 2, "failed": 0, "lines_dropped": counts["lines_dropped"], "errors": []}
    with gzip.open(dst, "rt", encoding="utf-8") as f:
        out = [json.loads(line) for line in f]
    assert len(out) == 2
    assert out[0]["content"] == newschaff.Detector().clean(farm, repair=True)
    assert "Zentrivo" not in out[0]["content"]


def test_filter_jsonl_errors(tmp_path):
    with pytest.raises(newschaff.NewschaffIOError, match="missing.jsonl"):
        newschaff.filter_jsonl(tmp_path / "missing.jsonl", tmp_path / "out.jsonl")
    (tmp_path / "in.jsonl").write_text('{"text": "a"}\n')
    with pytest.raises(OSError, match="no-such-dir"):
        newschaff.filter_jsonl(tmp_path / "in.jsonl", tmp_path / "no-such-dir" / "out.jsonl")


def wet_record(kind, content):
    body = content.encode("utf-8")
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://gazette.example/a\r\n"
        f"WARC-Block-Digest: sha1:XYZ\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body + b"\r\n\r\n"


def test_filter_wet(tmp_path):
    src = tmp_path / "in.warc.wet"
    info = wet_record("warcinfo", "software: test\r\n")
    src.write_bytes(info + wet_record("conversion", PAGE))
    dst = tmp_path / "out.warc.wet"
    counts = newschaff.filter_wet(src, dst)
    assert counts["records"] == 2 and counts["failed"] == 0
    out = dst.read_bytes()
    assert out.startswith(info)
    cleaned = newschaff.Detector().clean(PAGE).encode()
    assert f"Content-Length: {len(cleaned)}\r\n".encode() in out
    assert out.endswith(cleaned + b"\r\n\r\n")
    assert out.count(b"WARC-Block-Digest") == 1

    as_jsonl = tmp_path / "out.jsonl"
    counts = newschaff.filter_wet(src, as_jsonl)
    lines = [json.loads(x) for x in as_jsonl.read_text().splitlines()]
    assert [x["warc_type"] for x in lines] == ["warcinfo", "conversion"]
    assert lines[1]["text"] == cleaned.decode()


def test_filter_wet_gzip_members(tmp_path):
    src = tmp_path / "in.warc.wet.gz"
    plain = wet_record("warcinfo", "software: test\r\n") + wet_record("conversion", PAGE)
    src.write_bytes(gzip.compress(plain))
    newschaff.filter_wet(src, tmp_path / "out.warc.wet.gz")
    newschaff.filter_wet(src, tmp_path / "out.warc.wet")
    packed = (tmp_path / "out.warc.wet.gz").read_bytes()
    assert gzip.decompress(packed) == (tmp_path / "out.warc.wet").read_bytes()
    # One gzip member per record, as crawlers write them.
    assert packed.count(b"\x1f\x8b\x08") >= 2


def test_filters_give_the_same_output_on_any_number_of_threads(tmp_path):
    from wetgen import docs_of_size, write_wet

    docs = docs_of_size(0.3, hosts=3)
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"id": i, "url": u, "text": t} for i, (u, t) in enumerate(docs)])
    wet = tmp_path / "in.warc.wet.gz"
    write_wet(wet, docs)
    for site_memory in (False, True):
        outs = []
        for threads in (1, 2):
            dst = tmp_path / f"out-{threads}.jsonl"
            counts = newschaff.filter_jsonl(src, dst, threads=threads, site_memory=site_memory)
            assert counts["records"] == len(docs) and counts["failed"] == 0
            wdst = tmp_path / f"out-{threads}.warc.wet"
            newschaff.filter_wet(wet, wdst, threads=threads, site_memory=site_memory)
            outs.append((dst.read_bytes(), wdst.read_bytes()))
        assert outs[0] == outs[1]
        assert (b"newschaff__site_repeat" in outs[0][0]) == site_memory
    with pytest.raises(newschaff.NewschaffError, match="threads"):
        newschaff.filter_jsonl(src, tmp_path / "x.jsonl", threads=5000)


def test_site_memory_cuts_a_brand_the_hosts_earlier_pages_proved(tmp_path):
    dst = tmp_path / "out.jsonl"
    third = {}
    for site_memory in (False, True):
        newschaff.filter_jsonl(FARM_SITE, dst, repair=True, site_memory=site_memory)
        recs = [json.loads(x) for x in dst.read_text(encoding="utf-8").splitlines()]
        assert [bool(r["newschaff"]["brands"]) for r in recs[:2]] == [True, True]
        third[site_memory] = recs[2]
    assert third[False]["newschaff"]["brands"] == [] and "Vexorquil" in third[False]["text"]
    assert third[True]["newschaff"]["brands"] == ["Vexorquil"] and "Vexorquil" not in third[True]["text"]


def test_site_memory_settings_turn_the_brand_memory_off_alone(tmp_path):
    # {"brand_pages": 0}: lines are remembered, brands are not (the third
    # page keeps its splice, as without the memory).
    dst = tmp_path / "out.jsonl"
    newschaff.filter_jsonl(FARM_SITE, dst, repair=True, site_memory={"brand_pages": 0})
    recs = [json.loads(x) for x in dst.read_text(encoding="utf-8").splitlines()]
    assert recs[2]["newschaff"]["brands"] == [] and "Vexorquil" in recs[2]["text"]
    # The same dict as True where it changes nothing.
    for same in ({"brand_pages": 2, "min_pages": 3}, {}):
        newschaff.filter_jsonl(FARM_SITE, tmp_path / "a.jsonl", repair=True, site_memory=True)
        newschaff.filter_jsonl(FARM_SITE, tmp_path / "b.jsonl", repair=True, site_memory=same or True)
        assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    with pytest.raises(ValueError, match="no setting"):
        newschaff.filter_jsonl(FARM_SITE, dst, site_memory={"brands": 0})
    with pytest.raises(ValueError, match="whole number"):
        newschaff.filter_jsonl(FARM_SITE, dst, site_memory={"min_pages": "three"})
    with pytest.raises(ValueError, match="True, False or a dict"):
        newschaff.filter_wet(FARM_SITE, dst, site_memory="yes")
    with pytest.raises(newschaff.NewschaffError, match="bits"):
        newschaff.filter_jsonl(FARM_SITE, dst, site_memory={"bits": 40})


def test_wet_documents_one_per_record_and_cut_input(tmp_path):
    from wetgen import wet_records

    recs = wet_records([("https://gazette.example/a", PAGE), ("https://gazette.example/b", b"\x00\x01" * 300)])
    data = b"".join(gzip.compress(r) for r in recs)
    docs = list(newschaff.WetDocuments(data, source="x.warc.wet.gz"))
    assert [(json.loads(d)["warc_type"], failed, rec) for d, failed, rec in docs] == [
        ("warcinfo", False, True),
        ("conversion", False, True),
        ("conversion", True, True),
    ]
    first = json.loads(docs[1][0])
    assert first["text"] == newschaff.Detector().clean(PAGE)
    assert first["verdict"]["content_farm"] is False
    assert set(first["attributes"]) >= {"newschaff__line_noise", "newschaff__spam"}
    # Cut inside the last gzip member: the records before it, then the cut
    # record passed through as failed, then a document saying where.
    cut = list(newschaff.WetDocuments(data[:-40], source="cut.warc.wet.gz"))
    assert len(cut) == 4 and cut[-1][1:] == (True, False)
    assert "cut or damaged" in json.loads(cut[-1][0])["error"]
