"""The Detector: score, clean, report; errors; threads."""

import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import newschaff
from conftest import ARTICLE, FARM_PAGE, MENU, PAGE, SHARE, cli_binary


def test_score_gives_one_verdict_per_line(detector):
    lines = detector.score(PAGE)
    assert len(lines) == len(PAGE.splitlines())
    assert [x["line"] for x in lines] == list(range(1, len(lines) + 1))
    for x in lines:
        assert set(x) == {"line", "label", "p_noise", "spans", "repaired", "text"}
        assert x["label"] in ("content", "noise")
        assert 0.0 <= x["p_noise"] <= 1.0
        assert (x["label"] == "noise") == (x["p_noise"] >= 0.5)
    by_text = {x["text"]: x for x in lines}
    for item in MENU:
        assert by_text[item]["label"] == "noise", item
    assert by_text[SHARE]["label"] == "noise"
    for para in ARTICLE:
        assert by_text[para]["label"] == "content", para
    assert by_text["© 2026 Millbrook Gazette. All rights reserved."]["label"] == "noise"


def test_clean_keeps_the_article_and_drops_the_furniture(detector):
    kept = detector.clean(PAGE)
    for para in ARTICLE:
        assert para + "\n" in kept
    assert SHARE not in kept
    assert "Weather" not in kept.splitlines()
    # Kept lines are input lines, in order, byte for byte.
    rest = iter(PAGE.splitlines(keepends=True))
    for line in kept.splitlines(keepends=True):
        assert any(line == r for r in rest), line
    assert detector.clean_bytes(PAGE.encode()) == kept.encode()


def test_clean_equals_the_command_line(detector, tmp_path):
    binary = cli_binary()
    if binary is None:
        pytest.skip("no newschaff binary at target/release or target/debug of the repository")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    for args, repair in (([], False), (["--repair"], True)):
        for path in (page, FARM_PAGE):
            out = subprocess.run(
                [str(binary), "clean", *args, str(path)], capture_output=True, check=True
            ).stdout
            text = path.read_text(encoding="utf-8")
            assert detector.clean(text, repair=repair).encode("utf-8") == out, (path, args)


def test_report_gives_the_page_verdict(detector):
    r = detector.report(PAGE)
    assert r["content_farm"] is False
    assert r["brands"] == []
    assert r["spliced_lines"] == 0
    assert r["lines"] == len(PAGE.splitlines())
    assert r["noise_lines"] + r["content_lines"] == r["lines"]
    assert r["content_lines"] >= len(ARTICLE)
    assert 0.0 <= r["spam_score"] < 0.5
    assert len(r["verdicts"]) == r["lines"]
    kept, r2 = detector.clean_report(PAGE)
    assert kept == detector.clean(PAGE)
    assert r2 == r


def test_content_farm_brands_spans_and_repair(detector):
    text = FARM_PAGE.read_text(encoding="utf-8")
    r = detector.report(text)
    assert r["content_farm"] is True
    assert r["brands"] == ["Zentrivo"]
    assert r["spam_score"] > 0.5
    assert r["brand_evidence"][0].startswith("Zentrivo: ")
    spliced = [x for x in detector.score(text) if x["spans"]]
    assert spliced
    for x in spliced:
        for start, end, kind in x["spans"]:
            assert kind in ("brand-splice", "brand-prefix", "brand-suffix", "brand-line")
            # Offsets in characters of the line's text.
            assert "Zentrivo" in x["text"][start:end]
        if x["repaired"] is not None:
            assert "Zentrivo" not in x["repaired"]
    repaired = detector.clean(text, repair=True)
    assert "Zentrivo" not in repaired
    assert "Officials said the project would cost about 900 million euros, which would be shared" in repaired


def test_threshold_and_blank_lines():
    strict = newschaff.Detector(threshold=0.99)
    assert strict.threshold == pytest.approx(0.99)
    lenient_kept = strict.clean(PAGE)
    assert len(lenient_kept) >= len(newschaff.Detector().clean(PAGE))
    lines = strict.score("\n   \nA line of text that says something about the weather today.\n")
    assert lines[0]["label"] == "noise" and lines[0]["p_noise"] == 1.0
    assert strict.clean("") == ""
    assert strict.score("") == []


def test_errors():
    with pytest.raises(newschaff.NewschaffIOError) as e:
        newschaff.Detector.from_file("/no/such/dir/x.model")
    assert isinstance(e.value, OSError) and isinstance(e.value, newschaff.NewschaffError)
    assert isinstance(e.value, ValueError)
    assert e.value.errno == 2
    assert str(e.value) == "/no/such/dir/x.model: No such file or directory (os error 2)"

    with pytest.raises(newschaff.NewschaffError, match=r"conftest\.py: not a newschaff model file"):
        newschaff.Detector.from_file(__file__.replace("test_api.py", "conftest.py"))

    with pytest.raises(newschaff.NewschaffError, match="invalid parameter: threshold 1.5 is not in 0..=1"):
        newschaff.Detector(threshold=1.5)

    with pytest.raises(newschaff.NewschaffError, match="not text"):
        newschaff.Detector().clean(b"\x00\x01\x02\x00\x00\x00")

    with pytest.raises(TypeError):
        newschaff.Detector().score(42)


def test_model_file_round_trip(tmp_path):
    binary = cli_binary()
    if binary is None:
        pytest.skip("no newschaff binary to train a model with")
    labelled = tmp_path / "train.txt"
    labelled.write_text(
        "".join(f"noise\t{m}\n" for m in MENU)
        + "".join(f"content\t{p}\n" for p in ARTICLE)
        + f"noise\t{SHARE}\n",
        encoding="utf-8",
    )
    model = tmp_path / "tiny.model"
    subprocess.run(
        [str(binary), "train", "--folds", "0", "--excerpts", "0", "--out", str(model), str(labelled)],
        capture_output=True,
        check=True,
    )
    d = newschaff.Detector.from_file(model)
    assert len(d.score(PAGE)) == len(PAGE.splitlines())


def test_one_detector_scores_from_four_threads(detector):
    pages = [PAGE, FARM_PAGE.read_text(encoding="utf-8"), PAGE.replace("footbridge", "tunnel"), "\n".join(ARTICLE)]
    expected = [detector.score(p) for p in pages]
    barrier = threading.Barrier(4)

    def work(i):
        barrier.wait()
        return [detector.score(pages[i]) == expected[i] for _ in range(20)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(4)))
    assert all(all(r) for r in results)


def test_error_messages_are_the_command_line_s(tmp_path):
    binary = cli_binary()
    if binary is None:
        pytest.skip("no newschaff binary at target/release or target/debug of the repository")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    for model in (str(tmp_path / "missing.model"), str(page)):
        with pytest.raises(newschaff.NewschaffError) as e:
            newschaff.Detector.from_file(model)
        done = subprocess.run(
            [str(binary), "score", "--model", model, str(page)], capture_output=True, text=True
        )
        assert done.returncode == 1
        assert done.stderr == f"newschaff: error: {e.value}\n"


def test_scoring_releases_the_gil(detector):
    # While one thread cleans a long page, Python code keeps running in
    # another. Were the GIL held, the other thread would stand still for
    # the whole call: its longest pause would be about the call's length.
    import time

    big = PAGE * 1000
    done = threading.Event()
    took = []

    def work():
        t0 = time.perf_counter()
        detector.clean(big)
        took.append(time.perf_counter() - t0)
        done.set()

    t = threading.Thread(target=work)
    last = time.perf_counter()
    longest = 0.0
    t.start()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    t.join()
    assert longest < took[0] / 2, (longest, took[0])
