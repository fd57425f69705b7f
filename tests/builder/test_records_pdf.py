"""Works as museum records, in the built PDF: dimensions in parts and converted in the layout's units, dates as
the museum wrote them, editions labelled, credit, accession and copyright apart, the catalogue's collection for
works that name none, a dead artist's opener, and prices and sale status never printed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from catalog.builder import BuildOptions, build
from catalog.content.load import load_project
from catalog.errors import ContentError
from catalog.units import mm
from tests.support.pdfcheck import images, page_texts
from tests.support.projects import add_layout, artist_data, make_project

PRICE = "€ 2,400"


def records() -> dict[str, Any]:
    artist = artist_data("Garry Stone", works=2, died={"year": 1984, "place": "Tijuana"})
    first, second = artist["works"]
    first.update(year="c. 1968, printed 1981", medium="Gelatin silver print", edition="48/80",
                 dimensions=[{"label": "sheet", "height": 35.6, "width": 27.9, "unit": "cm"},
                             {"label": "image", "height": 33.5, "width": 25.6, "unit": "cm"}],
                 credit="Purchase, with funds from the Photography Committee", accession="98.40.1",
                 copyright="© The Estate of Garry Stone", price=PRICE, status="sold",
                 photo_credit="Photo: Studio North", lender="A private lender")
    second.update(year="n.d.", dimensions={"height": 8.875, "width": 6.5, "unit": "in"}, edition="5 + 2 AP",
                  collection="Private collection, Almaty", price="1200", status="available")
    return artist


def build_records(root: Path, layout: str = "classic") -> list[str]:
    result = build(root, BuildOptions(layout=layout, press="digital", cache=False, jobs=1))
    return page_texts(result.pdf)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p", artists={"garry-stone": records()},
                        catalog={"collection": "Whitney Museum of American Art, New York"})


def test_captions_print_the_record(project: Path) -> None:
    texts = build_records(project)
    plate = next(text for text in texts if "Gelatin silver print" in text and "Sheet:" in text)
    lines = [line.strip() for line in plate.splitlines()]
    assert "Sheet: 35.6 × 27.9 cm (14 × 11 in.)" in lines
    assert "Image: 33.5 × 25.6 cm (13 3/16 × 10 1/16 in.)" in lines
    assert "Edition 48/80" in lines
    assert "Whitney Museum of American Art, New York" in lines  # the catalogue's collection
    assert "c. 1968, printed 1981" in plate
    assert "© The Estate of Garry Stone" in lines
    credit = next(line for line in lines if line.startswith("Purchase"))
    assert credit.endswith("98.40.1")  # the accession number after the credit line
    second = next(text for text in texts if "8 7/8 × 6 1/2 in." in text)
    assert "8 7/8 × 6 1/2 in. (22.5 × 16.5 cm)" in second.replace("\n", " ") or "22.5 × 16.5 cm" in second
    assert "Edition of 5 + 2 AP" in second and "Private collection, Almaty" in second
    assert "Whitney" not in second.split("Private collection")[0].split("n.d.")[-1]


def test_prices_and_status_never_print_lender_and_photo_credit_not_in_captions(project: Path) -> None:
    texts = build_records(project)
    text = "\n".join(texts)
    for unprinted in (PRICE, "2,400", "1200", "sold", "available", "Studio North"):
        assert unprinted not in text
    captions = [t for t in texts if "Gelatin silver print" in t and "Sheet:" in t]
    assert captions and not any("A private lender" in caption for caption in captions)
    assert "LENDERS TO THE EXHIBITION\nA private lender" in text  # classic's lenders, after the list of works


def test_a_dead_artist_is_not_said_to_live_anywhere(project: Path) -> None:
    text = "\n".join(build_records(project))
    assert "Died 1984, Tijuana" in text
    assert "Lives and works" not in text


def test_the_list_of_works_joins_parts_with_semicolons(project: Path) -> None:
    texts = build_records(project)
    listing = " ".join(next(t for t in texts if "List of works" in t and "sheet" in t).split())
    assert "sheet 35.6 × 27.9 cm (14 × 11 in.); image 33.5 × 25.6 cm (13 3/16 × 10 1/16 in.)" in listing
    assert "n.d.." not in listing and "Work 2, n.d. Pigment print" in listing


def test_a_layout_printing_inches_first(project: Path) -> None:
    add_layout(project, "us", "base: classic\nname: us\ndimensions: {unit: in, converted: cm, fraction: 1/8}\n")
    texts = build_records(project, "us")
    plate = next(text for text in texts if "Sheet:" in text)
    assert "Sheet: 14 × 11 in. (35.6 × 27.9 cm)" in plate
    assert "Image: 13 1/4 × 10 1/8 in. (33.5 × 25.6 cm)" in plate  # to the nearest eighth


@pytest.mark.parametrize("date", ["c. 1968", "ca. 1936", "circa 1936", "n.d.", "1960s", "1968–72",
                                  "1968, printed later", "early 1970s", "Undated"])
def test_dates_as_museums_write_them_load_as_written(tmp_path: Path, date: str) -> None:
    artist = artist_data("Ann Lee", works=1)
    artist["works"][0]["year"] = date
    catalog = load_project(make_project(tmp_path / "p", artists={"ann-lee": artist})).catalog
    work = catalog.artists[0].works[0]
    assert work.year == date
    assert work.sort_year == int(next(iter(re.findall(r"\d{4}", date)), 0))


@pytest.mark.parametrize(("dimensions", "message"), [
    ({"height": 30, "unit": "cm"}, "dimensions need at least a height and a width"),
    ({"height": 30, "width": 20, "unit": "ft"}, "'works[1].dimensions.unit' should be one of cm, mm, in"),
    ([{"label": "sheet", "height": "thirty", "width": 20}], "'works[1].dimensions[1].height' should be a number"),
])
def test_bad_dimensions_are_refused_at_their_line(tmp_path: Path, dimensions: Any, message: str) -> None:
    artist = artist_data("Ann Lee", works=1)
    artist["works"][0]["dimensions"] = dimensions
    root = make_project(tmp_path / "p", artists={"ann-lee": artist})
    with pytest.raises(ContentError) as caught:
        load_project(root)
    found = [p for p in caught.value.problems if message in p.message]
    assert found and found[0].line is not None and found[0].file is not None
    assert found[0].file.name == "artist.yaml"


def test_a_date_without_a_year_is_refused(tmp_path: Path) -> None:
    artist = artist_data("Ann Lee", works=1)
    artist["works"][0]["year"] = "the sixties"
    with pytest.raises(ContentError) as caught:
        load_project(make_project(tmp_path / "p", artists={"ann-lee": artist}))
    assert "n.d." in str(caught.value)


def test_a_collaboration_names_both_artists(tmp_path: Path) -> None:
    ann, bob = artist_data("Ann Lee", works=1), artist_data("Bob Stone", works=1)
    ann["works"][0].update(title="Together", artists=["ann-lee", "bob-stone"])
    root = make_project(tmp_path / "p", artists={"ann-lee": ann, "bob-stone": bob})
    texts = build_records(root)
    plate = next(text for text in texts if "Together" in text and "Pigment print" in text)
    assert "Ann Lee and Bob Stone" in plate
    listing = " ".join(next(t for t in texts if "List of works" in t and "Together" in t).split())
    assert "Ann Lee and Bob Stone, Together, 2020." in listing


def test_an_unknown_artist_on_a_work_is_refused_at_its_line(tmp_path: Path) -> None:
    ann = artist_data("Ann Lee", works=1)
    ann["works"][0]["artists"] = ["bob-stone"]
    root = make_project(tmp_path / "p", artists={"ann-lee": ann, "bob-ston": artist_data("Bob Stone")})
    with pytest.raises(ContentError) as caught:
        load_project(root)
    problem = next(p for p in caught.value.problems if "bob-stone" in p.message)
    assert "works[1] names artist 'bob-stone', who is not in this catalog" in problem.message
    assert problem.hint == "did you mean 'bob-ston'?" and problem.line is not None


def test_a_small_print_is_shown_at_its_own_size(tmp_path: Path) -> None:
    """A 3½-inch vintage print with 'print_size: actual' is drawn 3.5 in on its longer side, not a full page."""
    ann = artist_data("Ann Lee", works=2)
    ann["works"][0].update(dimensions={"height": 3.5, "width": 2.5, "unit": "in"}, print_size="actual")
    ann["works"][1].update(print_size="5cm")
    root = make_project(tmp_path / "p", artists={"ann-lee": ann}, image_size=(500, 700))
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    sides = sorted(max(right - left, top - bottom) for left, bottom, right, top in
                   (image.bounds for image in images(result.pdf)))
    assert sides[0] == pytest.approx(mm(50), abs=0.5)  # the 5 cm one
    assert sides[1] == pytest.approx(3.5 * 72, abs=0.5)


def test_dimensions_swapped_against_the_image_are_a_warning_at_the_work(tmp_path: Path) -> None:
    ann = artist_data("Ann Lee", works=2)
    ann["works"][0]["dimensions"] = {"height": 60, "width": 40, "unit": "cm"}  # upright; the images are landscape
    ann["works"][1]["dimensions"] = {"height": 40, "width": 60, "unit": "cm"}
    root = make_project(tmp_path / "p", artists={"ann-lee": ann}, image_size=(600, 400))
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    found = [f for f in result.findings if f.code == "orientation"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].message.startswith("works[1]: its dimensions are upright (60 × 40 cm, height first)")
    assert found[0].file is not None and found[0].file.name == "artist.yaml" and found[0].line is not None
