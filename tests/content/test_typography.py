"""Language typography: quotation marks, apostrophes, primes, dashes and no-break spaces, by language."""

from __future__ import annotations

import subprocess
import sys

import pytest

from catalog.content import markup
from catalog.content.typography import DOUBLE_PRIME, NBSP, NNBSP, PRIME, polish, polish_mapped, tie
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
    assert polish("the President's office", "en") == "the President’s office"


def test_kazakh_follows_russian_rules() -> None:
    assert polish('"Дала" в 2019 г.', "kk") == f"«Дала» в{NBSP}2019{NBSP}г."


@pytest.mark.parametrize(("text", "expected"), [
    ("в Алматы", f"в{NBSP}Алматы"),
    ("к морю и к людям", f"к{NBSP}морю и{NBSP}к{NBSP}людям"),
    ("Я снимаю. А потом", f"Я{NBSP}снимаю. А{NBSP}потом"),
    ("город — это", f"город{NBSP}— это"),
    ("в 2019 г. и в 2020 гг.", f"в{NBSP}2019{NBSP}г. и{NBSP}в{NBSP}2020{NBSP}гг."),
    ("60 × 90 см", f"60{NBSP}×{NBSP}90{NBSP}см"),
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
    assert polish('"x" в y', "es") == '"x" в y'  # no marks known for Spanish: its quotes as written
    assert polish("l'arte", "it") == "l'arte"
    assert polish('"Степь"', "ru_RU") == "«Степь»"
    assert polish("the artist's \"x\"", "en_GB") == polish("the artist's \"x\"", "en-US") == "the artist’s “x”"


@pytest.mark.parametrize("text", ['"a "b" c" в 2019 г. — "д"', 'unclosed " quote', '""', '"""'])
@pytest.mark.parametrize("language", ["ru", "en", "kk"])
def test_polish_keeps_the_length(text: str, language: str) -> None:
    assert len(polish(text, language)) == len(text)


def test_polished_text_keeps_its_spans() -> None:
    text = markup.parse('Серия *"Соседи"* в 2022 г.')
    spans = markup.polished(text, "ru").paragraphs[0].spans
    assert [(s.text, s.italic) for s in spans] == [
        ("Серия ", False), ("«Соседи»", True), (f" в{NBSP}2022{NBSP}г.", False)]


# --- quotes and apostrophes by language -----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("the day's end, don't, l'art", "the day’s end, don’t, l’art"),
    ("in the '90s, in '68", "in the ’90s, in ’68"),
    ("rock 'n' roll", "rock ’n’ roll"),
    ("'tis the season", "’tis the season"),
    ("the artists' works", "the artists’ works"),
    ("the 1990's", "the 1990’s"),
    ("She said 'no'.", "She said ‘no’."),
    ("('inside')", "(‘inside’)"),
    ("a dash—'then' it", "a dash—‘then’ it"),
    ('"He said \'no\' to me," she wrote.', "“He said ‘no’ to me,” she wrote."),  # American nesting
    ("'He said \"no\" to me,' she wrote.", "‘He said “no” to me,’ she wrote."),  # British nesting
    ("'I'm here,' she said.", "‘I’m here,’ she said."),
    ("'Rock 'n' roll' was the title.", "‘Rock ’n’ roll’ was the title."),
    ('""', "“‘"),  # marks opened and never closed stay opening marks: the proof shows them
])
def test_english_quotes_and_apostrophes_in_detail(text: str, expected: str) -> None:
    assert polish(text, "en") == expected


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("de", 'Er sagte: "Das ist \'gut\'" und ging.', "Er sagte: „Das ist ‚gut‘“ und ging."),
    ("de", 'Sie nannte es "die "leere" Steppe".', "Sie nannte es „die ‚leere‘ Steppe“."),
    ("de", "Geht's? Heut' nicht", "Geht’s? Heut’ nicht"),
    ("ru", "д'Артаньян и 'Степь'", "д’Артаньян и\u00a0«Степь»"),
    ("kk", 'Серия "Дала"', "Серия «Дала»"),
    ("uk", "м'ята", "м’ята"),
])
def test_quotes_and_apostrophes_of_other_languages(language: str, text: str, expected: str) -> None:
    assert polish(text, language) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('Il a dit "Bonjour".', f"Il a dit «{NNBSP}Bonjour{NNBSP}»."),
    ("Il a dit « Bonjour ».", f"Il a dit «{NNBSP}Bonjour{NNBSP}»."),  # the author's spaces made narrow
    ('"Oui" : "c\'est "ça"" !', f"«{NNBSP}Oui{NNBSP}»{NNBSP}: «{NNBSP}c’est “ça”{NNBSP}»{NNBSP}!"),
    ("Quoi ? Vraiment ; enfin !", f"Quoi{NNBSP}? Vraiment{NNBSP}; enfin{NNBSP}!"),
    ("Quoi?! Non!", f"Quoi{NNBSP}?! Non{NNBSP}!"),  # one space before a run of marks
    ("à 12:30 et 3:2", "à 12:30 et 3:2"),  # a colon inside a time or a ratio is no French colon
    ("Voir https://exemple.fr/a?b=c:d", "Voir https://exemple.fr/a?b=c:d"),
    ("l'été", "l’été"),
])
def test_french_quotes_and_spacing(text: str, expected: str) -> None:
    assert polish(text, "fr") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He is 5' 11\" tall.", f"He is 5{PRIME} 11{DOUBLE_PRIME} tall."),
    ("a lap of 12'30\"", f"a lap of 12{PRIME}30{DOUBLE_PRIME}"),
    ('"He is 5\' 11" tall," she said.', f"“He is 5{PRIME} 11{DOUBLE_PRIME} tall,” she said."),
    ('"Born in 1990"', "“Born in 1990”"),  # after a digit, a quotation still closes
    ("the '60s", "the ’60s"),  # only directly after a digit
])
def test_primes_after_digits(text: str, expected: str) -> None:
    assert polish(text, "en") == expected


def test_primes_in_a_language_without_quote_marks() -> None:
    assert polish("5' 11\" and 'x'", "es") == f"5{PRIME} 11{DOUBLE_PRIME} and 'x'"


# --- dashes, ellipses, what stays literal -----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Wait... then", "Wait… then"),
    ("four.... dots", "four.... dots"),
    ("pages 10--12 and a break---here", "pages 10–12 and a break—here"),
    ("words - like this", f"words{NBSP}– like this"),  # spaced en dash, which never begins a line
    ("words -- like this", f"words{NBSP}– like this"),
    ("1990-1995, 2026-03-14, ISBN 978-5-00-000000-0, well-known", "1990-1995, 2026-03-14, ISBN 978-5-00-000000-0, "
     "well-known"),
    ("- a list mark at the start", "- a list mark at the start"),
    ("a rule ----- of hyphens", "a rule ----- of hyphens"),
])
def test_dashes_and_ellipses(text: str, expected: str) -> None:
    assert polish(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("See https://example.org/it's--new...page, now", "See https://example.org/it's--new...page, now"),
    ("at https://example.org/a...", "at https://example.org/a…"),  # the sentence's ellipsis, not the address's
    ('Visit "www.example.com/a\'b".', "Visit “www.example.com/a'b”."),
    ("Write to o'brien--art@example.org.", "Write to o'brien--art@example.org."),
    ("'me@example.org'", "‘me@example.org’"),
    ('A \\"straight\\" quote and it\\\'s', "A \"straight\" quote and it's"),
    ('"mixed \\"inner\\" marks"', "“mixed \"inner\" marks”"),
    ("a noncharacter \ufdd0 stays", "a noncharacter \ufdd0 stays"),
])
def test_addresses_and_escaped_quotes_stay_literal(text: str, expected: str) -> None:
    assert polish(text, "en") == expected


def test_escaped_quotes_through_markup() -> None:
    """Markdown keeps a backslash before a quote (only \\* and \\\\ are its escapes); polishing drops it."""
    paragraph = markup.polished(markup.parse('*a \\"title\\"* and "b"'), "en").paragraphs[0]
    assert [(s.text, s.italic) for s in paragraph.spans] == [('a "title"', True), (" and “b”", False)]


# --- ties ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("100 cm, 35.4 cm, 13 in., 5 mm, 300 dpi, 10 %", "100_cm, 35.4_cm, 13_in., 5_mm, 300_dpi, 10_%"),
    ("100 × 150 cm", "100_×_150_cm"),
    ("24 x 30 cm and 100 cm × 150 cm", "24_x_30_cm and 100_cm_×_150_cm"),
    ("13 3/16 × 10 in.", "13_3/16_×_10_in."),
    ("Edition of 7 + 2 AP", "Edition of 7_+_2_AP"),
    ("ed. 3/5, 5 + 2 APs", "ed. 3/5, 5_+_2_APs"),
    ("T. Zhurgenov and A. B. Smith", "T._Zhurgenov and A._B._Smith"),
    ("É. Zola", "É._Zola"),
    ("see p. 12, pp. 4-6, pl. 4, fig. 3, No. 5, no. 6, cat. 7, № 8", "see p._12, pp._4-6, pl._4, fig._3, No._5, "
     "no._6, cat._7, №_8"),
    ("10 000 copies", "10_000 copies"),
    ("born in 1984 in Almaty, 3 in a row", "born in 1984 in Almaty, 3 in a row"),  # "in" is no unit there
    ("1984 200 people, 5 men", "1984 200 people, 5 men"),
    ("the U.S. Army, p.12", "the U.S. Army, p.12"),
])
def test_ties(text: str, expected: str) -> None:
    assert tie(text, "en").replace(NBSP, "_") == expected
    assert tie(text, "de") == tie(text, "en")  # ties are the same in every language


def test_tie_keeps_the_cyrillic_rules_in_cyrillic_languages_only() -> None:
    assert tie("в Алматы 5 см", "ru") == f"в{NBSP}Алматы 5{NBSP}см"
    assert tie("в Алматы 5 см", "en") == "в Алматы 5 см"


@pytest.mark.parametrize("language", ["en", "de", "fr", "ru", "kk", "es"])
def test_tie_is_idempotent_and_changes_only_spaces(language: str) -> None:
    text = ("A. B. Smith, в Алматы, 13 3/16 × 10 in. (p. 12), Edition of 7 + 2 AP, 100 × 150 cm — 10 000 "
            "copies, № 5, 2019 г.")
    once = tie(text, language)
    assert tie(once, language) == once
    assert once.replace(NBSP, " ") == text


SAMPLES = ['She said "the \'empty\' steppe" -- twice...', "rock 'n' roll in the '90s, 5' 11\"",
           'Il dit « oui » : "non" !', 'Он сказал: "Мы снимали "Степь" вместе" в 2019 г.', "A. B. Smith, 7 + 2 AP",
           'Sie sagte "ja".', "plain text without marks"]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("language", ["en", "de", "fr", "ru", "es"])
def test_polish_is_idempotent(text: str, language: str) -> None:
    once = polish(text, language)
    assert polish(once, language) == once


# --- cutting spans back -----------------------------------------------------------------------

def test_polish_maps_offsets_into_the_changed_text() -> None:
    text, offsets = polish_mapped('"Bonjour"!', "fr", [0, 1, 8, 9, 10])
    assert text == f"«{NNBSP}Bonjour{NNBSP}»{NNBSP}!"
    # the space inside an opening guillemet goes with it; the spaces before » and ! with them
    assert offsets == [0, 2, 9, 11, 13]
    text, offsets = polish_mapped("a...b--c", "en", range(9))
    assert text == "a…b–c"
    assert offsets == [0, 1, 2, 2, 2, 3, 4, 4, 5]  # an offset inside a change falls after it
    text, offsets = polish_mapped('see \\"x\\" at www.a.b/c... ok', "en", [4, 6, 11, 26])
    assert text == 'see "x" at www.a.b/c… ok' and offsets == [4, 5, 9, 22]


def test_french_spans_are_cut_back_where_they_end() -> None:
    text = markup.parse('Il dit *"Bonjour"*! Puis **« Salut »** : *fin*...')
    spans = markup.polished(text, "fr").paragraphs[0].spans
    assert [(s.text, s.italic, s.bold) for s in spans] == [
        ("Il dit ", False, False), (f"«{NNBSP}Bonjour{NNBSP}»", True, False), (f"{NNBSP}! Puis ", False, False),
        (f"«{NNBSP}Salut{NNBSP}»", False, True), (f"{NNBSP}: ", False, False), ("fin", True, False),
        ("…", False, False)]
    assert "".join(s.text for s in spans) == polish(text.paragraphs[0].text, "fr")


def test_a_span_emptied_by_polishing_is_dropped() -> None:
    spans = markup.polished(markup.parse("wait.*..*"), "en").paragraphs[0].spans
    assert [(s.text, s.italic) for s in spans] == [("wait…", False)]


HANG_GUARD = """
import sys
from catalog.content.typography import polish
n = 200_000
texts = [" " * n, "'" * n, '"a' * (n // 2), "A. " * (n // 3), "1 1/" * (n // 4), "1 +" * (n // 3), "a ;" * (n // 3),
         "a" * n + "@", "a'" * (n // 2), "a." * (n // 2), "x@y" * (n // 3), "www." * (n // 4), "-" * n, "." * n,
         "1 000" * (n // 5),
         "He's \\"5' 11\\" -- p. 12, 100 x 150 cm, 7 + 2 AP... " * (n // 50)]
for language in ("en", "fr", "ru"):
    for text in texts:
        polish(text, language)
print("done")
"""


def test_long_texts_are_polished_without_hanging() -> None:
    """Every rule is linear: a paragraph may be a megabyte of pasted data. A hang guard, not a timing."""
    done = subprocess.run([sys.executable, "-c", HANG_GUARD], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "done"


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
