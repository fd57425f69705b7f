"""Slugs for file names (Kazakh and Russian Cyrillic transliterated) and years for sorting."""

from __future__ import annotations

import re

import pytest

from catalog.model import slugify, year_number


@pytest.mark.parametrize(("letter", "latin"), [
    ("Ә", "a"), ("ә", "a"),
    ("Ғ", "g"), ("ғ", "g"),
    ("Қ", "k"), ("қ", "k"),
    ("Ң", "n"), ("ң", "n"),
    ("Ө", "o"), ("ө", "o"),
    ("Ұ", "u"), ("ұ", "u"),
    ("Ү", "u"), ("ү", "u"),
    ("Һ", "h"), ("һ", "h"),
    ("І", "i"), ("і", "i"),
])
def test_kazakh_letters_transliterated(letter: str, latin: str) -> None:
    assert slugify(f"x{letter}x") == f"x{latin}x"


@pytest.mark.parametrize(("name", "slug"), [
    ("Әсел Ғалымқызы", "asel-galymkyzy"),
    ("Іңкәр Өмірбек", "inkar-omirbek"),
    ("Ұлан Үмітов", "ulan-umitov"),
    ("Дала нұры", "dala-nury"),
    ("Жұлдыз Щербакова", "zhuldyz-shcherbakova"),
    ("Ёлка и Юлия", "elka-i-iuliia"),
    ("Сьюзен Объект", "siuzen-obekt"),
    ("Хан Цой Чен Шу Эра", "khan-tsoi-chen-shu-era"),
])
def test_cyrillic_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_kazakh_names_are_spelled_as_on_passports() -> None:
    assert slugify("Қайрат Оспанов") == "kairat-ospanov"


@pytest.mark.parametrize(("text", "slug"), [
    ("Light of the Steppe", "light-of-the-steppe"),
    ("  Light -- of   the__Steppe!  ", "light-of-the-steppe"),
    ("Café Déjà Vu", "cafe-deja-vu"),
    ("ALL CAPS", "all-caps"),
    ("Bekzat Popov & Kairat Ospanov", "bekzat-popov-kairat-ospanov"),
])
def test_latin_slugs(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize(("text", "slug"), [
    ("Photographs 2019–2024", "photographs-2019-2024"),
    ("Day—Night", "day-night"),
])
def test_dashes_separate_words(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["", "   ", "!!!", "★ ☆", "—"])
def test_slug_of_nothing_usable_is_catalog(text: str) -> None:
    assert slugify(text) == "catalog"


@pytest.mark.parametrize("text", ["Қайрат Оспанов", "Әсел / Ғалым", "日本語 text", "a\u0301b", "x—y"])
def test_slugs_are_file_name_safe(text: str) -> None:
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slugify(text))


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
