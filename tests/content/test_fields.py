"""A work's fields are declared once (content.fields.WORK_FIELDS): the record, the schema, the captions, the CSV
header names, the scaffold's entries and the editors' JSON Schema all agree with that one table."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from catalog.authoring.artist import draft_work
from catalog.authoring.editor_schema import json_schema
from catalog.authoring.importcsv import map_columns
from catalog.content.fields import (
    CAPTION_ROWS,
    DETAILS,
    ENTRY_ORDER,
    EXAMPLES,
    LEADING,
    SYNONYMS,
    UNFILLED,
    WORK_FIELDS,
    caption_rows,
    detail_rows,
)
from catalog.content.load import load_project
from catalog.content.schemas import ARTIST_SCHEMA
from catalog.model import Work
from catalog.source.schema import Bool, ListOf, Localized
from tests.support.projects import artist_data, make_project

NAMES = [spec.name for spec in WORK_FIELDS]
RECORD_ONLY = {"origin", "translations", "blanks", "detail"}  # what the loader adds (detail: the crop, read)


def test_every_work_field_has_one_row() -> None:
    assert len(set(NAMES)) == len(NAMES)
    assert {f.name for f in dataclasses.fields(Work)} - RECORD_ONLY == set(NAMES)


def test_the_schema_is_the_table() -> None:
    works = ARTIST_SCHEMA.fields["works"].type.item  # type: ignore[attr-defined]
    assert list(works.fields) == NAMES
    for spec in WORK_FIELDS:
        field = works.fields[spec.name]
        assert (field.type, field.required, field.doc) == (spec.type, spec.required, spec.help)


def test_the_json_schema_is_the_table() -> None:
    item = json_schema("artist")["properties"]["works"]["items"]
    assert list(item["properties"]) == NAMES
    assert item["required"] == [spec.name for spec in WORK_FIELDS if spec.required]
    for spec in WORK_FIELDS:
        if spec.help:
            assert item["properties"][spec.name]["description"] == spec.help


def test_csv_headers_come_from_the_table() -> None:
    # A list (views) is not one spreadsheet cell: every other field has its headers.
    assert set(SYNONYMS) == {spec.name for spec in WORK_FIELDS if not isinstance(spec.type, ListOf)}
    headers = [name for spec in WORK_FIELDS for name in spec.csv]
    assert len(set(headers)) == len(headers), "a header name may mean one field only"
    cells = [spec.name for spec in WORK_FIELDS if spec.csv]
    columns, unused = map_columns([spec.csv[0] for spec in WORK_FIELDS if spec.csv])
    assert columns == {name: index for index, name in enumerate(cells)} and unused == []


def test_caption_rows_in_print_order() -> None:
    assert CAPTION_ROWS == (("title", "year"), ("title_native",), ("medium", "dimensions"), ("edition",),
                            ("collection",), ("credit", "courtesy", "accession"), ("copyright",))
    assert DETAILS == ("medium", "dimensions", "edition", "collection")
    assert all(isinstance(next(s for s in WORK_FIELDS if s.name == name).type, Localized) for name in DETAILS)


def test_caption_rows_join_medium_and_dimensions() -> None:
    work = Work(Path("a.jpg"), "Evening", year="2019", title_native="Кеш", medium="Pigment print",
                dimensions="60 × 40 cm", edition="Edition of 5", credit="Courtesy", collection="Private")
    assert caption_rows(work) == ["Кеш", "Pigment print, 60 × 40 cm", "Edition of 5", "Private", "Courtesy", None]
    assert detail_rows(work) == ["Pigment print, 60 × 40 cm", "Edition of 5", "Private"]
    bare = Work(Path("a.jpg"), "Evening", dimensions="60 × 40 cm")
    assert caption_rows(bare) == [None, "60 × 40 cm", None, None, None, None]


def test_the_loader_fills_every_field(tmp_path: Path) -> None:
    values = {"title_native": "Кеш", "medium": "Pigment print", "dimensions": "60 × 40 cm", "edition": "Edition of 5",
              "credit": "Courtesy", "collection": "Private", "bleed": True}
    data = artist_data("Anna Test", works=1)
    data["works"][0].update(values)
    work = load_project(make_project(tmp_path / "p", {"anna-test": data})).catalog.artists[0].works[0]
    tied = {**values, "dimensions": "60\u00a0×\u00a040\u00a0cm"}  # the typography of the language: kept together
    assert {name: getattr(work, name) for name in values} == tied
    assert work.image is not None
    assert (work.title, work.year, work.image.name) == ("Work 1", "2020", "work-1.jpg")


def test_the_scaffold_writes_the_table_in_order() -> None:
    assert [spec.name for spec in ENTRY_ORDER] == [name for name in NAMES if name not in ("image", "title", "bleed")] \
        + ["bleed"]
    text = draft_work("evening.jpg", None).text()
    keys = [line.strip().lstrip("#- ").split(":")[0] for line in text.splitlines()]
    assert keys == ["image", "title", *(spec.name for spec in ENTRY_ORDER)]
    entry = yaml.safe_load(text)[0]
    assert {name for name, value in entry.items() if value == UNFILLED} == {s.name for s in WORK_FIELDS if s.draft}
    assert set(EXAMPLES) == {s.name for s in WORK_FIELDS if s.name not in LEADING}
    assert all(spec.note for spec in WORK_FIELDS if isinstance(spec.type, Bool))


def test_the_commented_example_of_a_new_artist_shows_every_field() -> None:
    """`new artist` without photos writes templates/work-example.txt, a commented works entry: a field added
    to the table must be shown there too, in the order the scaffold writes fields (required first, flags last)."""
    from catalog.authoring.templates import template

    keys = [line.strip().lstrip("#").strip().removeprefix("- ").split(":")[0]
            for line in template("work-example.txt").splitlines() if line.strip()]
    assert keys == [*LEADING, *(spec.name for spec in ENTRY_ORDER)]
