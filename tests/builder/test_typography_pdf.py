"""Typography a proofreader passes, read from what the build prints: typographic quotes and apostrophes
in English running text, no proper name broken at a line end, no three hyphenated lines in a row, and
museum dimensions and edition sizes kept whole across line breaks in every built-in layout."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from catalog.builder import BuildOptions, BuildResult, build, plan_project
from catalog.plan.pages import DocumentPlan, Page, TextLine
from catalog.specs.layouts import available_layouts
from tests.support import REPO
from tests.support.pdfcheck import page_texts
from tests.support.projects import artist_data, make_project

LAYOUTS = sorted(available_layouts(REPO))
RUNNING = ("body", "statement", "list", "caption", "colophon", "toc")
BROKEN_NAME = re.compile(r"(?:^|\s)[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\s-]*[a-zа-яёәғқңөұүһі]-$")


def columns(page: Page) -> list[list[TextLine]]:
    """The page's running text by column, top to bottom: lines that share a left edge and a style."""
    found: dict[tuple[int, str], list[TextLine]] = defaultdict(list)
    for item in page.items:
        if isinstance(item, TextLine) and item.style in RUNNING and item.text.strip():
            found[(round(item.x), item.style)].append(item)
    return [sorted(lines, key=lambda line: -line.y) for lines in found.values()]


def hyphen_runs(plan: DocumentPlan) -> list[int]:
    runs = []
    for page in plan.pages:
        for column in columns(page):
            run = 0
            for line in column:
                run = run + 1 if line.text.rstrip().endswith("-") else 0
                runs.append(run)
    return runs


def test_english_running_text_has_typographic_quotes(example: BuildResult) -> None:
    for number, text in enumerate(page_texts(example.pdf), start=1):
        printed = text.split("light-of-the-steppe ·")[0]  # the slug line outside the trim is the printer's
        assert "'" not in printed and '"' not in printed, (number, printed)
    assert "’" in "".join(page_texts(example.pdf))  # the example has apostrophes: they became ’


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_name_broken_and_no_three_hyphens_in_a_row(layout: str) -> None:
    plan = plan_project(REPO, BuildOptions(layout=layout)).plan
    # A justified line's words are its pieces (its spaces are gaps, not characters): the last word.
    ends = [line.pieces[-1].text.split()[-1] for page in plan.pages for column in columns(page) for line in column
            if line.pieces[-1].text.split()]
    assert [end for end in ends if BROKEN_NAME.search(end)] == []
    assert max(hyphen_runs(plan), default=0) <= 2


def tempting_project(root: Path) -> Path:
    """Works whose captions and list entries put '13 3/16 × 10 in.' and '7 + 2 AP' at every place in a
    line: titles of every length from 1 to 40 letters."""
    works = [{"image": f"images/w{i}.jpg", "title": ("Steppe " * 8)[: i + 1].strip() or "S", "year": 2020,
              "medium": "Gelatin silver print", "dimensions": "13 3/16 × 10 in. (33.5 × 25.4 cm)",
              "edition": "Edition of 7 + 2 AP"} for i in range(40)]
    data = artist_data("Anna Test", works=0)
    data["works"] = works
    return make_project(root, {"anna-test": data})


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
def test_dimensions_and_editions_never_split(tmp_path: Path, layout: str) -> None:
    root = tempting_project(tmp_path / "p")
    result = build(root, BuildOptions(layout=layout, press="digital", cache=False, jobs=1))
    lines = [item.text for page in result.planned.plan.pages  # type: ignore[union-attr]
             for item in page.items if isinstance(item, TextLine) and item.style not in ("folio", "running_head")]
    assert any("3/16" in line for line in lines) or layout == "mini"  # mini's captions: artist, title, year
    bad_end = re.compile(r"(?:\b13|3/|×|\+|\b7)\s*$")
    bad_start = re.compile(r"^\s*(?:3/16|×|\+|AP\b|in\.)")
    # A line that is a number alone is a page reference in the list of works, not a cut dimension.
    assert [line for line in lines if not line.strip().isdigit() and (bad_end.search(line) or bad_start.search(line))
            ] == []
