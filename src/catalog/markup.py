"""The Markdown subset of catalog texts: paragraphs, *italic*, **bold**; everything else is literal."""

from __future__ import annotations

import re
from pathlib import Path

from . import typography
from .model import Origin, Paragraph, Span, Text

_BLANK = re.compile(r"\n[ \t]*\n")
_SPACE = re.compile(r"[ \t\r\n]+")


def parse(source: str, file: Path | None = None, first_line: int | None = None) -> Text:
    """Split into paragraphs at blank lines and resolve emphasis; `first_line` anchors error lines."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[Paragraph] = []
    offset = 0
    for match in [*_BLANK.finditer(source), None]:
        end = match.start() if match else len(source)
        chunk = source[offset:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            line = None
            if first_line is not None:
                line = first_line + source.count("\n", 0, offset + lead)
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
    tokens: list[_Token] = []
    plain: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in "*\\":
            plain.append(text[i + 1])
            i += 2
            continue
        if ch == "*":
            j = i
            while j < len(text) and text[j] == "*":
                j += 1
            run = text[i:j]
            before = text[i - 1] if i > 0 else " "
            after = text[j] if j < len(text) else " "
            if len(run) <= 3:
                if plain:
                    tokens.append(_Token("text", "".join(plain)))
                    plain.clear()
                tokens.append(_Token("delim", run, can_open=not after.isspace(),
                                     can_close=not before.isspace()))
            else:
                plain.append(run)
            i = j
            continue
        plain.append(ch)
        i += 1
    if plain:
        tokens.append(_Token("text", "".join(plain)))
    return tokens


def _match(tokens: list[_Token]) -> None:
    """Pair each closing run with the nearest open run of the same length, innermost first."""
    openers: list[_Token] = []
    for token in tokens:
        if token.kind != "delim":
            continue
        if token.can_close:
            for index in range(len(openers) - 1, -1, -1):
                if openers[index].size == token.size:
                    openers[index].paired = token.paired = True
                    del openers[index:]
                    break
            else:
                if token.can_open:
                    openers.append(token)
            continue
        if token.can_open:
            openers.append(token)


def polished(text: Text, language: str) -> Text:
    """`text` with the typography of its language (quotation marks, no-break spaces), span by span.

    The whole paragraph is polished at once, so a quote opened in italics closes in roman; typography
    changes one character for one, so the spans keep their lengths."""
    paragraphs = []
    for paragraph in text.paragraphs:
        whole = typography.polish(paragraph.text, language)
        spans, start = [], 0
        for span in paragraph.spans:
            spans.append(Span(whole[start:start + len(span.text)], span.italic, span.bold))
            start += len(span.text)
        paragraphs.append(Paragraph(tuple(spans), paragraph.origin))
    return Text(tuple(paragraphs))
