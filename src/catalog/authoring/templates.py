"""Text written into the user's files: templates filled in, values as YAML reads them back, comments in the
templates' column, and names and arguments made safe to print or write."""

from __future__ import annotations

import re
from importlib import resources

import yaml

from ..errors import Problem
from ..source.schema import shown, unprintable
from .files import ScaffoldError

COMMENT_COLUMN = 38  # where the explanatory comments start in the templates
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # as in paths.py: what no file name should hold


def template(name: str) -> str:
    return (resources.files("catalog") / "templates" / name).read_text(encoding="utf-8")


def fill(text: str, **values: str) -> str:
    """`{{key}}` replaced in one pass over the template, so a value that itself holds `{{...}}` (a name, a title)
    is written as it is, never filled in again; only `{{word}}` is a key, since templates hold `$schema` and braces."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise ValueError(f"template value {match.group()} not given")
        return values[match.group(1)]

    return re.sub(r"\{\{(\w+)\}\}", value, text)


def shown_name(name: str, limit: int = 200) -> str:
    """A file name (or a cell naming one) safe to print in a one-line message: control characters, tab and newline
    included, escaped as \\uXXXX; long names cut short."""
    name = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", name)
    return name if len(name) <= limit else name[: limit - 3] + "..."


def yaml_scalar(value: str) -> str:
    """`value` written as YAML reads it back: plain when it can be, quoted when YAML would misread it
    (yes, 1:20, # or : inside)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True).strip()
    return text.removesuffix("...").strip()


def commented(line: str, comment: str) -> str:
    """A YAML line with its explanation in the comment column, as in the templates."""
    return f"{line.ljust(COMMENT_COLUMN - 1)} # {comment}" if comment else line


def printable_argument(text: str, what: str) -> str:
    """`text` from the command line, refused when it holds a character the loader refuses in text (a control
    character typed with $'...', a byte that is not UTF-8), so it is never written into a file the build rejects."""
    bad = unprintable(text)
    if bad:
        raise ScaffoldError(Problem(f"the {what} '{shown(text)}' contains the character {bad}, which cannot be printed",
                                    hint=f"type the {what} again without it"))
    return text
