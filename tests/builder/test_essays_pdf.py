"""Essays in the built PDF, read back as a reader sees them: each footnote on the page of its number (or in the
Notes after the essay, numbered to match), every "p. N" and "pl. N" pointing at the plate that shows the work, no
Markdown mark printed, and the author's mistakes stopped with their file and line."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from catalog.builder import BuildOptions, build
from catalog.errors import ContentError
from tests.support.pdfcheck import page_texts
from tests.support.projects import add_layout, artist_data, make_project

ESSAY = """\
> An epigraph before the first paragraph.

Alpha opens the essay[^a] and points at {p:anna-test/work-2} and at {pl:boris-test/work-3}.

## Section heading

Bravo quotes a *catalogue*[^b] and returns to {pl:anna-test/work-1}.

> A quoted passage, set in from both sides, long enough to run over a line or two of the column.

- first item
- second item, with [a link](https://example.org) and https://example.org/bare

{.pull}
Charlie, a pull quote.

Delta closes[^c], near {p:boris-test/work-1}.

[^a]: Note alpha text.
[^b]: Note bravo text.
[^c]: Note charlie text.
"""
NOTES = {"1": "Note alpha text.", "2": "Note bravo text.", "3": "Note charlie text."}
REFERENCE = re.compile(r"\b(pl|p)\.\s(\d+)")


def titled(name: str, prefix: str, works: int) -> dict[str, Any]:
    data = artist_data(name, works=works)
    for number, work in enumerate(data["works"], start=1):
        work["title"] = f"{prefix} Plate {number}"
    return data


def project(tmp_path: Path, essay: str = ESSAY) -> Path:
    root = make_project(tmp_path / "p", {"anna-test": titled("Anna Test", "Anna", 2),
                                         "boris-test": titled("Boris Test", "Boris", 3)},
                        catalog={"texts": [{"title": "The Essay", "file": "content/texts/essay.md"}]})
    (root / "content" / "texts").mkdir(parents=True)
    (root / "content" / "texts" / "essay.md").write_text(essay, encoding="utf-8")
    add_layout(root, "endnotes", "base: zine\nname: endnotes\nessays: {notes: end}\n")
    add_layout(root, "numbered", "base: zine\nname: numbered\nplates: {captions: list}\ncentre_spread: false\n")
    return root


@cache
def built(root: Path, layout: str) -> list[str]:
    """The pages' text, the essay built without a finding about it (each layout built once per module)."""
    result = build(root, BuildOptions(layout=layout, out=root / "build" / f"{layout}.pdf"))
    assert [f.format() for f in result.findings if f.file is not None and f.file.name == "essay.md"] == []
    return page_texts(result.pdf)


def essay_text(texts: list[str]) -> tuple[int, str]:
    """The essay's first page and its text, from its heading to the last note."""
    first = next(index for index, text in enumerate(texts) if "The Essay\n" in text and "Alpha" in text)
    pages = [text for text in texts[first:] if "Delta" in text or "Alpha" in text or "Note" in text]
    return first + 1, "\n".join(pages)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project(tmp_path_factory.mktemp("essays"))


@pytest.mark.parametrize("layout", ["classic", "zine", "endnotes", "numbered"])
def test_no_markdown_mark_is_printed(root: Path, layout: str) -> None:
    _, text = essay_text(built(root, layout))
    for mark in ("##", "> ", "[^", "{p:", "{pl:", "{.pull}", "](", "- first"):
        assert mark not in text, mark
    for shown in ("An epigraph before", "SECTION HEADING", "A quoted passage", "• first item",
                  "with a link and https://example.org/bare", "Charlie, a pull quote."):
        assert "".join(shown.split()) in "".join(text.split()), shown  # wherever the lines break


@pytest.mark.parametrize("layout", ["classic", "zine"])
def test_each_footnote_is_on_the_page_of_its_number(root: Path, layout: str) -> None:
    texts = built(root, layout)
    for word, number in (("essay", "1"), ("catalogue", "2"), ("closes", "3")):
        (page,) = [text for text in texts if re.search(rf"\b{word}{number}\b", text)]
        assert f"{number} {NOTES[number]}" in page


def test_end_notes_are_gathered_after_the_essay_numbered_to_match(root: Path) -> None:
    texts = built(root, "endnotes")
    _, text = essay_text(texts)
    body, notes = text.split("NOTES\n")
    for word, number in (("essay", "1"), ("catalogue", "2"), ("closes", "3")):
        assert re.search(rf"\b{word}{number}\b", body)
        assert f"{number} {NOTES[number]}" in notes and NOTES[number] not in body
    assert notes.index(NOTES["1"]) < notes.index(NOTES["2"]) < notes.index(NOTES["3"])


def lists_works(text: str) -> bool:
    return any(heading in text for heading in ("List of works", "Checklist"))


def shows(texts: list[str], page: int, caption: str) -> bool:
    """Whether the plate on `page` is the one captioned `caption`: its caption is on the page, or the page is
    the left half of a spread whose caption stands under its right half."""
    def captioned(number: int) -> bool:
        return 0 < number <= len(texts) and re.search(rf"^{re.escape(caption)}\b", texts[number - 1], re.MULTILINE) \
            is not None and not lists_works(texts[number - 1])
    return captioned(page) or (page % 2 == 0 and captioned(page + 1) and not texts[page - 1].strip(" \n0123456789"))


@pytest.mark.parametrize("layout", ["classic", "zine", "endnotes"])
def test_every_page_reference_points_at_the_plate_of_its_work(root: Path, layout: str) -> None:
    texts = built(root, layout)
    _, text = essay_text(texts)
    found = [(kind, int(number)) for kind, number in REFERENCE.findall(text.replace("\u00a0", " "))]
    expected = ["Anna Plate 2", "Boris Plate 3", "Anna Plate 1", "Boris Plate 1"]  # in the essay's order
    assert [kind for kind, _ in found] == ["p"] * 4  # these layouts do not number their plates
    for (_, number), title in zip(found, expected, strict=True):
        assert shows(texts, number, title), (number, title)


def test_plate_references_give_the_plate_number_where_plates_are_numbered(root: Path) -> None:
    texts = built(root, "numbered")
    _, text = essay_text(texts)
    found = REFERENCE.findall(text.replace("\u00a0", " "))
    assert [kind for kind, _ in found] == ["p", "pl", "pl", "p"]
    works_list = next(text for text in texts if text.startswith("List of works"))
    for (kind, number), title in zip(found, ["Anna Plate 2", "Boris Plate 3", "Anna Plate 1", "Boris Plate 1"],
                                     strict=True):
        plate = re.search(rf"^(\d+) {title}\b", works_list, re.MULTILINE)  # the list numbers the plates
        assert plate is not None, title
        if kind == "pl":
            assert number == plate.group(1), (number, title)
        else:  # the page of the plate that carries the work's number as its caption
            assert shows(texts, int(number), plate.group(1)), (number, title)


@pytest.mark.parametrize(("text", "said"), [
    ("One.\n\nTwo[^1] and three[^2].\n\n[^1]: Only one.\n", ["the footnote [^2] has no text"]),
    ("One.\n\nTwo.\nSee {pl:boris-test/work-4}.\n",
     ["the cross-reference {pl:boris-test/work-4} names no work of the catalog", "did you mean 'boris-test/work-"]),
], ids=["footnote-without-text", "unknown-work"])
def test_a_broken_note_or_reference_stops_the_build_at_its_line(tmp_path: Path, text: str, said: list[str]) -> None:
    """A footnote called for but never written, or a reference to a work that does not exist."""
    root = project(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        build(root, BuildOptions(out=tmp_path / "out.pdf"))
    (problem,) = caught.value.problems
    assert problem.format().startswith(f"{root.resolve() / 'content/texts/essay.md'}:3: ")
    for words in said:
        assert words in problem.format()
