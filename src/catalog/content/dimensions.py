"""A work's dimensions as a museum records them: height, width and depth in a unit, in labelled parts (sheet,
image, frame), printed in the layout's convention with the other system converted, as museums print both.

Inches are printed as whole inches and a fraction to the nearest 1/8 or 1/16, reduced (13 3/16), as the
Whitney, MoMA and the Met print them; one inch is 25.4 mm exactly (the international yard and pound agreement
of 1959, https://www.nist.gov/pml/owm/si-units-length). Centimetres carry one decimal, dropped when it is 0."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..model import Measure
from ..source.schema import MISSING, Checker, Enum, Field, Localized, Number, Record, Str
from ..source.yamlfile import Key
from ..units import mm, parse_length

UNITS = {"cm": 10.0, "mm": 1.0, "in": 25.4}
"""Millimetres per unit."""
SYSTEM = {"cm": "metric", "mm": "metric", "in": "imperial"}
LABELS = ("sheet", "image", "plate", "paper", "mount", "frame", "overall", "object", "base", "mat", "page", "box")
"""Common part labels, for the editor's completion; any label is accepted."""
SIDES = ("height", "width", "depth")


@dataclass(frozen=True)
class Convention:
    """How a layout prints dimensions: in which unit, the other system's in brackets after it (or not), and
    inches to which fraction."""

    unit: str = "cm"           # cm | mm | in: printed first
    converted: str = "in"      # cm | mm | in | none: printed after, in brackets
    fraction: int = 16         # inches to the nearest 1/8 or 1/16


def convention(value: dict[str, Any]) -> Convention:
    """The layout's checked `dimensions` as a Convention."""
    return Convention(value["unit"], value["converted"], int(value["fraction"].split("/")[1]))


def measures(value: Any) -> tuple[Measure, ...] | None:
    """The structured form of a checked `dimensions` value, or None for text."""
    if isinstance(value, dict) and set(value) & set(SIDES):
        value = [value]
    if not isinstance(value, list):
        return None
    return tuple(Measure(part.get("label"), part["height"], part["width"], part.get("depth"), part.get("unit") or "cm")
                 for part in value)


def image_part(dimensions: object) -> Measure | None:
    """The part of a work's dimensions its image shows: the one labelled image, else the first."""
    parts = [part for part in dimensions if isinstance(part, Measure)] if isinstance(dimensions, tuple) else []
    return next((p for p in parts if (p.label or "").lower() == "image"), parts[0]) if parts else None


def longest_side(print_size: str | None, dimensions: object) -> float | None:
    """How long, in points, a work's printed image may be on its longer side: the length `print_size` gives, or
    with 'actual' the work's own (its part labelled image, else its first); None: as large as the plate."""
    if not print_size:
        return None
    if print_size != "actual":
        return parse_length(print_size.replace(" ", ""))
    part = image_part(dimensions)
    return mm(max(part.height, part.width) * UNITS[part.unit]) if part else None


def printed(parts: tuple[Measure, ...], convention: Convention, inline: bool = False) -> tuple[str, ...]:
    """Each part as a caption line, 'Sheet: 35.6 × 27.9 cm (14 × 11 in.)', or `inline` in a sentence of the list
    of works, 'sheet 35.6 × 27.9 cm (14 × 11 in.)'."""
    return tuple(_part(part, convention, inline) for part in parts)


def _part(part: Measure, convention: Convention, inline: bool) -> str:
    sides = [side for side in (part.height, part.width, part.depth) if side is not None]
    text = _sides(sides, part.unit, convention.unit, convention.fraction)
    if convention.converted != "none" and SYSTEM[convention.converted] != SYSTEM[convention.unit]:
        text += f" ({_sides(sides, part.unit, convention.converted, convention.fraction)})"
    if not part.label:
        return text
    return f"{part.label} {text}" if inline else f"{part.label[:1].upper()}{part.label[1:]}: {text}"


def _sides(sides: list[float], unit: str, into: str, fraction: int) -> str:
    mm = [side * UNITS[unit] for side in sides]
    if into == "in":
        return " × ".join(inches(value / UNITS["in"], fraction) for value in mm) + " in."
    return " × ".join(_decimal(value / UNITS[into], 1 if into == "cm" else 0) for value in mm) + f" {into}"


def inches(value: float, fraction: int = 16) -> str:
    """13.1875 -> '13 3/16': to the nearest 1/`fraction`, reduced, a whole number alone when it comes to one."""
    steps = round(value * fraction)
    whole, rest = divmod(steps, fraction)
    if not rest:
        return str(whole)
    part = Fraction(rest, fraction)
    return f"{whole} {part.numerator}/{part.denominator}" if whole else f"{part.numerator}/{part.denominator}"


def _decimal(value: float, places: int) -> str:
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


PART = Record({
    "label": Field(Str(), doc="which part: " + ", ".join(LABELS) + ", or any other word"),
    **{side: Field(Number(0.01, 100_000.0), doc=f"the {side}, in 'unit', as a number alone") for side in SIDES},
    "unit": Field(Enum(*UNITS), default="cm", doc="cm, mm or in"),
})


class Dimensions(Localized):
    """The dimensions as text (one line, or a line per part; or one text per language), as a mapping of
    height, width, depth and unit, or as a list of such parts, each with its label."""

    label = "text, or height/width/depth with a unit, or a list of labelled parts"

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if isinstance(value, dict) and set(value) & {*SIDES, "unit", "label"}:
            return self._parts([value], key, checker, single=True)
        if isinstance(value, list):
            return self._parts(value, key, checker, single=False)
        return super().check(value, key, checker)

    def _parts(self, value: list[Any], key: Key, checker: Checker, single: bool) -> Any:
        parts = []
        for index, item in enumerate(value):
            where = key if single else (*key, index)
            part = PART.check(item, where, checker)
            if part is MISSING:
                continue
            if part.get("height") is None or part.get("width") is None:
                checker.report(where, "dimensions need at least a height and a width",
                               "e.g. {height: 35.4, width: 27.9, unit: cm}")
                continue
            parts.append(part)
        return parts or MISSING

    def json_schema(self, text: dict[str, Any]) -> dict[str, Any]:
        part = {"type": "object", "properties": {
            "label": {"type": "string", "examples": list(LABELS)},
            **{side: {"type": "number", "exclusiveMinimum": 0} for side in SIDES},
            "unit": {"enum": list(UNITS)}}, "required": ["height", "width"], "additionalProperties": False}
        return {"anyOf": [*super().json_schema(text)["anyOf"], part, {"type": "array", "items": part}],
                "description": "the dimensions as text, or {height, width, depth, unit}, or a list of parts "
                               "each with a label (sheet, image, frame)"}


CONVENTION = Field(Record({
    "unit": Field(Enum(*UNITS), default="cm", doc="the unit printed first"),
    "converted": Field(Enum(*UNITS, "none"), default="in", doc="the other system's unit, printed after in brackets"),
    "fraction": Field(Str(r"1/(8|16)", "1/16"), default="1/16", doc="inches to the nearest 1/8 or 1/16"),
}), default={}, doc="how structured dimensions print: 35.4 × 27.9 cm (13 15/16 × 11 in.)")
"""The layout's `dimensions`."""
