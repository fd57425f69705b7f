"""How layouts set essays: where the notes go in each built-in layout, and the styles a layout may leave out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from catalog.errors import LayoutError
from catalog.specs.essays import ESSAY_STYLES
from catalog.specs.layouts import OPTIONAL_STYLES, load_layout
from catalog.units import mm
from tests.support import REPO
from tests.support.projects import add_layout


@pytest.mark.parametrize(("layout", "notes"), [
    ("classic", "foot"), ("gallery", "foot"), ("zine", "foot"), ("riso", "foot"), ("pocket", "end")])
def test_built_in_layouts_place_notes_where_they_fit(tmp_path: Path, layout: str, notes: str) -> None:
    assert load_layout(layout, tmp_path).essays.notes == notes


def test_essay_styles_are_optional_and_fall_back(tmp_path: Path) -> None:
    """A layout naming no essay style sets them in its own: '##' as a subheading, a quote as the body
    (without its first-line indent), a question as the body in bold, a note as a caption."""
    data = yaml.safe_load((REPO / "layouts" / "classic.yaml").read_text(encoding="utf-8"))
    data["styles"] = {role: style for role, style in data["styles"].items() if role not in ESSAY_STYLES}
    data["name"] = "plain"
    add_layout(tmp_path, "plain", yaml.safe_dump(data, allow_unicode=True))
    layout = load_layout("plain", tmp_path)
    assert set(ESSAY_STYLES) <= set(OPTIONAL_STYLES)
    body = layout.styles["body"]
    assert layout.styles["essay_heading"].size == layout.styles["subheading"].size
    quote = layout.styles["quote"]
    assert (quote.size, quote.indent, quote.role) == (body.size, 0.0, "quote")
    question = layout.styles["question"]
    assert (question.weight, question.size) == ("bold", body.size)
    assert layout.styles["note"].size == layout.styles["caption"].size
    assert layout.essays.notes == "foot" and layout.essays.inset is None


def test_a_layout_sets_notes_and_inset(tmp_path: Path) -> None:
    add_layout(tmp_path, "house", "base: classic\nname: house\nessays: {notes: end, inset: 8mm}\n")
    essays = load_layout("house", tmp_path).essays
    assert (essays.notes, essays.inset) == ("end", pytest.approx(mm(8)))


def test_notes_go_only_to_the_foot_or_the_end(tmp_path: Path) -> None:
    path = add_layout(tmp_path, "house", "base: classic\nname: house\nessays:\n  notes: side\n")
    with pytest.raises(LayoutError) as caught:
        load_layout("house", tmp_path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (path, 4)
    assert "side" in problem.message
