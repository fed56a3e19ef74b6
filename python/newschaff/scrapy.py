"""A Scrapy item pipeline that cleans a text field of each item.

Enable it in the settings::

    ITEM_PIPELINES = {"newschaff.scrapy.NewschaffPipeline": 300}
    NEWSCHAFF_TEXT_FIELD = "text"           # the field to clean (default "text")
    NEWSCHAFF_REPAIR = False                # cut injected brand spans out of kept lines
    NEWSCHAFF_DROP_CONTENT_FARMS = False    # drop items whose page is a content farm
    NEWSCHAFF_MODEL = None                  # a model file instead of the built-in model

Each item gets ``newschaff_content_farm``, ``newschaff_brands`` and
``newschaff_spam_score``; the text field holds the content lines
(``newschaff clean``). An item without a string in the text field passes
through untouched. Scrapy is imported only when the pipeline is used.
"""

import logging
from typing import Any, Optional

from ._errors import NewschaffError
from ._newschaff import Detector

logger = logging.getLogger(__name__)


class NewschaffPipeline:
    """Cleans ``item[NEWSCHAFF_TEXT_FIELD]`` and adds the page verdict."""

    def __init__(
        self,
        text_field: str = "text",
        repair: bool = False,
        drop_content_farms: bool = False,
        model: Optional[str] = None,
    ) -> None:
        self.text_field = text_field
        self.repair = repair
        self.drop_content_farms = drop_content_farms
        self.detector = Detector.from_file(model) if model else Detector()
        self._warned = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> "NewschaffPipeline":
        s = crawler.settings
        return cls(
            text_field=s.get("NEWSCHAFF_TEXT_FIELD", "text"),
            repair=s.getbool("NEWSCHAFF_REPAIR", False),
            drop_content_farms=s.getbool("NEWSCHAFF_DROP_CONTENT_FARMS", False),
            model=s.get("NEWSCHAFF_MODEL") or None,
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        from itemadapter import ItemAdapter  # a dependency of Scrapy
        from scrapy.exceptions import DropItem

        adapter = ItemAdapter(item)
        text = adapter.get(self.text_field)
        if not isinstance(text, str):
            return item
        try:
            kept, verdict = self.detector.clean_report(text, repair=self.repair)
        except NewschaffError as e:
            # Not text (a binary file's bytes): left as it was, and said why.
            logger.warning("newschaff: %s: item left as it was", e)
            return item
        if self.drop_content_farms and verdict["content_farm"]:
            raise DropItem(
                "newschaff: a content farm page (brands: %s)" % ", ".join(verdict["brands"])
            )
        adapter[self.text_field] = kept
        fields = {
            "newschaff_content_farm": verdict["content_farm"],
            "newschaff_brands": list(verdict["brands"]),
            "newschaff_spam_score": verdict["spam_score"],
        }
        for name, value in fields.items():
            try:
                adapter[name] = value
            except KeyError:
                # A scrapy.Item class that does not declare the field.
                if not self._warned:
                    self._warned = True
                    logger.warning(
                        "newschaff: %s has no field %s; declare the newschaff_* fields to get the verdict",
                        type(item).__name__,
                        name,
                    )
        return item
