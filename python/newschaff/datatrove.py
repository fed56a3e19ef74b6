"""A datatrove filter step that cleans ``doc.text`` with newschaff.

::

    from newschaff.datatrove import NewschaffFilter
    pipeline = [JsonlReader("in/"), NewschaffFilter(drop_content_farms=True), JsonlWriter("out/")]

``doc.text`` becomes the content lines (``newschaff clean``); the page
verdict goes to ``doc.metadata["newschaff"]`` (``content_farm``,
``brands``, ``spam_score``, ``lines``, ``noise_lines``, ``content_lines``,
``spliced_lines``). With ``drop_content_farms`` content-farm pages are
dropped (to the exclusion writer, if one is given), and so are pages left
with no content line when ``drop_empty`` is set. Importing this module
imports datatrove; the rest of newschaff does not need it.
"""

from typing import Any, Optional, Tuple, Union

from datatrove.pipeline.filters.base_filter import BaseFilter

from ._errors import NewschaffError
from ._newschaff import Detector

_SUMMARY = (
    "content_farm",
    "brands",
    "spam_score",
    "spliced_lines",
    "lines",
    "noise_lines",
    "content_lines",
)


class NewschaffFilter(BaseFilter):
    """Cleans each document's text and records the page verdict."""

    name = "🧹 newschaff"

    def __init__(
        self,
        repair: bool = False,
        drop_content_farms: bool = False,
        drop_empty: bool = False,
        model: Optional[str] = None,
        exclusion_writer: Any = None,
    ) -> None:
        super().__init__(exclusion_writer)
        self.repair = repair
        self.drop_content_farms = drop_content_farms
        self.drop_empty = drop_empty
        self.model = model
        self._detector: Optional[Detector] = None

    @property
    def detector(self) -> Detector:
        # Built on first use, in the worker process.
        if self._detector is None:
            self._detector = Detector.from_file(self.model) if self.model else Detector()
        return self._detector

    def __getstate__(self) -> dict:
        # Executors pickle their steps; the detector is built again.
        state = self.__dict__.copy()
        state["_detector"] = None
        return state

    def filter(self, doc: Any) -> Union[bool, Tuple[bool, str]]:
        try:
            kept, verdict = self.detector.clean_report(doc.text, repair=self.repair)
        except NewschaffError as e:
            # Not text (a binary file's bytes): kept as it was, and said why.
            doc.metadata["newschaff_error"] = str(e)
            return True
        doc.metadata["newschaff"] = {k: verdict[k] for k in _SUMMARY}
        if self.drop_content_farms and verdict["content_farm"]:
            return False, "newschaff_content_farm"
        doc.text = kept
        if self.drop_empty and not doc.text.strip():
            return False, "newschaff_empty"
        return True
