"""The small built-in layouts (zine A5, pocket A6, mini one-sheet cells) as printed files: the
example catalog builds through each with no warning, at the right trim size, with every line of
text clear of the strip a home printer cannot print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from catalog.builder import BuildOptions, BuildResult, build
from catalog.specs.layouts import load_layout
from catalog.specs.press import load_press
from catalog.units import mm
from tests.support import REPO
from tests.support.pdfcheck import glyphs, images
from tests.support.projects import artist_data, make_project

SIZES = {"zine": (148, 210), "pocket": (105, 148), "mini": (74.25, 105)}  # trim, mm
# Pages of kind "plate" in the example, 14 works. zine and pocket show every work: each artist opens on a
# spread with a work to the bleed (its caption on the opener page: one plate page each), the two other
# full-bleed works face their captions (two pages each), and the widest landscape crosses the centre
# spread (two pages): 14 + 2 + 1. mini shows six works picked from the artists in turn.
PLATES = {"zine": 17, "pocket": 17, "mini": 6}
MULTIPLE = {"zine": 4, "pocket": 4, "mini": 8}  # mini: one sheet, eight pages
HOME_PRINTER_EDGE = mm(5)  # text this close to the trim is lost on a home printer or to the knife
# Zines are photocopied or printed at home: built for `mono`. Print-on-demand (`digital`, `lulu`) asks for a
# 0.5 in safety margin, which an A6 or one-sheet mini zine's margins do not leave, and preflight says so.
PRESS = "mono"


@pytest.fixture(scope="module", params=list(SIZES))
def example(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's example catalog in a small layout, for a photocopier."""
    out = tmp_path_factory.mktemp(request.param) / f"example-{request.param}.pdf"
    return build(REPO, BuildOptions(layout=request.param, press=PRESS, out=out, cache=False))


def padding_kinds(result: BuildResult) -> list[str]:
    notes = [f.message for f in result.findings if f.code == "padding"]
    if not notes:
        return []
    match = re.search(r"\(([a-z, ]+)\)", notes[0])
    assert match, notes[0]
    return match.group(1).split(", ")


def test_example_builds_clean_in_a_multiple_of_four(example: BuildResult) -> None:
    assert example.warnings == () and example.errors == ()
    reader = PdfReader(example.pdf)
    assert len(reader.pages) == example.pages and example.pages % MULTIPLE[example.layout] == 0
    assert example.plates == PLATES[example.layout]
    if example.layout == "mini":
        assert example.pages == 8 and example.padding == 0  # the covers and six plates fill the sheet


def test_trim_box_is_the_layouts_page_size(example: BuildResult) -> None:
    width, height = SIZES[example.layout]
    bleed = load_layout(example.layout, REPO).page.bleed  # mono prints the layout's bleed
    assert load_press(PRESS, REPO).bleed is None
    for page in PdfReader(example.pdf).pages:
        trim, bleed_box = page.trimbox, page.bleedbox
        assert float(trim.width) == pytest.approx(mm(width), abs=0.01)
        assert float(trim.height) == pytest.approx(mm(height), abs=0.01)
        assert float(bleed_box.width) == pytest.approx(mm(width) + 2 * bleed, abs=0.01)


def test_text_keeps_clear_of_the_trim(example: BuildResult) -> None:
    """Clear of the press's safe margin and of the 5 mm a home printer leaves unprinted."""
    width, height = (mm(v) for v in SIZES[example.layout])
    safe = max(load_press(PRESS, REPO).safe_margin, HOME_PRINTER_EDGE)
    pages = glyphs(example.pdf)
    if example.layout == "mini":  # eight pages: the covers and six captions of two lines
        assert all(pages) and sum(len(chars) for chars in pages) > 300
    else:
        assert sum(len(chars) for chars in pages) > 1000
    for number, chars in enumerate(pages, start=1):
        for char, left, bottom, right, top in chars:
            assert safe - 0.5 <= left and right <= width - safe + 0.5, (number, char, left, right)
            assert safe - 0.5 <= bottom and top <= height - safe + 0.5, (number, char, bottom, top)


def test_padding_pages_come_just_before_the_back_cover(example: BuildResult) -> None:
    """An `image` padding page shows only a work the book prints nowhere else; the example plates
    every work in zine and pocket, so such a page comes out blank (never a repeat of the cover image)."""
    kinds = padding_kinds(example)
    assert len(kinds) == example.padding
    assert "image" not in kinds
    reader = PdfReader(example.pdf)
    texts = [page.extract_text() for page in reader.pages]
    assert "Light of the Steppe" in texts[-1]  # the back cover
    pictured = {img.page for img in images(example.pdf)}
    first = len(texts) - len(kinds)
    for number, kind, text in zip(range(first, len(texts)), kinds, texts[first - 1:-1], strict=True):
        assert ("Notes" in text) == (kind == "notes"), (kind, text)
        assert number not in pictured, (kind, number)
        if kind == "blank":
            assert text.strip() == "", number


@pytest.mark.parametrize(("works", "padding"), [(3, 3), (8, 0)])
def test_mini_is_cover_plates_and_back_cover_with_no_folios(tmp_path: Path, works: int, padding: int) -> None:
    """One artist: the cover, up to six plates (the first six works), blank padding, the back cover fill
    the eight cells of one sheet; no opener, no texts; each caption names the artist, the title and the
    year; nothing prints in the margins, where folios and running heads would go."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=works)},
                           catalog={"layout": "mini"})
    result = build(project, BuildOptions(press="digital", out=tmp_path / "mini.pdf", cache=False, jobs=1))
    shown = min(works, 6)
    assert result.pages == 8 and result.plates == shown and result.padding == padding
    assert padding_kinds(result) == ["blank"] * padding  # no work is left over to show on a padding page
    texts = [page.extract_text() for page in PdfReader(result.pdf).pages]
    assert not any("Biography" in text or "Exhibitions" in text or "Contents" in text or "Born" in text
                   for text in texts)
    assert "Test Catalog" in texts[0] and "Test Catalog" in texts[7]
    pictured = {img.page for img in images(result.pdf)}
    for index in range(shown):
        number = index + 2
        assert number in pictured, number
        # pypdf breaks its text where a kerned TJ array moves a letter back: compare the words.
        words = re.sub(r"\s+", " ", texts[number - 1]).replace(" ,", ",").strip()
        assert words == f"Anna Test Work {index + 1}, {2020 + index}", texts[number - 1]
    for number in range(shown + 2, 8):
        assert texts[number - 1].strip() == "" and number not in pictured, number
    spec = load_layout("mini", REPO)
    margins = spec.page.margins
    width, height = mm(74.25), mm(105)
    for number, chars in enumerate(glyphs(result.pdf), start=1):
        inside = margins.inside if number % 2 else margins.outside
        outside = margins.outside if number % 2 else margins.inside
        for char, left, bottom, right, top in chars:
            assert inside - 0.5 <= left and right <= width - outside + 0.5, (number, char)
            assert margins.bottom - 0.5 <= bottom and top <= height - margins.top + 0.5, (number, char)


def test_small_layouts_keep_captions_legible() -> None:
    """Nothing a reader needs is set below 6.5 pt."""
    for name in SIZES:
        spec = load_layout(name, REPO)
        sizes = {role: style.size for role, style in spec.styles.items()}
        assert min(sizes.values()) >= 6.5, (name, sizes)
        assert spec.page.page_multiple == MULTIPLE[name]
        # A booklet pads with ruled pages for visitors' notes; the eight-page mini has no room for them.
        assert ("notes" in spec.padding) == (name != "mini"), (name, spec.padding)


def test_caption_text_in_the_mini_pdf_is_at_least_6_5_pt(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=2)},
                           catalog={"layout": "mini"})
    result = build(project, BuildOptions(press="screen", out=tmp_path / "mini.pdf", cache=False, jobs=1))
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * abs(tm[3]) * abs(cm[3]))

    for page in PdfReader(result.pdf).pages:
        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 6.5 - 0.01
