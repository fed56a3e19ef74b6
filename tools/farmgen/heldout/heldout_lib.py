"""Stories and title affixes for the held-out-form pages (all text invented for this set).

Stories live in stories.txt: `### ID | novel | topic`, the headline, then one article
item per line. Items starting with `@ ` are photo captions: they are printed in the
article (label content) and count as story lines for the repair check.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Story:
    def __init__(self, sid, split, topic):
        self.id, self.split, self.topic = sid, split, topic
        self.lang = sid.split("-")[0]
        self.headline = None
        self.items = []  # ("p" | "cap", text)

    @property
    def paragraphs(self):
        return [t for _, t in self.items]

    @property
    def body(self):
        return [t for k, t in self.items if k == "p"]


def load_stories(path=os.path.join(HERE, "stories.txt")):
    out, cur = [], None
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line:
                continue
            if line.startswith("### "):
                sid, split, topic = [x.strip() for x in line[4:].split("|")]
                cur = Story(sid, split, topic)
                out.append(cur)
            elif cur.headline is None:
                cur.headline = line
            elif line.startswith("@ "):
                cur.items.append(("cap", line[2:]))
            else:
                cur.items.append(("p", line))
    return out


def affix(form, brand, headline, lang):
    """The headline with the brand affix of a title form (title lines may add a site suffix)."""
    if form == "guillemet":
        return f"《{brand}》{headline}" if lang == "en" else f"«{brand}» {headline}"
    if form == "paren-suffix":
        return f"{headline} ({brand})"
    if form == "emdash-suffix":
        return f"{headline} — {brand}"
    if form == "raquo-prefix":
        return f"{brand} » {headline}"
    if form == "tilde":
        return f"{headline} ~ {brand}"
    if form == "pipe-tight":
        return f"{brand}|{headline}"
    if form in ("none", "clean"):
        return headline
    raise ValueError(f"unknown title form {form!r}")
