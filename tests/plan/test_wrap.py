"""The cover sheet's geometry as a table of numbers: where the panels, the spine, the flaps and the
folds lie for each binding, in the sheet's trim coordinates."""

from __future__ import annotations

import pytest

from catalog.colour import Swatch
from catalog.content.binding import KINDS
from catalog.plan.pages import TextLine
from catalog.plan.wrap import wrap_geometry
from catalog.prepress.preflight import _text_box
from catalog.specs.binding import Binding
from catalog.text import fonts
from catalog.text.lines import Piece
from catalog.units import mm

PAGE = (mm(150), mm(200))
SPINE = mm(12)


def test_perfect_is_back_spine_front() -> None:
    wrap = wrap_geometry(PAGE, SPINE, Binding(KINDS["perfect"], 2))
    assert (wrap.width, wrap.height) == pytest.approx((mm(312), mm(200)))
    assert (wrap.back.x, wrap.spine.x, wrap.front.x) == pytest.approx((0, mm(150), mm(162)))
    assert wrap.folds == (("x", pytest.approx(mm(150))), ("x", pytest.approx(mm(162))))
    assert wrap.flaps == ()


def test_casewrap_has_turn_ins_all_round_and_hinges_beside_the_spine() -> None:
    binding = Binding(KINDS["casewrap"], 2, turn_in=mm(15), hinge=mm(10), board_overhang=mm(3))
    wrap = wrap_geometry(PAGE, SPINE, binding)
    board = (mm(153), mm(206))  # the page, and 3 mm of board beyond it at head, foot and fore-edge
    assert (wrap.back.width, wrap.back.height) == pytest.approx(board)
    assert wrap.width == pytest.approx(2 * mm(15) + 2 * board[0] + 2 * mm(10) + SPINE)
    assert wrap.height == pytest.approx(2 * mm(15) + board[1])
    assert wrap.spine.x == pytest.approx(wrap.back.right + mm(10))
    assert wrap.front.x == pytest.approx(wrap.spine.right + mm(10))
    across = sorted(at for axis, at in wrap.folds if axis == "x")
    assert across == pytest.approx(sorted([mm(15), wrap.back.right, wrap.spine.x, wrap.spine.right, wrap.front.x,
                                           wrap.width - mm(15)]))
    assert sorted(at for axis, at in wrap.folds if axis == "y") == pytest.approx([mm(15), wrap.height - mm(15)])
    # The pages' own (0, 0) sits on the boards so the fore-edge overhang is outside the page's design.
    assert wrap.page_at == (pytest.approx((wrap.back.x, wrap.back.y + mm(3))),
                            pytest.approx((wrap.front.x, wrap.front.y + mm(3))))


def test_jacket_adds_a_flap_each_side_folded_at_the_panels() -> None:
    wrap = wrap_geometry(PAGE, SPINE, Binding(KINDS["jacket"], 2, flap=mm(80)))
    assert wrap.width == pytest.approx(2 * mm(80) + 2 * mm(150) + SPINE)
    back_flap, front_flap = wrap.flaps
    assert (back_flap.x, back_flap.width, front_flap.x) == pytest.approx((0, mm(80), wrap.front.right))
    assert sorted(at for _, at in wrap.folds) == pytest.approx([mm(80), wrap.spine.x, wrap.spine.right,
                                                                wrap.front.right])


def test_a_jackets_flaps_default_to_half_the_page() -> None:
    wrap = wrap_geometry(PAGE, SPINE, Binding(KINDS["jacket"], 2))
    assert wrap.flaps[0].width == pytest.approx(mm(75))


def test_preflight_turns_a_lines_box_with_it() -> None:
    """A line's type box (a quarter of the size below the baseline, three quarters above) turns with
    the line: down a spine the tops of the letters face the front cover, up a spine the back."""
    piece = Piece(0.0, "Steppe", "Helvetica", 10.0)
    length = fonts.width("Steppe", "Helvetica", 10.0)

    def box(angle: float) -> tuple[float, float, float, float]:
        found = _text_box(TextLine(100.0, 200.0, (piece,), Swatch(0, 0, 0), angle=angle))
        return (found.x, found.y, found.width, found.height)

    assert box(0.0) == pytest.approx((100.0, 197.5, length, 10.0))
    assert box(-90.0) == pytest.approx((97.5, 200.0 - length, 10.0, length))
    assert box(90.0) == pytest.approx((92.5, 200.0, 10.0, length))
