"""No silent crops: a full-bleed plate that cuts off more of the image than the layout allows says
(detail) in its caption and is a preflight warning at the work's line, unless the work allows it. In
classic a full-bleed plate faces its caption (template `facing`): the caption on the left page, the
image alone on the right."""

from __future__ import annotations

from pathlib import Path

from catalog.builder import BuildOptions, build
from catalog.errors import Problem
from tests.support.pdfcheck import boxes, images, page_texts
from tests.support.projects import add_layout, artist_data, make_project, write_image

OPTIONS = BuildOptions(press="screen", cache=False, jobs=1)


def _project(root: Path, size: tuple[int, int], **work: object) -> Path:
    """One artist whose first work is a full-bleed plate of an image of `size` pixels, on a page of its
    own (`size: page`: a work as wide as 3:1 would otherwise cross a spread, margin to margin)."""
    artist = artist_data("Anna Test", works=2, bleed_first=True)
    artist["works"][0].update({"size": "page", **work})
    project = root / "p"
    write_image(project / "content" / "artists" / "anna-test" / "images" / "work-1.jpg", size)
    return make_project(project, {"anna-test": artist})


def _crops(findings: tuple[Problem, ...]) -> list[Problem]:
    return [f for f in findings if f.code == "plate-crop"]


def _plate_text(pdf: Path, title: str) -> str:
    return next(text for text in page_texts(pdf) if title in text and "Pigment print" in text)


def _facing_caption(pdf: Path, title: str) -> str:
    """The caption of the full-bleed plate of `title`: low on the left-hand page, facing the plate,
    whose own page shows the image to the edges and no type at all (no caption, head or folio)."""
    texts = page_texts(pdf)
    caption = _plate_text(pdf, title)
    number = texts.index(caption) + 1
    assert number % 2 == 0, "the caption is on a left-hand page"
    assert texts[number].strip() == "", "nothing printed over the photograph"
    [placed] = [image for image in images(pdf) if image.page == number + 1]
    page = boxes(pdf)[number]
    x0, y0 = page["BleedBox"][:2]  # image bounds are measured from the BleedBox's corner
    trim = [value - origin for value, origin in zip(page["TrimBox"], (x0, y0, x0, y0), strict=True)]
    left, bottom, right, top = placed.bounds
    assert left <= trim[0] and bottom <= trim[1] and right >= trim[2] and top >= trim[3]  # to the page's edges
    assert not [image for image in images(pdf) if image.page == number]
    return caption


def test_a_landscape_work_bled_on_a_portrait_page_warns_and_says_detail(tmp_path: Path) -> None:
    project = _project(tmp_path, (3000, 1000))
    result = build(project, OPTIONS)
    crops = _crops(result.findings)
    assert len(crops) == 1
    finding = crops[0]
    assert finding.severity == "warning" and finding.file == project / "content/artists/anna-test/artist.yaml"
    lines = (project / "content/artists/anna-test/artist.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].lstrip().startswith("- image: images/work-1.jpg")  # the work's own entry
    share = int(finding.message.split("cuts off ")[1].split(" %")[0])
    assert 70 <= share <= 85  # a 3:1 image covering a page about 0.8:1 keeps about a quarter of its width
    assert "Work 1, 2020 (detail)" in _facing_caption(result.pdf, "Work 1")
    assert "(detail)" not in _plate_text(result.pdf, "Work 2")  # fitted inside the margins: shown whole


def test_crop_allow_silences_the_warning_but_the_caption_still_says_detail(tmp_path: Path) -> None:
    project = _project(tmp_path, (3000, 1000), crop="allow")
    result = build(project, OPTIONS)
    assert _crops(result.findings) == []
    assert "Work 1, 2020 (detail)" in _facing_caption(result.pdf, "Work 1")


def test_a_bleed_that_trims_only_the_edges_is_no_detail(tmp_path: Path) -> None:
    """An image shaped nearly like the page loses a sliver beyond the bleed: that is how bleed works."""
    project = _project(tmp_path, (2100, 2700))
    result = build(project, OPTIONS)
    assert _crops(result.findings) == []
    assert "(detail)" not in _plate_text(result.pdf, "Work 1")


def test_the_layout_sets_how_much_may_go(tmp_path: Path) -> None:
    project = _project(tmp_path, (3000, 1000))
    add_layout(project, "generous", "base: classic\nname: generous\nplates:\n  max_crop: 90\n")
    result = build(project, BuildOptions(layout="generous", press="screen", cache=False, jobs=1))
    assert _crops(result.findings) == []
    assert "(detail)" not in _plate_text(result.pdf, "Work 1")


def test_the_press_does_not_change_the_verdict(tmp_path: Path) -> None:
    """A photograph of 0.788:1 bled on an A5 zine page loses 9.5 % beyond the 3 mm bleed: no detail, on
    paper or on screen, though the screen press prints no bleed and so shows 10.6 % less of it."""
    project = _project(tmp_path, (1576, 2000))
    for press in ("offset", "screen"):
        result = build(project, BuildOptions(layout="zine", press=press, cache=False, jobs=1,
                                             out=tmp_path / f"{press}.pdf"))
        assert _crops(result.findings) == [], press
        assert "(detail)" not in _plate_text(result.pdf, "Work 1"), press
