"""Dimensions as museums record and print them: parts with labels, centimetres to one decimal, inches to the
nearest 1/8 or 1/16 reduced, the other system in brackets, free text kept a part to a line."""

from __future__ import annotations

import pytest

from catalog.content.dimensions import Convention, inches, printed
from catalog.content.fields import Printing, caption_rows, detail_rows, shown
from catalog.model import Measure, Work

IMPERIAL = Convention(unit="in", converted="cm", fraction=16)


@pytest.mark.parametrize(("value", "fraction", "expected"), [
    (13.1875, 16, "13 3/16"),
    (13.1875, 8, "13 1/4"),   # 3/16 is nearer 1/4 than 1/8 (half-way rounds to even steps)
    (10.0625, 16, "10 1/16"),
    (14.0, 16, "14"),
    (0.5, 16, "1/2"),
    (11.97, 16, "12"),        # to the nearest sixteenth: 11 31/32 comes to 12
    (7.8125, 16, "7 13/16"),
])
def test_inches_are_printed_to_a_reduced_fraction(value: float, fraction: int, expected: str) -> None:
    assert inches(value, fraction) == expected


def test_centimetres_convert_to_inches_to_the_sixteenth() -> None:
    # The Whitney's own record of a sheet: 35.6 × 27.9 cm is 14 × 11 in.; 33.5 × 25.6 cm is 13 3/16 × 10 1/16 in.
    parts = (Measure("sheet", 35.6, 27.9), Measure("image", 33.5, 25.6))
    assert printed(parts, Convention()) == ("Sheet: 35.6 × 27.9 cm (14 × 11 in.)",
                                            "Image: 33.5 × 25.6 cm (13 3/16 × 10 1/16 in.)")


def test_inches_first_with_centimetres_after() -> None:
    part = Measure(None, 13.1875, 10.0625, unit="in")
    assert printed((part,), IMPERIAL) == ("13 3/16 × 10 1/16 in. (33.5 × 25.6 cm)",)


def test_depth_millimetres_and_no_conversion() -> None:
    part = Measure("frame", 612, 455, 32, unit="mm")
    assert printed((part,), Convention(unit="cm", converted="none")) == ("Frame: 61.2 × 45.5 × 3.2 cm",)
    assert printed((part,), Convention(unit="mm", converted="none")) == ("Frame: 612 × 455 × 32 mm",)


@pytest.mark.parametrize("centimetres", [2.54 * n / 8 for n in range(1, 400, 7)])
def test_conversions_match_to_an_eighth_of_an_inch(centimetres: float) -> None:
    text = printed((Measure(None, centimetres, centimetres),), Convention(fraction=8))[0]
    converted = text.split("(")[1].split(" ×")[0]
    whole, _, fraction = converted.partition(" ") if "/" in converted and " " in converted else (converted, "", "")
    if "/" in whole:
        whole, fraction = "0", whole
    value = int(whole) + (int(fraction.split("/")[0]) / int(fraction.split("/")[1]) if fraction else 0)
    assert abs(value - centimetres / 2.54) <= 1 / 16 + 1e-9


def test_caption_rows_print_a_part_a_line_after_the_medium() -> None:
    work = Work(None, "Untitled", medium="Gelatin silver print",
                dimensions=(Measure("sheet", 35.6, 27.9), Measure("image", 24.0, 16.5)))
    assert [row for row in caption_rows(work) if row][:3] == [
        "Gelatin silver print", "Sheet: 35.6 × 27.9 cm (14 × 11 in.)", "Image: 24 × 16.5 cm (9 7/16 × 6 1/2 in.)"]
    assert detail_rows(work)[0] == ("Gelatin silver print, sheet 35.6 × 27.9 cm (14 × 11 in.); "
                                    "image 24 × 16.5 cm (9 7/16 × 6 1/2 in.)")


def test_free_text_parts_keep_their_lines() -> None:
    work = Work(None, "Untitled", medium="Gelatin silver print",
                dimensions="Sheet: 14 × 11 in. (35.6 × 27.9 cm) / Image: 9 1/2 × 6 1/2 in.")
    assert [row for row in caption_rows(work) if row][:3] == [
        "Gelatin silver print", "Sheet: 14 × 11 in. (35.6 × 27.9 cm)", "Image: 9 1/2 × 6 1/2 in."]
    single = Work(None, "Untitled", medium="Pigment print", dimensions="60 × 40 cm")
    # one part: on the medium's line, as before
    assert next(row for row in caption_rows(single) if row) == "Pigment print, 60 × 40 cm"


@pytest.mark.parametrize(("edition", "expected"), [
    ("48/80", "Edition 48/80"),
    ("5", "Edition of 5"),
    ("5 + 2 AP", "Edition of 5 + 2 AP"),
    ("Edition of 3", "Edition of 3"),
    ("AP 1/2", "AP 1/2"),
    ("unique", "unique"),
])
def test_an_edition_prints_with_its_label(edition: str, expected: str) -> None:
    assert shown(Work(None, "Untitled", edition=edition), "edition") == expected
    assert shown(Work(None, "Untitled", edition=edition), "edition", Printing(edition="Auflage",
                                                                            edition_of="Auflage von")) in (
        expected.replace("Edition of", "Auflage von").replace("Edition", "Auflage"), expected)
