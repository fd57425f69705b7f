"""Text shaped by HarfBuzz in the built PDF: kerning pairs and ligatures applied, right-to-left scripts
refused at their file and line rather than printed backwards, CFF fonts refused with their file named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import uharfbuzz

from catalog.builder import BuildOptions, build
from catalog.errors import CatalogError
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from tests.support import REPO
from tests.support.cli import run
from tests.support.pdfcheck import glyphs, page_texts
from tests.support.projects import add_layout, artist_data, make_project

TITLE_SIZE = 40.0  # classic's cover_title


def hb_advances(text: str, path: Path, size: float) -> list[float]:
    """HarfBuzz's own advances for the text, in points: what the PDF must show."""
    blob = uharfbuzz.Blob.from_file_path(str(path))
    font = uharfbuzz.Font(uharfbuzz.Face(blob))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer, {"kern": True, "liga": True})
    scale = size / font.face.upem
    return [position.x_advance * scale for position in buffer.glyph_positions]


def test_the_title_is_kerned_in_the_pdf(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", catalog={"title": "AVATAR"})
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    chars = [g for g in glyphs(result.pdf)[0] if g[0] in "AVTR"][:6]
    assert "".join(g[0] for g in chars) == "AVATAR"
    a, v = chars[0], chars[1]
    serif = REPO / "fonts" / "PTSerif-Regular.ttf"
    book = fonts.register(load_layout("classic", REPO).fonts)
    unkerned = fonts.pdfmetrics.stringWidth("A", book.name("text", "regular"), TITLE_SIZE)
    kerned = hb_advances("AV", serif, TITLE_SIZE)[0]
    assert kerned < unkerned - 1.0  # PT Serif kerns A–V by some 4 pt at 40 pt
    # The V's left edge moved in by the kern: the distance between the two letters' left edges is the kerned
    # advance (both letters' ink start at their own side bearing, the same in either setting).
    a_only = glyphs(build(make_project(tmp_path / "q", catalog={"title": "A V"}),
                          BuildOptions(press="digital", cache=False, jobs=1)).pdf)[0]
    space = fonts.pdfmetrics.stringWidth(" ", book.name("text", "regular"), TITLE_SIZE)
    a2, v2 = [g for g in a_only if g[0] in "AV"][:2]
    loose = v2[1] - a2[1] - space  # "A V" has no A–V pair: the unkerned distance plus a space
    assert v[1] - a[1] == pytest.approx(loose - (unkerned - kerned), abs=0.3)


def test_ligatures_print_and_still_read_as_letters(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", catalog={"title": "The official final fifth"})
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    assert "The official final fifth" in page_texts(result.pdf)[0]
    drawn = fonts.shaped("final", fonts.register(load_layout("classic", REPO).fonts).name("text", "regular"))
    assert str(drawn) == "\ufb01nal"  # the fi ligature glyph, drawn as one


def test_letter_spaced_text_keeps_its_letters_apart() -> None:
    serif = fonts.register(load_layout("classic", REPO).fonts).name("text", "regular")
    assert "\ufb01" not in str(fonts.shaped("final", serif, tracking=0.5))
    assert fonts.width("final", serif, 10, 0.5) == pytest.approx(fonts.width("final", serif, 10, 0.0) + 0.5 * 5,
                                                                  abs=0.6)


@pytest.mark.parametrize("script,text", [("Arabic", "مرحبا بالعالم"), ("Hebrew", "שלום עולם")])
def test_right_to_left_text_is_refused_at_its_line(tmp_path: Path, script: str, text: str) -> None:
    root = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", statement=text)})
    with pytest.raises(CatalogError) as caught:
        build(root, BuildOptions(press="digital", cache=False, jobs=1))
    [problem] = [p for p in caught.value.problems if p.code == "script"]
    assert problem.message.startswith(f"text in {script} script is written right to left")
    assert problem.file == root / "content/artists/anna-test/artist.yaml" and problem.line is not None
    code, output = run("build", str(root))
    assert code == 2 and f"{script} script" in output and "Traceback" not in output
    assert not (root / "build").exists()


def _layout_with(root: Path, font: str) -> None:
    add_layout(root, "house", "base: classic\nname: house\nfonts:\n  text:\n"
               + "".join(f"    {weight}: {font}\n" for weight in ("regular", "italic", "bold", "bold_italic")))


@pytest.mark.parametrize("name", ["House.otf", "House.ttf"])
def test_a_cff_font_is_refused_with_its_file_named(tmp_path: Path, name: str) -> None:
    """By its name at the layout's line, and by its contents when a CFF font is named .ttf."""
    root = make_project(tmp_path / "p", catalog={"layout": "house"})
    (root / "fonts").mkdir()
    real = Path("/usr/share/fonts/opentype/urw-base35/URWBookman-Light.otf")  # Ghostscript's fonts, if here
    if real.is_file():
        shutil.copy(real, root / "fonts" / name)
    else:
        (root / "fonts" / name).write_bytes(b"OTTO" + bytes(60))  # the sfnt tag of CFF outlines
    _layout_with(root, name)
    code, output = run("build", str(root))
    assert code == 2, output
    if name.endswith(".otf"):
        assert "layouts/house.yaml:5: House.otf is not a TrueType (.ttf) font" in output
    else:
        assert f"fonts/{name}: cannot use font {name}: it has PostScript (CFF) outlines" in output
    assert "Traceback" not in output and not (root / "build").exists()
