"""Designed padding pages before the back cover: notes, an image the book prints nowhere else (a work
the plates leave out), or blank. An image page with no such image left is blank: padding never repeats
an image, least of all the cover's."""

from __future__ import annotations

import collections
import itertools
import re
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
from tests.support import REPO
from tests.support.pdfcheck import images
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


def pick(count: int) -> str:
    """Layout lines that plate only `count` works, taken from each artist in turn: the rest are
    printed nowhere, so an image padding page has something to show."""
    return f"plates:\n  pick: {count}\n"


def unpadded_count(project: Path, extra: str = "") -> int:
    add_layout(project, "single", f"base: classic\nname: single\npage:\n  page_multiple: 1\n{extra}")
    plan = plan_for(project, "single")
    assert plan.padding == 0 and plan.padding_kinds == ()
    return len(plan.pages)


def multiple_for(project: Path, at_least: int, extra: str = "") -> int:
    """A page multiple that makes the planner add at least `at_least` pages to this project (planned
    with the layout lines `extra`)."""
    count = unpadded_count(project, extra)
    return next(m for m in (4, 8, 16, 32) if (-count) % m >= at_least)


def expected_kinds(kinds: tuple[str, ...], padding: int, unseen: int) -> tuple[str, ...]:
    """The kinds used in turn; an image page once the `unseen` images are used up is blank."""
    out: list[str] = []
    for kind in itertools.islice(itertools.cycle(kinds), padding):
        out.append("blank" if kind == "image" and out.count("image") == unseen else kind)
    return tuple(out)


def printed(plan: DocumentPlan) -> collections.Counter[Path]:
    """How often each image file is printed in the plan, on any page."""
    return collections.Counter(image.path for page in plan.pages for image in page.images)


@pytest.fixture
def covered(tmp_path: Path) -> Path:
    """Two artists; the cover shows Boris's second work."""
    return make_project(tmp_path / "p", catalog={"cover": {"image": "content/artists/boris-test/images/work-2.jpg"}})


def test_padding_fills_up_to_the_multiple_just_before_the_back_cover(covered: Path) -> None:
    """Three works plated (Anna's two, Boris's first); Boris's second is the cover, his third the one
    image an image page can show."""
    count = unpadded_count(covered, pick(3))
    multiple = multiple_for(covered, 3, pick(3))  # three kinds, each used in turn
    plan = padded(covered, "[notes, image, blank]", multiple, pick(3))
    assert len(plan.pages) % multiple == 0
    assert plan.padding == len(plan.pages) - count >= 3
    expected = expected_kinds(("notes", "image", "blank"), plan.padding, unseen=1)
    assert expected[:3] == ("notes", "image", "blank")
    assert plan.padding_kinds == expected
    assert tuple(page.kind for page in plan.pages[-1 - plan.padding:-1]) == expected
    assert plan.pages[-1].kind == "back_cover"
    assert plan.pages[-2 - plan.padding].kind == "works"  # classic's last section before the back cover


def test_default_padding_is_blank(covered: Path) -> None:
    """A layout that does not say `padding` (classic's own file without that line) pads with blank
    pages, even with works left to show: Anna's second and Boris's third are plated nowhere."""
    multiple = multiple_for(covered, 2, pick(2))
    text = (REPO / "layouts/classic.yaml").read_text(encoding="utf-8")
    text, found = re.subn(r"(?m)^padding:.*\n", "", text)
    text, paged = re.subn(r"(?m)^  page_multiple: \d+", f"  page_multiple: {multiple}", text)
    text, picked = re.subn(r"(?m)^plates:\n", pick(2), text)
    assert (found, paged, picked) == (1, 1, 1)
    add_layout(covered, "plain", text.replace("name: classic", "name: plain"))
    assert load_layout("plain", covered).padding == ("blank",)
    plan = plan_for(covered, "plain")
    assert plan.padding >= 2
    assert plan.padding_kinds == ("blank",) * plan.padding
    assert all(page.kind == "blank" and page.items == () for page in plan.pages[-1 - plan.padding:-1])


def test_classic_never_pads_with_notes_or_a_repeated_image(covered: Path) -> None:
    """classic says [image, blank]: with every work plated (and one on the cover too) there is no
    image left to show, so every padding page is blank; no ruled notes page, no image twice."""
    multiple = multiple_for(covered, 2)
    add_layout(covered, "plain", f"base: classic\nname: plain\npage:\n  page_multiple: {multiple}\n")
    assert load_layout("plain", covered).padding == ("image", "blank")
    plan = plan_for(covered, "plain")
    assert plan.padding >= 2
    assert plan.padding_kinds == ("blank",) * plan.padding
    assert not any(page.kind in ("notes", "image") for page in plan.pages)
    cover = covered / "content/artists/boris-test/images/work-2.jpg"
    assert printed(plan)[cover] == 2  # on the cover and on its plate: not a third time
    assert max(count for path, count in printed(plan).items() if path != cover) == 1


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


def test_image_page_shows_a_work_the_plates_leave_out_fitted_with_a_caption_naming_it(covered: Path) -> None:
    """Only Anna's first work is plated: the image pages show her second and Boris's first, in catalog
    order, never the cover image (Boris's second, printed on the cover) and never a plated work."""
    plan = padded(covered, "[image]", multiple_for(covered, 2, pick(1)), pick(1))
    spec = load_layout("padded", covered)
    pages = [page for page in plan.pages if page.kind == "image"]
    unseen = 3  # Anna's second, Boris's first and third
    assert len(pages) == min(plan.padding, unseen) and plan.padding >= 2
    assert plan.padding_kinds == expected_kinds(("image",), plan.padding, unseen)
    shown = covered / "content/artists/anna-test/images/work-2.jpg"
    first = pages[0]
    [image] = first.images
    assert image.path == shown and image.clip == image.rect
    area = Geometry(spec.page).text_area(first.number)
    assert area.x - 0.01 <= image.rect.x and image.rect.right <= area.right + 0.01
    assert area.y - 0.01 <= image.rect.y and image.rect.top <= area.top + 0.01
    assert image.ppi == pytest.approx(probe.probe(shown).ppi(image.rect.width))
    assert first.text == "Anna Test, Work 2, 2021"  # one caption line, no running head or folio
    caption = next(item for item in first.items if hasattr(item, "pieces"))
    assert caption.y < image.rect.y and caption.y > area.y - 0.01
    # later image pages show the other works left out, in catalog order
    assert pages[1].images[0].path == covered / "content/artists/boris-test/images/work-1.jpg"
    assert pages[1].text == "Boris Test, Work 1, 2020"
    assert set(printed(plan).values()) == {1}  # every image once: the cover's, the plate's, the padding's


def test_image_page_without_a_cover_shows_the_first_work_left_out(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    plan = padded(project, "[image]", multiple_for(project, 1, pick(3)), pick(3))
    page = next(page for page in plan.pages if page.kind == "image")
    assert page.images[0].path == project / "content/artists/boris-test/images/work-2.jpg"
    assert "Boris Test, Work 2, 2021" in page.text
    assert set(printed(plan).values()) == {1}


def test_image_page_with_no_image_to_show_becomes_a_blank_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=0)})
    plan = padded(project, "[image, notes]", multiple_for(project, 1))
    assert plan.padding >= 1
    assert plan.padding_kinds == expected_kinds(("image", "notes"), plan.padding, unseen=0)
    assert plan.padding_kinds[0] == "blank" and plan.pages[-1 - plan.padding].items == ()
    assert not any(page.images for page in plan.pages)


def test_image_page_never_shows_an_image_printed_elsewhere(covered: Path) -> None:
    """Every work is plated and the cover shows one of them: nothing is left, the page is blank."""
    plan = padded(covered, "[image]", multiple_for(covered, 2))
    assert plan.padding >= 2
    assert plan.padding_kinds == ("blank",) * plan.padding
    assert all(page.items == () for page in plan.pages[-1 - plan.padding:-1])
    cover = covered / "content/artists/boris-test/images/work-2.jpg"
    assert printed(plan)[cover] == 2  # the cover and its plate, no third showing


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
    """The real file: pypdf reads the padding pages' text, the preflight note names their kinds. Only
    the first of Anna's two works is plated; the image page shows the second."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=2)},
                           catalog={"layout": "padded"}, image_size=(1800, 1200))
    count = unpadded_count(project, pick(1))
    multiple = multiple_for(project, 2, pick(1))
    padded(project, "[notes, image]", multiple, pick(1))
    result = build(project, BuildOptions(press="digital", out=tmp_path / "out.pdf", cache=False, jobs=1))
    reader = PdfReader(result.pdf)
    assert len(reader.pages) == result.pages and result.pages % multiple == 0
    texts = [page.extract_text() for page in reader.pages]
    padding = result.padding
    assert padding == result.pages - count >= 2
    assert "Notes" in texts[-1 - padding] and "Notes" not in texts[-2 - padding]
    assert "AnnaTest,Work2,2021" in "".join(texts[-padding].split())  # pypdf breaks lines at font changes
    assert "Notes" not in texts[-padding]
    placed = sorted(image.page for image in images(result.pdf))  # pages are 1-based
    assert len(placed) == 2 and placed[1] == result.pages - padding + 1  # the plate of Work 1, and this page
    assert "Test Catalog" in texts[-1]  # the back cover stays last
    [note] = [f for f in result.findings if f.code == "padding"]
    kinds = expected_kinds(("notes", "image"), padding, unseen=1)
    assert result.padding_kinds == kinds
    assert note.message == (f"{padding} pages added before the back cover ({', '.join(kinds)}) to make "
                            f"{result.pages}, a multiple of {multiple}")


def test_image_page_of_a_cover_left_off_the_cover(tmp_path: Path) -> None:
    """A cover image that is no work, left off the cover (the title takes the room): printed nowhere
    else, an image page shows it, captioned as the cover; its ppi from the file's own pixels, as plates
    have theirs. With room on the cover, the same image page is blank: no second showing."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1)},
                           catalog={"cover": {"image": "cover.jpg"}})
    write_image(project / "cover.jpg", (600, 900))
    plan = padded(project, "[image]", multiple_for(project, 1))
    assert plan.padding_kinds == ("blank",) * plan.padding and plan.padding >= 1
    assert printed(plan)[project / "cover.jpg"] == 1 and plan.pages[0].images[0].path == project / "cover.jpg"

    huge = "styles:\n  cover_title: {font: text, size: 120pt, leading: 130pt, colour: cover_text}\n"
    plan = padded(project, "[image]", multiple_for(project, 1, huge), huge)
    assert any("the cover image is left out" in f.message for f in plan.findings)
    assert plan.pages[0].images == ()
    page = next(page for page in plan.pages if page.kind == "image")
    [image] = page.images
    assert image.path == project / "cover.jpg"
    assert image.ppi == pytest.approx(600 / (image.rect.width / 72))
    assert image.rect.height / image.rect.width == pytest.approx(1.5, rel=1e-3)
    assert page.text == "Cover: Test Catalog"
    assert plan.padding_kinds == expected_kinds(("image",), plan.padding, unseen=1)
