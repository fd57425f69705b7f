"""JSON Schemas for editors, generated from the schema.py definitions the loader validates with, so
the two cannot disagree: an editor with the YAML language server completes keys, shows each field's
doc on hover and underlines what `catalog check` would refuse (unknown keys, wrong types, enums,
lengths without a unit, colours, numbers out of range, missing keys)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..content.schemas import ARTIST_SCHEMA, CATALOG_SCHEMA
from ..source.schema import (
    UNPRINTABLE,
    Bool,
    Colour,
    Dated,
    Enum,
    Field,
    Int,
    Length,
    ListOf,
    MapOf,
    Number,
    Record,
    Str,
    Type,
    Year,
)
from ..specs.layouts import LAYOUT_SCHEMA
from ..specs.press import PRESS_SCHEMA
from ..units import to_mm

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# "patternErrorMessage" is the YAML language server's own keyword: the loader's words instead of a bare
# regular expression when a value does not match. Other validators ignore it.
_CONTROL = UNPRINTABLE.pattern[1:-1]  # the character class's body, reused inside other classes
_SKIP: Any = object()

# file name -> (schema, title, what the file is)
SCHEMAS: dict[str, tuple[Record, str, str]] = {
    "catalog": (CATALOG_SCHEMA, "catalog.yaml", "The catalog: title, exhibition, artists in order, texts, colophon."),
    "artist": (ARTIST_SCHEMA, "artist.yaml", "One artist: names, biography, exhibitions, awards and works."),
    "layout": (LAYOUT_SCHEMA, "layout", "A page design: page size, fonts, colours, text styles, section order. "
               "With 'base:' only the keys that change are needed."),
    "press": (PRESS_SCHEMA, "press profile", "What one printer accepts: PDF flavour, colour, bleed, marks, images. "
              "With 'base:' only the keys that change are needed."),
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema for one kind of file: 'catalog', 'artist', 'layout' or 'press'.

    Layouts and presses may name a `base:` and then hold only what changes (mappings merge key by key),
    so their required keys apply only when there is no base; lists are replaced whole, so keys required
    inside list items apply always."""
    record, title, description = SCHEMAS[name]
    inherits = "base" in record.fields
    body, needed = _type(record, deferred=inherits)
    schema: dict[str, Any] = {"$schema": DRAFT, "title": title, "description": description, **body}
    if inherits:
        # A base is a layout or press name; the loader refuses anything but text there.
        schema["properties"]["base"] = {**schema["properties"]["base"], "type": ["string", "null"]}
        if needed:
            schema["if"] = {"required": ["base"], "properties": {"base": {"type": "string"}}}
            schema["else"] = needed
    return _shared(schema)


def _shared(schema: dict[str, Any], least: int = 1000) -> dict[str, Any]:
    """Keys holding the same large schema (a text style per role) refer to one copy under $defs, named
    after the mapping that holds them ('styles' -> 'style'), so the file stays readable."""
    counts: Counter[str] = Counter()
    parents: dict[str, str] = {}

    def count(node: Any, parent: str) -> None:
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                text = json.dumps(sub, sort_keys=True)
                if len(text) >= least:
                    counts[text] += 1
                    parents.setdefault(text, parent)
                count(sub, key)
            for key, sub in node.items():
                if key != "properties":
                    count(sub, parent)
        elif isinstance(node, list):
            for sub in node:
                count(sub, parent)

    count(schema, "item")
    names = {text: parents[text].removesuffix("s") for text, seen in counts.items() if seen > 1}
    if not names:
        return schema

    def replace(node: Any) -> Any:
        if isinstance(node, dict):
            out = {key: replace(sub) for key, sub in node.items()}
            if "properties" in node:
                out["properties"] = {key: {"$ref": f"#/$defs/{names[text]}"} if text in names else replace(sub)
                                     for key, sub in node["properties"].items()
                                     for text in [json.dumps(sub, sort_keys=True)]}
            return out
        if isinstance(node, list):
            return [replace(sub) for sub in node]
        return node

    return {**replace(schema), "$defs": {name: json.loads(text) for text, name in names.items()}}


def write_schemas(folder: Path) -> list[Path]:
    """Write <name>.schema.json for every kind of file into `folder` (for `catalog schemas` and new projects)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


def render(name: str) -> str:
    """The schema as it is committed: stable key order, two-space indent, a final newline."""
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"


def _type(spec: Type, deferred: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """(schema, required keys held back). With `deferred`, required keys of mappings go into the second
    value, to be enforced only for a file without `base:`; list items always enforce their own."""
    if isinstance(spec, Record) and getattr(spec, "shorthand", None):  # `binding: perfect` or a mapping
        record, needed = _record(spec, deferred)
        return {"anyOf": [_scalar(spec.fields[spec.shorthand].type), record]}, needed  # type: ignore[attr-defined]
    if isinstance(spec, Record):
        return _record(spec, deferred)
    if isinstance(spec, MapOf):
        value, needed = _type(spec.value, deferred)
        schema: dict[str, Any] = {"type": "object", "propertyNames": {"pattern": _whole(spec.key_pattern.pattern)},
                                  "additionalProperties": value}
        return schema, ({"additionalProperties": needed} if needed else {})
    if isinstance(spec, ListOf):
        item, _ = _type(spec.item, deferred=False)
        array: dict[str, Any] = {"type": "array", "items": item}
        if spec.min_items:
            array["minItems"] = spec.min_items
        return array, {}
    return _scalar(spec), {}


def _record(spec: Record, deferred: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    properties: dict[str, Any] = {}
    held: dict[str, Any] = {}
    for name, field in spec.fields.items():
        value, inner = _type(field.type, deferred)
        properties[name] = _field(field, value)
        if inner:
            held[name] = inner
    required = [name for name, field in spec.fields.items() if field.required]
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if not deferred:
        if required:
            schema["required"] = required
        return schema, {}
    needed: dict[str, Any] = {}
    if required:
        needed["required"] = required
    if held:
        needed["properties"] = held
    return schema, needed


def _field(field: Field, schema: dict[str, Any]) -> dict[str, Any]:
    """A key's schema with its doc and default; an optional key may be left empty (`key:`), as the loader allows."""
    schema = dict(schema)
    if field.doc:
        schema["description"] = field.doc
    default = _default(field)
    if default is not _SKIP:
        schema["default"] = default
    if not field.required:
        schema = _nullable(schema)
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "type" not in schema:  # several forms (anyOf): empty is one more
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    kinds = schema["type"]
    return {**schema, "type": [*(kinds if isinstance(kinds, list) else [kinds]), "null"]}


def _default(field: Field) -> Any:
    """The default as it would be written in the file; none for empty mappings and empty text."""
    value = field.default
    if value is None or value == {} or value == "":
        return _SKIP
    if isinstance(field.type, Length):
        return f"{round(to_mm(value), 3):g}mm"
    return value


def _scalar(spec: Type) -> dict[str, Any]:
    if isinstance(spec, Str) and callable(getattr(spec, "json_schema", None)):
        # A text type with more forms (schema.Localized: one text per language) describes itself,
        # given the schema of its single text.
        return spec.json_schema(_text(getattr(spec, "text", spec)))  # type: ignore[attr-defined]
    if isinstance(spec, Str):
        return _text(spec)
    if isinstance(spec, Bool):
        return {"type": "boolean"}
    if isinstance(spec, Enum):
        return {"enum": list(spec.values)}
    if isinstance(spec, Year):
        # A number 1000-2999, or text such as 2018–2019 or c. 1990.
        return {"type": ["integer", "string"], "minimum": 1000, "maximum": 2999,
                "pattern": _padded(Year._form.pattern), "description": spec.label, "patternErrorMessage": spec.label}
    if isinstance(spec, Dated):
        # A year as a number, or text naming a year (c. 1968, 1968, printed 1981) or none (n.d.).
        undated = r"^\s*(?:[Nn]\.\s*[Dd]\.?|[Uu]ndated|[Nn]o date|[Dd]ate unknown|[Uu]nknown)\s*$"
        return {"type": ["integer", "string"], "minimum": 1000, "maximum": 2999,
                "pattern": rf"(?:^|\D)\d{{4}}(?:\D|$)|{undated}", "description": spec.label,
                "patternErrorMessage": spec.label}
    if isinstance(spec, Int):
        # Digits in quotes are read as the number too ("12").
        schema: dict[str, Any] = {"type": ["integer", "string"], "pattern": r"^\s*\d{1,9}\s*$"}
        if spec.low is not None:
            schema["minimum"] = spec.low
        if spec.high is not None:
            schema["maximum"] = spec.high
        return {**schema, "description": spec.label}
    if isinstance(spec, Number):
        return {"type": "number", "minimum": spec.low, "maximum": spec.high, "description": spec.label}
    if isinstance(spec, Length):
        number = r"-?(?:\d+(?:\.\d+)?|\.\d+)" if spec.minimum < 0 else r"(?:\d+(?:\.\d+)?|\.\d+)"
        return {"type": "string", "pattern": rf"^\s*{number}\s*(?:pt|mm|cm|in|pc)\s*$", "description": spec.label,
                "patternErrorMessage": spec.label}
    if isinstance(spec, Colour):
        form = r"#[0-9a-fA-F]{6}|[a-z_][a-z0-9_]*|cmyk\(\s*[\d.]+(\s*,\s*[\d.]+){3}\s*\)"
        return {"type": "string", "pattern": _padded(form), "description": spec.label,
                "patternErrorMessage": spec.label}
    raise TypeError(f"no JSON Schema for {type(spec).__name__}: add it to catalog.authoring.editor_schema")


def _text(spec: Str) -> dict[str, Any]:
    """Text, which YAML may have read as a number (printed as written); never empty or unprintable."""
    if spec.pattern is None:
        pattern = rf"^[^{_CONTROL}]*[^{_CONTROL}\s][^{_CONTROL}]*$"
        return {"type": ["string", "number"], "pattern": pattern,
                "patternErrorMessage": "text, not empty, without control characters"}
    pattern = rf"^(?![\s\S]*[{_CONTROL}]){_padded(spec.pattern.pattern)[1:]}"
    schema: dict[str, Any] = {"type": ["string", "number"], "pattern": pattern}
    if spec.example:
        schema["examples"] = [spec.example.strip('"')]
        schema["patternErrorMessage"] = f"unexpected form; for example: {spec.example}"
    return schema


def _padded(pattern: str) -> str:
    """The loader matches stripped text against the whole pattern."""
    return rf"^\s*(?:{pattern})\s*$"


def _whole(pattern: str) -> str:
    return rf"^(?:{pattern})$"
