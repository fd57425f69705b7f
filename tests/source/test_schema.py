"""The declarative schema: every problem reported with the key path, line and a useful hint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catalog.errors import Problem
from catalog.source.schema import (
    MISSING,
    Bool,
    Colour,
    Enum,
    Field,
    Int,
    Length,
    ListOf,
    MapOf,
    Record,
    Str,
    Type,
    Year,
    present,
    validate,
)
from catalog.source.yamlfile import Document, load_yaml

WORK = Record({
    "image": Field(Str(), required=True, doc="e.g. images/evening.jpg"),
    "title": Field(Str(), required=True),
    "year": Field(Year()),
    "bleed": Field(Bool()),
})
ARTIST = Record({
    "name": Field(Str(), required=True, doc="the artist's name as printed"),
    "statement": Field(Str()),
    "portrait": Field(Str()),
    "works": Field(ListOf(WORK), default=[]),
})


def check(tmp_path: Path, text: str, schema: Type) -> tuple[Any, list[Problem]]:
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    return validate(load_yaml(path), schema)


def value_of(schema: Type, value: Any) -> tuple[Any, list[Problem]]:
    """One value checked on its own (no file), as the single key 'x'."""
    return validate(Document(Path("doc.yaml"), {"x": value}), Record({"x": Field(schema)}))


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.message for p in problems]
    return problems[0]


# --- Record --------------------------------------------------------------------------------

def test_valid_record_fills_defaults(tmp_path: Path) -> None:
    value, problems = check(tmp_path, "name: Anna\nworks:\n  - image: a.jpg\n    title: A\n", ARTIST)
    assert problems == []
    assert value == {
        "name": "Anna", "statement": None, "portrait": None,
        "works": [{"image": "a.jpg", "title": "A", "year": None, "bleed": None}],
    }


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    value, problems = check(tmp_path, "name: Anna\nstatment: Hello\n", ARTIST)
    problem = only(problems)
    assert problem.message == "unknown key 'statment'"
    assert problem.hint == "did you mean 'statement'?"
    assert problem.line == 2
    assert problem.file == tmp_path / "doc.yaml"
    assert value["name"] == "Anna"  # an unknown key alone does not make the record unusable


def test_unknown_key_without_a_near_one_lists_the_known(tmp_path: Path) -> None:
    _, problems = check(tmp_path, "name: Anna\nzzz: 1\n", ARTIST)
    problem = only(problems)
    assert problem.message == "unknown key 'zzz'"
    assert problem.hint == "known keys: name, statement, portrait, works"


def test_unknown_key_in_list_item_names_the_path(tmp_path: Path) -> None:
    text = "name: A\nworks:\n  - image: a.jpg\n    title: A\n  - image: b.jpg\n    titel: B\n"
    _, problems = check(tmp_path, text, ARTIST)
    unknown = [p for p in problems if p.message.startswith("unknown")]
    assert [(p.message, p.line, p.hint) for p in unknown] == [
        ("unknown key 'works[2].titel'", 6, "did you mean 'title'?")]


def test_missing_required_field(tmp_path: Path) -> None:
    value, problems = check(tmp_path, "# artist\nstatement: Hello\n", ARTIST)
    problem = only(problems)
    assert problem.message == "'name' is missing"
    assert problem.hint == "add 'name:' (the artist's name as printed)"
    assert problem.line == 2
    assert value is MISSING


def test_required_field_given_empty_is_missing(tmp_path: Path) -> None:
    value, problems = check(tmp_path, "name:\nstatement: x\n", ARTIST)
    assert only(problems).message == "'name' is missing"
    assert value is MISSING


def test_missing_required_in_list_item_points_at_the_item(tmp_path: Path) -> None:
    text = ("name: A\nworks:\n  - image: a.jpg\n    title: One\n"
            "  - image: b.jpg\n    title: Two\n  - image: c.jpg\n    year: 2020\n")
    value, problems = check(tmp_path, text, ARTIST)
    problem = only(problems)
    assert problem.message == "'works[3].title' is missing"
    assert problem.line == 7  # the line of the third item
    assert problem.hint == "add 'title:'"
    # the broken item keeps its place (so later items keep their lines); the rest stays usable
    assert value["works"][2] is MISSING
    assert [work["title"] for _, work in present(value["works"])] == ["One", "Two"]


def test_wrong_type_names_key_path(tmp_path: Path) -> None:
    text = "name: A\nworks:\n  - image: a.jpg\n    title: One\n  - image: b.jpg\n    title: [x, y]\n"
    _, problems = check(tmp_path, text, ARTIST)
    problem = only(problems)
    assert problem.message == "'works[2].title' should be text, not a list"
    assert problem.line == 6


def test_wrong_type_mapping_and_bool(tmp_path: Path) -> None:
    text = "name: {first: A}\nworks:\n  - image: a.jpg\n    title: T\n    bleed: sometimes\n"
    _, problems = check(tmp_path, text, ARTIST)
    messages = {p.line: p.message for p in problems}
    assert messages == {
        1: "'name' should be text, not a mapping of keys",
        5: "'works[1].bleed' should be true or false, not 'sometimes'",
    }


def test_record_given_a_scalar(tmp_path: Path) -> None:
    value, problems = check(tmp_path, "just text\n", ARTIST)
    assert only(problems).message == "'the file' should be a mapping of keys, not 'just text'"
    assert value is MISSING


NESTED = Record({
    "name": Field(Str()),
    "images": Field(Record({"min_ppi": Field(Int(36, 2400), default=300), "note": Field(Str())}), default={}),
})


def test_nested_record_left_out_gets_its_defaults(tmp_path: Path) -> None:
    value, problems = check(tmp_path, "name: A\n", NESTED)
    assert problems == []
    assert value == {"name": "A", "images": {"min_ppi": 300, "note": None}}


def test_unusable_nested_record_is_reported_and_gets_its_defaults(tmp_path: Path) -> None:
    value, problems = check(tmp_path, "name: A\nimages: lots\n", NESTED)
    assert only(problems).message == "'images' should be a mapping of keys, not 'lots'"
    assert value["images"] == {"min_ppi": 300, "note": None}


def test_empty_document_reports_required_keys(tmp_path: Path) -> None:
    value, problems = check(tmp_path, "", ARTIST)
    assert only(problems).message == "'name' is missing"
    assert value is MISSING


def test_duplicate_keys_come_out_of_validate(tmp_path: Path) -> None:
    _, problems = check(tmp_path, "name: A\nname: B\n", ARTIST)
    assert only(problems).message == "'name' is given twice (first on line 1)"


def test_all_problems_reported_not_just_the_first(tmp_path: Path) -> None:
    text = "nam: A\nworks:\n  - image: a.jpg\n  - title: B\n    year: someday\n"
    _, problems = check(tmp_path, text, ARTIST)
    assert sorted((p.line, p.message) for p in problems) == [
        (1, "'name' is missing"),
        (1, "unknown key 'nam'"),
        (3, "'works[1].title' is missing"),
        (4, "'works[2].image' is missing"),
        (5, "'works[2].year' should be a year such as 2019, 2018–2019 or c. 1990, not 'someday'"),
    ]


# --- Str -----------------------------------------------------------------------------------

def test_str_strips_and_accepts_numbers() -> None:
    assert value_of(Str(), "  Anna  ") == ({"x": "Anna"}, [])
    assert value_of(Str(), 42) == ({"x": "42"}, [])
    assert value_of(Str(), 1.5) == ({"x": "1.5"}, [])


def test_str_keeps_multiline_text_as_written() -> None:
    assert value_of(Str(), "para one\n\npara two\n") == ({"x": "para one\n\npara two\n"}, [])


def test_str_refuses_yes_no_with_quote_hint() -> None:
    _, problems = value_of(Str(), True)
    problem = only(problems)
    assert problem.message == "'x' should be text, not true (yes/no)"
    assert "quotes" in problem.hint


def test_str_empty() -> None:
    _, problems = value_of(Str(), "   ")
    assert only(problems).message == "'x' is empty"


def test_str_pattern_with_example() -> None:
    slug = Str(r"[a-z0-9]+(?:-[a-z0-9]+)*", "light-of-the-steppe")
    assert value_of(slug, "light-of-the-steppe")[0] == {"x": "light-of-the-steppe"}
    _, problems = value_of(slug, "Light Of")
    problem = only(problems)
    assert problem.message == "'x' has an unexpected form: 'Light Of'"
    assert problem.hint == "for example: light-of-the-steppe"


def test_long_values_are_shortened_in_messages() -> None:
    _, problems = value_of(Int(), "x" * 100)
    message = only(problems).message
    assert "x" * 37 + "..." in message
    assert "x" * 41 not in message


# --- Int, Bool, Colour ---------------------------------------------------------------------

def test_int_range_and_digit_strings() -> None:
    ranged = Int(1, 4)
    assert value_of(ranged, 2) == ({"x": 2}, [])
    assert value_of(ranged, " 3 ") == ({"x": 3}, [])
    for bad, shown in ((5, "the number 5"), (0, "the number 0"), (True, "true (yes/no)"),
                       (2.5, "the number 2.5"), ("two", "'two'")):
        _, problems = value_of(ranged, bad)
        assert only(problems).message == f"'x' should be a whole number from 1 to 4, not {shown}"


def test_bool() -> None:
    assert value_of(Bool(), False) == ({"x": False}, [])
    _, problems = value_of(Bool(), "yes please")
    assert only(problems).message == "'x' should be true or false, not 'yes please'"


def test_colour() -> None:
    assert value_of(Colour(), "#1A2b3c") == ({"x": "#1A2b3c"}, [])
    assert value_of(Colour(), "cover_text") == ({"x": "cover_text"}, [])
    assert value_of(Colour(), None) == ({"x": None}, [])  # an empty optional value is absent
    for bad in ("#12345", "Red", "#ggg000", 123456):
        _, problems = value_of(Colour(), bad)
        assert "should be a colour" in only(problems).message
        assert only(problems).hint == 'quote hex colours: "#1a1a1a"'


# --- Length --------------------------------------------------------------------------------

def test_length_converts_to_points() -> None:
    value, problems = value_of(Length(), "25.4mm")
    assert problems == []
    assert value["x"] == pytest.approx(72.0)


@pytest.mark.parametrize(("key", "number", "hint"), [
    ("size", 9.5, "add a unit, e.g. 9.5pt"),
    ("leading", 12, "add a unit, e.g. 12pt"),
    ("bleed", 3, "add a unit, e.g. 3mm"),
    ("width", 210, "add a unit, e.g. 210mm"),
])
def test_length_without_unit_hints_a_unit(tmp_path: Path, key: str, number: float, hint: str) -> None:
    schema = Record({key: Field(Length())})
    _, problems = check(tmp_path, f"# style\n{key}: {number}\n", schema)
    problem = only(problems)
    assert problem.message == (f"'{key}' should be a length with a unit, such as 3mm, 0.125in or 9pt, "
                               f"not the number {number}")
    assert problem.hint == hint
    assert problem.line == 2


def test_length_bare_number_in_quotes_and_bad_unit() -> None:
    for bad in ("3", "3px"):
        _, problems = value_of(Length(), bad)
        assert only(problems).message.startswith("'x' should be a length with a unit")


def test_length_below_minimum() -> None:
    _, problems = value_of(Length(), "-2mm")
    assert only(problems).message == "'x' may not be negative: -2mm"
    assert value_of(Length(minimum=-10.0), "-2pt") == ({"x": -2.0}, [])


def test_length_nested_key_path(tmp_path: Path) -> None:
    schema = Record({"page": Field(Record({"margins": Field(Record({"top": Field(Length())}))}))})
    _, problems = check(tmp_path, "page:\n  margins:\n    top: 20\n", schema)
    problem = only(problems)
    assert problem.message.startswith("'page.margins.top' should be a length")
    assert problem.hint == "add a unit, e.g. 20mm"
    assert problem.line == 3


# --- Enum ----------------------------------------------------------------------------------

def test_enum_accepts_and_suggests() -> None:
    align = Enum("left", "right", "center", "justify")
    assert value_of(align, "justify") == ({"x": "justify"}, [])
    _, problems = value_of(align, "justfy")
    problem = only(problems)
    assert problem.message == "'x' should be one of left, right, center, justify, not 'justfy'"
    assert problem.hint == "did you mean 'justify'?"


def test_enum_without_near_value_has_no_suggestion() -> None:
    _, problems = value_of(Enum("left", "right"), "zzzzzz")
    assert only(problems).hint == ""


# --- ListOf --------------------------------------------------------------------------------

def test_list_of_checks_each_item_with_its_line(tmp_path: Path) -> None:
    schema = Record({"years": Field(ListOf(Year()))})
    value, problems = check(tmp_path, "years:\n  - 2019\n  - soon\n  - '2020'\n", schema)
    problem = only(problems)
    assert problem.message.startswith("'years[2]' should be a year")
    assert problem.line == 3
    assert value == {"years": ["2019", MISSING, "2020"]}
    assert present(value["years"]) == [(0, "2019"), (2, "2020")]


def test_list_of_refuses_a_scalar_with_hint() -> None:
    _, problems = value_of(ListOf(Str()), "a, b")
    problem = only(problems)
    assert problem.message == "'x' should be a list, not 'a, b'"
    assert "- " in problem.hint


def test_list_of_min_items() -> None:
    _, problems = value_of(ListOf(Str(), min_items=1), [])
    assert only(problems).message == "'x' needs at least 1 item(s)"


def test_list_of_empty_value_is_empty_list() -> None:
    schema = Record({"x": Field(ListOf(Str()), default=[])})
    assert validate(Document(Path("d.yaml"), {"x": None}), schema) == ({"x": []}, [])


# --- MapOf ---------------------------------------------------------------------------------

def test_map_of_checks_values_and_names(tmp_path: Path) -> None:
    schema = Record({"colours": Field(MapOf(Str(r"#[0-9a-fA-F]{6}", '"#1a1a1a"')))})
    text = 'colours:\n  text: "#1e1e1c"\n  "9bad": "#000000"\n  muted: grey\n'
    value, problems = check(tmp_path, text, schema)
    assert value == {"colours": {"text": "#1e1e1c"}}
    assert sorted((p.line, p.message, p.hint) for p in problems) == [
        (3, "'9bad' is not a usable name", "use letters, digits, _ and -"),
        (4, "'colours.muted' has an unexpected form: 'grey'", 'for example: "#1a1a1a"'),
    ]


def test_map_of_records_key_paths(tmp_path: Path) -> None:
    schema = Record({"fonts": Field(MapOf(Record({"regular": Field(Str(), required=True),
                                                  "bold": Field(Str(), required=True)})))})
    text = "fonts:\n  text:\n    regular: a.ttf\n    bold: b.ttf\n  caption:\n    regular: c.ttf\n"
    value, problems = check(tmp_path, text, schema)
    problem = only(problems)
    assert problem.message == "'fonts.caption.bold' is missing"
    assert problem.line == 5  # the line naming the family
    assert value == {"fonts": {"text": {"regular": "a.ttf", "bold": "b.ttf"}}}


def test_map_of_refuses_a_list() -> None:
    _, problems = value_of(MapOf(Str()), ["a"])
    assert only(problems).message == "'x' should be a mapping of names, not a list"


# --- Year ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "printed"), [
    ("2019", "2019"),
    (2019, "2019"),
    ("2018–2019", "2018–2019"),
    ("2018-2019", "2018-2019"),
    ("2018 – 19", "2018 – 19"),
    ("2018/19", "2018/19"),
    ("c. 1990", "c. 1990"),
    ("c.1990", "c.1990"),
    ("1990s", "1990s"),
    (" 2020 ", "2020"),
    (1000, "1000"),
    (2999, "2999"),
])
def test_year_forms(given: Any, printed: str) -> None:
    assert value_of(Year(), given) == ({"x": printed}, [])


@pytest.mark.parametrize("given", [
    "19", "nineteen ninety", "2019 or so", "ca. 1990", "2019–", "201", 999, 3000, 20190,
    True, 2019.5, "2018–2019–2020", [2019],
])
def test_year_refusals(given: Any) -> None:
    value, problems = value_of(Year(), given)
    assert only(problems).message.startswith("'x' should be a year such as 2019, 2018–2019 or c. 1990")
    assert value == {"x": None}


def test_year_message_names_the_path(tmp_path: Path) -> None:
    text = "name: A\nworks:\n  - image: a.jpg\n    title: T\n    year: last year\n"
    _, problems = check(tmp_path, text, ARTIST)
    problem = only(problems)
    assert problem.message == ("'works[1].year' should be a year such as 2019, 2018–2019 or c. 1990, "
                               "not 'last year'")
    assert problem.line == 5
