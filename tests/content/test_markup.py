"""Markdown as CommonMark reads it (markdown-it-py): paragraphs, *italic*, **bold**, escapes; HTML, entities and
stray asterisks printed as written. Essays' blocks, notes and references: test_essay_markup.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from catalog.content.markup import inline, parse
from catalog.model import Span


def styled(text: str) -> list[tuple[str, str]]:
    """Spans as (text, style) with style one of '', 'i', 'b', 'bi', for compact assertions."""
    return [(s.text, ("b" if s.bold else "") + ("i" if s.italic else "")) for s in inline(text)]


# --- paragraphs ----------------------------------------------------------------------------

def test_paragraphs_split_on_blank_lines_with_first_lines() -> None:
    source = "First paragraph\ncontinues here.\n\nSecond one.\n\n\n\nThird,\nafter three blanks.\n"
    text = parse(source, Path("bio.md"), 1)
    assert [p.text for p in text.paragraphs] == [
        "First paragraph continues here.", "Second one.", "Third, after three blanks."]
    assert [p.origin.line for p in text.paragraphs] == [1, 4, 8]
    assert all(p.origin.file == Path("bio.md") for p in text.paragraphs)


def test_blank_lines_with_spaces_and_tabs_still_split() -> None:
    source = "one\n   \ntwo\n\t\nthree\n \t \nfour"
    text = parse(source, None, 10)
    assert [p.text for p in text.paragraphs] == ["one", "two", "three", "four"]
    assert [p.origin.line for p in text.paragraphs] == [10, 12, 14, 16]


def test_leading_blank_lines_and_indentation_count_for_the_line() -> None:
    source = "\n\n   indented start\nmore\n\n  \n    next"
    text = parse(source, None, 5)
    assert [p.text for p in text.paragraphs] == ["indented start more", "next"]
    assert [p.origin.line for p in text.paragraphs] == [7, 11]


def test_no_first_line_means_no_line() -> None:
    text = parse("a\n\nb")
    assert [p.origin.line for p in text.paragraphs] == [None, None]


def test_windows_and_old_mac_line_ends() -> None:
    text = parse("one\r\ntwo\r\n\r\nthree\r\rfour", None, 1)
    assert [p.text for p in text.paragraphs] == ["one two", "three", "four"]
    assert [p.origin.line for p in text.paragraphs] == [1, 4, 6]


def test_empty_and_blank_sources_have_no_paragraphs() -> None:
    assert parse("").paragraphs == ()
    assert parse("\n  \n\t\n").paragraphs == ()


def test_whitespace_collapses_inside_a_paragraph() -> None:
    text = parse("  many   spaces\tand\ttabs \n  and   a new line  ")
    assert text.plain == "many spaces and tabs and a new line"


def test_plain_joins_paragraphs_with_a_blank_line() -> None:
    assert parse("a *b*\n\nc").plain == "a b\n\nc"


def test_non_breaking_space_is_kept() -> None:
    assert parse("60\u00a0×\u00a040 cm").plain == "60\u00a0×\u00a040 cm"


# --- emphasis ------------------------------------------------------------------------------

def test_italic_bold_and_both() -> None:
    assert styled("a *it* b") == [("a ", ""), ("it", "i"), (" b", "")]
    assert styled("a **bold** b") == [("a ", ""), ("bold", "b"), (" b", "")]
    assert styled("a ***both*** b") == [("a ", ""), ("both", "bi"), (" b", "")]


def test_emphasis_spans_carry_flags() -> None:
    assert inline("*x*") == (Span("x", italic=True, bold=False),)
    assert inline("**x**") == (Span("x", italic=False, bold=True),)


def test_nested_emphasis() -> None:
    assert styled("*a **b** c*") == [("a ", "i"), ("b", "bi"), (" c", "i")]
    assert styled("**a *b* c**") == [("a ", "b"), ("b", "bi"), (" c", "b")]


def test_emphasis_inside_words() -> None:
    assert styled("un*believ*able") == [("un", ""), ("believ", "i"), ("able", "")]


def test_emphasis_across_lines_of_a_paragraph() -> None:
    (paragraph,) = parse("the *Steppe\nseries* of 2019").paragraphs
    assert [(s.text, s.italic) for s in paragraph.spans] == [
        ("the ", False), ("Steppe series", True), (" of 2019", False)]


def test_emphasis_does_not_cross_paragraphs() -> None:
    text = parse("open *here\n\nclosed* there")
    assert [p.text for p in text.paragraphs] == ["open *here", "closed* there"]
    assert not any(s.italic for p in text.paragraphs for s in p.spans)


@pytest.mark.parametrize("source", [
    "2 * 3 = 6",
    "a * b * c",
    "*open only",
    "closed only*",
    "**bold without end",
    "* a *",
    "stars **** long",
    "***",
    "rating: *****",
])
def test_unmatched_asterisks_print_literally(source: str) -> None:
    assert styled(source) == [(source, "")]


def test_spaced_asterisk_inside_emphasis_stays_literal() -> None:
    assert styled("*2 * 3*") == [("2 * 3", "i")]


def test_runs_pair_as_commonmark_pairs_them() -> None:
    """CommonMark's delimiter rules, not our own: a run of asterisks may close part of a longer one, and runs of
    four are emphasis twice over (the hand-written subset printed these as written)."""
    assert styled("mismatched **runs*") == [("mismatched *", ""), ("runs", "i")]
    assert styled("****x****") == [("x", "b")]
    assert styled("**a ***b* c** d*") == [("*", ""), ("a ", "i"), ("b c", "bi"), (" d", "i")]


@pytest.mark.parametrize("source", [
    "<b>x</b>",
    "Tom & Jerry",
    "a < b > c",
    "&amp; &lt;tag&gt;",
    "<i>not italic</i> <br/> <font color=red>x</font>",
    "a # hash and ``` fences",
])
def test_html_and_other_markdown_are_printed_as_written(source: str) -> None:
    assert styled(source) == [(source, "")]
    assert parse(source).plain == source


def test_other_inline_markdown_is_understood() -> None:
    """Underscores are emphasis, code prints without its backticks, a link as its text, a bare address as written."""
    assert styled("_under_ and __double__ and `co*de*` and [link](http://x.org) and http://x.org/a_b_c") == [
        ("under", "i"), (" and ", ""), ("double", "b"), (" and co*de* and link and http://x.org/a_b_c", "")]


def test_markup_characters_inside_emphasis_are_literal() -> None:
    assert styled("*<b>&amp;</b>*") == [("<b>&amp;</b>", "i")]


# --- backslash escapes ---------------------------------------------------------------------

def test_escaped_asterisks_are_literal() -> None:
    assert styled(r"\*not italic\*") == [("*not italic*", "")]
    assert styled(r"5 \*\* 2") == [("5 ** 2", "")]


def test_escaped_backslash() -> None:
    assert styled(r"a\\b") == [("a\\b", "")]
    assert styled(r"\\*it*") == [("\\", ""), ("it", "i")]


def test_escape_inside_emphasis() -> None:
    assert styled(r"*a \* b*") == [("a * b", "i")]


def test_backslash_before_other_characters_is_kept() -> None:
    """Before a letter a backslash is a character; before punctuation (here an underscore) it escapes it."""
    assert styled(r"C:\path\to _x\_ \n") == [(r"C:\path\to _x_ \n", "")]
    assert styled("ends with \\") == [("ends with \\", "")]


# --- long sources (issue 19) ---------------------------------------------------------------

HANG_GUARD = """
import json
from pathlib import Path
from catalog.content.markup import parse

runs = parse("**a " * 50_000 + "a* " * 50_000)  # 50,000 runs opened, as many of another length closed
paragraphs = parse("a\\n\\n" * 50_000, Path("bio.md"), 1)
print(json.dumps({"spans": [[s.text[:8], s.italic, s.bold] for s in runs.paragraphs[0].spans[:1]],
                  "paragraphs": len(paragraphs.paragraphs), "last": paragraphs.paragraphs[-1].origin.line}))
"""


def test_long_sources_are_parsed_without_hanging() -> None:
    """Pairing runs searched every open run for each closing one, and each paragraph counted its line from the
    start of the file: both quadratic. A hang guard, not a timing: it takes about a second."""
    done = subprocess.run([sys.executable, "-c", HANG_GUARD], capture_output=True, text=True, timeout=60, check=True)
    report = json.loads(done.stdout)
    assert report == {"spans": [["**a **a ", False, False]], "paragraphs": 50_000, "last": 99_999}
