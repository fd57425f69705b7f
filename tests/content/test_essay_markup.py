"""An essay's Markdown: headings, quotes, epigraph, pull quote, lists, links, breaks, footnotes and cross-references,
each block with its line; and what is wrong with its notes, at the line it is on."""

from __future__ import annotations

from pathlib import Path

from catalog.content.markup import parse, parse_essay, polished
from catalog.model import PARAGRAPH_KINDS, Paragraph, Text

FILE = Path("essay.md")


def essay(source: str) -> Text:
    text, problems = parse_essay(source, FILE, 1)
    assert problems == [], [p.format() for p in problems]
    return text


def blocks(text: Text) -> list[tuple[str, int, str, str]]:
    """(kind, level, label, text) of each block, for compact assertions."""
    return [(p.kind, p.level, p.label, p.text) for p in text.paragraphs]


def test_headings_print_without_their_marks_at_three_levels() -> None:
    text = essay("# One\n\n## Two *it*\n\n### Three\n\n#### Four\n\nBody.\n")
    assert blocks(text) == [("heading", 1, "", "One"), ("heading", 2, "", "Two it"), ("heading", 3, "", "Three"),
                            ("heading", 3, "", "Four"), ("paragraph", 0, "", "Body.")]
    assert [p.origin.line for p in text.paragraphs] == [1, 3, 5, 7, 9]


def test_a_quote_before_the_first_paragraph_is_the_epigraph_and_later_ones_quotes() -> None:
    text = essay("> The steppe\n> is wide.\n>\n> — A saying\n\nText.\n\n> A quote\n>> nested\n\nMore.\n")
    assert blocks(text) == [("epigraph", 1, "", "The steppe is wide."), ("epigraph", 1, "", "— A saying"),
                            ("paragraph", 0, "", "Text."), ("quote", 1, "", "A quote"), ("quote", 2, "", "nested"),
                            ("paragraph", 0, "", "More.")]
    assert [p.origin.line for p in text.paragraphs] == [1, 4, 6, 8, 9, 11]


def test_classes_mark_an_epigraph_and_a_pull_quote() -> None:
    text = essay("Text.\n\n{.epigraph}\nLater epigraph.\n\n{.pull}\nA pull quote.\n\n{.pull}\n> Pulled too.\n")
    assert blocks(text) == [("paragraph", 0, "", "Text."), ("epigraph", 0, "", "Later epigraph."),
                            ("pull", 0, "", "A pull quote."), ("pull", 1, "", "Pulled too.")]


def test_lists_have_labels_and_depths() -> None:
    text = essay("- one\n- two\n  - inner\n\n  two, again\n\n3. three\n4) four\n")
    assert blocks(text) == [("item", 1, "•", "one"), ("item", 1, "•", "two"), ("item", 2, "–", "inner"),
                            ("item", 1, "", "two, again"), ("item", 1, "3.", "three"), ("item", 1, "4)", "four")]


def test_links_print_their_text_and_addresses_print_as_written() -> None:
    text = essay("See [the museum](https://example.org/a_b) or https://example.org/a_b_c, <https://x.org>.\n")
    assert text.paragraphs[0].text == "See the museum or https://example.org/a_b_c, https://x.org."


def test_a_thematic_break_prints_as_written() -> None:
    assert blocks(essay("One.\n\n* * *\n\nTwo.\n")) == [
        ("paragraph", 0, "", "One."), ("break", 0, "", "* * *"), ("paragraph", 0, "", "Two.")]


def test_footnotes_are_numbered_in_the_order_they_are_first_called_for() -> None:
    text = essay("A[^b] and B[^a] and A again[^b].\n\n[^a]: Note *a*,\n    two lines.\n\n"
                 "    Its second paragraph.\n[^b]: Note b.\n")
    spans = text.paragraphs[0].spans
    assert [(s.text, s.note) for s in spans if s.note] == [("1", 1), ("2", 2), ("1", 1)]
    assert [(note.number, [p.text for p in note.paragraphs], note.origin.line) for note in text.notes] == [
        (1, ["Note b."], 7), (2, ["Note a, two lines.", "Its second paragraph."], 3)]
    assert [p.origin.line for p in text.notes[1].paragraphs] == [3, 6]
    assert text.paragraphs[0].text == "A1 and B2 and A again1."  # the note definitions print nowhere else


def test_a_note_never_written_is_an_error_and_one_never_called_for_a_warning() -> None:
    text, problems = parse_essay("Intro.\n\nCalled[^1] and [^missing].\n\n[^1]: Fine.\n\n[^spare]: Unused.\n",
                                 FILE, 10)
    assert [(p.severity, p.message, p.file, p.line) for p in problems] == [
        ("error", "the footnote [^missing] has no text", FILE, 12),
        ("warning", "the footnote [^spare] is never referred to and does not print", FILE, 16)]
    assert [note.number for note in text.notes] == [1]


def test_escaped_marks_stay_literal() -> None:
    text, problems = parse_essay(r"Literal \[^1] and \{pl:x/y} and \*stars\*." + "\n", FILE, 1)
    assert problems == []
    assert [(s.text, s.note, s.ref) for s in text.paragraphs[0].spans] == [
        ("Literal [^1] and {pl:x/y} and *stars*.", 0, "")]


def test_cross_references_are_spans_of_their_own() -> None:
    (paragraph,) = essay("See *{pl:anna-test/work-1}* and ({p:12.3}).\n").paragraphs
    assert [(s.text, s.ref, s.italic) for s in paragraph.spans] == [
        ("See ", "", False), ("{pl:anna-test/work-1}", "pl:anna-test/work-1", True), (" and (", "", False),
        ("{p:12.3}", "p:12.3", False), (").", "", False)]


def test_outside_essays_notes_and_references_are_text() -> None:
    """A biography knows no notes: its [^1] and {pl:...} print as written."""
    text = parse("Bio[^1] {pl:a/b}.\n\n[^1]: note\n")
    assert [p.text for p in text.paragraphs] == ["Bio[^1] {pl:a/b}.", "[^1]: note"]


def test_polishing_keeps_kinds_notes_and_references() -> None:
    text = polished(essay('## "Heading"\n\n- "item" {p:a/b}[^1]\n\n[^1]: "quoted" note\n'), "en")
    heading, item = text.paragraphs
    assert (heading.kind, heading.level, heading.text) == ("heading", 2, "“Heading”")
    assert (item.kind, item.label) == ("item", "•")
    assert [(s.text, s.ref, s.note) for s in item.spans] == [
        ("“item” ", "", 0), ("{p:a/b}", "p:a/b", 0), ("1", "", 1)]
    assert text.notes[0].paragraphs[0].text == "“quoted” note"


def test_a_paragraph_keeps_its_label_for_texts_that_do_not_hang_it() -> None:
    assert Paragraph(()).kind == "paragraph"
    assert parse("1968. The year").paragraphs[0].label == "1968."


def test_every_block_is_of_a_known_kind() -> None:
    source = "> e\n\n# h\n\np[^1]\n\n> q\n\n- i\n\n***\n\n{.pull}\np\n\n[^1]: n\n"
    kinds = {p.kind for p in essay(source).paragraphs}
    assert kinds == {"epigraph", "heading", "paragraph", "quote", "item", "break", "pull"} < set(PARAGRAPH_KINDS)


def test_a_mark_that_means_nothing_is_a_warning_at_its_line() -> None:
    text, problems = parse_essay("Text.\n\n{.pul}\nA pull quote, misspelt.\n", FILE, 1)
    assert [(p.severity, p.message, p.line) for p in problems] == [
        ("warning", "{.pul} marks nothing an essay prints: the block after it prints as usual", 3)]
    assert [p.kind for p in text.paragraphs] == ["paragraph", "paragraph"]
