#!/usr/bin/env python3
"""farmgen: a deterministic generator of labelled content-farm news pages.

    python3 tools/farmgen/farmgen.py --out DIR [--pages N] [--seed S]
        [--stories dev|heldout|all] [--only AXIS=VALUE ...] [--exclude AXIS=VALUE ...]
        [--clean-copies]

Each page copies one original wire story (stories/*.txt) into invented site
furniture (furniture.py) and injects an invented brand token in the ways named by
seven form axes (AXES below). Pages are written as DIR/NNNN-<tag>.txt in the
labelled-file format of newschaff ("LABEL<TAB>TEXT" per line) and described in
DIR/truth.jsonl. Page i is drawn from its own RNG seeded with (seed, i), so the
output is byte-identical for the same arguments and page i does not depend on
--pages. --clean-copies adds, after the N farm pages, one ordinary page without
any brand for each of them (same story and layout). Existing NNNN-*.txt files and
truth.jsonl in DIR are removed first. Python 3 standard library only.
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # keep the tool folder clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from furniture import FURNITURE  # noqa: E402
from stories import load_stories, problems  # noqa: E402

AXES = {
    "title": ["pipe-tight", "dash-tight", "colon", "spaced-dash", "lenticular", "bracket",
              "suffix-underscore", "suffix-pipe", "suffix-dash", "none"],
    "crumb": ["none", "glued-end", "end", "glued-title", "start"],
    "splice": ["glued-before", "glued-after", "spaced", "after-period", "none-title-only", "prose-only"],
    "product": ["none", "pro-exchange", "fi-site", "name-group", "app-line", "brand-alone"],
    "layout": ["short", "long", "comments", "listing", "minimal"],
    "lang": ["en", "de", "fr", "es", "zh"],
    "brandshape": ["word", "camel", "two-words", "digits", "lower"],
}
# Splice forms kept out of the default decks, for held-out figures (--splices):
# a brand glued right after a capitalised word inside a sentence ("the
# HarbourBrand plan"), set off by commas (", Brand,") or by dashes (" — Brand —")
# between two words, or opening a paragraph ("Brand The city ...").
# A second batch, made after features version 13's rules were written: the
# brand in quotes between two words (' "Brand" '), opening a paragraph with a
# colon ("Brand: The city ..."), or glued after a word with a slash
# ("council/Brand said").
HELDOUT_SPLICES = ["glued-after-capital", "comma", "dash-aside", "para-start",
                   "quoted", "colon-lead", "slash-after",
                   "paren", "guillemets", "caps-spaced", "pipe-inline",
                   "star-aside", "angle", "bullet-aside", "brace"]
# Short codes used in file names, in axis order: title-crumb-splice-product-layout-lang-shape.
CODES = {
    "title": dict(zip(AXES["title"], ["ptight", "dtight", "colon", "sdash", "lent", "brkt", "sufus",
                                      "sufpipe", "sufdash", "notitle"])),
    "crumb": dict(zip(AXES["crumb"], ["nocrumb", "cglend", "cend", "cgltitle", "cstart"])),
    "splice": dict(zip(AXES["splice"] + HELDOUT_SPLICES,
                       ["gbefore", "gafter", "spaced", "aperiod", "nosplice", "prose",
                        "gcap", "comma", "aside", "pstart", "quoted", "colon", "slash",
                        "paren", "guill", "caps", "pipe", "star", "angle", "bullet", "brace"])),
    "product": dict(zip(AXES["product"], ["noprod", "proex", "fisite", "group", "app", "alone"])),
    "layout": {v: v for v in AXES["layout"]},
    "lang": {v: v for v in AXES["lang"]},
    "brandshape": dict(zip(AXES["brandshape"], ["word", "camel", "two", "digits", "lower"])),
}
# Language shares: a deck of nine pages holds four English, two German and one each of the rest.
LANG_DECK = ["en", "en", "en", "en", "de", "de", "fr", "es", "zh"]

# ---------------------------------------------------------------- brands
# Brands are built from open syllables with at most one one-letter coda; every
# invented part holds x, z or q and two distinct letters of x z q k y, which keeps
# it away from ordinary words. NOT_BRANDS lists every word of Debian's English,
# German, French and Spanish word lists (wamerican-large, wbritish, wngerman,
# wfrench, wspanish) that these rules can still produce, plus a few trade names;
# each brand is also checked against the words of the stories and the furniture.
ONSETS = "b br d dr f g k kr l m n p pr qu r s t tr v vr x z".split()
NUCLEI = "a e i o u y a e o a ei ou".split()
CODAS = ["", "", "", "", "x", "n", "r", "l", "s", "m", "k"]
TWO_WORD_TAILS = ["Markets", "Capital", "Digital", "Labs", "Media", "Finance", "Trade", "Global", "Network",
                  "Ventures", "Systems"]
CAMEL_TAILS = ["X", "Q", "Z", "AI"]
NOT_BRANDS = set("""
benzyle bezirke bouzouk bouzouki bouzoukis boxlike boxy braxy brazenly bronzy byzantine denazify detoxify dexamyl
dizygote doxology doxy dozily dozy fixity foxily foxy furzy galaxy kamikaze kanzele kanzu kapuze kapuzen kazak
kazan kerze kex kodex kodexe kodexen kodexes kodizes konvexe konzile kortexe koufax kraxelei kredenze krux
kruzifix kruzifixe kunzite kurze kylix laxity laxly lazily lazy lexika lexikon lozengy luxury lysozyme lyx
maximize mazourka mazurka mazy mexiko mexikos mixology monoxyde monoxyle muzak myroxyle myxedema myxine myxoma
myxome noxzema nyx paralyze paroxysme pazifik peroxyda peroxyde pixy prexy prolixity prolixly protoxyde proximity
proxy proxys pyrazole pyrex pyrexes pyrolyze pyroxene pyx pyxes pyxide pyxis reziprok reziproke roxy saxony
sexily sexology sexy sixty suroxyda suroxyde suzuki suzy syntaxe syzygy taxidermy taxonomy texarkana xenakis
xenogamy xylem xylene xylenes xylidine xylofon xylofone xylol xylotomy xyste zakouski zanily zanke zany zeke
zesty zika zikade zikaden zingy zinke zinkige zirka zirkele zirkus ziska zouka zoukas zouke zouker zoukera
zoukeras zoukes zuklebe zukneife zukor zukorke zutrinke zyankali zygoma zygomas zygoses zygosis zygospore zygote
zygotene zygotes zyklone zymase zymases zymogen zymoses zymosis zymurgy zyniker zyste
zynga zyxel zyrtec xyzal zyprexa nyquil kyzyl kazakh kyoto tokyo xbox
""".split())


def vocabulary(stories):
    parts = []
    for s in stories:
        parts.append(s.headline)
        parts.extend(s.paragraphs)

    def walk(x):
        if isinstance(x, str):
            parts.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        else:
            for v in x:
                walk(v)
    walk(FURNITURE)
    text = "\n".join(parts).lower()
    return text, set(re.findall(r"\w+", text))


def invented(rng, nsyl, vocab, minlen=6, maxlen=9):
    """A pronounceable non-word: nsyl syllables, at most one coda, no doubled letter."""
    while True:
        sylls = [rng.choice(ONSETS) + rng.choice(NUCLEI) for _ in range(nsyl)]
        k = rng.randrange(nsyl)
        sylls[k] += rng.choice(CODAS)
        w = "".join(sylls)
        if not minlen <= len(w) <= maxlen or not set("xzq") & set(w) or len(set("xzqky") & set(w)) < 2:
            continue
        if re.search(r"(.)\1|[aeiouy]{3}|qu[^o]", w) or w in NOT_BRANDS or w in vocab:
            continue
        return w


def make_brand(rng, shape, vocab):
    if shape == "word":
        return invented(rng, rng.choice([2, 3, 3]), vocab).capitalize()
    if shape == "camel":
        if rng.random() < 0.7:
            return invented(rng, 2, vocab, 4, 6).capitalize() + invented(rng, 2, vocab, 4, 6).capitalize()
        return invented(rng, 2, vocab, 4, 7).capitalize() + rng.choice(CAMEL_TAILS)
    if shape == "two-words":
        return invented(rng, rng.choice([2, 3]), vocab).capitalize() + " " + rng.choice(TWO_WORD_TAILS)
    if shape == "digits":
        num = rng.choice([str(rng.randint(10, 99)), "88", "365", "24", "777", str(rng.randint(100, 999))])
        return invented(rng, rng.choice([1, 2]), vocab, 4, 6).capitalize() + num
    return invented(rng, rng.choice([2, 3, 3]), vocab)  # lower


# How --decorate writes a brand: with a joiner or mark that a run of word
# characters does not hold. A two-word brand is written as one word first.
DECORATIONS = {
    "dotcom": lambda b: b + ".com",
    "dotnews": lambda b: b + ".news",
    "io": lambda b: b.lower() + ".io",
    "couk": lambda b: b + ".co.uk",
    "hyphen": lambda b: b[: len(b) // 2] + "-" + b[len(b) // 2:],
    "underscore": lambda b: b[: len(b) // 2] + "_" + b[len(b) // 2:],
    "middot": lambda b: b[: len(b) // 2] + "\u00b7" + b[len(b) // 2:],
    "apostrophe": lambda b: b[: len(b) // 2] + "'" + b[len(b) // 2:],
    "capsdot": lambda b: (b[: len(b) // 2] + "." + b[len(b) // 2:]).upper(),
    "hash": lambda b: "#" + b,
    "tm": lambda b: b + "\u2122",
    "plus": lambda b: b + "+",
    "bang": lambda b: b + "!",
    "upper": lambda b: b.upper(),
    "paren": lambda b: "(" + b + ")",
    "endash": lambda b: b[: len(b) // 2] + "\u2013" + b[len(b) // 2:],
    "camelhyphen": lambda b: b[: len(b) // 2] + "-" + b[len(b) // 2:].capitalize(),
    "ampersand": lambda b: b[: len(b) // 2] + "&" + b[len(b) // 2:],
    "hyphendigits": lambda b: b + "-24",
    "dottv": lambda b: b.lower() + ".tv",
    "reg": lambda b: b + "\u00ae",
}


def decorate(brand, how):
    return DECORATIONS[how](brand.replace(" ", "")) if how else brand


# ---------------------------------------------------------------- affixes and splices
def affix(form, brand, head, lang):
    """The headline with the brand affixed in the given title form."""
    return {
        "pipe-tight": f"{brand}|{head}", "dash-tight": f"{brand}-{head}",
        "colon": (f"{brand}：{head}" if lang == "zh" else f"{brand}: {head}"),
        "spaced-dash": f"{brand} - {head}", "lenticular": f"【{brand}】{head}", "bracket": f"[{brand}]{head}",
        "suffix-underscore": f"{head}_{brand}", "suffix-pipe": f"{head} | {brand}",
        "suffix-dash": f"{head} - {brand}", "none": head,
    }[form]


LOWER_WORD = re.compile(r"[a-zß-öø-ÿ]+(?=[\s,.;:!?]|$)")
CJK = re.compile(r"[\u4e00-\u9fff]")
ABBREV = {"Dr", "Mr", "Mrs", "Ms", "St", "Prof", "Jr", "Sr", "No", "Mt"}


def splice_options(para, kind, lang):
    """Where the brand can go: (index, mode) with mode glued | space-before | space-after.

    glued: the brand bytes alone are inserted; space-before: " Brand" is inserted
    before a space ("word Brand word"); space-after: "Brand " is inserted after
    the space that follows a full stop ("end. Brand The"). A perfect repair
    deletes the brand and, for the two space modes, one adjacent space.
    Chinese has no spaces: every kind inserts the bare brand, between two Han
    characters (after "。" for after-period)."""
    opts = []
    if kind in ("para-start", "colon-lead") and lang != "zh":
        return [(0, "start" if kind == "para-start" else "colon")] if para[:1].isupper() else []
    if lang == "zh":
        for i in range(1, len(para)):
            if kind == "after-period":
                if para[i - 1] == "。":
                    opts.append((i, "glued"))
            elif CJK.match(para[i - 1]) and CJK.match(para[i]):
                opts.append((i, "glued"))
        return opts
    for i in range(1, len(para) - 1):
        p, c, n = para[i - 1], para[i], para[i + 1]
        if kind == "glued-before":
            if p == " " and LOWER_WORD.match(para, i):
                opts.append((i, "glued"))
        elif kind == "glued-after":
            word = para[para.rfind(" ", 0, i) + 1:i]
            if c == " " and len(word) >= 2 and word.isalpha():
                opts.append((i, "glued"))
        elif kind == "spaced":
            if c == " " and p.isalnum() and n.isalnum():
                opts.append((i, "space-before"))
        elif kind == "glued-after-capital":
            start = para.rfind(" ", 0, i) + 1
            word = para[start:i]
            mid_sentence = start >= 2 and para[start - 2] not in ".!?:"
            if c == " " and len(word) >= 3 and word.isalpha() and word[0].isupper() and word[1:].islower() \
                    and mid_sentence and word not in ABBREV:
                opts.append((i, "glued"))
        elif kind in ("comma", "dash-aside", "quoted", "paren", "guillemets", "caps-spaced", "pipe-inline",
                      "star-aside", "angle", "bullet-aside", "brace"):
            if c == " " and p.isalpha() and n.isalpha():
                opts.append((i, kind))
        elif kind == "slash-after":
            word = para[para.rfind(" ", 0, i) + 1:i]
            if c == " " and len(word) >= 3 and word.isalpha() and word.islower():
                opts.append((i, kind))
        elif kind == "after-period":
            word = para[para.rfind(" ", 0, i - 1) + 1:i - 1]
            if p == "." and c == " " and n.isupper() and len(word) >= 3 and word.isalpha() and word not in ABBREV:
                opts.append((i, "period"))  # glued or space-after, drawn by the caller
    return opts


def do_splice(rng, para, brand, kind, lang):
    opts = splice_options(para, kind, lang)
    if not opts:
        return None
    i, mode = rng.choice(opts)
    if mode == "period":
        mode = rng.choice(["glued", "space-after"])
        i = i + 1 if mode == "space-after" else i
    ins = {"glued": brand, "space-before": " " + brand, "space-after": brand + " ", "start": brand + " ",
           "comma": ", " + brand + ",", "dash-aside": " \u2014 " + brand + " \u2014",
           "quoted": ' "' + brand + '"', "colon": brand + ": ", "slash-after": "/" + brand,
           "paren": " (" + brand + ")", "guillemets": " \u00ab " + brand + " \u00bb",
           "caps-spaced": " " + brand.upper(), "pipe-inline": " | " + brand + " |",
           "star-aside": " * " + brand + " *", "angle": " <" + brand + ">",
           "bullet-aside": " \u2022 " + brand + " \u2022", "brace": " {" + brand + "}"}[mode]
    return para[:i] + ins + para[i:], ins


# ---------------------------------------------------------------- pages
class Page:
    """One page under construction: lines plus the truth about them."""

    def __init__(self, rng, story, pool, brand=None, forms=None, site=None):
        self.rng, self.story, self.brand = rng, story, brand
        self.lang = story.lang
        self.F = FURNITURE[self.lang]
        self.forms = forms or {}
        self.lines = []
        self.truth = {"spliced": [], "brand_lines": [], "affixed_lines": [], "product_lines": [], "crumb_lines": []}
        F = self.F
        self.site = rng.choice(F["sites_news"] if rng.random() < 0.5 else F["sites_generic"])
        if site is not None:  # a page of a site of several pages (--pages-per-site)
            self.site = site
        self.year = rng.randint(2023, 2025)
        self.reporters = rng.sample(F["reporters"], 2)
        self.agency = rng.choice(F["agencies"])
        others = [s.headline for s in pool if s.lang == self.lang and s.id != story.id]
        self.related_pool = others + F["extra_heads"]
        self.slots = set()
        self.other_name = None
        if brand and self.forms.get("product") == "brand-alone":
            self.slots = set(rng.sample(["top", "head", "body", "bottom", "end"], rng.choice([1, 1, 2, 3])))
        elif brand and self.forms.get("product", "none") != "none":
            self.slots = {"head"} | ({"bottom"} if rng.random() < 0.3 else set())

    # -- helpers
    def chance(self, p):
        return self.rng.random() < p

    def pick(self, key):
        return self.rng.choice(self.F[key])

    def fill(self, tpl):
        r, r2 = self.reporters
        rng = self.rng
        return tpl.format(n=rng.choice([rng.randint(2, 60), rng.randint(60, 4000)]), h=rng.randint(1, 23),
                          m=rng.randint(2, 12), site=self.site,
                          r=r, r2=r2, R=r.upper(), agency=self.agency, role=self.pick("roles"), y=self.year,
                          section=self.section(), tags=self.tags())

    def section(self):
        return self.rng.choice(self.F["sections"][self.story.topic])

    def tags(self):
        if self.lang == "zh":
            return " ".join(self.rng.sample(self.F["menu"][1:], 3))
        text = " ".join(self.story.paragraphs)
        caps = sorted(set(re.findall(r"(?<=[a-z,] )[A-Z][a-zà-ÿ]{3,}", text)))
        picks = self.rng.sample(caps, min(len(caps), self.rng.randint(2, 4))) if caps else []
        return ", ".join([self.section()] + picks)

    def date(self):
        rng = self.rng
        y, m, d, H, M = self.year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
        mon = self.F["months"][m - 1]
        return self.pick("dates").format(
            y=y, m=m, mm=f"{m:02d}", d=d, dd=f"{d:02d}", mon=mon, mon3=mon[:3], HH=f"{H:02d}", MM=f"{M:02d}",
            SS=f"{rng.randint(0, 59):02d}", wd=self.F["wdays"][datetime.date(y, m, d).weekday()],
            h12=H % 12 or 12, ampm="AM" if H < 12 else "PM", n=rng.randint(1, 23))

    def add(self, label, text):
        text = " ".join(text.split())
        assert text and "\t" not in text, repr(text)
        self.lines.append((label, text))
        return len(self.lines)

    # -- blocks
    def title(self, with_site, site_p):
        """The title line (with_site=True) or the on-page headline."""
        head, form = self.story.headline, self.forms.get("title", "none")
        text = affix(form, self.brand, head, self.lang) if self.brand else head
        original = head
        if with_site and self.chance(site_p):
            seps = ["_", "-", " - "] if self.lang == "zh" else [" - ", " -", " | ", "_", " \u2013 ", " :: "]
            tail = self.rng.choice(seps) + self.site
            text, original = text + tail, original + tail
        ln = self.add("content", text)
        if self.brand and form != "none":
            self.truth["affixed_lines"].append({"line": ln, "original": original})

    def crumb(self, normal_p):
        rng, F, b = self.rng, self.F, self.brand
        form = self.forms.get("crumb", "none") if b else "none"
        sep = rng.choice([" > ", " >> ", " / ", " \u00bb ", ">", " \u203a "])
        home, sec = rng.choice(F["home"]), self.section()
        if form == "none":
            if self.chance(normal_p):
                parts = [home, sec] + ([self.story.headline] if self.chance(0.2) else [])
                prefix = rng.choice(F["current"]) + " " if self.chance(0.25) else ""
                self.add("noise:nav", prefix + sep.join(parts))
            return
        if form == "glued-end":
            text = sep.join([home, sec]) + b
        elif form == "end":
            text = sep.join([home, sec, b])
        elif form == "glued-title":
            text = rng.choice(F["current"]) + sep.join([home, sec + b]) + "|" + self.story.headline
        else:  # start
            text = sep.join([b, rng.choice(F["news"]), sec])
        self.truth["crumb_lines"].append(self.add("noise:nav", text))

    def slot(self, name):
        """Product lines / brand-only lines due at this point of the page."""
        if name not in self.slots:
            return
        form, b = self.forms["product"], self.brand
        if form == "brand-alone":
            for _ in range(self.rng.choice([1, 1, 1, 2])):
                self.truth["brand_lines"].append(self.add("noise:brand", b))
            return
        if form == "name-group":
            if self.other_name is None:
                self.other_name = invented(self.rng, 2, VOCAB).capitalize()
            text = f"{b} {self.other_name} Group"
        else:
            text = {"pro-exchange": f"{b} Pro Exchange", "fi-site": f"{b}Fi Official Site",
                    "app-line": self.F["app_line"].format(b=b)}[form]
        self.truth["product_lines"].append(self.add("noise:brand", text))

    def menu(self, p_lines):
        items = self.rng.sample(self.F["menu"], self.rng.randint(4, 9))
        if self.chance(p_lines):
            for it in items:
                self.add("noise:nav", it)
        else:
            self.add("noise:nav", self.rng.choice([" | ", " \u00b7 ", " ", " / "]).join(items))

    def meta(self, *keys):
        for k in keys:
            self.add("noise:meta", self.date() if k == "date" else self.fill(self.pick(k)))

    def body(self, count, ad_p=0.0):
        rng, paras = self.rng, self.story.paragraphs[:count]
        spliced = {}
        kind = self.forms.get("splice", "none-title-only") if self.brand else "none-title-only"
        if kind != "none-title-only":
            want = rng.randint(2, 4) if kind == "prose-only" else rng.randint(1, 4)
            order = rng.sample(range(len(paras)), len(paras))
            real = "glued-before" if kind == "prose-only" else kind
            for j in order:
                if len(spliced) == want:
                    break
                if kind == "prose-only":
                    real = rng.choice(["glued-before", "glued-after", "spaced", "after-period"])
                got = do_splice(rng, paras[j], self.brand, real, self.lang)
                if got:
                    spliced[j] = got + (real,)
        ad_at = rng.randint(1, len(paras) - 1) if len(paras) > 2 and self.chance(ad_p) else -1
        body_slot = rng.randint(1, max(1, len(paras) - 1))
        for j, p in enumerate(paras):
            if j == ad_at:
                self.add("noise:ad", self.pick("ads"))
            if j == body_slot:
                self.slot("body")
            if j in spliced:
                text, ins, real = spliced[j]
                ln = self.add("content", text)
                self.truth["spliced"].append({"line": ln, "original": p, "kind": real, "inserted": ins})
            else:
                self.add("content", p)

    def related(self, lo, hi, numbered_p):
        self.add("noise:related", self.fill(self.pick("related")))
        heads = self.rng.sample(self.related_pool, min(len(self.related_pool), self.rng.randint(lo, hi)))
        numbered = self.chance(numbered_p)
        for k, h in enumerate(heads, 1):
            form = self.forms.get("title", "none")
            text = affix(form, self.brand, h, self.lang) if self.brand else h
            self.add("noise:related", (f"{k}. " if numbered else "") + text)

    def comments(self):
        rng = self.rng
        self.add("noise:comments", self.fill(self.pick("comments_head")))
        for name, text in zip(rng.sample(self.F["commenters"], min(len(self.F["commenters"]), rng.randint(3, 8))),
                              rng.sample(self.F["comments"], len(self.F["comments"]))):
            head = name + (" \u00b7 " + self.fill(self.F["comment_meta"][0]) if self.chance(0.5) else "")
            self.add("noise:comments", head)
            self.add("noise:comments", text)
            if self.chance(0.4):
                self.add("noise:comments", self.fill(rng.choice(self.F["comment_meta"][1:])))
        if self.chance(0.5):
            self.add("noise:comments", self.pick("more_comments"))

    def footer(self, lo, hi):
        for tpl in self.rng.sample(self.F["footer"], self.rng.randint(lo, hi)):
            self.add("noise:footer", self.fill(tpl))

    def cookie(self, p):
        if self.chance(p):
            self.add("noise:prompt", self.pick("cookie"))

    # -- layouts
    def build(self, layout):
        rng, n = self.rng, len(self.story.paragraphs)
        if layout == "short":
            self.title(True, 0.4)
            self.cookie(0.2)
            self.slot("top")
            if self.chance(0.3):
                self.add("noise:nav", self.site)
            head_first = self.chance(0.5)
            if head_first:
                self.title(False, 0)
            self.crumb(0.6)
            if not head_first:
                self.title(False, 0)
            self.slot("head")
            self.meta("date", "source")
            self.body(min(n, rng.randint(3, 5)))
            if self.chance(0.4):
                self.meta("editor")
            if self.chance(0.4):
                self.add("noise:engagement", self.fill(self.pick("counters")))
            self.slot("bottom")
            if self.chance(0.4):
                self.footer(1, 1)
        elif layout == "long":
            self.title(True, 0.5)
            self.cookie(0.5)
            if self.chance(0.8):
                self.add("noise:nav", self.site)
            self.menu(0.5)
            self.slot("top")
            self.crumb(0.8)
            if self.chance(0.3):
                self.add("noise:nav", self.section())
            self.title(False, 0)
            self.slot("head")
            self.meta("bylines", "date")
            if self.chance(0.4):
                self.meta("credit")
            if self.chance(0.3):
                self.meta("readtime")
            self.body(n, ad_p=0.6)
            for s in rng.sample(self.F["share"], rng.randint(1, 3)):
                self.add("noise:engagement", s)
            if self.chance(0.5):
                self.add("noise:engagement", self.fill(self.pick("counters")))
            if self.chance(0.5):
                self.add("noise:nav", self.fill(self.pick("tags")))
            self.slot("bottom")
            self.related(4, 8, 0.2)
            if self.chance(0.6):
                self.add("noise:prompt", self.pick("prompts"))
            self.footer(2, 4)
        elif layout == "comments":
            self.title(True, 0.4)
            self.cookie(0.3)
            if self.chance(0.6):
                self.add("noise:nav", self.site)
            if self.chance(0.6):
                self.menu(0.3)
            self.slot("top")
            self.crumb(0.5)
            self.title(False, 0)
            self.slot("head")
            self.meta("bylines", "date")
            self.body(n if self.chance(0.5) else min(n, rng.randint(4, 7)), ad_p=0.3)
            self.add("noise:engagement", self.fill(self.pick("counters")))
            self.slot("bottom")
            self.comments()
            self.footer(1, 2)
        elif layout == "listing":
            self.title(True, 0.4)
            if self.chance(0.5):
                self.add("noise:nav", self.site)
            self.slot("top")
            self.crumb(0.6)
            self.title(False, 0)
            self.slot("head")
            self.meta("date")
            self.body(n)
            self.slot("bottom")
            self.related(5, 10, 0.5)
            if self.chance(0.5):
                self.footer(1, 2)
        else:  # minimal
            self.title(True, 0.3)
            self.slot("top")
            self.crumb(0.0)
            self.slot("head")
            self.body(n if self.chance(0.5) else min(n, rng.randint(3, 6)))
            self.slot("bottom")
        self.slot("end")
        return self


# ---------------------------------------------------------------- driver
def parse_constraints(items, what):
    out = {}
    for it in items or []:
        if "=" not in it:
            sys.exit(f"farmgen: --{what} wants AXIS=VALUE, got {it!r}")
        ax, val = it.split("=", 1)
        if ax not in AXES or val not in AXES[ax]:
            sys.exit(f"farmgen: unknown form {it!r}; axes: " + "; ".join(f"{a}={'|'.join(v)}" for a, v in AXES.items()))
        out.setdefault(ax, set()).add(val)
    return out


def allowed_values(only, exclude):
    return {ax: [v for v in vals if (ax not in only or v in only[ax]) and v not in exclude.get(ax, ())]
            for ax, vals in AXES.items()}


def deck_value(seed, axis, i, values):
    """Balanced draw: pages are cut into blocks of len(values); each block holds
    every value once, in an order shuffled by (seed, axis, block)."""
    n = len(values)
    deck = random.Random(f"farmgen/{seed}/deck/{axis}/{(i - 1) // n}").sample(values, n)
    return deck[(i - 1) % n]


def draw_forms(rng, allowed, langs, seed, i):
    """The forms of page i: from the balanced decks first, then (only when the
    constraints or the prose-only override reject that) freely from rng."""
    lang_values = [lg for lg in LANG_DECK if lg in langs]
    if not lang_values or not all(allowed[ax] for ax in AXES if ax != "lang"):
        sys.exit("farmgen: no page satisfies the --only/--exclude constraints")
    for attempt in range(10000):
        def pick(ax, vals):
            return deck_value(seed, ax, i, vals) if attempt == 0 else rng.choice(vals)
        f = {ax: pick(ax, allowed[ax]) for ax in AXES if ax != "lang"}
        f["lang"] = pick("lang", lang_values)
        if f["splice"] == "prose-only":
            f.update(title="none", crumb="none", product="none")
        if any(f[ax] not in allowed[ax] for ax in ("title", "crumb", "product")):
            continue
        if f["splice"] == "none-title-only" and f["title"] == f["crumb"] == f["product"] == "none":
            continue  # the brand would appear nowhere
        return {ax: f[ax] for ax in AXES}
    sys.exit("farmgen: no page satisfies the --only/--exclude constraints")


def tag(forms):
    return "-".join(CODES[ax][forms[ax]] for ax in AXES)


def write_page(out_dir, name, page):
    with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as fh:
        for label, text in page.lines:
            fh.write(f"{label}\t{text}\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate labelled content-farm pages (see README.md).")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stories", choices=["dev", "heldout", "all"], default="all")
    ap.add_argument("--only", action="append", metavar="AXIS=VALUE")
    ap.add_argument("--exclude", action="append", metavar="AXIS=VALUE")
    ap.add_argument("--clean-copies", action="store_true", help="also write a brand-free copy of every page")
    ap.add_argument("--decorate", choices=sorted(DECORATIONS),
                    help="write every brand with a joiner or mark (the pages are otherwise those of the seed)")
    ap.add_argument("--pages-per-site", type=int, default=1, metavar="K",
                    help="group the farm pages into sites of K pages that share a host, a brand, a language "
                         "and a template (title, breadcrumb and product forms, brand shape); default 1")
    ap.add_argument("--splices", metavar="FORM,FORM",
                    help="draw the splice form from these instead of the default deck; held-out forms: "
                         + ", ".join(HELDOUT_SPLICES))
    args = ap.parse_args(argv)

    if args.splices:
        forms = args.splices.split(",")
        bad = [f for f in forms if f not in AXES["splice"] + HELDOUT_SPLICES]
        if bad:
            sys.exit(f"farmgen: unknown splice form {bad[0]!r}; forms: " + ", ".join(AXES["splice"] + HELDOUT_SPLICES))
        AXES["splice"] = forms
    stories = load_stories()
    bad = problems(stories)
    if bad:
        sys.exit("farmgen: story problems:\n" + "\n".join(bad))
    pool = [s for s in stories if args.stories in ("all", s.split)]
    only, exclude = parse_constraints(args.only, "only"), parse_constraints(args.exclude, "exclude")
    allowed = allowed_values(only, exclude)
    langs = [lg for lg in allowed["lang"] if any(s.lang == lg for s in pool)]

    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        if re.fullmatch(r"\d{4,}-[a-z0-9-]+\.txt|truth\.jsonl", name):
            os.remove(os.path.join(args.out, name))
    if args.pages_per_site < 1:
        sys.exit("farmgen: --pages-per-site must be at least 1")
    width = max(4, len(str(args.pages * 2)))
    truths, made = [], []
    site = None  # (number, forms, brand, name) of the current site with --pages-per-site
    for i in range(1, args.pages + 1):
        rng = random.Random(f"farmgen/{args.seed}/{i}")
        forms = draw_forms(rng, allowed, langs, args.seed, i)
        site_no = (i - 1) // args.pages_per_site + 1
        if args.pages_per_site > 1:
            if site is None or site[0] != site_no:
                # The site's template: the forms and brand of its first page.
                srng = random.Random(f"farmgen/{args.seed}/site/{site_no}")
                sforms = draw_forms(srng, allowed, langs, args.seed, i)
                while True:
                    sbrand = make_brand(srng, sforms["brandshape"], VOCAB)
                    if sbrand.lower() not in ALLTEXT:
                        break
                F = FURNITURE[sforms["lang"]]
                sname = srng.choice(F["sites_news"] + F["sites_generic"])
                site = (site_no, sforms, sbrand, sname)
            _, sforms, sbrand, sname = site
            if forms["splice"] == "none-title-only" and sforms["title"] == sforms["crumb"] == sforms["product"] == "none":
                forms["splice"] = next(v for v in allowed["splice"] if v not in ("none-title-only", "prose-only")) \
                    if any(v not in ("none-title-only", "prose-only") for v in allowed["splice"]) else "prose-only"
            for ax in ("lang", "title", "crumb", "product", "brandshape"):
                if forms["splice"] != "prose-only" or ax in ("lang", "brandshape"):
                    forms[ax] = sforms[ax]
        story = rng.choice([s for s in pool if s.lang == forms["lang"]])
        while True:
            brand = make_brand(rng, forms["brandshape"], VOCAB)
            if brand.lower() not in ALLTEXT:
                break
        if args.pages_per_site > 1:
            brand = site[2]
        brand = decorate(brand, args.decorate)
        page = Page(rng, story, pool, brand, forms, site=site[3] if args.pages_per_site > 1 else None)
        page = page.build(forms["layout"])
        name = f"{i:0{width}d}-{tag(forms)}.txt"
        write_page(args.out, name, page)
        truth = dict(file=name, story=story.id, split=story.split, forms=forms, brand=brand, **page.truth)
        truth["url"] = f"https://farm{site_no:04d}-s{args.seed}.example/news/{i}.html"
        truths.append(truth)
        made.append((story, forms["layout"]))
    if args.clean_copies:
        for i, (story, layout) in enumerate(made, 1):
            rng = random.Random(f"farmgen/{args.seed}/clean/{i}")
            page = Page(rng, story, pool).build(layout)
            forms = {ax: "clean" for ax in AXES}
            forms.update(layout=layout, lang=story.lang)
            name = f"{args.pages + i:0{width}d}-clean-{layout}-{story.lang}.txt"
            write_page(args.out, name, page)
            truth = dict(file=name, story=story.id, split=story.split, forms=forms, brand=None, **page.truth)
            truth["url"] = f"https://news{(i - 1) // args.pages_per_site + 1:04d}-s{args.seed}.example/story/{i}.html"
            truths.append(truth)
    with open(os.path.join(args.out, "truth.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for t in truths:
            fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(f"farmgen: wrote {len(truths)} pages to {args.out}", file=sys.stderr)


ALLTEXT, VOCAB = vocabulary(load_stories())

if __name__ == "__main__":
    main()
