"""Page chrome as a book designer expects it: a page that opens with its own heading carries its folio
but no running head repeating the heading; the artist's statement says whose words it is; a text in
another language than the catalog's is set with its own typography."""

from __future__ import annotations

from pathlib import Path

from catalog.builder import BuildOptions, plan_project
from catalog.plan.pages import Page, TextLine
from tests.support.projects import artist_data, make_project


def styled(page: Page, style: str) -> list[str]:
    return [item.text for item in page.items if isinstance(item, TextLine) and item.style == style]


def test_opening_pages_have_a_folio_and_no_running_head(tmp_path: Path) -> None:
    essay = "A long foreword that runs over two pages of the catalogue, about the steppe and its light. " * 60
    root = make_project(tmp_path / "p", catalog={"texts": [{"title": "Foreword", "text": essay}]})
    pages = plan_project(root, BuildOptions(press="digital")).plan.pages
    foreword = [page for page in pages if page.kind == "text"]
    assert len(foreword) >= 2
    first, second = foreword[0], foreword[1]
    assert styled(first, "folio") == [str(first.number)] and styled(first, "running_head") == []
    assert styled(second, "folio") == [str(second.number)] and styled(second, "running_head") != []
    contents = next(page for page in pages if page.kind == "contents")
    assert styled(contents, "folio") and not styled(contents, "running_head")
    works = [page for page in pages if page.kind == "works"]
    assert works and not styled(works[0], "running_head")


def test_the_statement_is_labelled_as_the_artists(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", statement="I photograph the sea.")})
    opener = next(page for page in plan_project(root, BuildOptions(press="digital")).plan.pages
                  if page.kind == "opener")
    lines = [item for item in opener.items if isinstance(item, TextLine)]
    label = next(index for index, line in enumerate(lines) if line.style == "subheading")
    assert lines[label].text.lower() == "statement"  # set in capitals by the style
    assert lines[label + 1].style == "statement" and lines[label + 1].y < lines[label].y


def test_a_text_in_another_language_gets_its_own_quotes(tmp_path: Path) -> None:
    texts = [{"title": 'Die "Steppe"', "language": "de", "text": 'Er nannte sie "die leere Steppe" und ging.'},
             {"title": 'The "Steppe"', "text": 'He called it "the empty steppe" and left.'}]
    root = make_project(tmp_path / "p", catalog={"texts": texts})
    pages = [page for page in plan_project(root, BuildOptions(press="digital")).plan.pages if page.kind == "text"]
    german, english = (" ".join(page.text.split()) for page in pages[:2])
    assert "Die „Steppe“" in german and "„die leere Steppe“" in german.replace("\u00a0", " ")
    assert "The “Steppe”" in english and "“the empty steppe”" in english.replace("\u00a0", " ")


def test_a_long_exhibitions_list_marks_its_continuation(tmp_path: Path) -> None:
    shows = [{"year": 1990 + n, "title": f"Group Show {n}", "venue": "Hall", "city": "Almaty", "kind": "group"}
             for n in range(40)]
    root = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", exhibitions=shows)})
    pages = plan_project(root, BuildOptions(press="digital")).plan.pages
    heads = [line for page in pages if page.kind == "exhibitions" for line in page.items
             if isinstance(line, TextLine) and line.style == "subheading"]
    continued = [line for line in heads if line.text.lower().endswith("(continued)")]
    assert continued and all(line.text.lower() == "group exhibitions (continued)" for line in continued)
    # Each opens a column: no entry of the list stands above it in its column.
    for page in (page for page in pages if page.kind == "exhibitions"):
        for mark in (item for item in page.items if item in continued):
            above = [item for item in page.items if isinstance(item, TextLine) and item.style == "list"
                     and abs(item.x - mark.x) < 1 and item.y > mark.y]
            assert above == []
