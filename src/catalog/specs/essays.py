"""How a layout sets essays: where their notes go, how far quotes and lists are set in, and the styles of what
Markdown marks in them (headings, quotes, epigraph, pull quote, notes, an interview's questions). Every style
here is optional: a layout that names none sets essays in the styles it has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..source.schema import Enum, Field, Length, Record

NOTE_PLACES = ("end", "foot")


@dataclass(frozen=True)
class EssaySpec:
    notes: str = "end"          # foot: at the foot of the column the reference is in; end: after the essay
    inset: float | None = None  # points block quotes and lists are set in; None: two ems of the body


ESSAYS = Field(Record({
    "notes": Field(Enum(*NOTE_PLACES), default="end",
                   doc="where an essay's footnotes print: foot (at the foot of the page, under a short rule) or end "
                       "(numbered, under 'Notes' after the essay)"),
    "inset": Field(Length(), doc="how far block quotes and lists are set in from the column's edges; default: two "
                                 "ems of the body text"),
}), default={}, doc="how essays print their notes, quotes and lists")

ESSAY_STYLES: dict[str, tuple[str, dict[str, Any]]] = {
    "essay_heading": ("subheading", {}),                 # '#' and '##' in an essay
    "essay_subheading": ("subheading", {}),              # '###' and deeper
    "quote": ("body", {"indent": 0.0}),                  # '>': set in from both sides
    "epigraph": ("statement", {}),                       # a quote before the first paragraph, or {.epigraph}
    "pull_quote": ("statement", {}),                     # {.pull}
    "note": ("caption", {}),                             # footnotes and endnotes
    "question": ("body", {"weight": "bold"}),            # an interview's questions
}
"""Role: (the style it takes when the layout has none, what changes in it)."""

ESSAY_LABELS = {"endnotes": "Notes", "plate_ref": "pl.", "page_ref": "p.", "not_illustrated": "not illustrated"}


def essay_spec(values: dict[str, Any]) -> EssaySpec:
    return EssaySpec(values["notes"], values["inset"])
