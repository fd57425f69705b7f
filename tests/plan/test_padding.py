"""Designed padding pages: notes, a second showing of an image, or blank, before the back cover."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pypdf import PdfReader

from catalog.builder import BuildOptions, build
from catalog.content.load import load_project
from catalog.errors import LayoutError
from catalog.images import probe
from catalog.plan import DocumentPlan, Rule, plan_document
from catalog.plan.geometry import Geometry
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from catalog.units import mm
from tests.support.projects import add_layout, artist_data, make_project, write_image


def plan_for(project: Path, layout: str) -> DocumentPlan:
    catalog = load_project(project).catalog
    spec = load_layout(layout, project)
    return plan_document(catalog, spec, fonts.register(spec.fonts))


def padded(project: Path, padding: str, multiple: int, extra: str = "") -> DocumentPlan:
    """The project planned with classic pages padded to `multiple` with the kinds `padding`."""
    add_layout(project, "padded", f"base: classic\nname: padded\npage:\n  page_multiple: {multiple}\n"
                                  f"padding: {padding}\n{extra}")
    return plan_for(project, "padded")


def unpadded_count(project: Path) -> int:
    add_layout(project, "single", "base: classic\nname: single\npage:\n  page_multiple: 1\n")
    plan = plan_for(project, "single")
    assert plan.padding == 0 and plan.padding_kinds == ()
    return len(plan.pages)


def multiple_for(project: Path, at_least: int) -> int:
    """A page multiple that makes the planner add at least `at_least` pages to this project."""
    count = unpadded_count(project)
    return next(m for m in (4, 8, 16, 32) if (-count) % m >= at_least)


@pytest.fixture
def covered(tmp_path: Path) -> Path:
    """Two artists; the cover shows Boris's second work."""
    return make_project(tmp_path / "p", catalog={"cover": {"image": "content/artists/boris-test/images/work-2.jpg"}})


def test_padding_fills_up_to_the_multiple_just_before_the_back_cover(covered: Path) -> None:
    count = unpadded_count(covered)
    multiple = multiple_for(covered, 3)  # three kinds, each used in turn
    plan = padded(covered, "[notes, image, blank]", multiple)
    assert len(plan.pages) % multiple == 0
    assert plan.padding == len(plan.pages) - count >= 3
    expected = tuple(itertools.islice(itertools.cycle(("notes", "image", "blank")), plan.padding))
    assert plan.padding_kinds == expected
    assert tuple(page.kind for page in plan.pages[-1 - plan.padding:-1]) == expected
    assert plan.pages[-1].kind == "back_cover"
    assert plan.pages[-2 - plan.padding].kind == "colophon"


def test_default_padding_is_notes_and_the_inside_back_cover_is_never_blank(covered: Path) -> None:
    multiple = multiple_for(covered, 2)
    add_layout(covered, "plain", f"base: classic\nname: plain\npage:\n  page_multiple: {multiple}\n")
    plan = plan_for(covered, "plain")
    assert plan.padding >= 2
    assert plan.padding_kinds == ("notes",) * plan.padding
    assert plan.pages[-2].kind == "notes" and plan.pages[-2].items


def test_notes_page_is_titled_and_ruled_evenly_across_the_text_area(covered: Path) -> None:
    extra = "labels: {notes: Notizen}\ncolours: {rule: '#123456'}\n"
    plan = padded(covered, "[notes]", multiple_for(covered, 1), extra=extra)
    spec = load_layout("padded", covered)
    page = next(page for page in plan.pages if page.kind == "notes")
    area = Geometry(spec.page).text_area(page.number)
    lines = page.text.split("\n")
    assert "Notizen" in lines and str(page.number) in lines  # the label, and a folio
    rules = sorted((item for item in page.items if isinstance(item, Rule)), key=lambda rule: -rule.y1)
    assert len(rules) >= 10
    for rule in rules:
        assert (rule.x1, rule.x2) == pytest.approx((area.x, area.right))
        assert rule.y1 == rule.y2 and area.y - 0.01 <= rule.y1 <= area.top
        assert rule.colour == spec.colours["rule"] and 0 < rule.width <= 0.5
    gaps = [upper.y1 - lower.y1 for upper, lower in itertools.pairwise(rules)]
    assert max(gaps) - min(gaps) < 0.01 and min(gaps) >= mm(7) - 0.01
    assert rules[-1].y1 == pytest.approx(area.y)  # the last rule on the foot of the text area
    heading = next(item for item in page.items if getattr(item, "text", "") == "Notizen")
    assert rules[0].y1 < heading.y  # under the title


def test_image_page_shows_the_cover_image_again_fitted_with_a_caption_naming_the_work(covered: Path) -> None:
    plan = padded(covered, "[image]", multiple_for(covered, 2))
    spec = load_layout("padded", covered)
    pages = [page for page in plan.pages if page.kind == "image"]
    assert len(pages) == plan.padding >= 2
    cover = covered / "content/artists/boris-test/images/work-2.jpg"
    first = pages[0]
    [image] = first.images
    assert image.path == cover and image.clip == image.rect
    area = Geometry(spec.page).text_area(first.number)
    assert area.x - 0.01 <= image.rect.x and image.rect.right <= area.right + 0.01
    assert area.y - 0.01 <= image.rect.y and image.rect.top <= area.top + 0.01
    assert image.ppi == pytest.approx(probe.probe(cover).ppi(image.rect.width))
    assert first.text == "Boris Test, Work 2, 2021"  # one caption line, no running head or folio
    caption = next(item for item in first.items if hasattr(item, "pieces"))
    assert caption.y < image.rect.y and caption.y > area.y - 0.01
    # later image pages show the other works, in catalog order
    assert pages[1].images[0].path == covered / "content/artists/anna-test/images/work-1.jpg"
    assert pages[1].text == "Anna Test, Work 1, 2020"


def test_image_page_without_a_cover_shows_the_first_work(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    plan = padded(project, "[image]", multiple_for(project, 1))
    page = next(page for page in plan.pages if page.kind == "image")
    assert page.images[0].path == project / "content/artists/anna-test/images/work-1.jpg"
    assert "Anna Test, Work 1, 2020" in page.text


def test_image_page_with_no_image_to_show_becomes_a_notes_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=0)})
    plan = padded(project, "[image, blank]", multiple_for(project, 1))
    assert plan.padding >= 1
    assert plan.padding_kinds[0] == "notes"
    assert not any(page.images for page in plan.pages)


def test_blank_padding_is_empty_and_recto_blanks_stay_blank(covered: Path) -> None:
    extra = "start_on_recto: [contents, artists, colophon]\n"
    add_layout(covered, "single", f"base: classic\nname: single\npage:\n  page_multiple: 1\n{extra}")
    count = len(plan_for(covered, "single").pages)
    plan = padded(covered, "[blank]", next(m for m in (4, 8, 16) if (-count) % m), extra=extra)
    blanks = [page for page in plan.pages if page.kind == "blank"]
    assert len(blanks) > plan.padding >= 1  # recto starts add blank pages of their own
    assert all(page.items == () for page in blanks)


def test_padding_pages_are_not_in_the_contents_or_the_anchors(covered: Path) -> None:
    plan = padded(covered, "[notes, image]", multiple_for(covered, 2))
    contents = next(page for page in plan.pages if page.kind == "contents")
    assert "Notes" not in contents.text
    padding_numbers = {page.number for page in plan.pages[-1 - plan.padding:-1]}
    assert padding_numbers and not padding_numbers & set(plan.anchors.values())
    assert all(page.anchors == () for page in plan.pages[-1 - plan.padding:-1])


def test_no_padding_when_the_count_already_fits(covered: Path) -> None:
    count = unpadded_count(covered)
    plan = padded(covered, "[notes]", multiple=count if count <= 32 else 1)
    assert plan.padding == 0 and plan.padding_kinds == ()
    assert not any(page.kind == "notes" for page in plan.pages)


def test_unknown_padding_kind_names_the_layout_file_and_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    path = add_layout(project, "bad", "base: classic\nname: bad\npadding:\n  - notes\n  - poster\n")
    with pytest.raises(LayoutError) as excinfo:
        load_layout("bad", project)
    [problem] = excinfo.value.problems
    assert (problem.file, problem.line) == (path, 5)
    assert "one of notes, image, blank" in problem.message and "'poster'" in problem.message


def test_empty_padding_list_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    path = add_layout(project, "bad", "base: classic\nname: bad\npadding: []\n")
    with pytest.raises(LayoutError) as excinfo:
        load_layout("bad", project)
    [problem] = excinfo.value.problems
    assert problem.file == path and problem.line == 3


def test_built_pdf_has_notes_and_image_pages_before_the_back_cover(tmp_path: Path) -> None:
    """The real file: pypdf reads the padding pages' text, the preflight note names their kinds."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1)},
                           catalog={"layout": "padded"}, image_size=(1800, 1200))
    count = unpadded_count(project)
    multiple = multiple_for(project, 2)
    padded(project, "[notes, image]", multiple)
    result = build(project, BuildOptions(press="digital", out=tmp_path / "out.pdf", cache=False, jobs=1))
    reader = PdfReader(result.pdf)
    assert len(reader.pages) == result.pages and result.pages % multiple == 0
    texts = [page.extract_text() for page in reader.pages]
    padding = result.padding
    assert padding == result.pages - count >= 2
    assert "Notes" in texts[-1 - padding] and "Notes" not in texts[-2 - padding]
    assert "AnnaTest,Work1,2020" in "".join(texts[-padding].split())  # pypdf breaks lines at font changes
    assert "Notes" not in texts[-padding]
    assert "Test Catalog" in texts[-1]  # the back cover stays last
    [note] = [f for f in result.findings if f.code == "padding"]
    kinds = ", ".join(itertools.islice(itertools.cycle(("notes", "image")), padding))
    assert note.message == (f"{padding} pages added before the back cover ({kinds}) to make {result.pages}, "
                            f"a multiple of {multiple}")


def test_image_page_of_a_cover_that_is_no_work(tmp_path: Path) -> None:
    """Captioned as the cover; its ppi from the file's own pixels, as plates have theirs."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1)},
                           catalog={"cover": {"image": "cover.jpg"}})
    write_image(project / "cover.jpg", (600, 900))
    plan = padded(project, "[image]", multiple_for(project, 1))
    page = next(page for page in plan.pages if page.kind == "image")
    [image] = page.images
    assert image.path == project / "cover.jpg"
    assert image.ppi == pytest.approx(600 / (image.rect.width / 72))
    assert image.rect.height / image.rect.width == pytest.approx(1.5, rel=1e-3)
    assert page.text == "Cover: Test Catalog"
