"""Type stubs of the extension module (see the package docstring)."""

from os import PathLike
from typing import Iterator, List, Optional, Tuple, TypedDict, Union

_Text = Union[str, bytes]
_Path = Union[str, PathLike[str]]

NOT_TEXT: str

class SiteMemorySettings(TypedDict, total=False):
    min_pages: int
    brand_pages: int
    bits: int

class LineScore(TypedDict):
    line: int
    label: str
    p_noise: float
    spans: List[Tuple[int, int, str]]
    repaired: Optional[str]
    text: str

class LineVerdict(TypedDict):
    line: int
    label: str
    p_noise: float
    blank: bool

class PageVerdict(TypedDict):
    verdicts: List[LineVerdict]
    content_farm: bool
    brands: List[str]
    brand_evidence: List[str]
    spliced_lines: int
    spam_score: float
    lines: int
    noise_lines: int
    content_lines: int

class FilterCounts(TypedDict):
    records: int
    failed: int
    lines_dropped: int
    errors: List[str]

class Detector:
    """Scores and cleans pages of scraped text (one block per line).

    Immutable: one detector can be shared by many threads, and scoring
    releases the GIL.
    """

    def __init__(self, threshold: float = 0.5) -> None:
        """A detector with the built-in model; a line is noise when its
        ``p_noise >= threshold``."""
    @staticmethod
    def from_file(path: _Path, threshold: float = 0.5) -> Detector:
        """A detector with the model file at ``path``. Raises
        ``NewschaffIOError`` when it cannot be read and ``NewschaffError``
        when it is not a model this build can score with."""
    @property
    def threshold(self) -> float:
        """The noise threshold."""
    def score(self, text: _Text) -> List[LineScore]:
        """One dict per line: ``line`` (1-based), ``label``
        (``"content"``/``"noise"``), ``p_noise``, ``spans`` (injected brand
        spans as ``(start, end, kind)``, offsets in characters of ``text``),
        ``repaired`` (the line without them, or None), ``text``."""
    def clean(self, text: _Text, repair: bool = False) -> str:
        """The content lines with their line ends, as ``newschaff clean``
        prints them; ``repair`` cuts injected brand spans out of them."""
    def clean_bytes(self, text: _Text, repair: bool = False) -> bytes:
        """Like :meth:`clean`, as bytes."""
    def clean_report(self, text: _Text, repair: bool = False) -> Tuple[str, PageVerdict]:
        """:meth:`clean` and :meth:`report` of one scoring."""
    def report(self, text: _Text) -> PageVerdict:
        """The line verdicts and the page verdict (content farm, brands,
        spam score, line counts)."""

def filter_jsonl(
    path_in: _Path,
    path_out: _Path,
    text_field: str = "text",
    repair: bool = False,
    detector: Optional[Detector] = None,
    threads: Optional[int] = None,
    site_memory: Union[bool, SiteMemorySettings, None] = None,
    url_field: str = "url",
) -> FilterCounts:
    """Cleans a JSON Lines file (gzip read when its bytes say so) into
    ``path_out`` (gzip when the name ends in ``.gz``), one output record per
    input record, with the pipeline of ``newschaff filter``: ``threads``
    worker threads (None: all cores), without the GIL; ``site_memory`` as
    ``filter --site-memory`` when ``True``, or a dict of the settings to
    change from its defaults: ``min_pages`` (``--site-min-pages``, 3),
    ``brand_pages`` (``--site-brand-pages``, 2; 0 remembers lines but no
    brands), ``bits`` (the sketch's size, 20: 8 MiB)."""

def filter_wet(
    path_in: _Path,
    path_out: _Path,
    repair: bool = False,
    to: Optional[str] = None,
    detector: Optional[Detector] = None,
    threads: Optional[int] = None,
    site_memory: Union[bool, SiteMemorySettings, None] = None,
) -> FilterCounts:
    """Cleans a WARC/WET file: ``conversion`` records are cleaned, every
    other record passes through; output WET, or JSON Lines when
    ``to="jsonl"`` or ``path_out`` ends in ``.jsonl`` (``to="documents"``:
    the Spark job's documents). ``threads`` and ``site_memory`` as for
    :func:`filter_jsonl`."""

class WetDocuments(Iterator[Tuple[str, bool, bool]]):
    """The documents of one WET file's bytes (gzip or not), record by
    record: ``(document, failed, is_record)``, the document one line of JSON
    (``url``, ``warc_record_id``, ``warc_type``, ``text``, ``attributes``,
    ``verdict``, ``error``), one for every record; gzip data cut short ends
    with one more document (``is_record`` false) whose ``error`` says
    where. Scored a batch at a time without the GIL."""

    def __init__(
        self,
        data: bytes,
        source: str = "<bytes>",
        repair: bool = False,
        detector: Optional[Detector] = None,
        threads: int = 1,
        site_memory: Union[bool, SiteMemorySettings, None] = None,
    ) -> None: ...
    def __iter__(self) -> WetDocuments: ...
    def __next__(self) -> Tuple[str, bool, bool]: ...
