"""The line breaker's vocabulary: styled runs and a setting go in, lines of positioned pieces come out.

Frozen and hashable, so a paragraph's lines can be cached by its runs and setting."""

from __future__ import annotations

from dataclasses import dataclass

from ..colour import Swatch
from ..specs.hyphenation import HOUSE, Hyphenation
from ..specs.justification import PLAIN, Justification


@dataclass(frozen=True)
class Run:
    """Input: text in one font and size; `rise`: points above the baseline (a note's superior number)."""

    text: str
    font: str
    size: float
    tracking: float = 0.0
    colour: Swatch | None = None
    rise: float = 0.0


@dataclass(frozen=True)
class Setting:
    """How a paragraph is set: its measure, alignment, hyphenation (in which language's patterns, under which
    rules), the first line's indent, the room the last line keeps free, and what besides word spaces fills a
    justified line (letter-spacing, hanging punctuation)."""

    width: float
    align: str = "left"
    hyphenate: bool = False
    language: str = "en"  # en, en-GB, ru, kk...: the text's language chooses the patterns and its script
    first_indent: float = 0.0
    last_reserve: float = 0.0
    hyphenation: Hyphenation = HOUSE  # the rules, when `hyphenate` is on
    justification: Justification = PLAIN  # used when `align` is justify


@dataclass(frozen=True)
class Piece:
    """Output: text drawn at x (from the line's left edge) and `rise` above its baseline, in one font; colour
    None = the line's."""

    x: float
    text: str
    font: str
    size: float
    tracking: float = 0.0
    colour: Swatch | None = None
    rise: float = 0.0


@dataclass(frozen=True)
class Line:
    """`forced`: the line ends between two letters of a word too wide for any line, with no hyphen (pasted
    data, a run of symbols): the caller reports it, naming the word's length in characters, `word_length`."""

    pieces: tuple[Piece, ...]
    width: float
    hyphenated: bool = False
    overfull: float = 0.0
    forced: bool = False
    word_length: int = 0

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)
