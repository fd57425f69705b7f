"""The text tests' fonts: the classic layout's families, registered once per module."""

from __future__ import annotations

import pytest

from catalog.specs.layouts import load_layout
from catalog.text import fonts
from catalog.text.fonts import FontBook
from tests.support import REPO


@pytest.fixture(scope="module")
def book() -> FontBook:
    return fonts.register(load_layout("classic", REPO).fonts)


@pytest.fixture(scope="module")
def serif(book: FontBook) -> str:
    return book.name("text", "regular")
