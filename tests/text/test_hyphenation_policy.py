"""The house rules on hyphenation: where words may break (points), how the breaker uses them (runs of hyphens,
the line before a paragraph's last), and how a layout states them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalog.model import Origin
from catalog.specs.hyphenation import HOUSE, Hyphenation
from catalog.specs.layouts import load_layout
from catalog.text import hyphenate
from catalog.text.breaking import LONG_PARAGRAPH
from catalog.text.fonts import FontBook
from catalog.text.items import Box, paragraph_items
from catalog.text.lines import Line, Run, Setting
from catalog.text.setter import Typesetter
from catalog.text.typeset import set_text
from tests.support import REPO
from tests.support.projects import add_layout

SIZE = 9.5
ANYTHING = Hyphenation(proper_names=True, min_before=2, min_after=2, max_run=0, last_line=True, other_scripts=True)
"""What the dictionaries alone allow: the rules before this house style."""

LONG_WORDS = (
    "Administrative responsibilities notwithstanding, the photographers' uncharacteristically comprehensive "
    "documentation of industrialisation demonstrates extraordinary understanding: interdisciplinary "
    "collaborations, photographically sophisticated compositions, institutionalised misunderstandings and "
    "unquestionably disproportionate expectations accompanied their investigations into environmental "
    "deterioration throughout the neighbourhood.")
"""Long words with many hyphenation points: set narrow, dictionary hyphenation ends line after line in one."""

NAMES = (
    "Ospanov photographed the Mangystau plateau, travelled through Kyrgyzstan, Uzbekistan and Tajikistan, and "
    "exhibited at the Dala House of Photography and the Kazakh National Academy of Arts. Nevertheless his "
    "photographs of Karaganda, Shymkent and Pavlodar remained unexhibited until the Bishkek biennial. Between "
    "exhibitions Kairat Ospanov lives in Almaty (Алматы), near the Green Bazaar (Көк базар), photographing "
    "свадебные платья and the неторопливые соседи of his neighbourhood.")
"""Proper names, sentence-initial words, a two-letter stub (Be-tween) and Cyrillic words in English text."""

WIDTHS = range(60, 300, 6)


def lines_of(text: str, font: str, width: float, align: str = "justify", rules: Hyphenation = HOUSE,
             language: str = "en") -> tuple[Line, ...]:
    return set_text((Run(text, font, SIZE),), Setting(width, align, True, language, hyphenation=rules))


def longest_run(lines: tuple[Line, ...]) -> int:
    """The most lines in a row that end in a hyphen, added or written."""
    run = longest = 0
    for line in lines:
        run = run + 1 if line.text.rstrip().endswith("-") else 0
        longest = max(longest, run)
    return longest


def broken_words(text: str, lines: tuple[Line, ...]) -> list[tuple[str, int]]:
    """Each word the lines break with an added hyphen, with the characters it keeps before the break. Justified
    lines draw no spaces, so the text is compared without them."""
    bare = re.sub(r"\s", "", text)
    starts = [0]
    for word in text.split():
        starts.append(starts[-1] + len(word))
    broken: list[tuple[str, int]] = []
    offset = 0
    for line in lines:
        drawn = re.sub(r"\s", "", line.text)
        if line.hyphenated:
            drawn = drawn[:-1]
        assert bare[offset:offset + len(drawn)] == drawn
        offset += len(drawn)
        if line.hyphenated:
            index = max(i for i, start in enumerate(starts) if start < offset)
            word = text.split()[index]
            broken.append((word, offset - starts[index]))
    assert offset == len(bare)
    return broken


# --- where a word may break ------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["Almaty", "Mangystau", "Uzbekistan", "Photography", "Unquestionably"])
def test_a_word_starting_with_a_capital_stays_whole_unless_the_layout_allows_it(word: str) -> None:
    assert hyphenate.points(word, "en") == ()
    assert hyphenate.points(word, "en", Hyphenation(proper_names=True, min_before=2)) != ()  # Al-maty
    assert hyphenate.points(word.lower(), "en", Hyphenation(min_before=2)) != ()  # the same word in lower case


def test_a_break_leaves_at_least_three_letters_each_side() -> None:
    assert hyphenate.points("between", "en", Hyphenation(min_before=2)) == (2,)  # be-tween
    assert hyphenate.points("between", "en") == ()
    words = ["photography", "understanding", "interminable", "extraordinary", "responsibilities", "neighbourhood",
             "deterioration", "kilometres", "earning", "remaining", "wedding’s", "(photographer),"]
    for language in ("en-US", "en-GB"):
        for word in words:
            letters = [ch for ch in word if ch.isalpha()]
            for point in hyphenate.points(word, language):
                before = sum(ch.isalpha() for ch in word[:point])
                assert before >= 3 and len(letters) - before >= 3, (word, point)
            for point in hyphenate.points(word, language, Hyphenation(min_before=4, min_after=5)):
                before = sum(ch.isalpha() for ch in word[:point])
                assert before >= 4 and len(letters) - before >= 5, (word, point)
    assert any(hyphenate.points(word, "en", Hyphenation(min_before=2, min_after=2)) != hyphenate.points(word, "en")
               for word in words)  # the minimums took some breaks away


def test_min_word_is_the_shortest_word_broken() -> None:
    assert hyphenate.points("paper", "en", Hyphenation(min_before=2, min_after=2)) == ()
    assert hyphenate.points("paper", "en", Hyphenation(min_before=2, min_after=2, min_word=5)) == (2,)


def test_a_word_in_another_script_than_the_texts_stays_whole() -> None:
    assert hyphenate.points("фотография", "en") == ()  # a Cyrillic gloss in English text
    assert hyphenate.points("(фотография),", "en-GB") == ()
    assert hyphenate.points("фотография", "ru") == (4, 7)  # фото-гра-фия
    assert hyphenate.points("photography", "ru") == ()  # a Latin word in Russian text
    assert hyphenate.points("photography", "en") == (3, 6, 8)
    assert hyphenate.points("фотография", "en", Hyphenation(other_scripts=True)) == (4, 7)
    assert hyphenate.points("photography", "ru", Hyphenation(other_scripts=True)) == (3, 6, 8)
    assert hyphenate.points("photoграфия", "en", Hyphenation(other_scripts=True)) == ()  # two scripts in one


def test_british_and_american_english_have_their_own_patterns() -> None:
    assert hyphenate.patterns("en-GB") == hyphenate.patterns("en_GB") == "en_GB"
    assert hyphenate.patterns("en-US") == hyphenate.patterns("en") == "en_US"  # plain en as before
    assert hyphenate.patterns("ru") == hyphenate.patterns("kk") == "ru_RU"
    assert hyphenate.patterns("xx") is None
    assert hyphenate.points("photography", "en-GB") == (3, 5)  # pho-to-graphy
    assert hyphenate.points("photography", "en-US") == (3, 6, 8)  # pho-tog-ra-phy
    assert hyphenate.points("knowledge", "en-GB") == (4,)  # know-ledge
    assert hyphenate.points("knowledge", "en") == (5,)  # knowl-edge


def test_kazakh_uses_the_russian_patterns_four_letters_from_either_end() -> None:
    assert hyphenate.points("фотография", "kk") == (4,)  # not фотогра-фия
    assert hyphenate.points("катализатор", "ru") == (4, 6, 8)
    assert hyphenate.points("катализатор", "kk") == (4, 6)
    assert hyphenate.points("өнерпаздарға", "ru")  # a Kazakh word in Russian text: its own letters tell
    for point in hyphenate.points("өнерпаздарға", "ru"):
        assert 4 <= point <= len("өнерпаздарға") - 4


# --- the breaker ---------------------------------------------------------------------------------

@pytest.mark.parametrize("align", ["justify", "left"])
def test_no_more_than_two_hyphenated_lines_in_a_row(serif: str, align: str) -> None:
    unruled = [longest_run(lines_of(LONG_WORDS, serif, width, align, Hyphenation(max_run=0))) for width in WIDTHS]
    assert max(unruled) >= 3  # without the limit the paragraph stacks hyphens
    for width in WIDTHS:
        lines = lines_of(LONG_WORDS, serif, width, align)
        assert longest_run(lines) <= 2, width
        assert longest_run(lines_of(LONG_WORDS, serif, width, align, Hyphenation(max_run=1))) <= 1, width


@pytest.mark.parametrize("align", ["justify", "left"])
def test_a_very_long_paragraph_keeps_the_limit_too(serif: str, align: str) -> None:
    """Past LONG_PARAGRAPH break opportunities lines are chosen one at a time, in linear time: still no more
    than two hyphens in a row."""
    text = " ".join([LONG_WORDS] * 60)
    items = paragraph_items([Run(text, serif, SIZE)], Setting(80.0, align, True, hyphenation=HOUSE))
    assert sum(not isinstance(item, Box) for item in items) > LONG_PARAGRAPH
    assert longest_run(lines_of(text, serif, 80.0, align, Hyphenation(max_run=0))) >= 3
    assert longest_run(lines_of(text, serif, 80.0, align)) <= 2


def test_no_line_ends_in_a_broken_name_a_stub_or_a_word_in_another_script(serif: str) -> None:
    unruled = [word for width in WIDTHS for word, _ in broken_words(NAMES, lines_of(NAMES, serif, width,
                                                                                       rules=ANYTHING))]
    assert any(word[0].isupper() for word in unruled)  # the dictionaries alone break names (Uzbek-istan)
    assert any(re.search("[а-я]", word) for word in unruled)  # and the Cyrillic words
    for width in WIDTHS:
        for align in ("justify", "left"):
            lines = lines_of(NAMES, serif, width, align)
            for word, kept in broken_words(NAMES, lines):
                before, letters = sum(ch.isalpha() for ch in word[:kept]), sum(ch.isalpha() for ch in word)
                initial = next(ch for ch in word if ch.isalpha())
                assert initial.islower() and not re.search("[а-яё]", word), (width, word)
                assert before >= 3 and letters - before >= 3, (width, word, kept)


def test_the_line_before_a_paragraphs_last_seldom_ends_in_a_hyphen(serif: str) -> None:
    """A paragraph should not end on a fragment ("maty."): the breaker gives other lines more space instead,
    unless that would leave them looser than the first pass allows."""
    paragraphs = [paragraph.replace("*", "") for artist in ("bekzat-popov", "kairat-ospanov")
                  for paragraph in (REPO / "content" / "artists" / artist / "bio.md").read_text().split("\n\n")]

    def final_hyphens(rules: Hyphenation) -> int:
        return sum(1 for width in range(120, 300, 10) for text in paragraphs
                   for lines in [lines_of(text, serif, width, rules=rules, language="en-GB")]
                   if len(lines) > 2 and lines[-2].hyphenated)
    allowed, ruled = final_hyphens(Hyphenation(last_line=True)), final_hyphens(HOUSE)
    assert ruled <= 0.7 * allowed, (ruled, allowed)


def test_british_text_is_set_with_british_breaks(serif: str) -> None:
    text = "the photography of the photography of the photography of the photography of the photography"
    breaks = {word[:kept] for width in range(40, 120, 2) for word, kept in
              broken_words(text, lines_of(text, serif, width, "left", language="en-GB"))}
    assert breaks and breaks <= {"pho", "photo"}
    american = {word[:kept] for width in range(40, 120, 2) for word, kept in
                broken_words(text, lines_of(text, serif, width, "left", language="en-US"))}
    assert american - {"pho", "photo"}  # photog-, photogra-


# --- the layout states them ----------------------------------------------------------------------

def test_the_builtin_layouts_follow_the_house_rules() -> None:
    for name in ("classic", "pocket", "zine"):
        body = load_layout(name, REPO).styles["body"]
        assert body.hyphenate and body.hyphenation == HOUSE


def test_a_style_changes_what_it_names_and_takes_the_rest_from_the_layout(tmp_path: Path, book: FontBook) -> None:
    add_layout(tmp_path, "house", "base: classic\nhyphenation:\n  max_run: 3\n  min_after: 2\n"
                                  "styles:\n  body:\n    hyphenation: {proper_names: true, min_after: 4}\n")
    layout = load_layout("house", tmp_path)
    assert layout.styles["body"].hyphenation == Hyphenation(proper_names=True, min_after=4, max_run=3)
    assert layout.styles["caption"].hyphenation == Hyphenation(min_after=2, max_run=3)
    setter = Typesetter(layout, book, "en-GB")
    lines = setter.lines("Uzbekistan " * 12, layout.styles["body"], 60.0, Origin())
    assert any(line.hyphenated for line in lines)  # the style allows names: Uzbek-istan
    plain = setter.lines("Uzbekistan " * 12, load_layout("classic", REPO).styles["body"], 60.0, Origin())
    assert not any(line.hyphenated for line in plain)
