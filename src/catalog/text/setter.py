"""Turning content into typeset blocks for a style: fonts per span, glyph checks, line breaking."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby

from ..colour import Swatch
from ..content.typography import DOUBLE_PRIME, NBSP, NNBSP, PRIME, base_language, polish
from ..errors import Problem
from ..model import Origin, Paragraph, Span
from ..specs.layouts import LayoutSpec, TextStyle
from ..specs.opentype import script_of
from . import fonts
from .fonts import FontBook
from .lines import Line, Run, Setting
from .typeset import set_text


@dataclass(frozen=True)
class Part:
    """A piece of text the planner composes (caption parts, list entries); printed as written. `superior`: set
    smaller and raised, as a note's number is."""

    text: str
    italic: bool = False
    bold: bool = False
    colour: Swatch | None = None
    superior: bool = False


SUPERIOR_SIZE = 0.62  # of the style's size: a note's number, as a font's superior figures are drawn
SUPERIOR_RISE = 0.36  # of the style's size above the baseline: its top near the capitals' height


Content = str | Paragraph | Sequence[Span | Part]


@dataclass(frozen=True)
class Block:
    """Typeset lines of one paragraph, with what the flow needs to place them."""

    lines: tuple[Line, ...]
    style: TextStyle
    baseline: float
    left: float = 0.0
    label: Line | None = None
    label_colour: Swatch | None = None
    keep_with_next: bool = False
    keep_together: bool = False
    anchor: str | None = None
    space_before: float = 0.0
    space_after: float = 0.0
    origin: Origin = Origin()
    resumes: Block | None = None  # a list entry's group heading, repeated "(continued)" atop a new column
    inset: float = 0.0  # set in from the frame's left edge, label and lines (a block quote, a nested list)
    # Footnotes to print at the foot of the frame a line goes into: (line index, the note's blocks), each note
    # with the line of its first reference.
    notes: tuple[tuple[int, tuple[Block, ...]], ...] = ()
    marks: tuple[tuple[int, str], ...] = ()  # (line index, anchor): index marks, on the page their line goes to

    @property
    def leading(self) -> float:
        return self.style.leading

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.leading


FITTED = ("body", "statement", "list")  # the running text copyfitting may set smaller; never headings


@dataclass
class Typesetter:
    """What the planner asks for text: a layout style's runs and lines at a width, set by the line
    breaker with the layout's fonts in the catalog's language. Missing glyphs, lines too long for
    their column and words cut without a hyphen are collected in `problems`, with the content's
    origin, instead of stopping the plan."""

    layout: LayoutSpec
    book: FontBook
    language: str
    problems: list[Problem] = field(default_factory=list)
    _reported: set[tuple[str, str, str, int | None]] = field(default_factory=set)
    _broken: set[Origin] = field(default_factory=set)
    fit: float = 1.0  # copyfitting: running text set this much smaller, size and leading (plan/copyfit.py)

    def style(self, role: str) -> TextStyle:
        style = self.layout.styles[role]
        if self.fit != 1.0 and role in FITTED:
            return replace(style, size=style.size * self.fit, leading=style.leading * self.fit)
        return style

    def runs(self, content: Content, style: TextStyle, origin: Origin, language: str | None = None) -> tuple[Run, ...]:
        """The content as runs of the style's fonts. The planner's texts (strings, Parts) get the typography of
        `language` (default: the book's) here; a Paragraph's spans were polished when they were loaded."""
        parts = _parts(_polished(content, language or self.language))
        runs: list[Run] = []
        for part in parts:
            text = unicodedata.normalize("NFC", part.text)
            if style.upper:
                text = text.upper()
            weight = fonts.weight_for(style.weight, part.italic, part.bold)
            font = self.book.name(style.font, weight)
            text = self._stand_ins(text, font)
            for segment, face in self._fall_back(text, font, style, weight):
                self._check_glyphs(segment, face, origin, style, weight)
                self._check_features(face, style)
                size, rise = (style.size * SUPERIOR_SIZE, style.size * SUPERIOR_RISE) if part.superior else (
                    style.size, 0.0)
                runs.append(Run(segment, fonts.with_features(face, style.features), size, style.tracking,
                                part.colour, rise))
        return tuple(runs)

    def _fall_back(self, text: str, font: str, style: TextStyle, weight: str) -> list[tuple[str, str]]:
        """The text in stretches of one font each: the style's own, and for a character it lacks, the style's
        fallback family for the character's script where that has it."""
        absent = set(self.book.missing(text, font)) if style.fallback else set()
        if not absent:
            return [(text, font)]
        families = dict(style.fallback)
        chosen = {}
        for char in absent:
            family = families.get(script_of(char))
            other = self.book.name(family, weight) if family else font
            chosen[char] = other if not self.book.missing(char, other) else font
        return [("".join(chars), face) for face, chars in groupby(text, key=lambda ch: chosen.get(ch, font))]

    def _check_features(self, font: str, style: TextStyle) -> None:
        """A feature the font lacks changes nothing: the designer who asked for old-style figures is told."""
        for tag in style.features:
            key = (tag, font, style.role, None)
            if tag.startswith("-") or tag in fonts.feature_tags(font) or key in self._reported:
                continue
            self._reported.add(key)
            origin = self.layout.origin("styles", style.role, "features")
            self.problems.append(Problem(
                f"style '{style.role}' asks for the OpenType feature '{tag}', which the font "
                f"{self.book.display_name(font)} does not have: the text is set without it", origin.file,
                origin.line, hint="features it has: " + (", ".join(sorted(fonts.feature_tags(font))) or "none"),
                severity="warning", code="font-feature"))

    def _stand_ins(self, text: str, font: str) -> str:
        """Typography's finer marks, where the font has no glyph for them, as their nearest plain forms:
        French spacing's narrow no-break space as a no-break space (a tie), primes as straight marks."""
        wanted = "".join(mark for mark in _STAND_INS if mark in text)
        for mark in self.book.missing(wanted, font) if wanted else ():
            text = text.replace(mark, _STAND_INS[mark])
        return text

    def lines(self, content: Content, style: TextStyle, width: float, origin: Origin,
              first_indent: float = 0.0, align: str | None = None, language: str | None = None) -> tuple[Line, ...]:
        """`language` (default: the book's) chooses the hyphenation patterns; the book's own language
        keeps its regional form (en_GB), as a single-language book always did."""
        if language is None or base_language(language) == base_language(self.language):
            language = self.language
        runs = self.runs(content, style, origin, language)
        setting = Setting(width=max(width, 1.0), align=align or style.align, hyphenate=style.hyphenate,
                          language=language, first_indent=first_indent, hyphenation=style.hyphenation,
                          justification=style.justification)
        lines = set_text(runs, setting)
        if any(line.overfull > 0.5 for line in lines):
            self.problems.append(Problem(
                "a line is too long for its column and runs into the margin", origin.file, origin.line,
                hint="shorten the word or allow a break with a hyphen", severity="warning", code="overflow"))
        self._check_broken(lines, origin)
        return lines

    def _check_broken(self, lines: tuple[Line, ...], origin: Origin) -> None:
        """A word cut between letters, with no hyphen, is nowhere a proofreader would break it: reported once
        per place in the source (a running head tries several cuts of the same text)."""
        forced = [line for line in lines if line.forced]
        if not forced or origin in self._broken:
            return
        self._broken.add(origin)
        length, count = max(line.word_length for line in forced), len(forced)
        self.problems.append(Problem(
            f"a word of {length:,} characters is too long for its column: it is broken between letters, "
            f"with no hyphen, on {count:,} line{'s' if count != 1 else ''}", origin.file, origin.line,
            hint="is it pasted data? add spaces or soft hyphens where it may break, or shorten it",
            severity="warning", code="broken-word", where=origin.key))

    def block(self, content: Content, role: str, width: float, origin: Origin = Origin(), *,
              first_indent: float | None = None, label: Content | None = None, label_width: float = 0.0,
              label_colour: Swatch | None = None, keep_with_next: bool = False, keep_together: bool = False,
              anchor: str | None = None, space_before: float | None = None,
              space_after: float | None = None, align: str | None = None, language: str | None = None,
              inset: float = 0.0) -> Block:
        style = self.style(role)
        indent = style.indent if first_indent is None else first_indent
        lines = self.lines(content, style, width - label_width, origin, indent, align, language)
        label_line = None
        if label is not None:
            label_lines = self.lines(label, style, max(label_width, 1.0) * 4, origin, 0.0, "left")
            label_line = label_lines[0] if label_lines else None
        return Block(
            lines=lines, style=style, baseline=self.baseline(style), left=label_width,
            label=label_line, label_colour=label_colour, keep_with_next=keep_with_next,
            keep_together=keep_together, anchor=anchor,
            space_before=style.space_before if space_before is None else space_before,
            space_after=style.space_after if space_after is None else space_after, origin=origin, inset=inset,
            marks=index_marks(content, lines, origin))

    def baseline(self, style: TextStyle) -> float:
        """Distance from a line's top to its baseline: half the extra leading above the ascender."""
        font = self.book.name(style.font, style.weight)
        asc = fonts.ascent(font, style.size)
        desc = fonts.descent(font, style.size)
        return (style.leading - (asc + desc)) / 2 + asc

    def _check_glyphs(self, text: str, font: str, origin: Origin, style: TextStyle, weight: str) -> None:
        # Each distinct character once: a paragraph may be a megabyte of pasted data.
        chars = set(text)
        backwards = sorted({_script(ch) for ch in chars if unicodedata.bidirectional(ch) in RIGHT_TO_LEFT})
        for script in backwards:
            key = (script, "script", str(origin.file), origin.line)
            if key not in self._reported:
                self._reported.add(key)
                self.problems.append(Problem(
                    f"text in {script.title()} script is written right to left, which this version cannot set: "
                    "it would print its letters unjoined and in the wrong order", origin.file, origin.line,
                    hint="leave the text out of this catalog, or place it as an image", code="script"))
        absent = [char for char in self.book.missing("".join(chars), font)
                  if (char, font, str(origin.file), origin.line) not in self._reported]
        self._reported.update((char, font, str(origin.file), origin.line) for char in absent)
        for script, group in groupby(sorted(absent, key=script_of), key=script_of):
            self.problems.append(self._missing(list(group), script, font, origin, style, weight))

    def _missing(self, chars: list[str], script: str, font: str, origin: Origin, style: TextStyle,
                 weight: str) -> Problem:
        """One finding for a text's characters of one script that no font of the style has."""
        family = dict(style.fallback).get(script)
        fallback = self.book.name(family, weight) if family else None
        nor = f", nor in its {script} fallback {self.book.display_name(fallback)}" if fallback else ""
        listed = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in chars[:8]) + (
            f" and {len(chars) - 8} more" if len(chars) > 8 else "")
        one = len(chars) == 1
        return Problem(
            f"the character{'' if one else 's'} {listed} {'is' if one else 'are'} not in the font "
            f"{self.book.display_name(font)}{nor}", origin.file, origin.line, code="missing-glyph",
            hint=f"replace {'it' if one else 'them'}, or choose a layout font that has {'it' if one else 'them'}" + (
                "" if fallback else f", or give the layout a fallback font for {script} text "
                                    f"('fallback: {{{script}: <family>}}', or per style)"))


def index_marks(content: Content, lines: tuple[Line, ...], origin: Origin) -> tuple[tuple[int, str], ...]:
    """The line each index mark of the content is set on, with the anchor the index finds its page by: the
    marked text's first word, looked for in the lines in order (a word broken at a line's end is found by its
    first part). Anchors are named by the entry, the text's place in its file and the mark's count there, so a
    planning pass names them as the one before did."""
    spans = content.spans if isinstance(content, Paragraph) else content if not isinstance(content, str) else ()
    marked = [item for item in spans if isinstance(item, Span) and item.index]
    if not marked:
        return ()
    texts = [line.text for line in lines]
    found, at, offset = [], 0, 0
    for count, span in enumerate(marked):
        first = (span.text.split() or [""])[0]
        for word in (first, first[:3]):  # whole, else its first part before a hyphen at a line's end
            line, start = _find(texts, word, at, offset)
            if line < len(texts):
                break
        at, offset = (line, start + len(word)) if line < len(texts) else (at, offset)
        place = f"{origin.file.name if origin.file else ''}:{origin.line}:{count}"
        found.append((min(at, len(texts) - 1), f"{INDEX_ANCHOR}{span.index}@{place}"))
    return tuple(found)


def _find(texts: list[str], word: str, line: int, offset: int) -> tuple[int, int]:
    """The first line from `line` (from `offset` in it) holding `word`, and where: (len(texts), 0) for none."""
    while line < len(texts):
        start = texts[line].find(word, offset)
        if start >= 0:
            return line, start
        line, offset = line + 1, 0
    return line, 0


INDEX_ANCHOR = "index:"
"""How the anchors of index marks begin: the entry follows, up to an '@'."""

RIGHT_TO_LEFT = ("R", "AL")
"""Unicode bidirectional classes of right-to-left letters (Hebrew; Arabic, Syriac, Thaana...): refused,
never printed left to right."""


def _script(char: str) -> str:
    """The script a character belongs to, from its Unicode name ("ARABIC LETTER ALEF": Arabic)."""
    return unicodedata.name(char, "UNKNOWN").split()[0]


_STAND_INS = {NNBSP: NBSP, PRIME: "'", DOUBLE_PRIME: '"'}


def _polished(content: Content, language: str) -> Content:
    """Strings and Parts, which the planner composes (titles, captions, list entries), with the language's
    quotes, apostrophes and ties (content.typography.polish, which leaves polished text as it is); a
    Paragraph's spans were polished when they were loaded."""
    if isinstance(content, str):
        return polish(unicodedata.normalize("NFC", content), language)
    if isinstance(content, Paragraph):
        return content
    return [replace(item, text=polish(unicodedata.normalize("NFC", item.text), language)) if isinstance(item, Part)
            else item for item in content]


def _parts(content: Content) -> list[Part]:
    """A paragraph's spans as parts: a note's number raised, a list item's label in front (where the planner
    does not hang it itself)."""
    if isinstance(content, str):
        return [Part(content)]
    label = []
    if isinstance(content, Paragraph):
        label = [Part(content.label + " ")] if content.label else []
        content = content.spans
    return label + [item if isinstance(item, Part) else Part(item.text, item.italic, item.bold,
                                                             superior=bool(item.note)) for item in content]
