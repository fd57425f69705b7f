"""`catalog layouts`, `catalog layouts show NAME` and `catalog schemas`: listings a person reads, errors
as one line naming the file, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from catalog.authoring.editor_schema import SCHEMAS, render
from catalog.builder import BuildOptions
from catalog.builder.project import prepare, press_layout
from catalog.cli.app import app
from catalog.errors import LayoutError
from catalog.plan import plan_document
from catalog.source import named
from catalog.specs.layouts import available_layouts
from catalog.text.fonts import register
from tests.support import REPO
from tests.support.projects import add_layout, make_project

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    output = result.output  # stdout and stderr, as a terminal shows them
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    return result.exit_code, output


def row(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if line.split()[:1] == [name])


def pages_in(project: Path, layout: str) -> int:
    """The page count a build would have, planned independently of the command."""
    setup = prepare(project, BuildOptions(layout=layout), lambda *_: None)
    planned = press_layout(setup.layout, setup.press)
    return len(plan_document(setup.loaded.catalog, planned, register(planned.fonts)).pages)


@pytest.fixture(scope="module")
def example_listing() -> str:
    code, output = run("layouts", str(REPO))
    assert code == 0, output
    return output


def test_lists_the_builtin_layouts_with_trim_and_pages(example_listing: str) -> None:
    names = [line.split()[0] for line in example_listing.splitlines()]
    assert names == sorted(available_layouts(REPO))
    assert {"classic", "zine", "pocket", "mini", "riso"} <= set(names)
    classic = row(example_listing, "classic")
    assert "built-in" in classic and "210 × 270 mm" in classic
    assert f" {pages_in(REPO, 'classic')} pages " in classic
    assert "Exhibition catalog" in classic  # the description
    assert "148 × 210 mm" in row(example_listing, "zine")
    assert "× 105 mm" in row(example_listing, "mini")  # 74.25 mm wide


def test_project_layouts_are_marked_and_a_broken_one_reported(project: Path) -> None:
    add_layout(project, "classic", "base: classic\ndescription: The house version\npage: {width: 200mm}\n")
    add_layout(project, "house", "base: zine\ndescription: Our own\n")
    add_layout(project, "broken", "base: classic\npage: {colums: 2}\n")
    code, output = run("layouts", str(project))
    assert code == 0, output
    classic = row(output, "classic")
    assert "project, overrides built-in" in classic and "200 × 270 mm" in classic
    assert "The house version" in classic
    assert f" {pages_in(project, 'classic')} pages " in classic
    house = row(output, "house")
    assert " project " in house and "overrides" not in house and "Our own" in house
    assert "built-in" in row(output, "pocket")
    assert "broken.yaml:2: unknown key 'page.colums'; did you mean 'columns'?" in output
    assert "cannot lay out:" in output


def test_listing_without_content_still_lists_the_layouts(tmp_path: Path) -> None:
    code, output = run("layouts", str(tmp_path))
    assert code == 0, output
    assert "? pages" in row(output, "classic") and "210 × 270 mm" in row(output, "classic")
    assert "no page counts: no catalog.yaml" in output


def test_show_prints_the_layout_after_inheritance(tmp_path: Path) -> None:
    code, output = run("layouts", "show", "riso", str(REPO))
    assert code == 0, output
    header, _, body = output.partition("\n")
    assert header == ("# layout 'riso' as a build reads it: layouts/classic.yaml, then layouts/zine.yaml, "
                      "then layouts/riso.yaml over it")
    layouts = available_layouts(REPO)
    resolved = named.resolve(layouts["riso"], layouts, "layouts", "layout", LayoutError, REPO)
    assert resolved.files == (layouts["classic"], layouts["zine"], layouts["riso"])  # the header's files
    merged = resolved.doc.data
    assert yaml.safe_load(body) == merged
    assert merged["page"]["width"] == "148mm" and "subheading" in merged["styles"]  # own and inherited
    assert "base" not in merged


def test_show_a_project_layout_over_the_builtin_of_its_name(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_layout(project, "classic", "base: classic\npage: {width: 200mm}\n")
    monkeypatch.chdir(project)
    code, output = run("layouts", "show", "classic")  # the project is the current folder
    assert code == 0, output
    header, _, body = output.partition("\n")
    assert header.endswith("(built in)/layouts/classic.yaml, then layouts/classic.yaml over it")
    data = yaml.safe_load(body)
    assert data["page"]["width"] == "200mm" and data["page"]["height"] == "270mm"


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("zin", None, "error: unknown layout 'zin'; did you mean 'zine'?"),
    ("house", "base: classic\npage: [unclosed\n", "house.yaml:3: YAML syntax error"),
    ("house", "base: clasic\n", "house.yaml:1: unknown base layout 'clasic'"),
])
def test_show_refuses_with_one_line_naming_the_file(project: Path, name: str, text: str | None,
                                                    expected: str) -> None:
    if text is not None:
        add_layout(project, name, text)
    code, output = run("layouts", "show", name, str(project))
    assert code == 2, output
    assert expected in output
    assert [line.startswith("error:") for line in output.splitlines()] == [True]


def test_schemas_command_writes_the_schemas(tmp_path: Path) -> None:
    code, output = run("schemas", str(tmp_path / "out"))
    assert code == 0, output
    for name in SCHEMAS:
        path = tmp_path / "out" / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == render(name)
        assert path.name in output


def test_schemas_command_reports_an_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, output = run("schemas", str(blocker))
    assert code != 0
    assert "cannot write the schemas" in output
    assert [line.startswith("error:") for line in output.splitlines()] == [True]


def test_a_fixture_project_builds_with_the_listing_counts(tmp_path: Path) -> None:
    """The count shown is the count planned for the catalog's press, not the layout alone."""
    project = make_project(tmp_path / "p", catalog={"press": "offset"})
    code, output = run("layouts", str(project))
    assert code == 0, output
    assert f" {pages_in(project, 'zine')} pages " in row(output, "zine")


def test_a_press_the_build_cannot_read_is_said_for_each_layout(tmp_path: Path) -> None:
    """The listing plans as a build does (plan_project): with the catalog's press unknown, no layout has a count."""
    project = make_project(tmp_path / "p", catalog={"press": "nowhere"})
    code, output = run("layouts", str(project))
    assert code == 0, output
    assert "? pages" in row(output, "zine")
    assert output.count("cannot lay out:") == output.count("unknown press profile 'nowhere'") == len(
        available_layouts(project))
