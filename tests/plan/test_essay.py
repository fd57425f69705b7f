"""Essays as planned: footnotes at the foot of the column their number is in (or after the essay), numbers raised,
quotes and lists set in, headings kept with what follows, cross-references to the real page or plate, and an
artist's essay in the artist's section."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.builder import BuildOptions
from catalog.builder.project import plan_project
from catalog.plan import DocumentPlan
from catalog.plan.pages import Page, Rule, TextLine
from catalog.text import fonts
from tests.support.projects import add_layout, make_project

WORDS = ("The light over the salt flats changes by the minute, and the photographer waits for the one moment "
         "when the crust, the sky and the distant hull all hold the same grey. ")


def paragraph(number: int, notes: int = 0) -> str:
    marks = "".join(f" Called here[^{number}-{k}]." for k in range(notes))
    return f"Paragraph {number}. " + WORDS * 3 + marks


def long_essay(paragraphs: int = 14, notes_every: int = 2) -> str:
    """Many paragraphs, headings among them, a note in every other one: enough for several pages of columns."""
    body, notes = [], []
    for number in range(paragraphs):
        if number % 5 == 4:
            body.append(f"## Section {number}")
        count = 1 if number % notes_every == 0 else 0
        body.append(paragraph(number, count))
        notes.extend(f"[^{number}-{k}]: Note for paragraph {number}, " + "with a few words more. " * (1 + number % 3)
                     for k in range(count))
    return "\n\n".join(body) + "\n\n" + "\n".join(notes) + "\n"


def plan_of(tmp_path: Path, markdown: str, layout: str = "classic", layout_text: str | None = None,
            **entry: object) -> DocumentPlan:
    root = make_project(tmp_path / "p", catalog={"texts": [
        {"title": "An Essay", "author": "A. Writer", "file": "content/texts/essay.md", **entry}]})
    (root / "content" / "texts").mkdir(parents=True, exist_ok=True)
    (root / "content" / "texts" / "essay.md").write_text(markdown, encoding="utf-8")
    if layout_text is not None:
        add_layout(root, layout, layout_text)
    return plan_project(root, BuildOptions(layout=layout)).plan


def essay_pages(plan: DocumentPlan) -> list[Page]:
    return [page for page in plan.pages if page.kind == "text"]


def right_edge(line: TextLine) -> float:
    last = line.pieces[-1]
    return line.x + last.x + fonts.width(last.text.rstrip(), last.font, last.size, last.tracking)


def lines(page: Page, style: str | None = None) -> list[TextLine]:
    return [item for item in page.items if isinstance(item, TextLine) and (style is None or item.style == style)]


def called(line: TextLine) -> list[str]:
    """The note numbers raised in a line."""
    return [piece.text for piece in line.pieces if piece.rise > 0]


def test_foot_notes_stand_at_the_foot_of_the_column_their_number_is_in(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, long_essay())
    pages = essay_pages(plan)
    assert len(pages) >= 2
    seen = []
    for page in pages:
        body = [line for line in lines(page) if line.style != "note" and line.style not in ("folio", "running_head")]
        notes = lines(page, "note")
        labels = [line for line in notes if line.text.isdigit()]
        for reference in (line for line in body if called(line)):
            for number in called(reference):
                label = next(line for line in labels if line.text == number)
                assert abs(label.x - reference.x) < 1.0  # the same column
                seen.append(int(number))
        for column_x in {round(line.x) for line in labels}:
            column_body = [line for line in body if abs(line.x - column_x) < 1.0]
            column_notes = [line for line in notes if abs(line.x - column_x) < 30.0]
            rule = next(item for item in page.items if isinstance(item, Rule) and abs(item.x1 - column_x) < 1.0)
            # text, then the rule, then the notes
            assert min(line.y for line in column_body) > rule.y1 > max(line.y for line in column_notes)
    assert len(seen) == 7 and seen == list(range(1, 8))
    assert not [f for f in plan.findings if f.code == "overflow"]


def test_notes_stay_inside_the_text_area(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, long_essay(notes_every=1))
    bottom = 24 * 72 / 25.4  # classic's bottom margin
    for page in essay_pages(plan):
        assert all(line.y >= bottom - 0.01 for line in lines(page, "note"))


def test_note_numbers_are_raised_and_smaller(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, "Before[^1] after.\n\n[^1]: The note.\n")
    (reference,) = [line for page in plan.pages for line in lines(page, "body") if called(line)]
    raised = next(piece for piece in reference.pieces if piece.rise > 0)
    body = next(piece for piece in reference.pieces if piece.rise == 0)
    assert raised.text == "1" and raised.size < body.size * 0.7 and raised.rise > body.size * 0.3


def test_end_notes_follow_the_essay_under_notes_numbered_to_match(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, long_essay(), "endnotes", "base: classic\nname: endnotes\nessays: {notes: end}\n")
    text = "\n".join(page.text for page in essay_pages(plan))
    assert not any(isinstance(item, Rule) for page in essay_pages(plan) for item in page.items)
    body, notes = text.split("\nNOTES\n")
    numbers = [n for page in essay_pages(plan) for line in lines(page) if line.style != "note" for n in called(line)]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    labels = [line.text for page in essay_pages(plan) for line in lines(page, "note") if line.text.isdigit()]
    assert labels == numbers
    assert "Note for paragraph 0," in notes and "Note for paragraph 0," not in body


def test_quotes_are_set_in_from_both_sides_and_lists_hang_their_labels(tmp_path: Path) -> None:
    markdown = ("First paragraph.\n\n> " + WORDS * 2 + "\n\n- " + WORDS + "\n- short\n\n1. numbered\n"
                "   1. nested\n")
    plan = plan_of(tmp_path, markdown, "zine")
    (page,) = [page for page in plan.pages if "First paragraph." in page.text]
    body = lines(page, "body")
    left = min(line.x for line in body)
    right = max(right_edge(line) for line in body)
    quote = lines(page, "quote")
    inset = 2 * 10.0  # zine's body is 10 pt: two ems
    assert len(quote) > 1 and all(line.x == pytest.approx(left + inset) for line in quote)
    assert all(right_edge(line) <= right - inset + 0.5 for line in quote)
    labels = [(line.text, line.x - left) for line in body if line.text in ("•", "1.")]
    assert labels == [("•", 0.0), ("•", 0.0), ("1.", 0.0), ("1.", pytest.approx(inset))]
    item = next(line for line in body if line.text.startswith("short"))
    nested = next(line for line in body if line.text == "nested")
    assert item.x == pytest.approx(left + inset) and nested.x == pytest.approx(left + 2 * inset)


def test_no_heading_ends_a_column(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, long_essay(40, 3))
    for page in essay_pages(plan):
        text = [line for line in lines(page) if line.style not in ("note", "folio", "running_head")]
        for column_x in {round(line.x) for line in text}:
            column = sorted((line for line in text if round(line.x) == column_x), key=lambda line: -line.y)
            assert column[-1].style != "essay_heading", f"page {page.number}: '{column[-1].text}'"


def test_references_print_the_page_of_the_works_first_plate(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, "See {pl:boris-test/work-3} and {p:anna-test/work-2}.\n")
    (line,) = [line for page in plan.pages for line in lines(page, "body") if line.text.startswith("See")]
    boris, anna = plan.anchors["work:boris-test:2"], plan.anchors["work:anna-test:1"]
    assert line.text == f"See p.\u00a0{boris} and p.\u00a0{anna}."
    assert plan.pages[boris - 1].kind == "plate" and "Work 3" in plan.pages[boris - 1].text


def test_numbered_plates_print_the_plate_number(tmp_path: Path) -> None:
    layout = "base: classic\nname: numbered\nplates: {captions: list}\n"
    plan = plan_of(tmp_path, "See {pl:boris-test/work-3} on {p:boris-test/work-3}.\n", "numbered", layout)
    (line,) = [line for page in plan.pages for line in lines(page, "body") if line.text.startswith("See")]
    key = "work:boris-test:2"
    assert line.text == f"See pl.\u00a0{plan.plate_numbers[key]} on p.\u00a0{plan.anchors[key]}."
    assert plan.plate_numbers[key] == 5  # anna's two plates, then boris's three: plates come after the essay


def test_a_work_the_layout_shows_on_no_plate_is_reported(tmp_path: Path) -> None:
    layout = "base: classic\nname: picked\nplates: {pick: 2}\n"
    plan = plan_of(tmp_path, "See {p:boris-test/work-3}.\n", "picked", layout)
    (line,) = [line for page in plan.pages for line in lines(page, "body") if line.text.startswith("See")]
    assert line.text == "See not illustrated."
    (finding,) = [f for f in plan.findings if f.code == "reference"]
    assert finding.line == 1 and "{p:boris-test/work-3}" in finding.message


def test_an_artists_essay_prints_in_their_section_before_the_plates(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, "Q: Why?\n\nA: Because.\n", artist="boris-test", style="interview")
    essay = plan.anchors["text:0"]
    assert plan.anchors["artist:boris-test:biography"] < essay < plan.anchors["artist:boris-test:plates"]
    assert plan.anchors["artist:anna-test:plates"] < essay
    contents = next(page for page in plan.pages if page.kind == "contents").text
    assert "An Essay — A. Writer" not in contents
    assert f"An Essay {essay}" in contents
    page = plan.pages[essay - 1]
    assert [(line.style, line.text) for line in lines(page) if line.style in ("question", "body")] == [
        ("question", "Why?"), ("body", "Because.")]


def test_a_layout_without_texts_prints_no_artist_essay(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, "Text.\n", "mini", artist="anna-test")
    assert "text:0" not in plan.anchors


def test_an_essays_text_is_polished_once(tmp_path: Path) -> None:
    """Polished when loaded, never again: a quote escaped by the author stays straight, and two notes in a row
    are parted by a raised comma."""
    plan = plan_of(tmp_path, 'A \\"straight\\" and "curly" pair[^1][^2].\n\n[^1]: One.\n[^2]: Two.\n')
    (line,) = [line for page in plan.pages for line in lines(page, "body") if line.text.startswith("A ")]
    assert line.text == 'A "straight" and “curly” pair1,2.'
    assert "".join(called(line)) == "1,2"
