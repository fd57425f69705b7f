"""Years for sorting (slugs are tested in test_translit.py)."""

from __future__ import annotations

import pytest

from catalog.model import year_number


@pytest.mark.parametrize(("text", "number"), [
    ("2019", 2019),
    ("2018–2019", 2018),
    ("c. 1990", 1990),
    ("1990s", 1990),
    ("2018/19", 2018),
    ("undated", 0),
    ("19", 0),
    ("", 0),
])
def test_year_number(text: str, number: int) -> None:
    assert year_number(text) == number


def test_year_number_sorts_newest_first() -> None:
    years = ["c. 1990", "2018–2019", "2021", "undated", "2019"]
    assert sorted(years, key=year_number, reverse=True) == ["2021", "2019", "2018–2019", "c. 1990",
                                                           "undated"]
