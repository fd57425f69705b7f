"""YAML files loaded safely, with the line of every value kept for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import CatalogError, ContentError, Problem

Key = tuple[str | int, ...]

MAX_BYTES = 2_000_000
MAX_NODES = 200_000


@dataclass(frozen=True)
class Document:
    """Plain data from one YAML file plus where each value came from."""

    path: Path
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    files: dict[Key, Path] = field(default_factory=dict)
    styles: dict[Key, str] = field(default_factory=dict)  # scalar styles: '' plain, '|', '>', '"', "'"

    def line(self, *key: str | int) -> int | None:
        """The line of a value, or of its nearest enclosing value when it has none (missing keys)."""
        path: Key = tuple(key)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def locate(self, *key: str | int) -> tuple[Path, int | None]:
        """File and line of a value; merged documents (layout inheritance) span several files."""
        path: Key = tuple(key)
        while path and path not in self.lines:
            path = path[:-1]
        return self.files.get(path, self.path), self.line(*key)


def merge(base: Document, child: Document) -> Document:
    """`child` over `base`: mappings merge key by key, everything else is replaced."""
    lines = dict(base.lines)
    files = {key: base.files.get(key, base.path) for key in base.lines}
    lines.update(child.lines)
    files.update({key: child.files.get(key, child.path) for key in child.lines})
    return Document(child.path, _deep_merge(base.data, child.data), lines,
                    base.problems + child.problems, files, {**base.styles, **child.styles})


def _deep_merge(base: Any, child: Any) -> Any:
    if isinstance(base, dict) and isinstance(child, dict):
        out = dict(base)
        for key, value in child.items():
            out[key] = _deep_merge(base[key], value) if key in base else value
        return out
    return child


def load_yaml(path: Path, error: type[CatalogError] = ContentError) -> Document:
    """Parse one file; syntax errors become a single `error` naming the file and line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(Problem(f"cannot read the file ({exc.strerror})", path)) from None
    if len(raw) > MAX_BYTES:
        raise error(Problem(
            f"the file is {len(raw) // 1024} KB, more than the {MAX_BYTES // 1024} KB a content file may be",
            path, hint="split it or remove pasted binary data"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(Problem("the file is not UTF-8 text", path, line,
                            hint="save it as UTF-8 in your editor")) from None
    loader = yaml.SafeLoader(text)
    index = _Index(path, error)
    try:
        node = loader.get_single_node()
        if node is not None:
            index.walk(node, ())  # before constructing: the constructor rewrites merge keys in place
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = (exc.problem or "invalid YAML").strip()
        if exc.context:
            what = f"{exc.context.strip()}, {what}"
        raise error(Problem(f"YAML syntax error: {what}", path, line,
                            hint="check indentation, colons and quotes on this line or the one above")) from None
    except yaml.YAMLError as exc:
        raise error(Problem(f"YAML error: {exc}", path)) from None
    finally:
        loader.dispose()
    return Document(path, data, index.lines, tuple(index.problems), styles=index.styles)


@dataclass
class _Index:
    """Lines (and scalar styles) of every value, found by walking the composed node tree."""

    path: Path
    error: type[CatalogError]
    lines: dict[Key, int] = field(default_factory=dict)
    styles: dict[Key, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    count: int = 0
    open: set[int] = field(default_factory=set)

    def walk(self, node: yaml.Node, key: Key) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.error(Problem(
                "the document expands to too many values (aliases that repeat aliases?)", self.path,
                hint="write the values out instead of nesting anchors and aliases"))
        if id(node) in self.open:
            raise self.error(Problem("an alias refers to the value that contains it", self.path,
                                     node.start_mark.line + 1, hint="remove the alias or point it elsewhere"))
        self.lines.setdefault(key, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            self.styles[key] = node.style or ""
            return
        self.open.add(id(node))
        if isinstance(node, yaml.MappingNode):
            self._mapping(node, key)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*key, index))
        self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, key: Key) -> None:
        seen: dict[str, int] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged.append(value_node)
                continue
            name = str(key_node.value)
            line = key_node.start_mark.line + 1
            if name in seen:
                self.problems.append(Problem(f"'{name}' is given twice (first on line {seen[name]})",
                                             self.path, line, hint="keep one of them"))
            seen.setdefault(name, line)
            self.walk(value_node, (*key, name))
            self.lines[(*key, name)] = line
        # Keys brought in by '<<: *anchor' point at the anchor's lines, unless given here too.
        for source in merged:
            for item in (source.value if isinstance(source, yaml.SequenceNode) else [source]):
                if not isinstance(item, yaml.MappingNode):
                    continue
                for key_node, value_node in item.value:
                    name = str(key_node.value)
                    if name not in seen and key_node.tag != "tag:yaml.org,2002:merge":
                        seen[name] = key_node.start_mark.line + 1
                        self.walk(value_node, (*key, name))
