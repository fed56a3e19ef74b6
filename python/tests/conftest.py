"""Pages and paths the tests share."""

import os
from pathlib import Path

import pytest

import newschaff

REPO = Path(__file__).resolve().parents[2]

# A news page invented for these tests: a menu, a breadcrumb, a headline, a
# byline, the article, a share bar, a related list and a footer.
MENU = ["Home", "World", "Business", "Sport", "Weather", "Culture"]
SHARE = "Share on Facebook | Share on X | Email | Print"
ARTICLE = [
    "The town council voted on Tuesday to reopen the old railway footbridge, closed since a storm damaged its supports in the winter of 2024.",
    "Engineers told councillors that the steel frame was sound and that new timber decking and railings could be fitted within twelve weeks.",
    "The work will cost about 310,000 pounds, most of it paid from a regional fund for walking and cycling routes, the council said.",
    "Residents on both sides of the line have walked an extra two kilometres to the level crossing since the bridge was shut.",
    "A petition asking for the bridge to be reopened was signed by more than 4,000 people in the spring, and several spoke at the meeting.",
]
PAGE = "\n".join(
    ["Footbridge over the railway to reopen by summer | Millbrook Gazette"]
    + MENU
    + [
        "Home > Local news > Transport",
        "Footbridge over the railway to reopen by summer",
        "By Helen Okafor, local democracy reporter",
        "Published 14 March 2026, 09:40",
        SHARE,
    ]
    + ARTICLE
    + [
        SHARE,
        "Related stories",
        "Bus timetable changes from April",
        "New crossing planned near the primary school",
        "Sign up for our morning newsletter",
        "© 2026 Millbrook Gazette. All rights reserved.",
    ]
) + "\n"

FARM_PAGE = REPO / "tests" / "fixtures" / "farm" / "zentrivo.txt"
# Three pages of one content farm's host: the first two prove its brand, the
# third only has it inserted between words with spaces.
FARM_SITE = REPO / "tests" / "fixtures" / "farm-site.jsonl"


@pytest.fixture(scope="session")
def detector() -> newschaff.Detector:
    return newschaff.Detector()


def cli_binary():
    """The newschaff binary built at the repository root, if there is one."""
    dirs = [REPO / "target"]
    if os.environ.get("CARGO_TARGET_DIR"):
        dirs.insert(0, Path(os.environ["CARGO_TARGET_DIR"]))
    for d in dirs:
        for profile in ("release", "debug"):
            b = d / profile / "newschaff"
            if b.is_file() and os.access(b, os.X_OK):
                return b
    return None
