"""Press profiles as data: the built-in ones, project profiles and inheritance, and their errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from catalog.builder import BuildOptions, check
from catalog.builder.project import prepare
from catalog.errors import Problem
from catalog.model import Origin
from catalog.resources import builtin_dir
from catalog.specs.flavours import X1A
from catalog.specs.press import PressError, PressProfile, load_press
from catalog.units import inch, mm
from tests.support.projects import add_press, make_project

BUILTIN = builtin_dir("presses")
FOGRA = "FOGRA39L-l300.icc"
UNCOATED = "FOGRA29L-l240.icc"


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """An empty project folder: only the built-in presses are available."""
    root = tmp_path / "project"
    root.mkdir()
    return root


def press_errors(name: str, project: Path) -> tuple[Problem, ...]:
    with pytest.raises(PressError) as excinfo:
        load_press(name, project)
    return excinfo.value.problems


def only(problems: tuple[Problem, ...]) -> Problem:
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def rgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def setting_line(path: Path, start: str) -> int:
    """The line of `path` that starts (after indentation) with `start`."""
    return next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.lstrip().startswith(start))


# --- built-in profiles -----------------------------------------------------------------------

def test_builtin_presses_are_found() -> None:
    assert BUILTIN is not None
    assert {"offset.yaml", "digital.yaml", "screen.yaml", "x1a.yaml", FOGRA, UNCOATED} <= {
        p.name for p in BUILTIN.iterdir()}


def test_offset(proj: Path) -> None:
    press = load_press("offset", proj)
    assert (press.name, press.path, press.pdf, press.flavour.pdfx) == ("offset", BUILTIN / "offset.yaml", "x4", True)
    colour = press.colour
    assert colour.space == "cmyk"
    assert colour.icc == BUILTIN / FOGRA
    assert (colour.condition, colour.intent, colour.black_point_compensation) == ("FOGRA39", "relative", True)
    assert colour.ink_limit == 300
    assert colour.rich_black == pytest.approx((0.4, 0.3, 0.3, 1.0))
    assert colour.rich_black_min == pytest.approx(mm(20))
    assert colour.images == "convert"
    assert press.bleed == pytest.approx(mm(3))
    assert (press.marks, press.slug_line) == (False, True)  # file delivery: no marks; a slug line with --marks
    assert press.mark_clearance == pytest.approx(mm(3))
    assert press.safe_margin == pytest.approx(mm(5))
    assert (press.page_multiple, press.pad) == (None, True)
    assert (press.images.min_ppi, press.images.max_ppi, press.images.resample_to, press.images.quality) == (
        300, 450, 350, 92)
    inks = colour.inks()
    assert (inks.space, inks.profile, inks.ink_limit) == ("cmyk", BUILTIN / FOGRA, 300)


def test_digital(proj: Path) -> None:
    press = load_press("digital", proj)
    assert (press.pdf, press.flavour.pdfx) == ("plain", False)
    assert press.colour.space == "rgb"
    assert press.colour.icc is None
    assert press.colour.rich_black is None
    assert press.bleed == pytest.approx(inch(0.125))
    assert press.marks is False
    assert press.safe_margin == pytest.approx(inch(0.5))  # the POD services' (Lulu's) safety margin
    assert (press.images.min_ppi, press.images.max_ppi, press.images.resample_to) == (300, 400, 300)


def test_screen(proj: Path) -> None:
    press = load_press("screen", proj)
    assert press.colour.space == "rgb"
    assert press.bleed == 0.0
    assert press.marks is False
    assert press.safe_margin == 0.0
    assert press.page_multiple == 2
    assert (press.images.min_ppi, press.images.max_ppi, press.images.resample_to, press.images.quality) == (
        100, 150, 150, 80)


def test_x1a_inherits_offset_and_changes_ink_bleed_and_stock(proj: Path) -> None:
    """x1a is IngramSpark's file: offset's PDF/X machinery, its own bleed, safety margin and 240 % ink, with the
    uncoated FOGRA29 output intent that limit belongs to (not offset's coated FOGRA39)."""
    offset, x1a = load_press("offset", proj), load_press("x1a", proj)
    assert x1a.path == BUILTIN / "x1a.yaml"
    assert x1a.flavour is X1A
    assert x1a.colour.icc == BUILTIN / UNCOATED != offset.colour.icc
    assert (x1a.colour.condition, x1a.colour.registry) == ("FOGRA29", "http://www.color.org")
    assert "uncoated" in x1a.colour.condition_name
    assert (x1a.marks, x1a.slug_line) == (offset.marks, offset.slug_line) == (False, True)
    assert (x1a.bleed, x1a.safe_margin) == (pytest.approx(inch(0.125)), pytest.approx(inch(0.5)))
    assert x1a.colour.ink_limit == 240
    assert x1a.colour.rich_black == pytest.approx((0.3, 0.2, 0.2, 1.0))
    assert sum(x1a.colour.rich_black or ()) * 100 <= x1a.colour.ink_limit
    # what offset gives it unchanged
    assert (x1a.colour.intent, x1a.images, x1a.type) == (offset.colour.intent, offset.images, offset.type)
    # settings remember the file they were written in
    assert x1a.origin("colour", "ink_limit").file == BUILTIN / "x1a.yaml"
    assert x1a.origin("colour", "icc").file == BUILTIN / "x1a.yaml"
    assert x1a.origin("colour", "icc").line == setting_line(BUILTIN / "x1a.yaml", "icc:")
    assert offset.origin("colour", "icc").line == setting_line(BUILTIN / "offset.yaml", "icc:")


def test_uncoated_profile_holds_240_per_cent(proj: Path) -> None:
    """The FOGRA29 profile was built under a 240 % total ink limit: sRGB's darkest and most saturated colours
    convert (relative, with black point compensation, as the press does) to 240 % or less."""
    profile = ImageCms.getOpenProfile(str(BUILTIN / UNCOATED))
    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), profile, "RGB", "CMYK",
                                        ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    for rgb in [(0, 0, 0), (0, 0, 255), (60, 30, 10), (0, 0, 80), (40, 0, 60), (0, 60, 20), (255, 0, 0)]:
        converted = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), transform)
        assert converted is not None
        cmyk = converted.getpixel((0, 0))
        assert isinstance(cmyk, tuple) and sum(cmyk) / 2.55 <= 240, (rgb, cmyk)


# --- project profiles ------------------------------------------------------------------------

def test_project_press_overrides_builtin_by_name(proj: Path) -> None:
    path = add_press(proj, "offset", "name: offset\npdf: plain\ncolour:\n  space: rgb\n")
    press = load_press("offset", proj)
    assert press.path == path
    assert (press.pdf, press.colour.space, press.colour.icc, press.marks) == ("plain", "rgb", None, False)
    assert press.bleed is None  # the layout's bleed


def test_project_press_named_like_its_base_extends_the_builtin(proj: Path) -> None:
    path = add_press(proj, "offset", "name: offset\nbase: offset\ncolour:\n  ink_limit: 280\n")
    press = load_press("offset", proj)
    assert press.path == path
    assert press.colour.ink_limit == 280
    assert press.colour.icc == BUILTIN / FOGRA
    assert (press.pdf, press.marks, press.bleed) == ("x4", False, pytest.approx(mm(3)))
    assert press.origin("colour", "ink_limit") == Origin(path, 4)
    assert press.origin("colour", "icc").file == BUILTIN / "offset.yaml"


def test_project_press_with_base_offset(proj: Path) -> None:
    path = add_press(proj, "proof", "name: proof\nbase: offset\nmarks: true\nmark_clearance: 4mm\n"
                                    "images:\n  min_ppi: 200\n")
    press = load_press("proof", proj)
    assert (press.name, press.path) == ("proof", path)
    assert (press.marks, press.mark_clearance) == (True, pytest.approx(mm(4)))
    assert press.images.min_ppi == 200
    assert press.images.max_ppi == 450  # the rest of images: from offset
    assert press.colour.icc == BUILTIN / FOGRA


def test_project_press_gets_defaults_for_what_it_leaves_out(proj: Path) -> None:
    """A profile without 'colour' or 'images' sections gets their defaults."""
    add_press(proj, "bare", "name: bare\nbleed: 2mm\n")
    press = load_press("bare", proj)
    assert (press.pdf, press.colour.space, press.colour.icc, press.colour.images) == ("plain", "rgb", None, "convert")
    assert (press.images.min_ppi, press.images.max_ppi, press.images.resample_to) == (300, 450, 450)
    assert press.bleed == pytest.approx(mm(2))
    assert press.safe_margin == pytest.approx(mm(5))


def test_cmyk_without_icc_uses_the_builtin_profile(proj: Path) -> None:
    add_press(proj, "plain-cmyk", "name: plain-cmyk\ncolour:\n  space: cmyk\n")
    assert load_press("plain-cmyk", proj).colour.icc == BUILTIN / FOGRA


def test_icc_named_like_the_builtin_profile_falls_back_to_it(proj: Path) -> None:
    add_press(proj, "mine", f"name: mine\ncolour:\n  space: cmyk\n  icc: {FOGRA}\n")
    assert load_press("mine", proj).colour.icc == BUILTIN / FOGRA


def test_icc_named_like_the_builtin_uncoated_profile_falls_back_to_it(proj: Path) -> None:
    add_press(proj, "mine", f"name: mine\ncolour:\n  space: cmyk\n  icc: {UNCOATED}\n")
    assert load_press("mine", proj).colour.icc == BUILTIN / UNCOATED


def test_icc_beside_the_project_press(proj: Path) -> None:
    assert BUILTIN is not None
    path = add_press(proj, "mine", "name: mine\ncolour:\n  space: cmyk\n  icc: printer.icc\n")
    shutil.copy(BUILTIN / FOGRA, path.parent / "printer.icc")
    assert load_press("mine", proj).colour.icc == (path.parent / "printer.icc").resolve()


def test_icc_elsewhere_in_the_project(proj: Path) -> None:
    assert BUILTIN is not None
    shutil.copy(BUILTIN / FOGRA, proj / "printer.icc")
    add_press(proj, "mine", "name: mine\ncolour:\n  space: cmyk\n  icc: ../printer.icc\n")
    assert load_press("mine", proj).colour.icc == (proj / "printer.icc").resolve()


def test_catalog_press_selects_the_default(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "screen"})
    assert prepare(project, BuildOptions(), lambda *_: None).press.name == "screen"
    assert prepare(project, BuildOptions(press="offset"), lambda *_: None).press.name == "offset"


def test_without_catalog_press_the_default_is_digital(project: Path) -> None:
    assert prepare(project, BuildOptions(), lambda *_: None).press.name == "digital"


def test_catalog_press_may_name_a_project_press(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "proof"})
    path = add_press(project, "proof", "name: proof\nbase: digital\n")
    press = prepare(project, BuildOptions(), lambda *_: None).press
    assert (press.name, press.path) == ("proof", path)


# --- errors ----------------------------------------------------------------------------------

def test_unknown_press_name_suggests(proj: Path) -> None:
    problem = only(press_errors("ofset", proj))
    assert problem.message == "unknown press profile 'ofset'"
    assert problem.hint == "did you mean 'offset'?"
    assert (problem.file, problem.line) == (None, None)


def test_unknown_press_name_lists_available(proj: Path) -> None:
    add_press(proj, "house", "name: house\n")
    problem = only(press_errors("qqqqqqqq", proj))
    assert set(problem.hint.removeprefix("available: ").split(", ")) == {
        "digital", "offset", "screen", "x1a", "mono", "mono-halftone", "riso", "lulu", "bookpress", "house"}


def test_unknown_press_in_catalog_yaml_names_its_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "ofset"})
    line = setting_line(project / "catalog.yaml", "press:")
    problem = only(check(project).findings)
    assert problem.format(project) == f"catalog.yaml:{line}: unknown press profile 'ofset'; did you mean 'offset'?"


def test_unknown_key(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\nbase: offset\ncolour:\n  ink_limt: 280\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "unknown key 'colour.ink_limt'"
    assert problem.hint == "did you mean 'ink_limit'?"


def test_unknown_top_level_key(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\ncolor:\n  space: cmyk\n")
    problem = only(press_errors("mine", proj))
    assert problem.format(proj) == "presses/mine.yaml:2: unknown key 'color'; did you mean 'colour'?"
    assert problem.file == path


def test_max_ppi_below_min_ppi(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\nimages:\n  min_ppi: 300\n  max_ppi: 200\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "'images.max_ppi' (200) is below 'images.min_ppi' (300)"
    assert problem.hint == "raise max_ppi or lower min_ppi"


def test_max_ppi_below_inherited_settings_names_the_projects_line(proj: Path) -> None:
    """Both conflicts point at the line the project wrote, not at the built-in offset.yaml."""
    path = add_press(proj, "mine", "name: mine\nbase: offset\nimages:\n  max_ppi: 250\n")
    problems = press_errors("mine", proj)
    assert [(p.file, p.line) for p in problems] == [(path, 4), (path, 4)]
    assert sorted(p.message for p in problems) == [
        "'images.max_ppi' (250) is below 'images.min_ppi' (300)",
        "'images.resample_to' (350) is above 'images.max_ppi'"]


def test_min_ppi_above_an_inherited_max_ppi_names_the_min_ppi_line(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\nbase: offset\nimages:\n  min_ppi: 500\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "'images.max_ppi' (450) is below 'images.min_ppi' (500)"


def test_resample_to_above_max_ppi(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\nimages:\n  max_ppi: 400\n  resample_to: 420\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "'images.resample_to' (420) is above 'images.max_ppi'"


def test_ink_limit_out_of_range(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\nbase: offset\ncolour:\n  ink_limit: 450\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "'colour.ink_limit' should be a whole number from 100 to 400, not the number 450"


def test_rich_black_needs_four_inks(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\nbase: offset\ncolour:\n  rich_black: {cmyk: [40, 30, 100]}\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "'colour.rich_black.cmyk' needs four ink percentages (C, M, Y, K)"


def test_colour_that_is_not_a_mapping(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\ncolour: cmyk\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 2)
    assert problem.message == "'colour' should be a mapping of keys, not 'cmyk'"


def test_missing_icc_file(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\ncolour:\n  space: cmyk\n  icc: printer.icc\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "ICC profile not found: printer.icc"
    assert problem.hint == "put the printer's .icc file in the project's presses/ folder"


def test_icc_that_is_not_a_profile(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\ncolour:\n  space: cmyk\n  icc: broken.icc\n")
    (path.parent / "broken.icc").write_bytes(b"not a profile at all")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message.startswith("broken.icc is not a readable ICC profile (")


def test_rgb_icc_for_a_cmyk_press(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\ncolour:\n  space: cmyk\n  icc: screen.icc\n")
    (path.parent / "screen.icc").write_bytes(rgb_profile())
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "screen.icc is a RGB profile, but the press prints CMYK"
    assert problem.hint == "use a CMYK output profile or change 'colour.space'"


def test_inherited_cmyk_icc_for_an_rgb_press_names_the_space_line(proj: Path) -> None:
    """The conflicting setting is the one the project wrote, not the built-in file's icc line."""
    path = add_press(proj, "mine", "name: mine\nbase: offset\npdf: plain\ncolour:\n  space: rgb\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 5)
    assert problem.message == f"{FOGRA} is a CMYK profile, but the press prints RGB"


def test_icc_path_leaving_the_project(proj: Path) -> None:
    assert BUILTIN is not None
    shutil.copy(BUILTIN / FOGRA, proj.parent / "outside.icc")
    path = add_press(proj, "mine", "name: mine\ncolour:\n  space: cmyk\n  icc: ../../outside.icc\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "path leaves the project folder: ../../outside.icc"


def test_icc_absolute_path(proj: Path) -> None:
    assert BUILTIN is not None
    path = add_press(proj, "mine", f"name: mine\ncolour:\n  space: cmyk\n  icc: {BUILTIN / FOGRA}\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == f"absolute path not allowed: {BUILTIN / FOGRA}"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_icc_link_leaving_the_project(proj: Path) -> None:
    assert BUILTIN is not None
    shutil.copy(BUILTIN / FOGRA, proj.parent / "outside.icc")
    path = add_press(proj, "mine", "name: mine\ncolour:\n  space: cmyk\n  icc: link.icc\n")
    try:
        (path.parent / "link.icc").symlink_to(proj.parent / "outside.icc")
    except OSError:
        pytest.skip("cannot create symbolic links here")
    problem = only(press_errors("mine", proj))
    assert problem.message == "path leaves the project folder: link.icc"


def test_x1a_with_rgb(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\nbase: x1a\ncolour:\n  space: rgb\n")
    problems = press_errors("mine", proj)
    assert [(p.file, p.line) for p in problems] == [(path, 4), (path, 4)]
    assert {p.message for p in problems} == {
        "PDF/X-1a allows CMYK only", f"{UNCOATED} is a CMYK profile, but the press prints RGB"}
    x1a = next(p for p in problems if p.message == "PDF/X-1a allows CMYK only")
    assert x1a.hint == "set 'colour: {space: cmyk, images: convert}'"


def test_x1a_refuses_to_keep_rgb_images(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\nbase: x1a\ncolour:\n  images: keep\n")
    problem = only(press_errors("mine", proj))
    assert problem.format(proj) == ("presses/mine.yaml:4: PDF/X-1a allows CMYK only; "
                                    "set 'colour: {space: cmyk, images: convert}'")
    assert problem.file == path


def test_standalone_x1a_without_colour_names_the_pdf_line(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\npdf: x1a\n")
    problem = only(press_errors("mine", proj))
    assert (problem.file, problem.line, problem.message) == (path, 2, "PDF/X-1a allows CMYK only")


def test_keep_is_allowed_for_pdf_x4(proj: Path) -> None:
    add_press(proj, "mine", "name: mine\nbase: offset\ncolour:\n  images: keep\n")
    press: PressProfile = load_press("mine", proj)
    assert (press.pdf, press.colour.space, press.colour.images) == ("x4", "cmyk", "keep")


def test_unknown_base(proj: Path) -> None:
    path = add_press(proj, "mine", "name: mine\nbase: ofset\n")
    problem = only(press_errors("mine", proj))
    assert problem.message == "unknown base press profile 'ofset'"
    assert (problem.file, problem.line) == (path, 2)


def test_base_loop(proj: Path) -> None:
    first = add_press(proj, "first", "name: first\nbase: second\n")
    add_press(proj, "second", "base: first\n")
    problem = only(press_errors("first", proj))
    assert problem.message == "'base: second' makes a loop of presses"
    assert (problem.file, problem.line) == (first, 2)


def test_several_press_problems_together(proj: Path) -> None:
    add_press(proj, "mine", "name: mine\npdf: x5\nmarks: yes please\nimages:\n  quality: 10\n")
    problems = press_errors("mine", proj)
    assert [p.line for p in problems] == [2, 3, 5]
    assert problems[0].message == "'pdf' should be one of plain, x4, x1a, not 'x5'"
