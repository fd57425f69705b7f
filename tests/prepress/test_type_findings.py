"""Issue 18, in part, on built files: unique font subset tags across the files of one job, mono text in
solid black, and the findings for small type, safety margins and trims."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pikepdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from catalog.builder import BuildOptions, BuildResult, build
from catalog.plan.pages import DocumentPlan
from catalog.prepress.smalltype import trim_findings
from catalog.prepress.subsets import subset_tag, tag_subsets
from catalog.specs.press import load_press
from catalog.units import mm
from tests.support.projects import add_layout, add_press, artist_data, make_project, write_image


def _project(root: Path, **catalog: object) -> Path:
    return make_project(root, {"anna-test": artist_data("Anna Test", works=2, bleed_first=True)},
                        catalog={"cover": {"image": "content/artists/anna-test/images/work-2.jpg"}, **catalog})


def _subsets(path: Path) -> dict[str, set[str]]:
    """Each subset tag in a file, with the (name, program digest) pairs that carry it."""
    found: dict[str, set[str]] = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/FontDescriptor" in obj and "/BaseFont" in obj:
                descriptor = obj.FontDescriptor
                tag, name = str(obj.BaseFont).lstrip("/").split("+", 1)
                assert str(descriptor.FontName) == str(obj.BaseFont)
                digest = hashlib.sha256(descriptor.FontFile2.read_bytes()).hexdigest()
                found.setdefault(tag, set()).add(f"{name}:{digest}")
    return found


@pytest.fixture(scope="module")
def perfect(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A book and its cover sheet: two files of one job, with different glyphs of the same fonts."""
    root = tmp_path_factory.mktemp("perfect")
    project = _project(root / "p", paper={"caliper": "0.1mm"})
    return build(project, BuildOptions(press="bookpress", out=root / "book.pdf"))


def test_two_files_of_one_job_never_share_a_tag_for_different_glyph_sets(perfect: BuildResult) -> None:
    assert perfect.cover is not None
    book, cover = _subsets(perfect.pdf), _subsets(perfect.cover)
    merged: dict[str, set[str]] = {}
    for found in (book, cover):
        for tag, subsets in found.items():
            merged.setdefault(tag, set()).update(subsets)
    assert all(len(subsets) == 1 for subsets in merged.values()), merged
    assert "AAAAAA" not in merged
    by_subset = {subset: tag for tag, subsets in merged.items() for subset in subsets}
    assert len(set(by_subset.values())) == len(by_subset)  # one tag per glyph set, across both files


def test_the_same_subset_gets_the_same_tag_in_any_file(tmp_path: Path) -> None:
    ttf = next(iter(sorted((Path(__file__).parents[2] / "fonts").glob("*.ttf"))), None)
    if ttf is None:
        pytest.skip("no TTF in fonts/")
    pdfmetrics.registerFont(TTFont("SubsetTest", str(ttf)))

    def drawn(text: str) -> pikepdf.Pdf:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1, initialFontName="SubsetTest")  # type: ignore[arg-type]
        canvas.setFont("SubsetTest", 12)
        canvas.drawString(72, 72, text)
        canvas.save()
        pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
        tag_subsets(pdf)
        return pdf

    def tags(pdf: pikepdf.Pdf) -> set[str]:
        return {str(o.BaseFont) for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == pikepdf.Name.Font}

    # ReportLab's first subset of a font always holds ASCII; what else it holds is the text's other letters.
    assert tags(drawn("Алматы")) == tags(drawn("Алматы"))
    assert tags(drawn("Алматы")).isdisjoint(tags(drawn("Астана, Қазақстан")))
    assert subset_tag("X", b"a") == subset_tag("X", b"a") != subset_tag("X", b"b")
    assert len(subset_tag("X", b"a")) == 6 and subset_tag("X", b"a").isalpha() and subset_tag("X", b"a").isupper()


def _text_greys(path: Path) -> set[float]:
    """The DeviceGray levels set in the content streams (`g` operators)."""
    found: set[float] = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "g":
                    found.add(round(float(operands[0]), 4))
    return found


def test_mono_prints_the_layouts_text_black_as_solid_black_and_reports_small_grey(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    add_press(project, "copier", "name: copier\nbase: mono\ntype:\n  grey_min: 9pt\n  small_grey: report\n")
    result = build(project, BuildOptions(press="copier", out=tmp_path / "copier.pdf"))
    greys = _text_greys(result.pdf)
    assert 0.0 in greys and 0.1176 not in greys  # #1e1e1e: 88 % grey before, solid black now
    small = [f for f in result.findings if f.code == "grey-text"]
    assert {f.where for f in small} >= {"caption"}, result.findings
    assert all(f.file is not None and f.line for f in small)
    # The built-in mono prints that small grey type solid instead, and says nothing.
    mono = build(project, BuildOptions(press="mono", out=tmp_path / "mono.pdf"))
    assert not [f for f in mono.findings if f.code == "grey-text"]


def test_reversed_small_type_on_a_photo_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    """An 8 pt caption set in white over a dark full-bleed photograph (plates.bleed_caption: overlay), under
    the 10 pt offset holds open."""
    root = tmp_path / "p"
    write_image(root / "content/artists/anna-test/images/work-1.jpg", (1200, 1600), colour=(20, 20, 30))
    project = _project(root, layout="overlay")
    add_layout(project, "overlay", "name: overlay\nbase: gallery\nplates:\n  bleed_caption: overlay\n")
    result = build(project, BuildOptions(press="offset", out=tmp_path / "offset.pdf"))
    found = [f for f in result.findings if f.code == "reversed-text"]
    assert found, result.findings
    assert all(f.file == project / "content/artists/anna-test/artist.yaml" and f.line for f in found), found
    assert all("reversed out of a photograph" in f.message and "10 pt" in f.message for f in found)


def test_multi_ink_and_faint_tint_small_type_is_reported(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    # Thresholds raised so that the cover title (40 pt in #f4efe6, which converts to four inks with 1.96 % cyan)
    # counts as small.
    add_press(project, "strict", "name: strict\nbase: offset\ntype:\n  inks_min: 48pt\n")
    add_press(project, "faint", "name: faint\nbase: offset\ntype:\n  inks_min: 48pt\n  inks_max: 4\n"
                                "  tint_floor: 2\n")
    strict = build(project, BuildOptions(press="strict", out=tmp_path / "strict.pdf"))
    title = next(f for f in strict.findings if f.code == "multi-ink-text" and f.where == "cover_title")
    lines = (project / "catalog.yaml").read_text().splitlines()
    assert (title.file, title.line) == (project / "catalog.yaml", 1 + next(
        i for i, line in enumerate(lines) if line.startswith("title:")))
    assert "4 inks" in title.message and "C2 M2.7 Y8.2 K5.1" in title.message
    faint = build(project, BuildOptions(press="faint", out=tmp_path / "faint.pdf"))
    codes = {(f.code, f.where) for f in faint.findings}
    assert ("faint-tint", "cover_title") in codes and not any(code == "multi-ink-text" for code, _ in codes)


def test_pod_safety_margin_holds_folios_and_reports_what_it_cannot(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    digital = build(project, BuildOptions(press="digital", out=tmp_path / "digital.pdf"))
    assert not [f for f in digital.findings if f.code == "safe-margin"], digital.findings
    add_press(project, "wide", "name: wide\nbase: digital\nsafe_margin: 30mm\n")
    wide = build(project, BuildOptions(press="wide", out=tmp_path / "wide.pdf"))
    margins = [f for f in wide.findings if f.code == "safe-margin"]
    assert margins and all(f.page is not None or "cover" in f.message for f in margins), wide.findings


def test_a_trim_the_service_does_not_print_is_reported(tmp_path: Path) -> None:
    add_press(tmp_path, "pod", "name: pod\nbase: digital\ntrims: [6in x 9in, A4]\n")
    press = load_press("pod", tmp_path)
    assert press.trims == ((6 * 72, 9 * 72), (mm(210), mm(297)))

    def plan(width: float, height: float) -> DocumentPlan:
        return cast(DocumentPlan, SimpleNamespace(width=width, height=height))

    [finding] = trim_findings(plan(mm(210), mm(270)), press)
    assert (finding.code, finding.severity, finding.line) == ("trim-size", "warning", 3)
    assert "210.0 × 270.0 mm" in finding.message
    assert not list(trim_findings(plan(6 * 72, 9 * 72), press))
    assert not list(trim_findings(plan(mm(297), mm(210)), press))  # landscape A4
