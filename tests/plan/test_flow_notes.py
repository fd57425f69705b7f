"""Footnotes in the flow, as tables: a note stands at the foot of the frame its calling line goes into, under a
rule, the text making room for it; a line whose note cannot follow it goes on with it to the next frame."""

from __future__ import annotations

from dataclasses import replace

from catalog.plan.flow import NOTE_GAP, Cursor, fill, paginate
from catalog.plan.pages import Rule
from catalog.text.lines import Line, Piece
from catalog.text.setter import Block
from catalog.units import Rect
from tests.plan.test_flow import LEADING, STYLE, block, columns, ident

NOTE = replace(STYLE, size=7.0, leading=9.0, role="note")


def note(name: str, count: int = 1) -> tuple[Block, ...]:
    lines = tuple(Line((Piece(0.0, f"{name}.{n}", "F", 7.0),), 20.0) for n in range(count))
    return (Block(lines, NOTE, baseline=7.0),)


def calling(index: int, count: int, calls: dict[int, tuple[Block, ...]]) -> Block:
    return replace(block(index, count), notes=tuple(calls.items()))


def texts(filled_lines: list) -> list[str]:
    return [line.text for line in filled_lines]


def test_a_note_stands_at_the_foot_of_the_frame_under_a_rule() -> None:
    frame = Rect(0.0, 100.0, 100.0, 10 * LEADING)
    filled = fill([calling(0, 4, {1: note("n", 2)})], Cursor(), frame)
    assert texts(filled.lines) == ["0:0", "0:1", "0:2", "0:3", "n.0", "n.1"]
    body = [line for line in filled.lines if line.style != "note"]
    notes = [line for line in filled.lines if line.style == "note"]
    (rule,) = filled.rules
    assert isinstance(rule, Rule) and rule.x2 - rule.x1 == 25.0  # a quarter of the column
    lowest_text = min(line.y for line in body) - (LEADING - 9.0)  # the last line's foot
    highest_note = max(line.y for line in notes) + 7.0
    assert lowest_text > rule.y1 > highest_note
    assert min(line.y for line in notes) >= frame.y  # inside the frame
    assert notes[0].y - notes[1].y == 9.0


def test_the_text_makes_room_for_its_notes() -> None:
    """Ten lines would fill the frame; a two-line note called in the first takes the room of three and a half
    (the gap and the rule, then its lines), so six lines stay and four go on, none alone."""
    frame = Rect(0.0, 100.0, 100.0, 10 * LEADING)
    filled = fill([calling(0, 10, {0: note("n", 2)})], Cursor(), frame)
    room = 2 * 9.0 + 9.0 * NOTE_GAP
    kept = int((10 * LEADING - room) // LEADING)
    assert [ident(text) for text in texts(filled.lines) if ":" in text] == [(0, n) for n in range(kept)]
    assert filled.cursor == Cursor(0, kept)


def test_a_line_goes_on_with_its_note_when_the_note_cannot_follow_it() -> None:
    """The seventh line fits, its five-line note does not: the line and the rest of the paragraph go on to
    the next frame with the note, keeping two lines together."""
    frame_lines = 8
    paragraphs = [block(0, 4), calling(1, 4, {2: note("n", 5)})]
    pages = paginate(paragraphs, lambda _: [Rect(0.0, 100.0, 100.0, frame_lines * LEADING)])
    first, second = pages
    assert "n.0" not in texts(first.lines) and not first.rules
    assert texts(second.lines)[-5:] == [f"n.{k}" for k in range(5)] and second.rules
    assert any(text == "1:2" for text in texts(second.lines))


def test_a_last_page_calling_a_note_is_not_balanced() -> None:
    """Balanced columns would lift the notes off the foot of the page: the last page with a note fills its
    first column instead; without the note, the columns end level."""
    plain = paginate([block(0, 6)], lambda _: columns(20))
    assert sorted({round(line.x) for line in plain[0].lines}) == [0, 120]  # balanced: three lines each
    noted = paginate([calling(0, 6, {5: note("n")})], lambda _: columns(20))
    assert {round(line.x) for line in noted[0].lines} == {0}
    assert noted[0].rules[0].y1 < min(line.y for line in noted[0].lines if line.style != "note")
