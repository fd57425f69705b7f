"""Works entries written as text into artist.yaml (by `new artist` and the CSV import), each first read back
through the loader's own rules, so an authoring command never writes an entry the build then refuses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.fields import ENTRY_ORDER, UNFILLED
from ..content.files import ARTIST_FILE
from ..content.schemas import ARTIST_SCHEMA
from ..errors import CatalogError, Problem
from ..paths import resolve_inside
from ..source.schema import MISSING, Bool, Record, Type, validate
from ..source.yamlfile import load_yaml
from .files import ScaffoldError, file_exists
from .templates import commented, yaml_scalar

Value = str | bool | dict[str, Any] | list[dict[str, Any]]
"""A field's value as written: text, a flag, or structured dimensions."""


@dataclass(frozen=True)
class WorkEntry:
    """One works entry as text: the image (none: a work only in the list of works) and title, then the other
    fields in content.fields' order. A field without a value is a commented-out line when `offered` has a value
    for it (written after the #, with its note) or `examples` has one; UNFILLED is written as TODO."""

    image: str
    title: str
    values: dict[str, Value] = field(default_factory=dict)  # the other fields given, by name
    notes: dict[str, str] = field(default_factory=dict)  # the comment beside a field given (or offered)
    examples: dict[str, str] = field(default_factory=dict)  # shown in the comment of a commented-out field
    offered: dict[str, str] = field(default_factory=dict)  # a value to consider, written commented out

    def text(self, indent: str = "  ") -> str:
        inner = indent + "  "
        lines = [f"{indent}- image: {yaml_scalar(self.image)}", f"{inner}title: {yaml_scalar(self.title)}"] \
            if self.image else [f"{indent}- title: {yaml_scalar(self.title)}"]
        for spec in ENTRY_ORDER:
            name, value, flag = spec.name, self.values.get(spec.name), isinstance(spec.type, Bool)
            if value is None:
                if name in self.offered:
                    lines.append(commented(f"{inner}# {name}: {self.offered[name]}", self.notes.get(name, "")))
                elif name in self.examples:
                    lines.append(commented(f"{inner}# {name}: {self.examples[name]}", spec.note) if flag else
                                 commented(f"{inner}# {name}:", f"e.g. {self.examples[name]}"))
                continue
            note = self.notes.get(name, "")
            if value == UNFILLED:
                note = note or f"fill in, e.g. {self.examples.get(name, '...')}"
            first, *rest = rendered(value, inner)
            lines.append(commented(f"{inner}{name}: {first}", note))
            lines.extend(rest)
        return "\n".join(lines) + "\n"


def rendered(value: Value, indent: str) -> list[str]:
    """A field's value as YAML lines for a key at `indent`: the first follows `key: `. Text of several lines (the
    parts of dimensions) is a literal block, a line each; structured dimensions a flow mapping or list; a plain year
    is written bare, so YAML reads the number the loader takes (1000-2999), while others (0777 is octal 511 to
    YAML, 3000 is out of range) are quoted and load as the text written."""
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, dict | list):
        return [yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, sort_keys=False,
                               width=10**6).strip()]
    lines = [line.strip() for line in value.split("\n") if line.strip()]
    if len(lines) > 1:
        return ["|-", *(f"{indent}  {line}" for line in lines)]
    return [value if re.fullmatch(r"[12][0-9]{3}", value) else yaml_scalar(value)]


WORKS_ONLY = Record({"works": ARTIST_SCHEMA.fields["works"]})


def loader_view(text: str, schema: Type, scratch: Path) -> tuple[Any, list[Problem]]:
    """`text` as the project's own loader reads a file holding it (load_yaml, then `schema`): the values, and
    every problem it reports. Written to a file in `scratch` because the loader reads files; characters that
    cannot be UTF-8 are written as the bytes they stand for, which the loader then refuses, as it would."""
    path = scratch / ARTIST_FILE
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        doc = load_yaml(path, ScaffoldError)
    except CatalogError as exc:
        return MISSING, list(exc.problems)
    return validate(doc, schema)


def entry_refusal(entry: WorkEntry, root: Path, folder: Path, scratch: Path, must_exist: bool = True) -> str:
    """Why `catalog build` would refuse this works entry in `folder`'s artist.yaml, or '': the image path
    through the loader's path rules, then the entry as written read back by the loader and the artist schema.
    So an authoring command never writes an entry the build then refuses, whatever a file name or a
    spreadsheet cell holds. `must_exist`: the image is already in place (import), not yet copied (new artist);
    an entry without one is a work listed without a plate."""
    if entry.image:
        _, problem = resolve_inside(root, folder, entry.image)
        if problem is not None:
            return problem.message
    values, problems = loader_view("works:\n" + entry.text(), WORKS_ONLY, scratch)
    if problems:
        return problems[0].message.replace("'works[1].", "'")  # the field, not the scratch file's first entry
    image = values["works"][0].get("image")
    if not image:
        return ""
    resolved, problem = resolve_inside(root, folder, image)
    if problem is not None:
        return problem.message
    if must_exist and (resolved is None or not file_exists(resolved)):
        return f"image not found: {image}"
    return ""
