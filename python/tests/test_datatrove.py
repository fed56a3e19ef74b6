"""The datatrove filter step in a local pipeline."""

import gzip
import json

import pytest

import newschaff
from conftest import ARTICLE, FARM_PAGE, PAGE, SHARE

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from newschaff.datatrove import NewschaffFilter  # noqa: E402


def run(tmp_path, **kwargs):
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    farm = FARM_PAGE.read_text(encoding="utf-8")
    with open(src / "docs.jsonl", "w", encoding="utf-8") as f:
        for i, text in enumerate([PAGE, farm, "\n".join(ARTICLE)]):
            f.write(json.dumps({"id": f"doc-{i}", "text": text, "source": "test"}) + "\n")
    out = tmp_path / "out"
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(src)),
            NewschaffFilter(**kwargs),
            JsonlWriter(str(out)),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    docs = []
    for path in sorted(out.iterdir()):
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            docs += [json.loads(line) for line in f]
    return {d["id"]: d for d in docs}


def test_pipeline_cleans_and_records_the_verdict(tmp_path):
    docs = run(tmp_path)
    assert set(docs) == {"doc-0", "doc-1", "doc-2"}
    d = newschaff.Detector()
    page = docs["doc-0"]
    assert page["text"] == d.clean(PAGE)
    assert SHARE not in page["text"]
    verdict = page["metadata"]["newschaff"]
    assert verdict["content_farm"] is False
    assert verdict["lines"] == len(PAGE.splitlines())
    assert page["metadata"]["source"] == "test"
    assert docs["doc-1"]["metadata"]["newschaff"]["brands"] == ["Zentrivo"]


def test_pipeline_drops_content_farms_when_asked(tmp_path):
    docs = run(tmp_path, drop_content_farms=True, repair=True)
    assert set(docs) == {"doc-0", "doc-2"}
    for para in ARTICLE:
        assert para in docs["doc-2"]["text"]
