#!/usr/bin/env python3
"""Load and check the original wire stories in tools/farmgen/stories/*.txt.

File format (UTF-8): lines starting with "#" (but not "###") are comments; a story
starts with a header line "### ID | SPLIT | TOPIC" (ID like "en-07", whose prefix
before the dash is the language; SPLIT is "dev" or "heldout"), followed by the
headline line and then one paragraph per line.  Blank lines are ignored.

Run it directly to validate the stories and print counts:
    python3 tools/farmgen/stories.py
"""
import os
import re
import sys

STORY_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stories")
SPLITS = ("dev", "heldout")
TOPICS = ("business", "politics", "sport", "science", "courts", "weather", "tech", "health", "culture")


class Story:
    __slots__ = ("id", "lang", "split", "topic", "headline", "paragraphs")

    def __init__(self, sid, split, topic):
        self.id, self.split, self.topic = sid, split, topic
        self.lang = sid.split("-", 1)[0]
        self.headline, self.paragraphs = None, []


def load_stories(directory=STORY_DIR):
    """Return all stories, sorted by id (the order is part of the determinism)."""
    stories = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        cur = None
        with open(os.path.join(directory, name), encoding="utf-8") as fh:
            for raw in fh:
                line = raw.rstrip("\n")
                if line.startswith("###"):
                    parts = [p.strip() for p in line[3:].split("|")]
                    if len(parts) != 3:
                        raise ValueError(f"{name}: bad header {line!r}")
                    cur = Story(*parts)
                    stories.append(cur)
                elif line.startswith("#") or not line.strip():
                    continue
                elif cur is None:
                    raise ValueError(f"{name}: text before the first header")
                elif cur.headline is None:
                    cur.headline = line.strip()
                else:
                    cur.paragraphs.append(line.strip())
    stories.sort(key=lambda s: s.id)
    return stories


def size(text, lang):
    """Words, or for Chinese characters / 2 (a rough word equivalent)."""
    if lang == "zh":
        return len(re.sub(r"\s", "", text)) // 2
    return len(text.split())


def problems(stories):
    out, seen = [], set()
    for s in stories:
        if s.id in seen:
            out.append(f"{s.id}: duplicate id")
        seen.add(s.id)
        if s.split not in SPLITS:
            out.append(f"{s.id}: split {s.split!r}")
        if s.topic not in TOPICS:
            out.append(f"{s.id}: topic {s.topic!r}")
        if not 4 <= len(s.paragraphs) <= 10:
            out.append(f"{s.id}: {len(s.paragraphs)} paragraphs")
        for i, p in enumerate(s.paragraphs, 1):
            n = size(p, s.lang)
            if not 20 <= n <= 70:
                out.append(f"{s.id}: paragraph {i} has size {n}")
            if "\t" in p:
                out.append(f"{s.id}: tab in paragraph {i}")
    return out


def main():
    stories = load_stories()
    bad = problems(stories)
    for b in bad:
        print("PROBLEM", b)
    counts = {}
    for s in stories:
        counts.setdefault((s.lang, s.split), 0)
        counts[(s.lang, s.split)] += 1
    for (lang, split), n in sorted(counts.items()):
        print(f"{lang:3} {split:8} {n}")
    topics = {}
    for s in stories:
        topics[s.topic] = topics.get(s.topic, 0) + 1
    print("topics:", ", ".join(f"{t} {n}" for t, n in sorted(topics.items())))
    print(f"{len(stories)} stories, {sum(len(s.paragraphs) for s in stories)} paragraphs")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
