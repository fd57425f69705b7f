"""The catalog's essays as loaded: notes checked at their lines, cross-references checked against the works, an
essay that belongs to an artist, and an interview's questions and answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.content.load import load_project
from catalog.errors import ContentError, Problem
from catalog.model import Essay
from tests.support.projects import artist_data, make_project


def project_with(tmp_path: Path, markdown: str, **entry: object) -> Path:
    """Two artists (anna-test with work-1 and work-2, boris-test with three works) and one essay."""
    root = make_project(tmp_path / "p", catalog={"texts": [
        {"title": "Essay", "file": "content/texts/essay.md", **entry}]})
    (root / "content" / "texts").mkdir(parents=True)
    (root / "content" / "texts" / "essay.md").write_text(markdown, encoding="utf-8")
    return root


def the_essay(root: Path) -> Essay:
    (text,) = load_project(root).catalog.texts
    return text


def errors_of(root: Path) -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as caught:
        load_project(root)
    return caught.value.problems


def essay_file(root: Path) -> Path:
    return root.resolve() / "content" / "texts" / "essay.md"


def test_a_reference_to_a_work_that_does_not_exist_names_the_line_and_the_nearest_work(tmp_path: Path) -> None:
    root = project_with(tmp_path, "First.\n\nSee {pl:anna-test/work-1} and\n{p:anna-test/wrok-2}.\n")
    (problem,) = errors_of(root)
    assert problem.message == "the cross-reference {p:anna-test/wrok-2} names no work of the catalog"
    assert (problem.file, problem.line, problem.hint) == (essay_file(root), 3, "did you mean 'anna-test/work-2'?")


def test_a_reference_in_a_note_is_checked_too(tmp_path: Path) -> None:
    root = project_with(tmp_path, "Text.[^1]\n\n[^1]: As {p:boris-test/work-9} shows.\n")
    (problem,) = errors_of(root)
    assert (problem.line, problem.hint) == (3, "did you mean 'boris-test/work-3'?")


def test_a_work_may_be_named_by_its_catalogue_number(tmp_path: Path) -> None:
    anna = artist_data("Anna Test")
    anna["works"][1]["cat_no"] = "12a"
    root = make_project(tmp_path / "p", {"anna-test": anna}, catalog={"texts": [
        {"title": "Essay", "text": "See {pl:12a} and {p:anna-test/work-1}."}]})
    spans = the_essay(root).body.paragraphs[0].spans
    assert [span.ref for span in spans if span.ref] == ["pl:12a", "p:anna-test/work-1"]


def test_a_footnote_without_its_text_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = project_with(tmp_path, "One.\n\nTwo[^1] and three[^2].\n\n[^1]: The first.\n")
    (problem,) = errors_of(root)
    assert (problem.message, problem.file, problem.line) == (
        "the footnote [^2] has no text", essay_file(root), 3)


def test_a_note_never_called_for_is_a_warning(tmp_path: Path) -> None:
    root = project_with(tmp_path, "One.[^1]\n\n[^1]: Used.\n[^2]: Left over.\n")
    loaded = load_project(root)
    (warning,) = [w for w in loaded.warnings if "footnote" in w.message]
    assert (warning.severity, warning.file, warning.line) == ("warning", essay_file(root), 4)
    assert [note.number for note in loaded.catalog.texts[0].body.notes] == [1]


def test_notes_in_an_essay_written_in_catalog_yaml(tmp_path: Path) -> None:
    essay = {"title": "Short", "text": "Inline[^n].\n\n[^n]: Its note."}
    root = make_project(tmp_path / "p", catalog={"texts": [essay]})
    text = the_essay(root)
    assert [p.text for note in text.body.notes for p in note.paragraphs] == ["Its note."]
    assert text.body.paragraphs[0].text == "Inline1."


def test_an_essay_may_belong_to_an_artist(tmp_path: Path) -> None:
    root = project_with(tmp_path, "Text.\n", artist="boris-test")
    assert the_essay(root).artist == "boris-test"


def test_an_essay_of_an_unknown_artist_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = project_with(tmp_path, "Text.\n", artist="boris-tset")
    (problem,) = errors_of(root)
    assert problem.message == "the text 'Essay' belongs to the artist 'boris-tset', who is not in the catalog"
    assert problem.hint == "did you mean 'boris-test'?"
    lines = (root / "catalog.yaml").read_text(encoding="utf-8").splitlines()
    assert (problem.file, problem.line) == (root.resolve() / "catalog.yaml",
                                            next(n for n, line in enumerate(lines, 1) if "artist: boris-tset" in line))


def test_an_interview_sets_questions_and_answers(tmp_path: Path) -> None:
    root = project_with(tmp_path, "An introduction.\n\nQ: Where did you start?\n\nA: In the market.\n\n"
                                  "It was near home.\n\nQ: And then?\n\nA:\u00a0Later.\n", style="interview")
    text = the_essay(root)
    assert [(p.kind, p.text) for p in text.body.paragraphs] == [
        ("paragraph", "An introduction."), ("question", "Where did you start?"), ("answer", "In the market."),
        ("answer", "It was near home."), ("question", "And then?"), ("answer", "Later.")]
    assert text.style == "interview"


def test_an_interview_by_names_takes_the_first_speaker_for_the_one_who_asks(tmp_path: Path) -> None:
    root = project_with(tmp_path, "**Aigerim Sadykova:** Why salt?\n\n**Bekzat Popov:** Because it stays.\n\n"
                                  "**Aigerim Sadykova:** And the sea?\n", style="interview")
    paragraphs = the_essay(root).body.paragraphs
    assert [p.kind for p in paragraphs] == ["question", "answer", "question"]
    assert paragraphs[1].spans[0].bold and paragraphs[1].text == "Bekzat Popov: Because it stays."


def test_an_essay_that_is_no_interview_keeps_its_q(tmp_path: Path) -> None:
    root = project_with(tmp_path, "Q: a letter.\n")
    assert [(p.kind, p.text) for p in the_essay(root).body.paragraphs] == [("paragraph", "Q: a letter.")]
