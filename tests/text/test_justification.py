"""Justified lines beyond word spaces: letter-spacing within the style's limits, punctuation hung into the
margins, and words measured as they are drawn (kerned across hyphenation points, a hyphen against its letter)."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from catalog.content import markup
from catalog.content.typography import base_language
from catalog.errors import LayoutError
from catalog.specs.justification import PLAIN, Justification
from catalog.specs.layouts import TextStyle, load_layout
from catalog.text import fonts, hyphenate
from catalog.text.breaking import LONG_PARAGRAPH
from catalog.text.fonts import FontBook
from catalog.text.items import Box, Penalty, paragraph_items
from catalog.text.lines import Line, Piece, Run, Setting
from catalog.text.setter import Typesetter
from catalog.text.typeset import set_text
from tests.support import REPO
from tests.support.projects import add_layout

SIZE = 9.5
NBSP = "\u00a0"
HOUSE = Justification(min_letter_spacing=-1.0, max_letter_spacing=2.0, hang_punctuation=True)
SPACED = replace(HOUSE, hang_punctuation=False)
PROSE = (
    "The photographs gathered here were made over a decade of travel across the steppe, from the salt lakes of "
    "the west to the mountains in the east, in every season and at every hour, following roads that appear on no "
    "map. “Unquestionably,” she wrote, “the extraordinary circumstances of their making shaped the pictures”: "
    "photographers persevered through blizzards, heatwaves and interminable bureaucratic delays (and worse).")
BIOGRAPHIES = ("bekzat-popov", "kairat-ospanov")
MM = 72 / 25.4


def lines_of(font: str, width: float, rules: Justification = HOUSE, text: str = PROSE, indent: float = 0.0,
             align: str = "justify") -> tuple[Line, ...]:
    return set_text((Run(text, font, SIZE),), Setting(width, align, True, "en-GB", indent, justification=rules))


def right_edge(piece: Piece) -> float:
    """Where the piece ends as drawn: shaped whole, its tracking after every glyph."""
    return piece.x + fonts.width(piece.text.rstrip(NBSP), piece.font, piece.size, piece.tracking)


def measure(index: int, width: float, indent: float) -> float:
    return width - (indent if index == 0 else 0.0)


# --- letter-spacing ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [float(w) for w in range(110, 260, 15)])
def test_letter_spaced_lines_still_fill_the_measure_exactly(serif: str, width: float) -> None:
    lines = lines_of(serif, width, SPACED, indent=11.0)
    for index, line in enumerate(lines[:-1]):
        assert line.width == pytest.approx(measure(index, width, 11.0), abs=0.01)
        assert right_edge(line.pieces[-1]) == pytest.approx(width, abs=0.01), line.text
        assert line.overfull == 0.0


def test_letter_spacing_never_exceeds_the_styles_limits(serif: str) -> None:
    used: list[float] = []
    for rules in (SPACED, Justification(min_letter_spacing=-0.5, max_letter_spacing=1.0)):
        for width in range(90, 300, 7):
            for line in lines_of(serif, float(width), rules):
                spacing = {piece.tracking / piece.size * 100 for piece in line.pieces}
                assert len(spacing) == 1  # one letter-spacing all along the line
                (percent,) = spacing
                assert rules.min_letter_spacing - 1e-9 <= percent <= rules.max_letter_spacing + 1e-9
                used.append(percent)
    assert max(used) == pytest.approx(2.0)  # loose lines use the room up to the limit ...
    assert min(used) < 0  # ... tight ones close up
    assert sum(1 for percent in used if percent == 0) > len(used) / 3  # most lines need word spaces only


def test_spaces_stretch_before_letters_open_up(serif: str) -> None:
    space = fonts.width(" ", serif, SIZE)
    for width in range(90, 300, 7):
        for line in lines_of(serif, float(width), SPACED)[:-1]:
            gaps = [b.x - right_edge(a) for a, b in pairwise(line.pieces)]
            if line.pieces[0].tracking > 0:  # letters opened up: only after the spaces reached 150 %
                assert min(gaps) >= 1.5 * space - 0.01, line.text


def test_without_limits_no_letter_is_spaced(serif: str) -> None:
    for width in range(90, 300, 13):
        assert all(piece.tracking == 0.0 for line in lines_of(serif, float(width), PLAIN) for piece in line.pieces)


def test_ragged_text_is_untouched(serif: str) -> None:
    for width in range(90, 300, 13):
        ragged = lines_of(serif, float(width), HOUSE, align="left")
        assert ragged == lines_of(serif, float(width), PLAIN, align="left")
        assert all(piece.tracking == 0.0 and piece.x >= 0.0 for line in ragged for piece in line.pieces)


def test_the_breaker_sees_the_letters_room(serif: str) -> None:
    items = paragraph_items([Run(PROSE, serif, SIZE)], Setting(200.0, "justify", True, justification=SPACED))
    boxes = [item for item in items if isinstance(item, Box)]
    assert all(box.stretch == pytest.approx(sum(len(text) for text, _ in box.parts) * SIZE * 0.02) for box in boxes)
    assert all(box.shrink == pytest.approx(box.stretch / 2) for box in boxes)
    ragged = paragraph_items([Run(PROSE, serif, SIZE)], Setting(200.0, "left", True, justification=SPACED))
    assert all(item.stretch == 0.0 for item in ragged if isinstance(item, Box))


def test_a_very_long_paragraph_is_letter_spaced_within_limits_too(serif: str) -> None:
    """Past LONG_PARAGRAPH break opportunities lines are chosen one at a time (first fit): still filled exactly."""
    text = " ".join([PROSE] * 60)
    items = paragraph_items([Run(text, serif, SIZE)], Setting(150.0, "justify", True, justification=SPACED))
    assert sum(not isinstance(item, Box) for item in items) > LONG_PARAGRAPH
    lines = lines_of(serif, 150.0, SPACED, text=text)
    assert any(line.pieces[0].tracking < 0 for line in lines)  # first fit fills lines as full as letters allow
    for line in lines[:-1]:
        assert right_edge(line.pieces[-1]) == pytest.approx(150.0, abs=0.01)
        assert all(-0.01 * SIZE - 1e-9 <= piece.tracking <= 0.02 * SIZE + 1e-9 for piece in line.pieces)


# --- hanging punctuation -------------------------------------------------------------------------------------

def test_a_line_ending_in_a_full_stop_hangs_it_by_the_stops_width(serif: str) -> None:
    stop = fonts.width(".", serif, SIZE)
    hung = 0
    for width in range(100, 300, 5):
        for line in lines_of(serif, float(width), HOUSE)[:-1]:
            last = line.pieces[-1]
            if line.text.endswith("."):
                assert right_edge(last) == pytest.approx(width + stop, abs=0.01), line.text
                hung += 1
            elif line.text[-1].isalpha():
                assert right_edge(last) == pytest.approx(width, abs=0.01), line.text
            assert line.width == pytest.approx(width, abs=0.01)  # its place in the measure: the whole of it
    assert hung


@pytest.mark.parametrize("mark,share", [(",", 1.0), ("-", 1.0), ("”", 1.0), (":", 0.5)])
def test_other_marks_hang_by_their_share(serif: str, mark: str, share: float) -> None:
    hung = 0
    for width in range(100, 300, 3):
        for line in lines_of(serif, float(width), HOUSE)[:-1]:
            if line.text.endswith(mark):
                assert right_edge(line.pieces[-1]) == pytest.approx(width + share * fonts.width(mark, serif, SIZE),
                                                                    abs=0.01), line.text
                hung += 1
    assert hung, mark


def test_an_opening_quote_hangs_into_the_left_margin_but_not_into_an_indent(serif: str) -> None:
    quote = fonts.width("“", serif, SIZE)
    text = "“" + PROSE
    for indent in (0.0, 12.0):
        first = lines_of(serif, 180.0, HOUSE, text=text, indent=indent)[0]
        assert first.pieces[0].x == pytest.approx(indent - quote if indent == 0 else indent)
        assert right_edge(first.pieces[-1]) <= 180.0 + fonts.width(".", serif, SIZE) + 0.01
    hung = [line for width in range(100, 300, 3) for line in lines_of(serif, float(width), HOUSE)[1:]
            if line.text.startswith(("“", "("))]
    assert hung
    for line in hung:
        share = 1.0 if line.text[0] == "“" else 0.5
        assert line.pieces[0].x == pytest.approx(-share * fonts.width(line.text[0], serif, SIZE))


def test_a_last_line_at_its_natural_width_does_not_hang_on_the_right(serif: str) -> None:
    natural = 0
    for width in range(100, 300, 11):
        last = lines_of(serif, float(width), HOUSE)[-1]
        assert last.text.endswith(").")
        if " " in last.text:  # set at its natural spaces, not shrunk to fit: it ends short of the margin
            natural += 1
            assert right_edge(last.pieces[-1]) == pytest.approx(last.width, abs=0.05)
            assert last.width < width
    assert natural


# --- widths as drawn ------------------------------------------------------------------------------------------

def test_a_words_pieces_add_up_to_its_kerned_width(serif: str) -> None:
    """Blizzards breaks as bliz-zards, and PT Serif kerns the z-z pair across the break: the pieces measured one by
    one would be wider than the word drawn whole."""
    assert hyphenate.points("blizzards", "en") == (4,)
    apart = fonts.width("bliz", serif, SIZE) + fonts.width("zards", serif, SIZE)
    assert apart - fonts.width("blizzards", serif, SIZE) > 0.1
    setting = Setting(200.0, "justify", True)
    for word in ("blizzards", "characters", "dictionaries", "extraordinarily"):
        items = paragraph_items([Run(word, serif, SIZE)], setting)
        assert any(isinstance(item, Penalty) for item in items)
        boxes = [item for item in items if isinstance(item, Box)]
        assert sum(box.width for box in boxes) == pytest.approx(fonts.width(word, serif, SIZE), abs=1e-9)
        before = ""
        for item in items:
            if isinstance(item, Box):
                before += item.parts[0][0]
            elif isinstance(item, Penalty):  # the hyphen kerned against the letter before it
                hyphenated = fonts.width(before + "-", serif, SIZE) - fonts.width(before, serif, SIZE)
                assert item.width == pytest.approx(hyphenated, abs=1e-9)


@pytest.mark.parametrize("rules", [PLAIN, SPACED, HOUSE], ids=["plain", "spaced", "hung"])
def test_a_hyphenated_lines_last_piece_ends_where_it_was_measured(serif: str, rules: Justification) -> None:
    hyphen = fonts.width("-", serif, SIZE)
    broken = 0
    for width in range(80, 200, 4):
        for line in lines_of(serif, float(width), rules)[:-1]:
            if not line.hyphenated:
                continue
            broken += 1
            last = line.pieces[-1]
            assert last.text.endswith("-") and len(last.text) > 1  # drawn with its word, shaped together
            hang = hyphen if rules.hang_punctuation else 0.0
            assert right_edge(last) == pytest.approx(line.width + hang, abs=0.01)
            assert line.width == pytest.approx(width, abs=0.01)
    assert broken > 5


def test_a_justified_word_is_one_piece(serif: str) -> None:
    """Each word of a justified line in one font is one piece, however it was hyphenated: no two pieces abut."""
    for width in range(90, 300, 9):
        for line in lines_of(serif, float(width), SPACED):
            assert all(b.x - right_edge(a) > 0.5 for a, b in pairwise(line.pieces)), line.text


# --- the layouts ---------------------------------------------------------------------------------------------

def test_classic_sets_its_running_text_with_letter_spacing_and_hung_punctuation() -> None:
    for name in ("classic", "pocket", "zine"):
        styles = load_layout(name, REPO).styles
        assert styles["body"].justification == HOUSE, name
        assert styles["statement"].justification == HOUSE, name
        assert styles["caption"].justification == PLAIN, name


def test_limits_outside_a_designers_range_are_refused(tmp_path: Path) -> None:
    add_layout(tmp_path, "loose", "base: classic\nstyles:\n  body:\n    justification: {max_letter_spacing: 20}\n")
    with pytest.raises(LayoutError) as caught:
        load_layout("loose", tmp_path)
    assert any("max_letter_spacing" in problem.message for problem in caught.value.problems)


# --- the example's biographies (as bench/typography.py sets them) ---------------------------------------------

def _spaces(lines: tuple[Line, ...], space: float) -> list[float]:
    """Each word space of the justified lines in per cent of a normal space, from a word's last glyph (its
    tracking after it) to the next word; a tie counts as a space."""
    gaps = []
    for line in lines:
        for a, b in pairwise(line.pieces):
            if b.x - right_edge(a) > 0.3 * space:
                gaps.append((b.x - right_edge(a)) / space * 100)
    return gaps


@pytest.mark.parametrize("layout,width", [("classic", 82 * MM), ("pocket", None)])
def test_the_biographies_are_set_with_tighter_worst_spaces(book: FontBook, layout: str, width: float | None) -> None:
    spec = load_layout(layout, REPO)
    if width is None:
        page = spec.page
        width = (page.width - page.margins.inside - page.margins.outside - (page.columns - 1) * page.gutter)
        width /= page.columns
    setter = Typesetter(spec, book, "en-GB")
    body = setter.style("body")
    assert body.justification == HOUSE
    space = fonts.width(" ", book.name(body.font, "regular"), body.size)

    def set_all(style: TextStyle) -> tuple[list[float], int]:
        spaces, hyphens = [], 0
        for artist in BIOGRAPHIES:
            path = REPO / "content" / "artists" / artist / "bio.md"
            text = markup.polished(markup.parse(path.read_text(encoding="utf-8"), path, 1), base_language("en-GB"))
            for paragraph in text.paragraphs:
                lines = setter.lines(paragraph, style, width, paragraph.origin, first_indent=style.indent)
                spaces += _spaces(lines[:-1], space)
                hyphens += sum(line.hyphenated for line in lines)
        return spaces, hyphens

    plain, plain_hyphens = set_all(replace(body, justification=PLAIN))
    ours, hyphens = set_all(body)
    assert max(ours) < max(plain) - 20  # some 50 points of a space better in the worst line of each
    assert max(ours) < 330  # Typst 0.15 sets these texts no tighter than 377 % (classic) and 235 % (pocket)
    assert sum(s > 180 for s in ours) < sum(s > 180 for s in plain) / 2
    assert hyphens <= plain_hyphens
