"""Catalog texts as Markdown, read by markdown-it-py (CommonMark): paragraphs with *italic* and **bold**, headings,
block quotes, lists, links (their text prints), section breaks; in essays also footnotes (mdit_py_plugins'
footnote), cross-references to works ({pl:REF}, {p:REF}) and blocks marked {.epigraph} or {.pull} (its attrs).

What Markdown would make of HTML, entities, indented or fenced code and link reference definitions stays
literal, as it always was here: a catalogue's text is prose, where `&amp;` or an indented paragraph is what
the author typed. Every block keeps the line it starts on, for messages that name file:line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.footnote import footnote_plugin

from ..errors import Problem
from ..model import Note, Origin, Paragraph, Span, Text
from . import typography

_SPACE = re.compile(r"[ \t\r\n]+")
REFERENCE = re.compile(r"\{(pl|p):([^{}\s]+)\}")  # {pl:bekzat-popov/ceremony}: a work's plate or page
INDEX_MARK = re.compile(r"\{index:([^{}|]+)(?:\|([^{}]+))?\}")  # {index:Almaty} or {index:the capital|Almaty}
_NOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")        # [^1] left as text: a note with no definition
CLASSES = ("epigraph", "pull")                      # what {.class} may mark
BULLETS = ("•", "–", "◦")                            # by depth
_ESCAPED_QUOTES = "\"'"  # kept with their backslash: typography.polish leaves a quote escaped so straight
MAX_HEADING = 3


@cache
def _parser(essay: bool) -> MarkdownIt:
    """CommonMark without what a prose text never means (see the module's docstring); essays add footnotes and
    {.class} lines. Escapes stay separate tokens (no text_join), so an escaped \\[^1] or \\{pl:x} is not one."""
    md = MarkdownIt("commonmark", {"html": False})
    if essay:
        md.use(footnote_plugin).use(attrs_block_plugin)
    md.disable(["code", "fence", "reference", "entity", "text_join"])
    return md


def parse(source: str, file: Path | None = None, first_line: int | None = None) -> Text:
    """A text's blocks; `first_line` (the line `source` starts on in `file`) anchors their lines."""
    return _Reader(file, first_line, essay=False).read(source)


def parse_essay(source: str, file: Path | None = None, first_line: int | None = None) -> tuple[Text, list[Problem]]:
    """An essay's blocks and notes, and what is wrong with its notes: a reference to a note never written
    (an error) and a note never referred to (a warning), each at its line."""
    reader = _Reader(file, first_line, essay=True)
    text = reader.read(source)
    return text, reader.problems


def inline(text: str) -> tuple[Span, ...]:
    """Markdown's inline marks (emphasis, links, escapes) in `text` as styled spans; no blocks: a '*' or '#'
    that starts it is a character."""
    found = _parser(False).parseInline(text.replace("\r\n", "\n").replace("\r", "\n"))
    return _Reader(None, None, essay=False)._spans(found[0].children or [] if found else [], None)


class _Reader:
    """markdown-it's token stream turned into paragraphs of spans, block by block."""

    def __init__(self, file: Path | None, first_line: int | None, essay: bool):
        self.file, self.first_line, self.essay = file, first_line, essay
        self.paragraphs: list[Paragraph] = []
        self.notes: dict[int, list[Paragraph]] = {}
        self.note_lines: dict[int, int | None] = {}
        self.problems: list[Problem] = []

    def _line(self, token: Token | None) -> int | None:
        if self.first_line is None or token is None or token.map is None:
            return None
        return self.first_line + token.map[0]

    def read(self, source: str) -> Text:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
        env: dict[str, Any] = {}
        tokens = _parser(self.essay).parse(source, env)
        self._blocks(tokens, source.split("\n"))
        notes = tuple(Note(number, tuple(paragraphs), Origin(self.file, self.note_lines.get(number)))
                      for number, paragraphs in sorted(self.notes.items()))
        if self.essay:
            self._unused(env, source)
        return Text(tuple(self.paragraphs), notes)

    def _blocks(self, tokens: list[Token], lines: list[str]) -> None:
        quotes: list[str] = []                # the kind of each block quote open: quote, epigraph or pull
        lists: list[str] = []                 # each open list's delimiter: "" (bullets), "." or ")"
        label: str | None = None              # the open item's marker, until its first paragraph takes it
        block_class = ""                      # a paragraph's {.class}
        note: int | None = None               # the number of the footnote being read
        opener: Token | None = None
        for token in tokens:
            kind = token.type
            if kind == "blockquote_open":
                marked = self._class(token)
                first = not self.paragraphs and not lists and not quotes and note is None
                quotes.append(marked or (quotes[-1] if quotes else "epigraph" if first and self.essay else "quote"))
            elif kind == "blockquote_close":
                quotes.pop()
            elif kind in ("bullet_list_open", "ordered_list_open"):
                lists.append(token.markup if kind == "ordered_list_open" else "")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                label = f"{token.info}{lists[-1]}" if lists[-1] else BULLETS[(len(lists) - 1) % len(BULLETS)]
            elif kind == "footnote_open":
                note = token.meta["id"] + 1
                self.notes.setdefault(note, [])
            elif kind == "footnote_close":
                note = None
            elif kind in ("paragraph_open", "heading_open"):
                opener, block_class = token, self._class(token)
            elif kind == "hr":
                line = lines[token.map[0]].strip() if token.map else "* * *"
                self.paragraphs.append(Paragraph((Span(line),), Origin(self.file, self._line(token)), "break"))
            elif kind == "inline":
                spans = self._spans(token.children or [], self._line(opener or token))
                if not spans:
                    continue
                origin = Origin(self.file, self._line(opener or token))
                if note is not None:
                    self.notes[note].append(Paragraph(spans, origin))
                    self.note_lines.setdefault(note, origin.line)
                elif opener is not None and opener.type == "heading_open":
                    level = min(int(opener.tag[1:]), MAX_HEADING)
                    self.paragraphs.append(Paragraph(spans, origin, "heading", level))
                elif quotes:
                    self.paragraphs.append(Paragraph(spans, origin, block_class or quotes[-1], len(quotes),
                                                     label or ""))
                    label = None
                elif lists:
                    self.paragraphs.append(Paragraph(spans, origin, "item", len(lists), label or ""))
                    label = None
                else:
                    self.paragraphs.append(Paragraph(spans, origin, block_class or "paragraph"))
                opener, block_class = None, ""

    def _class(self, token: Token) -> str:
        """The kind a {.class} line gives the block after it: the first class known. A line that marks nothing
        known (a misspelt {.pul}) is a warning: it prints nowhere, and the block would print plain unnoticed."""
        classes = str(token.attrs.get("class", "")).split()
        known = next((name for name in classes if name in CLASSES), "")
        if token.attrs and not known:
            written = " ".join([*(f".{name}" for name in classes), *(f"{key}={value}" for key, value in
                                                                      token.attrs.items() if key != "class")])
            line = self._line(token)
            self.problems.append(Problem(
                f"{{{written}}} marks nothing an essay prints: the block after it prints as usual", self.file,
                line - 1 if line else None, severity="warning",
                hint="mark an epigraph with {.epigraph} and a pull quote with {.pull}"))
        return known

    def _spans(self, children: list[Token], line: int | None) -> tuple[Span, ...]:
        """The inline tokens as spans: emphasis as flags, links as their text, escapes as the character."""
        spans: list[Span] = []
        italic = bold = 0
        pending = list(reversed(children))
        while pending:
            token = pending.pop()
            kind = token.type
            if kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "image":  # its description
                pending.extend(reversed(token.children or []))
            elif kind in ("softbreak", "hardbreak"):
                spans.append(Span(" ", italic > 0, bold > 0))
            elif kind == "footnote_ref":
                number = token.meta["id"] + 1
                spans.append(Span(str(number), italic > 0, bold > 0, note=number))
            elif kind == "text_special":  # an escape
                text = token.markup if token.content in _ESCAPED_QUOTES else token.content
                spans.append(Span(text, italic > 0, bold > 0))
            elif kind == "text":
                spans.extend(self._text(token.content, italic > 0, bold > 0, line))
            elif token.content:  # code, and whatever else has text
                spans.append(Span(token.content, italic > 0, bold > 0))
        return _tidy(spans)

    def _text(self, text: str, italic: bool, bold: bool, line: int | None) -> Iterable[Span]:
        """Plain text, its index marks apart (printed as their text); in an essay, its cross-references apart,
        and a note reference with no note reported."""
        if INDEX_MARK.search(text):
            return [span for part in _indexed(text, italic, bold)
                    for span in (self._text(part.text, italic, bold, line) if not part.index else [part])]
        if not self.essay:
            return [Span(text, italic, bold)]
        for mark in _NOTE_MARK.finditer(text):
            self.problems.append(Problem(
                f"the footnote [^{mark.group(1)}] has no text", self.file, line,
                hint=f"add a line '[^{mark.group(1)}]: the note' at the end of the text, "
                     f"or write \\[^{mark.group(1)}] to print it as it is"))
        out, at = [], 0
        for ref in REFERENCE.finditer(text):
            if ref.start() > at:
                out.append(Span(text[at:ref.start()], italic, bold))
            out.append(Span(ref.group(), italic, bold, ref=f"{ref.group(1)}:{ref.group(2)}"))
            at = ref.end()
        if at < len(text):
            out.append(Span(text[at:], italic, bold))
        return out

    def _unused(self, env: dict[str, Any], source: str) -> None:
        """A note written but never referred to prints nowhere: a warning at its definition's line."""
        refs = (env.get("footnotes") or {}).get("refs") or {}
        lines = source.split("\n")
        for key, used in refs.items():
            if used != -1:
                continue
            label = key[1:]
            definition = re.compile(rf"^ {{0,3}}\[\^{re.escape(label)}\]:")
            at = next((index for index, text in enumerate(lines) if definition.match(text)), None)
            line = self.first_line + at if self.first_line is not None and at is not None else None
            self.problems.append(Problem(
                f"the footnote [^{label}] is never referred to and does not print", self.file, line,
                hint=f"add [^{label}] where the note belongs, or delete the note", severity="warning"))




def _tidy(spans: list[Span]) -> tuple[Span, ...]:
    """White space collapsed to single spaces (a no-break space kept) and trimmed at both ends; neighbours of
    the same style joined, references and notes kept apart."""
    out: list[Span] = []
    for span in spans:
        text = span.text if span.note or span.ref else _SPACE.sub(" ", span.text)
        if not out or out[-1].text.endswith(" "):
            text = text.lstrip(" ") if not (span.note or span.ref) else text
        if not text:
            continue
        last = out[-1] if out else None
        if last and not (last.note or last.ref or last.index or span.note or span.ref or span.index) and (
                last.italic, last.bold) == (
                span.italic, span.bold):
            out[-1] = replace(last, text=last.text + text)
        else:
            out.append(replace(span, text=text))
    while out and not (out[-1].note or out[-1].ref) and out[-1].text.endswith(" "):
        trimmed = out[-1].text.rstrip(" ")
        out[-1:] = [replace(out[-1], text=trimmed)] if trimmed else []
    return tuple(out)


def polished(text: Text, language: str) -> Text:
    """`text` with the typography of its language (quotation marks, apostrophes, no-break spaces), span by span.

    The whole paragraph is polished at once, so a quote opened in italics closes in roman; the spans are cut
    back where their ends fall in the polished text (an ellipsis or French spacing changes its length). A span
    left empty (the dots of an ellipsis split by emphasis) is dropped. A note's number and a cross-reference
    keep their text: the planner prints them."""
    def paragraph(block: Paragraph) -> Paragraph:
        ends = accumulate(len(span.text) for span in block.spans)
        whole, cuts = typography.polish_mapped(block.text, language, ends)
        spans, start = [], 0
        for span, end in zip(block.spans, cuts, strict=True):
            if span.note or span.ref:
                spans.append(span)
            elif end > start:
                spans.append(replace(span, text=whole[start:end]))
            start = end
        return replace(block, spans=tuple(spans))

    notes = tuple(replace(note, paragraphs=tuple(paragraph(p) for p in note.paragraphs)) for note in text.notes)
    return Text(tuple(paragraph(p) for p in text.paragraphs), notes)


def _indexed(text: str, italic: bool, bold: bool) -> list[Span]:
    """Text with its index marks as spans of their own: '{index:the old capital|Almaty}' prints 'the old capital'
    and is found in the index under Almaty."""
    out, at = [], 0
    for mark in INDEX_MARK.finditer(text):
        if mark.start() > at:
            out.append(Span(text[at:mark.start()], italic, bold))
        shown = mark.group(1).strip()
        out.append(Span(shown, italic, bold, index=(mark.group(2) or shown).strip()))
        at = mark.end()
    if at < len(text):
        out.append(Span(text[at:], italic, bold))
    return out
