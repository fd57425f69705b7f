"""Line breaking: justified widths, the last line, indents, hyphenation, long words, soft hyphens."""

from __future__ import annotations

import json
import random
import string
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from catalog.model import Origin
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from catalog.text.fonts import FontBook
from catalog.text.lines import Line, Run, Setting
from catalog.text.setter import Typesetter
from catalog.text.typeset import set_text
from tests.support import REPO

SIZE = 9.5
SHY = "\u00ad"

PROSE = (
    "The photographs gathered here were made over a decade of travel across the steppe, from the "
    "salt lakes of the west to the mountains in the east, in every season and at every hour, "
    "following roads that appear on no map and some that have since disappeared altogether. "
    "Unquestionably, the extraordinary circumstances of their making shaped the pictures: "
    "photographers persevered through blizzards, heatwaves and interminable bureaucratic delays."
)
WORDS = PROSE.split()


@pytest.fixture(scope="module")
def italic(book: FontBook) -> str:
    return book.name("text", "italic")


def run(text: str, font: str, size: float = SIZE) -> tuple[Run, ...]:
    return (Run(text, font, size),)


def end_of(piece_text: str, x: float, font: str, size: float, tracking: float = 0.0) -> float:
    return x + fonts.width(piece_text, font, size, tracking)


def line_words(line: Line) -> list[str]:
    """The words of a line: justified lines have no space characters, only gaps between pieces."""
    chunks: list[str] = []
    current = ""
    previous_end: float | None = None
    for piece in line.pieces:
        if previous_end is not None and piece.x - previous_end > 0.01:
            chunks.append(current)
            current = ""
        current += piece.text
        previous_end = end_of(piece.text, piece.x, piece.font, piece.size, piece.tracking)
    chunks.append(current)
    return " ".join(chunks).split()


def rejoin(lines: tuple[Line, ...]) -> list[str]:
    """All words of a paragraph, with the hyphens added at hyphenated line ends taken out."""
    words: list[str] = []
    carry = False
    for line in lines:
        found = line_words(line)
        if carry:
            assert words[-1].endswith("-")
            words[-1] = words[-1][:-1] + found.pop(0)
        words.extend(found)
        carry = line.hyphenated
    return words


def target(setting: Setting, index: int) -> float:
    return setting.width - (setting.first_indent if index == 0 else 0.0)


# --- justified text ------------------------------------------------------------------------

@pytest.mark.parametrize("width", [130.0, 160.0, 200.0, 240.0])
def test_justified_lines_fill_the_width(serif: str, width: float) -> None:
    setting = Setting(width, "justify", hyphenate=True, first_indent=12.0)
    lines = set_text(run(PROSE, serif), setting)
    assert len(lines) > 3
    for index, line in enumerate(lines[:-1]):
        assert len(line_words(line)) >= 2
        assert line.width == pytest.approx(target(setting, index), abs=0.01)
        last = line.pieces[-1]
        right = end_of(last.text, last.x, last.font, last.size) - (12.0 if index == 0 else 0.0)
        assert right == pytest.approx(target(setting, index), abs=0.01)
        assert line.overfull == 0.0


def test_justified_word_spaces_are_even_within_a_line(serif: str) -> None:
    lines = set_text(run(PROSE, serif), Setting(170.0, "justify", hyphenate=True))
    space = fonts.width(" ", serif, SIZE)
    stretched = 0
    for line in lines[:-1]:
        pieces = line.pieces
        # Each word is one piece, measured as it is drawn (kerned across its hyphenation points): every gap
        # between pieces is a word space.
        gaps = [b.x - end_of(a.text, a.x, a.font, a.size) for a, b in pairwise(pieces)]
        assert gaps
        assert max(gaps) - min(gaps) < 1e-6
        assert gaps[0] >= 0.75 * space - 1e-6  # a space shrinks by a quarter at most
        stretched += gaps[0] > space + 0.01
    assert stretched  # some lines really were stretched, so the gaps were computed


def test_narrow_justified_column_does_not_leave_a_lone_short_word(serif: str) -> None:
    setting = Setting(140.0, "justify", hyphenate=True, first_indent=11.0)
    lines = set_text(run("The photographs gathered here", serif), setting)
    assert len(lines) == 2
    assert lines[0].width == pytest.approx(target(setting, 0), abs=0.01)


def test_last_line_is_not_stretched(serif: str) -> None:
    setting = Setting(170.0, "justify", hyphenate=True)
    lines = set_text(run(PROSE, serif), setting)
    last = lines[-1]
    assert " " in last.text  # spaces are real spaces: nothing stretched them
    assert last.width == pytest.approx(fonts.width(last.text, serif, SIZE), abs=1e-6)
    assert last.width < setting.width - 5
    assert last.pieces[0].x == 0.0


def test_single_line_paragraph_is_natural_width(serif: str) -> None:
    (line,) = set_text(run("A short caption.", serif), Setting(300.0, "justify"))
    assert line.text == "A short caption."
    # Word by word, each kerned within itself: "A" and the space after it are measured apart.
    words = sum(fonts.width(word, serif, SIZE) for word in ("A", "short", "caption."))
    natural = words + 2 * fonts.width(" ", serif, SIZE)
    assert line.width == pytest.approx(natural)
    # Drawn as one piece, kerned across its spaces too ("A" against the space): a hair narrower.
    assert fonts.width(line.text, serif, SIZE) == pytest.approx(natural, abs=0.5)


# --- indent, alignment -----------------------------------------------------------------------

@pytest.mark.parametrize("align", ["justify", "left"])
def test_first_indent_is_honoured(serif: str, align: str) -> None:
    indent = 15.0
    setting = Setting(160.0, align, first_indent=indent)
    lines = set_text(run(PROSE, serif), setting)
    assert lines[0].pieces[0].x == pytest.approx(indent)
    assert lines[0].width <= 160.0 - indent + 0.01
    assert all(line.pieces[0].x == 0.0 for line in lines[1:])
    plain = set_text(run(PROSE, serif), Setting(160.0, align))
    assert plain[0].pieces[0].x == 0.0


@pytest.mark.parametrize("width", [float(w) for w in range(70, 320, 17)])
@pytest.mark.parametrize("hyphenate", [False, True])
def test_left_aligned_lines_are_never_wider_than_the_target(serif: str, width: float,
                                                            hyphenate: bool) -> None:
    setting = Setting(width, "left", hyphenate=hyphenate, first_indent=8.0)
    lines = set_text(run(PROSE, serif), setting)
    for index, line in enumerate(lines):
        assert line.width <= target(setting, index) + 0.01
        last = line.pieces[-1]
        assert end_of(last.text, last.x, last.font, last.size) <= setting.width + 0.01
        assert line.overfull == 0.0


def test_right_and_center_alignment(serif: str) -> None:
    width = 180.0
    for align in ("right", "center"):
        lines = set_text(run(PROSE, serif), Setting(width, align))
        for line in lines:
            first, last = line.pieces[0], line.pieces[-1]
            left = first.x
            right = width - end_of(last.text, last.x, last.font, last.size)
            if align == "right":
                assert right == pytest.approx(0.0, abs=0.01)
            else:
                assert left == pytest.approx(right, abs=0.01)
            assert left >= -0.01


# --- every word once ---------------------------------------------------------------------------

@pytest.mark.parametrize("align", ["justify", "left"])
@pytest.mark.parametrize("width", [110.0, 140.0, 175.0, 260.0])
def test_lines_rejoined_give_the_input_words(serif: str, align: str, width: float) -> None:
    lines = set_text(run(PROSE, serif), Setting(width, align, hyphenate=True, first_indent=10.0))
    assert rejoin(lines) == WORDS


def test_hyphenation_happens_in_narrow_columns(serif: str) -> None:
    lines = set_text(run(PROSE, serif), Setting(110.0, "justify", hyphenate=True))
    broken = [line for line in lines if line.hyphenated]
    assert broken
    for line in broken:
        assert line.text.endswith("-")
    assert rejoin(lines) == WORDS


def test_no_hyphenation_when_not_asked(serif: str) -> None:
    lines = set_text(run(PROSE, serif), Setting(110.0, "justify", hyphenate=False))
    assert not any(line.hyphenated for line in lines)
    assert rejoin(lines) == WORDS


def test_styled_runs_keep_their_fonts(serif: str, italic: str) -> None:
    runs = (Run("The series ", serif, SIZE), Run("Salt Lakes", italic, SIZE),
            Run(" was made in winter; un", serif, SIZE), Run("finished", italic, SIZE),
            Run(" work followed.", serif, SIZE))
    lines = set_text(runs, Setting(120.0, "justify"))
    italic_text = " ".join(p.text for line in lines for p in line.pieces if p.font == italic)
    assert italic_text.split() == ["Salt", "Lakes", "finished"]
    sentence = "The series Salt Lakes was made in winter; unfinished work followed."
    assert rejoin(lines) == sentence.split(" ")


def test_whitespace_only_gives_no_lines(serif: str) -> None:
    assert set_text(run("   \n\t ", serif), Setting(100.0)) == ()
    assert set_text((), Setting(100.0)) == ()


# --- long words ----------------------------------------------------------------------------------

def test_word_wider_than_the_column_is_broken(serif: str) -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    width = 70.0
    assert fonts.width(word, serif, SIZE) > 2 * width
    for align in ("left", "justify"):
        lines = set_text(run(f"See {word} here.", serif), Setting(width, align))
        assert len(lines) >= 3
        for line in lines:
            assert line.overfull == 0.0
            assert line.width <= width + 0.01
        assert "".join(line.text.replace(" ", "") for line in lines) == f"See{word}here."


def test_long_url_is_broken_instead_of_overflowing(serif: str) -> None:
    url = "https://example.org/archive/averyveryverylongsegmentwithnobreaksatall0123456789/index.html"
    width = 90.0
    lines = set_text(run(f"Online: {url} (2024).", serif), Setting(width, "left", hyphenate=True))
    for line in lines:
        assert line.width <= width + 0.01
        assert line.overfull == 0.0
    joined = "".join(line.text for line in lines)
    assert url in joined.replace(" ", "")  # nothing added, nothing lost


def test_url_breaks_after_slashes_without_adding_hyphens(serif: str) -> None:
    url = "https://example.org/photographs/steppe/salt-lakes/winter/index.html"
    lines = set_text(run(url, serif), Setting(80.0, "left", hyphenate=True))
    assert len(lines) > 1
    assert not any(line.hyphenated for line in lines)
    assert "".join(line.text for line in lines) == url


# --- soft hyphens ------------------------------------------------------------------------------

SHY_WORD = SHY.join(["in", "com", "pre", "hen", "si", "bil", "i", "ties"])


def test_soft_hyphens_are_never_printed_when_not_broken(serif: str) -> None:
    text = f"Some {SHY_WORD} words."
    (line,) = set_text(run(text, serif), Setting(400.0, "justify"))
    assert line.text == "Some incomprehensibilities words."
    assert not line.hyphenated


def test_soft_hyphens_are_break_points(serif: str) -> None:
    text = " ".join([SHY_WORD] * 6)
    width = fonts.width("incomprehensi-", serif, SIZE) + 2
    for align in ("justify", "left"):
        lines = set_text(run(text, serif), Setting(width, align))
        assert not any(SHY in line.text for line in lines)
        broken = [line for line in lines if line.hyphenated]
        assert broken
        syllables = SHY_WORD.split(SHY)
        runs_of_syllables = {"".join(syllables[i:j]) for i in range(len(syllables))
                             for j in range(i + 1, len(syllables) + 1)}
        for line in broken:
            assert line.text.endswith("-")
            # broken only where a soft hyphen was
            assert line_words(line)[-1][:-1] in runs_of_syllables
        assert rejoin(lines) == ["incomprehensibilities"] * 6


def test_soft_hyphens_replace_dictionary_hyphenation(serif: str) -> None:
    word = f"extra{SHY}ordinarily"
    width = fonts.width("extra-", serif, SIZE) + 20
    lines = set_text(run(f"{word} {word} {word}", serif), Setting(width, "left", hyphenate=True))
    for line in lines:
        if line.hyphenated:
            assert line_words(line)[-1] == "extra-"
    assert any(line.hyphenated for line in lines)
    assert rejoin(lines) == ["extraordinarily"] * 3


# --- determinism -------------------------------------------------------------------------------

def test_same_input_gives_same_lines(serif: str) -> None:
    setting = Setting(150.0, "justify", hyphenate=True, first_indent=11.0)
    first = set_text(run(PROSE, serif), setting)
    set_text.cache_clear()
    fonts.width.cache_clear()
    again = set_text(run(PROSE, serif), Setting(150.0, "justify", hyphenate=True, first_indent=11.0))
    assert again is not first
    assert again == first


def test_no_justified_line_is_wider_than_its_measure(serif: str) -> None:
    """Swept over the example's biographies: even a last line whose spaces had to shrink fits."""
    paragraphs = [p for slug in ("bekzat-popov", "kairat-ospanov")
                  for p in (REPO / "content/artists" / slug / "bio.md").read_text(encoding="utf-8").split("\n\n")]
    for width in range(150, 360, 7):
        for text in paragraphs:
            lines = set_text(run(" ".join(text.split()), serif), Setting(width=float(width), align="justify",
                                                                          hyphenate=True))
            for line in lines:
                assert line.overfull == 0.0, (width, line.text)
                end = line.pieces[-1].x + fonts.width(line.pieces[-1].text, serif, SIZE)
                assert end <= width + 0.01, (width, line.text)


# --- words too wide for any line (issue 19) ----------------------------------------------------

DATA = "".join(random.Random(19).choices(string.ascii_letters + string.digits, k=900))  # pasted data: no breaks

HANG_GUARD = """
import json, random, string, sys
from pathlib import Path
from catalog.content import markup
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from catalog.text.lines import Run, Setting
from catalog.text.typeset import set_text

serif = fonts.register(load_layout("classic", Path(sys.argv[1])).fonts).name("text", "regular")
words = {"data": "".join(random.Random(1).choices(string.ascii_letters + string.digits, k=20_000)),
         "asterisks": markup.parse("*" * 500_000).paragraphs[0].text}
setting = Setting(230.0, "justify", hyphenate=True, first_indent=11.0)
report = {}
for name, word in words.items():
    lines = set_text((Run(word, serif, 9.5),), setting)
    measures = [setting.width - (setting.first_indent if index == 0 else 0.0) for index in range(len(lines))]
    report[name] = {
        "length": len(word), "text": "".join(line.text for line in lines) == word, "lines": len(lines),
        "over": max(line.width - measure for line, measure in zip(lines, measures)),
        "forced": [line.forced for line in lines],
        "lengths": sorted({line.word_length for line in lines if line.forced})}
print(json.dumps(report))
"""


def test_long_unbreakable_words_are_set_without_hanging() -> None:
    """Issue 19: a 20,000-character word took minutes, '*' * 500,000 in Markdown longer (the breaker and the URL
    test were quadratic in the word's length). A hang guard, not a timing: it takes about a second."""
    done = subprocess.run([sys.executable, "-c", HANG_GUARD, str(REPO)], capture_output=True, text=True,
                          timeout=60, check=True)
    report = json.loads(done.stdout)
    assert report["asterisks"]["length"] == 500_000
    for name, found in report.items():
        assert found["text"], name  # every character once, in order
        assert found["over"] <= 0.01, name  # no line wider than its measure
        assert found["lines"] > found["length"] / 60, name
        assert found["forced"] == [True] * (found["lines"] - 1) + [False], name
        assert found["lengths"] == [found["length"]], name


@pytest.mark.parametrize("align", ["justify", "left"])
def test_word_too_wide_for_any_line_starts_a_line_and_is_cut_where_lines_are_full(serif: str, italic: str,
                                                                                  align: str) -> None:
    runs = (Run("See ", serif, SIZE), Run(DATA[:300], serif, SIZE), Run(DATA[300:420], italic, SIZE),
            Run(DATA[420:] + " here.", serif, SIZE))
    setting = Setting(120.0, align, hyphenate=True, first_indent=11.0)
    lines = set_text(runs, setting)
    assert "".join(line.text.replace(" ", "") for line in lines) == f"See{DATA}here."
    assert lines[0].text.strip() == "See"  # the word starts a line of its own
    widest = max(fonts.width(ch, font, SIZE) for ch in DATA for font in (serif, italic))
    forced = [index for index, line in enumerate(lines) if line.forced]
    assert forced == list(range(1, forced[-1] + 1))  # every line of the word but its last
    assert DATA[-10:] in lines[forced[-1] + 1].text  # the word's last line
    for index, line in enumerate(lines):
        assert line.overfull == 0.0
        assert line.width <= target(setting, index) + 0.01
        if line.forced:
            assert line.width > target(setting, index) - widest  # full: cut greedily
            assert line.word_length == len(DATA)
            assert not line.hyphenated
    assert "".join(p.text for line in lines for p in line.pieces if p.font == italic) == DATA[300:420]


def test_character_wider_than_the_column_overflows_on_a_line_of_its_own(serif: str) -> None:
    lines = set_text(run("W" * 2000, serif), Setting(3.0, "left"))
    assert [line.text for line in lines] == ["W"] * 2000
    assert all(line.overfull > 0 for line in lines)
    assert [line.forced for line in lines] == [True] * 1999 + [False]


def test_broken_word_is_reported_once_with_its_file_and_line(book: FontBook) -> None:
    setter = Typesetter(load_layout("classic", REPO), book, "en")
    origin = Origin(Path("content/artists/a/bio.md"), 7)
    lines = setter.lines(f"Data: {DATA} ends here.", setter.style("body"), 150.0, origin)
    setter.lines(f"Data: {DATA} ends", setter.style("body"), 150.0, origin)  # the same place set again
    setter.lines(PROSE, setter.style("body"), 150.0, Origin(Path("bio.md"), 1))
    setter.lines("https://example.org/photographs/steppe/salt-lakes/winter/index.html", setter.style("body"), 80.0,
                 Origin(Path("bio.md"), 3))  # broken at its slashes: where a reader expects it
    (problem,) = [p for p in setter.problems if p.code == "broken-word"]
    count = sum(line.forced for line in lines)
    assert count > 3
    assert (problem.file, problem.line, problem.severity) == (origin.file, 7, "warning")
    assert problem.message == (f"a word of 900 characters is too long for its column: it is broken between letters, "
                               f"with no hyphen, on {count} lines")
    assert problem.hint == "is it pasted data? add spaces or soft hyphens where it may break, or shorten it"
    assert not [p for p in setter.problems if p.code == "overflow"]
