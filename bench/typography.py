"""Benchmark of our line breaking against Typst's: the same texts in the same font files, size, leading and
measure, justified and hyphenated, set by both engines; a table of what a proofreader would count.

    python bench/typography.py               # the example's biographies and foreword, and bench/texts/*.md
    python bench/typography.py --markdown    # the same as Markdown tables, for the README
    python bench/typography.py --keep out/   # and keep the Typst sources and PDFs in out/

Typst is an optional extra, not a test dependency: pip install -e '.[bench]'.

Two settings: the classic layout's body style at 82 mm (its column), and the pocket layout's body style at its
own column (the page less its margins, shared among its columns). The catalog's language (catalog.yaml) is the
language of both: the hyphenation patterns, and in Typst `lang` (and `region`, for en-GB and the like).

Our lines: the engine's public functions, as a build sets a biography (markup.parse, markup.polished,
Typesetter.lines with the style's first-line indent); a word's edges are its piece's x and x + its width.
Typst's lines: a .typ source with one page per paragraph (page as wide as the measure, no margins, the
style's first-line indent on every paragraph), compiled to PDF in a temporary folder; its characters read back
with PDFium, each with its advance box, grouped into lines by baseline. Both are then counted alike, per text:
- lines; hyphenated lines (ending in a hyphen: one hyphenation added or a compound's own); the longest run
  of consecutive hyphenated lines; proper names broken (a hyphenated line whose broken word starts with a
  capital, Latin or Cyrillic: so does a sentence's first word);
- word spaces (from a word's last glyph to the next word's first) over 150 % and over 180 % of the font's
  normal space; the worst line: its widest space in % of normal, and its text.
Typst kerns and makes ligatures when our engine does (fonts.SHAPING), and neither when it does not, so both
break words of the same widths; Typst also kerns a word's edge letters against the space (PT Serif has such
pairs: after a comma, before A or w), which our engine, setting each space as glue of its own, does not, so a
few of Typst's spaces are some % narrower or wider than its justification made them. Typst keeps its own
justification limits (spaces 67-150 %), costs and hyphenation rules; text spans become Typst strings, so it
sees exactly our characters (no smart quotes of its own)."""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import yaml

from catalog.content import markup
from catalog.content.typography import base_language
from catalog.model import Text
from catalog.specs.layouts import LayoutSpec, TextStyle, load_layout
from catalog.text import fonts
from catalog.text.lines import Line
from catalog.text.setter import Typesetter

ROOT = Path(__file__).resolve().parents[1]
MM = 72 / 25.4
CLASSIC_MEASURE = 82 * MM  # the classic layout's column: (210 - 22 - 18 - 6) / 2 mm
HYPHENS = {"-", "\u00ad", "\u2010", "\ufffe", "\x02"}  # PDFium reads a hyphen that ends a line as U+FFFE or U+0002
SPACES = {" ", "\u00a0"}
WORD_GAP = 0.3  # two glyphs further apart than this share of a space are two words, even with no space read
PLAIN_TEXT_WIDTH = 58  # characters of the worst line shown


@dataclass(frozen=True)
class Setting:
    name: str
    layout: LayoutSpec
    style: TextStyle
    width: float  # the measure, in points
    space: float  # the normal word space of the style's regular face, in points

    @property
    def label(self) -> str:
        style = self.style
        return (f"{self.name} body: {self.layout.fonts[style.font].regular.stem} {style.size:g}/{style.leading:g} pt, "
                f"{style.align}{', hyphenated' if style.hyphenate else ''}, indent {style.indent / MM:g} mm, "
                f"measure {self.width / MM:.4g} mm ({self.width:.1f} pt); normal space {self.space:.2f} pt")


@dataclass(frozen=True)
class Glyphs:
    """Text drawn on a line from `left` to `right`, in points; None in a list of them: a space."""

    text: str
    left: float
    right: float


@dataclass(frozen=True)
class SetLine:
    words: tuple[str, ...]
    gaps: tuple[float, ...]  # in points, between consecutive words

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def hyphenated(self) -> bool:
        return bool(self.words) and self.words[-1][-1] in HYPHENS

    @property
    def broken_name(self) -> bool:
        letters = [ch for ch in self.words[-1] if ch.isalpha()] if self.hyphenated else []
        return bool(letters) and letters[0].isupper()  # str.isupper: Latin and Cyrillic capitals alike


@dataclass(frozen=True)
class Row:
    text: str
    engine: str
    lines: int
    hyphenated: int
    run: int
    names: int
    over150: int
    over180: int
    worst: float  # % of the normal space
    worst_line: str

    @staticmethod
    def of(text: str, engine: str, paragraphs: list[list[SetLine]], space: float) -> Row:
        lines = [line for paragraph in paragraphs for line in paragraph]
        spaces = [gap / space * 100 for line in lines for gap in line.gaps]
        run = longest = 0
        for paragraph in paragraphs:
            for line in paragraph:
                run = run + 1 if line.hyphenated else 0
                longest = max(longest, run)
            run = 0
        worst = max(lines, key=lambda line: max(line.gaps, default=0.0))
        return Row(text, engine, len(lines), sum(line.hyphenated for line in lines), longest,
                   sum(line.broken_name for line in lines), sum(s > 150 for s in spaces), sum(s > 180 for s in spaces),
                   max(worst.gaps, default=0.0) / space * 100, worst.text)

    @staticmethod
    def total(engine: str, rows: list[Row]) -> Row:
        worst = max(rows, key=lambda row: row.worst)
        return Row("all", engine, sum(r.lines for r in rows), sum(r.hyphenated for r in rows),
                   max(r.run for r in rows), sum(r.names for r in rows), sum(r.over150 for r in rows),
                   sum(r.over180 for r in rows), worst.worst, worst.worst_line)


def _words(glyphs: Iterable[Glyphs | None], space: float) -> SetLine:
    """A line's words and the gaps between them: glyphs join into a word unless a space or a gap of more than
    WORD_GAP of a space parts them (an italic word and its roman comma are one word)."""
    words: list[str] = []
    gaps: list[float] = []
    right: float | None = None
    parted = False
    for glyph in glyphs:
        if glyph is None:
            parted = right is not None
            continue
        if right is not None and (parted or glyph.left - right > WORD_GAP * space):
            gaps.append(glyph.left - right)
            words.append(glyph.text)
        elif right is None:
            words.append(glyph.text)
        else:
            words[-1] += glyph.text
        right, parted = glyph.right, False
    return SetLine(tuple(words), tuple(gaps))


# --- the texts and settings ----------------------------------------------------------------------------------

def texts() -> list[tuple[str, Path]]:
    """The example's biographies and foreword, then bench/texts/*.md."""
    found = [(path.parent.name, path) for path in sorted((ROOT / "content" / "artists").glob("*/bio.md"))]
    found.append(("foreword", ROOT / "content" / "texts" / "foreword.md"))
    found += [(path.stem, path) for path in sorted((Path(__file__).resolve().parent / "texts").glob("*.md"))]
    return found


def catalog_language() -> str:
    values = yaml.safe_load((ROOT / "catalog.yaml").read_text(encoding="utf-8")) or {}
    return str(values.get("language") or "en")


def settings() -> list[Setting]:
    out = []
    for name in ("classic", "pocket"):
        layout = load_layout(name, ROOT)
        page, margins = layout.page, layout.page.margins
        column = (page.width - margins.inside - margins.outside - (page.columns - 1) * page.gutter) / page.columns
        width = CLASSIC_MEASURE if name == "classic" else column
        style = layout.styles["body"]
        font = fonts.register(layout.fonts).name(style.font, fonts.weight_for(style.weight, False, False))
        out.append(Setting(name, layout, style, width, fonts.width(" ", font, style.size, style.tracking)))
    return out


def read(path: Path, language: str) -> Text:
    """A Markdown text as the build reads a biography: parsed, then the language's typography."""
    return markup.polished(markup.parse(path.read_text(encoding="utf-8"), path, 1), base_language(language))


# --- our engine ----------------------------------------------------------------------------------------------

def ours(text: Text, setting: Setting, language: str) -> list[list[SetLine]]:
    setter = Typesetter(setting.layout, fonts.register(setting.layout.fonts), language)
    style = setting.style
    return [[_our_line(line, setting.space)
             for line in setter.lines(paragraph, style, setting.width, paragraph.origin, first_indent=style.indent)]
            for paragraph in text.paragraphs]


def _our_line(line: Line, space: float) -> SetLine:
    """A justified line draws each word as a piece of its own, at its x; a line set at natural spaces (the
    last) draws words and spaces in one piece: each word's edges are the widths of the text before and
    through it."""
    glyphs: list[Glyphs | None] = []
    for piece in line.pieces:
        for match in re.finditer(r"[^ \u00a0]+|[ \u00a0]+", piece.text):
            if match.group()[0] in SPACES:
                glyphs.append(None)
                continue
            before, through = piece.text[:match.start()], piece.text[:match.end()]
            left = piece.x + (fonts.width(before, piece.font, piece.size, piece.tracking) if before else 0.0)
            right = piece.x + fonts.width(through, piece.font, piece.size, piece.tracking)
            glyphs.append(Glyphs(match.group(), left, right))
    return _words(glyphs, space)


# --- Typst ---------------------------------------------------------------------------------------------------

def typst_source(text: Text, setting: Setting, family: str, language: str) -> str:
    """One page per paragraph, as wide as the measure. Typst's `leading` is the room between one line's bottom
    edge and the next line's top edge: with both edges on the baseline it is the baseline-to-baseline distance,
    our leading."""
    style = setting.style
    lang, _, region = language.replace("_", "-").partition("-")
    shaping = "true" if getattr(fonts, "SHAPING", False) else "false"
    head = [
        f"#set page(width: {setting.width:.4f}pt, height: auto, margin: 0pt)",
        f'#set text(font: "{family}", size: {style.size:g}pt, lang: "{lang.lower()}", '
        + (f'region: "{region.lower()}", ' if region else "")
        + f"hyphenate: {'true' if style.hyphenate else 'false'}, tracking: {style.tracking:g}pt, "
        f'kerning: {shaping}, ligatures: {shaping}, top-edge: "baseline", bottom-edge: "baseline")',
        f"#set par(justify: {'true' if style.align == 'justify' else 'false'}, leading: {style.leading:g}pt, "
        f"spacing: {style.leading:g}pt, first-line-indent: (amount: {style.indent:.4f}pt, all: true))",
    ]
    pages = []
    for paragraph in text.paragraphs:
        parts = []
        for span in paragraph.spans:
            chunk = unicodedata.normalize("NFC", span.text.upper() if style.upper else span.text)
            quoted = '"' + chunk.replace("\\", "\\\\").replace('"', '\\"') + '"'
            weight = fonts.weight_for(style.weight, span.italic, span.bold)
            options = [option for option, wanted in (('style: "italic"', "italic" in weight),
                                                     ('weight: "bold"', "bold" in weight)) if wanted]
            parts.append(f"text({', '.join(options)}, {quoted})" if options else quoted)
        pages.append("#{" + "; ".join(parts) + "}")
    return "\n".join(head) + "\n" + "\n#pagebreak()\n".join(pages) + "\n"


def typst(text: Text, setting: Setting, language: str, folder: Path, name: str) -> list[list[SetLine]]:
    import typst as typst_py  # the bench extra; checked in main

    book = fonts.register(setting.layout.fonts)
    files = setting.layout.fonts[setting.style.font]
    source = folder / f"{name}.typ"
    pdf = folder / f"{name}.pdf"
    source.write_text(typst_source(text, setting, book.family_names[setting.style.font], language), encoding="utf-8")
    folders = sorted({str(files.file(weight).parent) for weight in ("regular", "italic", "bold", "bold_italic")})
    typst_py.compile(str(source), output=str(pdf), root=str(folder), font_paths=folders, ignore_system_fonts=True)
    document = pdfium.PdfDocument(pdf)
    try:
        paragraphs = [_pdf_lines(document[index], setting) for index in range(len(document))]
    finally:
        document.close()
    if len(paragraphs) != len(text.paragraphs):
        raise SystemExit(f"{pdf}: {len(paragraphs)} pages for {len(text.paragraphs)} paragraphs")
    return paragraphs


def _pdf_lines(page: pdfium.PdfPage, setting: Setting) -> list[SetLine]:
    """A page's characters as lines: a new line where the baseline moves by more than half the leading.
    PDFium's loose box of a character spans its advance (origin to origin + advance), so a word's last box
    ends where a space would start; the spaces it reads (or adds, where the PDF has none) part words."""
    textpage = page.get_textpage()
    lines: list[list[Glyphs | None]] = []
    baseline: float | None = None
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if char in ("\r", "\n", ""):
            continue
        left, bottom, right, _top = textpage.get_charbox(index, loose=True)
        if baseline is None or abs(bottom - baseline) > setting.style.leading / 2:
            if char in SPACES:
                continue
            lines.append([])
            baseline = bottom
        lines[-1].append(None if char in SPACES else Glyphs("-" if char in HYPHENS else char, left, right))
    textpage.close()
    page.close()
    return [_words(glyphs, setting.space) for glyphs in lines]


# --- the table -----------------------------------------------------------------------------------------------

COLUMNS = ("text", "engine", "lines", "hyphenated", "run", "names", ">150%", ">180%", "worst", "worst line")


def _cells(row: Row, width: int | None) -> list[str]:
    line = row.worst_line
    if width is not None and len(line) > width:
        line = line[:width - 1] + "…"
    return [row.text, row.engine, str(row.lines), str(row.hyphenated), str(row.run), str(row.names),
            str(row.over150), str(row.over180), f"{row.worst:.0f} %", line]


def plain_table(rows: list[Row]) -> str:
    cells = [list(COLUMNS)] + [_cells(row, PLAIN_TEXT_WIDTH) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    out = []
    for number, row in enumerate(cells):
        out.append("  ".join(cell.ljust(w) if i in (0, 1, 9) else cell.rjust(w)
                             for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip())
        if number == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def markdown_table(rows: list[Row]) -> str:
    out = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(("---", "---", *["---:"] * 7, "---")) + "|"]
    for row in rows:
        cells = _cells(row, None)
        cells[-1] = "`" + cells[-1].replace("`", "'") + "`" if cells[-1] else ""
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for the README)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the Typst sources and PDFs in DIR")
    args = parser.parse_args()
    try:
        version = importlib.metadata.version("typst")
    except importlib.metadata.PackageNotFoundError:
        sys.exit("the Typst bindings are not installed: pip install -e '.[bench]' (or pip install typst)")

    language = catalog_language()
    engines: dict[str, Callable[[Text, Setting, str, Path, str], list[list[SetLine]]]] = {
        "ours": lambda text, setting, language, _folder, _name: ours(text, setting, language),
        f"typst {version}": typst,
    }
    seconds = dict.fromkeys(engines, 0.0)
    with tempfile.TemporaryDirectory(prefix="typography-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for number, setting in enumerate(settings()):
            rows: dict[str, list[Row]] = {engine: [] for engine in engines}
            for name, path in texts():
                text = read(path, language)
                for engine, set_text in engines.items():
                    start = time.perf_counter()
                    paragraphs = set_text(text, setting, language, folder, f"{setting.name}-{name}")
                    seconds[engine] += time.perf_counter() - start
                    rows[engine].append(Row.of(name, engine, paragraphs, setting.space))
            table = [row for group in zip(*rows.values(), strict=True) for row in group]
            table += [Row.total(engine, engine_rows) for engine, engine_rows in rows.items()]
            if number:
                print()
            if args.markdown:
                print(f"**{setting.label}**\n\n{markdown_table(table)}")
            else:
                print(f"{setting.label}\n\n{plain_table(table)}")
    shaping = "on" if getattr(fonts, "SHAPING", False) else "off"
    print(f"\nlanguage {language}; kerning and ligatures {shaping} in both; "
          + ", ".join(f"{engine} {time_:.1f} s" for engine, time_ in seconds.items())
          + (f"; Typst files in {args.keep}" if args.keep else ""))


if __name__ == "__main__":
    main()
