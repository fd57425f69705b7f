"""The Markdown subset of catalog texts: paragraphs, *italic*, **bold**; everything else is literal."""

from __future__ import annotations

import re
from itertools import accumulate
from pathlib import Path

from ..model import Origin, Paragraph, Span, Text
from . import typography

_BLANK = re.compile(r"\n[ \t]*\n")
_SPACE = re.compile(r"[ \t\r\n]+")
_SPECIAL = re.compile(r"\\[*\\]?|\*+")  # an escape, or a run of asterisks


def parse(source: str, file: Path | None = None, first_line: int | None = None) -> Text:
    """Split into paragraphs at blank lines and resolve emphasis; `first_line` anchors error lines."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[Paragraph] = []
    offset = 0
    counted, newlines = 0, 0  # newlines in source[:counted]: counted on, not from the start, for each paragraph
    for match in [*_BLANK.finditer(source), None]:
        end = match.start() if match else len(source)
        chunk = source[offset:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            line = None
            if first_line is not None:
                newlines += source.count("\n", counted, offset + lead)
                counted = offset + lead
                line = first_line + newlines
            text = _SPACE.sub(" ", chunk).strip()
            paragraphs.append(Paragraph(inline(text), Origin(file, line)))
        if match:
            offset = match.end() - 1
    return Text(tuple(paragraphs))


def inline(text: str) -> tuple[Span, ...]:
    """Emphasis by asterisk runs of the same length; unmatched asterisks print as written."""
    tokens = _tokenize(text)
    _match(tokens)
    spans: list[Span] = []
    italic = bold = False
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            joined = "".join(buffer)
            if spans and spans[-1].italic == italic and spans[-1].bold == bold:
                spans[-1] = Span(spans[-1].text + joined, italic, bold)
            else:
                spans.append(Span(joined, italic, bold))
            buffer.clear()

    for token in tokens:
        if token.kind == "text" or not token.paired:
            buffer.append(token.text)
            continue
        flush()
        if token.size in (1, 3):
            italic = not italic
        if token.size in (2, 3):
            bold = not bold
    flush()
    return tuple(spans)


class _Token:
    __slots__ = ("can_close", "can_open", "kind", "paired", "size", "text")

    def __init__(self, kind: str, text: str, can_open: bool = False, can_close: bool = False):
        self.kind = kind
        self.text = text
        self.size = len(text)
        self.can_open = can_open
        self.can_close = can_close
        self.paired = False


def _tokenize(text: str) -> list[_Token]:
    """Text and asterisk runs. The text between runs and escapes is taken whole, not character by character."""
    tokens: list[_Token] = []
    plain: list[str] = []
    i = 0
    for special in _SPECIAL.finditer(text):
        start, end = special.span()
        if start > i:
            plain.append(text[i:start])
        i = end
        mark = special.group()
        if mark[0] == "\\":  # an escaped asterisk or backslash is literal; a lone backslash is kept
            plain.append(mark[1:] or mark)
            continue
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if len(mark) <= 3:
            if plain:
                tokens.append(_Token("text", "".join(plain)))
                plain.clear()
            tokens.append(_Token("delim", mark, can_open=not after.isspace(), can_close=not before.isspace()))
        else:
            plain.append(mark)
    if i < len(text):
        plain.append(text[i:])
    if plain:
        tokens.append(_Token("text", "".join(plain)))
    return tokens


def _match(tokens: list[_Token]) -> None:
    """Pair each closing run with the nearest open run of the same length, innermost first; runs opened after
    that one stay literal. One stack of (position, run) per length: searching a single stack of all open runs
    was quadratic in a text of many runs that never close."""
    openers: dict[int, list[tuple[int, _Token]]] = {}
    for position, token in enumerate(tokens):
        if token.kind != "delim":
            continue
        same = openers.setdefault(token.size, [])
        if token.can_close and same:
            start, opener = same.pop()
            opener.paired = token.paired = True
            for stack in openers.values():
                while stack and stack[-1][0] > start:
                    stack.pop()
            continue
        if token.can_open:
            same.append((position, token))


def polished(text: Text, language: str) -> Text:
    """`text` with the typography of its language (quotation marks, apostrophes, no-break spaces), span by span.

    The whole paragraph is polished at once, so a quote opened in italics closes in roman; the spans are cut
    back where their ends fall in the polished text (an ellipsis or French spacing changes its length). A span
    left empty (the dots of an ellipsis split by emphasis) is dropped."""
    paragraphs = []
    for paragraph in text.paragraphs:
        ends = accumulate(len(span.text) for span in paragraph.spans)
        whole, cuts = typography.polish_mapped(paragraph.text, language, ends)
        spans, start = [], 0
        for span, end in zip(paragraph.spans, cuts, strict=True):
            if end > start:
                spans.append(Span(whole[start:end], span.italic, span.bold))
            start = end
        paragraphs.append(Paragraph(tuple(spans), paragraph.origin))
    return Text(tuple(paragraphs))
