"""Prose in a project (biographies, statements, essays, acknowledgements): Markdown written in the YAML file or
kept in a Markdown file beside it, read with the line each paragraph starts on."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import CatalogError, Problem
from ..model import Essay, Origin, Text, Translated
from ..source.schema import UNPRINTABLE
from ..source.yamlfile import Document, read_limited
from . import markup
from .files import is_file, path_in_project

MAX_TEXT_BYTES = 1_000_000  # a Markdown file (bio, statement, essay): a book's worth of prose

_TEXT_FILE = re.compile(r"[^\s]+\.(md|markdown|txt)")


def text_versions(root: Path, folder: Path, value: Any, doc: Document, name: str, languages: tuple[str, ...],
                   problems: list[Problem]) -> Translated[Text]:
    """A prose field in each language written, each polished with its own language's typography."""
    if not value:
        return Translated()
    entries = value.items() if isinstance(value, dict) else [(languages[0], value)]
    versions = []
    for code, text in entries:
        key = (name, code) if isinstance(value, dict) else (name,)
        body = _text_field(root, folder, text, doc, key, problems)
        if body is not None:
            versions.append((code, markup.polished(body, code)))
    return Translated(tuple(versions))


def main_text(versions: Translated[Text], languages: tuple[str, ...]) -> Text | None:
    if not versions:
        return None
    return versions.get(languages[0]) or versions.items[0][1]


def _text_field(root: Path, folder: Path, value: str | None, doc: Document, key: tuple[Any, ...],
                problems: list[Problem]) -> Text | None:
    """Inline Markdown, or the name of a Markdown file beside the YAML file."""
    if not value:
        return None
    if _TEXT_FILE.fullmatch(value.strip()):
        return _text_file(root, folder, value.strip(), doc, key, problems)
    return inline_text(value, doc, key)


def inline_text(value: str, doc: Document, key: tuple[Any, ...], essay: list[Problem] | None = None) -> Text:
    """Markdown written in YAML. Only a literal block (|) keeps the file's line breaks; in every
    other style YAML has already joined lines and turned each blank line into one newline.
    `essay`: read as an essay (notes, cross-references), what is wrong with its notes added to it."""
    line = doc.line(*key)
    style = doc.styles.get(tuple(key), "")
    if style != "|":
        value = value.replace("\n", "\n\n")
    first = line + 1 if line is not None and style in ("|", ">") else line
    return _parsed(value, doc.path, first, essay)


def _parsed(source: str, file: Path, first: int | None, essay: list[Problem] | None) -> Text:
    if essay is None:
        return markup.parse(source, file, first)
    text, found = markup.parse_essay(source, file, first)
    essay.extend(found)
    return text


def _text_file(root: Path, base: Path, value: str, doc: Document, key: tuple[Any, ...],
               problems: list[Problem], essay: list[Problem] | None = None) -> Text | None:
    line = doc.line(*key)
    resolved = path_in_project(root, base, value, doc, key, problems)
    if resolved is None:
        return None
    if resolved.exists() and not is_file(resolved):
        problems.append(Problem(f"not a file: {value}", doc.path, line, hint="name a Markdown (.md) file"))
        return None
    if not is_file(resolved):
        problems.append(Problem(f"text file not found: {value}", doc.path, line,
                                hint=f"create {value} beside {doc.path.name} or write the text inline"))
        return None
    try:
        raw = read_limited(resolved, MAX_TEXT_BYTES, "text")
    except CatalogError as exc:
        problems.extend(exc.problems)
        return None
    try:
        source = unicodedata.normalize("NFC", raw.decode("utf-8-sig"))  # NFD from macOS prints the same
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem("the text file is not UTF-8", resolved, bad_line,
                                hint="save it as UTF-8 in your editor"))
        return None
    source = source.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends
    bad = UNPRINTABLE.search(source)
    if bad:
        problems.append(Problem(f"the text file contains the character U+{ord(bad.group()):04X}, which cannot be "
                                "printed", resolved, source[: bad.start()].count("\n") + 1,
                                hint="delete it (such characters often come with pasted text)"))
        return None
    text = _parsed(source, resolved, 1, essay)
    if not text.paragraphs:
        problems.append(Problem(f"the text file {value} is empty", doc.path, line))
        return None
    return text


def essay(root: Path, doc: Document, index: int, item: dict[str, Any], problems: list[Problem],
          language: str = "en", warnings: list[Problem] | None = None) -> Essay | None:
    """An essay, polished with the typography of its own `language:`, else `language` (the catalog's). What is
    wrong with its notes goes to `problems` (an error) or `warnings`; an interview's paragraphs become
    questions and answers."""
    key = ("texts", index)
    if item.get("file") and item.get("text"):
        problems.append(Problem("a text has both 'file' and 'text'", doc.path, doc.line(*key),
                                hint="keep one of them"))
        return None
    found: list[Problem] = []
    if item.get("file"):
        body = _text_file(root, root, item["file"], doc, (*key, "file"), problems, found)
    elif item.get("text"):
        body = inline_text(item["text"], doc, (*key, "text"), found)
    else:
        problems.append(Problem(f"the text '{item['title']}' has no 'file' or 'text'", doc.path,
                                doc.line(*key), hint="add 'file: content/texts/foreword.md'"))
        return None
    problems.extend(problem for problem in found if problem.severity == "error")
    if warnings is not None:
        warnings.extend(problem for problem in found if problem.severity != "error")
    if body is None:
        return None
    style = item.get("style") or "essay"
    if style == "interview":
        body = interview(body)
    own = item.get("language")
    return Essay(item["title"], markup.polished(body, own or language), item.get("author"),
                 Origin(doc.path, doc.line(*key)), own, item.get("artist"), style)


_SPOKEN = re.compile(r"([QA]):[ \t\u00a0]*")
_SAYS = {"Q": "question", "A": "answer"}


def interview(text: Text) -> Text:
    """An interview's paragraphs as questions and answers: one starting 'Q:' or 'A:' (the mark is dropped: the
    style tells them apart), or a speaker's name in bold, '**Name:**', the first name heard being the one who
    asks. A paragraph with neither continues its speaker's turn."""
    paragraphs, turn, asker = [], "paragraph", None
    for paragraph in text.paragraphs:
        if paragraph.kind != "paragraph" or not paragraph.spans:
            paragraphs.append(paragraph)
            continue
        first = paragraph.spans[0]
        said = _SPOKEN.match(first.text)
        if said:
            turn = _SAYS[said.group(1)]
            rest = first.text[said.end():]
            spans = ((replace(first, text=rest),) if rest else ()) + paragraph.spans[1:]
            paragraph = replace(paragraph, spans=spans)
        elif first.bold and first.text.rstrip().endswith(":"):
            name = first.text.strip()[:-1].strip()
            asker = asker or name
            turn = "question" if name == asker else "answer"
        paragraphs.append(replace(paragraph, kind=turn))
    return replace(text, paragraphs=tuple(paragraphs))
