"""Works entries written as text into artist.yaml (by `new artist` and the CSV import), each first read back
through the loader's own rules, so an authoring command never writes an entry the build then refuses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.fields import ENTRY_ORDER, UNFILLED
from ..content.files import ARTIST_FILE
from ..content.schemas import ARTIST_SCHEMA
from ..errors import CatalogError, Problem
from ..paths import resolve_inside
from ..source.schema import MISSING, Bool, Record, Type, Year, validate
from ..source.yamlfile import load_yaml
from .files import ScaffoldError, file_exists
from .templates import commented, yaml_scalar


@dataclass(frozen=True)
class WorkEntry:
    """One works entry as text: the image and title, then the other fields in content.fields' order. A field
    without a value is a commented-out line when `examples` has one for it; UNFILLED is written as TODO."""

    image: str
    title: str
    values: dict[str, str | bool] = field(default_factory=dict)  # the other fields given, by name
    notes: dict[str, str] = field(default_factory=dict)  # the comment beside a field given
    examples: dict[str, str] = field(default_factory=dict)  # shown in the comment of a commented-out field

    def text(self, indent: str = "  ") -> str:
        inner = indent + "  "
        lines = [f"{indent}- image: {yaml_scalar(self.image)}", f"{inner}title: {yaml_scalar(self.title)}"]
        for spec in ENTRY_ORDER:
            name, value, flag = spec.name, self.values.get(spec.name), isinstance(spec.type, Bool)
            if value is None:
                if name in self.examples:
                    lines.append(commented(f"{inner}# {name}: {self.examples[name]}", spec.note) if flag else
                                 commented(f"{inner}# {name}:", f"e.g. {self.examples[name]}"))
                continue
            if isinstance(value, bool):
                lines.append(f"{inner}{name}: {'true' if value else 'false'}")
                continue
            # A plain year YAML reads as the same number the loader takes (1000-2999); others (0777 is octal
            # 511 to YAML, 3000 is out of range) are quoted, so they load as the text written.
            plain = isinstance(spec.type, Year) and re.fullmatch(r"[12][0-9]{3}", value)
            note = self.notes.get(name, "")
            if value == UNFILLED:
                note = note or f"fill in, e.g. {self.examples.get(name, '...')}"
            lines.append(commented(f"{inner}{name}: {value if plain else yaml_scalar(value)}", note))
        return "\n".join(lines) + "\n"


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
    spreadsheet cell holds. `must_exist`: the image is already in place (import), not yet copied (new artist)."""
    _, problem = resolve_inside(root, folder, entry.image)
    if problem is not None:
        return problem.message
    values, problems = loader_view("works:\n" + entry.text(), WORKS_ONLY, scratch)
    if problems:
        return problems[0].message.replace("'works[1].", "'")  # the field, not the scratch file's first entry
    image = values["works"][0]["image"]
    resolved, problem = resolve_inside(root, folder, image)
    if problem is not None:
        return problem.message
    if must_exist and (resolved is None or not file_exists(resolved)):
        return f"image not found: {image}"
    return ""
