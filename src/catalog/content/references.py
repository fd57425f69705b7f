"""The catalogue's references (its bibliography) and glossary, read from files an editor keeps beside the texts.

References are CSL-JSON or the same in YAML, the form Zotero, Mendeley and Pandoc export and read
(https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html): a list of items with an `id`, a `type`,
`title`, `author` ({family, given} or {literal}), `issued` ({date-parts: [[2012]]}) and the rest. Fields this
book does not print are kept out of the way, not refused: an export carries dozens."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..model import Origin, Reference
from ..paths import resolve_inside
from ..source.schema import MISSING, Checker, Str
from ..source.yamlfile import Document, Key, load_yaml
from . import typography

_NAMES = ("author", "editor")


def read_references(root: Path, name: str, doc: Document, problems: list[Problem]) -> tuple[Reference, ...]:
    """The references file catalog.yaml names (`references:`), each item checked for what a bibliography
    entry cannot do without: an id to cite it by and a title."""
    resolved = _project_file(root, name, doc, "references", problems, "a CSL-JSON or YAML file exported from "
                             "Zotero, relative to catalog.yaml, e.g. content/references.json")
    if resolved is None:
        return ()
    source = load_yaml(resolved)
    items = source.data.get("references") if isinstance(source.data, dict) else source.data
    if not isinstance(items, list):
        problems.append(Problem("the references file should be a list of items (CSL-JSON)", resolved, 1,
                                hint="export the library as CSL JSON, or write '- id: ...' items in YAML"))
        return ()
    found: list[Reference] = []
    seen: dict[str, int | None] = {}
    for index, item in enumerate(items):
        at = source.line(index) if isinstance(source.data, list) else source.line("references", index)
        reference = _reference(item, Origin(resolved, at, f"references[{index + 1}]"), problems)
        if reference is None:
            continue
        if reference.key in seen:
            problems.append(Problem(f"reference id '{reference.key}' is also the id of the item at line "
                                    f"{seen[reference.key]}", resolved, at, hint="give each item its own id"))
            continue
        seen[reference.key] = at
        found.append(reference)
    return tuple(found)


def _project_file(root: Path, name: str, doc: Document, key: str, problems: list[Problem], hint: str) -> Path | None:
    """The file catalog.yaml's `key` names, inside the project; None, with the problem, when it is not there."""
    path, line = doc.locate(key)
    resolved, problem = resolve_inside(root, root, name, path, line)
    if problem or resolved is None or not resolved.is_file():
        problems.append(problem or Problem(f"{key} file not found: {name}", path, line, hint=hint))
        return None
    return resolved


def _reference(item: Any, origin: Origin, problems: list[Problem]) -> Reference | None:
    if not isinstance(item, dict) or not str(item.get("id") or "").strip() or not item.get("title"):
        missing = "an item" if not isinstance(item, dict) else \
            "an id" if not str(item.get("id") or "").strip() else "a title"
        problems.append(Problem(f"a reference needs {missing}", origin.file, origin.line,
                                hint="each item: id, type, title, author, issued, ..."))
        return None
    names = {role: tuple(_name(person) for person in item.get(role) or [] if isinstance(person, dict))
             for role in _NAMES}
    return Reference(
        key=str(item["id"]).strip(), kind=str(item.get("type") or "book"), title=_text(item["title"]) or "",
        authors=names["author"], editors=names["editor"], year=_year(item.get("issued")),
        container=_text(item.get("container-title")), publisher=_text(item.get("publisher")),
        place=_text(item.get("publisher-place")), volume=_text(item.get("volume")), issue=_text(item.get("issue")),
        pages=_range(item.get("page")), url=str(item["URL"]).strip() if item.get("URL") else None, origin=origin)


def _name(person: dict[str, Any]) -> tuple[str, str]:
    """(family, given); an institution is its `literal` name with no given name."""
    if person.get("literal"):
        return str(person["literal"]), ""
    return str(person.get("family") or ""), str(person.get("given") or "")


def _year(issued: Any) -> str | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0])
        raw = issued.get("literal") or issued.get("raw")
        return str(raw) if raw else None
    return str(issued) if issued else None


def _range(value: Any) -> str | None:
    """Pages as a range is printed: 11–19, with an en dash (Chicago 6.78), whatever the export wrote."""
    text = _text(value)
    return re.sub(r"(?<=\d)\s*[-‐‑]\s*(?=\d)", "–", text) if text else None


def _text(value: Any) -> str | None:
    return typography.polish(str(value).strip(), "en") if value not in (None, "") else None


class Glossary(Str):
    """The name of a YAML file of terms, or the terms themselves: a mapping of term to definition."""

    label = "a file name, or a mapping of terms to their definitions"

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if not isinstance(value, dict):
            return super().check(value, key, checker)
        terms = {}
        for term, definition in value.items():
            text = Str().check(definition, (*key, term), checker)
            if text is not MISSING:
                terms[str(term)] = text
        return terms or MISSING

    def json_schema(self, text: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [text, {"type": "object", "additionalProperties": text, "minProperties": 1}],
                "description": "a YAML file of 'term: definition' lines, or the terms themselves"}


def read_glossary(value: Any, root: Path, doc: Document, problems: list[Problem],
                  language: str) -> tuple[tuple[str, str], ...]:
    """`glossary:` in catalog.yaml: a mapping of term to definition, or the name of a YAML file holding one;
    alphabetical, as a glossary is read."""
    terms = value
    if isinstance(value, str):
        resolved = _project_file(root, value, doc, "glossary", problems,
                                 "a YAML file of 'term: definition' lines, relative to catalog.yaml")
        if resolved is None:
            return ()
        terms = load_yaml(resolved).data
    if not isinstance(terms, dict) or not all(isinstance(v, str) for v in terms.values()):
        path, line = doc.locate("glossary")
        problems.append(Problem("'glossary' should map each term to its definition", path, line,
                                hint="e.g. saukele: a bride's tall headdress"))
        return ()
    entries = ((typography.polish(str(term), language), typography.polish(text.strip(), language))
               for term, text in terms.items())
    return tuple(sorted(entries, key=lambda entry: entry[0].casefold()))
