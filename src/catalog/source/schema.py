"""Declarative field types: one definition validates a YAML document and reports every problem."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from ..units import parse_length
from .yamlfile import Document, Key

MISSING: Any = object()

# Control characters (other than tab and line feed) and halves of surrogate pairs, which YAML's
# escapes ("\x07", "\ud800") can put in text but nothing can print.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass
class Checker:
    """Walks one document, collecting problems instead of stopping at the first."""

    doc: Document
    problems: list[Problem] = field(default_factory=list)

    def report(self, key: Key, message: str, hint: str = "") -> None:
        path, line = self.doc.locate(*key)
        self.problems.append(Problem(message, path, line, hint))


def _where(key: Key) -> str:
    parts: list[str] = []
    for part in key:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + shown(part))
    return "".join(parts) or "the file"


def shown(name: str, limit: int = 60) -> str:
    """A name the user wrote, safe to print: unprintable characters escaped, long names cut short."""
    name = UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", name)
    return name if len(name) <= limit else name[: limit - 3] + "..."


class Type:
    """A value's expected shape; `check` returns the converted value or MISSING after reporting."""

    label = "a value"

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        raise NotImplementedError

    def wrong(self, value: Any, key: Key, checker: Checker, hint: str = "") -> Any:
        shown = _describe(value)
        checker.report(key, f"'{_where(key)}' should be {self.label}, not {shown}", hint)
        return MISSING


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {_text(value)}"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, set | frozenset):
        return "a set"
    text = _text(value)
    return repr(text if len(text) < 40 else text[:37] + "...")


def _text(value: Any) -> str:
    """str(), short of failing on numbers too long for Python to print."""
    try:
        return str(value)
    except ValueError:
        return "(a number too long to show)"


def unprintable(text: str) -> str | None:
    """The first character of `text` that cannot be printed, as U+XXXX, or None."""
    found = UNPRINTABLE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


class Str(Type):
    label = "text"

    def __init__(self, pattern: str | None = None, example: str = ""):
        self.pattern = re.compile(pattern) if pattern else None
        self.example = example

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if isinstance(value, bool | dict | list):
            return self.wrong(value, key, checker, 'put the text in quotes if it is meant literally')
        if isinstance(value, int | float | datetime.date):  # read by YAML as a number or date: as written
            value = checker.doc.written.get(tuple(key)) or _text(value)
        if not isinstance(value, str):
            return self.wrong(value, key, checker)
        bad = unprintable(value)
        if bad:
            checker.report(key, f"'{_where(key)}' contains the character {bad}, which cannot be printed",
                           "delete it (such characters often come with text pasted from another program)")
            return MISSING
        if not value.strip():
            checker.report(key, f"'{_where(key)}' is empty", "write the text or remove the key")
            return MISSING
        if self.pattern and not self.pattern.fullmatch(value.strip()):
            hint = f"for example: {self.example}" if self.example else ""
            checker.report(key, f"'{_where(key)}' has an unexpected form: {_describe(value.strip())}", hint)
            return MISSING
        return value.strip() if "\n" not in value else value


class Int(Type):
    def __init__(self, low: int | None = None, high: int | None = None):
        self.low, self.high = low, high
        self.label = "a whole number" if low is None else f"a whole number from {low} to {high}"

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) < 10:
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong(value, key, checker)
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            return self.wrong(value, key, checker)
        return value


class Year(Type):
    """A year, a range (2018–2019) or an approximate year (c. 1990): printed as written."""

    label = "a year such as 2019, 2018–2019 or c. 1990"
    _form = re.compile(r"(c\.\s*)?\d{4}(\s*[-–/]\s*\d{2,4})?s?")

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if isinstance(value, bool):
            return self.wrong(value, key, checker)
        if isinstance(value, int) and 1000 <= value <= 2999:
            return str(value)
        if isinstance(value, str) and self._form.fullmatch(value.strip()):
            return value.strip()
        return self.wrong(value, key, checker)


class Dated(Type):
    """A work's date as museums write it (c. 1968, ca. 1936, 1968–72, 1960s, 1968, printed 1981, n.d.): printed as
    written; sorted by its first year (model.year_number)."""

    label = "a date such as 2019, c. 1968, 1968–72, 1960s, '1968, printed 1981' or n.d."
    _year = re.compile(r"(?<!\d)\d{4}(?!\d)")
    undated = re.compile(r"n\.\s*d\.?|undated|no date|date unknown|unknown", re.IGNORECASE)

    @classmethod
    def accepts(cls, text: str) -> bool:
        """A date names a year, or says that it has none."""
        return len(text) <= 200 and bool(cls._year.search(text) or cls.undated.fullmatch(text.strip()))

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if isinstance(value, bool):
            return self.wrong(value, key, checker)
        if isinstance(value, int) and 1000 <= value <= 2999:
            return str(value)
        if isinstance(value, str) and self.accepts(value):
            return " ".join(value.split())
        return self.wrong(value, key, checker, "write the year in digits; 'n.d.' for an undated work")


class Number(Type):
    """A plain number within bounds (a per cent with decimals, a gamma)."""

    def __init__(self, low: float, high: float):
        self.low, self.high = low, high
        self.label = f"a number from {low:g} to {high:g}"

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float) or not self.low <= value <= self.high:
            return self.wrong(value, key, checker)
        return float(value)


class Bool(Type):
    label = "true or false"

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        return value if isinstance(value, bool) else self.wrong(value, key, checker)


class Length(Type):
    label = "a length with a unit, such as 3mm, 0.125in or 9pt"

    def __init__(self, minimum: float = 0.0, maximum: float | None = None, why: str = ""):
        self.minimum, self.maximum, self.why = minimum, maximum, why  # why: what the maximum comes from

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            unit = "pt" if key and str(key[-1]) in {"size", "leading"} else "mm"
            return self.wrong(value, key, checker, f"add a unit, e.g. {_text(value)}{unit}")
        if not isinstance(value, str):
            return self.wrong(value, key, checker)
        try:
            points = parse_length(value)
        except ValueError:
            return self.wrong(value, key, checker)
        if points < self.minimum:
            least = "may not be negative" if self.minimum == 0 else f"must be at least {_length(self.minimum, key)}"
            checker.report(key, f"'{_where(key)}' {least}: {value}")
            return MISSING
        if self.maximum is not None and points > self.maximum:
            checker.report(key, f"'{_where(key)}' may be at most {_length(self.maximum, key)}{self.why}: {value}")
            return MISSING
        return points


def _length(points: float, key: Key) -> str:
    """A limit in the unit the key is usually written in: points for type, millimetres for the rest."""
    if key and str(key[-1]) in {"size", "leading"}:
        return f"{points:g}pt"
    return f"{round(points / 72 * 25.4, 1):g}mm"


class Colour(Type):
    label = "a colour such as \"#1a1a1a\" or \"cmyk(0, 0, 0, 100)\", or the name of a colour in the layout"

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        pattern = r"#[0-9a-fA-F]{6}|[a-z_][a-z0-9_]*|cmyk\(\s*[\d.]+(\s*,\s*[\d.]+){3}\s*\)"
        if isinstance(value, str) and re.fullmatch(pattern, value.strip()):
            return value.strip()
        return self.wrong(value, key, checker, 'quote hex colours: "#1a1a1a"')


class Enum(Type):
    def __init__(self, *values: str):
        self.values = values
        self.label = "one of " + ", ".join(values)

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if isinstance(value, str) and value.strip() in self.values:
            return value.strip()
        close = difflib.get_close_matches(_text(value)[:100], self.values, n=1)
        return self.wrong(value, key, checker, f"did you mean '{close[0]}'?" if close else "")


class ListOf(Type):
    def __init__(self, item: Type, min_items: int = 0):
        self.item = item
        self.min_items = min_items
        self.label = "a list"

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if value is None:
            value = []
        if not isinstance(value, list):
            return self.wrong(value, key, checker, "start each item on its own line with '- '")
        if len(value) < self.min_items:
            checker.report(key, f"'{_where(key)}' needs at least {self.min_items} item(s)")
        # Unusable items stay as MISSING so that positions keep matching the file's lines.
        return [self.item.check(item, (*key, index), checker) for index, item in enumerate(value)]


@dataclass(frozen=True)
class Field:
    type: Type
    required: bool = False
    default: Any = None
    doc: str = ""


class Record(Type):
    """A mapping with known keys; unknown keys are reported with the nearest known one."""

    label = "a mapping of keys"

    def __init__(self, fields: Mapping[str, Field], name: str = ""):
        self.fields = dict(fields)
        self.name = name

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            return self.wrong(value, key, checker)
        out: dict[str, Any] = {}
        failed = False
        for name in value:
            if str(name) not in self.fields:
                checker.report((*key, str(name)), f"unknown key '{_where((*key, str(name)))}'",
                               _suggest(str(name), self.fields))
        for name, spec in self.fields.items():
            if name not in value or value[name] is None:
                if spec.required:
                    checker.report(key, f"'{_where((*key, name))}' is missing",
                                   f"add '{name}:'" + (f" ({spec.doc})" if spec.doc else ""))
                    failed = True
                out[name] = _default(spec, (*key, name), checker)
                continue
            checked = spec.type.check(value[name], (*key, name), checker)
            if checked is MISSING:
                failed = failed or spec.required
                out[name] = _default(spec, (*key, name), checker)
            else:
                out[name] = checked
        return MISSING if failed else out


def _default(spec: Field, key: Key, checker: Checker) -> Any:
    """A mapping left out (or unusable) still has its own fields' defaults, as if written empty."""
    if isinstance(spec.type, Record) and isinstance(spec.default, dict):
        filled = spec.type.check(spec.default, key, Checker(checker.doc))
        if filled is not MISSING:
            return filled
    return spec.default


def _suggest(name: str, known: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "known keys: " + ", ".join(known)


def present(items: list[Any]) -> list[tuple[int, Any]]:
    """(position, item) for the usable items of a checked list."""
    return [(index, item) for index, item in enumerate(items) if item is not MISSING]


def validate(doc: Document, schema: Type) -> tuple[Any, list[Problem]]:
    """Check a whole document; the value is MISSING when a required part is unusable."""
    checker = Checker(doc, list(doc.problems))
    value = schema.check(doc.data, (), checker)
    return value, checker.problems


class MapOf(Type):
    """A mapping whose keys the user names (font families, colours), each value of one type."""

    label = "a mapping of names"

    def __init__(self, value: Type, key_pattern: str = r"[A-Za-z_][A-Za-z0-9_-]*"):
        self.value = value
        self.key_pattern = re.compile(key_pattern)

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            return self.wrong(value, key, checker)
        out = {}
        for name, item in value.items():
            if not self.key_pattern.fullmatch(str(name)):
                checker.report((*key, str(name)), f"'{shown(_text(name))}' is not a usable name",
                               "use letters, digits, _ and -")
                continue
            checked = self.value.check(item, (*key, str(name)), checker)
            if checked is not MISSING:
                out[str(name)] = checked
        return out


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


class Localized(Str):
    """Text in one language, or a mapping by language code (`bio: {en: ..., ru: ...}`) for bilingual books.

    A subclass of Str so that code knowing only Str still handles the single-text form; `json_schema` describes
    both (catalog.authoring.editor_schema asks for it). The value is the text, or a dict of code -> text in
    file order."""

    label = "text, or a mapping of language codes to texts"

    def __init__(self, text: Str | None = None):
        super().__init__()
        self.text = text or Str()

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if not isinstance(value, dict):
            return self.text.check(value, key, checker)
        if not value:
            checker.report(key, f"'{_where(key)}' is empty", "write the text, or one text per language: en: ...")
            return MISSING
        out: dict[str, str] = {}
        for code, item in value.items():
            name = _text(code)
            if not isinstance(code, str) or not LANGUAGE_CODE.fullmatch(code):
                checker.report((*key, name), f"'{shown(name)}' under '{_where(key)}' is not a language code",
                               "use two or three lower-case letters, such as en, ru or kk")
                continue
            checked = self.text.check(item, (*key, code), checker)
            if checked is not MISSING:
                out[code] = checked
        return out or MISSING

    def json_schema(self, text: dict[str, Any]) -> dict[str, Any]:
        """Either form, given the schema of one text (as the exporter builds it for Str)."""
        return {"anyOf": [text, {"type": "object", "propertyNames": {"pattern": "^[a-z]{2,3}$"},
                                 "additionalProperties": text, "minProperties": 1}],
                "description": "the text, or one text per language: {en: ..., ru: ...}"}


class Names(Str):
    """One name or a list of names (`single: evening`, `pair: [evening, dusk]`), read as a list."""

    label = "a name, or a list of names"

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        if not isinstance(value, list):
            one = super().check(value, key, checker)
            return MISSING if one is MISSING else [one]
        if not value:
            checker.report(key, f"'{_where(key)}' is an empty list", "name at least one work")
            return MISSING
        names = [super(Names, self).check(item, (*key, index), checker) for index, item in enumerate(value)]
        return MISSING if any(name is MISSING for name in names) else names

    def json_schema(self, text: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [text, {"type": "array", "items": text, "minItems": 1}],
                "description": "a work's image name (its file name without the extension) or title, or a list"}
