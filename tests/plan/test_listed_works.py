"""A work without an image: in the list of works, with no plate and no page number."""

from __future__ import annotations

from pathlib import Path

from catalog.builder import BuildOptions, build
from tests.support.pdfcheck import page_texts
from tests.support.projects import artist_data, make_project

OPTIONS = BuildOptions(press="screen", cache=False, jobs=1)


def test_a_work_without_an_image_is_listed_not_plated(tmp_path: Path) -> None:
    artist = artist_data("Anna Test", works=3)
    del artist["works"][1]["image"]
    artist["works"][1]["title"] = "Lost Negative"
    project = make_project(tmp_path / "p", {"anna-test": artist})
    result = build(project, OPTIONS)
    assert result.errors == ()
    assert result.plates == 2  # works 1 and 3
    texts = page_texts(result.pdf)
    plate_pages = [number for number, text in enumerate(texts, start=1) if "Pigment print" in text
                   and "List of works" not in text and "LIST OF WORKS" not in text]
    assert not any("Lost Negative" in texts[number - 1] for number in plate_pages)
    listing = next(text for text in texts if "Lost Negative" in text)
    rows = [line for line in listing.splitlines() if "Work 1" in line or "Lost Negative" in line or "Work 3" in line]
    assert len(rows) == 3
    numbered = {row.split()[0] for row in rows if row.split()[0].isdigit()}
    assert len(numbered) == 2 and next(r for r in rows if "Lost Negative" in r).split()[0] == "Lost"
    for row in rows:  # each listed plate's number is the page its plate is on
        if row.split()[0].isdigit():
            assert int(row.split()[0]) in plate_pages
