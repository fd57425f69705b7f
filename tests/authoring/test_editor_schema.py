"""The JSON Schemas for editors: generated from the loader's own definitions, committed without drift,
accepting the example project and the built-in files, and refusing what the loader refuses."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from catalog.authoring.editor_schema import SCHEMAS, json_schema, render, write_schemas
from catalog.content.load import load_project
from catalog.errors import CatalogError
from catalog.resources import builtin_dir
from catalog.specs.layouts import load_layout
from catalog.specs.press import load_press
from tests.support import REPO
from tests.support.projects import artist_data, make_project, write_yaml

DELETE = object()
MODELINE = "# yaml-language-server: $schema="


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((REPO / "schemas" / f"{name}.schema.json").read_text()))


def as_json(path: Path) -> Any:
    """What an editor sees: the YAML's values, with dates as text (YAML 1.2 reads them as strings)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def schema_errors(name: str, path: Path) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(as_json(path))]


def changed(data: dict[str, Any], where: str, value: Any) -> dict[str, Any]:
    """A copy of `data` with the value at a dotted path ('works.0.title') replaced or deleted."""
    data = copy.deepcopy(data)
    *parents, last = [int(part) if part.isdigit() else part for part in where.split(".")]
    target = data
    for part in parents:
        target = target[part]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_committed_schemas_are_the_generated_ones(name: str) -> None:
    assert (REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8") == render(name), (
        "schemas/ is out of date: run `catalog schemas` in the repository")


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema(name))


def test_write_schemas_writes_one_file_per_kind(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "s")
    assert [path.name for path in written] == [f"{name}.schema.json" for name in SCHEMAS]
    assert all(path.read_text(encoding="utf-8") == render(path.name.split(".")[0]) for path in written)


def _defaults(schema: Any) -> list[tuple[Any, dict[str, Any]]]:
    found = []
    if isinstance(schema, dict):
        if "default" in schema:
            found.append((schema["default"], schema))
        for value in schema.values():
            found.extend(_defaults(value))
    elif isinstance(schema, list):
        for value in schema:
            found.extend(_defaults(value))
    return found


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_default_is_valid_for_its_own_key(name: str) -> None:
    """Lengths are kept in points inside; the schema must show them as written ("3mm"), not as 8.5."""
    defaults = _defaults(json_schema(name))
    assert defaults
    for default, schema in defaults:
        assert jsonschema.Draft202012Validator(schema).is_valid(default), (default, schema)


def test_example_files_name_their_schema_on_the_first_line() -> None:
    files = [REPO / "catalog.yaml", *REPO.glob("content/artists/*/artist.yaml"), *REPO.glob("layouts/*.yaml"),
             *REPO.glob("presses/*.yaml")]
    assert len(files) >= 10
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(MODELINE), path
        target = (path.parent / first.removeprefix(MODELINE)).resolve()
        assert target.is_file() and target.parent == REPO / "schemas", (path, target)


def test_example_project_and_builtin_files_are_valid() -> None:
    assert schema_errors("catalog", REPO / "catalog.yaml") == []
    artists = sorted(REPO.glob("content/artists/*/artist.yaml"))
    assert artists
    for path in artists:
        assert schema_errors("artist", path) == [], path
    for kind, name in (("layouts", "layout"), ("presses", "press")):
        files = sorted(builtin_dir(kind).glob("*.yaml"))
        assert len(files) >= 4
        for path in files:
            assert schema_errors(name, path) == [], path


# --- what the loader refuses, the schema refuses ---

CATALOG_CASES = {
    "unknown key": ("subtitel", "A fixture"),
    "wrong type": ("title", ["a", "list"]),
    "missing required key": ("title", DELETE),
    "bad year": ("year", "next year"),
    "bad slug": ("slug", "Not A Slug"),
    "empty text": ("subtitle", "   "),
    "unprintable text": ("subtitle", "bell\x07"),
    "list item without its required key": ("texts", [{"author": "Someone", "text": "Words."}]),
    "nested unknown key": ("exhibition", {"venu": "Hall"}),
    "bad isbn": ("colophon", {"isbn": "12"}),
}
ARTIST_CASES = {
    "unknown key": ("borm", {"year": 1980}),
    "bad enum": ("exhibitions.0.kind", "retrospective"),
    "wrong type": ("works.0.bleed", "maybe"),
    "missing required key in a list item": ("works.0.title", DELETE),
    "missing required key": ("name", DELETE),
    "nested unknown key": ("born.yaer", 1980),
    "year as a sentence": ("works.1.year", "around the war"),
    "year out of range": ("works.1.year", 999),
    "text by language with a bad language code": ("works.0.title", {"English": "Evening"}),
}


@pytest.mark.parametrize("case", list(CATALOG_CASES))
def test_bad_catalog_refused_by_loader_and_schema(tmp_path: Path, case: str) -> None:
    where, value = CATALOG_CASES[case]
    project = make_project(tmp_path / "p")
    data = changed(yaml.safe_load((project / "catalog.yaml").read_text(encoding="utf-8")), where, value)
    write_yaml(project / "catalog.yaml", data)
    with pytest.raises(CatalogError):
        load_project(project)
    assert schema_errors("catalog", project / "catalog.yaml")


@pytest.mark.parametrize("case", list(ARTIST_CASES))
def test_bad_artist_refused_by_loader_and_schema(tmp_path: Path, case: str) -> None:
    where, value = ARTIST_CASES[case]
    data = changed(artist_data("Anna Test"), where, value)
    project = make_project(tmp_path / "p", artists={"anna-test": artist_data("Anna Test")})
    path = write_yaml(project / "content" / "artists" / "anna-test" / "artist.yaml", data)
    with pytest.raises(CatalogError):
        load_project(project)
    assert schema_errors("artist", path)


def test_fixture_content_is_accepted_by_both(tmp_path: Path) -> None:
    """The refusals above are the mutations, not the fixture: loose but valid values pass both."""
    artist = changed(artist_data("Anna Test"), "works.1.year", "c. 1990")
    artist = changed(artist, "statement", None)  # an empty key is as if left out
    project = make_project(tmp_path / "p", artists={"anna-test": artist}, catalog={"subtitle": None, "year": "2026"})
    load_project(project)
    assert schema_errors("catalog", project / "catalog.yaml") == []
    assert schema_errors("artist", project / "content" / "artists" / "anna-test" / "artist.yaml") == []


CLASSIC = yaml.safe_load((REPO / "layouts" / "classic.yaml").read_text(encoding="utf-8"))
OFFSET = yaml.safe_load((REPO / "presses" / "offset.yaml").read_text(encoding="utf-8"))

LAYOUT_CASES: dict[str, dict[str, Any]] = {
    "length without unit": changed(CLASSIC, "page.bleed", 3),
    "length with an unknown unit": changed(CLASSIC, "page.gutter", "5px"),
    "negative length": changed(CLASSIC, "styles.body.indent", "-4mm"),
    "int out of range": changed(CLASSIC, "page.columns", 7),
    "bad colour in a style": changed(CLASSIC, "styles.body.colour", "#12345"),
    "bad colour definition": changed(CLASSIC, "colours.accent", "red"),
    "bad enum": changed(CLASSIC, "styles.body.align", "centre"),
    "unknown key": changed(CLASSIC, "page.widht", "100mm"),
    "missing required key": changed(CLASSIC, "page.margins.top", DELETE),
    "missing style": changed(CLASSIC, "styles.folio", DELETE),
    "unusable font family name": changed(CLASSIC, "fonts.my family", CLASSIC["fonts"]["text"]),
    "empty section list": changed(CLASSIC, "sections", []),
    "ink tint out of range": changed(CLASSIC, "inks", {"pink": {"colour": "#ff48b0", "prints": {"accent": 120}}}),
    "child: unknown key": {"base": "classic", "page": {"colums": 2}},
    "child: wrong type": {"base": "classic", "running_heads": "sometimes"},
    "child: length without unit": {"base": "classic", "styles": {"body": {"size": 10}}},
    "child without base lacks required keys": {"page": {"width": "100mm"}},
    "child with an empty base lacks required keys": {"base": None, "page": {"width": "100mm"}},
}
PRESS_CASES: dict[str, dict[str, Any]] = {
    "int out of range": changed(OFFSET, "colour.ink_limit", 500),
    "bad enum": changed(OFFSET, "pdf", "x3"),
    "length without unit": changed(OFFSET, "safe_margin", 5),
    "number out of range": {"base": "mono", "images": {"gamma": 5}},
    "unknown key": changed(OFFSET, "colour.ink_limt", 280),
    "wrong type": changed(OFFSET, "marks", "yes please"),
    "missing required key": changed(OFFSET, "colour.rich_black.cmyk", DELETE),
    "child: unknown key": {"base": "offset", "colour": {"spaec": "cmyk"}},
    "child: list item out of range": {"base": "offset", "colour": {"rich_black": {"cmyk": [40, 30, 30, 101]}}},
}


@pytest.mark.parametrize("case", list(LAYOUT_CASES))
def test_bad_layout_refused_by_loader_and_schema(tmp_path: Path, case: str) -> None:
    path = write_yaml(tmp_path / "layouts" / "mine.yaml", LAYOUT_CASES[case])
    with pytest.raises(CatalogError):
        load_layout("mine", tmp_path)
    assert schema_errors("layout", path)


@pytest.mark.parametrize("case", list(PRESS_CASES))
def test_bad_press_refused_by_loader_and_schema(tmp_path: Path, case: str) -> None:
    path = write_yaml(tmp_path / "presses" / "mine.yaml", PRESS_CASES[case])
    with pytest.raises(CatalogError):
        load_press("mine", tmp_path)
    assert schema_errors("press", path)


@pytest.mark.parametrize(("kind", "data"), [
    ("layouts", {"base": "classic", "page": {"width": "100mm"}, "styles": {"body": {"size": "10pt"}}}),
    ("layouts", {"base": "zine", "fonts": {"text": {"regular": "PTSerif-Bold.ttf"}}}),
    ("layouts", changed(CLASSIC, "page.columns", "2")),
    ("presses", {"base": "offset", "colour": {"ink_limit": "280", "rich_black": {"min_size": "10mm"}}}),
    ("presses", {"description": "a press with every default"}),
    ("presses", changed(OFFSET, "bleed", None)),
])
def test_partial_and_loose_files_are_accepted_by_both(tmp_path: Path, kind: str, data: dict[str, Any]) -> None:
    """With `base:` a file holds only what changes (nested required keys come from the base); quoted
    numbers and empty keys are read as the loader reads them."""
    path = write_yaml(tmp_path / kind / "mine.yaml", data)
    (load_layout if kind == "layouts" else load_press)("mine", tmp_path)
    assert schema_errors("layout" if kind == "layouts" else "press", path) == []
