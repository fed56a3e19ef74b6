"""The Scrapy pipeline in a real crawl of a local web server."""

import functools
import html
import http.server
import json
import subprocess
import sys
import textwrap
import threading

import pytest

from conftest import ARTICLE, FARM_PAGE, MENU, PAGE, SHARE

pytest.importorskip("scrapy")

SPIDER = textwrap.dedent(
    """
    import sys

    import scrapy
    from scrapy.crawler import CrawlerProcess

    base, out, drop = sys.argv[1], sys.argv[2], sys.argv[3] == "1"


    class PagesSpider(scrapy.Spider):
        name = "pages"
        start_urls = [base + "/story.html", base + "/farm.html"]

        def parse(self, response):
            text = "\\n".join(
                t.strip()
                for t in response.xpath("//h1 | //p").xpath("normalize-space(string())").getall()
                if t.strip()
            )
            yield {"url": response.url, "text": text}


    process = CrawlerProcess(
        settings={
            "ITEM_PIPELINES": {"newschaff.scrapy.NewschaffPipeline": 300},
            "NEWSCHAFF_DROP_CONTENT_FARMS": drop,
            "FEEDS": {out: {"format": "jsonlines"}},
            "LOG_LEVEL": "WARNING",
            "ROBOTSTXT_OBEY": False,
            "TELNETCONSOLE_ENABLED": False,
        }
    )
    process.crawl(PagesSpider)
    process.start()
    """
)


def as_html(title, lines, headline_index):
    body = []
    for i, line in enumerate(lines):
        tag = "h1" if i == headline_index else "p"
        body.append(f"<{tag}>{html.escape(line)}</{tag}>")
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav>{''.join(body)}<script>var x = 1;</script></body></html>"
    )


@pytest.fixture()
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    story = PAGE.splitlines()
    headline = story.index("Footbridge over the railway to reopen by summer")
    (root / "story.html").write_text(as_html(story[0], story, headline), encoding="utf-8")
    farm = FARM_PAGE.read_text(encoding="utf-8").splitlines()
    (root / "farm.html").write_text(as_html(farm[0], farm, 5), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def crawl(tmp_path, base, drop):
    script = tmp_path / "crawl.py"
    script.write_text(SPIDER, encoding="utf-8")
    out = tmp_path / f"items-{int(drop)}.jsonl"
    done = subprocess.run(
        [sys.executable, str(script), base, str(out), "1" if drop else "0"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    items = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    return {item["url"].rsplit("/", 1)[1]: item for item in items}, done.stderr


def test_crawl_cleans_items_and_adds_verdicts(tmp_path, site):
    items, _ = crawl(tmp_path, site, drop=False)
    assert set(items) == {"story.html", "farm.html"}
    story = items["story.html"]
    for para in ARTICLE:
        assert para in story["text"]
    assert SHARE not in story["text"]
    assert not set(MENU) & set(story["text"].splitlines())
    assert story["newschaff_content_farm"] is False
    assert story["newschaff_brands"] == []
    assert 0.0 <= story["newschaff_spam_score"] < 0.5
    farm = items["farm.html"]
    assert farm["newschaff_content_farm"] is True
    assert farm["newschaff_brands"] == ["Zentrivo"]
    assert farm["newschaff_spam_score"] > 0.5


def test_crawl_drops_content_farms_when_asked(tmp_path, site):
    items, stderr = crawl(tmp_path, site, drop=True)
    assert set(items) == {"story.html"}
    assert "content farm" in stderr


def test_pipeline_on_items_without_the_fields():
    import scrapy

    import newschaff
    from newschaff.scrapy import NewschaffPipeline

    class Story(scrapy.Item):
        text = scrapy.Field()

    pipeline = NewschaffPipeline()
    item = pipeline.process_item(Story(text=PAGE))
    # The text is cleaned; the verdict fields the class does not declare are left out.
    assert item["text"] == newschaff.Detector().clean(PAGE)
    assert "newschaff_content_farm" not in item
    assert pipeline.process_item({"title": "no text"}) == {"title": "no text"}
    assert pipeline.process_item({"text": None}) == {"text": None}
    binary = {"text": "\x00\x01\x02\x00\x00"}
    assert pipeline.process_item(dict(binary)) == binary
