"""Copyfitting as the layout states it: a text whose last page would hold only a few lines (less than
the layout's `spill`, a quarter of a page by default) is set a little smaller, within `copyfit` per cent,
so that it does not; a longer last page is left as it is."""

from __future__ import annotations

from pathlib import Path

from catalog.builder import BuildOptions, plan_project
from catalog.plan.pages import Page, TextLine
from tests.support.projects import add_layout, make_project

SENTENCE = "The photographs were made over twenty years on the steppe and in the city. "


def text_pages(root: Path, sentences: int, layout: str) -> list[Page]:
    (root / "catalog.yaml").write_text((root / "catalog.yaml").read_text().split("texts:")[0]
                                       + f"texts:\n- title: Foreword\n  text: {SENTENCE * sentences}\n")
    return [page for page in plan_project(root, BuildOptions(layout=layout, press="digital")).plan.pages
            if page.kind == "text"]


def body_lines(page: Page) -> int:
    return sum(1 for item in page.items if isinstance(item, TextLine) and item.style == "body")


def test_a_few_spilled_lines_are_copyfitted_and_a_fuller_page_is_not(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", catalog={"layout": "plain", "texts": []})
    add_layout(root, "plain", "base: zine\nname: plain\ncopyfit: 0\n")
    add_layout(root, "fitted", "base: zine\nname: fitted\ncopyfit: 8\n")
    add_layout(root, "strict", "base: zine\nname: strict\ncopyfit: 8\nspill: 5\n")
    sentences = 30
    while True:  # the essay's length that spills four to seven lines onto a second page, set at full size
        pages = text_pages(root, sentences, "plain")
        if len(pages) == 2 and 4 <= body_lines(pages[1]) <= 7:
            break
        assert len(pages) <= 2 and sentences < 200
        sentences += 1
    assert len(text_pages(root, sentences, "fitted")) == 1  # under a quarter of a page: set 2-8 % smaller
    assert len(text_pages(root, sentences, "strict")) == 2  # 'spill: 5': four lines are more than that


def test_a_spill_copyfitting_cannot_save_is_a_warning_at_the_text(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", catalog={"layout": "plain", "texts": []})
    add_layout(root, "plain", "base: zine\nname: plain\ncopyfit: 0\n")
    sentences = 30
    while len(pages := text_pages(root, sentences, "plain")) < 2 or body_lines(pages[1]) < 3:
        sentences += 1
    planned = plan_project(root, BuildOptions(layout="plain", press="digital"))
    spills = [f for f in planned.plan.findings if f.code == "spill"]
    assert len(spills) == 1 and spills[0].severity == "warning"
    assert spills[0].file == root / "catalog.yaml" and spills[0].line is not None
    lines = body_lines(pages[1])
    assert f"a text ends with {lines} lines alone on page" in spills[0].message and "'copyfit: 0'" in spills[0].message
