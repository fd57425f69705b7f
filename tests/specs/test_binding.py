"""The binding and paper a build settles on (command line, catalog.yaml, press profile, in that order),
and the spine's width from the page count and the paper: caliper, pages per inch, a printer's table."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from catalog.builder import BuildOptions
from catalog.builder.project import prepare
from catalog.errors import CatalogError
from catalog.specs.binding import HINGE, TURN_IN, Binding, Paper, spine
from catalog.units import inch, mm
from tests.support.projects import add_press, make_project


def setup_of(root: Path, catalog: dict | None = None, **options: str):  # type: ignore[no-untyped-def]
    make_project(root, catalog=catalog)
    return prepare(root, BuildOptions(**options))  # type: ignore[arg-type]


def errors_of(root: Path, catalog: dict | None = None, **options: str) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        setup_of(root, catalog, **options)
    return [f"{p.file.name if p.file else ''}:{p.line}: {p.message} | {p.hint}" for p in caught.value.problems]


# --- which binding ----------------------------------------------------------------------------

def test_saddle_is_the_default_and_keeps_the_covers_in_the_book(tmp_path: Path) -> None:
    setup = setup_of(tmp_path / "p")
    assert setup.binding.kind.name == "saddle" and not setup.binding.separate_cover
    assert setup.pressed.sections[0] == "cover" and setup.pressed.sections[-1] == "back_cover"
    assert setup.pressed.page.page_multiple % 4 == 0


def test_command_line_beats_catalog_beats_press(tmp_path: Path) -> None:
    root = tmp_path / "p"
    make_project(root, catalog={"binding": "casewrap", "paper": {"caliper": "0.1mm"}})
    add_press(root, "house", "name: house\nbase: offset\nbinding: jacket\n")
    assert prepare(root, BuildOptions(press="house")).binding.kind.name == "casewrap"
    assert prepare(root, BuildOptions(press="house", binding="perfect")).binding.kind.name == "perfect"
    (root / "catalog.yaml").write_text((root / "catalog.yaml").read_text().replace("binding: casewrap\n", ""))
    assert prepare(root, BuildOptions(press="house")).binding.kind.name == "jacket"


def test_a_bound_book_leaves_its_covers_to_the_cover_sheet(tmp_path: Path) -> None:
    setup = setup_of(tmp_path / "p", {"binding": "perfect", "paper": {"caliper": "0.1mm"}})
    assert setup.binding.separate_cover
    assert "cover" not in setup.pressed.sections and "back_cover" not in setup.pressed.sections


def test_press_rules_then_catalog_settings_for_the_same_kind(tmp_path: Path) -> None:
    root = tmp_path / "p"
    make_project(root, catalog={"binding": {"kind": "casewrap", "hinge": "8mm"}, "paper": {"caliper": "0.1mm"}})
    press = add_press(root, "house", "name: house\nbase: offset\nbindings:\n"
                                     "  casewrap: {min_pages: 24, hinge: 12mm, turn_in: 18mm}\n"
                                     "  perfect: {min_pages: 40}\n")
    binding = prepare(root, BuildOptions(press="house")).binding
    assert (binding.min_pages, binding.hinge, binding.turn_in) == (24, pytest.approx(mm(8)), pytest.approx(mm(18)))
    assert binding.origin("min_pages").file == press and binding.origin("min_pages").line == 4
    assert binding.origin("hinge").file == root / "catalog.yaml"
    other = prepare(root, BuildOptions(press="house", binding="perfect")).binding  # not catalog's casewrap settings
    assert (other.min_pages, other.hinge, other.turn_in) == (40, 0.0, 0.0)


def test_casewrap_defaults_are_the_published_turn_in_and_hinge(tmp_path: Path) -> None:
    binding = setup_of(tmp_path / "p", {"binding": "casewrap", "paper": {"caliper": "0.1mm"}}).binding
    assert (binding.turn_in, binding.hinge) == (TURN_IN, HINGE) == (pytest.approx(mm(15)), pytest.approx(mm(10)))
    jacket = setup_of(tmp_path / "q", {"binding": "jacket", "paper": {"caliper": "0.1mm"}}).binding
    assert (jacket.turn_in, jacket.hinge) == (0.0, 0.0)


def test_unknown_settings_and_kinds_are_named_at_their_line(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "p", {"binding": {"kind": "jacket", "flaps": "80mm"}}) == [
        "catalog.yaml:10: unknown key 'binding.flaps' | did you mean 'flap'?"]
    found = errors_of(tmp_path / "q", {"binding": "spiral"})
    assert len(found) == 1 and found[0].startswith("catalog.yaml:8: 'binding.kind'") and "perfect" in found[0]
    root = tmp_path / "r"
    make_project(root)
    add_press(root, "house", "name: house\nbindings:\n  spiral: {min_pages: 8}\n")
    with pytest.raises(CatalogError) as caught:
        prepare(root, BuildOptions(press="house"))
    assert [(p.line, p.message) for p in caught.value.problems] == [(3, "'bindings.spiral' is not a binding kind")]


# --- paper and spine ---------------------------------------------------------------------------

@pytest.mark.parametrize("pages", [24, 32, 66, 200, 401])
def test_spine_is_leaves_times_caliper_plus_the_cover_round_it(pages: int) -> None:
    perfect = Binding(_kind("perfect"), 2)
    paper = Paper(mm(0.1), cover=mm(0.3))
    assert spine(pages, perfect, paper) == pytest.approx(math.ceil(pages / 2) * mm(0.1) + 2 * mm(0.3))
    cased = Binding(_kind("casewrap"), 2)
    board = Paper(mm(0.1), cover=mm(0.15), board=mm(2.5))
    assert spine(pages, cased, board) == pytest.approx(math.ceil(pages / 2) * mm(0.1) + 2 * mm(0.15) + 2 * mm(2.5))


def test_pages_per_inch_as_us_printers_give_it(tmp_path: Path) -> None:
    """444 ppi: a page is 1/444 in, so 200 pages make 200/444 in (0.4505 in) of paper."""
    setup = setup_of(tmp_path / "p", {"binding": "perfect", "paper": {"ppi": 444}})
    assert setup.paper.leaf == pytest.approx(inch(2 / 444))
    assert spine(200, setup.binding, setup.paper) == pytest.approx(inch(200 / 444))


def test_lulu_paperback_spine_is_its_published_formula(tmp_path: Path) -> None:
    """Lulu: (pages / 444) + 0.06 in for a perfect-bound softcover."""
    setup = setup_of(tmp_path / "p", press="lulu")
    assert setup.binding.kind.name == "perfect" and setup.paper.described == "stock 'standard' (444 ppi)"
    for pages in (32, 100, 300):
        assert spine(pages, setup.binding, setup.paper) == pytest.approx(inch(pages / 444 + 0.06))


def test_a_printers_spine_table_replaces_the_paper(tmp_path: Path) -> None:
    setup = setup_of(tmp_path / "p", press="lulu", binding="casewrap")
    widths = {pages: spine(pages, setup.binding, setup.paper) for pages in (24, 84, 86, 140, 142, 800)}
    assert widths == {24: pytest.approx(inch(0.25)), 84: pytest.approx(inch(0.25)), 86: pytest.approx(inch(0.5)),
                      140: pytest.approx(inch(0.5)), 142: pytest.approx(inch(0.625)),
                      800: pytest.approx(inch(2.0625))}


def test_catalog_paper_wins_over_the_press(tmp_path: Path) -> None:
    setup = setup_of(tmp_path / "p", {"paper": {"caliper": "0.15mm"}}, press="lulu")
    assert setup.paper.leaf == pytest.approx(mm(0.15)) and setup.paper.described == "0.15 mm per leaf"
    assert setup.paper.origin.file == tmp_path / "p" / "catalog.yaml"


def test_paper_mistakes_are_one_line_each(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "p", {"paper": {"stock": "cream"}}, press="lulu") == [
        "catalog.yaml:9: paper stock 'cream' is not in the paper table of press 'lulu' (it has: standard, magazine) | "
        "name one of its stocks, or give the thickness: paper: {caliper: 0.1mm}"]
    assert errors_of(tmp_path / "q", {"paper": {"caliper": "0.1mm", "ppi": 444}}) == [
        "catalog.yaml:10: the paper gives both 'caliper' and 'ppi' | keep the one the printer publishes"]
    assert errors_of(tmp_path / "r", {"paper": {"caliper": 0.1}}) == [
        "catalog.yaml:9: 'paper.caliper' should be a length with a unit, such as 3mm, 0.125in or 9pt, not the "
        "number 0.1 | add a unit, e.g. 0.1mm"]


def _kind(name: str):  # type: ignore[no-untyped-def]
    from catalog.content.binding import KINDS
    return KINDS[name]
