"""Layouts as data: the built-in ones, project layouts and inheritance, and their errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog.colour import Swatch
from catalog.errors import LayoutError, Problem
from catalog.resources import builtin_dir
from catalog.specs.layouts import LABELS, OPTIONAL_STYLES, STYLE_ROLES, LayoutSpec, load_layout
from catalog.units import mm
from tests.support import REPO
from tests.support.projects import add_layout, make_project

BUILTIN = builtin_dir("layouts")
BUILTIN_FONTS = builtin_dir("fonts")


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """An empty project folder: only the built-in layouts are available."""
    root = tmp_path / "project"
    root.mkdir()
    return root


def layout_errors(name: str, project: Path) -> tuple[Problem, ...]:
    with pytest.raises(LayoutError) as excinfo:
        load_layout(name, project)
    return excinfo.value.problems


def only(problems: tuple[Problem, ...]) -> Problem:
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


@pytest.fixture(scope="module")
def classic() -> LayoutSpec:
    return load_layout("classic", REPO)


# --- built-in layouts ------------------------------------------------------------------------

def test_builtin_layouts_are_found() -> None:
    assert BUILTIN is not None
    assert {"classic.yaml", "zine.yaml"} <= {p.name for p in BUILTIN.glob("*.yaml")}


def test_classic_page(proj: Path) -> None:
    layout = load_layout("classic", proj)
    assert layout.name == "classic"
    assert layout.path == BUILTIN / "classic.yaml"
    page = layout.page
    assert page.width == pytest.approx(mm(210))
    assert page.height == pytest.approx(mm(270))
    assert page.bleed == pytest.approx(mm(3))
    assert page.columns == 2
    assert page.gutter == pytest.approx(mm(6))
    assert page.page_multiple == 4
    assert page.margins.inside == pytest.approx(mm(22))
    assert page.margins.outside == pytest.approx(mm(18))
    assert page.margins.top == pytest.approx(mm(22))
    assert page.margins.bottom == pytest.approx(mm(24))


def test_classic_fonts_styles_and_colours(classic: LayoutSpec) -> None:
    assert set(classic.fonts) == {"text", "caption"}
    assert classic.fonts["text"].regular.name == "PTSerif-Regular.ttf"
    assert classic.fonts["caption"].bold_italic.name == "PTSans-BoldItalic.ttf"
    assert all(classic.fonts["text"].file(w).is_file() for w in ("regular", "italic", "bold", "bold_italic"))
    assert set(classic.styles) == set(STYLE_ROLES) | set(OPTIONAL_STYLES)
    body = classic.styles["body"]
    assert (body.font, body.weight, body.align, body.hyphenate) == ("text", "regular", "justify", True)
    assert body.size == pytest.approx(9.5)
    assert body.leading == pytest.approx(13.5)
    assert body.indent == pytest.approx(mm(4))
    sub = classic.styles["subheading"]
    assert sub.upper and sub.weight == "bold"
    assert sub.tracking == pytest.approx(0.8)
    assert sub.colour == Swatch.from_hex("#9a4a24") == classic.colours["accent"]
    assert classic.styles["caption"].colour == classic.colours["muted"]
    assert classic.styles["heading"].colour == Swatch.from_hex("#1e1e1e")  # the layout's "text"
    assert classic.sections == ("cover", "half_title", "title_page", "imprint", "contents", "texts", "artists",
                                "works", "lenders", "index", "back_cover")  # front matter first; imprint: colophon
    assert classic.start_on_recto == ("half_title", "title_page", "contents", "texts", "artists")
    assert classic.labels == LABELS


def test_zine_is_a5_and_inherits_from_classic(proj: Path, classic: LayoutSpec) -> None:
    zine = load_layout("zine", proj)
    assert zine.name == "zine"
    assert zine.path == BUILTIN / "zine.yaml"
    assert zine.description.startswith("A5 zine")
    assert zine.page.width == pytest.approx(mm(148))
    assert zine.page.height == pytest.approx(mm(210))
    assert zine.page.columns == 1
    assert zine.page.margins.inside == pytest.approx(mm(18))
    assert zine.page.gutter == pytest.approx(mm(6))  # not in zine.yaml: from classic
    assert font_names(zine) == font_names(classic)
    assert zine.colours == classic.colours
    assert zine.styles["body"].size == pytest.approx(10.0)
    assert zine.styles["body"].indent == pytest.approx(mm(4))
    for role in ("subheading", "author", "running_head", "folio", "back_cover"):  # not in zine.yaml
        assert zine.styles[role] == classic.styles[role]
    assert zine.plates.caption_gap == pytest.approx(mm(3))
    assert zine.plates.bleed_caption == classic.plates.bleed_caption == "facing"  # not in zine.yaml
    assert zine.opener == classic.opener == "spread"
    assert zine.templates["facing"] == classic.templates["facing"]  # templates are inherited by name...
    assert zine.templates["facing"].origin.file == BUILTIN / "classic.yaml"
    assert zine.templates["spread"].origin.file == BUILTIN / "zine.yaml"  # ...unless the layout redefines one
    assert zine.templates["spread"] != classic.templates["spread"]
    # zine states its own sections (no front matter, the colophon at the back); artist_sections it inherits
    assert zine.sections == ("cover", "contents", "texts", "artists", "works", "colophon", "back_cover")
    assert zine.sections != classic.sections
    assert zine.artist_sections == classic.artist_sections  # not in zine.yaml


# --- project layouts -------------------------------------------------------------------------

def test_project_layout_overrides_builtin_by_name(proj: Path) -> None:
    text = (BUILTIN / "classic.yaml").read_text(encoding="utf-8")
    path = add_layout(proj, "classic", text.replace("width: 210mm", "width: 200mm")
                      .replace("gutter: 6mm", "gutter: 9mm"))
    layout = load_layout("classic", proj)
    assert layout.path == path
    assert layout.page.width == pytest.approx(mm(200))
    # the built-in zine now builds on the project's classic
    zine = load_layout("zine", proj)
    assert zine.page.width == pytest.approx(mm(148))
    assert zine.page.gutter == pytest.approx(mm(9))


def test_project_layout_with_base_classic(proj: Path, classic: LayoutSpec) -> None:
    add_layout(proj, "wide", "base: classic\nname: wide\npage:\n  columns: 3\n  gutter: 4mm\n"
                             "styles:\n  body: {size: 10pt}\n")
    layout = load_layout("wide", proj)
    assert layout.page.columns == 3
    assert layout.page.gutter == pytest.approx(mm(4))
    assert layout.page.width == classic.page.width
    assert layout.page.margins == classic.page.margins
    assert font_names(layout) == font_names(classic)
    body = layout.styles["body"]
    assert body.size == pytest.approx(10.0)
    assert body.leading == classic.styles["body"].leading  # the rest of the style is inherited
    assert body.align == "justify"


def test_project_layout_named_like_its_base_uses_the_builtin(proj: Path) -> None:
    add_layout(proj, "classic", "base: classic\npage:\n  width: 200mm\n")
    layout = load_layout("classic", proj)
    assert layout.page.width == pytest.approx(mm(200))
    assert layout.page.height == pytest.approx(mm(270))
    assert layout.page.columns == 2


def test_chain_of_project_layouts(proj: Path) -> None:
    add_layout(proj, "one", "base: zine\npage:\n  columns: 2\n")
    add_layout(proj, "two", "base: one\npage:\n  height: 200mm\n")
    layout = load_layout("two", proj)
    assert layout.page.width == pytest.approx(mm(148))  # zine
    assert layout.page.columns == 2  # one
    assert layout.page.height == pytest.approx(mm(200))  # two
    assert layout.page.gutter == pytest.approx(mm(6))  # classic


def test_font_from_the_projects_fonts_folder(proj: Path) -> None:
    assert BUILTIN_FONTS is not None
    (proj / "fonts").mkdir()
    shutil.copy(BUILTIN_FONTS / "PTSans-Regular.ttf", proj / "fonts" / "House-Regular.ttf")
    add_layout(proj, "house", "base: classic\nfonts:\n  caption:\n    regular: House-Regular.ttf\n")
    layout = load_layout("house", proj)
    assert layout.fonts["caption"].regular == proj / "fonts" / "House-Regular.ttf"
    assert layout.fonts["caption"].bold.name == "PTSans-Bold.ttf"


def test_labels_override_only_what_is_given(proj: Path) -> None:
    add_layout(proj, "ru", "base: classic\nlabels:\n  contents: Содержание\n")
    labels = load_layout("ru", proj).labels
    assert labels["contents"] == "Содержание"
    assert labels["colophon"] == "Colophon"


# --- errors ----------------------------------------------------------------------------------

def test_unknown_layout_name_suggests(proj: Path) -> None:
    problem = only(layout_errors("clasic", proj))
    assert problem.message == "unknown layout 'clasic'"
    assert problem.hint == "did you mean 'classic'?"


def test_unknown_layout_name_lists_available(proj: Path) -> None:
    add_layout(proj, "mine", "base: classic\n")
    problem = only(layout_errors("xxxxxxxx", proj))
    assert problem.hint.startswith("available: ")
    assert set(problem.hint.removeprefix("available: ").split(", ")) == {
        "classic", "zine", "pocket", "mini", "riso", "gallery", "mine"}


@pytest.mark.parametrize(("text", "line", "key", "hint"), [
    ("base: classic\npage:\n  width: 148\n", 3, "page.width", "add a unit, e.g. 148mm"),
    ("base: classic\npage:\n  margins:\n    top: 20\n", 4, "page.margins.top", "add a unit, e.g. 20mm"),
    ("base: classic\nstyles:\n  body: {size: 9}\n", 3, "styles.body.size", "add a unit, e.g. 9pt"),
    ("base: classic\n\nstyles:\n  toc:\n    leading: 14.5\n", 5, "styles.toc.leading",
     "add a unit, e.g. 14.5pt"),
])
def test_length_without_unit(proj: Path, text: str, line: int, key: str, hint: str) -> None:
    path = add_layout(proj, "mine", text)
    problem = only(layout_errors("mine", proj))
    assert problem.file == path
    assert problem.line == line
    assert problem.message.startswith(f"'{key}' should be a length with a unit")
    assert problem.hint == hint


def test_unknown_style_role(proj: Path) -> None:
    path = add_layout(proj, "mine", "base: classic\nstyles:\n  bodyy: {font: text, size: 9pt}\n")
    problem = only(layout_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 3)
    assert problem.message == "unknown key 'styles.bodyy'"
    assert problem.hint == "did you mean 'body'?"


def test_style_naming_an_undefined_font_family(proj: Path) -> None:
    path = add_layout(proj, "mine", "base: classic\nstyles:\n  heading:\n    font: display\n")
    problem = only(layout_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "style 'heading' uses font 'display', which 'fonts' does not define"
    assert problem.hint == "families: caption, text"


def test_style_naming_an_undefined_colour(proj: Path) -> None:
    path = add_layout(proj, "mine", "base: classic\nstyles:\n  heading:\n    colour: gold\n")
    problem = only(layout_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "style 'heading' uses colour 'gold', which 'colours' does not define"


def test_missing_font_file(proj: Path) -> None:
    path = add_layout(proj, "mine", "base: classic\nfonts:\n  text:\n    bold: Missing-Bold.ttf\n")
    problem = only(layout_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "font file not found: Missing-Bold.ttf"
    assert "fonts/" in problem.hint


def test_font_that_is_not_truetype(proj: Path) -> None:
    (proj / "fonts").mkdir()
    (proj / "fonts" / "Face.otf").write_bytes(b"OTTO not really a font")
    path = add_layout(proj, "mine", "base: classic\nfonts:\n  text:\n    italic: Face.otf\n")
    problem = only(layout_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "Face.otf is not a TrueType (.ttf) font"


def test_problem_in_an_inherited_layout_names_that_file(proj: Path) -> None:
    base = add_layout(proj, "house", "base: classic\nstyles:\n  heading:\n    font: display\n")
    add_layout(proj, "house-a5", "base: house\npage:\n  width: 148mm\n  height: 210mm\n")
    problem = only(layout_errors("house-a5", proj))
    assert (problem.file, problem.line) == (base, 4)


def test_several_layout_problems_together(proj: Path) -> None:
    add_layout(proj, "mine", "base: classic\npage:\n  width: 148\n  columns: 7\n"
                             "styles:\n  body: {align: justfy}\n")
    problems = layout_errors("mine", proj)
    assert [p.line for p in problems] == [3, 4, 6]
    assert problems[2].hint == "did you mean 'justify'?"


def test_base_loop(proj: Path) -> None:
    first = add_layout(proj, "first", "name: first\nbase: second\n")
    add_layout(proj, "second", "base: first\n")
    problem = only(layout_errors("first", proj))
    assert problem.message == "'base: second' makes a loop of layouts"
    assert (problem.file, problem.line) == (first, 2)


def test_layout_that_is_its_own_base(proj: Path) -> None:
    path = add_layout(proj, "self", "# loops\nbase: self\n")
    problem = only(layout_errors("self", proj))
    assert problem.message == "'base: self' makes a loop of layouts"
    assert (problem.file, problem.line) == (path, 2)


def test_unknown_base(proj: Path) -> None:
    path = add_layout(proj, "mine", "base: clasic\n")
    problem = only(layout_errors("mine", proj))
    assert problem.message == "unknown base layout 'clasic'"
    assert (problem.file, problem.line) == (path, 1)


def test_layout_file_that_is_not_a_mapping(proj: Path) -> None:
    path = add_layout(proj, "mine", "- a\n- b\n")
    problem = only(layout_errors("mine", proj))
    assert problem.file == path
    assert "mapping" in problem.message


def test_layout_yaml_syntax_error(proj: Path) -> None:
    path = add_layout(proj, "mine", "base: classic\npage: {width: 1mm\n")
    problem = only(layout_errors("mine", proj))
    assert problem.file == path
    assert problem.message.startswith("YAML syntax error")


def test_standalone_layout_missing_required_parts(proj: Path) -> None:
    path = add_layout(proj, "bare", "name: bare\npage:\n  width: 100mm\n  height: 100mm\n")
    problems = layout_errors("bare", proj)
    assert {p.message for p in problems} == {
        "'page.margins' is missing", "'fonts' is missing", "'styles' is missing"}
    assert all(p.file == path for p in problems)


def font_names(layout: LayoutSpec) -> dict[str, list[str]]:
    """Font files by name: where they are found (project or package) depends on the install."""
    return {family: [files.file(w).name for w in ("regular", "italic", "bold", "bold_italic")]
            for family, files in layout.fonts.items()}


def test_margins_that_leave_no_text_area_are_refused_at_their_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    path = add_layout(project, "tight", "base: zine\nname: tight\npage:\n"
                      "  margins: {inside: 80mm, outside: 70mm, top: 10mm, bottom: 10mm}\n")
    with pytest.raises(LayoutError) as caught:
        load_layout("tight", project)
    [problem] = caught.value.problems
    assert problem.file == path and problem.line == 4
    assert "'inside' and 'outside' (150 mm together)" in problem.message


@pytest.mark.parametrize(("text", "line", "message"), [
    ("base: classic\nstyles:\n  body: {size: 0pt}\n", 3, "'styles.body.size' must be at least 1pt: 0pt"),
    ("base: classic\nstyles:\n  caption:\n    leading: 0pt\n", 4, "'styles.caption.leading' must be at least 1pt: 0pt"),
    ("base: classic\npage:\n  width: 5100mm\n", 3,
     "'page.width' may be at most 5080mm (200 in, the largest PDF page): 5100mm"),
    ("base: classic\npage:\n  height: 201in\n", 3,
     "'page.height' may be at most 5080mm (200 in, the largest PDF page): 201in"),
])
def test_type_that_cannot_print_and_pages_a_pdf_cannot_hold_are_refused_at_their_line(
        proj: Path, text: str, line: int, message: str) -> None:
    """A 0 pt body used to give blank pages with no finding; a page over 14,400 pt, a file viewers refuse."""
    path = add_layout(proj, "mine", text)
    problem = only(layout_errors("mine", proj))
    assert (problem.file, problem.line, problem.message) == (path, line, message)


def test_a_page_that_fits_only_without_its_bleed_and_marks_is_refused_by_the_build(tmp_path: Path) -> None:
    from catalog.builder import BuildOptions, check

    proj = make_project(tmp_path / "p")
    path = add_layout(proj, "mine", "base: classic\npage:\n  width: 5075mm\n")
    assert load_layout("mine", proj).page.width == pytest.approx(mm(5075))
    problems = check(proj, BuildOptions(layout="mine", press="offset")).findings
    problem = only(tuple(p for p in problems if p.severity == "error"))
    assert (problem.file, problem.line) == (path, 3)
    assert "more than the 5080 mm (200 in) a PDF page may be" in problem.message
