"""Flowing blocks through columns: widows and orphans, headings kept with text, balanced last page."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

import pytest

from catalog.colour import Swatch
from catalog.model import Origin
from catalog.plan.flow import MIN_LINES, Cursor, PageFill, fill, paginate
from catalog.specs.hyphenation import Hyphenation
from catalog.specs.layouts import TextStyle, load_layout
from catalog.text import fonts
from catalog.text.lines import Line, Piece
from catalog.text.setter import Block, Typesetter
from catalog.units import Rect
from tests.support import REPO

LEADING = 12.0
STYLE = TextStyle(font="text", weight="regular", size=10.0, leading=LEADING, colour=Swatch(0.0, 0.0, 0.0))
HEADING = TextStyle(font="text", weight="bold", size=10.0, leading=LEADING, colour=Swatch(0.5, 0.0, 0.0))


def block(index: int, count: int, *, heading: bool = False, **options: object) -> Block:
    """A block whose lines say which block and line they are: '3:0', '3:1', ..."""
    lines = tuple(Line((Piece(0.0, f"{index}:{n}", "F", 10.0),), 20.0) for n in range(count))
    if heading:
        options.setdefault("keep_with_next", True)
    return Block(lines, HEADING if heading else STYLE, baseline=9.0, **options)  # type: ignore[arg-type]


def blocks_of(*spec: int | str) -> list[Block]:
    """Sizes of paragraphs; 'h' is a one-line heading kept with what follows."""
    return [block(i, 1, heading=True) if s == "h" else block(i, int(s)) for i, s in enumerate(spec)]


def columns(lines_high: int, count: int = 2, width: float = 100.0, gap: float = 20.0) -> list[Rect]:
    return [Rect(i * (width + gap), 50.0, width, lines_high * LEADING) for i in range(count)]


def same_columns(lines_high: int, count: int = 2) -> Callable[[int], list[Rect]]:
    return lambda _page: columns(lines_high, count)


def ident(text: str) -> tuple[int, int]:
    block_index, line_index = text.split(":")
    return int(block_index), int(line_index)


def column_contents(pages: list[PageFill]) -> list[list[tuple[int, int]]]:
    """Per column, in reading order, the (block, line) of each placed line."""
    out: list[list[tuple[int, int]]] = []
    for page in pages:
        by_x: dict[float, list[tuple[int, int]]] = {}
        for placed in page.lines:
            by_x.setdefault(placed.x, []).append(ident(placed.text))
        out.extend(by_x[x] for x in sorted(by_x))
    return out


def all_lines(blocks: list[Block]) -> list[tuple[int, int]]:
    return [(b, n) for b, item in enumerate(blocks) for n in range(len(item.lines))]


def widows_and_orphans(blocks: list[Block], cols: list[list[tuple[int, int]]]) -> list[str]:
    """Every column where a split paragraph leaves a single line at the foot or at the head."""
    found = []
    for number, col in enumerate(cols):
        for b in {b for b, _ in col}:
            size = len(blocks[b].lines)
            here = [n for bb, n in col if bb == b]
            if len(here) < size and len(here) < 2:
                found.append(f"column {number}: block {b} has only line(s) {here} of {size}")
    return found


def headings_ending_columns(blocks: list[Block], cols: list[list[tuple[int, int]]]) -> list[str]:
    found = []
    for number, col in enumerate(cols):
        b, _ = col[-1]
        if blocks[b].keep_with_next and b + 1 < len(blocks):
            found.append(f"column {number} ends with heading block {b}")
    return found


# --- fill: one frame -------------------------------------------------------------------------

def test_fill_places_baselines_from_the_top() -> None:
    frame = Rect(30.0, 100.0, 200.0, 10 * LEADING)
    filled = fill(blocks_of(2, 3), Cursor(), frame)
    assert [line.text for line in filled.lines] == ["0:0", "0:1", "1:0", "1:1", "1:2"]
    assert [line.y for line in filled.lines] == pytest.approx([frame.top - 9.0 - n * LEADING for n in range(5)])
    assert all(line.x == 30.0 for line in filled.lines)
    assert filled.cursor == Cursor(2, 0)
    assert filled.bottom == pytest.approx(frame.top - 5 * LEADING)
    assert not filled.forced


def test_fill_space_before_is_dropped_at_the_top_of_a_frame() -> None:
    items = [block(0, 2, space_before=30.0, space_after=5.0), block(1, 2, space_before=7.0)]
    frame = Rect(0.0, 0.0, 100.0, 10 * LEADING)
    filled = fill(items, Cursor(), frame)
    ys = [line.y for line in filled.lines]
    assert ys[0] == pytest.approx(frame.top - 9.0)  # no space before the first block
    assert ys[2] - ys[1] == pytest.approx(-(LEADING + 5.0 + 7.0))  # after + before between blocks


def test_fill_splits_a_paragraph_leaving_no_widow() -> None:
    filled = fill(blocks_of(6), Cursor(), Rect(0.0, 0.0, 100.0, 5 * LEADING))
    assert [line.text for line in filled.lines] == ["0:0", "0:1", "0:2", "0:3"]  # 4, not 5
    assert filled.cursor == Cursor(0, 4)


def test_fill_does_not_start_a_paragraph_with_one_line_at_the_foot() -> None:
    filled = fill(blocks_of(4, 5), Cursor(), Rect(0.0, 0.0, 100.0, 5 * LEADING))
    assert [line.text for line in filled.lines] == ["0:0", "0:1", "0:2", "0:3"]
    assert filled.cursor == Cursor(1, 0)


def test_fill_starts_a_paragraph_with_two_lines_at_the_foot() -> None:
    filled = fill(blocks_of(3, 4), Cursor(), Rect(0.0, 0.0, 100.0, 5 * LEADING))
    assert [line.text for line in filled.lines][-2:] == ["1:0", "1:1"]
    assert filled.cursor == Cursor(1, 2)


def test_fill_continues_from_a_cursor() -> None:
    filled = fill(blocks_of(6, 2), Cursor(0, 4), Rect(0.0, 0.0, 100.0, 10 * LEADING))
    assert [line.text for line in filled.lines] == ["0:4", "0:5", "1:0", "1:1"]


def test_fill_three_line_paragraph_is_not_split() -> None:
    filled = fill(blocks_of(3, 3), Cursor(), Rect(0.0, 0.0, 100.0, 5 * LEADING))
    assert [line.text for line in filled.lines] == ["0:0", "0:1", "0:2"]
    assert filled.cursor == Cursor(1, 0)


def test_fill_keep_together_moves_the_whole_block() -> None:
    items = [block(0, 2), block(1, 6, keep_together=True)]
    filled = fill(items, Cursor(), Rect(0.0, 0.0, 100.0, 6 * LEADING))
    assert [line.text for line in filled.lines] == ["0:0", "0:1"]
    assert filled.cursor == Cursor(1, 0)


def test_fill_forces_a_block_that_can_never_fit() -> None:
    items = [block(0, 8, keep_together=True)]
    filled = fill(items, Cursor(), Rect(0.0, 0.0, 100.0, 5 * LEADING))
    assert filled.forced
    assert len(filled.lines) == 5
    assert filled.cursor == Cursor(0, 5)


def test_fill_records_anchors_where_blocks_start() -> None:
    items = [block(0, 2, anchor="first"), block(1, 6, anchor="second"), block(2, 2, anchor="third")]
    filled = fill(items, Cursor(), Rect(0.0, 0.0, 100.0, 6 * LEADING))
    assert filled.anchors == ["first", "second"]
    rest = fill(items, filled.cursor, Rect(0.0, 0.0, 100.0, 6 * LEADING))
    assert rest.anchors == ["third"]  # a continued block is not anchored again


# --- headings --------------------------------------------------------------------------------

def test_heading_moves_to_the_next_column_with_its_text() -> None:
    # 3 lines used, heading would take line 4, leaving one line for the paragraph
    filled = fill(blocks_of(3, "h", 6), Cursor(), Rect(0.0, 0.0, 100.0, 5 * LEADING))
    assert [line.text for line in filled.lines] == ["0:0", "0:1", "0:2"]
    assert filled.cursor == Cursor(1, 0)


def test_heading_and_subheading_stay_with_the_text() -> None:
    items = [block(0, 3), block(1, 1, heading=True), block(2, 1, heading=True), block(3, 6)]
    filled = fill(items, Cursor(), Rect(0.0, 0.0, 100.0, 6 * LEADING))
    assert [line.text for line in filled.lines] == ["0:0", "0:1", "0:2"]


@pytest.mark.parametrize("high", range(4, 13))
@pytest.mark.parametrize("spec", [
    (5, "h", 6, "h", 4, 7, "h", 2, "h", 9),
    (2, "h", 5, 1, "h", 8, "h", "h", 4, 6),
    ("h", 7, 4, "h", 1, "h", 5, 5, "h", 12),
])
def test_keep_with_next_heading_never_ends_a_column(high: int, spec: tuple[int | str, ...]) -> None:
    items = blocks_of(*spec)
    pages = paginate(items, same_columns(high), balance=False)
    cols = column_contents(pages)
    assert headings_ending_columns(items, cols) == []


def test_heading_before_a_three_line_paragraph_does_not_end_the_column() -> None:
    items = blocks_of(2, "h", 3, 4)
    filled = fill(items, Cursor(), Rect(0.0, 0.0, 100.0, 5 * LEADING))
    assert [line.text for line in filled.lines][-1] != "1:0"


# --- pagination ------------------------------------------------------------------------------

SPECS = [
    (7, 3, 12, 1, 4, 9, 2, 6, 15, 5),
    (20,),
    (4, "h", 9, 3, "h", 2, 11, "h", "h", 5, 8, 1, 6),
    (2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2),
]


@pytest.mark.parametrize("high", [5, 6, 7, 9, 13, 24])
@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("balance", [False, True])
def test_every_line_placed_once_in_order(spec: tuple[int | str, ...], high: int, balance: bool) -> None:
    items = blocks_of(*spec)
    pages = paginate(items, same_columns(high), balance=balance)
    placed = [ident(line.text) for page in pages for line in page.lines]
    assert placed == all_lines(items)
    for col in column_contents(pages):
        assert len(col) <= high


@pytest.mark.parametrize("high", [5, 6, 7, 9, 13, 24])
@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("balance", [False, True])
def test_no_widows_or_orphans(spec: tuple[int | str, ...], high: int, balance: bool) -> None:
    items = blocks_of(*spec)
    pages = paginate(items, same_columns(high), balance=balance)
    cols = column_contents(pages)
    assert widows_and_orphans(items, cols) == []
    assert headings_ending_columns(items, cols) == []


def test_no_widows_or_orphans_with_three_line_paragraphs() -> None:
    items = blocks_of(7, 3, 12, 1, 4, 9, 2, 6, 15, 5, 3, 3)
    for high in range(4, 20):
        cols = column_contents(paginate(items, same_columns(high), balance=True))
        assert widows_and_orphans(items, cols) == [], high


def test_baselines_descend_within_each_column() -> None:
    pages = paginate(blocks_of(*SPECS[0]), same_columns(9))
    for page in pages:
        by_x: dict[float, list[float]] = {}
        for line in page.lines:
            by_x.setdefault(line.x, []).append(line.y)
        for ys in by_x.values():
            assert all(a > b for a, b in pairwise(ys))
            assert min(ys) >= 50.0  # never below the frame


def test_pages_use_their_own_frames() -> None:
    def frames(page: int) -> list[Rect]:
        return columns(4, count=1) if page == 0 else columns(8, count=2)

    pages = paginate(blocks_of(10, 10), frames, balance=False)
    assert len(pages[0].lines) == 4
    assert {line.x for line in pages[0].lines} == {0.0}
    assert len(pages[1].lines) == 16


def test_empty_blocks_are_skipped() -> None:
    items = [block(0, 2), block(1, 0), block(2, 3)]
    pages = paginate(items, same_columns(10))
    assert [line.text for line in pages[0].lines] == ["0:0", "0:1", "2:0", "2:1", "2:2"]


# --- balancing -------------------------------------------------------------------------------

def heights(col: list[tuple[int, int]]) -> int:
    return len(col)


@pytest.mark.parametrize("count", [4, 5, 7, 10, 13, 19, 20, 29, 40, 45])
def test_balancing_one_paragraph(count: int) -> None:
    high = 20
    pages = paginate(blocks_of(count), same_columns(high))
    last = pages[-1]
    by_x: dict[float, int] = {}
    for line in last.lines:
        by_x[line.x] = by_x.get(line.x, 0) + 1
    sizes = [by_x[x] for x in sorted(by_x)]
    assert len(sizes) == 2
    assert abs(sizes[0] - sizes[1]) <= 1
    assert sizes[0] >= sizes[1]  # the left column is never the shorter one
    assert [ident(line.text) for page in pages for line in page.lines] == all_lines(blocks_of(count))


@pytest.mark.parametrize("spec", [(6, 5, 7), (4, 4, 4, 4, 5), (9, 8), (5, 5, 5, 5), (12, 2, 7)])
def test_balancing_several_paragraphs(spec: tuple[int, ...]) -> None:
    items = blocks_of(*spec)
    pages = paginate(items, same_columns(30))
    assert len(pages) == 1
    cols = column_contents(pages)
    assert len(cols) == 2
    assert abs(heights(cols[0]) - heights(cols[1])) <= 1
    assert widows_and_orphans(items, cols) == []
    assert [line for col in cols for line in col] == all_lines(items)


def test_balancing_gives_way_to_widow_and_orphan_rules() -> None:
    # 2+2+6+2+2+4 lines: a 9/9 split would need 1 or 5 lines of the 6-line paragraph in a column
    items = blocks_of(2, 2, 6, 2, 2, 4)
    cols = column_contents(paginate(items, same_columns(30)))
    assert [heights(c) for c in cols] == [10, 8]
    assert widows_and_orphans(items, cols) == []


def test_two_lines_left_for_the_last_page_stay_together() -> None:
    pages = paginate(blocks_of(41), same_columns(20))
    assert [heights(c) for c in column_contents(pages)] == [20, 19, 2]


def test_balancing_does_not_leave_a_single_line_in_a_column() -> None:
    items = blocks_of(23)
    cols = column_contents(paginate(items, same_columns(10)))
    assert widows_and_orphans(items, cols) == []


def test_balancing_only_the_last_page() -> None:
    pages = paginate(blocks_of(50), same_columns(10))
    cols = column_contents(pages)
    assert [heights(c) for c in cols] == [10, 10, 10, 10, 5, 5]


def test_without_balancing_the_first_column_fills_first() -> None:
    pages = paginate(blocks_of(10), same_columns(20), balance=False)
    assert [heights(c) for c in column_contents(pages)] == [10]
    balanced = paginate(blocks_of(10), same_columns(20), balance=True)
    assert [heights(c) for c in column_contents(balanced)] == [5, 5]


def test_balanced_bottom_reports_the_lowest_line() -> None:
    (page,) = paginate(blocks_of(9), same_columns(20))
    top = 50.0 + 20 * LEADING
    assert page.bottom == pytest.approx(top - 5 * LEADING)


# --- hyphens at the foot of a column ---------------------------------------------------------------

def hyphenated(index: int, count: int, broken: set[int], style: TextStyle = STYLE) -> Block:
    """A block like `block`, whose lines in `broken` end in an added hyphen."""
    lines = tuple(Line((Piece(0.0, f"{index}:{n}", "F", 10.0),), 20.0, n in broken) for n in range(count))
    return Block(lines, style, baseline=9.0)


def test_fill_moves_the_split_up_from_a_hyphenated_line() -> None:
    filled = fill([hyphenated(0, 8, {3})], Cursor(), Rect(0.0, 0.0, 100.0, 4 * LEADING))
    assert [line.text for line in filled.lines] == ["0:0", "0:1", "0:2"]  # not ending on 0:3, "photo-"
    assert filled.cursor == Cursor(0, 3)
    filled = fill([hyphenated(0, 8, {2, 3})], Cursor(), Rect(0.0, 0.0, 100.0, 4 * LEADING))
    assert filled.cursor == Cursor(0, 2)  # two hyphens in a row: up two lines
    filled = fill([hyphenated(0, 9, {5})], Cursor(0, 2), Rect(0.0, 0.0, 100.0, 4 * LEADING))
    assert [line.text for line in filled.lines] == ["0:2", "0:3", "0:4"]  # from a cursor in the block


def test_fill_keeps_the_hyphen_when_an_earlier_split_would_leave_an_orphan() -> None:
    filled = fill([hyphenated(0, 6, {1})], Cursor(), Rect(0.0, 0.0, 100.0, 2 * LEADING))
    assert filled.cursor == Cursor(0, 2)
    filled = fill([hyphenated(0, 8, {1, 2})], Cursor(), Rect(0.0, 0.0, 100.0, 3 * LEADING))
    assert filled.cursor == Cursor(0, 3)  # 0:1 ends in a hyphen too: the column stays full


def test_a_style_that_allows_a_final_hyphen_keeps_the_column_full() -> None:
    style = replace(STYLE, hyphenation=Hyphenation(last_line=True))
    filled = fill([hyphenated(0, 8, {3}, style)], Cursor(), Rect(0.0, 0.0, 100.0, 4 * LEADING))
    assert filled.cursor == Cursor(0, 4)


def hyphens_ending_columns(items: list[Block], cols: list[list[tuple[int, int]]]) -> list[str]:
    """Columns that end in a hyphen where the block could have been split at a line without one."""
    found = []
    for number, col in enumerate(cols):
        b, last = col[-1]
        lines = items[b].lines
        if not lines[last].hyphenated or last == len(lines) - 1:
            continue
        here = [n for bb, n in col if bb == b]
        earlier = [n for n in here[MIN_LINES - 1:-1] if not lines[n].hyphenated]
        if earlier:
            found.append(f"column {number} ends on {b}:{last}, could end on {b}:{earlier[-1]}")
    return found


@pytest.mark.parametrize("balance", [False, True])
def test_no_column_ends_in_a_hyphen_that_an_earlier_split_avoids(balance: bool) -> None:
    rng = random.Random(7)
    allowed = replace(STYLE, hyphenation=Hyphenation(last_line=True))
    ended = 0
    for spec in SPECS:
        sizes = [s for s in spec if isinstance(s, int)]
        for high in (5, 6, 7, 9, 13):
            broken = []
            for size in sizes:  # no paragraph's last line, and no more than two in a row, as the breaker sets them
                drawn = {n for n in range(size - 1) if rng.random() < 0.4}
                broken.append(drawn - {n for n in drawn if {n - 1, n - 2} <= drawn})
            for style in (STYLE, allowed):
                items = [hyphenated(i, size, lines, style)
                         for i, (size, lines) in enumerate(zip(sizes, broken, strict=True))]
                pages = paginate(items, same_columns(high), balance=balance)
                cols = column_contents(pages)
                assert [ident(line.text) for page in pages for line in page.lines] == all_lines(items)
                assert widows_and_orphans(items, cols) == []
                found = hyphens_ending_columns(items, cols)
                if style is STYLE:
                    assert found == [], (spec, high)
                else:
                    ended += len(found)
    assert ended > 0  # where the style allows it, columns do end in a hyphen


# --- with real typeset paragraphs -------------------------------------------------------------

TEXT = (
    "The photographs gathered here were made over a decade of travel across the steppe, from the "
    "salt lakes of the west to the mountains in the east, in every season and at every hour. "
)


@pytest.fixture(scope="module")
def typesetter() -> Typesetter:
    layout = load_layout("classic", REPO)
    return Typesetter(layout, fonts.register(layout.fonts), "en")


def test_flow_of_typeset_paragraphs(typesetter: Typesetter) -> None:
    width = 230.0
    leading = typesetter.style("body").leading
    items: list[Block] = []
    for n in range(14):
        if n % 4 == 0:
            items.append(typesetter.block(f"Section {n // 4 + 1}", "subheading", width,
                                          keep_with_next=True, anchor=f"s{n // 4 + 1}"))
        items.append(typesetter.block(f"{n}. " + TEXT * (1 + n % 3), "body", width, Origin()))
    assert all(len(item.lines) >= 4 for item in items if not item.keep_with_next)
    owner = [b for b, item in enumerate(items) for _ in item.lines]
    expected = [line.pieces for item in items for line in item.lines]
    for high in (8, 11, 14):
        def frames(_page: int, high: int = high) -> list[Rect]:
            return [Rect(x, 60.0, width, high * leading) for x in (0.0, width + 17.0)]

        pages = paginate(items, frames)
        placed = [(number, line) for number, page in enumerate(pages) for line in page.lines]
        assert [line.pieces for _, line in placed] == expected  # every line once, in order
        assert [a for page in pages for a in page.anchors] == ["s1", "s2", "s3", "s4"]
        assert all(line.y >= 60.0 for _, line in placed)
        cols: list[list[int]] = []
        last_key: tuple[int, float] | None = None
        for (number, line), b in zip(placed, owner, strict=True):
            key = (number, line.x)
            if key != last_key:
                cols.append([])
                last_key = key
            cols[-1].append(b)
        for col in cols:
            for b in set(col):
                count = col.count(b)
                assert count == len(items[b].lines) or count >= 2, (high, b, count)
            assert not (items[col[-1]].keep_with_next and col[-1] + 1 < len(items)), high


def test_a_short_list_held_together_goes_whole_to_the_next_column() -> None:
    """An exhibitions group of seven one-line entries after its heading (each entry kept with the next, as
    plan.artist.exhibition_blocks marks a short list) is not parted 2 + 5 across columns."""
    held = [block(0, 6), block(1, 1, heading=True),
            *(block(2 + n, 1, keep_with_next=n < 6) for n in range(7))]
    pages = paginate(held, same_columns(10), balance=False)
    first, second = column_contents(pages)[:2]
    assert [b for b, _ in first] == [0] * 6  # the heading and its list do not fit under the paragraph
    assert [b for b, _ in second] == [1, 2, 3, 4, 5, 6, 7, 8]
    loose = [block(0, 6), block(1, 1, heading=True), *(block(2 + n, 1) for n in range(7))]
    parted = column_contents(paginate(loose, same_columns(10), balance=False))
    assert [b for b, _ in parted[0]][-1] > 1  # without the marks the list starts at the column's foot


def test_a_long_list_run_on_into_a_column_opens_with_its_heading_continued() -> None:
    again = block(99, 1, heading=True)  # "Group exhibitions (continued)", as exhibition_blocks makes it
    entries = [block(2 + n, 1, resumes=again if n else None) for n in range(12)]
    pages = paginate([block(0, 4), block(1, 1, heading=True), *entries], same_columns(10), balance=False)
    first, second = column_contents(pages)[:2]
    assert [b for b, _ in first] == [0, 0, 0, 0, 1, 2, 3, 4, 5, 6]
    assert [b for b, _ in second] == [99, 7, 8, 9, 10, 11, 12, 13]  # the heading again, then the rest
    plain = column_contents(paginate([block(0, 4), block(1, 1, heading=True), *(block(2 + n, 1) for n in range(12))],
                                     same_columns(10), balance=False))
    assert [b for b, _ in plain[1]] == [7, 8, 9, 10, 11, 12, 13]
