"""Whole-document plans from tiny projects: section order, recto starts, padding, page numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.builder import BuildOptions
from catalog.builder.project import plan_project
from catalog.content.load import load_project
from catalog.plan import DocumentPlan, plan_document
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from catalog.units import mm
from tests.support.projects import add_layout, artist_data, make_project, write_image


def plan_for(project: Path, layout: str = "classic") -> DocumentPlan:
    catalog = load_project(project).catalog
    spec = load_layout(layout, project)
    return plan_document(catalog, spec, fonts.register(spec.fonts))


@pytest.fixture
def plan(project: Path) -> DocumentPlan:
    return plan_for(project)


def test_sections_follow_the_layout_order(plan: DocumentPlan) -> None:
    kinds = [page.kind for page in plan.pages if page.kind != "blank"]
    assert kinds[0] == "cover" and kinds[-1] == "back_cover"
    # classic opens with its front matter and has no colophon at the back: the imprint holds its lines
    assert kinds[:5] == ["cover", "half_title", "title_page", "imprint", "contents"]
    assert kinds.index("contents") < kinds.index("opener") < kinds.index("works") == len(kinds) - 2
    assert "colophon" not in kinds
    per_artist = [k for k in kinds if k in ("opener", "biography", "plate", "exhibitions")]
    anna = ["opener", "biography", "plate", "plate", "exhibitions"]
    boris = ["opener", "biography", "plate", "plate", "plate", "exhibitions"]
    assert per_artist == [*anna, *boris]


def test_classic_opens_with_half_title_title_page_and_imprint(tmp_path: Path) -> None:
    """The half-title (the title alone) and the title page on rectos, the imprint on the back of the
    title page: the colophon's lines at the foot, no running head, and not listed in the contents."""
    project = make_project(tmp_path / "p", catalog={
        "curator": "Cura Tor", "editor": "Ed Itor", "publisher": "Pub House",
        "colophon": {"printer": "Print House", "edition": "500 copies", "isbn": "978-3-16-148410-0",
                     "copyright": "© 2026 the artists"}})
    plan = plan_for(project)
    half, title, imprint, contents = (plan.pages[number - 1] for number in (3, 5, 6, 7))
    assert (half.number, half.kind, plan.anchors["half_title"]) == (3, "half_title", 3)
    assert half.text.split("\n") == ["Test Catalog"]
    assert (title.number, title.kind, plan.anchors["title_page"]) == (5, "title_page", 5)
    lines = title.text.split("\n")
    for line in ("Test Catalog", "A fixture", "Curator: Cura Tor", "Editor: Ed Itor", "Pub House"):
        assert line in lines, line
    assert lines.index("Test Catalog") < lines.index("A fixture") < lines.index("Curator: Cura Tor") \
        < lines.index("Editor: Ed Itor") < lines.index("Pub House")
    assert (imprint.number, imprint.kind, plan.anchors["imprint"]) == (6, "imprint", 6)
    lines = imprint.text.split("\n")
    for line in ("Printed by: Print House", "© 2026 the artists", "ISBN 978-3-16-148410-0"):
        assert line in lines, line
    assert not [item for item in imprint.items if getattr(item, "style", "") == "running_head"]
    assert "colophon" not in plan.anchors
    assert (contents.number, contents.kind, plan.anchors["contents"]) == (7, "contents", 7)
    entries = [item.text for item in contents.items if getattr(item, "style", "") == "toc"]
    assert "List of works" in entries
    numbers = [int(text) for text in entries if text.isdigit()]
    assert numbers and min(numbers) > contents.number  # no entry points at the front matter
    for entry in entries:
        for absent in ("Test Catalog", "Imprint", "Colophon", "Title", "Half"):
            assert absent not in entry, (absent, entry)


def test_contents_and_openers_start_on_rectos(plan: DocumentPlan) -> None:
    for page in plan.pages:
        if page.kind in ("contents", "opener"):
            assert page.number % 2 == 1, page


def test_page_count_is_padded_before_the_back_cover(plan: DocumentPlan) -> None:
    """classic pads with [image, blank]: every work of this project is plated, so an image page has
    nothing left to show and stays blank, as the blank pages do (never ruled notes, never a repeat)."""
    assert len(plan.pages) % 4 == 0
    assert plan.pages[-1].kind == "back_cover"
    assert plan.padding >= 1  # this project needs padding to a multiple of four, or the test tests nothing
    padding = plan.pages[-1 - plan.padding:-1]
    assert [p.kind for p in padding] == ["blank"] * plan.padding
    assert plan.padding_kinds == ("blank",) * plan.padding
    assert all(p.items == () for p in padding)
    assert plan.pages[-2 - plan.padding].kind == "works"  # classic's last section before the back cover


def test_anchors_point_at_the_pages_that_hold_them(plan: DocumentPlan) -> None:
    for anchor, number in plan.anchors.items():
        assert anchor in plan.pages[number - 1].anchors, anchor
    assert plan.pages[plan.anchors["artist:anna-test"] - 1].kind == "opener"
    assert plan.pages[plan.anchors["work:boris-test:2"] - 1].kind == "plate"
    assert "Work 3" in plan.pages[plan.anchors["work:boris-test:2"] - 1].text


def test_contents_prints_the_settled_page_numbers(plan: DocumentPlan) -> None:
    contents = next(page for page in plan.pages if page.kind == "contents")
    lines = contents.text.split("\n")
    opener = plan.anchors["artist:boris-test"]
    entry = next(i for i, line in enumerate(lines) if line.startswith("Boris Test"))
    assert lines[entry - 1] == str(opener)
    assert "888" not in contents.text


def test_no_running_heads_or_folios_on_bleed_plates_and_openers(tmp_path: Path) -> None:
    """Anna's first work is bled (a facing plate: its caption page keeps head and folio, the image page
    has none); Boris's first work, shaped like the page, is bled on the left page of his opener spread."""
    write_image(tmp_path / "p/content/artists/boris-test/images/work-1.jpg", (210, 270))
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=3, bleed_first=True),
                                            "boris-test": artist_data("Boris Test", works=2)})
    plan = plan_for(project)
    bled = [page for page in plan.pages if page.kind == "plate" and page.images and page.images[0].clip.x < 0]
    assert {page.images[0].path.parent.parent.name for page in bled} == {"anna-test", "boris-test"}
    for page in bled:
        assert page.text == "", page.number  # no head, folio or caption over the photograph
    assert [plan.pages[page.number].kind for page in bled if page.number % 2 == 0] == ["opener"]
    framed = [page for page in plan.pages if page.kind == "plate" and page not in bled]
    assert any(not page.images for page in framed)  # the facing plate's caption page
    for page in plan.pages:
        text = page.text
        if page.kind in ("cover", "opener", "blank"):
            assert str(page.number) not in text.split(), page.kind
        elif page.kind in ("biography", "exhibitions", "works") or page in framed:
            assert str(page.number) in text.split(), page.kind


def test_bleed_plate_covers_the_bleed_box(tmp_path: Path) -> None:
    """A bled work faces its caption (classic's `facing`): the caption on the left page, the image to
    the bleed on the right; the other work fits within the margins."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=2, bleed_first=True)})
    plan = plan_for(project)
    plates = [page for page in plan.pages if page.kind == "plate"]
    assert len(plates) == 3
    [bled] = [page for page in plates if page.images and page.images[0].path.name == "work-1.jpg"]
    [second] = [page for page in plates if page.images and page.images[0].path.name == "work-2.jpg"]
    image = bled.images[0]
    assert image.rect.x <= -mm(3) + 0.01 and image.rect.y <= -mm(3) + 0.01
    assert image.rect.right >= mm(213) - 0.01 and image.rect.top >= mm(273) - 0.01
    assert image.clip.x <= -mm(3) + 0.01 and image.clip.right >= mm(213) - 0.01
    assert bled.number % 2 == 1 and bled.text == ""  # the right-hand page, nothing printed over it
    caption = plan.pages[bled.number - 2]
    assert caption.kind == "plate" and caption.images == () and "Work 1, 2020" in caption.text
    fitted = second.images[0]
    area_left = mm(22) if second.number % 2 == 1 else mm(18)
    assert fitted.rect.x >= area_left - 0.01 and fitted.rect.right <= mm(210) - mm(18) + 0.01


def test_zine_uses_a5_and_one_column(project: Path) -> None:
    plan = plan_for(project, "zine")
    assert (round(plan.width, 2), round(plan.height, 2)) == (round(mm(148), 2), round(mm(210), 2))
    body = next(page for page in plan.pages if page.kind == "biography")
    xs = {round(line.x) for line in body.items if hasattr(line, "pieces") and line.y > mm(30)}
    assert len(xs) <= 3  # one column: lines start at the margin (plus the first-line indent)


def test_findings_on_the_cover_image_and_the_colophon_name_their_own_line(tmp_path: Path) -> None:
    """They blamed the line of `cover:` and of `colophon:`, not the key that holds the value."""
    from catalog.builder import BuildOptions, check

    def line_of(project: Path, key: str) -> int:
        text = (project / "catalog.yaml").read_text(encoding="utf-8").splitlines()
        return next(n for n, line in enumerate(text, 1) if line.strip().startswith(f"{key}:"))

    cover = make_project(tmp_path / "cover", catalog={
        "colophon": {"edition": "500 copies"}, "cover": {"image": "content/artists/anna-test/images/work-1.jpg"}})
    low = [f for f in check(cover, BuildOptions(press="offset")).findings if f.code == "low-ppi" and f.page == 1]
    assert low and {f.line for f in low} == {line_of(cover, "image")}
    colophon = make_project(tmp_path / "colophon", catalog={
        "colophon": {"edition": "500 copies", "printer": "Print 漢 house"}})
    glyph = [f for f in check(colophon, BuildOptions(press="offset")).findings if f.code == "missing-glyph"]
    assert glyph and {f.line for f in glyph} == {line_of(colophon, "printer")}


def test_run_on_sets_the_exhibitions_after_the_biography_on_its_page(tmp_path: Path) -> None:
    """`run_on: true`: a short biography shares its page with the exhibition list, which keeps its own
    heading, anchor (for the contents) and bookmark, wherever `exhibitions` stands in artist_sections."""
    root = make_project(tmp_path / "p")
    add_layout(root, "house", "base: classic\nname: house\nrun_on: true\n")
    plan = plan_project(root, BuildOptions(layout="house")).plan
    kinds = [page.kind for page in plan.pages]
    assert "exhibitions" not in kinds
    for slug in ("anna-test", "boris-test"):
        page = plan.anchors[f"artist:{slug}:exhibitions"]
        assert page == plan.anchors[f"artist:{slug}:biography"]  # the same page: the biography is short
        text = plan.pages[page - 1].text
        assert text.index("Biography") < text.index("Exhibitions")
    titles = [entry.title for entry in plan.outline if entry.page == plan.anchors["artist:anna-test:biography"]]
    assert "Biography" in titles and "Exhibitions" in titles


def test_a_frontispiece_faces_the_title_page(tmp_path: Path) -> None:
    """catalog.yaml's `frontispiece`: on the left-hand page opposite the title page, captioned with its
    work; without one, the back of the half-title stays blank."""
    root = make_project(tmp_path / "p", catalog={"frontispiece": "content/artists/anna-test/images/work-1.jpg"})
    plan = plan_project(root).plan
    kinds = [page.kind for page in plan.pages]
    assert kinds[:6] == ["cover", "blank", "half_title", "frontispiece", "title_page", "imprint"]
    page = plan.pages[3]
    assert not page.recto and len(page.images) == 1
    assert page.images[0].path.name == "work-1.jpg"
    assert "Anna Test, Work 1" in page.text
    plain = plan_project(make_project(tmp_path / "q")).plan
    assert [page.kind for page in plain.pages][:5] == ["cover", "blank", "half_title", "blank", "title_page"]
