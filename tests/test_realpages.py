"""Real pages: the loader is scored against 42 annotated iranfocus.com pages.

The pages (``tests/realpages/pages``) come from every era of the site and were
not used to build the first loader. ``tests/tools/score_items.py`` is the
scorer the annotation ships with; it reads the command line's JSONL export, so
this test runs the tool exactly as a user would. The floors are the scores the
loader reaches; a change that lowers one fails here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iranfocus_cli.parse import split_lines, split_page

from .test_properties import check_nothing_lost

HERE = Path(__file__).resolve().parent
PAGES = HERE / "realpages" / "pages"
GOLD = HERE / "realpages" / "items.json"

FLOORS = {
    "article_recall": 1.0, "article_precision": 1.0, "title_acc": 1.0,
    "caption_recall": 1.0, "caption_precision": 1.0, "monthday_acc": 1.0,
    "byline_acc": 1.0, "undated_ok": 1.0,
}


def _load_scorer():
    sys.path.insert(0, str(HERE / "tools"))
    try:
        import score_items  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return score_items


@pytest.fixture(scope="module")
def real_export(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("real")
    for f in PAGES.glob("*.txt"):
        shutil.copy(f, corpus / f.name)
    out = subprocess.run([sys.executable, "-m", "iranfocus_cli", "--no-cache", "--corpus", str(corpus),
                          "export", "--format", "jsonl"], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_real_pages_score_at_or_above_the_floors(real_export):
    score, problems = _load_scorer().score(real_export, json.loads(GOLD.read_text(encoding="utf-8")))
    low = {k: score[k] for k, floor in FLOORS.items() if score[k] is None or score[k] < floor}
    assert not low, (low, problems)
    assert score["wrong_years"] == 0, problems


def test_real_pages_lose_nothing_and_never_raise():
    for f in sorted(PAGES.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        page = split_page(text, source=f.name, stem=f.stem)
        check_nothing_lost(text, page.items, page.header_lines)
        assert len(split_lines(text)) == page.lines


def test_every_real_page_says_its_layout_and_why():
    for f in sorted(PAGES.glob("*.txt")):
        page = split_page(f.read_text(encoding="utf-8"), source=f.name, stem=f.stem)
        assert page.layout in ("listing", "article", "unknown") and page.layout_reason


def test_pages_command_says_layout_and_why():
    out = subprocess.run([sys.executable, "-m", "iranfocus_cli", "--no-cache", "--corpus", str(PAGES), "pages", "--json"],
                         capture_output=True, text=True, check=True)
    rows = json.loads(out.stdout)
    assert len(rows) == len(list(PAGES.glob("*.txt")))
    assert all(r["layout"] in ("listing", "article", "unknown") and r["layout_reason"] for r in rows)
