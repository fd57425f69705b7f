"""YAML files loaded safely, with the line of every value kept for error messages."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import CatalogError, ContentError, Problem

Key = tuple[str | int, ...]

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64  # values inside values; content needs a handful, and parsing deeper recurses in Python


@dataclass(frozen=True)
class Document:
    """Plain data from one YAML file plus where each value came from."""

    path: Path
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    files: dict[Key, Path] = field(default_factory=dict)
    styles: dict[Key, str] = field(default_factory=dict)  # scalar styles: '' plain, '|', '>', '"', "'"
    # The text of unquoted values YAML read as something else (numbers, dates: 1:20, 007, 2026-03-14),
    # so a text field prints what was written rather than Python's idea of the value.
    written: dict[Key, str] = field(default_factory=dict)

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
                    base.problems + child.problems, files, {**base.styles, **child.styles},
                    {**base.written, **child.written})


def _deep_merge(base: Any, child: Any) -> Any:
    if isinstance(base, dict) and isinstance(child, dict):
        out = dict(base)
        for key, value in child.items():
            out[key] = _deep_merge(base[key], value) if key in base else value
        return out
    return child


def load_yaml(path: Path, error: type[CatalogError] = ContentError) -> Document:
    """Parse one file; syntax errors become a single `error` naming the file and line."""
    raw = read_limited(path, MAX_BYTES, "content", error)
    try:
        text = unicodedata.normalize("NFC", raw.decode("utf-8-sig"))  # NFD from macOS prints the same
    except UnicodeDecodeError as exc:
        raise error(Problem("the file is not UTF-8 text", path, raw[: exc.start].count(b"\n") + 1,
                            hint="save it as UTF-8 in your editor")) from None
    index = _Index(path, error)
    loader: _Loader | None = None
    try:
        loader = _Loader(text, path, error)
        node = loader.get_single_node()
        if node is not None:
            index.walk(node, ())  # before constructing: the constructor rewrites merge keys in place
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as exc:
        position = exc.position if isinstance(exc.position, int) else 0
        character = exc.character if isinstance(exc.character, int) else 0
        raise error(Problem(f"the file contains the control character U+{character:04X}, which YAML does not allow",
                            path, text[:position].count("\n") + 1,
                            hint="delete it (it often comes with text pasted from another program)")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        tag = _unknown_tag(exc.problem or "")
        if tag is not None:  # SafeLoader knows no Python tags: nothing in a file can run code
            raise error(Problem(f"the YAML tag {tag} is not allowed: project files hold plain values only", path,
                                line, hint="remove the tag, and quote the value if it is text")) from None
        what = (exc.problem or "invalid YAML").strip()
        if exc.context:
            what = f"{exc.context.strip()}, {what}"
        raise error(Problem(f"YAML syntax error: {what}", path, line,
                            hint="check indentation, colons and quotes on this line or the one above")) from None
    except yaml.YAMLError as exc:
        raise error(Problem(f"YAML error: {exc}", path)) from None
    except RecursionError:
        raise error(_too_deep(path, None)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return Document(path, data, index.lines, tuple(index.problems), styles=index.styles, written=index.written)


def read_limited(path: Path, limit: int, noun: str, error: type[CatalogError] = ContentError) -> bytes:
    """A file's bytes, refused when it is not a regular file or is over `limit` (read no further than that)."""
    try:
        if path.exists() and not path.is_file():
            raise error(Problem("cannot read the file (it is not a regular file)", path))
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise error(Problem(f"cannot read the file ({exc.strerror or exc})", path)) from None
    if len(raw) > limit:
        size = max(len(raw), _size(path))
        raise error(Problem(
            f"the file is {size // 1024} KB, more than the {limit // 1024} KB a {noun} file may be",
            path, hint="split it or remove pasted binary data"))
    return raw


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _unknown_tag(problem: str) -> str | None:
    """The tag PyYAML could not construct (!!python/object/apply:os.system, !custom), as written."""
    prefix = "could not determine a constructor for the tag "
    if not problem.startswith(prefix):
        return None
    tag = problem.removeprefix(prefix).strip().strip("'")
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _too_deep(path: Path, line: int | None) -> Problem:
    return Problem(f"values are nested more than {MAX_DEPTH} levels deep", path, line,
                   hint="look for unclosed brackets, or write the values out flat")


def _or_text(construct: Any) -> Any:
    """A value that only looks like a number, date or yes/no (2026-13-45, a 5000-digit number,
    !!int abc) is kept as the text it is, for the schema to accept as text or report plainly."""
    def construct_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode | yaml.MappingNode) -> Any:
        # The wrapped constructors are scalar ones: a sequence node fails in `construct` (ConstructorError).
        try:
            return construct(loader, node)
        except (ValueError, ArithmeticError, LookupError, AttributeError, TypeError):
            return loader.construct_scalar(node)
    return construct_or_text


class _Loader(yaml.SafeLoader):
    """SafeLoader (no Python objects, ever) that stops at absurd nesting before Python's recursion does."""

    def __init__(self, text: str, path: Path, error: type[CatalogError]):
        super().__init__(text)
        self.path, self.error, self.depth = path, error, 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise self.error(_too_deep(self.path, self.peek_event().start_mark.line + 1))
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


for _tag in ("int", "float", "bool", "timestamp"):
    _name = f"tag:yaml.org,2002:{_tag}"
    _Loader.add_constructor(_name, _or_text(yaml.SafeLoader.yaml_constructors[_name]))


@dataclass
class _Index:
    """Lines (and scalar styles) of every value, found by walking the composed node tree."""

    path: Path
    error: type[CatalogError]
    lines: dict[Key, int] = field(default_factory=dict)
    styles: dict[Key, str] = field(default_factory=dict)
    written: dict[Key, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    count: int = 0
    open: set[int] = field(default_factory=set)

    def walk(self, node: yaml.Node, key: Key) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.error(Problem(
                "the document expands to too many values (aliases that repeat aliases?)", self.path,
                hint="write the values out instead of nesting anchors and aliases"))
        if len(key) > MAX_DEPTH:  # aliases inside aliases can nest deeper than the text does
            raise self.error(_too_deep(self.path, node.start_mark.line + 1))
        if id(node) in self.open:
            raise self.error(Problem("an alias refers to the value that contains it", self.path,
                                     node.start_mark.line + 1, hint="remove the alias or point it elsewhere"))
        self.lines.setdefault(key, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            self.styles[key] = node.style or ""
            if not node.style and node.tag != "tag:yaml.org,2002:str":
                self.written[key] = node.value
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
            name = _key_name(key_node)
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
                if id(item) in self.open:
                    raise self.error(Problem("a '<<' merge refers to the mapping that contains it", self.path,
                                             item.start_mark.line + 1, hint="remove the '<<' or point it elsewhere"))
                for key_node, value_node in item.value:
                    name = _key_name(key_node)
                    if name not in seen and key_node.tag != "tag:yaml.org,2002:merge":
                        seen[name] = key_node.start_mark.line + 1
                        self.walk(value_node, (*key, name))


def _key_name(node: yaml.Node) -> str:
    """A key as the schema names it; a list or mapping used as a key (an error later) by its kind."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    return "[...]" if isinstance(node, yaml.SequenceNode) else "{...}"
