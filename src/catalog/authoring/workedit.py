"""Works entries already in artist.yaml changed in place, as text. A field that changes has its lines rewritten; a
field that is added takes the place of its commented-out line (as `new artist` writes them) or follows the entry's
last field. Every other line stays as it was: the author's comments, the order, the quoting, blank lines. A comment
beside a changed value is kept too, unless it is one this program wrote ('fill in, e.g. ...')."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .entries import Value, rendered
from .yamledit import comment_start

# The comments `new artist` writes beside a value it leaves to the author, which go once the value is given.
_GENERATED = re.compile(r"#\s*(?:fill in, e\.g\.|from the photo's date; check it|the photo file's date)")


@dataclass(frozen=True)
class Span:
    """Where a key and its value are: the key's line and column, the value's last line, and the column after a
    value written on the key's own line (-1 for a value of several lines)."""

    line: int
    column: int
    last: int
    end: int


@dataclass(frozen=True)
class Item:
    """One works entry in the text: its lines [start, stop), the column of its keys, where each key is, and its
    last line holding a value. `flow`: written as {...}, which this module does not edit."""

    start: int
    stop: int
    indent: int
    keys: dict[str, Span]
    last: int
    flow: bool = False


def works_items(text: str) -> list[Item] | None:
    """The works entries of artist.yaml, in order; None when `works` is not a block list ('- ' lines) or the
    text is not YAML."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return None
    if not isinstance(root, MappingNode):
        return None
    works = next((value for key, value in root.value if isinstance(key, ScalarNode) and key.value == "works"), None)
    if not isinstance(works, SequenceNode) or works.flow_style:
        return None
    lines = text.splitlines()
    items: list[Item] = []
    for node in works.value:
        start = node.start_mark.line
        if not isinstance(node, MappingNode) or node.flow_style or not node.value:
            items.append(Item(start, start + 1, 0, {}, node.end_mark.line, flow=True))
            continue
        keys = {str(key.value): _span(key, value, lines) for key, value in node.value if isinstance(key, ScalarNode)}
        indent = node.value[0][0].start_mark.column
        items.append(Item(start, 0, indent, keys, max(span.last for span in keys.values())))
    for index, item in enumerate(items):
        stop = items[index + 1].start if index + 1 < len(items) else _trailing(lines, item)
        items[index] = Item(item.start, stop, item.indent, item.keys, item.last, item.flow)
    return items


def _span(key: Node, value: Node, lines: list[str]) -> Span:
    line, column = key.start_mark.line, key.start_mark.column
    last = _last_line(value)
    if last == line and not (isinstance(value, ScalarNode) and value.style in ("|", ">")):
        return Span(line, column, line, value.end_mark.column)
    while last > line and not lines[last].strip():
        last -= 1  # a block scalar's end is after its line breaks
    return Span(line, column, max(last, line), -1)


def _last_line(node: Node) -> int:
    """The last line holding the value: a block collection ends with its last value (its end mark is where the
    next key begins, after any comments), a block scalar on the line before its end mark."""
    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        child = node.value[-1]
        return _last_line(child[1] if isinstance(child, tuple) else child)
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _trailing(lines: list[str], item: Item) -> int:
    """Where the last entry's lines end: after its values, the blank lines and its commented-out fields."""
    stop = item.last + 1
    while stop < len(lines) and (not lines[stop].strip() or (lines[stop].lstrip().startswith("#")
                                                             and _indent(lines[stop]) >= item.indent)):
        stop += 1
    return stop


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def set_fields(text: str, item: Item, values: dict[str, Value]) -> str:
    """`text` with the entry's fields set to `values`, each in the place described above."""
    lines = text.splitlines()
    edits: list[tuple[int, int, list[str]]] = []
    appended: list[str] = []
    for name, value in values.items():
        span = item.keys.get(name)
        if span is not None:
            edits.append(_replaced(lines, span, name, value))
            continue
        pad = " " * item.indent
        first, *rest = rendered(value, pad)
        commented = next((number for number in range(item.start, item.stop)
                          if re.match(rf"{pad}#\s*{re.escape(name)}\s*:", lines[number])
                          and _indent(lines[number]) == item.indent), None)
        if commented is not None:
            edits.append((commented, commented + 1, [f"{pad}{name}: {first}", *rest]))
        else:
            appended.extend([f"{pad}{name}: {first}", *rest])
    if appended:
        edits.append((item.last + 1, item.last + 1, appended))
    for start, stop, new in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        lines[start:stop] = new
    return "\n".join(lines) + "\n"


def _replaced(lines: list[str], span: Span, name: str, value: Value) -> tuple[int, int, list[str]]:
    """The edit giving an existing key its new value: the line's start (an item's '- ' too) kept, the comment
    beside the value kept unless generated, comment lines inside a value of several lines kept above it."""
    line = lines[span.line]
    first, *rest = rendered(value, " " * span.column)
    new = f"{line[:span.column]}{name}: {first}"
    if span.end >= 0:
        after = line[span.end:]
        comment, column = after.strip(), span.end + _indent(after)
    else:
        comment, column = _comment(line[span.column:]), -1
        column = line.rfind(comment) if comment else -1
    if comment.startswith("#") and not _GENERATED.match(comment):
        new = (new.ljust(column) if len(new) < column else new + "  ") + comment
    inside = [text for text in lines[span.line + 1: span.last + 1] if text.lstrip().startswith("#")] \
        if span.end < 0 else []
    return span.line, span.last + 1, [*inside, new, *rest]


def _comment(text: str) -> str:
    """The comment ending a line after its value, or ''."""
    start = comment_start(text)
    return text[start:].strip() if start else ""
