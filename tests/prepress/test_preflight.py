"""Preflight: each check fires on a tiny project seeded with its problem, and the finding names the
file, the line and the entry to fix; then `catalog check` and `catalog build` report them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from catalog.builder import BuildOptions, check
from catalog.builder.project import plan_setup, prepare
from catalog.cli.app import app
from catalog.errors import Problem
from catalog.plan import DocumentPlan
from tests.support.projects import artist_data, make_project, write_image

ANNA = Path("content/artists/anna-test/artist.yaml")
WORK_1 = "works[1] content/artists/anna-test/images/work-1.jpg"
runner = CliRunner()


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """One artist with one work, its image good for the screen press (about 150 ppi)."""
    return make_project(tmp_path / "tiny", {"anna-test": artist_data("Anna Test", works=1)},
                        image_size=(1000, 667))


@pytest.fixture
def padded(tmp_path: Path) -> Path:
    """As `tiny` with a second plated work: one page short of an even count, so screen pads."""
    return make_project(tmp_path / "padded", {"anna-test": artist_data("Anna Test", works=2)},
                        image_size=(1000, 667))


def add(project: Path, kind: str, name: str, text: str) -> Path:
    path = project / kind / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def findings(project: Path, code: str | None = None, **options: str) -> list[Problem]:
    found = check(project, BuildOptions(**options)).findings
    return [f for f in found if code is None or f.code == code]


def codes(project: Path, **options: str) -> set[str]:
    return {f.code for f in findings(project, **options)}


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def plan_of(project: Path, **options: str) -> DocumentPlan:
    """The pages a build with these options would have, planned apart from the check."""
    chosen = BuildOptions(**options)
    return plan_setup(prepare(project, chosen), chosen).plan


def page_of(project: Path, anchor: str, **options: str) -> int:
    """The page an anchor lands on (a work's plate, 'artist:<slug>:biography', ...)."""
    return plan_of(project, **options).anchors[anchor]


PLATE_1 = "work:anna-test:0"
BIOGRAPHY = "artist:anna-test:biography"


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def work_line(project: Path, image: str = "images/work-1.jpg", artist: Path = ANNA) -> int:
    return line_of(project / artist, f"image: {image}")


# --- a clean project -------------------------------------------------------------------------

def test_clean_project_has_nothing_to_report_but_padding(padded: Path) -> None:
    """classic pads with [image, blank]; every work is plated, so the image page is blank."""
    found = findings(padded, press="screen")
    assert [(f.severity, f.code) for f in found] == [("info", "padding")]
    pages = plan_of(padded, press="screen").pages
    assert len(pages) % 2 == 0 and [p.kind for p in pages[-2:]] == ["blank", "back_cover"]
    assert found[0].message == f"1 page added before the back cover (blank) to make {len(pages)}, a multiple of 2"


def test_classic_layout_on_offset_has_no_colour_or_edge_problems(tiny: Path) -> None:
    """Neutral text goes on the black plate, the cover's rich black is within the limit, nothing
    touches the trim: only the image's resolution is short of offset's 300 ppi."""
    assert codes(tiny, press="offset") == {"low-ppi", "padding"}
    assert codes(tiny, press="x1a") == {"low-ppi", "padding"}


# --- resolution ------------------------------------------------------------------------------

def test_low_ppi_names_the_work_its_line_and_image(project: Path) -> None:
    found = findings(project, "low-ppi", press="offset")
    anchors = plan_of(project, press="offset").anchors
    assert [(f.file, f.page) for f in found] == [
        *((project / ANNA, anchors[f"work:anna-test:{i}"]) for i in range(2)),
        *((project / "content/artists/boris-test/artist.yaml", anchors[f"work:boris-test:{i}"]) for i in range(3))]
    first = found[0]
    assert first.severity == "warning"
    assert first.line == work_line(project)
    assert first.where == WORK_1
    assert first.message == (f"image prints at 54 ppi on page {anchors[PLATE_1]}, below the 300 ppi 'offset' "
                             "asks for: it is enlarged 5.6x beyond print resolution")
    assert first.hint == "use a file with about 5.6x the pixels across, or place it smaller"
    assert found[1].line == work_line(project, "images/work-2.jpg")
    assert found[1].where == "works[2] content/artists/anna-test/images/work-2.jpg"
    assert first.format(project).startswith(f"content/artists/anna-test/artist.yaml:{first.line} {WORK_1}: image")


def test_image_at_print_resolution_is_not_reported(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write_image(root / "content/artists/anna-test/images/work-1.jpg", (2200, 1467))
    project = make_project(root, {"anna-test": artist_data("Anna Test")})
    found = findings(project, "low-ppi", press="offset")
    assert [f.where for f in found] == ["works[2] content/artists/anna-test/images/work-2.jpg"]


def test_press_decides_the_minimum(tiny: Path) -> None:
    assert findings(tiny, "low-ppi", press="screen") == []
    found = only(findings(tiny, "low-ppi", press="digital"))
    page = page_of(tiny, PLATE_1, press="digital")
    assert found.message.startswith(f"image prints at 149 ppi on page {page}, below the 300 ppi 'digital' asks for")


def test_low_ppi_cover_image_names_the_cover_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1)},
                           catalog={"cover": {"image": "content/artists/anna-test/images/work-1.jpg"}})
    cover = next(f for f in findings(project, "low-ppi", press="offset") if f.page == 1)
    assert cover.file == project / "catalog.yaml"
    assert cover.line == line_of(project / "catalog.yaml", "image:")  # the key that names the file
    assert cover.where == "cover content/artists/anna-test/images/work-1.jpg"


# --- bleed -----------------------------------------------------------------------------------

EDGE = "name: edge\nbase: classic\npage:\n  margins: {inside: 22mm, outside: 0mm, top: 22mm, bottom: 24mm}\n"


def test_image_on_the_trim_but_short_of_the_bleed(tiny: Path) -> None:
    add(tiny, "layouts", "edge", EDGE)
    found = only(findings(tiny, "short-of-bleed", layout="edge", press="offset"))
    page = page_of(tiny, PLATE_1, layout="edge", press="offset")
    assert (found.severity, found.file, found.line, found.page) == ("warning", tiny / ANNA, work_line(tiny), page)
    assert found.where == WORK_1
    assert found.message == f"image on page {page} reaches the trim at the right edge but stops short of the bleed"
    assert found.hint == ("extend it 3.0 mm past the trim (mark the work 'bleed: true'), or keep it clear of "
                          "the edge")


def test_bleed_in_the_hint_is_the_presses(tiny: Path) -> None:
    add(tiny, "layouts", "edge", EDGE)
    found = only(findings(tiny, "short-of-bleed", layout="edge", press="digital"))
    assert found.hint.startswith("extend it 3.2 mm past the trim")


def test_full_bleed_plate_is_not_short(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1, bleed_first=True)},
                           image_size=(1000, 667))
    add(project, "layouts", "edge", EDGE)
    assert findings(project, "short-of-bleed", layout="edge", press="offset") == []
    assert findings(project, "short-of-bleed", press="offset") == []


def test_no_bleed_press_has_nothing_to_fall_short_of(tiny: Path) -> None:
    add(tiny, "layouts", "edge", EDGE)
    assert findings(tiny, "short-of-bleed", layout="edge", press="screen") == []


# --- safe margin -------------------------------------------------------------------------------

def test_text_in_the_safe_margin(tiny: Path) -> None:
    add(tiny, "presses", "wide", "name: wide\nbase: digital\nsafe_margin: 30mm\nimages: {min_ppi: 100}\n")
    found = findings(tiny, "safe-margin", press="wide")
    assert found and all(f.severity == "warning" for f in found)
    anchors = plan_of(tiny, press="wide").anchors
    body = only([f for f in found if f.hint == "move it inside the safe margin (style 'body' in the layout)"])
    assert (body.file, body.line, body.page) == (tiny / ANNA, line_of(tiny / ANNA, "bio:"), anchors[BIOGRAPHY])
    assert body.message == (f"text 'A short biography with ital...' on page {anchors[BIOGRAPHY]} lies within "
                            "30.0 mm of the trim, where cutting may catch it")
    caption = only([f for f in found if "style 'caption'" in f.hint])
    assert (caption.file, caption.line) == (tiny / ANNA, work_line(tiny))
    assert caption.message.startswith(f"text 'Pigment print, 60 × 40 cm' on page {anchors[PLATE_1]} lies within "
                                      "30.0 mm")
    # one finding per source line and style, not one per line of text
    keys = [(f.file, f.line, f.hint) for f in found]
    assert len(keys) == len(set(keys))


def test_text_inside_the_layouts_margins_is_safe(tiny: Path) -> None:
    assert findings(tiny, "safe-margin", press="digital") == []  # 0.25 in
    assert findings(tiny, "safe-margin", press="offset") == []  # 5 mm


# --- ink ---------------------------------------------------------------------------------------

def test_rich_black_over_the_ink_limit_names_the_press_line(tiny: Path) -> None:
    press = add(tiny, "presses", "rich", "name: rich\nbase: offset\ncolour:\n"
                                         "  rich_black: {cmyk: [100, 100, 100, 100], min_size: 1mm}\n")
    add(tiny, "layouts", "black", "name: black\nbase: classic\ncolours:\n  cover: \"#000000\"\n")
    found = only(findings(tiny, "ink-limit", press="rich", layout="black"))
    assert (found.severity, found.file, found.line, found.page) == ("error", press, 4, 1)
    assert found.message == "rich black uses 400 % ink (first on page 1), over the 300 % 'rich' allows"
    assert found.hint == "lower C, M and Y (keep K) until the four add up to the limit"


def test_default_rich_black_is_within_the_limit(tiny: Path) -> None:
    add(tiny, "layouts", "black", "name: black\nbase: classic\ncolours:\n  cover: \"#000000\"\n")
    assert findings(tiny, "ink-limit", press="offset", layout="black") == []
    assert findings(tiny, "ink-limit", press="x1a", layout="black") == []


def test_layout_colour_over_the_ink_limit_names_the_layout_line(tiny: Path) -> None:
    layout = add(tiny, "layouts", "deep", "name: deep\nbase: classic\ncolours:\n"
                                          "  cover: \"cmyk(100, 100, 100, 100)\"\n")
    found = only(findings(tiny, "ink-limit", press="offset", layout="deep"))
    assert (found.severity, found.file, found.line, found.page) == ("error", layout, 4, 1)
    assert found.message == ("colour cmyk(100, 100, 100, 100) uses 400 % ink (first on page 1), over the 300 % "
                             "'offset' allows")
    assert findings(tiny, "ink-limit", press="digital", layout="deep") == []  # an RGB job has no ink limit


def test_text_colour_over_the_ink_limit_names_the_style_line(tiny: Path) -> None:
    layout = add(tiny, "layouts", "lit", "name: lit\nbase: classic\nstyles:\n"
                                         "  caption: {font: caption, size: 8pt, colour: \"cmyk(90, 90, 90, 100)\"}\n")
    found = only(findings(tiny, "ink-limit", press="offset", layout="lit"))
    assert (found.file, found.line) == (layout, 4)
    assert found.message.startswith("colour cmyk(90, 90, 90, 100) uses 370 % ink (first on page")


# --- RGB in a CMYK job -------------------------------------------------------------------------

def test_rgb_images_kept_in_a_cmyk_job(tiny: Path) -> None:
    add(tiny, "presses", "keep", "name: keep\nbase: offset\ncolour:\n  images: keep\n")
    found = only(findings(tiny, "rgb-in-cmyk", press="keep"))
    page = page_of(tiny, PLATE_1, press="keep")
    assert (found.severity, found.file, found.line, found.page) == ("warning", tiny / ANNA, work_line(tiny), page)
    assert found.where == WORK_1
    assert found.message == f"image on page {page} is left in RGB in a CMYK job"
    assert found.hint == "let the build convert it (colour.images: convert in the press profile)"
    assert findings(tiny, "rgb-in-cmyk", press="offset") == []


def test_x1a_press_refuses_to_keep_rgb(tiny: Path) -> None:
    press = add(tiny, "presses", "keep", "name: keep\nbase: x1a\ncolour:\n  images: keep\n")
    found = only(findings(tiny, press="keep"))
    assert (found.severity, found.file, found.line) == ("error", press, 4)
    assert found.message == "PDF/X-1a allows CMYK only"


# --- four-colour black text --------------------------------------------------------------------

BROWN = "name: brown\nbase: classic\ncolours:\n  text: \"#201a14\"\n"


def test_small_text_in_four_colour_black(tiny: Path) -> None:
    layout = add(tiny, "layouts", "brown", BROWN)
    found = findings(tiny, "four-colour-text", layout="brown", press="offset")
    assert all((f.severity, f.file, f.line) == ("warning", layout, 4) for f in found)
    styles = {re.search(r"in style '(\w+)'", f.message).group(1) for f in found}  # type: ignore[union-attr]
    assert {"body", "caption_title", "list", "colophon", "folio"} <= styles
    assert not styles & {"heading", "opener_name", "cover_title"}  # 12 pt and more: registration shows less
    body = next(f for f in found if "style 'body'" in f.message)
    first = page_of(tiny, BIOGRAPHY, layout="brown", press="offset")  # the biography is the first body text
    assert body.message == ("9.5 pt text in style 'body' prints in four-colour black (#201a14 becomes C38% M40% "
                            f"Y42% K94%), first on page {first}")
    assert body.hint == 'use a neutral grey or black (#1e1e1e, "cmyk(0, 0, 0, 100)") for small text'


def test_four_colour_black_is_a_cmyk_matter(tiny: Path) -> None:
    add(tiny, "layouts", "brown", BROWN)
    assert findings(tiny, "four-colour-text", layout="brown", press="digital") == []


def test_four_colour_text_points_at_the_colour_the_project_changed(tiny: Path) -> None:
    """The caption style names 'muted' in the built-in classic.yaml; the dark brown was written in the
    project's layout, so that is where the finding points."""
    layout = add(tiny, "layouts", "muted", "name: muted\nbase: classic\ncolours:\n  muted: \"#2a2018\"\n")
    found = findings(tiny, "four-colour-text", layout="muted", press="offset")
    assert any("style 'caption'" in f.message for f in found)
    assert {(f.file, f.line) for f in found} == {(layout, 4)}


def test_four_colour_text_points_at_a_styles_own_colour(tiny: Path) -> None:
    layout = add(tiny, "layouts", "own", "name: own\nbase: classic\nstyles:\n"
                                         "  caption: {font: caption, size: 8pt, colour: \"#2a2018\"}\n")
    found = only(findings(tiny, "four-colour-text", layout="own", press="offset"))
    assert (found.file, found.line) == (layout, 4)
    assert found.message.startswith("8 pt text in style 'caption' prints in four-colour black (#2a2018 becomes")


# --- page count --------------------------------------------------------------------------------

def test_page_count_not_a_multiple_without_padding(tiny: Path) -> None:
    press = add(tiny, "presses", "eight", "name: eight\nbase: digital\npage_multiple: 8\npad: false\n")
    found = only(findings(tiny, "page-count", press="eight"))
    assert (found.severity, found.file, found.line) == ("error", press, 3)
    match = re.fullmatch(r"(\d+) pages is not a multiple of 8, as the binding needs", found.message)
    assert match, found.message
    count = int(match.group(1))
    assert count % 8
    assert found.hint == f"add {8 - count % 8} or remove {count % 8} page(s), or let the build pad"
    assert findings(tiny, "padding", press="eight") == []


def test_page_multiple_with_padding(tiny: Path) -> None:
    add(tiny, "presses", "eight", "name: eight\nbase: digital\npage_multiple: 8\n")
    found = only(findings(tiny, press="eight", code="padding"))
    assert found.severity == "info"
    # classic's [image, blank]: the one work is plated, so no image is left and every page is blank
    assert re.fullmatch(r"\d pages added before the back cover \((blank, )+blank\) to make 16, a multiple of 8",
                        found.message)
    assert findings(tiny, "page-count", press="eight") == []


# --- from the planner: overflow and missing glyphs ---------------------------------------------

def test_over_long_word_in_a_caption_is_broken_not_overflowing(tmp_path: Path) -> None:
    data = artist_data("Anna Test", works=1)
    data["works"][0]["medium"] = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    project = make_project(tmp_path / "p", {"anna-test": data}, image_size=(1000, 667))
    assert findings(project, "overflow", press="screen") == []


def test_glyph_wider_than_its_column_overflows(tiny: Path) -> None:
    add(tiny, "layouts", "track", "name: track\nbase: classic\nstyles:\n"
                                  "  caption_title: {font: caption, size: 8.5pt, tracking: 250pt}\n")
    found = only(findings(tiny, "overflow", layout="track", press="screen"))
    assert (found.severity, found.file, found.line) == ("warning", tiny / ANNA, work_line(tiny))
    assert found.message == "a line is too long for its column and runs into the margin"
    assert found.hint == "shorten the word or allow a break with a hyphen"


def test_missing_glyph_in_a_work_title(tmp_path: Path) -> None:
    data = artist_data("Anna Test", works=1)
    data["works"][0]["title"] = "Snow \u4e2d"
    project = make_project(tmp_path / "p", {"anna-test": data}, image_size=(1000, 667))
    found = only(findings(project, press="screen"))
    assert (found.severity, found.code, found.file, found.line) == (
        "error", "missing-glyph", project / ANNA, work_line(project))
    assert found.message == "the character '中' (U+4E2D) is not in the font PTSans-Italic (PTSans-Italic.ttf)"
    assert found.hint == ("replace it, or choose a layout font that has it, or give the layout a fallback font "
                          "for cjk text ('fallback: {cjk: <family>}', or per style)")


def test_missing_glyph_in_the_subtitle_names_its_line_wherever_it_prints(tmp_path: Path) -> None:
    """The subtitle prints on the cover and in the colophon: both findings name its line."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1)},
                           catalog={"subtitle": "Über \u4e2d"}, image_size=(1000, 667))
    found = findings(project, "missing-glyph", press="screen")
    line = line_of(project / "catalog.yaml", "subtitle:")
    assert {(f.file, f.line) for f in found} == {(project / "catalog.yaml", line)}
    assert {f.message.rsplit(" (", 1)[1] for f in found} == {"PTSerif-Italic.ttf)", "PTSans-Regular.ttf)"}


def test_findings_come_errors_first(tiny: Path) -> None:
    add(tiny, "layouts", "deep", "name: deep\nbase: classic\ncolours:\n  cover: \"cmyk(100, 100, 100, 100)\"\n")
    severities = [f.severity for f in findings(tiny, press="offset", layout="deep")]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert severities[0] == "error" and severities[-1] == "info" and "warning" in severities


# --- catalog check and catalog build -------------------------------------------------------------

def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_check_clean_project_exits_0(padded: Path) -> None:
    code, out, err = run("check", str(padded), "--press", "screen")
    assert code == 0, err
    assert "Checked: 0 error(s), 0 warning(s)" in out
    assert "note: 1 page added before the back cover (blank)" in err
    code, _, _ = run("check", str(padded), "--press", "screen", "--strict")
    assert code == 0


def test_check_warnings_fail_only_under_strict(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tiny)
    code, out, err = run("check", "--press", "offset")
    assert code == 0, err
    assert "Checked: 0 error(s), 1 warning(s)" in out
    assert f"warning: content/artists/anna-test/artist.yaml:{work_line(tiny)} {WORK_1}: image prints at 149 ppi" in err
    code, out, _ = run("check", "--press", "offset", "--strict")
    assert code == 3
    assert "Checked: 0 error(s), 1 warning(s)" in out


def test_check_errors_exit_3(tiny: Path) -> None:
    add(tiny, "layouts", "deep", "name: deep\nbase: classic\ncolours:\n  cover: \"cmyk(100, 100, 100, 100)\"\n")
    code, out, err = run("check", str(tiny), "--press", "offset", "--layout", "deep")
    assert code == 3
    assert "Checked: 1 error(s), 1 warning(s)" in out
    assert "error: " in err and "layouts/deep.yaml:4: colour cmyk(100, 100, 100, 100) uses 400 % ink" in err


def test_check_input_error_names_file_and_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "ofset"})
    line = line_of(project / "catalog.yaml", "press:")
    code, _, err = run("check", str(project))
    assert code == 2
    assert f"catalog.yaml:{line}: unknown press profile 'ofset'; did you mean 'offset'?" in err
    assert "Traceback" not in err


def test_check_stops_with_2_on_a_missing_glyph_like_build(tiny: Path) -> None:
    path = tiny / "content/artists/anna-test/artist.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Snow \u2603 ", 1), encoding="utf-8")
    code, out, err = run("check", str(tiny), "--press", "screen", "--json")
    assert code == 2
    assert "the character '\u2603' (U+2603) is not in the font" in out + err
    assert "Traceback" not in out + err


def test_check_json(tiny: Path) -> None:
    add(tiny, "layouts", "brown", BROWN)
    code, out, _ = run("check", str(tiny), "--press", "offset", "--layout", "brown", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["project"] == str(tiny.resolve())
    found = data["findings"]
    assert data["counts"] == {severity: sum(1 for f in found if f["severity"] == severity)
                              for severity in ("error", "warning", "info")}
    assert data["counts"]["warning"] >= 2 and data["counts"]["info"] == 1
    low = next(f for f in found if f["code"] == "low-ppi")
    assert low == {"severity": "warning", "code": "low-ppi", "message": low["message"], "hint": low["hint"],
                   "file": "content/artists/anna-test/artist.yaml", "line": work_line(tiny), "where": WORK_1,
                   "page": page_of(tiny, PLATE_1, press="offset", layout="brown")}
    colour = next(f for f in found if f["code"] == "four-colour-text")
    assert (colour["file"], colour["line"]) == ("layouts/brown.yaml", 4)
    code, _, _ = run("check", str(tiny), "--press", "offset", "--layout", "brown", "--json", "--strict")
    assert code == 3


def test_build_writes_the_preflight_report_and_manifest_beside_the_pdf(tiny: Path) -> None:
    code, out, err = run("build", str(tiny), "--press", "offset")
    assert code == 0, err
    build = tiny / "build"
    # Not the catalog's own press (digital): the press's name is in the file's, so builds never collide.
    assert sorted(p.name for p in build.iterdir()) == [
        "test-catalog-offset.manifest.json", "test-catalog-offset.pdf", "test-catalog-offset.preflight.json"]
    assert "test-catalog-offset.preflight.json" in out
    report = json.loads((build / "test-catalog-offset.preflight.json").read_text(encoding="utf-8"))
    pages = len(PdfReader(build / "test-catalog-offset.pdf").pages)
    assert pages % 4 == 0  # offset's page multiple, reached by the padding reported below
    assert (report["pdf"], report["press"], report["layout"], report["pages"]) == (
        "test-catalog-offset.pdf", "offset", "classic", pages)
    assert report["counts"] == {"error": 0, "warning": 1, "info": 1}
    assert [(f["code"], f["file"], f["line"], f["where"]) for f in report["findings"]] == [
        ("low-ppi", "content/artists/anna-test/artist.yaml", work_line(tiny), WORK_1), ("padding", None, None, "")]
    assert report["findings"] == json.loads(run("check", str(tiny), "--press", "offset", "--json")[1])["findings"]
    manifest = json.loads((build / "test-catalog-offset.manifest.json").read_text(encoding="utf-8"))
    assert manifest["press"] == {"name": "offset", "file": "(built in)/presses/offset.yaml", "pdf": "x4",
                                 "colour": "cmyk"}
    assert manifest["icc"]["file"] == "(built in)/presses/FOGRA39L-l300.icc"
    assert manifest["output"]["pdf"] == "test-catalog-offset.pdf" and manifest["output"]["pages"] == pages
    paths = [entry["path"] for entry in manifest["inputs"]]
    assert {"catalog.yaml", "content/artists/anna-test/artist.yaml",
            "content/artists/anna-test/images/work-1.jpg", "(built in)/presses/offset.yaml"} <= set(paths)


def test_build_strict_fails_on_warnings_but_writes_everything(tiny: Path) -> None:
    code, _, err = run("build", str(tiny), "--press", "offset", "--strict", "--quiet")
    assert code == 3
    assert "image prints at 149 ppi" in err
    assert (tiny / "build/test-catalog-offset.pdf").is_file()
    assert (tiny / "build/test-catalog-offset.preflight.json").is_file()


def test_build_reports_rgb_kept_in_a_cmyk_job(tiny: Path) -> None:
    """The build knows what each image became; it agrees with what `check` predicts."""
    add(tiny, "presses", "keep", "name: keep\nbase: offset\ncolour:\n  images: keep\n")
    code, _, err = run("build", str(tiny), "--press", "keep", "--quiet")
    assert code == 0, err
    report = json.loads((tiny / "build/test-catalog-keep.preflight.json").read_text(encoding="utf-8"))
    kept = [f for f in report["findings"] if f["code"] == "rgb-in-cmyk"]
    assert [(f["file"], f["line"], f["where"], f["message"]) for f in kept] == [
        (str(ANNA), work_line(tiny), WORK_1,
         f"image on page {page_of(tiny, PLATE_1, press='keep')} is left in RGB in a CMYK job")]
