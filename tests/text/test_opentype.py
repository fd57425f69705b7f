"""OpenType features a style switches on, and fallback fonts per script, checked in the built PDF: old-style
figures drawn and still read as digits, a Japanese title set in the layout's CJK fallback, characters no font
has reported once with every font named, and layouts that name what does not exist refused at their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.builder import BuildOptions, build
from catalog.errors import CatalogError
from catalog.specs.layouts import load_layout
from catalog.specs.opentype import script_of
from catalog.text import fonts
from catalog.text.lines import Run, Setting
from catalog.text.typeset import set_text
from tests.support.pdfcheck import fonts as pdf_fonts
from tests.support.pdfcheck import glyphs, page_texts
from tests.support.projects import add_layout, artist_data, make_project
from tests.support.testfonts import ADVANCE, VARIANT_ADVANCE, make_font

WEIGHTS = ("regular", "italic", "bold", "bold_italic")
LATIN = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,:;-–—’“”()×/+ "
JAPANESE = "東京の写真、展覧会目録"
FOLIO_SIZE = 8.0  # classic's folio
OWN = 4 + 3 * len(WEIGHTS) + 3  # the layout's first line after its three generated families


def _family(name: str, file: str) -> str:
    return f"  {name}:\n" + "".join(f"    {weight}: {file}\n" for weight in WEIGHTS)


def _project(tmp_path: Path, layout: str, title: str = "Harbour", **fonts_: dict[str, str]) -> Path:
    """A one-artist project on a layout built on classic, with the generated fonts `fonts_` (file -> the
    features and characters it varies) in its fonts/ folder."""
    artist = artist_data("Ann Lee", works=1)
    artist["works"][0]["title"] = title
    root = make_project(tmp_path / "p", artists={"ann": artist}, catalog={"layout": "house"})
    make_font(root / "fonts" / "Figures.ttf", "Test Figures", LATIN, variants={"onum": "0123456789", "smcp": "abc"})
    make_font(root / "fonts" / "Japanese.ttf", "Test Japanese", JAPANESE + "ー")
    make_font(root / "fonts" / "Sparse.ttf", "Test Sparse", "東京 ")
    add_layout(root, "house", "base: classic\nname: house\nfonts:\n" + _family("figures", "Figures.ttf")
               + _family("japanese", "Japanese.ttf") + _family("sparse", "Sparse.ttf") + layout)
    return root


def test_old_style_figures_print_and_read_as_digits(tmp_path: Path) -> None:
    root = _project(tmp_path, "styles:\n  folio: {font: figures, size: 8pt, leading: 10pt, features: [onum]}\n")
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    assert not [f for f in result.findings if f.code == "font-feature"]
    texts = page_texts(result.pdf)
    numbered = [(index, text) for index, text in enumerate(texts) if str(index + 1) in text.split()]
    assert numbered, texts  # folios still extract as their digits (the ToUnicode map names the figures)
    index, _ = numbered[-1]
    digits = [g for g in glyphs(result.pdf)[index] if g[0].isdigit()]
    lowest = min(g[2] for g in digits)
    folio = sorted(g for g in digits if g[2] == lowest)  # the folio: the lowest line on the page
    assert "".join(g[0] for g in folio) == str(index + 1)
    # each figure drawn is the narrower old-style glyph: the distance between one digit and the next is its advance
    assert folio[1][1] - folio[0][1] == pytest.approx(VARIANT_ADVANCE / 1000 * FOLIO_SIZE, abs=0.05)


def test_a_feature_switches_glyphs_as_harfbuzz_says(tmp_path: Path) -> None:
    root = _project(tmp_path, "")
    book = fonts.register(load_layout("house", root).fonts)
    font = book.name("figures", "regular")
    plain = fonts.width("1968 abc", font, 10.0)
    figures = fonts.width("1968 abc", fonts.with_features(font, ("onum",)), 10.0)
    small = fonts.width("1968 abc", fonts.with_features(font, ("onum", "smcp")), 10.0)
    step = (ADVANCE - VARIANT_ADVANCE) / 1000 * 10.0
    assert plain - figures == pytest.approx(4 * step)
    assert plain - small == pytest.approx(7 * step)
    assert {"onum", "smcp"} <= fonts.feature_tags(font)


def test_a_feature_the_font_lacks_is_a_warning_at_the_layout_line(tmp_path: Path) -> None:
    root = _project(tmp_path, "styles:\n  caption: {font: caption, size: 8pt, leading: 11pt, features: [onum]}\n")
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    found = [f for f in result.findings if f.code == "font-feature"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].file == root / "layouts" / "house.yaml" and found[0].line == OWN + 1
    assert "'onum'" in found[0].message and "PTSans-Regular.ttf" in found[0].message
    assert "c2sc" in found[0].hint  # what the font does have


def test_a_malformed_feature_tag_is_refused_at_its_line(tmp_path: Path) -> None:
    root = _project(tmp_path, "styles:\n  folio: {font: figures, size: 8pt, leading: 10pt, features: [oldstyle]}\n")
    with pytest.raises(CatalogError) as caught:
        load_layout("house", root)
    assert f"house.yaml:{OWN + 1}: 'styles.folio.features[1]'" in str(caught.value) and "onum" in str(caught.value)


def test_a_japanese_title_is_set_in_the_cjk_fallback(tmp_path: Path) -> None:
    title = "Harbour 東京の写真、1968"
    root = _project(tmp_path, "fallback: {cjk: japanese}\n", title=title)
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    assert not [f for f in result.findings if f.severity == "error"]
    texts = page_texts(result.pdf)
    assert sum(title in text for text in texts) >= 2  # the caption and the list of works
    embedded = {str(font["name"]).split("+")[-1] for font in pdf_fonts(result.pdf)}
    assert "TestJapanese-Regular" in embedded
    assert "TestFigures-Regular" not in embedded  # only the fonts a page uses are embedded


def test_a_style_fallback_overrides_the_layout_one(tmp_path: Path) -> None:
    root = _project(tmp_path, "fallback: {cjk: sparse}\nstyles:\n"
                              "  caption_title: {font: caption, size: 8pt, leading: 11pt, fallback: {cjk: japanese}}\n")
    layout = load_layout("house", root)
    assert dict(layout.styles["caption_title"].fallback) == {"cjk": "japanese"}
    assert dict(layout.styles["list"].fallback) == {"cjk": "sparse"}


def test_characters_no_font_has_are_one_error_naming_both_fonts(tmp_path: Path) -> None:
    root = _project(tmp_path, "fallback: {cjk: sparse}\n", title="東京の写真")
    with pytest.raises(CatalogError) as caught:
        build(root, BuildOptions(press="digital", cache=False, jobs=1))
    lines = [line for line in str(caught.value).splitlines() if "U+306E" in line]
    assert lines
    line = lines[0]
    assert "artist.yaml:" in line and "'の' (U+306E), '写' (U+5199), '真' (U+771F) are not in the font" in line
    assert "nor in its cjk fallback TestSparse-Regular (Sparse.ttf)" in line
    assert "東" not in line  # the fallback has 東 and 京


def test_without_a_fallback_the_error_says_how_to_give_one(tmp_path: Path) -> None:
    root = _project(tmp_path, "", title="東京")
    with pytest.raises(CatalogError) as caught:
        build(root, BuildOptions(press="digital", cache=False, jobs=1))
    assert "fallback: {cjk: <family>}" in str(caught.value)


def test_a_fallback_to_an_undefined_family_is_refused_at_its_line(tmp_path: Path) -> None:
    root = _project(tmp_path, "fallback: {cjk: noto}\n")
    with pytest.raises(CatalogError) as caught:
        load_layout("house", root)
    assert f"house.yaml:{OWN}: 'fallback.cjk' names font 'noto'" in str(caught.value)


def test_an_unknown_script_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    root = _project(tmp_path, "fallback: {cjkk: japanese}\n")
    with pytest.raises(CatalogError) as caught:
        load_layout("house", root)
    assert "cjkk" in str(caught.value) and "cjk" in str(caught.value)


def test_scripts_are_named_as_a_designer_would() -> None:
    assert [script_of(ch) for ch in "aЖ東あア한→"] == ["latin", "cyrillic", "cjk", "cjk", "cjk", "hangul", "symbols"]


def test_japanese_breaks_between_characters_but_not_before_a_small_kana(tmp_path: Path) -> None:
    path = make_font(tmp_path / "Japanese.ttf", "Test Japanese", "写真展覧会目録のーっ")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("TestJapaneseBreaks", path))
    text = "写真展覧会目録の写っー真展覧会目録"
    lines = set_text((Run(text, "TestJapaneseBreaks", 10.0),), Setting(width=50.0))
    assert len(lines) >= 3 and "".join(line.text for line in lines) == text
    assert all(line.overfull == 0 and not line.forced for line in lines)
    assert not any(line.text.startswith(("ー", "っ")) for line in lines)
