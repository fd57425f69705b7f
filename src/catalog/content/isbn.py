"""ISBNs as a bookshop's scanner reads them: 10 or 13 digits with a check digit that must be right, and the
13 digits an EAN-13 barcode encodes. The check digits follow the International ISBN Agency's ISBN Users'
Manual (7th edition, 2017, section 5): ISBN-13 weights the first twelve digits 1, 3, 1, 3 ... and the check
digit brings the sum to a multiple of 10; ISBN-10 weights the first nine 10 down to 2 and the check digit
(X for 10) brings the sum to a multiple of 11. An ISBN-10 becomes an ISBN-13 under the prefix 978."""

from __future__ import annotations

import re

PREFIX = re.compile(r"^\s*ISBN(?:-1[03])?[:\s]*", re.IGNORECASE)


class IsbnError(ValueError):
    """What is wrong with an ISBN, in words for the user's message."""


def digits(text: str) -> str:
    """The digits (and a final X) of an ISBN as written: 'ISBN 978-601-7891-24-4' -> '9786017891244'."""
    return re.sub(r"[\s\-]", "", PREFIX.sub("", text)).upper()


def check13(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def check10(first9: str) -> str:
    total = sum(int(d) * (10 - i) for i, d in enumerate(first9))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def isbn13(text: str) -> str:
    """The 13 digits of a valid ISBN (an ISBN-10 converted), or IsbnError saying what is wrong."""
    found = digits(text)
    if not re.fullmatch(r"\d{9}[\dX]|\d{13}", found):
        raise IsbnError(f"has {len(found)} characters where an ISBN has 10 or 13 digits")
    if len(found) == 13:
        if not found.startswith(("978", "979")):
            raise IsbnError("does not start with 978 or 979, as every ISBN-13 does")
        right = check13(found[:12])
    else:
        right = check10(found[:9])
    if found[-1] != right:
        raise IsbnError(f"ends in the check digit {found[-1]}, but the digits before it need {right}")
    return found if len(found) == 13 else "978" + found[:9] + check13("978" + found[:9])
