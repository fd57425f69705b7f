"""Language typography: quotation marks and no-break spaces, one character for one."""

from __future__ import annotations

import pytest

from catalog.content import markup
from catalog.content.typography import NBSP, polish
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from catalog.text.lines import Run, Setting
from catalog.text.typeset import set_text
from tests.support import REPO


@pytest.mark.parametrize(("text", "expected"), [
    ('Серия "Соседи" открылась', "Серия «Соседи» открылась"),
    ('Он сказал: "Мы снимали "Степь" вместе"', "Он сказал: «Мы снимали „Степь“ вместе»"),
    ('"Степь" и "море"', f"«Степь» и{NBSP}«море»"),
    ('("Соседи")', "(«Соседи»)"),
])
def test_russian_quotes(text: str, expected: str) -> None:
    assert polish(text, "ru") == expected


def test_english_quotes_and_apostrophes() -> None:
    assert polish('She called it "the "empty" steppe".', "en") == "She called it “the ‘empty’ steppe”."
    assert polish("the President's office", "en") == "the President's office"  # apostrophes as written


def test_kazakh_follows_russian_rules() -> None:
    assert polish('"Дала" в 2019 г.', "kk") == f"«Дала» в{NBSP}2019{NBSP}г."


@pytest.mark.parametrize(("text", "expected"), [
    ("в Алматы", f"в{NBSP}Алматы"),
    ("к морю и к людям", f"к{NBSP}морю и{NBSP}к{NBSP}людям"),
    ("Я снимаю. А потом", f"Я{NBSP}снимаю. А{NBSP}потом"),
    ("город — это", f"город{NBSP}— это"),
    ("в 2019 г. и в 2020 гг.", f"в{NBSP}2019{NBSP}г. и{NBSP}в{NBSP}2020{NBSP}гг."),
    ("60 × 90 см", f"60 × 90{NBSP}см"),
    ("№ 5", f"№{NBSP}5"),
    ("Талгар в", "Талгар в"),  # nothing follows: no space to tie
    ("ров с водой", f"ров с{NBSP}водой"),
    ("т. е. так", "т. е. так"),  # abbreviations are not prepositions
    ("имени Т. Жургенова", f"имени Т.{NBSP}Жургенова"),
    ("А. С. Пушкин", f"А.{NBSP}С.{NBSP}Пушкин"),
    ("году. А потом", f"году. А{NBSP}потом"),
])
def test_russian_no_break_spaces(text: str, expected: str) -> None:
    assert polish(text, "ru") == expected


def test_other_languages_and_regional_codes() -> None:
    assert polish('"x" в y', "de") == '"x" в y'
    assert polish('"Степь"', "ru_RU") == "«Степь»"


@pytest.mark.parametrize("text", ['"a "b" c" в 2019 г. — "д"', 'unclosed " quote', '""', '"""'])
@pytest.mark.parametrize("language", ["ru", "en", "kk"])
def test_polish_keeps_the_length(text: str, language: str) -> None:
    assert len(polish(text, language)) == len(text)


def test_polished_text_keeps_its_spans() -> None:
    text = markup.parse('Серия *"Соседи"* в 2022 г.')
    spans = markup.polished(text, "ru").paragraphs[0].spans
    assert [(s.text, s.italic) for s in spans] == [
        ("Серия ", False), ("«Соседи»", True), (f" в{NBSP}2022{NBSP}г.", False)]


@pytest.fixture(scope="module")
def serif() -> str:
    book = fonts.register(load_layout("classic", REPO).fonts)
    return book.name("text", "regular")


RUSSIAN = polish("Он родился в Алматы в 1984 году и с 2001 по 2005 год учился в академии, а серию показали "
                 "в 2022 г. в Доме фотографии — и у моря. " * 4, "ru")


@pytest.mark.parametrize("align", ["justify", "left"])
def test_no_break_spaces_never_end_a_line(serif: str, align: str) -> None:
    for width in range(60, 260, 7):
        lines = set_text((Run(RUSSIAN, serif, 9.5),), Setting(width=width, align=align, hyphenate=True, language="ru"))
        for line in lines[:-1]:
            assert not line.text.endswith(tuple(f" {letter}" for letter in "вкусоияа")), (width, line.text)
            assert not line.text.rstrip("-").endswith(NBSP)
        assert "".join(line.text for line in lines).count(NBSP) == RUSSIAN.count(NBSP)


def test_no_break_spaces_stretch_with_the_others_in_justified_lines(serif: str) -> None:
    """A tie is a space: in a justified line it widens as much as the spaces beside it."""
    lines = set_text((Run(RUSSIAN, serif, 9.5),), Setting(width=150, align="justify", language="ru"))
    gaps = []
    for line in lines[:-1]:
        for piece, following in zip(line.pieces, line.pieces[1:], strict=False):
            end = piece.x + fonts.width(piece.text.rstrip(NBSP), piece.font, piece.size)
            gaps.append((piece.text.endswith(NBSP), round(following.x - end, 2)))
    tied = {gap for is_tie, gap in gaps if is_tie}
    spaces = {gap for is_tie, gap in gaps if not is_tie}
    assert tied and spaces and max(tied) > fonts.width(" ", serif, 9.5) + 0.1
    assert max(tied) <= max(spaces) + 0.01
