"""Lengths with units, converted to points; page rectangles."""

from __future__ import annotations

import dataclasses

import pytest

from catalog.units import Rect, inch, mm, parse_length, to_mm


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("9.5pt", 9.5),
        ("25.4mm", 72.0),
        ("3mm", 3 * 72 / 25.4),
        ("2.54cm", 72.0),
        ("1cm", 720 / 25.4),
        ("0.125in", 9.0),
        ("1in", 72.0),
        ("1pc", 12.0),
        ("2.5pc", 30.0),
    ],
)
def test_parse_length_every_unit(text: str, points: float) -> None:
    assert parse_length(text) == pytest.approx(points, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "points"),
    [
        (" 3 mm ", 3 * 72 / 25.4),
        (".5in", 36.0),
        ("-1pt", -1.0),
        ("-.5in", -36.0),
        ("0mm", 0.0),
        ("10pt", 10.0),
    ],
)
def test_parse_length_spacing_decimals_and_sign(text: str, points: float) -> None:
    assert parse_length(text) == pytest.approx(points, abs=1e-9)


@pytest.mark.parametrize("text", ["3", "3.0", "0", "-2", " 12 "])
def test_parse_length_refuses_bare_numbers(text: str) -> None:
    with pytest.raises(ValueError, match="with a unit"):
        parse_length(text)


@pytest.mark.parametrize(
    "text",
    ["", "mm", "3px", "3 em", "3MM", "3mm4", "3mmm", "1e3pt", "3,5mm", "3.mm", "three mm", "3 mm mm"],
)
def test_parse_length_refuses_malformed(text: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_length(text)
    # The message quotes what was written so the user can find it.
    assert repr(text) in str(excinfo.value)


def test_mm_inch_and_back() -> None:
    assert mm(25.4) == pytest.approx(72.0)
    assert mm(210) == pytest.approx(595.2756, abs=1e-4)  # A4 width
    assert inch(2) == 144.0
    assert to_mm(72.0) == pytest.approx(25.4)
    assert to_mm(mm(148)) == pytest.approx(148.0)


def test_rect_edges() -> None:
    rect = Rect(10.0, 20.0, 100.0, 50.0)
    assert rect.right == 110.0
    assert rect.top == 70.0
    assert rect.as_box() == (10.0, 20.0, 110.0, 70.0)


def test_rect_inset_takes_each_side_separately() -> None:
    rect = Rect(0.0, 0.0, 100.0, 200.0).inset(left=1.0, bottom=2.0, right=3.0, top=4.0)
    assert rect == Rect(1.0, 2.0, 96.0, 194.0)
    assert rect.right == 97.0
    assert rect.top == 196.0


def test_rect_outset_grows_every_side() -> None:
    trim = Rect(0.0, 0.0, mm(210), mm(270))
    bleed = trim.outset(mm(3))
    assert bleed.x == pytest.approx(-mm(3))
    assert bleed.y == pytest.approx(-mm(3))
    assert bleed.width == pytest.approx(mm(216))
    assert bleed.height == pytest.approx(mm(276))
    assert bleed.right - trim.right == pytest.approx(mm(3))
    assert bleed.top - trim.top == pytest.approx(mm(3))


def test_rect_moved_keeps_size() -> None:
    rect = Rect(5.0, 6.0, 7.0, 8.0)
    assert rect.moved(10.0, -6.0) == Rect(15.0, 0.0, 7.0, 8.0)
    assert rect == Rect(5.0, 6.0, 7.0, 8.0)  # the original is unchanged


def test_rect_is_immutable() -> None:
    rect = Rect(0.0, 0.0, 1.0, 1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rect.x = 2.0  # type: ignore[misc]
