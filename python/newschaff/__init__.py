"""newschaff finds the junk in scraped news pages.

It scores every line of a page (plain text, one block per line) as article
``content`` or page ``noise`` (menus, breadcrumbs, share bars, related
lists, cookie prompts, footers, content-farm brand lines), and cleans
pages, JSON Lines files and WARC/WET files.

>>> import newschaff
>>> detector = newschaff.Detector()
>>> kept = detector.clean(page_text)           # doctest: +SKIP
>>> verdict = detector.report(page_text)        # doctest: +SKIP

The model is built into the extension module: nothing is downloaded.
"""

from ._errors import NewschaffError, NewschaffIOError
from ._newschaff import NOT_TEXT, Detector, WetDocuments, filter_jsonl, filter_wet

__all__ = [
    "Detector",
    "NewschaffError",
    "NewschaffIOError",
    "NOT_TEXT",
    "WetDocuments",
    "filter_jsonl",
    "filter_wet",
]
__version__ = "0.1.0"
