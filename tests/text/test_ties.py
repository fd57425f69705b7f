"""Ties set by the real line breaker: a size, an edition, a fraction never split at a line's end, at any measure."""

from __future__ import annotations

import pytest

from catalog.content.typography import DOUBLE_PRIME, NBSP, NNBSP, PRIME, tie
from catalog.model import Origin, Paragraph, Span
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from catalog.text.fonts import FontBook
from catalog.text.lines import Line, Run, Setting
from catalog.text.setter import Part, Typesetter
from catalog.text.typeset import set_text
from tests.support import REPO

SIZE = 8.0
GROUPS = ("13 3/16 × 10 in.", "7 + 2 AP", "100 × 150 cm", "5 + 2 AP", "A. B. Smith", "p. 12", "35.4 cm")
# Written to tempt breaks inside each group: short words around them, the groups in several places in a line.
TEMPTING = ("Untitled by A. B. Smith, 13 3/16 × 10 in. in an edition of 7 + 2 AP and, on p. 12, a print of "
            "100 × 150 cm, so 5 + 2 AP, or at most 35.4 cm by 13 3/16 × 10 in. as on p. 12 of the 7 + 2 AP set.")
WIDTHS = range(40, 201)


def broken_groups(lines: tuple[Line, ...], groups: tuple[str, ...]) -> list[str]:
    """The groups that are not whole on one line (a line's ties read as spaces)."""
    texts = [line.text.replace(NBSP, " ") for line in lines]
    return [group for group in groups if not any(group in text for text in texts)]


def rejoined(lines: tuple[Line, ...]) -> str:
    """The lines' characters without spaces and added hyphens (justified lines draw no spaces, only ties)."""
    joined = "".join(line.text[:-1] if line.hyphenated else line.text for line in lines)
    return joined.replace(" ", "").replace(NBSP, "")  # a tied group too wide for the line breaks at its ties


@pytest.mark.parametrize("align", ["justify", "left"])
def test_no_line_breaks_inside_a_tied_group_at_any_width(serif: str, align: str) -> None:
    text = tie(TEMPTING, "en")
    assert all(group.replace(" ", NBSP) in text for group in GROUPS)
    widest = max(fonts.width(group + ".,", serif, SIZE) for group in GROUPS)  # with what follows it
    assert widest < WIDTHS[-1] / 2  # most of the widths below hold every group
    for width in WIDTHS:
        lines = set_text((Run(text, serif, SIZE),), Setting(width, align, hyphenate=True, language="en"))
        assert rejoined(lines) == TEMPTING.replace(" ", "")  # every character once, in order
        for line in lines[:-1]:  # at any width: never after the slash of a fraction, never at a tie
            assert not line.text.rstrip(" -").endswith(("/", NBSP)), (width, line.text)
        if width >= widest:  # every group fits a line: none is broken
            assert broken_groups(lines, GROUPS) == [], width
            for line in lines[:-1]:
                assert not line.text.rstrip().endswith(("13", "×", "+", "7", "100", "150", "A.", "B.", "p.", "35.4")), \
                    (width, line.text)


def test_a_group_wider_than_the_line_breaks_at_its_ties_not_inside_the_fraction(serif: str) -> None:
    """A tied group that cannot fit may break at its ties (rather than run into the margin), never after 3/."""
    text = tie("13 3/16 × 10 in.", "en")
    width = fonts.width("13 3/16 ×", serif, SIZE)
    lines = set_text((Run(text, serif, SIZE),), Setting(width, "left", hyphenate=True))
    assert len(lines) > 1 and all(line.overfull == 0.0 for line in lines)
    assert any("3/16" in line.text for line in lines)


@pytest.mark.parametrize("number", ["3/16", "14/03/2026"])
def test_a_slash_between_digits_is_no_break_but_a_slash_between_words_is(serif: str, number: str) -> None:
    text = f"at {number} or {number} and {number}"  # untied: only the slash could break inside the numbers
    narrowest = fonts.width(number, serif, SIZE)
    for width in range(int(narrowest) + 1, int(narrowest * 3)):
        lines = set_text((Run(text, serif, SIZE),), Setting(width, "left"))
        assert all(number in line.text or "/" not in line.text for line in lines), width
    words = set_text((Run("photographs/paintings", serif, SIZE),), Setting(60.0, "left"))
    assert [line.text for line in words] == ["photographs/", "paintings"]


def test_untied_text_still_breaks_where_the_breaker_allows(serif: str) -> None:
    """The control: without ties the same sentence does break inside the groups at some widths."""
    broken: set[str] = set()
    for width in WIDTHS:
        lines = set_text((Run(TEMPTING, serif, SIZE),), Setting(width, "left", hyphenate=True))
        broken.update(broken_groups(lines, GROUPS))
    assert broken >= {"13 3/16 × 10 in.", "7 + 2 AP", "100 × 150 cm", "A. B. Smith"}


# --- through the typesetter: the planner's Parts get ties, loaded paragraphs keep theirs ----------------------

@pytest.fixture(scope="module")
def setter(book: FontBook) -> Typesetter:
    return Typesetter(load_layout("classic", REPO), book, "en")


def test_parts_and_strings_are_tied_in_runs(setter: Typesetter) -> None:
    style = setter.style("caption")
    runs = setter.runs([Part("Archival pigment print, 100 × 150 cm"), Part("Edition of 7 + 2 AP", italic=True)],
                       style, Origin())
    assert [run.text for run in runs] == [f"Archival pigment print, 100{NBSP}×{NBSP}150{NBSP}cm",
                                          f"Edition of 7{NBSP}+{NBSP}2{NBSP}AP"]
    (run,) = setter.runs("13 3/16 × 10 in.", style, Origin())
    assert run.text == tie("13 3/16 × 10 in.", "en") != "13 3/16 × 10 in."


def test_paragraph_spans_are_set_as_loaded(setter: Typesetter) -> None:
    """Prose was polished, ties and all, when it was loaded: the typesetter prints its spans as they are."""
    paragraph = Paragraph((Span("7 + 2 AP as written"),))
    (run,) = setter.runs(paragraph, setter.style("body"), Origin())
    assert run.text == "7 + 2 AP as written"
    (run,) = setter.runs([Span("7 + 2 AP")], setter.style("body"), Origin())
    assert run.text == "7 + 2 AP"


def test_captions_never_break_inside_a_size_or_an_edition(setter: Typesetter) -> None:
    style = setter.style("caption")
    parts = [Part("Archival pigment print, 13 3/16 × 10 in. (100 × 150 cm), Edition of 7 + 2 AP")]
    font = setter.book.name(style.font, style.weight)
    widest = fonts.width("13 3/16 × 10 in. (", font, style.size)
    checked = 0
    for width in WIDTHS:
        lines = setter.lines(parts, style, float(width), Origin(), align="left")
        assert all(not line.text.rstrip().endswith("3/") for line in lines), width
        if width >= widest:
            checked += 1
            assert broken_groups(lines, ("13 3/16 × 10 in.", "100 × 150 cm", "7 + 2 AP")) == [], width
            for line in lines[:-1]:
                assert not line.text.rstrip().endswith(("13", "×", "+", "(100", "7")), (width, line.text)
    assert checked > len(WIDTHS) / 2


def test_marks_the_font_lacks_are_set_as_their_plain_forms(book: FontBook) -> None:
    """French spacing's narrow no-break space and primes, where the layout's font has no glyph for them: a
    no-break space and straight marks, never a missing glyph."""
    setter = Typesetter(load_layout("classic", REPO), book, "fr")
    text = f"«{NNBSP}Oui{NNBSP}»{NNBSP}! 5{PRIME} 11{DOUBLE_PRIME}"
    (run,) = setter.runs([Span(text)], setter.style("body"), Origin())
    assert book.missing(run.text, run.font) == []
    for mark, plain in ((NNBSP, NBSP), (PRIME, "'"), (DOUBLE_PRIME, '"')):
        kept = not book.missing(mark, run.font)
        assert (mark in run.text) == kept and (plain in run.text) != kept
    assert not [problem for problem in setter.problems if problem.code == "missing-glyph"]


@pytest.mark.parametrize("width", range(60, 161, 4))
def test_a_range_of_years_or_pages_never_breaks_at_its_dash(serif: str, width: int) -> None:
    """Museum dates (c. 1968–1972) and page ranges (11–19) read as one number: a line never ends on their dash,
    though a dash between words may still end one."""
    text = "Interstate 25, north edge of Denver, Colorado, c. 1973–1974, and pp. 11–19 of the long–awaited book."
    lines = set_text((Run(text, serif, SIZE),), Setting(float(width), "left", language="en"))
    ends = [line.text.rstrip() for line in lines[:-1]]
    assert not any(end.endswith(("1973–", "11–")) for end in ends), (width, ends)
