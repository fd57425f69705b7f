"""YAML loading with line numbers, safe limits and layered (merged) documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.errors import ContentError, LayoutError
from catalog.source import yamlfile as yamlsrc
from catalog.source.yamlfile import Document, load_yaml, merge


def write(tmp_path: Path, text: str, name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


NESTED = """\
# a comment
title: Light
artists:
  - anna
  - boris
works:
  - image: a.jpg
    title: First

  - title: Second
    image: b.jpg
page:
  margins: {inside: 22mm, outside: 18mm}
"""


def test_lines_of_keys_and_list_items(tmp_path: Path) -> None:
    doc = load_yaml(write(tmp_path, NESTED))
    assert doc.data["works"][1]["image"] == "b.jpg"
    assert doc.line("title") == 2
    assert doc.line("artists") == 3
    assert doc.line("artists", 0) == 4
    assert doc.line("artists", 1) == 5
    assert doc.line("works") == 6
    assert doc.line("works", 0) == 7
    assert doc.line("works", 0, "image") == 7
    assert doc.line("works", 0, "title") == 8
    assert doc.line("works", 1) == 10
    assert doc.line("works", 1, "title") == 10
    assert doc.line("works", 1, "image") == 11
    assert doc.line("page", "margins", "inside") == 13
    assert doc.line("page", "margins", "outside") == 13


def test_line_of_missing_key_falls_back_to_enclosing_value(tmp_path: Path) -> None:
    doc = load_yaml(write(tmp_path, NESTED))
    assert doc.line("works", 1, "year") == 10  # the work that lacks it
    assert doc.line("works", 5, "title") == 6  # no such item: the list
    assert doc.line("nothing", "here") == 2  # nothing at all: the document's first value
    assert doc.line() == 2


def test_key_line_is_the_key_not_its_block_value(tmp_path: Path) -> None:
    text = "bio: |\n  first line\n  second line\nname: x\n"
    doc = load_yaml(write(tmp_path, text))
    assert doc.line("bio") == 1
    assert doc.line("name") == 4


def test_locate_without_merge_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, NESTED)
    doc = load_yaml(path)
    assert doc.locate("works", 1, "image") == (path, 11)
    assert doc.locate("works", 1, "missing") == (path, 10)


def test_duplicate_keys_reported_with_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "name: A\nbased: X\npage:\n  width: 1mm\n  width: 2mm\nname: B\n")
    doc = load_yaml(path)
    assert doc.data["name"] == "B"  # YAML keeps the last; the problem says so
    found = sorted((p.line, p.message) for p in doc.problems)
    assert found == [
        (5, "'width' is given twice (first on line 4)"),
        (6, "'name' is given twice (first on line 1)"),
    ]
    assert all(p.file == path and p.severity == "error" for p in doc.problems)


def test_same_key_in_different_mappings_is_not_a_duplicate(tmp_path: Path) -> None:
    text = "works:\n  - title: a\n  - title: b\nstyles:\n  body: {size: 1pt}\n  heading: {size: 2pt}\n"
    assert load_yaml(write(tmp_path, text)).problems == ()


def test_merge_key_with_new_keys_is_not_a_duplicate(tmp_path: Path) -> None:
    text = "base: &b {size: 9pt}\nbody:\n  <<: *b\n  leading: 12pt\n"
    doc = load_yaml(write(tmp_path, text))
    assert doc.problems == ()
    assert doc.data["body"] == {"size": "9pt", "leading": "12pt"}


def test_overriding_a_merged_key_is_not_a_duplicate(tmp_path: Path) -> None:
    text = "base: &b {size: 9pt, leading: 12pt}\nbody:\n  <<: *b\n  size: 10pt\n"
    doc = load_yaml(write(tmp_path, text))
    assert doc.data["body"] == {"size": "10pt", "leading": "12pt"}
    assert doc.problems == ()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: ok\nartists: [a, b\nyear: 2020\n", 3),  # unclosed list: found on the next line
        ("title: ok\nname: 'unclosed\n", 3),  # unclosed quote: found at the end
        ("a: 1\nb: 2\n  c: 3\n", 3),
        ("a:\n  - x\n - y\n", 3),
        ("a: b: c\n", 1),
        ("good: 1\n\tbad: 2\n", 2),
    ],
)
def test_syntax_error_is_one_problem_with_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ContentError) as excinfo:
        load_yaml(path)
    (problem,) = excinfo.value.problems
    assert problem.file == path
    assert problem.message.startswith("YAML syntax error")
    assert problem.line == line
    assert "indentation" in problem.hint


def test_syntax_error_uses_the_requested_error_type(tmp_path: Path) -> None:
    path = write(tmp_path, "a: [\n")
    with pytest.raises(LayoutError) as excinfo:
        load_yaml(path, LayoutError)
    assert excinfo.value.problems[0].file == path


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: ok\nname: Ekaterina\ncity: Münster\n".encode("latin-1"))
    with pytest.raises(ContentError) as excinfo:
        load_yaml(path)
    (problem,) = excinfo.value.problems
    assert problem.file == path
    assert problem.line == 3
    assert "not UTF-8" in problem.message
    assert "UTF-8" in problem.hint


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufefftitle: Дала нұры\n".encode())
    assert load_yaml(path).data == {"title": "Дала нұры"}


def test_missing_file_is_a_problem_not_an_oserror(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(ContentError) as excinfo:
        load_yaml(path)
    assert excinfo.value.problems[0].file == path
    assert "cannot read" in excinfo.value.problems[0].message


def test_oversize_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * yamlsrc.MAX_BYTES + b"\n")
    with pytest.raises(ContentError) as excinfo:
        load_yaml(path)
    (problem,) = excinfo.value.problems
    assert problem.file == path
    assert "KB" in problem.message
    assert "split" in problem.hint


def test_file_just_under_the_limit_loads(tmp_path: Path) -> None:
    path = tmp_path / "large.yaml"
    path.write_bytes(b"a: " + b"x" * (yamlsrc.MAX_BYTES - 10) + b"\n")
    assert len(load_yaml(path).data["a"]) == yamlsrc.MAX_BYTES - 10


def _laughs(levels: int, fanout: int) -> str:
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*lol{level - 1}"] * fanout)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_expansion_bomb_refused(tmp_path: Path) -> None:
    path = write(tmp_path, _laughs(levels=9, fanout=10))  # 10**9 values once expanded
    with pytest.raises(ContentError) as excinfo:
        load_yaml(path)
    (problem,) = excinfo.value.problems
    assert problem.file == path
    assert "too many values" in problem.message


def test_mapping_alias_bomb_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 {x: 1, y: 2, z: 3, w: 4}"]
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} {{p: *a{level - 1}, q: *a{level - 1}, r: *a{level - 1}}}")
    with pytest.raises(ContentError, match="too many values"):
        load_yaml(write(tmp_path, "\n".join(lines) + "\n"))


def test_modest_aliases_are_fine(tmp_path: Path) -> None:
    doc = load_yaml(write(tmp_path, _laughs(levels=3, fanout=3)))
    assert len(doc.data["lol3"]) == 3
    assert doc.data["lol3"][2][1] == ["lol", "lol", "lol"]


def test_recursive_alias_is_a_content_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a: &a [*a]\n")
    with pytest.raises(ContentError) as excinfo:
        load_yaml(path)
    assert excinfo.value.problems[0].file == path
    assert "alias refers to the value that contains it" in excinfo.value.problems[0].message


def test_empty_file_is_none_data(tmp_path: Path) -> None:
    doc = load_yaml(write(tmp_path, "# only a comment\n"))
    assert doc.data is None
    assert doc.problems == ()
    assert doc.line("anything") == 1


# --- merge ---------------------------------------------------------------------------------

BASE = """\
name: base
page:
  width: 210mm
  height: 270mm
  margins: {inside: 22mm, outside: 18mm}
sections: [cover, contents, artists]
fonts:
  text: {regular: a.ttf}
"""
CHILD = """\
base: base
name: child
page:
  width: 148mm
  margins: {inside: 15mm}
sections: [cover]
"""


@pytest.fixture
def layered(tmp_path: Path) -> tuple[Path, Path, Document]:
    base_path = write(tmp_path, BASE, "base.yaml")
    child_path = write(tmp_path, CHILD, "child.yaml")
    return base_path, child_path, merge(load_yaml(base_path), load_yaml(child_path))


def test_merge_values_child_over_base(layered: tuple[Path, Path, Document]) -> None:
    _, child_path, doc = layered
    assert doc.path == child_path
    assert doc.data["name"] == "child"
    assert doc.data["page"] == {"width": "148mm", "height": "270mm",
                                "margins": {"inside": "15mm", "outside": "18mm"}}
    assert doc.data["sections"] == ["cover"]  # lists are replaced, not merged
    assert doc.data["fonts"] == {"text": {"regular": "a.ttf"}}
    assert doc.data["base"] == "base"


def test_merge_does_not_modify_the_inputs(tmp_path: Path) -> None:
    base = load_yaml(write(tmp_path, BASE, "base.yaml"))
    child = load_yaml(write(tmp_path, CHILD, "child.yaml"))
    merge(base, child)
    assert base.data["page"]["width"] == "210mm"
    assert base.data["page"]["margins"] == {"inside": "22mm", "outside": "18mm"}
    assert "height" not in child.data["page"]


def test_merge_locate_gives_each_keys_own_file(layered: tuple[Path, Path, Document]) -> None:
    base_path, child_path, doc = layered
    assert doc.locate("page", "width") == (child_path, 4)
    assert doc.locate("page", "height") == (base_path, 4)
    assert doc.locate("page", "margins", "inside") == (child_path, 5)
    assert doc.locate("page", "margins", "outside") == (base_path, 5)
    assert doc.locate("fonts", "text", "regular") == (base_path, 8)
    assert doc.locate("name") == (child_path, 2)
    assert doc.locate("sections") == (child_path, 6)
    assert doc.locate("base") == (child_path, 1)


def test_merge_locate_of_missing_key_uses_nearest_enclosing(layered: tuple[Path, Path, Document]) -> None:
    base_path, child_path, doc = layered
    assert doc.locate("fonts", "text", "bold") == (base_path, 8)
    assert doc.locate("page", "margins", "top") == (child_path, 5)


def test_merge_of_three_layers_keeps_the_first_file(tmp_path: Path) -> None:
    base_path = write(tmp_path, BASE, "base.yaml")
    child_path = write(tmp_path, CHILD, "child.yaml")
    grand_path = write(tmp_path, "page:\n  height: 200mm\n", "grand.yaml")
    doc = merge(merge(load_yaml(base_path), load_yaml(child_path)), load_yaml(grand_path))
    assert doc.data["page"]["width"] == "148mm"
    assert doc.data["page"]["height"] == "200mm"
    assert doc.locate("fonts", "text", "regular") == (base_path, 8)
    assert doc.locate("page", "width") == (child_path, 4)
    assert doc.locate("page", "height") == (grand_path, 2)


def test_merge_keeps_problems_of_both(tmp_path: Path) -> None:
    base = load_yaml(write(tmp_path, "a: 1\na: 2\n", "base.yaml"))
    child = load_yaml(write(tmp_path, "b: 1\nb: 2\n", "child.yaml"))
    merged = merge(base, child)
    assert sorted(p.file.name for p in merged.problems if p.file) == ["base.yaml", "child.yaml"]
