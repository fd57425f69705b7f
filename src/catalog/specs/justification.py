"""How a style fills its justified lines besides stretching word spaces: letters spaced a little wider or closer
within limits the style sets, and punctuation hung into the margins (optical margins).

Word spaces alone make the loose lines of narrow columns: a line of few, long words (a name before a tied
initial, a Cyrillic gloss no rule lets break) has few spaces to take up its slack. A percent or two of the type
size between letters spreads it over every character, below what a reader notices; a stop or a hyphen hung into
the margin keeps the edge straight to the eye, as microtype's protrusion and InDesign's optical margin do."""

from __future__ import annotations

from dataclasses import dataclass

from ..source.schema import Bool, Field, Number, Record


@dataclass(frozen=True)
class Justification:
    """Letter-spacing limits in per cent of the type size, added to (or taken from) each character's advance."""

    min_letter_spacing: float = 0.0  # <= 0: letters may close up this much where spaces cannot shrink enough
    max_letter_spacing: float = 0.0  # >= 0: letters may open up this much where spaces have stretched a lot
    hang_punctuation: bool = False   # stops, commas, hyphens and quotes at a line's ends hang into the margin

    @property
    def tighten(self) -> float:
        """Em per character letters may close up by."""
        return -self.min_letter_spacing / 100.0

    @property
    def loosen(self) -> float:
        """Em per character letters may open up by."""
        return self.max_letter_spacing / 100.0


PLAIN = Justification()
"""What a style that says nothing gets: word spaces alone, no hanging punctuation."""

DOCS = {
    "min_letter_spacing": "per cent of the type size letters may close up by, as a negative number (-1: a hundredth "
                          "of an em), once a justified line's spaces have shrunk all they may",
    "max_letter_spacing": "per cent of the type size letters may open up by (2: a fiftieth of an em), once a "
                          "justified line's spaces are half as wide again as normal",
    "hang_punctuation": "hang a justified line's last . , - ’ ” (wholly) or : ; – (half) into the right margin, "
                        "its first “ ‘ ( into the left (optical margins)",
}
_TYPES = {"min_letter_spacing": Number(-5.0, 0.0), "max_letter_spacing": Number(0.0, 10.0),
          "hang_punctuation": Bool()}

JUSTIFICATION_KEYS = {
    "justification": Field(Record({
        name: Field(kind, default=getattr(PLAIN, name), doc=DOCS[name]) for name, kind in _TYPES.items()
    }), default={}, doc="letter-spacing limits and hanging punctuation for justified lines; off unless set"),
}
"""A style's key on justification; the loader makes a Justification of its value."""

