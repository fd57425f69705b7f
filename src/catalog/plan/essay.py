"""An essay's pages: its blocks in the layout's styles (headings kept with what follows, quotes and lists set
in, an epigraph, pull quotes, an interview's questions), its notes at the foot of the column their number is in
or after the text under 'Notes', and its cross-references printed as the plate or page the work is on. The
numbers are those of the previous planning pass: the document plans again until they hold."""

from __future__ import annotations

import re
from dataclasses import replace

from ..content.essays import references
from ..errors import Problem
from ..model import Essay, Note, Origin, Paragraph, Span
from ..text.setter import Block, Part
from .context import Context, Draft
from .front import flowing, heading_blocks, report_overflow, title_origin
from .heads import running_heads
from .pages import TextLine

STAND_IN = 888        # a plate number not known yet (the first pass): as wide as most
HALF_LINE = 0.5       # of the body's leading: the space around a quote, a list, a pull quote
EPIGRAPH_INSET = 1 / 3  # of the column: an epigraph stands to the right
NOTE_LABEL = 1.8      # ems of the note style: the room a note's number hangs in
_NUMBERS = re.compile(r"\d+")
SET_OFF = ("quote", "epigraph", "pull", "item", "break")  # blocks with space around them
INTRODUCES = 3        # lines: a paragraph this short ending in a colon stays with the quote or list after it


def essay(ctx: Context, number: int, index: int, text: Essay) -> list[Draft]:
    """The essay from page `number` (`index`: its place in the catalog's texts, for its anchor). Its last page
    is balanced unless footnotes stand at its foot; a note too tall for its page is reported."""
    ts, geo = ctx.setter, ctx.geometry
    width = geo.text_area(number).width
    head = heading_blocks(ctx, text.title, width, origin=text.origin, language=text.language)
    if text.author:
        head.append(ts.block(text.author, "author", width, text.origin, language=text.language))
    setter = _Essay(ctx, text)
    foot = ctx.layout.essays.notes == "foot" and bool(setter.notes)
    body = setter.body(foot)
    if setter.notes and not foot:
        body.extend(setter.endnotes())
    drafts = flowing(ctx, "text", number, head, body,
                     running_heads(ctx, ctx.catalog.title, text.title, title_origin(ctx), text.origin))
    if foot:
        for at, draft in enumerate(drafts, start=number):
            area = geo.text_area(at)
            notes = [item for item in draft.items if isinstance(item, TextLine) and item.style == "note"]
            report_overflow(ctx, at, notes, area.y, area.top, "a footnote")
    drafts[0].anchors.append(f"text:{index}")
    drafts[0].outline.append((text.title, 0))
    return drafts


def _raised(part: Span | Part) -> bool:
    return part.superior if isinstance(part, Part) else bool(part.note)


def _apart(kind: str, before: str) -> bool:
    """Whether a block stands apart from the one before by a half line: a quote, list or pull quote from the
    text around it, and in an interview each turn from the last."""
    if not before or kind == before or kind == "heading":
        return False
    return kind in SET_OFF or before in SET_OFF or {kind, before} == {"question", "answer"}


class _Essay:
    """An essay being set: its notes' blocks by number, the works its references may name, its measures."""

    def __init__(self, ctx: Context, text: Essay):
        self.ctx, self.text = ctx, text
        self.works = references(ctx.catalog.artists)
        self.column = ctx.geometry.column_width
        self.inset = ctx.layout.essays.inset or 2 * ctx.layout.styles["body"].size
        self.notes = {note.number: self._note(note) for note in text.body.notes if note.paragraphs}

    def body(self, foot: bool) -> list[Block]:
        """The essay's paragraphs as blocks; with `foot`, each carrying the notes first called for in it."""
        ts = self.ctx.setter
        half = ts.style("body").leading * HALF_LINE
        blocks: list[Block] = []
        called: set[int] = set()
        before = ""
        paragraphs = self.text.body.paragraphs
        for index, paragraph in enumerate(paragraphs):
            block = self._block(paragraph, before)
            kind = paragraph.kind
            if _apart(kind, before):
                block = replace(block, space_before=max(block.space_before, half))
            after = paragraphs[index + 1].kind if index + 1 < len(paragraphs) else ""
            if after in SET_OFF and paragraph.text.rstrip().endswith(":") and len(block.lines) <= INTRODUCES:
                block = replace(block, keep_with_next=True)  # "as she wrote:" turns no page before its quote
            if foot:
                block = self._calling(block, called)
            blocks.append(block)
            before = kind
        return blocks

    def endnotes(self) -> list[Block]:
        heading = self.ctx.setter.block(self.ctx.label("endnotes"), "essay_heading", self.column, self.text.origin,
                                        first_indent=0.0, keep_with_next=True, language=self.text.language)
        return [heading, *(block for number in sorted(self.notes) for block in self.notes[number])]

    def _block(self, paragraph: Paragraph, before: str) -> Block:
        ts, kind, column, inset = self.ctx.setter, paragraph.kind, self.column, self.inset
        parts = self._parts(paragraph.spans, paragraph.origin)
        language = self.text.language
        if kind == "heading":
            role = "essay_heading" if paragraph.level <= 2 else "essay_subheading"
            return ts.block(parts, role, column, paragraph.origin, first_indent=0.0, keep_with_next=True,
                            language=language)
        if kind == "break":
            return ts.block(parts, "body", column, paragraph.origin, first_indent=0.0, align="center",
                            keep_with_next=True, language=language)
        if kind == "epigraph":
            left = column * EPIGRAPH_INSET
            return ts.block(parts, "epigraph", column - left, paragraph.origin, first_indent=0.0, inset=left,
                            keep_together=True, language=language)
        if kind == "pull":
            return ts.block(parts, "pull_quote", column - 2 * inset, paragraph.origin, first_indent=0.0,
                            inset=inset, keep_together=True, language=language)
        if kind in ("quote", "item"):  # a list's labels hang in the inset; a quote is set in from both sides
            depth = max(paragraph.level, 1)
            start = inset * (depth if kind == "quote" else depth - 1)
            right = inset if kind == "quote" else 0.0
            hang = inset if kind == "item" or paragraph.label else 0.0
            role = "quote" if kind == "quote" else "body"
            indent = (ts.style(role).indent or ts.style("body").indent) if kind == before and not hang else 0.0
            return ts.block(parts, role, column - start - right, paragraph.origin, first_indent=indent,
                            label=paragraph.label or None, label_width=hang, inset=start, language=language)
        role = "question" if kind == "question" else "body"
        return ts.block(parts, role, column, paragraph.origin, language=language,
                        first_indent=None if kind == before == "paragraph" else 0.0)

    def _note(self, note: Note) -> tuple[Block, ...]:
        ts = self.ctx.setter
        hang = ts.style("note").size * NOTE_LABEL
        return tuple(ts.block(self._parts(paragraph.spans, paragraph.origin), "note", self.column, paragraph.origin,
                              first_indent=0.0, label=str(note.number) if index == 0 else None, label_width=hang,
                              language=self.text.language)
                     for index, paragraph in enumerate(note.paragraphs))

    def _calling(self, block: Block, called: set[int]) -> Block:
        """The block with the notes first called for in each of its lines: a line's raised numbers."""
        calls = []
        for index, line in enumerate(block.lines):
            for piece in line.pieces:
                if piece.rise <= 0:
                    continue
                for number in map(int, _NUMBERS.findall(piece.text)):
                    if number in self.notes and number not in called:
                        called.add(number)
                        calls.append((index, self.notes[number]))
        return replace(block, notes=tuple(calls)) if calls else block

    def _parts(self, spans: tuple[Span, ...], origin: Origin) -> list[Span | Part]:
        """What the setter sets: the spans as loaded (polished then, never again: an escaped quote stays straight),
        two note numbers in a row parted by a raised comma, and each cross-reference as the plate or page it
        names."""
        parts: list[Span | Part] = []
        for span in spans:
            if span.note and parts and _raised(parts[-1]):
                parts.append(Part(",", superior=True))
            parts.append(Part(self._reference(span, origin), span.italic, span.bold) if span.ref else span)
        return parts

    def _reference(self, span: Span, origin: Origin) -> str:
        """'pl. 12' (the plate number, where the layout numbers plates) or 'p. 34' (the page of the work's first
        plate). A work this layout shows on no plate is reported, and the reference says so."""
        ctx = self.ctx
        kind, target = span.ref.split(":", 1)
        slug, index = self.works[target]  # the loader checked every reference
        key = f"work:{slug}:{index}"
        if ctx.numbers and key not in ctx.numbers:
            ctx.findings.append(Problem(
                f"the cross-reference {span.text} names a work this layout shows on no plate: it prints "
                f"'{ctx.label('not_illustrated')}'", origin.file, origin.line, severity="warning", code="reference",
                hint="refer to a work the layout prints, or choose a layout that prints this one"))
            return ctx.label("not_illustrated")
        if kind == "pl" and ctx.layout.plates.numbered:
            return f"{ctx.label('plate_ref')} {ctx.known_plates.get(key) or STAND_IN}"
        return f"{ctx.label('page_ref')} {ctx.page_number(key)}"
