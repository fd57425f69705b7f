"""Slugs from names and titles, the one spelling for every file name the program makes (artist folders, the PDF
named after the catalog): Russian and Kazakh Cyrillic spelled in Latin letters the way Kazakh passports and gallery
lists usually spell them (Қайрат -> Kairat, Әлия -> Aliya), so an editor recognises the folder
content/artists/kairat-ospanov/ at a glance."""

from __future__ import annotations

import re
import unicodedata

# Lower case only: names are lowered first. Kazakh letters (ә ғ қ ң ө ұ ү һ і) map to their nearest
# plain Latin letter, as in passports; я/ю/ё keep their y so that Әлия reads "aliya", not "aliia".
CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian and Belarusian letters that turn up in Central Asian names too.
    "є": "ye", "ї": "yi", "ґ": "g", "ў": "u",
}
# Latin letters that Unicode decomposition does not reduce to ASCII (Kazakh Latin ı, German ß, ...).
LATIN = {"ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}

_TABLE = str.maketrans({**CYRILLIC, **LATIN})
MAX_LENGTH = 80


def to_ascii(text: str) -> str:
    """`text` in lower-case ASCII letters: Cyrillic transliterated, accents dropped, other scripts removed."""
    lowered = unicodedata.normalize("NFC", text).lower().translate(_TABLE)
    return unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()


def slug(text: str) -> str:
    """A folder-name slug (lower-case ASCII letters, digits, single hyphens), or '' when nothing is left,
    e.g. for a name written only in a script this table does not cover."""
    # O'Neil -> oneil; other punctuation (dashes included, which ASCII folding would drop) parts words.
    composed = unicodedata.normalize("NFC", text)  # a decomposed й is one letter, not и and a mark
    plain = to_ascii(re.sub(r"[^\w'`’]+", "-", re.sub(r"['`’]", "", composed)))
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return words[:MAX_LENGTH].rstrip("-")
