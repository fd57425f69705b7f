"""Editing YAML as text, keeping the user's comments and order: an item added to a top-level list in the style
the file already uses."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..content.files import ARTIST_FILE, ARTISTS_DIR
from ..errors import Problem
from .files import ScaffoldError
from .templates import yaml_scalar


def add_to_list(text: str, key: str, item: str, path: Path) -> str:
    """`text` with `item` appended to the top-level list `key`, in the style the file uses (flow `[a, b]`
    or block `- a` lines); comments and order are kept. The result is read back to make sure."""
    try:
        before = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None  # type: ignore[attr-defined]
        raise ScaffoldError(Problem("the file is not valid YAML, so it cannot be edited", path, line,
                                    hint="fix it first (catalog check shows where)")) from None
    if not isinstance(before, dict) or key not in before:
        raise ScaffoldError(Problem(f"no '{key}:' list found", path,
                                    hint=f"add a line '{key}: []' (or the list of slugs), then run this again"))
    old = before[key]
    if old is not None and not isinstance(old, list):
        raise ScaffoldError(Problem(f"'{key}' is not a list", path, _key_line(text, key),
                                    hint=f"write it as '{key}: [a, b]' or one '- a' line each"))
    if old and item in old:
        return text
    lines = text.splitlines(keepends=True)
    at = _key_line(text, key)
    if at is None:
        raise ScaffoldError(Problem(f"'{key}:' is not written at the start of a line", path,
                                    hint=f"edit the list by hand: add '{item}'"))
    index = at - 1
    rest = lines[index].split(":", 1)[1]
    value = _strip_comment(rest).strip()
    written = yaml_scalar(item)  # a slug such as 'no' or 'on' needs quotes, or YAML reads true or false
    if value.startswith("["):
        new_lines = _add_flow(lines, index, written)
    elif value == "" and old is not None:
        new_lines = _add_block(lines, index, written)
    elif old is None:
        # An empty key means "every artist folder, by name": keep that list, then add the new one.
        items = [*_folders_for(path, item), item]
        if value:  # `artists: ~` or `null`
            lines[index] = lines[index].replace(value, "", 1)
        new_lines = lines[: index + 1] + [f"  - {yaml_scalar(s)}\n" for s in items] + lines[index + 1:]
        if not new_lines[index].endswith("\n"):
            new_lines[index] += "\n"
    else:
        raise ScaffoldError(Problem(f"cannot tell how '{key}' is written", path, at,
                                    hint=f"add '{item}' to the list by hand"))
    updated = "".join(new_lines)
    try:
        after = yaml.safe_load(updated)
    except yaml.YAMLError:
        after = None
    if not isinstance(after, dict) or after.get(key) != [*(old if old is not None else _folders_for(path, item)), item]:
        raise ScaffoldError(Problem(f"could not add '{item}' to '{key}' safely", path, at,
                                    hint=f"add '{item}' to the list by hand"))
    return updated


def _folders_for(path: Path, item: str) -> list[str]:
    """The artists an empty `artists:` stands for: every folder with an artist.yaml, by name."""
    return sorted(p.name for p in (path.parent / ARTISTS_DIR).glob("*")
                  if (p / ARTIST_FILE).is_file() and p.name != item)


def _key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"{re.escape(key)}\s*:(\s|$)", line):
            return number
    return None


def comment_start(text: str) -> int | None:
    """Where a line's comment begins: a # at its start or after a space, outside quotes; None: no comment."""
    quote = ""
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return i
    return None


def _strip_comment(text: str) -> str:
    """The line without a trailing comment."""
    start = comment_start(text)
    return text if start is None else text[:start]


def _add_flow(lines: list[str], index: int, item: str) -> list[str]:
    """Insert before the closing ] of `key: [a, b]`, which may run over several lines with comments:
    after the last character of code, with a comma unless one is there."""
    text = "".join(lines)
    start = sum(len(line) for line in lines[:index]) + lines[index].index(":") + 1
    quote, comment, last, close = "", False, -1, -1
    for pos in range(start, len(text)):
        char = text[pos]
        if comment:
            comment = char != "\n"
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and text[pos - 1] in " \t\n":
            comment = True
            continue
        elif char == "]":
            close = pos
            break
        if not char.isspace():
            last = pos
    if close < 0 or last < 0:
        return lines
    addition = item if text[last] == "[" else (f" {item}" if text[last] == "," else f", {item}")
    return (text[: last + 1] + addition + text[last + 1:]).splitlines(keepends=True)


def block_list_end(lines: list[str], index: int) -> tuple[int, str | None]:
    """Where the block list under the key on line `index` ends (its last line, the key's own when the
    list is empty) and the indentation of its `- ` items (None: no items yet). Comments and blank
    lines inside it do not end it; a line indented no deeper than the key does."""
    key_indent = len(lines[index]) - len(lines[index].lstrip())
    last, indent = index, None
    for number in range(index + 1, len(lines)):
        line = lines[number]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        own = len(line) - len(line.lstrip())
        if stripped.startswith("-") and own >= key_indent:
            indent = line[:own] if indent is None else indent
        elif own <= key_indent:
            break
        last = number  # an item, or a continuation of one
    return last, indent


def _add_block(lines: list[str], index: int, item: str) -> list[str]:
    """Insert after the last `- x` line of the block list under `key:`."""
    last, indent = block_list_end(lines, index)
    if indent is None:
        indent = " " * (len(lines[index]) - len(lines[index].lstrip()) + 2)
    new = list(lines)
    if not new[last].endswith("\n"):
        new[last] += "\n"
    new.insert(last + 1, f"{indent}- {item}\n")
    return new
