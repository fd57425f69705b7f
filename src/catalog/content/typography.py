"""Language typography: quotation marks and non-breaking spaces as each language's typesetters expect.

Every change replaces one character by one character (a straight quote by a typographic one, a space by
a no-break space), so a paragraph can be polished as a whole and cut back into its styled spans by
the spans' lengths. Text is otherwise printed exactly as written.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
CYRILLIC_LANGUAGES = frozenset({"ru", "kk", "uk", "be"})

# (outer open, outer close, inner open, inner close)
_QUOTES = {
    "cyrillic": ("«", "»", "„", "“"),
    "en": ("“", "”", "‘", "’"),
}
# A straight quote opens after the start, a space, an opening bracket or dash, or another opening quote.
_OPENS_AFTER = set(" \t\n" + NBSP + "([{—–-/")

# One-letter prepositions and conjunctions that must not end a line in Russian and Kazakh text.
_ONE_LETTER = re.compile(r"(?<![\w\-.])([вксуоиаяВКСУОИАЯ]) (?=\S)")
# A dash must not begin a line: the space before it does not break.
_BEFORE_DASH = re.compile(r"(?<=\S) (?=—)")
# A number stays with its unit or abbreviation (2019 г., 40 × 60 см, 5 тыс.), and № with its number.
_UNITS = r"(?:гг?\.|вв?\.|см|мм|м|км|кг|г|л|тыс\.|млн|млрд|руб\.|экз\.|с\.|%)"
_NUMBER_UNIT = re.compile(rf"(?<=\d) (?={_UNITS}(?![^\W\d_]))")
_NUMERO = re.compile(r"(?<=№) (?=\d)")
# An initial stays with the surname: Т. Жургенов.
_INITIAL = re.compile(r"(?<![\w.])([А-ЯЁӘҒҚҢӨҰҮҺІ]\.) (?=[А-ЯЁӘҒҚҢӨҰҮҺІ](?:[а-яёәғқңөұүһі]|\.))")


def base_language(language: str) -> str:
    """'ru_RU', 'ru-RU' and 'ru' are all Russian."""
    return language.split("_")[0].split("-")[0].lower()


def polish(text: str, language: str) -> str:
    """`text` with the quotation marks and no-break spaces of `language`; same length as `text`."""
    lang = base_language(language)
    if lang in CYRILLIC_LANGUAGES:
        text = quotes(text, "cyrillic")
        text = _ONE_LETTER.sub(lambda m: m.group(1) + NBSP, text)
        text = _BEFORE_DASH.sub(NBSP, text)
        text = _NUMBER_UNIT.sub(NBSP, text)
        text = _INITIAL.sub(lambda m: m.group(1) + NBSP, text)
        return _NUMERO.sub(NBSP, text)
    if lang == "en":
        return quotes(text, "en")
    return text


def quotes(text: str, style: str) -> str:
    """Straight double quotes as opening and closing marks, nested quotes one level in. Single quotes
    (apostrophes) are left as written: existing English text prints as before."""
    if '"' not in text:  # most paragraphs: no walk over their characters
        return text
    outer_open, outer_close, inner_open, inner_close = _QUOTES[style]
    out: list[str] = []
    depth = 0
    for ch in text:
        before = out[-1] if out else " "  # as converted: “ closes in Russian but opens in English
        if ch == '"':
            opening = (before in _OPENS_AFTER or before in (outer_open, inner_open)) and depth < 2
            if opening:
                out.append(outer_open if depth == 0 else inner_open)
                depth += 1
            elif depth:
                out.append(outer_close if depth == 1 else inner_close)
                depth -= 1
            else:
                out.append(ch)  # a closing quote with nothing open: leave it for the author to see
        else:
            out.append(ch)
    return "".join(out)
